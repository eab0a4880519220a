/**
 * The user agent amazon-cognito-identity-js lets apps extend ({@link appendToCognitoUserAgent}):
 * sent as `X-Amz-User-Agent` by every pool, once something was appended.
 * @module
 */

/** The headers every pool's client sends (one object, read at each request). @internal */
export const userAgentHeaders: Record<string, string> = {}

/** Append `content` to the `X-Amz-User-Agent` header of every request (once; empty content is ignored). */
export function appendToCognitoUserAgent(content: string): void {
  const ua = userAgentHeaders['x-amz-user-agent']
  if (!content || ua?.includes(content)) return
  userAgentHeaders['x-amz-user-agent'] = ua ? `${ua} ${content}` : content
}

/** The user agent, as acij exposes it: `new UserAgent().userAgent`. */
export class UserAgent {
  /** What `X-Amz-User-Agent` carries (`''` until something is appended). */
  get userAgent(): string {
    return userAgentHeaders['x-amz-user-agent'] ?? ''
  }
}

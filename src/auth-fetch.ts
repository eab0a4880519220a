/**
 * `authFetch`: pycognito's `RequestsSrpAuth` for `fetch`.
 * @module
 */
import type { Cognito } from './cognito.ts'
import { ArgumentError, assertStr, NotAuthenticatedError, NotAuthorizedException } from './errors.ts'

/** Options of {@link authFetch}. */
export interface AuthFetchOptions {
  /** Which token to send. Default `access`. */
  tokenType?: 'id' | 'access'
  /** Header name. Default `Authorization`. */
  header?: string
  /** Prepended to the token. Default `Bearer `. */
  prefix?: string
  /** The `fetch` that sends the app's requests. Default: the global `fetch`, looked up per call. */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>
  /** Refresh this many seconds before expiry. Default 60. */
  margin?: number
  /**
   * Allow signing in again with this password when there is no token or the refresh token is
   * rejected. Omit it and the function never re-authenticates (it throws instead). The password
   * stays in this closure.
   */
  password?: string
  /** Custom re-authentication (e.g. prompt the user), instead of `password`. */
  reauthenticate?: () => Promise<unknown>
}

/**
 * Wrap `fetch` so every request carries the user's token: refreshed before it expires, with
 * concurrent callers sharing one refresh, and re-authentication only if allowed.
 * @returns a function with `fetch`'s signature
 * @throws {NotAuthenticatedError} (from the returned function) no usable token and no way to re-authenticate
 * @example
 * ```ts
 * const api = authFetch(user, { tokenType: 'id' })
 * const res = await api('https://api.example.com/me')
 * ```
 */
export function authFetch(cognito: Cognito, options: AuthFetchOptions = {}): (input: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  const { tokenType = 'access', header = 'Authorization', prefix = 'Bearer ', margin = 60, password } = options
  if (tokenType !== 'id' && tokenType !== 'access') throw new ArgumentError('"tokenType" must be "id" or "access"', 'ERR_INVALID_ARG_VALUE')
  if (password !== undefined) assertStr(password, 'password')
  const reauth = options.reauthenticate ?? (password ? () => cognito.authenticate(password) : undefined)
  let inflight: Promise<void> | undefined
  const prepare = async (): Promise<void> => {
    if (cognito.accessToken === undefined) {
      if (!reauth) throw new NotAuthenticatedError('authFetch needs a signed-in user')
      await reauth()
      return
    }
    try {
      await cognito.checkToken({ margin })
    } catch (e) {
      if (!reauth || !(e instanceof NotAuthorizedException || e instanceof NotAuthenticatedError)) throw e
      await reauth()
    }
  }
  return async (input, init) => {
    await (inflight ??= prepare().finally(() => (inflight = undefined)))
    const token = tokenType === 'id' ? cognito.idToken : cognito.accessToken
    if (!token) throw new NotAuthenticatedError(`authFetch has no ${tokenType} token`)
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined))
    headers.set(header, prefix + token)
    return (options.fetch ?? fetch)(input, { ...init, headers })
  }
}

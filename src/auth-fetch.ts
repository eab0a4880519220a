/**
 * `authFetch`: pycognito's `RequestsSrpAuth` for `fetch`. Every request carries the user's token,
 * renewed before it expires; the token never follows a redirect to another origin.
 * @module
 */
import { argError, assertFn, assertStr, NotAuthenticatedError, NotAuthorizedException, optionsOf, headersOf, need } from './errors.ts'
import type { TokenSource } from './token-source.ts'
import { untilAborted } from './session.ts'

/** Options of {@link authFetch}. */
export interface AuthFetchOptions {
  /** Which token to send. Default `access`. */
  tokenType?: 'id' | 'access' | undefined
  /** Header name. Default `Authorization`. */
  header?: string | undefined
  /** Prepended to the token. Default `Bearer `. */
  prefix?: string | undefined
  /** The `fetch` that sends the app's requests. Default: the global `fetch`, looked up per call. */
  fetch?: ((input: Request | string | URL, init?: RequestInit) => Promise<Response>) | undefined
  /**
   * Refresh this many seconds before expiry, 0 to 3600. Default 60. Checked by the source's
   * `checkToken` before each request (a `Cognito` instance or `createTokenSource` refuses a larger
   * one with an `ArgumentError`, before any renewal or request).
   */
  margin?: number | undefined
  /**
   * Origins (`https://api.example.com`) a redirect may lead to with the token still attached.
   * Default: none besides the request's own origin. A redirect elsewhere is followed without it.
   * Each entry counts as the origin of the URL it is (a trailing slash or a path is ignored); one
   * that is not an absolute URL is an `ArgumentError` when `authFetch` is created.
   */
  allowedOrigins?: string[] | undefined
  /**
   * Allow signing in again with this password when there is no token or the refresh token is
   * rejected (needs a `Cognito` instance). Omit it and the function never re-authenticates.
   */
  password?: string | undefined
  /** Custom re-authentication (e.g. prompt the user), instead of `password`. */
  reauthenticate?: (() => Promise<unknown>) | undefined
}

/**
 * Wrap `fetch` so every request carries the user's token: refreshed before it expires, with
 * concurrent callers sharing one refresh, and re-authentication only if allowed. A caller's
 * `signal` ends its own wait for a shared refresh at once (the refresh goes on for the others).
 * Redirects are followed here rather than by `fetch`, so the token goes only to the request's
 * origin (and `allowedOrigins`); a body that cannot be sent twice (a stream, a `Request`'s body) is
 * not, and its 307 / 308 is returned. Browsers hide redirects from scripts: there a GET or HEAD is
 * sent again for the browser to follow with the default `Authorization` header (which browsers
 * drop across origins); any other request, or a custom header, gets the redirect returned as it is,
 * so a POST never reaches the server twice. A request that sets `redirect` to `error` or `manual` is sent as it is.
 * @param source - a `Cognito` instance, or {@link createTokenSource} for a stored refresh token
 * @returns a function with `fetch`'s signature
 * @throws {NotAuthenticatedError} (from the returned function) no usable token and no way to re-authenticate
 * @example
 * ```ts
 * const api = authFetch(user, { tokenType: 'id' })
 * const res = await api('https://api.example.com/me')
 * ```
 */
export function authFetch(source: TokenSource & { authenticate?: ((password: string) => Promise<unknown>) | undefined }, options: AuthFetchOptions = {}): (input: Request | string | URL, init?: RequestInit) => Promise<Response> {
  if (typeof source?.checkToken !== 'function') throw argError('"source" must be a token source')
  const { tokenType = 'access', header = 'Authorization', prefix = 'Bearer ', margin = 60, password, allowedOrigins = [] } = optionsOf(options)
  assertFn(options.fetch, 'fetch')
  assertFn(options.reauthenticate, 'reauthenticate')
  // compared as origins: 'https://api.example.com/' (or any path) is the origin it names; a
  // string (which has no `map`: it would be matched by substring) or an entry that is not an
  // absolute URL is refused here, not with the runtime's bare "Invalid URL"
  let allowed: string[]
  try {
    allowed = allowedOrigins.map((o) => new URL(o).origin)
  } catch {
    throw argError('"allowedOrigins" must be absolute URLs', 1)
  }
  if (tokenType !== 'id' && tokenType !== 'access') throw argError('"tokenType" must be "id" or "access"', 1)
  // tried now with a stand-in token: a bad name or prefix is an ArgumentError here, before any
  // renewal, instead of the runtime's TypeError from every request, which quotes the token
  headersOf({ [header]: prefix + 0 }, 'header / prefix')
  if (password !== undefined) {
    assertStr(password, 'password')
    if (typeof source.authenticate !== 'function') throw argError('"password" needs a source that can sign in')
  }
  const reauth = options.reauthenticate ?? (password ? () => source.authenticate!(password) : undefined)
  let inflight: Promise<void> | undefined
  const prepare = async (): Promise<void> => {
    try {
      if (!(source.accessToken ?? source.refreshToken)) throw new NotAuthenticatedError('authFetch needs a signed-in user')
      await source.checkToken({ margin })
    } catch (e) {
      if (!reauth || !(e instanceof NotAuthorizedException || e instanceof NotAuthenticatedError)) throw e
      await reauth()
    }
  }
  return async (input, init) => {
    // `null` is no options, as fetch takes it
    init ??= {}
    // a Request by its shape, not `instanceof`: a runtime may have no Request global (Jest's jsdom),
    // or the Request may come from another realm (an iframe, a vm context)
    const req = typeof (input as Request)?.url == 'string' ? (input as Request) : undefined
    const signal = init.signal ?? req?.signal
    await untilAborted(() => (inflight ??= prepare().finally(() => (inflight = undefined))), signal)
    const token = source[`${tokenType}Token`]
    if (!token) throw new NotAuthenticatedError(`authFetch has no ${tokenType} token`)
    const send = options.fetch ?? need<typeof fetch>('fetch')
    const headers = new Headers(init.headers ?? req?.headers)
    // through headersOf: the runtime's TypeError for a token that cannot be a header value (a line
    // break or NUL in a stored one) quotes it; this ArgumentError names "accessToken" / "idToken" only
    headers.set(header, headersOf({ [header]: prefix + token }, `${tokenType}Token`).get(header)!)
    // 'error' or 'manual', in `init` or the Request: the caller chose how redirects go ('follow' is what happens below)
    if ((init.redirect ?? req?.redirect ?? 'follow') != 'follow') return send(input, { ...init, headers })
    // a path ('/api/me') is relative to the page, as fetch takes it in a browser
    let url = new URL(req?.url ?? (input as string), (globalThis as { location?: { href: string } }).location?.href)
    const origin = url.origin
    // later hops send the URL, not the Request: its method and signal go with them
    let opts = { method: req?.method, ...init, signal, headers, redirect: 'manual' } as RequestInit
    // what is sent: a stream (a Request's body is one) cannot be sent a second time
    let body = init.body ?? req?.body
    for (let hops = 0; ; hops++) {
      const res = await send(hops ? url.href : input, opts)
      const method = opts.method?.toUpperCase() ?? 'GET'
      // a browser hides the redirect: only Authorization may follow it (browsers drop it across
      // origins), and only a GET or HEAD is sent again: a POST has reached the server already
      if (res.type === 'opaqueredirect') return /^authorization$/i.test(header) && (method === 'GET' || method === 'HEAD') ? send(input, { ...init, headers }) : res
      const location = res.headers.get('location')
      // 303, and 301/302 after a POST, become a GET without a body (the Fetch standard's rule)
      const get = res.status === 303 || (res.status < 303 && method === 'POST')
      // only 301, 302, 303, 307 and 308 are redirects (the Fetch standard): a 300 or 304 is an answer;
      // 20 hops at most, the standard's limit; a stream body cannot be sent again unless it is dropped
      // (test() reads the status as its string; `hops > 19` is the 20th hop, paying for the allowedOrigins check above;
      // a stream is told by its shape: React Native and Jest's jsdom define no ReadableStream)
      if (!/^30[12378]$/.test(res.status as never) || !location || hops > 19 || (!get && !!(body as ReadableStream)?.getReader)) return res
      await res.body?.cancel()
      url = new URL(location, url)
      // each hop's options and headers are new objects: a fetch that keeps them sees each as it was sent
      const h = new Headers(opts.headers)
      // and the caller's own Authorization, which fetch itself drops across origins
      if (url.origin !== origin && !allowed.includes(url.origin)) h.delete(header), h.delete('authorization')
      // a GET carries no body, so no header that describes one
      if (get) h.delete('content-type')
      opts = { ...opts, headers: h, ...(get && { method: 'GET', body: (body = null) }) }
    }
  }
}

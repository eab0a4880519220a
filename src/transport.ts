/**
 * The JSON transport: `POST /` with `Content-Type: application/x-amz-json-1.1` and
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, error parsing per the awsJson
 * rules, and standard-mode retries for throttling and transient failures only. It never follows a
 * redirect, redacts token-shaped strings from Cognito's messages, and takes the server's clock
 * only from Cognito's own answers.
 *
 * {@link send} checks its options on every call (they may come straight from a caller);
 * {@link dispatch} is the same call for options checked once already (a client's).
 * @module
 */
import { AbortError, argError, assertFn, assertObj, assertStrings, CognitoError, CognitoServiceError, headersOf, need, NetworkError, ResponseError, TimeoutError, serviceError } from './errors.ts'
import { aborted, readText } from './lib/body.ts'
import { checkRanges, httpUrl } from './lib/checks.ts'
import { isObj, isStr } from './lib/guards.ts'
import { REGION, regionFromPoolId } from './lib/pool-id.ts'

export { regionFromPoolId }

/** The subset of `fetch` the library uses. Any WHATWG-compatible implementation fits. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** Retry policy (AWS "standard" mode). */
export interface RetryOptions {
  /** Total attempts including the first. Default 3. `1` disables retries. */
  maxAttempts?: number | undefined
  /** Base delay for transient failures (5xx, network), ms. Default 50. */
  baseDelay?: number | undefined
  /** Base delay for throttling (TooManyRequestsException, 429), ms. Default 1000. */
  throttleBaseDelay?: number | undefined
  /** Upper bound of one delay, ms. Default 20000. */
  maxDelay?: number | undefined
  /** Source of randomness in [0, 1) for full jitter. Default `Math.random`. */
  random?: (() => number) | undefined
}

/**
 * Options every caller can set, on the client or per call. A member left `undefined` counts as left
 * out: on a client or a class it means the default, on one call (`call`, the classes' `call`, the
 * admin client's `send`) it keeps the client's value.
 */
export interface TransportOptions {
  /** AWS region. Default: taken from the user pool id (`us-east-1_abc` → `us-east-1`). */
  region?: string | undefined
  /** Full endpoint URL, e.g. a local pool or a proxy. Default `https://cognito-idp.<region>.amazonaws.com/`. */
  endpoint?: string | undefined
  /** `fetch` implementation, looked up at call time. Default: the global `fetch`. */
  fetch?: FetchLike | undefined
  /** Abort every request made with these options. */
  signal?: AbortSignal | undefined
  /** Per-attempt timeout in ms. Default 10000. `0` disables it. */
  timeout?: number | undefined
  /** Extra request headers (e.g. a user agent). `authorization` is rejected. */
  headers?: Record<string, string> | undefined
  /** Retry policy, or `false` to make exactly one attempt. */
  retry?: RetryOptions | false | undefined
  /**
   * Largest response body accepted, in bytes after decompression. Default 1048576 (1 MiB; Cognito's
   * largest answers are a few hundred KB). A longer body is a non-retried `ResponseError`, and
   * reading stops there.
   */
  maxResponseBytes?: number | undefined
  /**
   * Called with the server's `Date` header (ms since epoch) and the local time, for each answer
   * that is Cognito's (it carries Cognito's request id and a Cognito body). Used to correct clock
   * skew in SRP timestamps and token expiry checks.
   */
  onServerDate?: ((serverTime: number, localTime: number) => void) | undefined
}

/** Clock differences above this are implausible for a real server, and ignored: 30 days, ms. */
const MAX_SKEW = 2_592_000_000

/**
 * Server clock minus local clock, from an answer's `Date` header (see
 * {@link TransportOptions.onServerDate}). Offsets under a minute count as 0 (the header has a
 * resolution of one second, and every check tolerates them); so do offsets over 30 days, which no
 * honest server and device disagree by (a `Date` decades off must not make expired tokens look fresh).
 */
export const skewOf = (server: number, local: number): number => {
  const d = server - local
  return Math.abs(d) < 60_000 || Math.abs(d) > MAX_SKEW ? 0 : d
}

/** A request about to be sent: signers (SigV4) may rewrite it. */
export interface OutgoingRequest {
  url: string
  method: 'POST'
  headers: Record<string, string>
  body: string
}

/** Per-call extras. */
export interface CallOptions extends TransportOptions {
  /** Sign the request (SigV4 for admin operations); called again for every attempt. */
  sign?: ((req: OutgoingRequest) => Promise<OutgoingRequest>) | undefined
  /**
   * Allow retries of transient failures (5xx, network, timeout) even for operations that are
   * unsafe to repeat. Default false: such operations retry only on throttling, which Cognito
   * answers before doing any work.
   */
  retryUnsafe?: boolean | undefined
}

/** The JSON target prefix of every Cognito User Pools operation. */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'

/** Default endpoint of a region. */
export function endpointForRegion(region: string): string {
  if (typeof region !== 'string' || !REGION.test(region)) throw argError('"region" must look like "us-east-1"', 1)
  return `https://cognito-idp.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/`
}

/**
 * Operations that send a message, consume a one-time value or create something (every
 * `Create*`, `AdminCreateUser`, a new client secret, custom attributes, an import job): repeating
 * one after a failure whose outcome is unknown (5xx, lost connection, timeout) could send a
 * second code, act twice or make two of something, so they are retried only on throttling.
 * So are those whose repeat answers differently once the first did the work (a deletion, a sign-out
 * everywhere, an admin confirmation): the caller would be told "does not exist" or "revoked"
 * for a call that succeeded (every `Delete*` but of attributes, the user side's `DeleteUser` and
 * `DeleteWebAuthnCredential` included, is in the SigV4 list).
 * `InitiateAuth` and `AdminInitiateAuth` are among them here, whatever the flow: one that sends
 * the password or makes Cognito send a code must not be repeated, and the sign-in functions,
 * which know the flow, retry the rest (an SRP start, a refresh) themselves.
 * In two lists, so that a bundle that makes only SigV4 calls carries only theirs.
 */
const USER_UNSAFE = /^(InitiateAuth|SignUp|ForgotPassword|ResendConfirmationCode|GetUserAttributeVerificationCode|UpdateUserAttributes|RespondToAuthChallenge|Confirm(SignUp|ForgotPassword|Device)|ChangePassword|(Associate|Verify)SoftwareToken|VerifyUserAttribute|GetTokensFromRefreshToken|(Start|Complete)WebAuthnRegistration|ForgetDevice|GlobalSignOut)$/
/** The SigV4 operations unsafe to repeat (see {@link UNSAFE}). @internal */
export const ADMIN_UNSAFE: RegExp = /^(Admin(ResetUserPassword|LinkProviderForUser|CreateUser|UpdateUserAttributes|RespondToAuthChallenge|InitiateAuth|ConfirmSignUp|ForgetDevice)|(Admin)?Delete(?!UserAttributes$)\w+|Create\w+|Add(CustomAttributes|UserPoolClientSecret)|StartUserImportJob)$/
/** Whether an operation is unsafe to repeat after a failure of unknown outcome (both lists). */
export const UNSAFE: { test(operation: string): boolean } = { test: (op) => USER_UNSAFE.test(op) || ADMIN_UNSAFE.test(op) }

/** Never retried whatever the status: attempt limits grow when retried, and a wrong password or code stays wrong. */
const NEVER_RETRY = /^(LimitExceeded|NotAuthorized|CodeMismatch|ExpiredCode)Exception$/

/** Parsed body of an error response; exported for tests and fuzzing. */
export interface ParsedError {
  name: string
  message: string
}

/**
 * Token-shaped runs in a service message: 40 or more token characters (dots included, so a JWT
 * is one run) with both letters and digits, as tokens and secrets are. A message that quotes a
 * token must not carry it into logs.
 */
const TOKENISH = /(?=[\w+/=.-]*\d)(?=[\w+/=.-]*[A-Za-z])[\w+/=.-]{40,}/g

/**
 * The awsJson error-type rule: take `__type`, else `code`, else the `x-amzn-ErrorType` header;
 * keep what is before the first `:` and after the first `#`. Message from `message`, `Message`
 * or `x-amzn-ErrorMessage`, with token-shaped strings replaced by `[redacted]`. Returns undefined
 * when no type can be found.
 */
export function parseErrorType(body: unknown, headers: Headers): ParsedError | undefined {
  const o = isObj(body) ? body : {}
  // the first non-empty string among the candidates
  const pick = (...v: unknown[]): string | undefined => v.find(isStr)
  const raw = pick(o['__type'], o['code'], headers.get('x-amzn-errortype'))?.split(/[,:]/)[0]!
  // keep only characters an error name can have, so nothing odd reaches `name`
  const name = raw?.slice(raw.indexOf('#') + 1).replace(/[^\w.-]/g, '').slice(0, 128)
  return name ? { name, message: pick(o['message'], o['Message'], headers.get('x-amzn-errormessage'), name)!.slice(0, 1024).replace(TOKENISH, '[redacted]') } : undefined
}

/**
 * Turn a received response into the output object or a typed error.
 * @param maxBytes - the body cap (see {@link TransportOptions.maxResponseBytes}), default 1 MiB
 */
export async function processResponse(res: Response, maxBytes = 1_048_576): Promise<Record<string, unknown>> {
  const h = res.headers
  const status = res.status
  const o = { status, requestId: h.get('x-amzn-requestid') ?? h.get('x-amz-request-id') ?? undefined }
  // Cognito never redirects; a browser shows a redirect it was told not to follow as status 0
  if ((status > 299 && status < 400) || res.type === 'opaqueredirect') throw new ResponseError(`redirect refused (HTTP ${status})`, o)
  const text = await readText(res, maxBytes).catch((cause) => {
    // a runtime without TextDecoder cannot read a streamed body: said as it is (need throws), not retried
    need('TextDecoder')
    // else the connection dropped while the body was being read
    throw new NetworkError(`connection lost (HTTP ${status})`, { cause, ...o })
  })
  // an endless body or a compression bomb: not retried, since it would only come again
  if (text === undefined) throw new ResponseError(`response over ${maxBytes} bytes (HTTP ${status})`, o)
  let body: unknown = status < 300 ? {} : undefined
  try {
    // drop prototype-polluting keys from untrusted input; an empty body is the empty answer
    if (text.trim()) body = JSON.parse(text, (k, v: unknown) => (k === '__proto__' || k === 'constructor' ? undefined : v))
  } catch {
    // the SyntaxError is not kept as `cause`: V8 quotes the body in it, which may echo a password or a token
    body = null
  }
  // not JSON, or not an object: not Cognito's answer (the length says how much came, never what)
  const bad = `body is not a JSON object (HTTP ${status}, ${text.length} bytes)`
  // a non-JSON error body (an HTML 502 page…) can still be identified from the headers
  const p = parseErrorType(body, h)
  if (status < 300) {
    // also an error with its status rewritten to 2xx (no answer of Cognito's has its members): never
    // a success, nor the error it names, which cannot be trusted
    if (!isObj(body) || p) throw new ResponseError(p ? `${p.name} (HTTP ${status})` : bad, o)
    return body
  }
  const retryable = status === 429 || status >= 500
  if (!p) throw new ResponseError(isObj(body) ? `HTTP ${status}, no error type` : 'error ' + bad, { retryable, ...o })
  throw serviceError(p.name, p.message, { ...o, retryable: (retryable || /^(TooManyRequests|InternalError|Throttling)Exception$/.test(p.name)) && !NEVER_RETRY.test(p.name) })
}

const isThrottle = (e: CognitoError): boolean => /^(TooManyRequests|Throttling)Exception$/.test(e.name) || e.status === 429

/** The {@link AbortError} of a caller's `signal` that fired, its reason as `cause`. @internal also authFetch's */
export const abortError = (signal: AbortSignal): AbortError => new AbortError('aborted by the caller', { cause: signal.reason })

/**
 * Run `f` with one signal that aborts when `a` or `b` does, with its reason. Linked by listeners
 * removed when `f` settles, not by `AbortSignal.any`: Node 20 and Deno keep something of every
 * signal it makes on each source for as long as the source lives, so a client's long-lived
 * `signal` combined with a signal per call grew the process by about 60 bytes a call, for good.
 * @internal
 */
export function withSignals<T>(a: AbortSignal | undefined, b: AbortSignal | undefined, f: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!a || !b || a === b) return f(b ?? a)
  const c = new AbortController()
  const on = (): void => c.abort((a.aborted ? a : b).reason)
  a.addEventListener('abort', on)
  b.addEventListener('abort', on)
  if (a.aborted || b.aborted) on()
  return f(c.signal).finally(() => {
    a.removeEventListener('abort', on)
    b.removeEventListener('abort', on)
  })
}

/** Wait `ms`; an abort ends the wait at once with an {@link AbortError}. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((ok, no) => {
    const done = (): void => {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      if (signal?.aborted) no(abortError(signal))
      else ok()
    }
    const t = setTimeout(done, ms)
    signal?.addEventListener('abort', done)
    if (signal?.aborted) done()
  })
}

/**
 * A call's own options without the members left `undefined`: such a member keeps the client's
 * value, as if it were left out (spread over the client's, it would reset it to the default: an
 * `endpoint: undefined` would send the call to AWS instead of the client's endpoint). `null` stays,
 * for the checks to refuse. @internal
 */
export const givenOf = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter((e) => e[1] !== undefined)) as T

/**
 * Check transport options: the same rules for a client (once, when it is created) and for
 * {@link send} (each call, since its options may come straight from the caller).
 * @throws {ArgumentError} naming the option
 * @internal
 */
export function checkOptions(o: CallOptions): void {
  const { fetch: f, headers: h } = o
  assertFn(f, 'fetch')
  if (o.signal !== undefined && typeof o.signal?.addEventListener !== 'function') throw argError('"signal" must be an AbortSignal')
  assertStrings(h, 'headers')
  // what fetch would refuse is refused here, without the runtime's TypeError that quotes the value
  if (headersOf(h, 'headers').has('authorization')) throw argError('"headers" must not set authorization', 1)
  const r = o.retry
  if (r !== undefined && r !== false && !isObj(r)) throw argError('"retry" must be an object or false')
  const q = r || {}
  assertFn(q.random, 'retry.random')
  checkRanges([
    ['timeout', o.timeout],
    ['maxResponseBytes', o.maxResponseBytes, 1],
    ['retry.maxAttempts', q.maxAttempts, 1, 10],
    ['retry.baseDelay', q.baseDelay],
    ['retry.throttleBaseDelay', q.throttleBaseDelay],
    ['retry.maxDelay', q.maxDelay],
  ])
}

/**
 * Resolve the endpoint URL from options: `endpoint`, else `region`, else the pool id's region.
 */
export function resolveEndpoint(o: TransportOptions, userPoolId?: string): string {
  if (o.endpoint !== undefined) return httpUrl(o.endpoint, 'endpoint')
  if (o.region !== undefined) return endpointForRegion(o.region)
  if (userPoolId !== undefined) return endpointForRegion(regionFromPoolId(userPoolId))
  throw argError('one of "endpoint", "region" or "userPoolId" is required')
}

/**
 * Call one Cognito operation and return its output object.
 *
 * @param operation - the operation name, e.g. `InitiateAuth`
 * @param input - the request object (model member names, PascalCase)
 * @param options - transport options; `endpoint` or `region` must resolve
 * @throws {CognitoServiceError} Cognito's error, by name (`NotAuthorizedException`, …)
 * @throws {NetworkError | TimeoutError | AbortError | ResponseError} transport failures
 * @example
 * ```ts
 * const out = await send('GetUser', { AccessToken: token }, { region: 'us-east-1' })
 * ```
 */
export function send<T = Record<string, unknown>>(operation: string, input: object, options: CallOptions & { userPoolId?: string | undefined } = {}): Promise<T> {
  return sendChecked(operation, input, options, UNSAFE)
}

/**
 * A caller's operation name (it goes into a header) and input (it becomes the body), checked.
 * @throws {ArgumentError} naming which
 * @internal
 */
export function checkCall(operation: unknown, input: unknown): void {
  if (typeof operation != 'string' || !/^[A-Z][A-Za-z0-9]+$/.test(operation)) throw argError('"operation" must be an operation name', 1)
  assertObj(input, 'input')
}

/**
 * {@link send} with the list of operations unsafe to repeat given (the admin client gives the
 * SigV4 operations' list only).
 * @internal
 */
export async function sendChecked<T>(operation: string, input: object, options: CallOptions & { userPoolId?: string | undefined }, unsafe: { test(operation: string): boolean }): Promise<T> {
  checkCall(operation, input)
  assertObj(options, 'options')
  checkOptions(options)
  return dispatch<T>(operation, input ?? {}, { ...options, unsafe: unsafe.test(operation) && !options.retryUnsafe })
}

/**
 * {@link send} for options that were checked already, with the operation's retry safety given:
 * `unsafe` operations are retried only on throttling.
 * @internal
 */
export async function dispatch<T = Record<string, unknown>>(operation: string, input: object, options: CallOptions & { userPoolId?: string | undefined; unsafe?: boolean | undefined }): Promise<T> {
  // caller headers are lower-cased so they can never duplicate or override the protocol headers;
  // read as Headers, like checkOptions reads them, so what was checked is what is sent
  const headers: Record<string, string> = { ...Object.fromEntries(new Headers(options.headers) as unknown as Iterable<[string, string]>), 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET_PREFIX + operation }
  const url = resolveEndpoint(options, options.userPoolId)
  const body = JSON.stringify(input)
  const r = options.retry || {}
  const max = options.retry === false ? 1 : (r.maxAttempts ?? 3)
  const signal = options.signal

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError(signal)
    let req: OutgoingRequest = { url, method: 'POST', headers: { ...headers }, body }
    if (options.sign) req = await options.sign(req)
    try {
      return (await attemptOnce(req, options)) as T
    } catch (e) {
      const err = e as CognitoError
      if (!(err instanceof CognitoError && err.retryable && attempt < max && (!options.unsafe || isThrottle(err)))) {
        // the transport's own errors name the operation (a service error is Cognito's answer to it, as it said it)
        if (err instanceof CognitoError && !(err instanceof CognitoServiceError)) err.message = operation + ': ' + err.message
        throw err
      }
      const base = isThrottle(err) ? (r.throttleBaseDelay ?? 1000) : (r.baseDelay ?? 50)
      const delay = (r.random ?? Math.random)() * Math.min(base * 2 ** (attempt - 1), r.maxDelay ?? 20000)
      await sleep(delay, signal)
    }
  }
}

/** Tell `onServerDate` the `Date` of an answer that is Cognito's (a failing observer changes nothing). */
function observeDate(res: Response, o: TransportOptions, local: number): void {
  const t = Date.parse(res.headers.get('date')!)
  try {
    if (t === t && res.headers.has('x-amzn-requestid')) o.onServerDate?.(t, local)
  } catch {
    // an observer's bug must not turn a good answer into a (retried) failure
  }
}

/** Why a fetch failed, for the error message: the cause's own words and code (never a body), capped. */
function reason(e: unknown): string {
  const c = e as { message?: unknown; cause?: { message?: unknown; code?: unknown } } | null
  let out = ''
  // (an empty string is in `out` already, so isStr drops nothing more)
  for (const w of [c?.message, c?.cause?.code, c?.cause?.message]) if (isStr(w) && !out.includes(w)) out += (out && ': ') + w
  return out.slice(0, 300).replace(TOKENISH, '[redacted]')
}

async function attemptOnce(req: OutgoingRequest, o: TransportOptions): Promise<Record<string, unknown>> {
  const signal = o.signal
  // the caller may have aborted while `sign` ran, before the listener below exists
  if (signal?.aborted) throw abortError(signal)
  const timeout = o.timeout ?? 10000
  const ctl = new (need<typeof AbortController>('AbortController'))()
  let timedOut = false
  // Rejects when this attempt is aborted (caller or timeout). Racing it against the fetch and the
  // body read means a timeout or an abort always ends the attempt, even with an injected fetch
  // that ignores `signal` or a body that never finishes.
  const stopped = aborted(ctl.signal)
  const timer = timeout > 0 ? setTimeout(() => ((timedOut = true), ctl.abort()), timeout) : undefined
  const abort = (): void => ctl.abort()
  signal?.addEventListener('abort', abort)
  try {
    // no `credentials` member: Cloudflare Workers reject it, and Cognito is always cross-origin.
    // `redirect: 'manual'`: a redirect would re-send the body (a password, a token) elsewhere.
    const res = await Promise.race([(o.fetch ?? need<FetchLike>('fetch'))(req.url, { method: 'POST', headers: req.headers, body: req.body, redirect: 'manual', signal: ctl.signal }), stopped])
    if (typeof res?.status !== 'number' || !res.headers) throw new ResponseError('fetch did not return a Response')
    const local = Date.now()
    try {
      const out = await Promise.race([processResponse(res, o.maxResponseBytes), stopped])
      observeDate(res, o, local)
      return out
    } catch (e) {
      if (e instanceof CognitoServiceError) observeDate(res, o, local)
      throw e
    }
  } catch (e) {
    // Cognito's answer and malformed responses pass through; everything else is a transport failure
    if (e instanceof CognitoError && !(e instanceof NetworkError)) throw e
    if (signal?.aborted) throw abortError(signal)
    if (timedOut) throw new TimeoutError(`no response within ${timeout} ms from ${req.url.split('/')[2]}`, { cause: e })
    if (e instanceof CognitoError) throw e
    throw new NetworkError(`network error reaching ${req.url.split('/')[2]}: ${reason(e)}`, { cause: e })
  } finally {
    clearTimeout(timer)
    signal?.removeEventListener('abort', abort)
  }
}

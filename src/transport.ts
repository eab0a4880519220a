/**
 * The JSON transport: `POST /` with `Content-Type: application/x-amz-json-1.1` and
 * `X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>`, error parsing per the awsJson
 * rules, and standard-mode retries for throttling and transient failures only.
 * @module
 */
import {
  AbortError,
  ArgumentError,
  CognitoError,
  NetworkError,
  ResponseError,
  TimeoutError,
  serviceError,
} from './errors.ts'

/** The subset of `fetch` the library uses. Any WHATWG-compatible implementation fits. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** Retry policy (AWS "standard" mode). */
export interface RetryOptions {
  /** Total attempts including the first. Default 3. `1` disables retries. */
  maxAttempts?: number
  /** Base delay for transient failures (5xx, network), ms. Default 50. */
  baseDelay?: number
  /** Base delay for throttling (TooManyRequestsException, 429), ms. Default 1000. */
  throttleBaseDelay?: number
  /** Upper bound of one delay, ms. Default 20000. */
  maxDelay?: number
  /** Source of randomness in [0, 1) for full jitter. Default `Math.random`. */
  random?: () => number
}

/** Options every caller can set, on the client or per call. */
export interface TransportOptions {
  /** AWS region. Default: taken from the user pool id (`us-east-1_abc` → `us-east-1`). */
  region?: string
  /** Full endpoint URL, e.g. a local pool or a proxy. Default `https://cognito-idp.<region>.amazonaws.com/`. */
  endpoint?: string
  /** `fetch` implementation, looked up at call time. Default: the global `fetch`. */
  fetch?: FetchLike
  /** Abort every request made with these options. */
  signal?: AbortSignal
  /** Per-attempt timeout in ms. Default 10000. `0` disables it. */
  timeout?: number
  /** Extra request headers (e.g. a user agent). `authorization` is rejected. */
  headers?: Record<string, string>
  /** Retry policy, or `false` to make exactly one attempt. */
  retry?: RetryOptions | false
  /**
   * Called with the server's `Date` header (ms since epoch) and the local time of each response.
   * Used by the client to correct clock skew in SRP timestamps and token expiry checks.
   */
  onServerDate?: (serverTime: number, localTime: number) => void
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
  sign?: (req: OutgoingRequest) => Promise<OutgoingRequest>
  /**
   * Allow retries of transient failures (5xx, network, timeout) even for operations that are
   * unsafe to repeat. Default false: such operations retry only on throttling, which Cognito
   * answers before doing any work.
   */
  retryUnsafe?: boolean
}

/** The JSON target prefix of every Cognito User Pools operation. */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'

/** Region of a user pool id (`us-east-1_AbC` → `us-east-1`). */
export function regionFromPoolId(userPoolId: string): string {
  // typeof first: String() of a hostile object can throw
  const m = typeof userPoolId === 'string' ? /^([a-z]{2}(?:-[a-z]+)+-\d+)_[0-9A-Za-z]+$/.exec(userPoolId) : null
  if (!m) throw new ArgumentError('"userPoolId" must look like "<region>_<id>", e.g. "us-east-1_AbCdEf123"', 'ERR_INVALID_ARG_VALUE')
  return m[1] as string
}

/** Default endpoint of a region. */
export function endpointForRegion(region: string): string {
  if (typeof region !== 'string' || !/^[a-z]{2}(?:-[a-z]+)+-\d+$/.test(region)) {
    throw new ArgumentError('"region" must look like "us-east-1"', 'ERR_INVALID_ARG_VALUE')
  }
  return `https://cognito-idp.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}/`
}

/**
 * Operations that send a message, consume a one-time value or create something: repeating
 * one after a failure whose outcome is unknown (5xx, lost connection, timeout) could send a
 * second code or act twice, so they are retried only on throttling.
 */
const UNSAFE = new Set([
  'SignUp', 'ForgotPassword', 'ResendConfirmationCode', 'GetUserAttributeVerificationCode',
  'AdminCreateUser', 'AdminResetUserPassword', 'UpdateUserAttributes', 'AdminUpdateUserAttributes',
  'RespondToAuthChallenge', 'AdminRespondToAuthChallenge', 'ConfirmSignUp', 'ConfirmForgotPassword',
  'ChangePassword', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'VerifyUserAttribute',
  'ConfirmDevice', 'GetTokensFromRefreshToken', 'StartWebAuthnRegistration', 'CompleteWebAuthnRegistration',
])

/** Parsed body of an error response; exported for tests and fuzzing. */
export interface ParsedError {
  name: string
  message: string
}

/**
 * The awsJson error-type rule: take `__type`, else `code`, else the `x-amzn-ErrorType` header;
 * keep what is before the first `:` and after the first `#`. Message from `message`, `Message`
 * or `x-amzn-ErrorMessage`. Returns undefined when no type can be found.
 */
export function parseErrorType(body: unknown, headers: Headers): ParsedError | undefined {
  const obj = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)
  let raw = str(obj['__type']) ?? str(obj['code']) ?? str(headers.get('x-amzn-errortype'))
  if (!raw) return undefined
  raw = raw.split(',')[0]!.split(':')[0]!
  const hash = raw.indexOf('#')
  if (hash >= 0) raw = raw.slice(hash + 1)
  // keep only characters an error name can have, so nothing odd reaches `name`
  const name = raw.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 128)
  if (!name) return undefined
  const message = str(obj['message']) ?? str(obj['Message']) ?? str(headers.get('x-amzn-errormessage')) ?? name
  return { name, message: message.slice(0, 1024) }
}

function parseJson(text: string, status: number, requestId: string | undefined): unknown {
  try {
    // drop prototype-polluting keys from untrusted input
    return JSON.parse(text, (k, v: unknown) => (k === '__proto__' || k === 'constructor' ? undefined : v))
  } catch {
    // no `cause`: V8's SyntaxError quotes the body, which may echo a password or a token
    throw new ResponseError(`response body is not valid JSON (HTTP ${status}, ${text.length} bytes)`, {
      status,
      requestId,
      retryable: status >= 500,
    })
  }
}

/** Turn a received response into the output object or a typed error. */
export async function processResponse(res: Response): Promise<Record<string, unknown>> {
  const h = res.headers
  const requestId = h.get('x-amzn-requestid') ?? h.get('x-amzn-request-id') ?? h.get('x-amz-request-id') ?? undefined
  const status = res.status
  let text: string
  try {
    text = await res.text()
  } catch (cause) {
    // the connection dropped while the body was being read
    throw new NetworkError(`connection lost while reading the response (HTTP ${status})`, { cause, status, requestId })
  }
  if (status >= 200 && status < 300) {
    if (!text.trim()) return {}
    const body = parseJson(text, status, requestId)
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ResponseError(`response body is not a JSON object (HTTP ${status})`, { status, requestId })
    }
    return body as Record<string, unknown>
  }
  let body: unknown
  let notJson = false
  if (text.trim()) {
    try {
      body = parseJson(text, status, requestId)
    } catch {
      // a non-JSON error body (an HTML 502 page…) can still be identified from the headers
      notJson = true
    }
  }
  const parsed = parseErrorType(body, res.headers)
  if (!parsed) {
    const what = notJson ? `error response body is not JSON (HTTP ${status}, ${text.length} bytes)` : `HTTP ${status} without a Cognito error type`
    throw new ResponseError(what, { status, requestId, retryable: status >= 500 || status === 429 })
  }
  const retryable =
    parsed.name === 'TooManyRequestsException' || parsed.name === 'InternalErrorException' || status === 429 || status >= 500
  // never retried whatever the status: attempt limits grow when retried, and a wrong password or
  // code stays wrong
  const never = NEVER_RETRY.has(parsed.name)
  throw serviceError(parsed.name, parsed.message, { status, requestId, retryable: retryable && !never })
}

const NEVER_RETRY = new Set(['LimitExceededException', 'NotAuthorizedException', 'CodeMismatchException', 'ExpiredCodeException'])

const isThrottle = (e: CognitoError): boolean => e.name === 'TooManyRequestsException' || e.status === 429

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(t)
      reject(abortError(signal!))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

const abortError = (signal: AbortSignal): AbortError =>
  new AbortError('the request was aborted by the caller', { cause: signal.reason })

function checkOptions(o: CallOptions): void {
  if (o.fetch !== undefined && typeof o.fetch !== 'function') throw new ArgumentError('"fetch" must be a function')
  // setTimeout fires at once for delays above 2^31 - 1 ms
  if (o.timeout !== undefined && !(Number.isFinite(o.timeout) && o.timeout >= 0 && o.timeout <= 0x7fffffff)) {
    throw new ArgumentError('"timeout" must be a number of milliseconds from 0 to 2147483647', 'ERR_INVALID_ARG_VALUE')
  }
  if (o.headers !== undefined && (o.headers === null || typeof o.headers !== 'object')) {
    throw new ArgumentError('"headers" must be an object of header names to string values')
  }
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    if (typeof v !== 'string') throw new ArgumentError(`"headers" value of ${JSON.stringify(k)} must be a string`)
    if (k.toLowerCase() === 'authorization') {
      throw new ArgumentError('"headers" must not set authorization: Cognito operations are authorised by the body or SigV4', 'ERR_INVALID_ARG_VALUE')
    }
  }
  if (o.retry) {
    const m = o.retry.maxAttempts
    if (m !== undefined && !(Number.isInteger(m) && m >= 1 && m <= 10)) {
      throw new ArgumentError('"retry.maxAttempts" must be an integer from 1 to 10', 'ERR_INVALID_ARG_VALUE')
    }
  }
}

/**
 * Resolve the endpoint URL from options: `endpoint`, else `region`, else the pool id's region.
 */
export function resolveEndpoint(o: TransportOptions, userPoolId?: string): string {
  if (o.endpoint !== undefined) {
    let u: URL
    try {
      u = new URL(o.endpoint)
    } catch {
      throw new ArgumentError('"endpoint" must be an absolute URL', 'ERR_INVALID_ARG_VALUE')
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ArgumentError('"endpoint" must be an http(s) URL', 'ERR_INVALID_ARG_VALUE')
    return u.href
  }
  if (o.region !== undefined) return endpointForRegion(o.region)
  if (userPoolId !== undefined) return endpointForRegion(regionFromPoolId(userPoolId))
  throw new ArgumentError('one of "endpoint", "region" or "userPoolId" is required to find the endpoint')
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
export async function send<T = Record<string, unknown>>(
  operation: string,
  input: object,
  options: CallOptions & { userPoolId?: string } = {},
): Promise<T> {
  if (typeof operation !== 'string' || !/^[A-Z][A-Za-z0-9]+$/.test(operation)) {
    throw new ArgumentError('"operation" must be a Cognito operation name such as "InitiateAuth"', 'ERR_INVALID_ARG_VALUE')
  }
  if (input !== undefined && (input === null || typeof input !== 'object' || Array.isArray(input))) {
    throw new ArgumentError('"input" must be an object')
  }
  if (options === null || typeof options !== 'object') throw new ArgumentError('"options" must be an object')
  checkOptions(options)
  // caller headers are lower-cased so they can never duplicate or override the protocol headers
  const extra: Record<string, string> = {}
  for (const [name, value] of Object.entries(options.headers ?? {})) extra[name.toLowerCase()] = value
  const url = resolveEndpoint(options, options.userPoolId)
  const body = JSON.stringify(input ?? {})
  const retry = options.retry === false ? { maxAttempts: 1 } : (options.retry ?? {})
  const maxAttempts = retry.maxAttempts ?? 3
  const random = retry.random ?? Math.random
  const signal = options.signal
  const unsafe = UNSAFE.has(operation) && !options.retryUnsafe

  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortError(signal)
    let req: OutgoingRequest = {
      url,
      method: 'POST',
      headers: {
        ...extra,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': TARGET_PREFIX + operation,
      },
      body,
    }
    if (options.sign) req = await options.sign(req)
    try {
      return (await attemptOnce(req, options)) as T
    } catch (e) {
      const err = e as CognitoError
      const canRetry =
        err instanceof CognitoError && err.retryable && attempt < maxAttempts && (!unsafe || isThrottle(err))
      if (!canRetry) throw err
      const base = isThrottle(err) ? (retry.throttleBaseDelay ?? 1000) : (retry.baseDelay ?? 50)
      const delay = random() * Math.min(base * 2 ** (attempt - 1), retry.maxDelay ?? 20000)
      await sleep(delay, signal)
    }
  }
}

async function attemptOnce(req: OutgoingRequest, o: TransportOptions): Promise<Record<string, unknown>> {
  const signal = o.signal
  // the caller may have aborted while `sign` ran, before the listener below exists
  if (signal?.aborted) throw abortError(signal)
  const doFetch: FetchLike = o.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const timeout = o.timeout ?? 10000
  const ctl = new AbortController()
  let timedOut = false
  // Settles only by rejecting when this attempt is aborted (caller or timeout). Racing it
  // against the fetch and the body read means a timeout or an abort always ends the attempt,
  // even with an injected fetch that ignores `signal` or a body that never finishes.
  const stopped = new Promise<never>((_, reject) => {
    ctl.signal.addEventListener('abort', () => reject(ctl.signal.reason), { once: true })
  })
  stopped.catch(() => undefined)
  const timer = timeout > 0 ? setTimeout(() => ((timedOut = true), ctl.abort()), timeout) : undefined
  const onAbort = (): void => ctl.abort()
  signal?.addEventListener('abort', onAbort, { once: true })
  try {
    // no `credentials` member: Cloudflare Workers reject it, and Cognito is always cross-origin
    const res = await Promise.race([doFetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: ctl.signal }), stopped])
    if (!res || typeof res.status !== 'number' || !res.headers) throw new ResponseError('fetch did not return a Response')
    const date = res.headers.get('date')
    if (date && o.onServerDate) {
      const t = Date.parse(date)
      try {
        if (!Number.isNaN(t)) o.onServerDate(t, Date.now())
      } catch {
        // a failing observer must not turn a good response into a (retried) network error
      }
    }
    return await Promise.race([processResponse(res), stopped])
  } catch (e) {
    // Cognito's answer and malformed responses pass through; everything else is a transport failure
    if (e instanceof CognitoError && !(e instanceof NetworkError)) throw e
    throw fetchFailure(e, timedOut, timeout, signal)
  } finally {
    if (timer !== undefined) clearTimeout(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}

function fetchFailure(cause: unknown, timedOut: boolean, timeout: number, signal: AbortSignal | undefined): CognitoError {
  if (signal?.aborted) return abortError(signal)
  if (timedOut) return new TimeoutError(`no response within ${timeout} ms`, { cause })
  if (cause instanceof CognitoError) return cause
  return new NetworkError('the request could not be completed (network error)', { cause })
}

/**
 * The error hierarchy of cognito-edge.
 *
 * Two families, kept apart by class and `code`:
 * - {@link ArgumentError} (a `TypeError`): the caller's mistake, thrown before any request.
 * - {@link CognitoError} and its subclasses: what went wrong on the wire or in the service, or
 *   ({@link MissingGlobalError}) a web global the runtime lacks.
 *
 * Also the checks every module shares: the argument assertions, and `need`, the one place a web
 * global that a runtime may lack (`fetch`, `crypto.subtle`, `TextDecoder`…) is looked up.
 *
 * Cognito's own errors are {@link CognitoServiceError}s whose `name` is Cognito's error name
 * (`NotAuthorizedException`, …), so both `err instanceof NotAuthorizedException` and
 * `err.name === 'NotAuthorizedException'` work. Unknown Cognito error names still arrive as a
 * `CognitoServiceError` with that `name`.
 *
 * No message built here ever contains a password, secret, SRP value or token: messages come
 * from fixed strings, argument *names*, or Cognito's own error message.
 * @module
 */
import { isObj, isStr } from './lib/guards.ts'

/** Stable machine-readable codes of the library's own error classes. */
export type ErrorCode =
  | 'ERR_COGNITO_SERVICE'
  | 'ERR_NETWORK'
  | 'ERR_TIMEOUT'
  | 'ERR_ABORTED'
  | 'ERR_BAD_RESPONSE'
  | 'ERR_SRP'
  | 'ERR_CHALLENGE'
  | 'ERR_NOT_AUTHENTICATED'
  | 'ERR_JWT_INVALID'
  | 'ERR_JWKS'
  | 'ERR_MISSING_GLOBAL'
  | 'ERR_SESSION_EXPIRED'
  | 'ERR_INVALID_ARG_TYPE'
  | 'ERR_INVALID_ARG_VALUE'

/** Fields every {@link CognitoError} may carry. */
export interface CognitoErrorOptions {
  /** The underlying error (kept non-enumerable, so it never reaches `JSON.stringify`). */
  cause?: unknown
  /** HTTP status of the response, when there was one. */
  status?: number | undefined
  /** Cognito's `x-amzn-RequestId`. */
  requestId?: string | undefined
  /** Whether repeating the same call may succeed. */
  retryable?: boolean | undefined
}

/**
 * Base class of every error the library raises on the wire or in the protocol.
 *
 * `toJSON()` gives `{ name, code, message, status, requestId, retryable }`: nothing else, so
 * logging an error never leaks a request body.
 */
export class CognitoError extends Error {
  /** A stable code for the class; see {@link ErrorCode}. */
  readonly code: ErrorCode = 'ERR_COGNITO_SERVICE'
  /** HTTP status, when a response was received. */
  declare readonly status: number | undefined
  /** Cognito request id (`x-amzn-RequestId`), when known. */
  declare readonly requestId: string | undefined
  /** Whether the transport considers the failure transient. */
  declare readonly retryable: boolean
  // minifiers mangle constructor names, so each class sets `name` literally
  override name = 'CognitoError'

  constructor(message: string, options: CognitoErrorOptions = {}) {
    // Error reads only `cause` from the options, and only when it is present
    super(message, options)
    this.status = options.status
    this.requestId = options.requestId
    this.retryable = options.retryable ?? false
  }

  /** Safe serialisation: no cause, no body, no stack. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      requestId: this.requestId,
      retryable: this.retryable,
    }
  }
}

/**
 * An error answered by Cognito (HTTP 4xx/5xx with a recognisable error type).
 * `name` is Cognito's error name, sanitised per the awsJson protocol rules.
 */
export class CognitoServiceError extends CognitoError {
  constructor(name: string, message: string, options: CognitoErrorOptions = {}) {
    super(message, options)
    this.name = name
  }
}

/** The transport could not reach the endpoint or lost the connection (retryable). */
export class NetworkError extends CognitoError {
  override readonly code = 'ERR_NETWORK'
  override name = 'NetworkError'
  constructor(message: string, options: CognitoErrorOptions = {}) {
    super(message, { retryable: true, ...options })
  }
}

/** An attempt took longer than the configured timeout. */
export class TimeoutError extends CognitoError {
  override readonly code = 'ERR_TIMEOUT'
  override name = 'TimeoutError'
  constructor(message: string, options: CognitoErrorOptions = {}) {
    super(message, { retryable: true, ...options })
  }
}

/** The caller's `AbortSignal` fired; no further attempts are made. */
export class AbortError extends CognitoError {
  override readonly code = 'ERR_ABORTED'
  override name = 'AbortError'
}

/** A response that is not what the protocol promises: not JSON, truncated, wrong shape. */
export class ResponseError extends CognitoError {
  override readonly code = 'ERR_BAD_RESPONSE'
  override name = 'ResponseError'
}

/**
 * Member `name` of operation `op`'s answer `out` when `ok` accepts it, else a {@link ResponseError}
 * naming both: a body of the wrong shape is not the operation's answer (a proxy's, a stub's).
 * @internal
 */
export function memberOf<T>(out: object, op: string, name: string, ok: (v: unknown) => boolean): T {
  const v = (out as Record<string, unknown>)[name]
  if (!ok(v)) throw new ResponseError(`${op} response lacks ${name}`)
  return v as T
}

/** A list, or nothing (an optional list member). @internal */
export const optList = (v: unknown): boolean => v === undefined || Array.isArray(v)

/** SRP safety check failed (B ≡ 0 mod N, u = 0, malformed salt / SRP_B / SECRET_BLOCK). */
export class SrpError extends CognitoError {
  override readonly code = 'ERR_SRP'
  override name = 'SrpError'
}

/** A call needs tokens (or a pending challenge) that the instance does not hold. */
export class NotAuthenticatedError extends CognitoError {
  override readonly code = 'ERR_NOT_AUTHENTICATED'
  override name = 'NotAuthenticatedError'
}

/**
 * Cognito answered with a challenge the caller must respond to. Carries the challenge name,
 * its parameters and the `Session` to send back. `toJSON()` omits the session.
 */
export class ChallengeError extends CognitoError {
  override readonly code = 'ERR_CHALLENGE'
  override name = 'ChallengeError'
  /** Cognito's `ChallengeName`. */
  declare readonly challengeName: string
  /** Cognito's `ChallengeParameters` (never contains secrets from the client). */
  declare readonly challengeParameters: Readonly<Record<string, string>>
  /** The opaque `Session` to forward with the answer (a private field: out of JSON and `util.inspect`, hidden properties included). */
  get session(): string | undefined {
    return this.#session
  }
  readonly #session: string | undefined
  /** `AvailableChallenges` for USER_AUTH sign-in, when Cognito sent them. */
  declare readonly availableChallenges: readonly string[] | undefined

  constructor(
    challengeName: string,
    challengeParameters: Record<string, string> = {},
    session?: string,
    availableChallenges?: string[],
    message = `Cognito requires the ${challengeName} challenge to be answered`,
  ) {
    super(message)
    this.challengeName = challengeName
    this.challengeParameters = { ...challengeParameters }
    this.availableChallenges = availableChallenges
    this.#session = session
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), challengeName: this.challengeName }
  }
}

/**
 * The challenge `Session` expired or was already used (Cognito: NotAuthorizedException
 * "Invalid session for the user…"): start the sign-in again. The Cognito error is the `cause`.
 */
export class ExpiredSessionError extends CognitoError {
  override readonly code = 'ERR_SESSION_EXPIRED'
  override name = 'ExpiredSessionError'
}

/** Why a JWT was rejected: one code per check. */
export type JwtReason =
  | 'malformed'
  | 'alg'
  | 'kid'
  | 'signature'
  | 'iss'
  | 'token_use'
  | 'aud'
  | 'client_id'
  | 'exp'
  | 'nbf'
  | 'iat'
  | 'groups'
  | 'scope'

/** A JWT failed verification; `reason` names the check. */
export class JwtInvalid extends CognitoError {
  override readonly code = 'ERR_JWT_INVALID'
  override name = 'JwtInvalid'
  /** The failed check. */
  declare readonly reason: JwtReason
  constructor(reason: JwtReason, message: string, options: CognitoErrorOptions = {}) {
    super(message, options)
    this.reason = reason
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason }
  }
}

/** The JWKS could not be fetched or parsed (HTTP error, HTML, bad JSON). Cached keys keep working. */
export class JwksError extends CognitoError {
  override readonly code = 'ERR_JWKS'
  override name = 'JwksError'
}

/**
 * The runtime lacks a web global the call needs (`crypto.subtle` on an `http:` page or in React
 * Native, `fetch`, `TextEncoder`, …); the message names it and points to the runtimes page of the
 * docs. Raised when a call needs the global, never at import, and before any request that depends
 * on it: the instance's tokens and challenge are left as they were.
 */
export class MissingGlobalError extends CognitoError {
  override readonly code = 'ERR_MISSING_GLOBAL'
  override name = 'MissingGlobalError'
}

/**
 * The caller's mistake: a missing username, a bad option, a value of the wrong type or range.
 * Raised before any request is made. It is a `TypeError` with a stable `code`; `JSON.stringify`
 * gives its `name`, `message` and `code`.
 */
export class ArgumentError extends TypeError {
  /** `ERR_INVALID_ARG_TYPE` or `ERR_INVALID_ARG_VALUE`. */
  declare readonly code: 'ERR_INVALID_ARG_TYPE' | 'ERR_INVALID_ARG_VALUE'
  constructor(message: string, code: 'ERR_INVALID_ARG_TYPE' | 'ERR_INVALID_ARG_VALUE' = 'ERR_INVALID_ARG_TYPE') {
    super()
    this.name = 'ArgumentError'
    this.code = code
    // set here, not by TypeError: an own enumerable message, so JSON.stringify(err) says what was
    // wrong (in toJSON()'s order: name, code, message)
    this.message = message
  }
}

/**
 * Build an {@link ArgumentError}: `ERR_INVALID_ARG_TYPE`, or `ERR_INVALID_ARG_VALUE` when `value` is truthy.
 * @internal the library's shared assertion helper
 */
export const argError = (message: string, value?: 1): ArgumentError => new ArgumentError(message, value && 'ERR_INVALID_ARG_VALUE')

/** `v` is a non-empty string, or an {@link ArgumentError} naming the argument `name`. */
export function assertStr(v: unknown, name: string): asserts v is string {
  if (!isStr(v)) throw argError(`"${name}" must be a non-empty string`)
}

/** `v` is undefined or a non-empty string, else an {@link ArgumentError} naming the argument `name`. */
export function assertOptStr(v: unknown, name: string): asserts v is string | undefined {
  if (v !== undefined) assertStr(v, name)
}

/** `v` is a function or undefined, else an {@link ArgumentError} naming the argument `name`. */
export function assertFn(v: unknown, name: string): void {
  if (v !== undefined && typeof v !== 'function') throw argError(`"${name}" must be a function`)
}

/**
 * A function's options object: `{}` when it is undefined.
 * @throws {ArgumentError} anything else that is not an object (null, a string, …), naming `name`
 * @internal
 */
export function optionsOf<T extends object>(o: T | undefined, name = 'options'): T {
  assertObj(o, name)
  return o ?? ({} as T)
}

/**
 * `v` is undefined or an object, else an {@link ArgumentError} naming `name`.
 * @internal
 */
export function assertObj(v: unknown, name: string): asserts v is Record<string, unknown> | undefined {
  if (v !== undefined && !isObj(v)) throw argError(`"${name}" must be an object`)
}

/**
 * `v` is undefined or an object of strings (ClientMetadata, ChallengeResponses, attributes), sent
 * as it is: else an {@link ArgumentError} naming `name` or the member.
 * @internal
 */
export function assertStrings(v: unknown, name: string): void {
  assertObj(v, name)
  for (const k in v) if (typeof v[k] !== 'string') throw argError(`"${name}.${k}" must be a string`)
}

/**
 * The `Headers` of `h`, built as a `fetch` builds them, or an {@link ArgumentError} naming `name`:
 * the runtime's own TypeError quotes the refused value (an API key, a token) in its message.
 * @internal
 */
export function headersOf(h: Record<string, string> | undefined, name: string): Headers {
  try {
    return new Headers(h)
  } catch {
    // a runtime without Headers is told so (need throws), not that the headers are bad
    throw (need('Headers'), argError(`"${name}" must be a valid HTTP header`, 1))
  }
}

/**
 * The web global at the dotted `path` (`'fetch'`, `'crypto.subtle'`), looked up now: the one
 * place the library reaches a global that a runtime may lack, so polyfills installed after the
 * import are honoured.
 * @throws {MissingGlobalError} naming `path` when it is undefined or null
 * @internal
 */
export function need<T = any>(path: string): T {
  let v: any = globalThis
  for (const k of path.split('.')) v = v?.[k]
  if (v == null) throw new MissingGlobalError(path + ' is missing: see cognito-edge docs/runtimes.md')
  return v
}

/** Whether `err` is an error this library raised (an `instanceof` check: an error from a second copy of the library, e.g. another bundle, is not recognised; compare `err.code` there). */
export function isCognitoError(err: unknown): err is CognitoError | ArgumentError {
  return err instanceof CognitoError || err instanceof ArgumentError
}

/** A class of service error with a literal `name`, so `instanceof` and `name` checks both work. */
export interface ServiceErrorClass<N extends string> {
  new (message: string, options?: CognitoErrorOptions): CognitoServiceError & { readonly name: N }
  /** Cognito's error name. */
  readonly errorName: N
}

/**
 * The named classes defined so far, by Cognito error name (no prototype: a server-sent name such
 * as "constructor" finds nothing). Each `export const XxxException = define('XxxException')` below
 * registers itself when its module loads; a bundle that never imports a class drops it, and
 * nobody can then test `instanceof` against it.
 */
const classes: Record<string, ServiceErrorClass<string>> = { __proto__: null as never }

/**
 * The class of a Cognito error name, created on first use and then the same object every time,
 * so the exported constants below and {@link serviceError} agree. Pure: a bundle that uses none
 * of the exported classes drops them.
 */
function define<N extends string>(errorName: N): ServiceErrorClass<N> {
  // a computed key names the class (`err.constructor.name`, which loggers such as pino report)
  return (classes[errorName] ??= {
    [errorName]: class extends CognitoServiceError {
      static readonly errorName: string = errorName
      constructor(message: string, options?: CognitoErrorOptions) {
        super(errorName, message, options)
      }
    },
  }[errorName] as unknown as ServiceErrorClass<string>) as ServiceErrorClass<N>
}

/** Build the right class for a Cognito error name: a named subclass when one exists. */
export function serviceError(name: string, message: string, options?: CognitoErrorOptions): CognitoServiceError {
  const C = classes[name]
  return C ? new C(message, options) : new CognitoServiceError(name, message, options)
}

/* The common Cognito errors. Every other name from the service model still arrives as a
 * CognitoServiceError carrying that name. */

/** Wrong password, disabled user, revoked token, bad secret hash, … */
export const NotAuthorizedException: ServiceErrorClass<'NotAuthorizedException'> = /* @__PURE__ */ define('NotAuthorizedException')
/** @inheritDoc */
export type NotAuthorizedException = InstanceType<typeof NotAuthorizedException>
/** The user does not exist (pools with PreventUserExistenceErrors LEGACY). */
export const UserNotFoundException: ServiceErrorClass<'UserNotFoundException'> = /* @__PURE__ */ define('UserNotFoundException')
/** @inheritDoc */
export type UserNotFoundException = InstanceType<typeof UserNotFoundException>
/** The user has not confirmed sign-up. */
export const UserNotConfirmedException: ServiceErrorClass<'UserNotConfirmedException'> = /* @__PURE__ */ define('UserNotConfirmedException')
/** @inheritDoc */
export type UserNotConfirmedException = InstanceType<typeof UserNotConfirmedException>
/** The user must reset the password (thrown by InitiateAuth; not a challenge). */
export const PasswordResetRequiredException: ServiceErrorClass<'PasswordResetRequiredException'> = /* @__PURE__ */ define('PasswordResetRequiredException')
/** @inheritDoc */
export type PasswordResetRequiredException = InstanceType<typeof PasswordResetRequiredException>
/** A wrong confirmation or MFA code. */
export const CodeMismatchException: ServiceErrorClass<'CodeMismatchException'> = /* @__PURE__ */ define('CodeMismatchException')
/** @inheritDoc */
export type CodeMismatchException = InstanceType<typeof CodeMismatchException>
/** An expired code, or an expired challenge `Session`. */
export const ExpiredCodeException: ServiceErrorClass<'ExpiredCodeException'> = /* @__PURE__ */ define('ExpiredCodeException')
/** @inheritDoc */
export type ExpiredCodeException = InstanceType<typeof ExpiredCodeException>
/** Attempt limit (brute-force protection). Never retried: retrying extends the lockout. */
export const LimitExceededException: ServiceErrorClass<'LimitExceededException'> = /* @__PURE__ */ define('LimitExceededException')
/** @inheritDoc */
export type LimitExceededException = InstanceType<typeof LimitExceededException>
/** Rate throttling. Retried by the transport with backoff. */
export const TooManyRequestsException: ServiceErrorClass<'TooManyRequestsException'> = /* @__PURE__ */ define('TooManyRequestsException')
/** @inheritDoc */
export type TooManyRequestsException = InstanceType<typeof TooManyRequestsException>
/** Cognito rejected a parameter. */
export const InvalidParameterException: ServiceErrorClass<'InvalidParameterException'> = /* @__PURE__ */ define('InvalidParameterException')
/** @inheritDoc */
export type InvalidParameterException = InstanceType<typeof InvalidParameterException>
/** The password breaks the pool's policy. */
export const InvalidPasswordException: ServiceErrorClass<'InvalidPasswordException'> = /* @__PURE__ */ define('InvalidPasswordException')
/** @inheritDoc */
export type InvalidPasswordException = InstanceType<typeof InvalidPasswordException>
/** The username is taken. */
export const UsernameExistsException: ServiceErrorClass<'UsernameExistsException'> = /* @__PURE__ */ define('UsernameExistsException')
/** @inheritDoc */
export type UsernameExistsException = InstanceType<typeof UsernameExistsException>
/** An alias (email / phone) already belongs to another user. */
export const AliasExistsException: ServiceErrorClass<'AliasExistsException'> = /* @__PURE__ */ define('AliasExistsException')
/** @inheritDoc */
export type AliasExistsException = InstanceType<typeof AliasExistsException>
/** The pool, client or other resource does not exist. */
export const ResourceNotFoundException: ServiceErrorClass<'ResourceNotFoundException'> = /* @__PURE__ */ define('ResourceNotFoundException')
/** @inheritDoc */
export type ResourceNotFoundException = InstanceType<typeof ResourceNotFoundException>
/** A server fault in Cognito (retried). */
export const InternalErrorException: ServiceErrorClass<'InternalErrorException'> = /* @__PURE__ */ define('InternalErrorException')
/** @inheritDoc */
export type InternalErrorException = InstanceType<typeof InternalErrorException>
/** The operation is not supported for this pool or client (e.g. a flow not enabled). */
export const InvalidUserPoolConfigurationException: ServiceErrorClass<'InvalidUserPoolConfigurationException'> = /* @__PURE__ */ define('InvalidUserPoolConfigurationException')
/** @inheritDoc */
export type InvalidUserPoolConfigurationException = InstanceType<typeof InvalidUserPoolConfigurationException>
/** Refresh-token rotation: the old refresh token was reused after its grace period. */
export const RefreshTokenReuseException: ServiceErrorClass<'RefreshTokenReuseException'> = /* @__PURE__ */ define('RefreshTokenReuseException')
/** @inheritDoc */
export type RefreshTokenReuseException = InstanceType<typeof RefreshTokenReuseException>

/* ---- errors of the account and admin calls ---- */

/** The AWS access key is unknown to AWS (admin calls signed with bad credentials). */
export const UnrecognizedClientException: ServiceErrorClass<'UnrecognizedClientException'> = /* @__PURE__ */ define('UnrecognizedClientException')
/** @inheritDoc */
export type UnrecognizedClientException = InstanceType<typeof UnrecognizedClientException>
/** The SigV4 signature does not match (wrong secret key, clock skew, altered request). */
export const InvalidSignatureException: ServiceErrorClass<'InvalidSignatureException'> = /* @__PURE__ */ define('InvalidSignatureException')
/** @inheritDoc */
export type InvalidSignatureException = InstanceType<typeof InvalidSignatureException>
/** VerifySoftwareToken failed to enable TOTP MFA (wrong code during setup). */
export const EnableSoftwareTokenMFAException: ServiceErrorClass<'EnableSoftwareTokenMFAException'> = /* @__PURE__ */ define('EnableSoftwareTokenMFAException')
/** @inheritDoc */
export type EnableSoftwareTokenMFAException = InstanceType<typeof EnableSoftwareTokenMFAException>

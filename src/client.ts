/**
 * The client value every function takes: which user pool and app client, and how to reach Cognito.
 * It holds configuration only — no tokens, no session — and is validated once, when it is created.
 * The three ways a function sends a request live here too, so each function is one line of intent:
 * {@link request} (any operation), {@link requestAsUser} (an unauthenticated call for a username,
 * with SECRET_HASH) and {@link requestWithToken} (an access-token call).
 * @module
 */
import { argError, assertFn, assertOptStr, assertStr, assertStrings, optionsOf } from './errors.ts'
import { poolNameOf } from './lib/pool-id.ts'
import { secretHash } from './lib/secret-hash.ts'
import { checkOptions, dispatch, resolveEndpoint, withSignals, type CallOptions, type TransportOptions } from './transport.ts'

/** A random source: returns `n` cryptographically random bytes. */
export type Rng = (n: number) => Uint8Array

/** Options of {@link createClient}. Every transport option is a default for each call. */
export interface ClientOptions extends TransportOptions {
  /** User pool id, e.g. `us-east-1_AbCdEf123`. The region is taken from it unless `region` or `endpoint` is set. */
  userPoolId: string
  /** App client id. */
  clientId: string
  /** App client secret, when the client has one: SECRET_HASH is then sent wherever Cognito requires it. */
  clientSecret?: string | undefined
  /**
   * Clock, ms since epoch, taken as the truth. Default: `Date.now`, corrected within each sign-in by
   * the `Date` header of Cognito's answers when they differ by a minute or more.
   */
  now?: (() => number) | undefined
  /** Randomness for SRP private values and device verifiers. Default: `crypto.getRandomValues`. */
  rng?: Rng | undefined
}

/**
 * A configured client: pass it to every function. Its enumerable fields are safe to log; the
 * client secret and the transport options are kept out of `JSON.stringify` and `util.inspect`.
 */
export interface CognitoClient {
  /** User pool id. */
  readonly userPoolId: string
  /** App client id. */
  readonly clientId: string
}

/**
 * Where a sign-in sends its InitiateAuth / RespondToAuthChallenge: the `Cognito` class routes them
 * through its overridable methods, and the admin client through AdminInitiateAuth.
 * @internal
 */
export type AuthSender = (operation: 'InitiateAuth' | 'RespondToAuthChallenge', input: Record<string, unknown>, call: CallOptions) => Promise<Record<string, unknown>>

/** What a client keeps out of sight. @internal */
export interface ClientConfig {
  readonly secret: string | undefined
  readonly transport: TransportOptions
  /** Clock, ms since epoch. */
  readonly now: () => number
  /** Whether `now` was given (and is the truth) rather than `Date.now` (corrected by server dates). */
  readonly clockGiven: boolean
  readonly rng: Rng | undefined
  /** Absent: the functions send sign-in requests themselves. */
  readonly auth?: AuthSender | undefined
}

const configs = /* @__PURE__ */ new WeakMap<CognitoClient, ClientConfig>()

/**
 * Create the client value the functions take: validated here, once.
 * @throws {ArgumentError} a missing or malformed option, naming it
 * @example
 * ```ts
 * const client = createClient({ userPoolId: 'us-east-1_AbC123', clientId: '1example' })
 * const step = await authenticate(client, { username: 'alice', password })
 * ```
 */
export function createClient(options: ClientOptions): CognitoClient {
  const { userPoolId, clientId, clientSecret, now, rng, ...transport } = optionsOf(options)
  checkClientOptions(options, transport)
  return deriveClient({ userPoolId, clientId }, { secret: clientSecret, transport, now: now ?? Date.now, clockGiven: now !== undefined, rng })
}

/**
 * The checks every client's options pass (the `Cognito` class's too): the pool and app client, an
 * endpoint that resolves, the secret, the clock, the randomness and the transport options.
 * @throws {ArgumentError} naming the option
 * @internal
 */
export function checkClientOptions(o: Pick<ClientOptions, 'userPoolId' | 'clientId' | 'clientSecret' | 'now' | 'rng'>, transport: TransportOptions): void {
  assertStr(o.userPoolId, 'userPoolId')
  assertStr(o.clientId, 'clientId')
  poolNameOf(o.userPoolId)
  // the endpoint must resolve (an endpoint, a region, or a pool id that names its region)
  resolveEndpoint(transport, o.userPoolId)
  assertOptStr(o.clientSecret, 'clientSecret')
  assertFn(o.now, 'now')
  assertFn(o.rng, 'rng')
  checkOptions(transport)
}

/** A client with its hidden configuration (for the classes, which build theirs from their own state). @internal */
export function deriveClient(ids: { userPoolId: string; clientId: string }, config: ClientConfig): CognitoClient {
  const client: CognitoClient = Object.freeze({ userPoolId: ids.userPoolId, clientId: ids.clientId })
  configs.set(client, config)
  return client
}

/**
 * The hidden configuration of a client made by {@link createClient}.
 * @throws {ArgumentError} anything else was passed as the client
 * @internal
 */
export function configOf(client: CognitoClient): ClientConfig {
  const c = configs.get(client)
  if (!c) throw argError('"client" must come from createClient()')
  return c
}

/**
 * Says, where a function sends its operation, that repeating the operation after a failure of
 * unknown outcome could act twice (send a second code, consume a one-time value): it is then
 * retried only on throttling. The functions' flags are checked against the transport's list of
 * such operations by a test.
 */
export const UNSAFE_TO_REPEAT = true

/**
 * Send one operation with the client's transport options, `call` overriding them for this call.
 * An abort of either the client's `signal` or the call's ends the call. `unsafe`: see
 * {@link UNSAFE_TO_REPEAT}.
 * @internal
 */
export function request<T = Record<string, any>>(client: CognitoClient, operation: string, input: object, call: CallOptions = {}, unsafe?: boolean): Promise<T> {
  const t = configOf(client).transport
  // every function's `clientMetadata` arrives here: Cognito takes only strings
  assertStrings((input as { ClientMetadata?: unknown }).ClientMetadata, 'clientMetadata')
  // either the client's signal or the call's aborts the call
  return withSignals(t.signal, call.signal, (signal) => dispatch<T>(operation, input, { ...t, ...call, signal: signal as AbortSignal /* undefined: none */, userPoolId: client.userPoolId, unsafe: unsafe && !call.retryUnsafe }))
}

/** SECRET_HASH for `username` when the client has a secret, else undefined. @internal */
export async function secretHashFor(client: CognitoClient, username: string): Promise<string | undefined> {
  const s = configOf(client).secret
  // a secret is a non-empty string: checked when the client was made
  return s && secretHash(username, client.clientId, s)
}

/**
 * An unauthenticated operation for `username`: `ClientId`, `Username` and `SecretHash` over that
 * same name (ForgotPassword, SignUp, ConfirmSignUp, …).
 * @internal
 */
export async function requestAsUser<T>(client: CognitoClient, operation: string, username: string, input: object, o?: CallSignal & { userContextData?: object | undefined }, unsafe?: boolean): Promise<T> {
  assertStr(username, 'username')
  // Cognito takes only strings (checked where the sign-in functions take it too: flowOf)
  assertStrings(o?.userContextData, 'userContextData')
  // an undefined member (no secret, no UserContextData) is left out of the JSON body
  return request<T>(client, operation, { ClientId: client.clientId, Username: username, ...input, UserContextData: o?.userContextData, SecretHash: await secretHashFor(client, username) }, callOf(o), unsafe)
}

/**
 * The access token of a call: the token itself, or a function that returns it (for example one
 * that refreshes it first), called with the operation's name only after the call's arguments
 * have been checked, and with the call's `signal` (when it has one): a getter that waits for a
 * renewal should stop waiting when it aborts.
 */
export type AccessToken = string | ((operation: string, signal?: AbortSignal) => string | Promise<string>)

/**
 * An access-token operation (ChangePassword, GetUser, ListDevices, …); only `o.signal` of the options is used.
 * @throws {ArgumentError} no access token was given
 * @internal
 */
export async function requestWithToken<T = Record<string, any>>(client: CognitoClient, operation: string, accessToken: AccessToken, input: object, o?: CallSignal, unsafe?: boolean): Promise<T> {
  // the options are checked before the getter runs (it may refresh the token)
  const call = callOf(o)
  const token = typeof accessToken === 'function' ? await accessToken(operation, call.signal) : accessToken
  assertStr(token, 'accessToken')
  return request<T>(client, operation, { AccessToken: token, ...input }, call, unsafe)
}

/** Per-call options every function accepts. */
export interface CallSignal {
  /** Abort this call (the client's own `signal` aborts it too). */
  signal?: AbortSignal | undefined
}


/** The call options of a function's options object (only `signal` is a transport option). @internal */
export const callOf = (o: CallSignal | undefined): CallOptions => {
  const { signal } = optionsOf(o)
  if (signal === undefined) return {}
  checkOptions({ signal })
  return { signal }
}

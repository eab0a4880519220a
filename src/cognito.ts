/**
 * The pycognito-shaped client: one instance per user, any number of instances per process.
 * @module
 */
import { challengeOf, srpAnswer, paramsOf, tokensOf, type AuthResult, type SrpState } from './auth.ts'
import {
  argError,
  assertStr,
  ChallengeError,
  CodeMismatchException,
  CustomChallengeError,
  DeviceChallengeError,
  EmailOtpChallengeError,
  ExpiredSessionError,
  ForceChangePasswordError,
  MfaSetupChallengeError,
  NotAuthenticatedError,
  NotAuthorizedException,
  ResponseError,
  SelectChallengeError,
  SelectMfaTypeChallengeError,
  SmsMfaChallengeError,
  SoftwareTokenMfaChallengeError,
  UnknownChallengeError,
  WebAuthnChallengeError,
} from './errors.ts'
import type { JwtClaims, JwtVerifier } from './jwt.ts'
import { calculateA, createDeviceVerifier, generatePrivateValue, poolNameOf, secretHash, type Rng } from './srp.ts'
import { fromBase64Url, utf8Decode } from './lib/bytes.ts'
import { isObj, isStr as str } from './lib/guards.ts'
import { memoryStore, type TokenStore } from './store.ts'
import { resolveEndpoint, send, skewOf, type CallOptions, type TransportOptions } from './transport.ts'
// issue 4: account methods
import { authOf } from './operations.generated.ts'
import type {
  AssociateSoftwareTokenResponse, CallInput, CodeDeliveryDetailsType, ConfirmSignUpResponse, ForgotPasswordResponse,
  GetUserAttributeVerificationCodeResponse, GetUserResponse, OperationOutput, ResendConfirmationCodeResponse,
  SignUpResponse, UpdateUserAttributesResponse, UserOperationName, VerifySoftwareTokenResponse, VerifyUserAttributeResponse,
} from './operations.generated.ts'
import { cognitoNames, customAttributes, dictToCognito, mfaSettings, UserObj, type AttributeInput, type AttrMap, type MfaPreference, type UserMetadata } from './user.ts'

export type { AuthResult } from './auth.ts'

/** Options of {@link Cognito}. */
export interface CognitoOptions extends TransportOptions {
  /** User pool id, e.g. `us-east-1_AbCdEf123`. The region is taken from it unless `region` is set. */
  userPoolId: string
  /** App client id. */
  clientId: string
  /** The name the user signs in with (username, or an email / phone alias). */
  username?: string
  /** App client secret, when the client has one: SECRET_HASH is then sent on every call. */
  clientSecret?: string
  /** Tokens from an earlier session (stored unverified; see `verifyTokens`). */
  idToken?: string
  /** @see idToken */
  accessToken?: string
  /** @see idToken */
  refreshToken?: string
  /** Randomness for SRP private values and device verifiers. Default: `crypto.getRandomValues`. */
  rng?: Rng
  /** Clock, ms since epoch. Default `Date.now`. */
  now?: () => number
  /** A remembered device (all three or none): enables DEVICE_SRP_AUTH and DEVICE_KEY on refresh. */
  deviceKey?: string
  /** @see deviceKey */
  deviceGroupKey?: string
  /** @see deviceKey (a secret: never shown by toJSON, inspect or errors) */
  devicePassword?: string
  /** The app client rotates refresh tokens: refresh with GetTokensFromRefreshToken. */
  refreshTokenRotation?: boolean
  /** Where tokens persist (default: a private in-memory store). See `restore()`. */
  store?: TokenStore
  /** Key of this user's entry in `store`. Default `<clientId>.<username>`. */
  storeKey?: string
  /** Token verifier for `verifyTokens()` (share one between instances to share its JWKS cache). */
  verifier?: JwtVerifier
}

/** Options of {@link Cognito.authenticate}. */
export interface AuthenticateOptions {
  /**
   * `USER_SRP_AUTH` (default: the password never leaves the device), `USER_PASSWORD_AUTH`, or
   * `CUSTOM_AUTH` (custom challenges after an SRP password check). For custom auth without a
   * password use `customAuth()`; for choice-based sign-in use `userAuth()`.
   */
  flow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH'
  /** Passed to Lambda triggers. */
  clientMetadata?: Record<string, string>
  /** Abort this call. */
  signal?: AbortSignal
}

/** Options shared by the challenge continuation methods. */
export interface RespondOptions {
  /** Passed to Lambda triggers. */
  clientMetadata?: Record<string, string>
  /** Abort this call. */
  signal?: AbortSignal
}

/**
 * Produces a WebAuthn assertion for Cognito's `CREDENTIAL_REQUEST_OPTIONS` (parsed JSON), e.g. by
 * wrapping `navigator.credentials.get` and serialising the result as AuthenticationResponseJSON.
 */
export type WebAuthnAssert = (requestOptions: Record<string, unknown>) => Promise<unknown>

/** Choice-based sign-in answers (USER_AUTH). */
export type UserAuthChallenge = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN'

/** Options of {@link Cognito.userAuth} and {@link Cognito.selectChallenge}. */
export interface UserAuthOptions extends RespondOptions {
  /** Needed for PASSWORD and PASSWORD_SRP. Used for this call only, never kept. */
  password?: string
  /** Needed for WEB_AUTHN. */
  webauthn?: WebAuthnAssert
}

/** A challenge waiting for an answer. */
export interface PendingChallenge {
  name: string
  parameters: Record<string, string>
  session: string | undefined
  /** The USERNAME to answer with: Cognito's internal name when it returned one. */
  username: string
  availableChallenges: string[] | undefined
}

/** Credentials of a confirmed device: persist them (securely) and pass them to the constructor later. */
export interface DeviceCredentials {
  deviceKey: string
  deviceGroupKey: string
  /** A secret, like a password. */
  devicePassword: string
}

interface TokenState {
  id: string | undefined
  access: string | undefined
  refresh: string | undefined
  type: string | undefined
  expiresIn: number | undefined
  expiresAt: number | undefined
}

/** Per-call state of a challenge loop (the password lives only here, for one call). */
interface Ctx {
  password?: string | undefined
  srp?: SrpState | undefined
  webauthn?: WebAuthnAssert | undefined
  meta?: Record<string, string> | undefined
  call: CallOptions
}

const EMPTY: TokenState = { id: undefined, access: undefined, refresh: undefined, type: undefined, expiresIn: undefined, expiresAt: undefined }

function assertCode(v: unknown): asserts v is string {
  if (typeof v !== 'string' || !/^\d{4,10}$/.test(v)) throw argError('"code" must be digits', 1)
}
const callOf = (o: { signal?: AbortSignal | undefined }): CallOptions => (o.signal ? { signal: o.signal } : {})
/** The per-call state of a sign-in call from its options. */
const ctxOf = (o: UserAuthOptions): Ctx => ({ password: o.password, webauthn: o.webauthn, meta: o.clientMetadata, call: callOf(o) })

/**
 * A Cognito User Pools client for one user, on `fetch`, WebCrypto and `BigInt`.
 *
 * Tokens live in private fields: `JSON.stringify(cognito)`, `String(cognito)` and Node's
 * `util.inspect` show the pool, client and username only.
 *
 * @example
 * ```ts
 * const user = new Cognito({ userPoolId: 'us-east-1_AbC', clientId: '1example', username: 'alice' })
 * await user.authenticate('correct horse battery staple')
 * console.log(user.idToken !== undefined)
 * ```
 */
export class Cognito {
  /** User pool id. */
  readonly userPoolId: string
  /** App client id. */
  readonly clientId: string
  /** The name the user signs in with. */
  username: string | undefined
  readonly #secret: string | undefined
  readonly #transport: TransportOptions
  readonly #rng: Rng | undefined
  readonly #now: () => number
  readonly #rotation: boolean
  readonly #store: TokenStore
  readonly #storeKey: string | undefined
  readonly #verifier: JwtVerifier | undefined
  #tokens: TokenState
  #userId: string | undefined
  #pending: PendingChallenge | undefined
  #prepared: SrpState | undefined
  #device: DeviceCredentials | undefined
  #newDevice: { deviceKey: string; deviceGroupKey: string } | undefined
  #claims: { id: JwtClaims; access: JwtClaims } | undefined
  #refreshing: Promise<AuthResult> | undefined

  constructor(options: CognitoOptions) {
    if (options === null || typeof options !== 'object') throw argError('"options" must be an object')
    const {
      userPoolId, clientId, username, clientSecret, idToken, accessToken, refreshToken, rng, now,
      deviceKey, deviceGroupKey, devicePassword, refreshTokenRotation, store, storeKey, verifier, ...transport
    } = options
    assertStr(userPoolId, 'userPoolId')
    assertStr(clientId, 'clientId')
    poolNameOf(userPoolId)
    resolveEndpoint(transport, userPoolId)
    if (username !== undefined) assertStr(username, 'username')
    if (clientSecret !== undefined) assertStr(clientSecret, 'clientSecret')
    if (rng !== undefined && typeof rng !== 'function') throw argError('"rng" must be a function')
    if (now !== undefined && typeof now !== 'function') throw argError('"now" must be a function')
    const dev = [deviceKey, deviceGroupKey, devicePassword]
    if (dev.some((v) => v !== undefined)) {
      if (!dev.every(str)) throw argError('"deviceKey", "deviceGroupKey", "devicePassword": all or none')
      this.#device = { deviceKey: deviceKey!, deviceGroupKey: deviceGroupKey!, devicePassword: devicePassword! }
    }
    if (store !== undefined && typeof store?.get !== 'function') throw argError('"store" must be a TokenStore')
    this.userPoolId = userPoolId
    this.clientId = clientId
    this.username = username
    this.#secret = clientSecret
    // the default clock is corrected by the server's Date (issue 8); an injected `now` is the truth
    this.#transport = now ? transport : { ...transport, onServerDate: (server, local) => this.#serverDate(server, local, transport.onServerDate) }
    this.#rng = rng
    this.#now = now ?? Date.now
    this.#rotation = refreshTokenRotation === true
    this.#store = store ?? memoryStore()
    this.#storeKey = storeKey
    this.#verifier = verifier
    this.#tokens = { ...EMPTY, id: idToken, access: accessToken, refresh: refreshToken }
  }

  /** The ID token, once signed in. */
  get idToken(): string | undefined {
    return this.#tokens.id
  }
  /** The access token, once signed in. */
  get accessToken(): string | undefined {
    return this.#tokens.access
  }
  /** The refresh token, once signed in. */
  get refreshToken(): string | undefined {
    return this.#tokens.refresh
  }
  /** `Bearer`, once signed in. */
  get tokenType(): string | undefined {
    return this.#tokens.type
  }
  /** Access-token lifetime in seconds as Cognito reported it. */
  get expiresIn(): number | undefined {
    return this.#tokens.expiresIn
  }
  /** Access-token expiry, ms since epoch. */
  get expiresAt(): number | undefined {
    return this.#tokens.expiresAt
  }
  /** The challenge waiting for an answer, if any. */
  get pendingChallenge(): Readonly<PendingChallenge> | undefined {
    return this.#pending
  }
  /**
   * Cognito's internal username for this user (`USER_ID_FOR_SRP` / `USERNAME` from a challenge),
   * used for every later USERNAME and SECRET_HASH. Falls back to `username`.
   */
  get internalUsername(): string | undefined {
    return this.#userId ?? this.username
  }

  /** Only safe fields: never tokens, secrets or passwords. */
  toJSON(): Record<string, unknown> {
    return { userPoolId: this.userPoolId, clientId: this.clientId, username: this.username, signedIn: this.#tokens.access !== undefined }
  }
  /** @returns `Cognito(<pool>/<client>, <username>)` */
  toString(): string {
    return `Cognito(${this.userPoolId}/${this.clientId}, ${this.username ?? '-'})`
  }

  // ---- issue 8: clock skew ----
  /** Server clock minus local clock, ms; 0 until a response with a `Date` header arrives. */
  #skew = 0

  /**
   * How far the local clock is behind Cognito's, in ms (negative when it is ahead), measured from
   * the `Date` header of the last response. `now()` — hence the SRP TIMESTAMP, which Cognito
   * rejects when stale, and token expiry — is corrected by it. Offsets under a minute are
   * ignored: every check tolerates them (Cognito's TIMESTAMP window, the refresh margin), and the
   * header has a resolution of one second. Always 0 when the `now` option is given: an injected
   * clock is taken as the truth.
   */
  get clockSkew(): number {
    return this.#skew
  }

  #serverDate(server: number, local: number, hook: TransportOptions['onServerDate']): void {
    this.#skew = skewOf(server, local)
    hook?.(server, local)
  }
  // ---- end issue 8: clock skew ----

  /** Current time in ms (injectable). */
  protected now(): number {
    return this.#now() + this.#skew
  }

  /**
   * A fresh SRP private value: 48 random bytes (384 bits, RFC 3526 §8) by default. Override it to
   * change the size, e.g. `generatePrivateValue(undefined, 128)` for AWS's clients' 1024 bits.
   */
  protected privateValue(): bigint {
    return generatePrivateValue(this.#rng)
  }

  /**
   * Compute the next sign-in's SRP private value and A = g^a now — a few ms of CPU — so that
   * the next `authenticate()` / `userAuth()` sends InitiateAuth without that delay (call it, for
   * example, while a login form is shown). It is not done in the constructor because Workers
   * forbid randomness at global scope, where an instance may be created. Used once.
   */
  prepareSrp(): void {
    this.#prepared ??= this.#newSrp()
  }

  #newSrp(): SrpState {
    const a = this.privateValue()
    return { a, A: calculateA(a) }
  }

  /** The prepared SRP values if any (used once), else fresh ones. */
  #takeSrp(): SrpState {
    const s = this.#prepared ?? this.#newSrp()
    this.#prepared = undefined
    return s
  }

  /**
   * Send one operation with this instance's transport options.
   * @internal for the library's own methods and subclasses
   */
  protected request<T = Record<string, unknown>>(operation: string, input: object, options: CallOptions = {}): Promise<T> {
    const opts = { ...this.#transport, ...options, userPoolId: this.userPoolId }
    const a = this.#transport.signal
    const b = options.signal
    if (!a || !b || a === b) return send<T>(operation, input, opts)
    // both the instance's signal and the call's abort this call (AbortSignal.any is not everywhere)
    const ctl = new AbortController()
    const abort = (): void => ctl.abort(a.aborted ? a.reason : b.reason)
    if (a.aborted || b.aborted) abort()
    a.addEventListener('abort', abort)
    b.addEventListener('abort', abort)
    return send<T>(operation, input, { ...opts, signal: ctl.signal }).finally(() => {
      a.removeEventListener('abort', abort)
      b.removeEventListener('abort', abort)
    })
  }

  /** SECRET_HASH for `username` when the client has a secret, else undefined. */
  protected async secretHashFor(username: string): Promise<string | undefined> {
    return this.#secret === undefined ? undefined : secretHash(username, this.clientId, this.#secret)
  }

  /** Whether the app client has a secret. */
  protected get hasClientSecret(): boolean {
    return this.#secret !== undefined
  }

  /** The client secret itself (GetTokensFromRefreshToken and RevokeToken take it, not a hash). */
  protected get clientSecretValue(): string | undefined {
    return this.#secret
  }

  /** Store tokens from an `AuthenticationResult`. A missing refresh token keeps the old one. */
  protected setTokens(result: Record<string, unknown>): AuthResult {
    const r = tokensOf(result, this.now())
    r.refreshToken ??= this.#tokens.refresh
    this.#tokens = { id: r.idToken, access: r.accessToken, refresh: r.refreshToken, type: r.tokenType, expiresIn: r.expiresIn, expiresAt: r.expiresAt }
    this.#pending = undefined
    this.#claims = undefined
    if (r.newDevice) this.#newDevice = r.newDevice
    const claims = this.#accessPayload()
    if (claims && str(claims['username'])) this.#userId = claims['username']
    return r
  }

  /** The access token's payload (unverified), decoded once per token: checkToken runs before every authFetch request. */
  #payload: { token: string; claims: Record<string, unknown> | undefined } | undefined
  #accessPayload(): Record<string, unknown> | undefined {
    const token = this.#tokens.access
    if (token === undefined) return undefined
    if (this.#payload?.token !== token) this.#payload = { token, claims: decodePayload(token) }
    return this.#payload.claims
  }

  /** Forget every token, claim, pending challenge and unconfirmed device. */
  protected clearTokens(): void {
    this.#tokens = { ...EMPTY }
    this.#pending = undefined
    this.#claims = undefined
    this.#newDevice = undefined
  }

  /** Remember Cognito's internal username. */
  protected setInternalUsername(name: string): void {
    this.#userId = name
  }

  /** The access token, or a `NotAuthenticatedError` naming the call that needs it. */
  protected requireAccessToken(what: string): string {
    const t = this.#tokens.access
    if (t === undefined) throw new NotAuthenticatedError(`${what}: not signed in`)
    return t
  }

  // ---- issue 3: sign-in flows and challenges ----

  /** AuthParameters / ChallengeResponses with USERNAME, SECRET_HASH and DEVICE_KEY added. */
  async #withUser(username: string, p: Record<string, string>): Promise<Record<string, string>> {
    const out: Record<string, string> = { USERNAME: username, ...p }
    const h = await this.secretHashFor(username)
    if (h) out['SECRET_HASH'] = h
    if (this.#device) out['DEVICE_KEY'] = this.#device.deviceKey
    return out
  }

  /** Start a flow with InitiateAuth (through the overridable hook) and run the challenge loop. */
  async #initiate(flow: string, params: Record<string, string>, ctx: Ctx, session?: string): Promise<AuthResult> {
    const username = this.#name(undefined)
    this.#pending = undefined
    this.#userId = undefined
    const resp = await this.initiateAuth(
      { AuthFlow: flow, AuthParameters: await this.#withUser(username, params), ClientMetadata: ctx.meta, Session: session },
      ctx.call,
    )
    return this.#loop(resp, ctx)
  }

  /**
   * Answer challenges the library can answer by itself (PASSWORD_VERIFIER with the password of
   * this call, device SRP with the stored device credentials, WEB_AUTHN with the caller's
   * function) until tokens arrive or a challenge needs the caller.
   */
  async #loop(resp: Record<string, unknown>, ctx: Ctx): Promise<AuthResult> {
    for (;;) {
      if (resp['AuthenticationResult']) break
      const name = resp['ChallengeName']
      const cp = paramsOf(resp)
      const user = cp['USERNAME'] ?? cp['USER_ID_FOR_SRP'] ?? this.internalUsername ?? this.#name(undefined)
      const dev = this.#device
      let answer: Record<string, string> | undefined
      // SRP verifier challenges are only ever an answer to our own SRP_A: anything else is a protocol violation
      if ((name === 'PASSWORD_VERIFIER' || name === 'DEVICE_PASSWORD_VERIFIER') && !ctx.srp) {
        throw new ResponseError(`${name} challenge in answer to a request that sent no SRP_A`)
      }
      if (name === 'PASSWORD_VERIFIER' && ctx.srp && ctx.password !== undefined) {
        const id = cp['USER_ID_FOR_SRP'] ?? user
        answer = await srpAnswer(cp, ctx.srp, poolNameOf(this.userPoolId), id, ctx.password, new Date(this.now()))
      } else if (name === 'DEVICE_SRP_AUTH' && dev) {
        // a fresh private value for the device exchange, never the user's
        ctx.srp = this.#newSrp()
        answer = { SRP_A: ctx.srp.A.toString(16) }
      } else if (name === 'DEVICE_PASSWORD_VERIFIER' && dev && ctx.srp) {
        answer = await srpAnswer(cp, ctx.srp, dev.deviceGroupKey, dev.deviceKey, dev.devicePassword, new Date(this.now()))
      } else if (name === 'WEB_AUTHN' && ctx.webauthn) {
        let options: Record<string, unknown>
        try {
          options = JSON.parse(cp['CREDENTIAL_REQUEST_OPTIONS'] ?? '')
        } catch (cause) {
          throw new ResponseError('bad CREDENTIAL_REQUEST_OPTIONS', { cause })
        }
        answer = { CREDENTIAL: JSON.stringify(await ctx.webauthn(options)) }
      }
      if (!answer) break
      this.setInternalUsername(user)
      resp = await this.#send(name as string, user, answer, str(resp['Session']) ? resp['Session'] : undefined, ctx)
    }
    return this.handleAuthResponse(resp, this.username)
  }

  /** RespondToAuthChallenge through the overridable hook; an expired Session becomes {@link ExpiredSessionError}. */
  async #send(name: string, username: string, answer: Record<string, string>, session: string | undefined, ctx: Ctx): Promise<Record<string, unknown>> {
    try {
      return await this.respondToAuthChallenge(
        { ChallengeName: name, ChallengeResponses: await this.#withUser(username, answer), Session: session, ClientMetadata: ctx.meta },
        ctx.call,
      )
    } catch (e) {
      // Cognito says "Invalid session for the user[, session is expired]." (NotAuthorizedException)
      if (e instanceof NotAuthorizedException && /session/i.test(e.message)) {
        this.#pending = undefined
        throw new ExpiredSessionError('session expired: sign in again', { cause: e, status: e.status, requestId: e.requestId })
      }
      throw e
    }
  }

  /**
   * Hold a challenge saved earlier from {@link pendingChallenge} (pycognito's `mfa_tokens`), e.g. by
   * a server that got the challenge in one request and the user's code in the next, so the
   * continuation methods can answer it. The object holds the Session: keep it server-side.
   * @throws {ArgumentError} not a saved pending challenge
   */
  resumeChallenge(challenge: PendingChallenge): void {
    const c = challenge as Partial<PendingChallenge> | null
    if (!c || !str(c.name) || !str(c.username) || (c.session !== undefined && !str(c.session)) || typeof c.parameters !== 'object') {
      throw argError('"challenge" must be a pendingChallenge')
    }
    this.#pending = { name: c.name, parameters: { ...c.parameters }, session: c.session, username: c.username, availableChallenges: c.availableChallenges }
    this.#userId = c.username
  }

  /** The pending challenge, checked against the expected names. */
  #expect(names: string[], what: string): PendingChallenge {
    const p = this.#pending
    if (!p || (names.length && !names.includes(p.name))) {
      throw new NotAuthenticatedError(`${what}: no pending ${names} challenge`)
    }
    return p
  }

  /**
   * Sign in with the password: SRP by default (USER_SRP_AUTH → PASSWORD_VERIFIER),
   * USER_PASSWORD_AUTH, or CUSTOM_AUTH with an SRP password check first. Device SRP follows
   * automatically when device credentials are known. On success the tokens are stored and
   * returned.
   *
   * @throws {ChallengeError} a subclass per challenge (`ForceChangePasswordError`,
   *   `SoftwareTokenMfaChallengeError`, …); the challenge is kept as {@link pendingChallenge} for
   *   the continuation methods
   * @throws {NotAuthorizedException} wrong password; {@link UserNotFoundException} unknown user
   * @throws {SrpError} the server's SRP values failed a safety check
   */
  async authenticate(password: string, options: AuthenticateOptions = {}): Promise<AuthResult> {
    assertStr(password, 'password')
    const flow = options.flow ?? 'USER_SRP_AUTH'
    if (!['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH'].includes(flow)) {
      throw argError('"flow" is not supported', 1)
    }
    this.#name(undefined)
    const ctx = ctxOf({ ...options, password })
    if (flow === 'USER_PASSWORD_AUTH') return this.#initiate(flow, { PASSWORD: password }, ctx)
    ctx.srp = this.#takeSrp()
    const params: Record<string, string> = { SRP_A: ctx.srp.A.toString(16) }
    if (flow === 'CUSTOM_AUTH') params['CHALLENGE_NAME'] = 'SRP_A'
    return this.#initiate(flow, params, ctx)
  }

  /**
   * CUSTOM_AUTH without a password: Cognito's Lambda triggers issue CUSTOM_CHALLENGEs, answered
   * with {@link respondToCustomChallenge}. (With an SRP password check first:
   * `authenticate(password, { flow: 'CUSTOM_AUTH' })`.)
   * @throws {CustomChallengeError} carrying the challenge parameters
   */
  async customAuth(options: RespondOptions = {}): Promise<AuthResult> {
    return this.#initiate('CUSTOM_AUTH', {}, ctxOf(options))
  }

  /**
   * Choice-based sign-in (USER_AUTH). With `preferred`, Cognito starts that challenge directly
   * when the user can use it; otherwise it answers SELECT_CHALLENGE ({@link SelectChallengeError}
   * with `availableChallenges`), answered with {@link selectChallenge}. `session` is the Session
   * returned by SignUp / ConfirmSignUp, to sign in right after sign-up without a password.
   * @example
   * ```ts
   * await user.userAuth({ preferred: 'WEB_AUTHN', webauthn: (opts) => getPasskeyAssertion(opts) })
   * ```
   */
  async userAuth(options: UserAuthOptions & { preferred?: UserAuthChallenge; session?: string } = {}): Promise<AuthResult> {
    const { preferred, session } = options
    const ctx = ctxOf(options)
    const params = preferred ? { PREFERRED_CHALLENGE: preferred, ...this.#choice(preferred, ctx) } : {}
    return this.#initiate('USER_AUTH', params, ctx, session)
  }

  /** The extra parameters of a USER_AUTH choice (PASSWORD / SRP_A). */
  #choice(answer: string, ctx: Ctx): Record<string, string> {
    if (!['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'].includes(answer)) {
      throw argError('"challenge" is not supported', 1)
    }
    if (answer === 'WEB_AUTHN' && ctx.webauthn !== undefined && typeof ctx.webauthn !== 'function') throw argError('"webauthn" must be a function')
    if (!answer.startsWith('PASSWORD')) return {}
    assertStr(ctx.password, 'password')
    if (answer === 'PASSWORD') return { PASSWORD: ctx.password }
    ctx.srp = this.#takeSrp()
    return { SRP_A: ctx.srp.A.toString(16) }
  }

  /** Answer SELECT_CHALLENGE (USER_AUTH) with one of `availableChallenges`. */
  async selectChallenge(challenge: UserAuthChallenge, options: UserAuthOptions = {}): Promise<AuthResult> {
    const ctx = ctxOf(options)
    this.#expect(['SELECT_CHALLENGE'], 'selectChallenge')
    return this.#respond('SELECT_CHALLENGE', { ANSWER: challenge, ...this.#choice(challenge, ctx) }, ctx)
  }

  /** Answer a WEB_AUTHN challenge with an AuthenticationResponseJSON (object or JSON string). */
  async respondToWebAuthnChallenge(credential: object | string, options: RespondOptions = {}): Promise<AuthResult> {
    if (credential === null || (typeof credential !== 'object' && typeof credential !== 'string')) throw argError('"credential" must be an object or a string')
    return this.respondToChallenge('WEB_AUTHN', { CREDENTIAL: typeof credential === 'string' ? credential : JSON.stringify(credential) }, options)
  }

  /** Send one answer for the pending challenge, then continue the loop. */
  async #respond(name: string, answer: Record<string, string>, ctx: Ctx, session?: string): Promise<AuthResult> {
    const p = this.#expect([name], name)
    return this.#loop(await this.#send(name, p.username, answer, session ?? p.session, ctx), ctx)
  }

  /**
   * Answer the pending challenge `name` with `responses` (USERNAME, SECRET_HASH and DEVICE_KEY are
   * added; the held Session is forwarded). The generic form behind every continuation method,
   * and the way to answer a challenge this library does not know ({@link UnknownChallengeError}).
   * @throws {NotAuthenticatedError} no such challenge is pending
   * @throws {ExpiredSessionError} the Session expired: sign in again
   */
  async respondToChallenge(name: string, responses: Record<string, string>, options: RespondOptions = {}): Promise<AuthResult> {
    assertStr(name, 'name')
    if (responses === null || typeof responses !== 'object') throw argError('"responses" must be an object')
    return this.#respond(name, { ...responses }, ctxOf(options))
  }

  /**
   * Answer NEW_PASSWORD_REQUIRED with the Session already held (no second SRP run). Without a
   * pending challenge it signs in with `password` first, as pycognito does.
   * @param attributes - required attributes by name (`name`, `custom:x`), sent as `userAttributes.<name>`
   * @throws {ArgumentError} a required attribute is missing (checked before any request)
   */
  async newPasswordChallenge(
    password: string,
    newPassword: string,
    options: RespondOptions & { attributes?: Record<string, string> } = {},
  ): Promise<AuthResult> {
    assertStr(newPassword, 'newPassword')
    if (this.#pending?.name !== 'NEW_PASSWORD_REQUIRED') {
      try {
        const { attributes: _, ...auth } = options
        return await this.authenticate(password, auth)
      } catch (e) {
        if (!(e instanceof ForceChangePasswordError)) throw e
      }
    }
    const p = this.#pending!
    const attrs = options.attributes ?? {}
    for (const a of new ForceChangePasswordError(p.parameters).requiredAttributes) {
      if (!str(attrs[a])) throw argError(`"attributes.${a}" is required`)
    }
    const answer: Record<string, string> = { NEW_PASSWORD: newPassword }
    for (const [k, v] of Object.entries(attrs)) answer[`userAttributes.${k}`] = v
    return this.respondToChallenge('NEW_PASSWORD_REQUIRED', answer, options)
  }

  /** Answer SOFTWARE_TOKEN_MFA with the TOTP code. A wrong code (CodeMismatchException) keeps the challenge for a retry. */
  async respondToSoftwareTokenMfaChallenge(code: string, options: RespondOptions = {}): Promise<AuthResult> {
    assertCode(code)
    return this.respondToChallenge('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code }, options)
  }

  /** Answer SMS_MFA (or SMS_OTP in USER_AUTH) with the texted code. */
  async respondToSmsMfaChallenge(code: string, options: RespondOptions = {}): Promise<AuthResult> {
    assertCode(code)
    const name = this.#expect(['SMS_MFA', 'SMS_OTP'], 'respondToSmsMfaChallenge').name
    return this.respondToChallenge(name, { [`${name}_CODE`]: code }, options)
  }

  /** Answer EMAIL_OTP (MFA or USER_AUTH) with the e-mailed code. */
  async respondToEmailOtpChallenge(code: string, options: RespondOptions = {}): Promise<AuthResult> {
    assertCode(code)
    return this.respondToChallenge('EMAIL_OTP', { EMAIL_OTP_CODE: code }, options)
  }

  /** Answer SELECT_MFA_TYPE; Cognito then sends the chosen MFA challenge. */
  async selectMfaType(type: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP', options: RespondOptions = {}): Promise<AuthResult> {
    if (!['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'].includes(type)) throw argError('"type" is not supported', 1)
    return this.respondToChallenge('SELECT_MFA_TYPE', { ANSWER: type }, options)
  }

  /** Answer CUSTOM_CHALLENGE with `ANSWER`. Cognito may send further custom challenges. */
  async respondToCustomChallenge(answer: string, clientMetadata?: Record<string, string>, options: RespondOptions = {}): Promise<AuthResult> {
    assertStr(answer, 'answer')
    return this.respondToChallenge('CUSTOM_CHALLENGE', { ANSWER: answer }, clientMetadata ? { ...options, clientMetadata } : options)
  }

  /**
   * MFA_SETUP, step 1: associate a TOTP secret through the challenge Session
   * (AssociateSoftwareToken). Show `uri` as a QR code, then call {@link verifySoftwareTokenMfaSetup}.
   * @param options.issuer - the name authenticator apps show (default `Cognito`)
   */
  async setupSoftwareTokenMfa(options: { issuer?: string; signal?: AbortSignal } = {}): Promise<{ secretCode: string; uri: string }> {
    const p = this.#expect(['MFA_SETUP'], 'setupSoftwareTokenMfa')
    const r = await this.request('AssociateSoftwareToken', { Session: p.session }, callOf(options))
    const secretCode = r['SecretCode']
    if (!str(secretCode)) throw new ResponseError('no SecretCode')
    if (str(r['Session'])) this.#pending = { ...p, session: r['Session'] }
    return { secretCode, uri: otpauthUri(secretCode, this.username ?? p.username, options.issuer ?? 'Cognito') }
  }

  /**
   * MFA_SETUP, step 2: verify the first TOTP code (VerifySoftwareToken with the Session), then
   * finish the sign-in (RespondToAuthChallenge MFA_SETUP).
   * @throws {CodeMismatchException} a wrong code (the challenge stays pending for a retry)
   */
  async verifySoftwareTokenMfaSetup(code: string, options: RespondOptions & { friendlyDeviceName?: string } = {}): Promise<AuthResult> {
    assertCode(code)
    const p = this.#expect(['MFA_SETUP'], 'verifySoftwareTokenMfaSetup')
    const r = await this.request(
      'VerifySoftwareToken',
      { Session: p.session, UserCode: code, FriendlyDeviceName: options.friendlyDeviceName },
      callOf(options),
    )
    if (r['Status'] !== 'SUCCESS') throw new CodeMismatchException('code not accepted')
    const session = str(r['Session']) ? r['Session'] : p.session
    return this.#respond('MFA_SETUP', {}, ctxOf(options), session)
  }

  /**
   * Send InitiateAuth for this client. `AdminCognito` overrides it to send a signed
   * AdminInitiateAuth instead, so every flow and challenge works for both.
   */
  protected initiateAuth(input: Record<string, unknown>, call: CallOptions = {}): Promise<Record<string, unknown>> {
    return this.request('InitiateAuth', { ClientId: this.clientId, ...input }, call)
  }

  /**
   * Send RespondToAuthChallenge for this client. `AdminCognito` overrides it to send a signed
   * AdminRespondToAuthChallenge instead.
   */
  protected respondToAuthChallenge(input: Record<string, unknown>, call: CallOptions = {}): Promise<Record<string, unknown>> {
    return this.request('RespondToAuthChallenge', { ClientId: this.clientId, ...input }, call)
  }

  /**
   * Finish an auth round trip: store tokens, or record the challenge and raise it.
   * @internal
   */
  protected async handleAuthResponse(resp: Record<string, unknown>, fallbackUsername: string | undefined): Promise<AuthResult> {
    const result = resp['AuthenticationResult']
    if (isObj(result)) return this.#accept(result)
    const { name, parameters, session, availableChallenges } = challengeOf(resp)
    const username = parameters['USERNAME'] ?? parameters['USER_ID_FOR_SRP'] ?? this.#userId ?? fallbackUsername ?? ''
    this.setInternalUsername(username)
    this.#pending = { name, parameters, session, username, availableChallenges }
    throw this.challengeError(this.#pending, resp)
  }

  /** Build the typed error raised for a challenge. */
  protected challengeError(p: PendingChallenge, raw: Record<string, unknown> = {}): ChallengeError {
    const { name: n, parameters: cp, session: s } = p
    switch (n) {
      case 'NEW_PASSWORD_REQUIRED':
        return new ForceChangePasswordError(cp, s)
      case 'SMS_MFA':
      case 'SMS_OTP':
        return new SmsMfaChallengeError(n, cp, s)
      case 'SOFTWARE_TOKEN_MFA':
        return new SoftwareTokenMfaChallengeError(n, cp, s)
      case 'EMAIL_OTP':
        return new EmailOtpChallengeError(n, cp, s)
      case 'SELECT_MFA_TYPE':
        return new SelectMfaTypeChallengeError(cp, s)
      case 'MFA_SETUP':
        return new MfaSetupChallengeError(cp, s)
      case 'SELECT_CHALLENGE':
        return new SelectChallengeError(cp, s, p.availableChallenges)
      case 'CUSTOM_CHALLENGE':
        return new CustomChallengeError(cp, s)
      case 'WEB_AUTHN':
        return new WebAuthnChallengeError(cp, s)
      case 'DEVICE_SRP_AUTH':
      case 'DEVICE_PASSWORD_VERIFIER':
        return new DeviceChallengeError(n, cp, s)
      case 'PASSWORD_VERIFIER':
        return new ChallengeError(n, cp, s, p.availableChallenges)
    }
    return new UnknownChallengeError(n, cp, s, p.availableChallenges, raw)
  }

  // ---- issue 3: devices ----

  /** The device credentials in use (after `confirmDevice()` or from the constructor). A secret: store it securely. */
  get deviceCredentials(): Readonly<DeviceCredentials> | undefined {
    return this.#device
  }

  /** NewDeviceMetadata of the last sign-in, until `confirmDevice()`. */
  get newDevice(): { deviceKey: string; deviceGroupKey: string } | undefined {
    return this.#newDevice
  }

  /**
   * Confirm the device Cognito issued at sign-in (NewDeviceMetadata): creates the SRP verifier,
   * sends ConfirmDevice, and (with `remember`) sets the remembered status when Cognito asks.
   * @returns the device credentials to persist; later pass them to the constructor to skip MFA
   *   on this device (DEVICE_SRP_AUTH). They are held (see {@link deviceCredentials}) as soon as
   *   ConfirmDevice succeeds, even if the following UpdateDeviceStatus fails.
   */
  async confirmDevice(options: { name?: string; remember?: boolean; signal?: AbortSignal } = {}): Promise<DeviceCredentials & { userConfirmationNecessary: boolean }> {
    const nd = this.#newDevice
    if (!nd) throw new NotAuthenticatedError('confirmDevice: no NewDeviceMetadata')
    const name = options.name ?? (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent?.slice(0, 1024) ?? 'cognito-edge'
    assertStr(name, 'name')
    const v = await createDeviceVerifier(nd.deviceGroupKey, nd.deviceKey, this.#rng)
    const r = await this.#token('ConfirmDevice', { DeviceKey: nd.deviceKey, DeviceName: name, DeviceSecretVerifierConfig: { PasswordVerifier: v.passwordVerifier, Salt: v.salt } }, options)
    this.#device = { ...nd, devicePassword: v.devicePassword }
    this.#newDevice = undefined
    const userConfirmationNecessary = r['UserConfirmationNecessary'] === true
    if (userConfirmationNecessary && options.remember !== undefined) await this.#deviceStatus(nd.deviceKey, options.remember, options)
    return { ...this.#device, userConfirmationNecessary }
  }

  #deviceKey(deviceKey: string | undefined): string {
    const k = deviceKey ?? this.#device?.deviceKey
    assertStr(k, 'deviceKey')
    return k
  }

  async #deviceStatus(deviceKey: string, remember: boolean, o: { signal?: AbortSignal | undefined }): Promise<void> {
    await this.#token('UpdateDeviceStatus', { DeviceKey: deviceKey, DeviceRememberedStatus: remember ? 'remembered' : 'not_remembered' }, o)
  }

  /** Mark a device (default: this one) remembered (`true`) or not remembered (UpdateDeviceStatus). */
  async rememberDevice(remember = true, deviceKey?: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    if (typeof remember !== 'boolean') throw argError('"remember" must be a boolean')
    return this.#deviceStatus(this.#deviceKey(deviceKey), remember, options)
  }

  /** Forget a device (default: this one; its credentials are then dropped). */
  async forgetDevice(deviceKey?: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    const k = this.#deviceKey(deviceKey)
    await this.#token('ForgetDevice', { DeviceKey: k }, options)
    if (this.#device?.deviceKey === k) this.#device = undefined
  }

  /** List the user's devices (ListDevices, one page). */
  async listDevices(options: { limit?: number; paginationToken?: string; signal?: AbortSignal } = {}): Promise<{ Devices?: Record<string, unknown>[]; PaginationToken?: string }> {
    return this.#token('ListDevices', { Limit: options.limit, PaginationToken: options.paginationToken }, options)
  }

  /** One device (default: this one), as GetDevice returns it. */
  async getDevice(deviceKey?: string, options: { signal?: AbortSignal } = {}): Promise<Record<string, unknown>> {
    return (await this.#token('GetDevice', { DeviceKey: this.#deviceKey(deviceKey) }, options))['Device'] ?? {}
  }

  // ---- issue 3: WebAuthn (passkey) registration ----

  /** StartWebAuthnRegistration: the `CredentialCreationOptions` to pass to `navigator.credentials.create`. */
  async startWebAuthnRegistration(options: { signal?: AbortSignal } = {}): Promise<Record<string, unknown>> {
    return (await this.#token('StartWebAuthnRegistration', {}, options))['CredentialCreationOptions'] ?? {}
  }

  /** CompleteWebAuthnRegistration with the RegistrationResponseJSON the authenticator produced. */
  async completeWebAuthnRegistration(credential: object, options: { signal?: AbortSignal } = {}): Promise<void> {
    if (credential === null || typeof credential !== 'object') throw argError('"credential" must be an object')
    await this.#token('CompleteWebAuthnRegistration', { Credential: credential }, options)
  }

  /** ListWebAuthnCredentials (one page). */
  async listWebAuthnCredentials(options: { maxResults?: number; nextToken?: string; signal?: AbortSignal } = {}): Promise<{ Credentials?: Record<string, unknown>[]; NextToken?: string }> {
    return this.#token('ListWebAuthnCredentials', { MaxResults: options.maxResults, NextToken: options.nextToken }, options)
  }

  /** DeleteWebAuthnCredential. */
  async deleteWebAuthnCredential(credentialId: string, options: { signal?: AbortSignal } = {}): Promise<void> {
    assertStr(credentialId, 'credentialId')
    await this.#token('DeleteWebAuthnCredential', { CredentialId: credentialId }, options)
  }

  // ---- issue 3: refresh, sign-out, verification, persistence ----

  /**
   * Get new ID and access tokens with the refresh token: REFRESH_TOKEN_AUTH (SECRET_HASH over the
   * internal username, DEVICE_KEY when a device is known), or GetTokensFromRefreshToken when the
   * client rotates refresh tokens (`refreshTokenRotation: true`; the new refresh token is kept).
   * Concurrent calls share one request. A failure leaves the old tokens in place.
   */
  async renewAccessToken(options: RespondOptions = {}): Promise<AuthResult> {
    return (this.#refreshing ??= this.#refresh(options).finally(() => (this.#refreshing = undefined)))
  }

  async #refresh(o: RespondOptions): Promise<AuthResult> {
    const token = this.#tokens.refresh
    if (!token) throw new NotAuthenticatedError('renewAccessToken: no refresh token')
    const claims = this.#accessPayload()
    const deviceKey = this.#device?.deviceKey ?? (str(claims?.['device_key']) ? claims['device_key'] : undefined)
    let r: Record<string, unknown>
    if (this.#rotation) {
      r = await this.request(
        'GetTokensFromRefreshToken',
        { RefreshToken: token, ClientId: this.clientId, ClientSecret: this.#secret, DeviceKey: deviceKey, ClientMetadata: o.clientMetadata },
        callOf(o),
      )
    } else {
      const params: Record<string, string> = { REFRESH_TOKEN: token }
      if (this.#secret !== undefined) {
        const user = str(claims?.['username']) ? claims['username'] : this.internalUsername
        assertStr(user, 'username')
        params['SECRET_HASH'] = (await this.secretHashFor(user))!
      }
      if (deviceKey) params['DEVICE_KEY'] = deviceKey
      r = await this.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: params, ClientMetadata: o.clientMetadata }, callOf(o))
    }
    const result = r['AuthenticationResult']
    if (!result || typeof result !== 'object') throw new ResponseError('no AuthenticationResult')
    return this.#accept(result as Record<string, unknown>)
  }

  /**
   * Whether the access token has expired or expires within `margin` seconds (read from its `exp`
   * claim, unverified); if so and `renew` is true, refresh it first (pycognito's `check_token`).
   * @returns true when the token was (about to be) expired
   * @throws {NotAuthenticatedError} no access token
   */
  async checkToken(options: { renew?: boolean; margin?: number } = {}): Promise<boolean> {
    this.requireAccessToken('checkToken')
    const margin = options.margin ?? 60
    if (typeof margin !== 'number' || !(margin >= 0)) throw argError('"margin" must be >= 0', 1)
    const exp = this.#accessPayload()?.['exp']
    // an opaque token with no known expiry is taken as valid: Cognito itself will say otherwise
    const expiresAt = typeof exp === 'number' ? exp * 1000 : (this.#tokens.expiresAt ?? Infinity)
    const expired = this.now() >= expiresAt - margin * 1000
    if (expired && options.renew !== false) await this.renewAccessToken()
    return expired
  }

  /** GlobalSignOut (every session of the user), then forget all token state, claims included. */
  async logout(options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.#token('GlobalSignOut', {}, options)
    await this.#forget()
  }

  /** RevokeToken on the refresh token (and the access tokens it issued), then forget all token state. */
  async revokeToken(options: { signal?: AbortSignal } = {}): Promise<void> {
    const Token = this.#tokens.refresh
    if (!Token) throw new NotAuthenticatedError('revokeToken: no refresh token')
    await this.request('RevokeToken', { Token, ClientId: this.clientId, ClientSecret: this.#secret }, callOf(options))
    await this.#forget()
  }

  /** Take the tokens of an AuthenticationResult and save them to the store: every sign-in and refresh ends here. */
  async #accept(result: Record<string, unknown>): Promise<AuthResult> {
    const r = this.setTokens(result)
    await this.#save()
    return r
  }

  async #forget(): Promise<void> {
    this.clearTokens()
    await this.#store.remove(this.#key())
  }

  /**
   * Verify both tokens (signature, issuer, client, use, expiry) and, only when both pass, make
   * their claims available as {@link idClaims} / {@link accessClaims}, with the `verifier` given to
   * the constructor (`createVerifier` from `cognito-edge/jwt`).
   * @throws {ArgumentError} no `verifier` option was given
   * @throws {JwtInvalid} with a `reason`; {@link JwksError} when the JWKS cannot be fetched
   */
  async verifyTokens(): Promise<{ id: JwtClaims; access: JwtClaims }> {
    const { id, access } = this.#tokens
    if (!id || !access) throw new NotAuthenticatedError('verifyTokens: no tokens')
    // JWT verification lives in `cognito-edge/jwt` so that apps which never verify do not ship it
    const v = this.#verifier
    if (!v) throw argError('"verifier" is required: createVerifier() from cognito-edge/jwt')
    const claims = { access: await v.verify(access, { tokenUse: 'access' }), id: await v.verify(id, { tokenUse: 'id' }) }
    // the tokens may have changed while the JWKS was being fetched
    if (this.#tokens.id === id && this.#tokens.access === access) this.#claims = claims
    return claims
  }

  /** Claims of the ID token, after `verifyTokens()`. */
  get idClaims(): JwtClaims | undefined {
    return this.#claims?.id
  }
  /** Claims of the access token, after `verifyTokens()`. */
  get accessClaims(): JwtClaims | undefined {
    return this.#claims?.access
  }

  #key(): string {
    return this.#storeKey ?? `${this.clientId}.${this.username ?? ''}`
  }

  async #save(): Promise<void> {
    const t = this.#tokens
    await this.#store.set(this.#key(), JSON.stringify({ id: t.id, access: t.access, refresh: t.refresh, type: t.type, expiresIn: t.expiresIn, expiresAt: t.expiresAt, user: this.#userId }))
  }

  /**
   * Load tokens saved by an earlier session from `store` (unverified; call `verifyTokens()` or
   * `checkToken()` next).
   * @returns whether tokens were found
   */
  async restore(): Promise<boolean> {
    const raw = await this.#store.get(this.#key())
    if (!raw) return false
    let v: Partial<TokenState> & { user?: string }
    try {
      v = JSON.parse(raw)
    } catch {
      return false
    }
    if (!isObj(v) || !str(v.access)) return false
    const { user, ...tokens } = v
    this.#tokens = { ...EMPTY, ...tokens }
    this.#claims = undefined
    if (str(user)) this.#userId = user
    return true
  }
  // ---- end issue 3 ----

  // ---- issue 4: passwords, registration, profile, MFA settings ----

  #baseAttributes: Record<string, AttributeInput> = {}
  #customAttributes: Record<string, AttributeInput> = {}

  /**
   * The access token for a call that needs one. pycognito refreshes an expired token first
   * (`check_token`): this is the single place where the auth core's `checkToken({ renew })` is
   * called once both branches are merged, so every access-token method refreshes the same way.
   * @throws {NotAuthenticatedError} no access token
   */
  protected async freshAccessToken(what: string): Promise<string> {
    this.requireAccessToken(what)
    // an expired (or about to expire) token is renewed first when a refresh token is held
    if (this.#tokens.refresh) await this.checkToken({ renew: true })
    return this.requireAccessToken(what)
  }

  /** `username`, or this client's, or an ArgumentError naming the argument. */
  #name(username: string | undefined): string {
    const u = username ?? this.username
    assertStr(u, 'username')
    return u
  }

  /** A public (unauthenticated) operation for `username`: ClientId, Username and SecretHash over that same name. */
  async #public<T>(operation: string, username: string, input: object): Promise<T> {
    const h = await this.secretHashFor(username)
    return this.request<T>(operation, { ClientId: this.clientId, Username: username, ...input, ...(h ? { SecretHash: h } : {}) })
  }

  /** An access-token operation. */
  async #token<T = Record<string, any>>(operation: string, input: object, o: { signal?: AbortSignal | undefined } = {}): Promise<T> {
    return this.request<T>(operation, { AccessToken: await this.freshAccessToken(operation), ...input }, callOf(o))
  }

  /**
   * Start a password reset: Cognito sends a code by email or SMS (ForgotPassword).
   *
   * Pools with `PreventUserExistenceErrors` enabled answer as if a code was sent even when the
   * user does not exist (a simulated `CodeDeliveryDetails`): do not treat success as proof that
   * the account exists.
   * @returns where the code went, e.g. `{ Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }`
   * @throws {UserNotFoundException} unknown user (LEGACY pools only); {@link LimitExceededException} too many attempts (never retried)
   * @example
   * ```ts
   * const where = await new Cognito({ userPoolId, clientId, username: 'alice' }).initiateForgotPassword()
   * console.log(`we sent a code to ${where?.Destination}`)
   * ```
   */
  async initiateForgotPassword(options: { clientMetadata?: Record<string, string> } = {}): Promise<CodeDeliveryDetailsType | undefined> {
    const out = await this.#public<ForgotPasswordResponse>('ForgotPassword', this.#name(undefined), { ClientMetadata: options.clientMetadata })
    return out.CodeDeliveryDetails
  }

  /**
   * Finish a password reset with the code and the new password (ConfirmForgotPassword).
   * @throws {CodeMismatchException} wrong code; {@link ExpiredCodeException} expired code;
   *   {@link InvalidPasswordException} the password breaks the pool policy
   */
  async confirmForgotPassword(code: string, password: string, options: { clientMetadata?: Record<string, string> } = {}): Promise<void> {
    assertStr(code, 'code')
    assertStr(password, 'password')
    await this.#public('ConfirmForgotPassword', this.#name(undefined), { ConfirmationCode: code, Password: password, ClientMetadata: options.clientMetadata })
  }

  /**
   * Change the signed-in user's password (ChangePassword). Tokens stay valid.
   * @throws {NotAuthorizedException} wrong previous password; {@link InvalidPasswordException};
   *   {@link LimitExceededException}; {@link NotAuthenticatedError} not signed in
   */
  async changePassword(previousPassword: string, proposedPassword: string): Promise<void> {
    assertStr(previousPassword, 'previousPassword')
    assertStr(proposedPassword, 'proposedPassword')
    await this.#token('ChangePassword', { PreviousPassword: previousPassword, ProposedPassword: proposedPassword })
  }

  /**
   * Send a verification code for an attribute (GetUserAttributeVerificationCode).
   * @returns where the code went
   */
  async sendVerification(attribute = 'email', options: { clientMetadata?: Record<string, string> } = {}): Promise<CodeDeliveryDetailsType | undefined> {
    assertStr(attribute, 'attribute')
    const out = await this.#token<GetUserAttributeVerificationCodeResponse>('GetUserAttributeVerificationCode', {
      AttributeName: attribute,
      ClientMetadata: options.clientMetadata,
    })
    return out.CodeDeliveryDetails
  }

  /**
   * Verify an attribute with the code the user received (VerifyUserAttribute).
   * @throws {CodeMismatchException} | {@link ExpiredCodeException}
   */
  async validateVerification(code: string, attribute = 'email'): Promise<VerifyUserAttributeResponse> {
    assertStr(code, 'code')
    assertStr(attribute, 'attribute')
    return this.#token('VerifyUserAttribute', { AttributeName: attribute, Code: code })
  }

  /** Attributes that {@link register} sends (pycognito's `set_base_attributes`); replaces earlier ones. */
  setBaseAttributes(attributes: Readonly<Record<string, AttributeInput>>): this {
    dictToCognito(attributes)
    this.#baseAttributes = { ...attributes }
    return this
  }

  /** Custom attributes for {@link register}; keys get the `custom:` prefix. Merged with earlier ones. */
  addCustomAttributes(attributes: Readonly<Record<string, AttributeInput>>): this {
    dictToCognito(attributes)
    this.#customAttributes = { ...this.#customAttributes, ...customAttributes(attributes) }
    return this
  }

  /**
   * Sign a new user up (SignUp). SecretHash is computed over `username`, the name being
   * registered. Sends the base and custom attributes set earlier plus `options.attributes`.
   * Sets this client's `username` when it had none.
   * @returns Cognito's answer: `UserConfirmed`, `UserSub`, `CodeDeliveryDetails`, `Session`
   * @throws {UsernameExistsException} | {@link InvalidPasswordException} | {@link InvalidParameterException}
   * @example
   * ```ts
   * const res = await cognito.register('alice', 'Corr3ct horse!', { attributes: { email: 'alice@example.com' } })
   * if (!res.UserConfirmed) console.log('code sent to', res.CodeDeliveryDetails?.Destination)
   * ```
   */
  async register(
    username: string,
    password: string,
    options: { attributes?: Readonly<Record<string, AttributeInput>>; attrMap?: AttrMap; clientMetadata?: Record<string, string> } = {},
  ): Promise<SignUpResponse> {
    assertStr(username, 'username')
    assertStr(password, 'password')
    const attrs = dictToCognito({ ...this.#baseAttributes, ...this.#customAttributes, ...options.attributes }, options.attrMap)
    const out = await this.#public<SignUpResponse>('SignUp', username, { Password: password, UserAttributes: attrs, ClientMetadata: options.clientMetadata })
    this.username ??= username
    return out
  }

  /**
   * Confirm a sign-up with the emailed / texted code (ConfirmSignUp).
   * @param username - default: this client's username
   * @returns may carry a `Session` for a USER_AUTH sign-in without the password
   * @throws {CodeMismatchException} | {@link ExpiredCodeException}
   */
  async confirmSignUp(
    code: string,
    username?: string,
    options: { clientMetadata?: Record<string, string>; forceAliasCreation?: boolean } = {},
  ): Promise<ConfirmSignUpResponse> {
    assertStr(code, 'code')
    return this.#public('ConfirmSignUp', this.#name(username), {
      ConfirmationCode: code,
      ClientMetadata: options.clientMetadata,
      ForceAliasCreation: options.forceAliasCreation,
    })
  }

  /** Send the sign-up code again (ResendConfirmationCode). @returns where it went */
  async resendConfirmationCode(username?: string, options: { clientMetadata?: Record<string, string> } = {}): Promise<CodeDeliveryDetailsType | undefined> {
    const out = await this.#public<ResendConfirmationCodeResponse>('ResendConfirmationCode', this.#name(username), { ClientMetadata: options.clientMetadata })
    return out.CodeDeliveryDetails
  }

  /**
   * The signed-in user (GetUser) as a {@link UserObj} whose `save()` / `delete()` use this
   * client's access token.
   */
  async getUser(options: { attrMap?: AttrMap } = {}): Promise<UserObj> {
    const out = await this.#token<GetUserResponse>('GetUser', {})
    // a body without the required Username is not GetUser's answer (issue 8, fault matrix)
    if (typeof out.Username !== 'string') throw new ResponseError('GetUser response lacks Username')
    return new UserObj(
      out.Username,
      out.UserAttributes,
      { save: (a, m) => this.updateProfile(a, m), delete: () => this.deleteUser() },
      { preferredMfaSetting: out.PreferredMfaSetting, userMfaSettingList: out.UserMFASettingList, mfaOptions: out.MFAOptions } as UserMetadata,
      options.attrMap,
    )
  }

  /**
   * Update the signed-in user's attributes (UpdateUserAttributes). Changing `email` or
   * `phone_number` sends a code: confirm it with {@link validateVerification}.
   * @param attrs - numbers and booleans are sent as strings; keys renamed back through `attrMap`
   * @returns where verification codes were sent (pycognito dropped this)
   */
  async updateProfile(
    attrs: Readonly<Record<string, AttributeInput>>,
    attrMap?: AttrMap,
    options: { clientMetadata?: Record<string, string> } = {},
  ): Promise<CodeDeliveryDetailsType[]> {
    const list = dictToCognito(attrs, attrMap)
    const out = await this.#token<UpdateUserAttributesResponse>('UpdateUserAttributes', { UserAttributes: list, ClientMetadata: options.clientMetadata })
    return out.CodeDeliveryDetailsList ?? []
  }

  /** Remove attributes from the signed-in user (DeleteUserAttributes); app names are renamed back through `attrMap`. */
  async deleteUserAttributes(names: readonly string[], attrMap?: AttrMap): Promise<void> {
    if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string' && n)) {
      throw argError('"names" must be a non-empty array of strings')
    }
    const back = cognitoNames(attrMap)
    await this.#token('DeleteUserAttributes', { UserAttributeNames: names.map((n) => back[n] ?? n) })
  }

  /** Delete the signed-in user (DeleteUser). Its tokens are forgotten afterwards. */
  async deleteUser(): Promise<void> {
    await this.#token('DeleteUser', {})
    await this.#forget()
  }

  /**
   * Start TOTP setup (AssociateSoftwareToken with the access token).
   * @returns the shared secret and `otpauthUri(issuer?, label?)` for a QR code
   * @example
   * ```ts
   * const { otpauthUri } = await cognito.associateSoftwareToken()
   * showQr(otpauthUri('Example App'))
   * ```
   */
  async associateSoftwareToken(): Promise<SoftwareTokenSetup> {
    const out = await this.#token<AssociateSoftwareTokenResponse>('AssociateSoftwareToken', {})
    const secretCode = out.SecretCode
    if (!str(secretCode)) throw new ResponseError('no SecretCode')
    const who = this.username ?? this.internalUsername ?? 'user'
    return {
      secretCode,
      session: out.Session,
      otpauthUri: (issuer?: string, label: string = who): string => otpauthUri(secretCode, label, issuer),
    }
  }

  /**
   * Finish TOTP setup with a code from the authenticator app (VerifySoftwareToken).
   * @returns true when Cognito answered `SUCCESS`
   * @throws {CodeMismatchException} | {@link EnableSoftwareTokenMFAException}
   */
  async verifySoftwareToken(code: string, deviceName?: string): Promise<boolean> {
    if (typeof code !== 'string' || !/^\d{6}$/.test(code)) throw argError('"code" must be 6 digits', 1)
    if (deviceName !== undefined) assertStr(deviceName, 'deviceName')
    const out = await this.#token<VerifySoftwareTokenResponse>('VerifySoftwareToken', { UserCode: code, FriendlyDeviceName: deviceName })
    return out.Status === 'SUCCESS'
  }

  /**
   * Enable / disable MFA methods and pick the preferred one (SetUserMFAPreference). A method left
   * out keeps its setting; all false disables MFA (where the pool allows it).
   * @throws {ArgumentError} `preferred` names a method not enabled in the same call
   */
  async setUserMfaPreference(preferences: MfaPreference): Promise<void> {
    await this.#token('SetUserMFAPreference', mfaSettings(preferences))
  }

  /**
   * Call any user-side Cognito operation, typed from the service model. Access-token operations
   * get this client's access token unless `input.AccessToken` is given; SigV4 operations need
   * `AdminCognito` from `cognito-edge/admin`.
   * @example
   * ```ts
   * const { Devices } = await cognito.call('ListDevices', { Limit: 10 })
   * ```
   */
  async call<O extends UserOperationName>(operation: O, input: CallInput<O>, options: TransportOptions = {}): Promise<OperationOutput<O>> {
    const kind = authOf(operation)
    if (kind === 'sigv4') throw argError(`"operation" ${operation} needs AdminCognito`, 1)
    const body = kind === 'access-token' ? { AccessToken: (input as { AccessToken?: string }).AccessToken ?? (await this.freshAccessToken(operation)), ...input } : input
    return this.request(operation, body, options)
  }
}

// Node's util.inspect hook (a registered symbol, so no `node:` import): show the safe fields only
Object.defineProperty(Cognito.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(this: Cognito) {
    return this.toJSON()
  },
})

/** Decode a JWT payload without verifying it (for expiry and username hints only). */
export function decodePayload(token: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(utf8Decode(fromBase64Url(token.split('.')[1] ?? '-'), 'JWT payload'))
    return isObj(v) ? v : undefined
  } catch {
    return undefined
  }
}


// ---- issue 4: module helpers ----

/** What {@link Cognito.associateSoftwareToken} returns. */
export interface SoftwareTokenSetup {
  /** The TOTP shared secret (base32). Show it once; never log it. */
  secretCode: string
  /** Present when the setup was started with a challenge `Session`. */
  session: string | undefined
  /** An `otpauth://totp/…` URI for QR codes; `label` defaults to the username. */
  otpauthUri(issuer?: string, label?: string): string
}

/** An `otpauth://totp/` URI for authenticator apps (QR codes). */
function otpauthUri(secret: string, label: string, issuer: string | undefined): string {
  const e = encodeURIComponent
  return `otpauth://totp/${issuer ? `${e(issuer)}:` : ''}${e(label)}?secret=${e(secret)}${issuer ? `&issuer=${e(issuer)}` : ''}`
}

export { authOf }

/**
 * The session half of the `Cognito` class: the state one user's client keeps — tokens, the pending
 * challenge, device credentials, Cognito's internal username and the clock skew — with sign-in,
 * the challenge continuations and token handling. Each method is one call of the function of the
 * same name (src/functions/) with that state filled in; `Cognito` adds the account operations.
 * @module
 */

import { deriveClient, request, secretHashFor, type CognitoClient, type Rng } from './client.ts'
import { challengeErrorOf, ForceChangePasswordError } from './challenge-errors.ts'
import { ArgumentError, assertStr, ChallengeError, CognitoServiceError, ExpiredSessionError, need, NotAuthenticatedError, NotAuthorizedException, optionsOf } from './errors.ts'
import * as fx from './functions/index.ts'
import { sendAuth, stepOf, tokensOf, type AuthResult, type AuthStep, type Challenge, type DeviceCredentials, type SrpState } from './functions/auth-flow.ts'
import { checkChallenge } from './functions/challenges.ts'
import type { UserAuthChallenge } from './functions/sign-in.ts'
import { createVerifier, type JwtClaims, type JwtVerifier } from './jwt.ts'
import { calculateA, generatePrivateValue } from './srp.ts'
import { memoryStore, type TokenStore } from './store.ts'
import type { TokenSource } from './token-source.ts'
import { expiring, keepTokens, loadSession, renewalOf, renewOnce, saveSession, untilAborted, userOf, type Session } from './session.ts'
import { checkOptions, givenOf, skewOf, UNSAFE, type CallOptions, type TransportOptions } from './transport.ts'
import { checkCognitoOptions, deviceOf, type AuthenticateOptions, type CognitoOptions, type PendingChallenge, type RespondOptions, type UserAuthOptions } from './cognito-options.ts'

/**
 * Sign-in, challenges and tokens for one user: the state and methods {@link Cognito} builds on.
 * Use `Cognito` (or `AdminCognito`); this class is its first half.
 */
export class CognitoSession {
  /** User pool id. */
  declare readonly userPoolId: string
  /** App client id. */
  declare readonly clientId: string
  /** The name the user signs in with. */
  declare username: string | undefined
  readonly #secret: string | undefined
  readonly #transport: TransportOptions
  readonly #client: CognitoClient
  readonly #rng: Rng | undefined
  readonly #now: () => number
  readonly #rotation: boolean
  readonly #store: TokenStore
  readonly #storeKey: string | undefined
  #verifier: JwtVerifier | undefined
  /** Tokens, internal username, renewal in flight; a new object for tokens not from a renewal (no later caller shares a stale renewal). */
  #s: Session = { tokens: {} }
  #pending: Challenge | undefined
  /** Counts sign-ins started: a step answers into the pending state only while its sign-in is the latest. */
  #epoch = 0
  /** `#out`: the latest sign-in when the last sign-out (`endWith`) started, whose steps (and earlier ones') change nothing once signed out; `#in`: the sign-in the tokens held came from (0: given or restored). */
  #out = 0
  #in = 0
  #prepared: SrpState | undefined
  #device: DeviceCredentials | undefined
  #newDevice: { deviceKey: string; deviceGroupKey: string } | undefined
  #claims: { id: JwtClaims; access: JwtClaims } | undefined
  #skew = 0
  #unsaved = false

  constructor(options: CognitoOptions) {
    const { userPoolId, clientId, username, clientSecret, idToken, accessToken, refreshToken, rng, now, refreshTokenRotation, store, storeKey, verifier, transport } = checkCognitoOptions(options)
    this.#device = deviceOf(options)
    this.userPoolId = userPoolId
    this.clientId = clientId
    this.username = username
    this.#secret = clientSecret
    // the default clock is corrected by the server's Date; an injected `now` is the truth
    this.#transport = now ? transport : { ...transport, onServerDate: (server, local) => this.#serverDate(server, local, transport.onServerDate) }
    this.#rng = rng
    this.#now = now ?? Date.now
    this.#rotation = refreshTokenRotation === true
    this.#store = store ?? memoryStore()
    this.#storeKey = storeKey
    this.#verifier = verifier
    // kept as a sign-in's are: tokens from elsewhere (a session cookie) name their user too
    keepTokens(this.#s, { idToken, accessToken, refreshToken } as AuthResult)
    // the functions see this instance's clock, and its overridable InitiateAuth / RespondToAuthChallenge
    this.#client = deriveClient(this, {
      secret: clientSecret,
      transport: this.#transport,
      now: () => this.now(),
      clockGiven: true,
      rng,
      auth: (op, input, call) => (op === 'InitiateAuth' ? this.initiateAuth(input, call) : this.respondToAuthChallenge(input, call)),
    })
  }

  /** The ID token, once signed in. */
  get idToken(): string | undefined { return this.#s.tokens.id }
  /** The access token, once signed in. */
  get accessToken(): string | undefined { return this.#s.tokens.access }
  /** The refresh token, once signed in. */
  get refreshToken(): string | undefined { return this.#s.tokens.refresh }
  /** `Bearer`, once signed in. */
  get tokenType(): string | undefined { return this.#s.tokens.type }
  /** Access-token lifetime in seconds as Cognito reported it. */
  get expiresIn(): number | undefined { return this.#s.tokens.expiresIn }
  /** Access-token expiry, ms since epoch. */
  get expiresAt(): number | undefined { return this.#s.tokens.expiresAt }
  /** The challenge waiting for an answer, if any. */
  get pendingChallenge(): Readonly<PendingChallenge> | undefined { return this.#pending }
  /** Cognito's internal username (`USER_ID_FOR_SRP` / `USERNAME` of a challenge, the token's `username`), used for later USERNAMEs and SECRET_HASHes. Falls back to `username`. */
  get internalUsername(): string | undefined { return this.#s.user ?? this.username }
  /** Claims of the ID token, after `verifyTokens()`. */
  get idClaims(): JwtClaims | undefined { return this.#claims?.id }
  /** Claims of the access token, after `verifyTokens()`. */
  get accessClaims(): JwtClaims | undefined { return this.#claims?.access }
  /** The device credentials in use (after `confirmDevice()` or from the constructor). A secret: store it securely. */
  get deviceCredentials(): Readonly<DeviceCredentials> | undefined { return this.#device }
  /** NewDeviceMetadata of the last sign-in, until `confirmDevice()`. */
  get newDevice(): { deviceKey: string; deviceGroupKey: string } | undefined { return this.#newDevice }
  /**
   * How far the local clock is behind Cognito's, in ms (negative when ahead), from the `Date` of the last answer; `now()`
   * (the SRP TIMESTAMP, token expiry) is corrected by it. Offsets under a minute are ignored; 0 when `now` is given.
   */
  get clockSkew(): number { return this.#skew }

  /** Only safe fields: never tokens, secrets or passwords. */
  toJSON(): Record<string, unknown> { return { userPoolId: this.userPoolId, clientId: this.clientId, username: this.username, signedIn: this.#s.tokens.access !== undefined } }
  /** @returns `Cognito(<pool>/<client>, <username>)` */
  toString(): string { return `Cognito(${this.userPoolId}/${this.clientId}, ${this.username ?? '-'})` }

  #serverDate(server: number, local: number, hook: TransportOptions['onServerDate']): void {
    this.#skew = skewOf(server, local)
    hook?.(server, local)
  }

  // ---- protected hooks for subclasses (AdminCognito routes sign-in through them)

  /** Current time in ms (injectable). */
  protected now(): number { return this.#now() + this.#skew }
  /** A fresh SRP private value (the library's default size; see `generatePrivateValue`). */
  protected privateValue(): bigint { return generatePrivateValue(this.#rng) }
  /** Send one operation with this instance's transport options. */
  protected request<T = Record<string, unknown>>(operation: string, input: object, options: CallOptions = {}): Promise<T> {
    checkOptions(options)
    return request<T>(this.#client, operation, input, givenOf(options), UNSAFE.test(operation))
  }
  /** SECRET_HASH for `username` when the client has a secret, else undefined. */
  protected secretHashFor(username: string): Promise<string | undefined> { return secretHashFor(this.#client, username) }
  /** Whether the app client has a secret. */
  protected get hasClientSecret(): boolean { return this.#secret !== undefined }
  /** The client secret itself (GetTokensFromRefreshToken and RevokeToken take it, not a hash). */
  protected get clientSecretValue(): string | undefined { return this.#secret }
  /** Send InitiateAuth for this client; `AdminCognito` sends a signed AdminInitiateAuth instead. */
  protected initiateAuth(input: Record<string, unknown>, call: CallOptions = {}): Promise<Record<string, unknown>> { return sendAuth(this.#client, 'InitiateAuth', input, call) }
  /** Send RespondToAuthChallenge for this client; `AdminCognito` sends AdminRespondToAuthChallenge instead. */
  protected respondToAuthChallenge(input: Record<string, unknown>, call: CallOptions = {}): Promise<Record<string, unknown>> { return sendAuth(this.#client, 'RespondToAuthChallenge', input, call) }
  /** Store tokens from an `AuthenticationResult`. A missing refresh token keeps the old one; a pending challenge stays. */
  protected setTokens(result: Record<string, unknown>): AuthResult { return this.#keep(tokensOf(result, this.now())) }
  /** Forget every token, claim, pending challenge and unconfirmed device, and the internal username they named. */
  protected clearTokens(): void {
    this.#s = { tokens: {} }
    this.#unsaved = false
    this.#pending = this.#claims = this.#newDevice = undefined
  }
  /** Remember Cognito's internal username. */
  protected setInternalUsername(name: string): void { this.#s.user = name }
  /** The access token, or a `NotAuthenticatedError` naming the call that needs it. */
  protected requireAccessToken(what: string): string {
    const t = this.#s.tokens.access
    if (t === undefined) throw new NotAuthenticatedError(`${what}: not signed in`)
    return t
  }
  /** The access token for a call, renewed first when it is missing or (nearly) expired and a refresh token is held. */
  protected async freshAccessToken(what: string): Promise<string> {
    if (this.#s.tokens.refresh) await this.checkToken({ renew: true })
    return this.requireAccessToken(what)
  }
  /** Finish a sign-in round trip, taken as the latest sign-in: store tokens, or hold the challenge and raise it. @internal */
  protected handleAuthResponse(resp: Record<string, unknown>, fallbackUsername: string | undefined): Promise<AuthResult> {
    return this.#finish(stepOf(resp, { username: fallbackUsername ?? '', user: this.#s.user, now: () => this.now() }), ++this.#epoch)
  }
  /** The client the functions get: this instance's clock, transport and InitiateAuth route. */
  protected get client(): CognitoClient { return this.#client }
  /** The access token of the operation a function names, fetched (and refreshed) only when it asks, after it has checked its arguments; the call's `signal` ends its wait for a renewal (which goes on, for the others). */
  protected readonly tokenFor = (operation: string, signal?: AbortSignal): Promise<string> => untilAborted(() => this.freshAccessToken(operation), signal)
  /** Hold the credentials of the device just confirmed (a newer sign-in's new device stays, for its own `confirmDevice()`). */
  protected deviceConfirmed(credentials: DeviceCredentials): void {
    this.#device = credentials
    if (this.#newDevice?.deviceKey === credentials.deviceKey) this.#newDevice = undefined
  }
  /** Drop the held device credentials when they are `deviceKey`'s (none given: nothing is dropped). */
  protected deviceForgotten(deviceKey: string | undefined): void {
    if (this.#device?.deviceKey === deviceKey) this.#device = undefined
  }
  /** Await a call that ends the session (GlobalSignOut, DeleteUser, RevokeToken), then forget its tokens (`#forget`); also on NotAuthorizedException (revoked tokens, a user deleted by a first attempt whose answer was lost): they are dead. Another failure keeps them. */
  protected async endWith(call: Promise<unknown>): Promise<void> {
    const epoch = this.#epoch
    try {
      await call
    } catch (e) {
      if (e instanceof NotAuthorizedException) await this.#forget(epoch)
      throw e
    }
    await this.#forget(epoch)
  }
  /** Build the typed error raised for a challenge. */
  protected challengeError(p: PendingChallenge, raw: Record<string, unknown> = {}): ChallengeError { return challengeErrorOf(p, raw) }

  // ---- state kept from the functions' answers

  #keep(r: AuthResult): AuthResult {
    this.#claims = undefined
    if (r.newDevice) this.#newDevice = r.newDevice
    return keepTokens(this.#s, r)
  }
  /** Keep the tokens of a sign-in or refresh and save them to the store: every AuthenticationResult ends here. */
  async #accept(r: AuthResult): Promise<AuthResult> {
    this.#keep(r)
    await this.#save()
    return r
  }
  /**
   * Save the tokens held. Until a save succeeds they are marked unsaved, and {@link checkToken} (which every call that uses
   * them goes through) saves them again first: a rotated refresh token whose save failed is never left only in memory.
   */
  async #save(): Promise<void> {
    this.#unsaved = true
    await saveSession(this.#store, this.#key(), this.#s)
    this.#unsaved = false
  }
  /** Forget what sign-ins up to `epoch` left (the latest sign-out wins); a newer sign-in's tokens or pending challenge stay. */
  async #forget(epoch: number): Promise<void> {
    if (epoch > this.#out) this.#out = epoch
    if (this.#in > epoch) return
    const pending = this.#epoch > epoch ? this.#pending : undefined
    this.clearTokens()
    this.#pending = pending
    await this.#store.remove(this.#key())
  }
  #key(): string { return this.#storeKey ?? `${this.clientId}.${this.username ?? ''}` }
  /**
   * Tokens, or the challenge held and raised as its typed error. Only the latest sign-in replaces the pending challenge
   * (not a renewal, nor a step of an older sign-in, whose tokens are kept); one started before a sign-out changes nothing.
   */
  async #finish(step: AuthStep, epoch: number): Promise<AuthResult> {
    const c = step.challenge
    if (this.#latest(epoch)) (this.#pending = c), (this.#s.user = c ? c.username : step.username)
    if (c) throw this.challengeError(c, step.response)
    this.#s = { tokens: this.#s.tokens, user: this.#s.user }
    this.#in = epoch
    return this.#accept(step.tokens)
  }
  /** Whether sign-in `epoch` is the latest; NotAuthenticatedError when it started before a sign-out. */
  #latest(epoch: number): boolean {
    if (epoch <= this.#out) throw new NotAuthenticatedError('signed out during the sign-in')
    return epoch === this.#epoch
  }
  /**
   * A new sign-in: when it fails (its arguments accepted), the old challenge is dropped, and the
   * internal name is again that of the tokens it leaves held (none without tokens).
   */
  async #start(step: Promise<AuthStep>): Promise<AuthResult> {
    const epoch = ++this.#epoch
    try {
      return await this.#finish(await step, epoch)
    } catch (e) {
      if (epoch === this.#epoch && !(e instanceof ArgumentError || e instanceof ChallengeError)) (this.#pending = undefined), (this.#s.user = userOf(this.#s))
      throw e
    }
  }
  /** An answer to the pending challenge (one of `names`, else NotAuthenticatedError), taken by `done` (default `#finish`): an expired Session drops it, a wrong code keeps it. */
  async #answer<S = AuthStep, R = AuthResult>(what: string, step: (pending: Challenge) => Promise<S>, names = [what], done = (s: S, epoch: number): R | Promise<R> => this.#finish(s as AuthStep, epoch) as Promise<R>): Promise<R> {
    const p = this.#expect(names, what)
    const epoch = this.#epoch
    try {
      return await done(await step(p), epoch)
    } catch (e) {
      if (e instanceof ExpiredSessionError && epoch === this.#epoch) this.#pending = undefined
      throw e
    }
  }
  /** The pending challenge, checked against the expected names. */
  #expect(names: string[], what: string): Challenge {
    const p = this.#pending
    if (!p || (names.length && !names.includes(p.name))) throw new NotAuthenticatedError(`${what}: no pending ${names} challenge`)
    return p
  }
  /** What every sign-in function gets from this instance: its device, dropped when Cognito refuses it (forgotten elsewhere). */
  #flow<T extends object>(o: T): T & { device: DeviceCredentials | undefined } {
    // a runtime without TextDecoder is told before the request, not after Cognito has issued the tokens
    need('TextDecoder')
    const device = this.#device
    return { ...o, device, onDeviceGone: () => this.deviceForgotten(device?.deviceKey) }
  }
  /** The prepared SRP values if any (used once), else fresh ones through `privateValue()`. */
  #srp = (): SrpState => {
    const s = this.#prepared ?? this.#newSrp()
    this.#prepared = undefined
    return s
  }
  #newSrp(): SrpState { const a = this.privateValue(); return { a, A: calculateA(a) } }

  // ---- sign-in and challenges (see the functions of the same names)

  /**
   * Compute the next sign-in's SRP private value and A = g^a now, so that the next `authenticate()`
   * / `userAuth()` sends InitiateAuth without that delay (call it while a login form is shown). Not
   * done in the constructor: Workers forbid randomness at global scope. Used once.
   */
  prepareSrp(): void { this.#prepared ??= this.#newSrp() }

  /**
   * Sign in with the password: SRP by default, USER_PASSWORD_AUTH, or CUSTOM_AUTH with an SRP check
   * first; device SRP follows when device credentials are known. The tokens are stored and returned.
   * @throws {ChallengeError} a subclass per challenge, held as {@link pendingChallenge} for the continuation methods
   * @throws {NotAuthorizedException} wrong password; {@link UserNotFoundException} unknown user
   */
  async authenticate(password: string, options: AuthenticateOptions = {}): Promise<AuthResult> {
    return this.#start(fx.authenticate(this.#client, this.#flow({ ...options, username: this.username!, password }), this.#srp))
  }
  /** CUSTOM_AUTH without a password; answer with {@link respondToCustomChallenge}. */
  async customAuth(options: RespondOptions = {}): Promise<AuthResult> {
    return this.#start(fx.customAuth(this.#client, this.#flow({ ...options, username: this.username! }), this.#srp))
  }
  /** Choice-based sign-in (USER_AUTH), optionally with a `preferred` first factor or a sign-up `session`. */
  async userAuth(options: UserAuthOptions & { preferred?: UserAuthChallenge | undefined; session?: string | undefined } = {}): Promise<AuthResult> {
    return this.#start(fx.userAuth(this.#client, this.#flow({ ...options, username: this.username! }), this.#srp))
  }
  /** Answer SELECT_CHALLENGE (USER_AUTH) with one of `availableChallenges`. */
  async selectChallenge(challenge: UserAuthChallenge, options: UserAuthOptions = {}): Promise<AuthResult> {
    return this.#answer('selectChallenge', (p) => fx.selectChallenge(this.#client, p, challenge, this.#flow(options), this.#srp), ['SELECT_CHALLENGE'])
  }
  /**
   * Hold a challenge saved earlier from {@link pendingChallenge} (pycognito's `mfa_tokens`), so the
   * continuation methods can answer it in another request or process. It holds the Session: keep it server-side.
   * @throws {ArgumentError} not a saved pending challenge
   */
  resumeChallenge(challenge: PendingChallenge): void {
    // the functions' rule: what comes back from a cookie or a session store is outside data
    const c = checkChallenge(challenge, [])
    // a sign-in of its own: a step of an earlier one still on its way leaves it pending
    this.#epoch++
    this.#pending = { name: c.name, parameters: { ...c.parameters }, session: c.session, username: c.username, availableChallenges: c.availableChallenges }
    this.#s.user = c.username
  }
  /** Answer the pending challenge `name` with `responses`: the generic continuation. */
  async respondToChallenge(name: string, responses: Record<string, string>, options: RespondOptions = {}): Promise<AuthResult> {
    assertStr(name, 'name')
    return this.#answer(name, (p) => fx.respondToChallenge(this.#client, p, responses, this.#flow(options), this.#srp))
  }
  /**
   * Answer NEW_PASSWORD_REQUIRED; without a pending challenge it signs in with `password` first, as
   * pycognito does.
   * @throws {NotAuthenticatedError} that sign-in needed no new password: the password is unchanged
   *   (use `changePassword`), and the sign-in's tokens are kept
   */
  async newPasswordChallenge(password: string, newPassword: string, options: RespondOptions & { attributes?: Record<string, string> | undefined } = {}): Promise<AuthResult> {
    assertStr(newPassword, 'newPassword')
    if (this.#pending?.name !== 'NEW_PASSWORD_REQUIRED') {
      try {
        const { attributes: _, ...auth } = optionsOf(options)
        // tokens at once: no NEW_PASSWORD_REQUIRED is pending, so the answer below says so
        await this.authenticate(password, auth)
      } catch (e) {
        if (!(e instanceof ForceChangePasswordError)) throw e
      }
    }
    return this.#answer('NEW_PASSWORD_REQUIRED', (p) => fx.respondToNewPasswordChallenge(this.#client, p, newPassword, this.#flow(options)))
  }
  /** Answer SOFTWARE_TOKEN_MFA; a wrong code keeps the challenge for a retry. */
  async respondToSoftwareTokenMfaChallenge(code: string, options: RespondOptions = {}): Promise<AuthResult> {
    return this.#answer('SOFTWARE_TOKEN_MFA', (p) => fx.respondToSoftwareTokenMfaChallenge(this.#client, p, code, this.#flow(options)))
  }
  /** Answer SMS_MFA (or SMS_OTP in USER_AUTH). */
  async respondToSmsMfaChallenge(code: string, options: RespondOptions = {}): Promise<AuthResult> {
    return this.#answer('respondToSmsMfaChallenge', (p) => fx.respondToSmsMfaChallenge(this.#client, p, code, this.#flow(options)), ['SMS_MFA', 'SMS_OTP'])
  }
  /** Answer EMAIL_OTP (MFA or USER_AUTH). */
  async respondToEmailOtpChallenge(code: string, options: RespondOptions = {}): Promise<AuthResult> {
    return this.#answer('EMAIL_OTP', (p) => fx.respondToEmailOtpChallenge(this.#client, p, code, this.#flow(options)))
  }
  /** Answer SELECT_MFA_TYPE; Cognito then sends the chosen MFA challenge. */
  async selectMfaType(type: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP', options: RespondOptions = {}): Promise<AuthResult> {
    return this.#answer('SELECT_MFA_TYPE', (p) => fx.selectMfaType(this.#client, p, type, this.#flow(options)))
  }
  /** Answer CUSTOM_CHALLENGE with `ANSWER`; Cognito may send further custom challenges. */
  async respondToCustomChallenge(answer: string, clientMetadata?: Record<string, string>, options: RespondOptions = {}): Promise<AuthResult> {
    return this.#answer('CUSTOM_CHALLENGE', (p) => fx.respondToCustomChallenge(this.#client, p, answer, this.#flow(clientMetadata ? { ...options, clientMetadata } : options)))
  }
  /** Answer a WEB_AUTHN challenge with an AuthenticationResponseJSON (object or JSON string). */
  async respondToWebAuthnChallenge(credential: object | string, options: RespondOptions = {}): Promise<AuthResult> {
    return this.#answer('WEB_AUTHN', (p) => fx.respondToWebAuthnChallenge(this.#client, p, credential, this.#flow(options)))
  }
  /** MFA_SETUP, step 1: associate a TOTP secret through the challenge Session; show `uri` as a QR code. */
  async setupSoftwareTokenMfa(options: { issuer?: string | undefined; signal?: AbortSignal | undefined } = {}): Promise<{ secretCode: string; uri: string }> {
    return this.#answer('setupSoftwareTokenMfa', (p) => fx.setupSoftwareTokenMfa(this.#client, p, { ...options, label: this.username ?? p.username }), ['MFA_SETUP'], ({ challenge, ...r }, epoch) => {
      if (this.#latest(epoch)) this.#pending = challenge
      return r
    })
  }
  /** MFA_SETUP, step 2: verify the first TOTP code, then finish the sign-in. */
  async verifySoftwareTokenMfaSetup(code: string, options: RespondOptions & { friendlyDeviceName?: string | undefined } = {}): Promise<AuthResult> {
    return this.#answer('verifySoftwareTokenMfaSetup', (p) => fx.verifySoftwareTokenMfaSetup(this.#client, p, code, this.#flow(options)), ['MFA_SETUP'])
  }

  // ---- tokens

  /**
   * New ID and access tokens from the refresh token (REFRESH_TOKEN_AUTH, or GetTokensFromRefreshToken
   * with `refreshTokenRotation`). Concurrent calls share one request; a failure keeps the old tokens.
   * A caller's `signal` ends its own wait at once: the shared renewal goes on, for the others.
   * @throws {NotAuthenticatedError} no refresh token, or the tokens were forgotten (`logout`,
   *   `revokeToken`) or replaced by a new sign-in before the renewal's answer came: they stay so
   * @throws {AbortError} the caller's `signal` fired
   */
  async renewAccessToken(options: RespondOptions = {}): Promise<AuthResult> {
    const { signal, ...o } = optionsOf(options)
    checkOptions(options as CallOptions)
    return untilAborted(() => renewOnce(this.#s, () => this.#refresh(o)), signal)
  }
  async #refresh(o: RespondOptions): Promise<AuthResult> {
    const token = this.#s.tokens.refresh
    if (!token) throw new NotAuthenticatedError('renewAccessToken: no refresh token')
    const { username, deviceKey } = renewalOf(this.#s, this.#device?.deviceKey)
    let r: AuthResult
    try {
      r = await fx.renewAccessToken(this.#client, token, { ...o, username: username ?? this.username, deviceKey, rotation: this.#rotation })
    } catch (e) {
      // refused: another holder of the store (a browser tab) may have rotated the refresh token
      // since. Only Cognito's refusal says so: a failure of unknown outcome (network, 5xx, timeout,
      // an abort) says nothing of the token held, and the store may hold an older one (a save that
      // failed). Taken only for the same user (an app may keep every user under one storeKey); a
      // store that fails to answer leaves the refusal as the error
      const saved = e instanceof CognitoServiceError && !e.retryable ? await loadSession(this.#store, this.#key()).catch(() => undefined) : undefined
      if (!saved?.tokens.refresh || saved.tokens.refresh === token || saved.user !== username) throw e
      this.#s.tokens = saved.tokens
      return this.#refresh(o)
    }
    // signed out (or in again) while the renewal was on its way: its tokens must not come back
    if (this.#s.tokens.refresh !== token) throw new NotAuthenticatedError('renewAccessToken: the tokens were replaced or forgotten during the renewal')
    return this.#accept(r)
  }
  /**
   * Whether the access token has expired or expires within `margin` seconds (its `exp`, unverified);
   * if so and `renew` is not false, refresh it first (pycognito's `check_token`). A missing access
   * token counts as expired when a refresh token can renew it (as a {@link TokenSource} promises).
   * @throws {NotAuthenticatedError} no access token, and no refresh token (or `renew: false`) to get one
   */
  async checkToken(options: { renew?: boolean | undefined; margin?: number | undefined } = {}): Promise<boolean> {
    const { margin, renew } = optionsOf(options)
    if (this.#unsaved) await this.#save()
    const expired = expiring(this.#s, this.now(), margin)
    if (renew === false || !this.#s.tokens.refresh) this.requireAccessToken('checkToken')
    if (expired && renew !== false) await this.renewAccessToken()
    return expired
  }
  /**
   * GlobalSignOut (every session of the user), then forget all token state.
   * @throws {NotAuthorizedException} the tokens had been revoked (or the refresh token had expired):
   *   they are forgotten all the same, so a page reload does not bring them back. Another failure
   *   (the network) keeps them, for a retry.
   */
  async logout(options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    return this.endWith(fx.logout(this.#client, this.tokenFor, options))
  }
  /** RevokeToken on the refresh token (and the access tokens it issued), then forget all token state. */
  async revokeToken(options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    const t = this.#s.tokens.refresh
    if (!t) throw new NotAuthenticatedError('revokeToken: no refresh token')
    return this.endWith(fx.revokeToken(this.#client, t, options))
  }
  /**
   * Verify both tokens (signature, issuer, client, use, expiry) and, when both pass, expose their
   * claims as {@link idClaims} / {@link accessClaims}. Uses the `verifier` option, else one for this
   * pool and client (JWKS from `endpoint` when set), like pycognito's `verify_tokens()`.
   * @throws {JwtInvalid} with a `reason`; {@link JwksError} when the JWKS cannot be fetched
   */
  async verifyTokens(): Promise<{ id: JwtClaims; access: JwtClaims }> {
    const { id, access } = this.#s.tokens
    if (!id || !access) throw new NotAuthenticatedError('verifyTokens: no tokens')
    const { endpoint, fetch } = this.#transport
    const v = (this.#verifier ??= createVerifier({ userPoolId: this.userPoolId, clientId: this.clientId, tokenUse: null, endpoint, fetch, now: () => this.now() }))
    const claims = { access: await v.verify(access, { tokenUse: 'access' }), id: await v.verify(id, { tokenUse: 'id' }) }
    // the tokens may have changed while the JWKS was being fetched
    if (this.#s.tokens.id === id && this.#s.tokens.access === access) this.#claims = claims
    return claims
  }
  /**
   * Load tokens saved by an earlier session from `store` (unverified); a pending challenge or an
   * unconfirmed device of an earlier sign-in is dropped. @returns whether tokens were found
   */
  async restore(): Promise<boolean> {
    const saved = await loadSession(this.#store, this.#key())
    if (!saved) return false
    // a pending challenge or an unconfirmed device belonged to the sign-in these tokens replace
    this.clearTokens()
    this.#s.tokens = saved.tokens
    // the tokens' own name first, as a sign-in takes it
    this.#s.user = userOf(this.#s) ?? saved.user
    return true
  }
}

// Node's util.inspect hook (a registered symbol, so no `node:` import): show the safe fields only
Object.defineProperty(CognitoSession.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(this: CognitoSession) { return this.toJSON() },
})


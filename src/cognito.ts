/**
 * The pycognito-shaped client: one instance per user, any number of instances per process.
 * @module
 */
import { ArgumentError, ChallengeError, NotAuthenticatedError, ResponseError } from './errors.ts'
import { calculateA, generatePrivateValue, passwordVerifier, poolNameOf, secretHash, type Rng } from './srp.ts'
import { regionFromPoolId, resolveEndpoint, send, type CallOptions, type TransportOptions } from './transport.ts'
// issue 4: account methods
import { ACCESS_TOKEN_OPERATIONS, NO_AUTH_OPERATIONS } from './operations.generated.ts'
import type {
  AssociateSoftwareTokenResponse, CallInput, CodeDeliveryDetailsType, ConfirmSignUpResponse, ForgotPasswordResponse,
  GetUserAttributeVerificationCodeResponse, GetUserResponse, OperationAuth, OperationOutput, ResendConfirmationCodeResponse,
  SignUpResponse, UpdateUserAttributesResponse, UserOperationName, VerifySoftwareTokenResponse, VerifyUserAttributeResponse,
} from './operations.generated.ts'
import { customAttributes, dictToCognito, mfaSettings, UserObj, type AttributeInput, type AttrMap, type MfaPreference, type UserMetadata } from './user.ts'

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
  /** Randomness for SRP private values. Default: `crypto.getRandomValues`. */
  rng?: Rng
  /** Clock, ms since epoch. Default `Date.now`. */
  now?: () => number
}

/** Tokens and metadata of a completed sign-in. */
export interface AuthResult {
  idToken: string
  accessToken: string
  /** Present on sign-in; refresh responses carry none (the old one is kept). */
  refreshToken: string | undefined
  tokenType: string
  /** Lifetime of the access token, seconds. */
  expiresIn: number
  /** Absolute expiry of the access token, ms since epoch (local clock). */
  expiresAt: number
  /** Set when Cognito asks to confirm a new device (device tracking). */
  newDevice: { deviceKey: string; deviceGroupKey: string } | undefined
}

/** Options of {@link Cognito.authenticate}. */
export interface AuthenticateOptions {
  /** `USER_SRP_AUTH` (default: the password never leaves the device) or `USER_PASSWORD_AUTH`. */
  flow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH'
  /** Passed to Lambda triggers. */
  clientMetadata?: Record<string, string>
  /** Abort this call. */
  signal?: AbortSignal
}

interface TokenState {
  id: string | undefined
  access: string | undefined
  refresh: string | undefined
  type: string | undefined
  expiresIn: number | undefined
  expiresAt: number | undefined
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

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0

function assertString(v: unknown, name: string): asserts v is string {
  if (typeof v !== 'string' || !v) throw new ArgumentError(`"${name}" must be a non-empty string`)
}

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
  #tokens: TokenState
  #userId: string | undefined
  #pending: PendingChallenge | undefined

  constructor(options: CognitoOptions) {
    if (options === null || typeof options !== 'object') throw new ArgumentError('"options" must be an object')
    const { userPoolId, clientId, username, clientSecret, idToken, accessToken, refreshToken, rng, now, ...transport } = options
    assertString(userPoolId, 'userPoolId')
    assertString(clientId, 'clientId')
    poolNameOf(userPoolId)
    if (transport.endpoint === undefined && transport.region === undefined) regionFromPoolId(userPoolId)
    resolveEndpoint(transport, userPoolId)
    if (username !== undefined) assertString(username, 'username')
    if (clientSecret !== undefined) assertString(clientSecret, 'clientSecret')
    if (rng !== undefined && typeof rng !== 'function') throw new ArgumentError('"rng" must be a function')
    if (now !== undefined && typeof now !== 'function') throw new ArgumentError('"now" must be a function')
    this.userPoolId = userPoolId
    this.clientId = clientId
    this.username = username
    this.#secret = clientSecret
    this.#transport = transport
    this.#rng = rng
    this.#now = now ?? Date.now
    this.#tokens = { id: idToken, access: accessToken, refresh: refreshToken, type: undefined, expiresIn: undefined, expiresAt: undefined }
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

  /** Current time in ms (injectable). */
  protected now(): number {
    return this.#now()
  }

  /** A fresh SRP private value. */
  protected privateValue(): bigint {
    return generatePrivateValue(this.#rng)
  }

  /**
   * Send one operation with this instance's transport options.
   * @internal for the library's own methods and subclasses
   */
  protected request<T = Record<string, unknown>>(operation: string, input: object, options: CallOptions = {}): Promise<T> {
    return send<T>(operation, input, { ...this.#transport, ...options, userPoolId: this.userPoolId })
  }

  /** SECRET_HASH for `username` when the client has a secret, else undefined. */
  protected async secretHashFor(username: string): Promise<string | undefined> {
    return this.#secret === undefined ? undefined : secretHash(username, this.clientId, this.#secret)
  }

  /** Whether the app client has a secret. */
  protected get hasClientSecret(): boolean {
    return this.#secret !== undefined
  }

  /** The client secret itself (GetTokensFromRefreshToken takes it, not a hash). */
  protected get clientSecretValue(): string | undefined {
    return this.#secret
  }

  /** Store tokens from an `AuthenticationResult`. A missing refresh token keeps the old one. */
  protected setTokens(result: Record<string, unknown>): AuthResult {
    const id = result['IdToken']
    const access = result['AccessToken']
    if (!str(id) || !str(access)) throw new ResponseError('AuthenticationResult lacks IdToken or AccessToken')
    const expiresIn = typeof result['ExpiresIn'] === 'number' ? result['ExpiresIn'] : 3600
    const refresh = str(result['RefreshToken']) ? result['RefreshToken'] : this.#tokens.refresh
    const type = str(result['TokenType']) ? result['TokenType'] : 'Bearer'
    const meta = result['NewDeviceMetadata'] as Record<string, unknown> | undefined
    const newDevice =
      meta && str(meta['DeviceKey']) && str(meta['DeviceGroupKey'])
        ? { deviceKey: meta['DeviceKey'], deviceGroupKey: meta['DeviceGroupKey'] }
        : undefined
    const expiresAt = this.now() + expiresIn * 1000
    this.#tokens = { id, access, refresh, type, expiresIn, expiresAt }
    this.#pending = undefined
    const claims = decodePayload(access)
    if (claims && str(claims['username'])) this.#userId = claims['username']
    return { idToken: id, accessToken: access, refreshToken: refresh, tokenType: type, expiresIn, expiresAt, newDevice }
  }

  /** Forget every token and pending challenge. */
  protected clearTokens(): void {
    this.#tokens = { id: undefined, access: undefined, refresh: undefined, type: undefined, expiresIn: undefined, expiresAt: undefined }
    this.#pending = undefined
  }

  /** Remember Cognito's internal username. */
  protected setInternalUsername(name: string): void {
    this.#userId = name
  }

  /** The access token, or a `NotAuthenticatedError` naming the call that needs it. */
  protected requireAccessToken(what: string): string {
    const t = this.#tokens.access
    if (t === undefined) throw new NotAuthenticatedError(`${what} needs an access token: sign in first`)
    return t
  }

  /**
   * Sign in with the password: SRP by default (USER_SRP_AUTH → PASSWORD_VERIFIER), or
   * USER_PASSWORD_AUTH. On success the tokens are stored and returned.
   *
   * @throws {ChallengeError} when Cognito asks for a challenge (new password, MFA, …); the
   *   challenge is kept as {@link pendingChallenge} for the continuation methods
   * @throws {NotAuthorizedException} wrong password; {@link UserNotFoundException} unknown user
   * @throws {SrpError} the server's SRP values failed a safety check
   */
  async authenticate(password: string, options: AuthenticateOptions = {}): Promise<AuthResult> {
    assertString(password, 'password')
    const username = this.username
    assertString(username, 'username')
    const flow = options.flow ?? 'USER_SRP_AUTH'
    if (flow !== 'USER_SRP_AUTH' && flow !== 'USER_PASSWORD_AUTH') {
      throw new ArgumentError('"flow" must be "USER_SRP_AUTH" or "USER_PASSWORD_AUTH"', 'ERR_INVALID_ARG_VALUE')
    }
    const call: CallOptions = options.signal ? { signal: options.signal } : {}
    const params: Record<string, string> = { USERNAME: username }
    const hash = await this.secretHashFor(username)
    if (hash) params['SECRET_HASH'] = hash
    let a = 0n
    let A = 0n
    if (flow === 'USER_SRP_AUTH') {
      a = this.privateValue()
      A = calculateA(a)
      params['SRP_A'] = A.toString(16)
    } else {
      params['PASSWORD'] = password
    }
    let resp = await this.initiateAuth({ AuthFlow: flow, AuthParameters: params, ClientMetadata: options.clientMetadata }, call)
    if (resp['ChallengeName'] === 'PASSWORD_VERIFIER') {
      if (flow !== 'USER_SRP_AUTH') throw new ResponseError('PASSWORD_VERIFIER challenge in answer to a USER_PASSWORD_AUTH request')
      const cp = challengeParameters(resp)
      const userId = cp['USER_ID_FOR_SRP'] ?? username
      const answerAs = cp['USERNAME'] ?? userId
      const { signature, timestamp } = await passwordVerifier({
        a,
        A,
        srpB: required(cp, 'SRP_B'),
        salt: required(cp, 'SALT'),
        secretBlock: required(cp, 'SECRET_BLOCK'),
        prefix: poolNameOf(this.userPoolId),
        id: userId,
        secret: password,
        date: new Date(this.now()),
      })
      const responses: Record<string, string> = {
        USERNAME: answerAs,
        PASSWORD_CLAIM_SECRET_BLOCK: required(cp, 'SECRET_BLOCK'),
        PASSWORD_CLAIM_SIGNATURE: signature,
        TIMESTAMP: timestamp,
      }
      const h = await this.secretHashFor(answerAs)
      if (h) responses['SECRET_HASH'] = h
      resp = await this.respondToAuthChallenge({
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: responses,
        Session: str(resp['Session']) ? resp['Session'] : undefined,
        ClientMetadata: options.clientMetadata,
      }, call)
      this.setInternalUsername(answerAs)
    }
    return this.handleAuthResponse(resp, username)
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
  protected handleAuthResponse(resp: Record<string, unknown>, fallbackUsername: string): AuthResult {
    const result = resp['AuthenticationResult']
    if (result !== null && typeof result === 'object' && !Array.isArray(result)) {
      return this.setTokens(result as Record<string, unknown>)
    }
    const name = resp['ChallengeName']
    if (!str(name)) throw new ResponseError('auth response has neither AuthenticationResult nor ChallengeName')
    const parameters = challengeParameters(resp)
    const username = parameters['USERNAME'] ?? parameters['USER_ID_FOR_SRP'] ?? this.#userId ?? fallbackUsername
    this.setInternalUsername(username)
    const available = Array.isArray(resp['AvailableChallenges']) ? (resp['AvailableChallenges'] as string[]) : undefined
    const session = str(resp['Session']) ? resp['Session'] : undefined
    this.#pending = { name, parameters, session, username, availableChallenges: available }
    throw this.challengeError(this.#pending)
  }

  /** Build the error raised for a challenge (subclasses map names to specific classes). */
  protected challengeError(p: PendingChallenge): ChallengeError {
    return new ChallengeError(p.name, p.parameters, p.session, p.availableChallenges)
  }

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
    return this.requireAccessToken(what)
  }

  /** `username`, or this client's, or an ArgumentError naming the argument. */
  #name(username: string | undefined): string {
    const u = username ?? this.username
    assertString(u, 'username')
    return u
  }

  /** A public (unauthenticated) operation for `username`: ClientId, Username and SecretHash over that same name. */
  async #public<T>(operation: string, username: string, input: object): Promise<T> {
    const h = await this.secretHashFor(username)
    return this.request<T>(operation, { ClientId: this.clientId, Username: username, ...input, ...(h ? { SecretHash: h } : {}) })
  }

  /** An access-token operation. */
  async #token<T>(operation: string, input: object): Promise<T> {
    return this.request<T>(operation, { AccessToken: await this.freshAccessToken(operation), ...input })
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
    assertString(code, 'code')
    assertString(password, 'password')
    await this.#public('ConfirmForgotPassword', this.#name(undefined), { ConfirmationCode: code, Password: password, ClientMetadata: options.clientMetadata })
  }

  /**
   * Change the signed-in user's password (ChangePassword). Tokens stay valid.
   * @throws {NotAuthorizedException} wrong previous password; {@link InvalidPasswordException};
   *   {@link LimitExceededException}; {@link NotAuthenticatedError} not signed in
   */
  async changePassword(previousPassword: string, proposedPassword: string): Promise<void> {
    assertString(previousPassword, 'previousPassword')
    assertString(proposedPassword, 'proposedPassword')
    await this.#token('ChangePassword', { PreviousPassword: previousPassword, ProposedPassword: proposedPassword })
  }

  /**
   * Send a verification code for an attribute (GetUserAttributeVerificationCode).
   * @returns where the code went
   */
  async sendVerification(attribute = 'email', options: { clientMetadata?: Record<string, string> } = {}): Promise<CodeDeliveryDetailsType | undefined> {
    assertString(attribute, 'attribute')
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
    assertString(code, 'code')
    assertString(attribute, 'attribute')
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
    assertString(username, 'username')
    assertString(password, 'password')
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
    assertString(code, 'code')
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
      throw new ArgumentError('"names" must be a non-empty array of attribute names')
    }
    const back = Object.fromEntries(Object.entries(attrMap ?? {}).map(([c, a]) => [a, c]))
    await this.#token('DeleteUserAttributes', { UserAttributeNames: names.map((n) => back[n] ?? n) })
  }

  /** Delete the signed-in user (DeleteUser). Its tokens are forgotten afterwards. */
  async deleteUser(): Promise<void> {
    await this.#token('DeleteUser', {})
    this.clearTokens()
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
    if (!str(secretCode)) throw new ResponseError('AssociateSoftwareToken returned no SecretCode')
    const who = this.username ?? this.internalUsername ?? 'user'
    return {
      secretCode,
      session: out.Session,
      otpauthUri: (issuer?: string, label: string = who): string => {
        const e = encodeURIComponent
        return `otpauth://totp/${issuer ? `${e(issuer)}:` : ''}${e(label)}?secret=${e(secretCode)}${issuer ? `&issuer=${e(issuer)}` : ''}`
      },
    }
  }

  /**
   * Finish TOTP setup with a code from the authenticator app (VerifySoftwareToken).
   * @returns true when Cognito answered `SUCCESS`
   * @throws {CodeMismatchException} | {@link EnableSoftwareTokenMFAException}
   */
  async verifySoftwareToken(code: string, deviceName?: string): Promise<boolean> {
    if (typeof code !== 'string' || !/^\d{6}$/.test(code)) throw new ArgumentError('"code" must be a string of 6 digits', 'ERR_INVALID_ARG_VALUE')
    if (deviceName !== undefined) assertString(deviceName, 'deviceName')
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
    if (kind === 'sigv4') throw new ArgumentError(`"operation" ${operation} needs AWS SigV4 credentials: use AdminCognito from cognito-edge/admin`, 'ERR_INVALID_ARG_VALUE')
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

/** `ChallengeParameters` as a string map (non-strings dropped). */
function challengeParameters(resp: Record<string, unknown>): Record<string, string> {
  const cp = resp['ChallengeParameters']
  const out: Record<string, string> = {}
  if (cp !== null && typeof cp === 'object' && !Array.isArray(cp)) {
    for (const [key, v] of Object.entries(cp)) if (typeof v === 'string') out[key] = v
  }
  return out
}

function required(cp: Record<string, string>, key: string): string {
  const v = cp[key]
  if (!str(v)) throw new ResponseError(`ChallengeParameters lacks ${key}`)
  return v
}

/** Decode a JWT payload without verifying it (for expiry and username hints only). */
export function decodePayload(token: string): Record<string, unknown> | undefined {
  try {
    const part = token.split('.')[1]
    if (!part) return undefined
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4))
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0))
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
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

/** Authorisation class of an operation, from the generated lists. */
export function authOf(operation: string): OperationAuth {
  const has = (list: string): boolean => ` ${list} `.includes(` ${operation} `)
  return has(NO_AUTH_OPERATIONS) ? 'none' : has(ACCESS_TOKEN_OPERATIONS) ? 'access-token' : 'sigv4'
}

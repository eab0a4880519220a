/**
 * The pycognito-shaped client: one instance per user, any number per process. A facade over the
 * functions of `src/functions/`: `CognitoSession` (./cognito-session.ts) holds the session state with
 * sign-in, challenges and tokens; this class adds the account operations — devices, passkeys,
 * passwords, verification, registration, profile and MFA settings. Each method is one call of
 * the function of the same name.
 * @module
 */
import type { CallSignal } from './client.ts'
import { CognitoSession } from './cognito-session.ts'
import { assertBool } from './lib/checks.ts'
import { argError, assertStr, NotAuthenticatedError, optionsOf } from './errors.ts'
import type { DeviceCredentials } from './functions/auth-flow.ts'
import * as fx from './functions/index.ts'
import { authOf, type CallInput, type CodeDeliveryDetailsType, type ConfirmSignUpResponse, type OperationOutput, type SignUpResponse, type UserOperationName, type VerifyUserAttributeResponse } from './operations.generated.ts'
import { checkOptions, type TransportOptions } from './transport.ts'
import { customAttributes, dictToCognito, UserObj, type AttributeInput, type AttrMap, type MfaPreference, type UserMetadata } from './user.ts'

export type { AuthResult, DeviceCredentials, WebAuthnAssert } from './functions/auth-flow.ts'
export type { AuthenticateOptions, CognitoOptions, PendingChallenge, RespondOptions, UserAuthOptions } from './cognito-options.ts'
export type { UserAuthChallenge } from './functions/sign-in.ts'
export type { SoftwareTokenSetup } from './functions/mfa.ts'
export { decodePayload } from './functions/tokens.ts'
export { authOf }

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
export class Cognito extends CognitoSession {
  #baseAttributes: Record<string, AttributeInput> = {}
  #customAttributes: Record<string, AttributeInput> = {}

  // ---- devices

  /**
   * Confirm the device Cognito issued at sign-in, and (with `remember`) set its remembered status
   * when Cognito asks. The credentials are held as soon as ConfirmDevice succeeds, even if the
   * status update then fails: persist them and pass them to the constructor later.
   */
  async confirmDevice(options?: { name?: string | undefined; remember?: boolean | undefined; signal?: AbortSignal | undefined }): Promise<DeviceCredentials & { userConfirmationNecessary: boolean }> {
    const nd = this.newDevice
    if (!nd) throw new NotAuthenticatedError('confirmDevice: no NewDeviceMetadata')
    const { remember } = optionsOf(options)
    // checked before ConfirmDevice is sent, not when the status update comes
    assertBool(remember, 'remember')
    const { userConfirmationNecessary, ...creds } = await fx.confirmDevice(this.client, this.tokenFor, nd, options)
    this.deviceConfirmed(creds)
    if (userConfirmationNecessary && remember !== undefined) await fx.rememberDevice(this.client, this.tokenFor, nd.deviceKey, remember, options)
    return { ...creds, userConfirmationNecessary }
  }
  #deviceKey(deviceKey: string | undefined): string {
    const k = deviceKey ?? this.deviceCredentials?.deviceKey
    assertStr(k, 'deviceKey')
    return k
  }
  /** Mark a device (default: this one) remembered (`true`) or not remembered. */
  async rememberDevice(remember = true, deviceKey?: string, options?: { signal?: AbortSignal | undefined }): Promise<void> {
    return fx.rememberDevice(this.client, this.tokenFor, this.#deviceKey(deviceKey), remember, options)
  }
  /** Forget a device (default: this one; its credentials are then dropped). */
  async forgetDevice(deviceKey?: string, options?: { signal?: AbortSignal | undefined }): Promise<void> {
    const k = this.#deviceKey(deviceKey)
    await fx.forgetDevice(this.client, this.tokenFor, k, options)
    this.deviceForgotten(k)
  }
  /** List the user's devices (one page). */
  async listDevices(options?: { limit?: number | undefined; paginationToken?: string | undefined; signal?: AbortSignal | undefined }): Promise<{ Devices?: Record<string, unknown>[]; PaginationToken?: string }> {
    return fx.listDevices(this.client, this.tokenFor, options)
  }
  /** One device (default: this one), as GetDevice returns it. */
  async getDevice(deviceKey?: string, options?: { signal?: AbortSignal | undefined }): Promise<Record<string, unknown>> {
    return fx.getDevice(this.client, this.tokenFor, this.#deviceKey(deviceKey), options)
  }

  // ---- passkeys

  /** StartWebAuthnRegistration: the JSON creation options to parse (`PublicKeyCredential.parseCreationOptionsFromJSON`) for `navigator.credentials.create`. */
  async startWebAuthnRegistration(options?: { signal?: AbortSignal | undefined }): Promise<Record<string, unknown>> {
    return fx.startWebAuthnRegistration(this.client, this.tokenFor, options)
  }
  /** CompleteWebAuthnRegistration with the authenticator's RegistrationResponseJSON. */
  async completeWebAuthnRegistration(credential: object, options?: { signal?: AbortSignal | undefined }): Promise<void> {
    return fx.completeWebAuthnRegistration(this.client, this.tokenFor, credential, options)
  }
  /** ListWebAuthnCredentials (one page). */
  async listWebAuthnCredentials(options?: { maxResults?: number | undefined; nextToken?: string | undefined; signal?: AbortSignal | undefined }): Promise<{ Credentials?: Record<string, unknown>[]; NextToken?: string }> {
    return fx.listWebAuthnCredentials(this.client, this.tokenFor, options)
  }
  /** DeleteWebAuthnCredential. */
  async deleteWebAuthnCredential(credentialId: string, options?: { signal?: AbortSignal | undefined }): Promise<void> {
    return fx.deleteWebAuthnCredential(this.client, this.tokenFor, credentialId, options)
  }


  // ---- passwords, verification, registration, profile, MFA settings

  /** Start a password reset: Cognito sends a code (ForgotPassword). @returns where the code went */
  async initiateForgotPassword(options?: fx.UserContextOptions): Promise<CodeDeliveryDetailsType | undefined> {
    return fx.initiateForgotPassword(this.client, this.username!, options)
  }
  /** Finish a password reset with the code and the new password (ConfirmForgotPassword). */
  async confirmForgotPassword(code: string, password: string, options?: fx.UserContextOptions): Promise<void> {
    return fx.confirmForgotPassword(this.client, this.username!, code, password, options)
  }
  /** Change the signed-in user's password (ChangePassword); `previousPassword` undefined for a passwordless user's first one. */
  async changePassword(previousPassword: string | undefined, proposedPassword: string, options?: CallSignal): Promise<void> {
    return fx.changePassword(this.client, this.tokenFor, previousPassword, proposedPassword, options)
  }
  /** Send a verification code for an attribute (GetUserAttributeVerificationCode). @returns where it went */
  async sendVerification(attribute = 'email', options?: fx.MetadataOptions): Promise<CodeDeliveryDetailsType | undefined> {
    return fx.sendVerification(this.client, this.tokenFor, attribute, options)
  }
  /** Verify an attribute with the code the user received (VerifyUserAttribute). */
  async validateVerification(code: string, attribute = 'email', options?: CallSignal): Promise<VerifyUserAttributeResponse> {
    return fx.validateVerification(this.client, this.tokenFor, code, attribute, options)
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
  /** Sign a new user up (SignUp) with the base and custom attributes set earlier (`password` undefined for a passwordless user); sets `username` when unset. */
  async register(username: string, password: string | undefined, options?: fx.RegisterOptions): Promise<SignUpResponse> {
    // checked before the spread, which would turn a string or an array into attributes "0", "1", …
    const given = optionsOf(optionsOf(options).attributes, 'attributes')
    const attributes = { ...this.#baseAttributes, ...this.#customAttributes, ...given }
    const out = await fx.register(this.client, username, password, { ...options, attributes })
    this.username ??= username
    return out
  }
  /** Confirm a sign-up with the code (ConfirmSignUp); `options.session`: register()'s `Session`, for a `userAuth({ session })` after it. @param username - default: this client's */
  async confirmSignUp(code: string, username?: string, options?: fx.UserContextOptions & { forceAliasCreation?: boolean | undefined; session?: string | undefined }): Promise<ConfirmSignUpResponse> {
    return fx.confirmSignUp(this.client, (username ?? this.username)!, code, options)
  }
  /** Send the sign-up code again (ResendConfirmationCode). @returns where it went */
  async resendConfirmationCode(username?: string, options?: fx.UserContextOptions): Promise<CodeDeliveryDetailsType | undefined> {
    return fx.resendConfirmationCode(this.client, (username ?? this.username)!, options)
  }
  /** The signed-in user (GetUser) as a {@link UserObj} whose `save()` / `delete()` use this client's token. */
  async getUser(options?: CallSignal & { attrMap?: AttrMap | undefined }): Promise<UserObj> {
    const { attrMap } = optionsOf(options)
    const out = await fx.getUser(this.client, this.tokenFor, options)
    const meta = { preferredMfaSetting: out.PreferredMfaSetting, userMfaSettingList: out.UserMFASettingList, mfaOptions: out.MFAOptions } as UserMetadata
    return new UserObj(out.Username, out.UserAttributes, { save: (a, m) => this.updateProfile(a, m), delete: () => this.deleteUser() }, meta, attrMap)
  }
  /** Update the signed-in user's attributes (UpdateUserAttributes). @returns where verification codes went */
  async updateProfile(attrs: Readonly<Record<string, AttributeInput>>, attrMap?: AttrMap, options?: fx.MetadataOptions): Promise<CodeDeliveryDetailsType[]> {
    return fx.updateProfile(this.client, this.tokenFor, attrs, attrMap, options)
  }
  /** Remove attributes from the signed-in user (DeleteUserAttributes). */
  async deleteUserAttributes(names: readonly string[], attrMap?: AttrMap, options?: CallSignal): Promise<void> {
    return fx.deleteUserAttributes(this.client, this.tokenFor, names, attrMap, options)
  }
  /**
   * Delete the signed-in user (DeleteUser); its tokens are forgotten afterwards, and also on a
   * NotAuthorizedException (the user is gone or the tokens were revoked). The device credentials
   * held were the deleted user's: they are forgotten too.
   */
  async deleteUser(options?: CallSignal): Promise<void> {
    const d = this.deviceCredentials
    await this.endWith(fx.deleteUser(this.client, this.tokenFor, options))
    this.deviceForgotten(d?.deviceKey)
  }
  /** Start TOTP setup (AssociateSoftwareToken): the secret and `otpauthUri(issuer?, label?)` for a QR code. */
  async associateSoftwareToken(options?: CallSignal): Promise<fx.SoftwareTokenSetup> {
    return fx.associateSoftwareToken(this.client, this.tokenFor, { ...optionsOf(options), label: this.username ?? this.internalUsername ?? 'user' })
  }
  /** Finish TOTP setup (VerifySoftwareToken). @returns true on `SUCCESS` @throws {CodeMismatchException} a wrong code */
  async verifySoftwareToken(code: string, deviceName?: string, options?: CallSignal): Promise<boolean> {
    return fx.verifySoftwareToken(this.client, this.tokenFor, code, deviceName, options)
  }
  /** Enable / disable MFA methods and pick the preferred one (SetUserMFAPreference). */
  async setUserMfaPreference(preferences: MfaPreference, options?: CallSignal): Promise<void> { return fx.setUserMfaPreference(this.client, this.tokenFor, preferences, options) }
  /**
   * Call any user-side operation, typed from the service model; access-token operations get this
   * client's token unless `input.AccessToken` is given. SigV4 operations need `AdminCognito`.
   */
  async call<O extends UserOperationName>(operation: O, input: CallInput<O>, options: TransportOptions = {}): Promise<OperationOutput<O>> {
    const kind = authOf(operation)
    if (kind === 'sigv4') throw argError('"operation" is unknown or needs AdminCognito', 1)
    const token = optionsOf(input as { AccessToken?: string }, 'input').AccessToken
    checkOptions(options) // before renewing the token, as every function does
    const body = kind === 'access-token' ? { ...input, AccessToken: token ?? (await this.tokenFor(operation, options.signal)) } : input
    return this.request(operation, body, options)
  }
}

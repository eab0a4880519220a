/**
 * `CognitoUser`: amazon-cognito-identity-js's user, a thin facade. Each method hands its arguments
 * to a function of `user-auth.ts`, `user-session.ts`, `user-account.ts` or `user-devices.ts`
 * and its callbacks to an adapter; the instance holds only what acij's user holds (username,
 * pool, storage, the session, a pending challenge, the remembered device).
 * @module
 */
import { toHandlers, toNode, type Node } from './callbacks.ts'
import { acijError } from './errors.ts'
import type { AuthenticationDetails, CognitoUserAttribute } from './details.ts'
import type { CognitoUserPool } from './pool.ts'
import { keyOf, loadDevice, prefixOf } from './storage.ts'
import { CognitoUserSession, type CognitoRefreshToken } from './tokens.ts'
import type {
  ChallengeName,
  ClientMetadata,
  GetSessionOptions,
  IAuthenticationCallback,
  ICognitoStorage,
  ICognitoUserAttributeData,
  ICognitoUserData,
  IMfaSettings,
  MFAOption,
  NodeCallback,
  UpdateAttributesNodeCallback,
  UserData,
} from './types.ts'
import * as account from './user-account.ts'
import * as auth from './user-auth.ts'
import * as devices from './user-devices.ts'
import * as session from './user-session.ts'

/** `{ onSuccess, onFailure }` of the calls that answer a string. */
interface StringHandlers {
  onSuccess: (success: string) => void
  onFailure: (err: any) => void
}

/** A user of a pool: signs in, holds the session, and calls Cognito as that user. */
export class CognitoUser {
  /** The username: the one given, then Cognito's own once an SRP sign-in names the user. */
  username: string
  /** The pool. */
  pool: CognitoUserPool
  /** Where the tokens are kept. */
  storage: ICognitoStorage
  /** `CognitoIdentityServiceProvider.<clientId>`. */
  keyPrefix: string
  /** `USER_SRP_AUTH` (default), `USER_PASSWORD_AUTH` or `CUSTOM_AUTH`. */
  authenticationFlowType: string = 'USER_SRP_AUTH'
  /** The current session, or null. */
  signInUserSession: CognitoUserSession | null = null
  /** The challenge a sign-in stopped at, while it waits for an answer. */
  challengeName?: ChallengeName
  /** The pending challenge's parameters. */
  challengeParameters: Record<string, string> = {}
  /** This device's key, once known. */
  deviceKey: string | null | undefined
  /** This device's group key, once known. */
  deviceGroupKey: string | null | undefined
  #randomPassword: string | null | undefined
  #session: string | null = null

  /**
   * @param data - `Username`, `Pool`, and `Storage` (default: the pool's storage)
   * @throws {Error} `Username` or `Pool` is missing
   */
  constructor(data: ICognitoUserData) {
    if (data == null || data.Username == null || data.Pool == null) throw new Error('Username and Pool information are required.')
    this.username = data.Username || ''
    this.pool = data.Pool as CognitoUserPool
    this.storage = data.Storage || this.pool.storage
    this.keyPrefix = prefixOf(this.pool.getClientId())
  }

  /** The pending challenge's opaque Session (a private field: never in `JSON.stringify` or `util.inspect`). */
  get Session(): string | null {
    return this.#session
  }
  /** Set the pending challenge's Session (to answer a challenge started by another instance). */
  set Session(s: string | null) {
    this.#session = s
  }

  /** This device's secret (a private field, like `Session`). */
  get randomPassword(): string | null | undefined {
    return this.#randomPassword
  }
  /** Set this device's secret. */
  set randomPassword(p: string | null | undefined) {
    this.#randomPassword = p
  }

  /** The storage key of the cached user data. */
  get userDataKey(): string {
    return keyOf(this, 'userData')
  }

  /** Make `signInUserSession` the user's session and store it. */
  setSignInUserSession(signInUserSession: CognitoUserSession): void {
    session.setSession(this, signInUserSession)
  }

  /** The current session, or null. */
  getSignInUserSession(): CognitoUserSession | null {
    return this.signInUserSession
  }

  /** The username. */
  getUsername(): string {
    return this.username
  }

  /** The flow type of `authenticateUser`. */
  getAuthenticationFlowType(): string {
    return this.authenticationFlowType
  }

  /** Set the flow type of `authenticateUser`: `USER_SRP_AUTH`, `USER_PASSWORD_AUTH` or `CUSTOM_AUTH`. */
  setAuthenticationFlowType(authenticationFlowType: string): string {
    return (this.authenticationFlowType = authenticationFlowType)
  }

  /** Load the device remembered in storage for this user into `deviceKey`, `deviceGroupKey`, `randomPassword`. */
  getCachedDeviceKeyAndPassword(): void {
    loadDevice(this)
  }

  /**
   * The session: from memory or storage while valid, else refreshed with the stored refresh token.
   * As with acij, the callback is called before `getSession` returns when no request is needed
   * (a valid session, or an error such as no stored tokens); a refresh calls it later.
   * @param options - `clientMetadata` for a refresh
   */
  getSession(callback: ((error: Error, session: null) => void) | ((error: null, session: CognitoUserSession) => void), options?: GetSessionOptions): void {
    const cb = callback as Node<CognitoUserSession>
    let s: CognitoUserSession | CognitoRefreshToken
    try {
      s = session.currentSession(this)
    } catch (e) {
      return cb(acijError(e), null as never)
    }
    if (s instanceof CognitoUserSession) return cb(null, s)
    toNode(() => session.refreshThroughPool(this, s, options?.clientMetadata), cb)
  }

  /** New tokens from `refreshToken` (REFRESH_TOKEN_AUTH); the callback gets the new session. */
  refreshSession(refreshToken: CognitoRefreshToken, callback: NodeCallback<any, any>, clientMetadata?: ClientMetadata): void {
    const wrap = this.pool.wrapRefreshSessionCallback
    toNode(() => session.refreshSession(this, refreshToken, clientMetadata), wrap ? wrap(callback) : callback)
  }

  /** Sign in with the flow type (SRP by default); each challenge goes to its callback. */
  authenticateUser(authenticationDetails: AuthenticationDetails, callbacks: IAuthenticationCallback): void {
    auth.authenticateUser(this, authenticationDetails, callbacks)
  }

  /** Start CUSTOM_AUTH without a password (challenges go to `customChallenge`). */
  initiateAuth(authenticationDetails: AuthenticationDetails, callbacks: IAuthenticationCallback): void {
    auth.initiateAuth(this, authenticationDetails, callbacks)
  }

  /** Confirm the sign-up with the code the user received; the callback gets `'SUCCESS'`. */
  confirmRegistration(code: string, forceAliasCreation: boolean, callback: NodeCallback<any, any>, clientMetadata?: ClientMetadata): void {
    toNode(() => account.confirmRegistration(this, code, forceAliasCreation, clientMetadata), callback)
  }

  /** Answer the pending CUSTOM_CHALLENGE. */
  sendCustomChallengeAnswer(answerChallenge: any, callback: IAuthenticationCallback, clientMetaData?: ClientMetadata): void {
    auth.sendCustomChallengeAnswer(this, answerChallenge, callback, clientMetaData)
  }

  /** Send the sign-up code again; the callback gets Cognito's answer. */
  resendConfirmationCode(callback: NodeCallback<Error, any>, clientMetaData?: ClientMetadata): void {
    toNode(() => account.resendConfirmationCode(this, clientMetaData), callback)
  }

  /** Change the signed-in user's password; the callback gets `'SUCCESS'`. */
  changePassword(oldPassword: string, newPassword: string, callback: NodeCallback<Error, 'SUCCESS'>, _clientMetadata?: ClientMetadata): void {
    toNode(() => account.changePassword(this, oldPassword, newPassword), callback)
  }

  /** Start a password reset: Cognito's answer goes to `inputVerificationCode` when given, else to `onSuccess`. */
  forgotPassword(callbacks: { onSuccess: (data: any) => void; onFailure: (err: Error) => void; inputVerificationCode?: (data: any) => void }, clientMetaData?: ClientMetadata): void {
    toHandlers(() => account.forgotPassword(this, clientMetaData), callbacks, (data) => (typeof callbacks.inputVerificationCode === 'function' ? callbacks.inputVerificationCode(data) : callbacks.onSuccess(data)))
  }

  /** Finish a password reset with the code and the new password; `onSuccess('SUCCESS')`. */
  confirmPassword(verificationCode: string, newPassword: string, callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }, clientMetaData?: ClientMetadata): void {
    toHandlers(() => account.confirmPassword(this, verificationCode, newPassword, clientMetaData), callbacks)
  }

  /** Remember this device: MFA is skipped on it from the next sign-in. */
  setDeviceStatusRemembered(callbacks: StringHandlers): void {
    toHandlers(() => devices.setDeviceStatus(this, true), callbacks)
  }

  /** Stop remembering this device. */
  setDeviceStatusNotRemembered(callbacks: StringHandlers): void {
    toHandlers(() => devices.setDeviceStatus(this, false), callbacks)
  }

  /** This device (GetDevice): `onSuccess({ Device })`. */
  getDevice(callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }): any {
    toHandlers(() => devices.getDevice(this), callbacks)
  }

  /** Forget this device, at Cognito and in storage. */
  forgetDevice(callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }): void {
    toHandlers(() => devices.forgetThisDevice(this), callbacks)
  }

  /** Forget a device by key. */
  forgetSpecificDevice(deviceKey: string, callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }): void {
    toHandlers(() => devices.forgetSpecificDevice(this, deviceKey), callbacks)
  }

  /** Answer the pending MFA challenge; `mfaType` is `SMS_MFA`, `SOFTWARE_TOKEN_MFA` or `EMAIL_OTP` (default: the pending challenge's). */
  sendMFACode(
    confirmationCode: string,
    callbacks: { onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => void; onFailure: (err: any) => void },
    mfaType?: string,
    clientMetadata?: ClientMetadata,
  ): void {
    auth.sendMFACode(this, confirmationCode, callbacks, mfaType, clientMetadata)
  }

  /** One page of the user's devices: `onSuccess({ Devices, PaginationToken })`. */
  listDevices(limit: number, paginationToken: string | null, callbacks: { onSuccess: (data: any) => void; onFailure: (err: Error) => void }): void {
    toHandlers(() => devices.listDevices(this, limit, paginationToken), callbacks)
  }

  /** Answer NEW_PASSWORD_REQUIRED with the new password and the required attributes (by name). */
  completeNewPasswordChallenge(newPassword: string, requiredAttributeData: any, callbacks: IAuthenticationCallback, clientMetadata?: ClientMetadata): void {
    auth.completeNewPasswordChallenge(this, newPassword, requiredAttributeData, callbacks, clientMetadata)
  }

  /** Forget the session and the stored tokens; with a callback, revoke the refresh token first. */
  signOut(callback?: () => void): void {
    session.signOut(this, callback)
  }

  /** Sign out everywhere (GlobalSignOut), then forget the stored tokens. */
  globalSignOut(callbacks: { onSuccess: (msg: string) => void; onFailure: (err: Error) => void }): void {
    toHandlers(() => session.globalSignOut(this), callbacks)
  }

  /** Verify an attribute with the code the user received; `onSuccess('SUCCESS')`. */
  verifyAttribute(attributeName: string, confirmationCode: string, callbacks: { onSuccess: (success: string) => void; onFailure: (err: Error) => void }): void {
    toHandlers(() => account.verifyAttribute(this, attributeName, confirmationCode), callbacks)
  }

  /** The user's attributes (GetUser). */
  getUserAttributes(callback: NodeCallback<Error, CognitoUserAttribute[]>): void {
    toNode(() => account.getUserAttributes(this), callback)
  }

  /** Update attributes; the callback gets `'SUCCESS'` and Cognito's answer (where codes went). */
  updateAttributes(attributes: (CognitoUserAttribute | ICognitoUserAttributeData)[], callback: UpdateAttributesNodeCallback<Error, string, any>, clientMetadata?: ClientMetadata): void {
    toNode(() => account.updateAttributes(this, attributes, clientMetadata), (err, result) => (err ? callback(err, null as never) : callback(null as never, 'SUCCESS', result)))
  }

  /** Delete attributes by name. */
  deleteAttributes(attributeList: string[], callback: NodeCallback<Error, string>): void {
    toNode(() => account.deleteAttributes(this, attributeList), callback)
  }

  /** Send a verification code for an attribute: Cognito's answer goes to `inputVerificationCode` when given, else `onSuccess('SUCCESS')`. */
  getAttributeVerificationCode(
    name: string,
    callback: { onSuccess: (success: string) => void; onFailure: (err: Error) => void; inputVerificationCode?: (data: string) => void | null },
    clientMetadata?: ClientMetadata,
  ): void {
    toHandlers(() => account.getAttributeVerificationCode(this, name, clientMetadata), callback, (data) => (typeof callback.inputVerificationCode === 'function' ? callback.inputVerificationCode(data as string) : callback.onSuccess('SUCCESS')))
  }

  /** Delete the user, then forget the stored tokens. */
  deleteUser(callback: NodeCallback<Error, string>, _clientMetadata?: ClientMetadata): void {
    toNode(() => account.deleteUser(this), callback)
  }

  /** Turn legacy SMS MFA on (SetUserSettings). Prefer `setUserMfaPreference`. */
  enableMFA(callback: NodeCallback<Error, string>): void {
    toNode(() => account.setSmsMfa(this, true), callback)
  }

  /** Turn legacy SMS MFA off (SetUserSettings). Prefer `setUserMfaPreference`. */
  disableMFA(callback: NodeCallback<Error, string>): void {
    toNode(() => account.setSmsMfa(this, false), callback)
  }

  /** The legacy MFA options (GetUser's `MFAOptions`). */
  getMFAOptions(callback: NodeCallback<Error, MFAOption[]>): void {
    toNode(() => account.getMFAOptions(this), callback as Node<unknown>)
  }

  /** The user data (GetUser), cached; `{ bypassCache: true }` fetches it again and refreshes the session. */
  getUserData(callback: NodeCallback<Error, UserData>, params?: any): void {
    toNode(() => account.getUserData(this, params), callback as Node<unknown>)
  }

  /** TOTP set-up (during an MFA_SETUP sign-in, or signed in): the secret goes to `associateSecretCode`. */
  associateSoftwareToken(callbacks: { associateSecretCode: (secretCode: string) => void; onFailure: (err: any) => void }): void {
    auth.associateSoftwareToken(this, callbacks)
  }

  /** Verify the first TOTP code: finishes an MFA_SETUP sign-in (`onSuccess(session)`), or enables TOTP for the signed-in user. */
  verifySoftwareToken(totpCode: string, friendlyDeviceName: string, callbacks: { onSuccess: (session: CognitoUserSession) => void; onFailure: (err: Error) => void }): void {
    auth.verifySoftwareToken(this, totpCode, friendlyDeviceName, callbacks)
  }

  /** Enable / disable and prefer SMS and TOTP MFA (`null` leaves a method as it is); the callback gets `'SUCCESS'`. */
  setUserMfaPreference(smsMfaSettings: IMfaSettings | null, softwareTokenMfaSettings: IMfaSettings | null, callback: NodeCallback<Error, string>): void {
    toNode(() => account.setUserMfaPreference(this, smsMfaSettings, softwareTokenMfaSettings), callback)
  }

  /** Answer SELECT_MFA_TYPE (`SMS_MFA`, `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`); the chosen challenge goes to `mfaRequired` / `totpRequired`. */
  sendMFASelectionAnswer(
    answerChallenge: string,
    callbacks: {
      onSuccess: (session: CognitoUserSession) => void
      onFailure: (err: any) => void
      mfaRequired?: (challengeName: ChallengeName, challengeParameters: any) => void
      totpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void
    },
  ): void {
    auth.sendMFASelectionAnswer(this, answerChallenge, callbacks)
  }
}

/**
 * A TypeScript app's use of amazon-cognito-identity-js, written against that package's own type
 * declarations (6.3.21) and type-checked with them by `npm run typecheck`. test/identity-js-types.test.ts
 * compiles this same text with only the import changed to `cognito-edge/identity-js`: it must
 * compile unchanged. Never run.
 */
import {
  AuthenticationDetails,
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  CognitoUserSession,
  CookieStorage,
  appendToCognitoUserAgent,
  type ChallengeName,
  type ClientMetadata,
  type CodeDeliveryDetails,
  type IAuthenticationCallback,
  type ICognitoStorage,
  type ICognitoUserAttributeData,
  type ICognitoUserPoolData,
  type IMfaSettings,
  type ISignUpResult,
  type MFAOption,
  type NodeCallback,
  type UserData,
} from 'amazon-cognito-identity-js'

/** An app's own storage. */
class SessionStorageShim implements ICognitoStorage {
  private data: Record<string, string> = {}
  setItem(key: string, value: string): void {
    this.data[key] = value
  }
  getItem(key: string): string | null {
    return this.data[key] ?? null
  }
  removeItem(key: string): void {
    delete this.data[key]
  }
  clear(): void {
    this.data = {}
  }
}

const poolData: ICognitoUserPoolData = { UserPoolId: 'us-east-1_aB12cDe34', ClientId: '7ghr5379orhbo88d52vphda6s9', Storage: new SessionStorageShim() }
export const userPool = new CognitoUserPool(poolData, (callback: NodeCallback.Any) => callback)
export const cookiePool = new CognitoUserPool({ ...poolData, Storage: new CookieStorage({ domain: '.example.com', secure: true, sameSite: 'lax', expires: 7 }) })
appendToCognitoUserAgent('my-app/1.0')

export function signUp(username: string, password: string, email: string): Promise<ISignUpResult> {
  const attributes: CognitoUserAttribute[] = [new CognitoUserAttribute({ Name: 'email', Value: email })]
  return new Promise((resolve, reject) => {
    userPool.signUp(username, password, attributes, [], (err, result) => (err || !result ? reject(err) : resolve(result)))
  })
}

export function confirm(username: string, code: string): Promise<string> {
  const user = new CognitoUser({ Username: username, Pool: userPool })
  return new Promise((resolve, reject) => user.confirmRegistration(code, true, (err, result) => (err ? reject(err) : resolve(result))))
}

/** Sign in, answering what the UI asks for. */
export function signIn(username: string, password: string, ask: (what: ChallengeName | 'code') => Promise<string>): Promise<CognitoUserSession> {
  const user = new CognitoUser({ Username: username, Pool: userPool })
  user.setAuthenticationFlowType('USER_SRP_AUTH')
  const details = new AuthenticationDetails({ Username: username, Password: password, ClientMetadata: { source: 'web' } })
  return new Promise((resolve, reject) => {
    const callbacks: IAuthenticationCallback = {
      onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => {
        if (userConfirmationNecessary) user.setDeviceStatusRemembered({ onSuccess: (r: string) => r, onFailure: (e: any) => e })
        resolve(session)
      },
      onFailure: (err: any) => reject(new Error(`${err.code}: ${err.message}`)),
      newPasswordRequired: (userAttributes: any, requiredAttributes: any) => {
        delete userAttributes.email_verified
        void requiredAttributes
        ask('NEW_PASSWORD_REQUIRED').then((pw) => user.completeNewPasswordChallenge(pw, userAttributes, callbacks))
      },
      mfaRequired: (challengeName: ChallengeName, challengeParameters: any) => {
        void challengeParameters.CODE_DELIVERY_DESTINATION
        ask(challengeName).then((code) => user.sendMFACode(code, callbacks))
      },
      totpRequired: (challengeName: ChallengeName) => ask(challengeName).then((code) => user.sendMFACode(code, callbacks, 'SOFTWARE_TOKEN_MFA')),
      selectMFAType: () => user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', callbacks),
      mfaSetup: () =>
        user.associateSoftwareToken({
          associateSecretCode: (secret: string) => {
            void secret
            ask('code').then((code) => user.verifySoftwareToken(code, 'My phone', callbacks))
          },
          onFailure: (err: any) => reject(err),
        }),
      customChallenge: (challengeParameters: any) => user.sendCustomChallengeAnswer(String(challengeParameters.question), callbacks),
    }
    user.authenticateUser(details, callbacks)
    if (user.challengeName === 'CUSTOM_CHALLENGE') user.initiateAuth(details, callbacks)
  })
}

/** The current user's session and ID token claims, refreshed when needed. */
export function currentSession(): Promise<{ session: CognitoUserSession; email: string; expires: number } | null> {
  const user = userPool.getCurrentUser()
  if (!user) return Promise.resolve(null)
  return new Promise((resolve, reject) => {
    user.getSession((err: Error | null, session: CognitoUserSession | null) => {
      if (err || !session) return reject(err)
      const idToken: CognitoIdToken = session.getIdToken()
      const access: CognitoAccessToken = session.getAccessToken()
      void access.getJwtToken()
      resolve({ session, email: String(idToken.payload['email']), expires: idToken.getExpiration() - idToken.getIssuedAt() })
    })
  })
}

export function refresh(user: CognitoUser, session: CognitoUserSession, clientMetadata?: ClientMetadata): Promise<CognitoUserSession> {
  const refreshToken: CognitoRefreshToken = session.getRefreshToken()
  return new Promise((resolve, reject) => user.refreshSession(refreshToken, (err, fresh) => (err ? reject(err) : resolve(fresh)), clientMetadata))
}

export function profile(user: CognitoUser): void {
  user.getUserAttributes((err, attributes) => {
    if (err) return
    const byName: Record<string, string> = {}
    for (const a of attributes ?? []) byName[a.getName()] = a.getValue()
  })
  const update: ICognitoUserAttributeData[] = [{ Name: 'nickname', Value: 'joe' }]
  user.updateAttributes(update, (err, result, details) => void [err, result, details])
  user.deleteAttributes(['nickname'], (err?: Error, result?: string) => void [err, result])
  user.getAttributeVerificationCode('email', {
    onSuccess: (r: string) => r,
    onFailure: (e: Error) => e,
    inputVerificationCode: (data: string) => user.verifyAttribute('email', data, { onSuccess: (r) => r, onFailure: (e) => e }),
  })
  user.getUserData((err, data?: UserData) => void [err, data?.UserMFASettingList, data?.PreferredMfaSetting], { bypassCache: true })
  user.getMFAOptions((err, options?: MFAOption[]) => void [err, options?.[0]?.DeliveryMedium])
}

export function security(user: CognitoUser, code: string, password: string): void {
  const totp: IMfaSettings = { PreferredMfa: true, Enabled: true }
  user.setUserMfaPreference(null, totp, (err, result) => void [err, result])
  user.changePassword('old', password, (err, result) => void [err, result])
  user.forgotPassword({
    onSuccess: (data: { CodeDeliveryDetails: CodeDeliveryDetails }) => data.CodeDeliveryDetails.Destination,
    onFailure: (err: Error) => err,
    inputVerificationCode: () => user.confirmPassword(code, password, { onSuccess: (s: string) => s, onFailure: (e: Error) => e }),
  })
  user.listDevices(10, null, { onSuccess: (data: any) => data.Devices, onFailure: (e) => e })
  user.getDevice({ onSuccess: (d) => d, onFailure: (e) => e })
  user.forgetDevice({ onSuccess: (d) => d, onFailure: (e) => e })
  user.forgetSpecificDevice('us-east-1_dev', { onSuccess: (d) => d, onFailure: (e) => e })
  user.setDeviceStatusNotRemembered({ onSuccess: (d) => d, onFailure: (e) => e })
  user.getCachedDeviceKeyAndPassword()
  user.enableMFA((err, r) => void [err, r])
  user.disableMFA((err, r) => void [err, r])
  user.resendConfirmationCode((err, r) => void [err, r])
  user.deleteUser((err, r) => void [err, r])
  user.globalSignOut({ onSuccess: (msg: string) => msg, onFailure: (err: Error) => err })
  user.signOut(() => undefined)
  user.signOut()
}

export function restore(user: CognitoUser, id: string, access: string, refreshToken: string): string {
  const session = new CognitoUserSession({ IdToken: new CognitoIdToken({ IdToken: id }), AccessToken: new CognitoAccessToken({ AccessToken: access }), RefreshToken: new CognitoRefreshToken({ RefreshToken: refreshToken }) })
  user.setSignInUserSession(session)
  const signedIn: CognitoUserSession | null = user.getSignInUserSession()
  return `${user.getUsername()} ${user.getAuthenticationFlowType()} ${signedIn?.isValid()} ${userPool.getUserPoolId()} ${userPool.getClientId()} ${userPool.getUserPoolName()}`
}

/**
 * The shapes of `cognito-edge/identity-js` that are types only: callback signatures, the option
 * objects of the constructors and the data objects the callbacks receive, named and shaped as
 * amazon-cognito-identity-js declares them, so code typed against that package compiles unchanged.
 * @module
 */
import type { CognitoAccessToken, CognitoIdToken, CognitoRefreshToken, CognitoUserSession } from './tokens.ts'
import type { CognitoUserPool } from './pool.ts'
import type { CognitoUser } from './user.ts'
import type { RetryOptions } from '../transport.ts'

/** A Node-style callback: `err` on failure, else `result`. */
export type NodeCallback<E, T> = (err?: E, result?: T) => void

/** The callback of `updateAttributes`: the third argument is Cognito's answer (where codes were sent). */
export type UpdateAttributesNodeCallback<E, T, K> = (err?: E, result?: T, details?: K) => void

/** Namespace of {@link NodeCallback} helpers. */
export declare namespace NodeCallback {
  /** A callback of any result. */
  export type Any = NodeCallback<Error | undefined, any>
}

/** Where Cognito sent a code. */
export interface CodeDeliveryDetails {
  /** The attribute the code went to (`email`, `phone_number`). */
  AttributeName: string
  /** `EMAIL` or `SMS`. */
  DeliveryMedium: string
  /** The masked destination, e.g. `a***@e***.com`. */
  Destination: string
}

/** Key-value pairs passed to Lambda triggers. */
export type ClientMetadata = { [key: string]: string } | undefined

/** The challenges a sign-in can hand to the callbacks. */
export type ChallengeName = 'CUSTOM_CHALLENGE' | 'MFA_SETUP' | 'NEW_PASSWORD_REQUIRED' | 'SELECT_MFA_TYPE' | 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA'

/** The callbacks of a sign-in (`authenticateUser`, `initiateAuth` and the methods that continue one). */
export interface IAuthenticationCallback {
  /** Signed in. `userConfirmationNecessary` is true when the pool asks the user whether to remember this device. */
  onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => void
  /** The sign-in failed: `err.code` is Cognito's error name (`NotAuthorizedException`, …). */
  onFailure: (err: any) => void
  /** NEW_PASSWORD_REQUIRED: answer with `completeNewPasswordChallenge`. */
  newPasswordRequired?: (userAttributes: any, requiredAttributes: any) => void
  /** SMS_MFA (or EMAIL_OTP): answer with `sendMFACode`. */
  mfaRequired?: (challengeName: ChallengeName, challengeParameters: any) => void
  /** SOFTWARE_TOKEN_MFA: answer with `sendMFACode(code, callbacks, 'SOFTWARE_TOKEN_MFA')`. */
  totpRequired?: (challengeName: ChallengeName, challengeParameters: any) => void
  /** CUSTOM_CHALLENGE: answer with `sendCustomChallengeAnswer`. */
  customChallenge?: (challengeParameters: any) => void
  /** MFA_SETUP: `associateSoftwareToken` then `verifySoftwareToken`. */
  mfaSetup?: (challengeName: ChallengeName, challengeParameters: any) => void
  /** SELECT_MFA_TYPE: answer with `sendMFASelectionAnswer`. */
  selectMFAType?: (challengeName: ChallengeName, challengeParameters: any) => void
}

/** One MFA method's setting for `setUserMfaPreference`. */
export interface IMfaSettings {
  /** Make it the preferred method. */
  PreferredMfa: boolean
  /** Enable it. */
  Enabled: boolean
}

/** Options of `AuthenticationDetails`. */
export interface IAuthenticationDetailsData {
  /** The name the user signs in with. */
  Username: string
  /** The password (never sent with SRP). */
  Password?: string
  /** Passed to Lambda triggers as ClientMetadata when not empty (it then wins over `ClientMetadata`). */
  ValidationData?: { [key: string]: any }
  /** Passed to Lambda triggers. */
  ClientMetadata?: ClientMetadata
}

/** A synchronous key-value store: `localStorage`, `CookieStorage`, or your own. */
export interface ICognitoStorage {
  /** Store a value. */
  setItem(key: string, value: string): void
  /** A value, or null (undefined is accepted too). */
  getItem(key: string): string | null
  /** Remove a value. */
  removeItem(key: string): void
  /** Remove every value. */
  clear(): void
}

/** Options of `CognitoUser`. */
export interface ICognitoUserData {
  /** The username (or alias) of the user. */
  Username: string
  /** The pool the user belongs to (a `CognitoUserPool`). */
  Pool: Pick<CognitoUserPool, 'getUserPoolId' | 'getUserPoolName' | 'getClientId'>
  /** Where the user's tokens are kept. Default: the pool's storage. */
  Storage?: ICognitoStorage
}

/** Options of `getSession`. */
export interface GetSessionOptions {
  /** Passed to Lambda triggers when the session is refreshed. */
  clientMetadata: Record<string, string>
}

/** A legacy (SMS) MFA option, as GetUser returns it. */
export interface MFAOption {
  /** `SMS` or `EMAIL`. */
  DeliveryMedium: 'SMS' | 'EMAIL'
  /** The attribute codes go to. */
  AttributeName: string
}

/** What `getUserData` returns: Cognito's GetUser answer. */
export interface UserData {
  /** Legacy MFA options. */
  MFAOptions: MFAOption[]
  /** The preferred MFA method, e.g. `SOFTWARE_TOKEN_MFA`. */
  PreferredMfaSetting: string
  /** The user's attributes. */
  UserAttributes: ICognitoUserAttributeData[]
  /** The enabled MFA methods. */
  UserMFASettingList: string[]
  /** Cognito's username. */
  Username: string
}

/** A user attribute, as Cognito sends it. */
export interface ICognitoUserAttributeData {
  /** Attribute name, e.g. `email` or `custom:team`. */
  Name: string
  /** Attribute value. */
  Value: string
}

/** What `signUp` gives its callback. */
export interface ISignUpResult {
  /** The new user. */
  user: CognitoUser
  /** Whether the user is confirmed already (a pre sign-up trigger may confirm). */
  userConfirmed: boolean
  /** The new user's `sub`. */
  userSub: string
  /** Where the confirmation code went. */
  codeDeliveryDetails: CodeDeliveryDetails
}

/** Options of `CognitoUserPool`: amazon-cognito-identity-js's, and the transport options of cognito-edge. */
export interface ICognitoUserPoolData {
  /** The user pool id, e.g. `us-east-1_aB12cDe34`. */
  UserPoolId: string
  /** The app client id (an app client without a secret). */
  ClientId: string
  /** A custom endpoint URL (a proxy, a local pool). Default: the pool's region's Cognito endpoint. */
  endpoint?: string
  /** Where tokens are kept. Default: `localStorage` where it works, else memory. */
  Storage?: ICognitoStorage
  /** Accepted for compatibility: advanced-security context data is not collected. */
  AdvancedSecurityDataCollectionFlag?: boolean
  /** Options of each fetch: only `credentials` is used (as in amazon-cognito-identity-js). */
  fetchOptions?: { credentials?: 'omit' | 'same-origin' | 'include' }
  /** The `fetch` to use. Default: the global `fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>
  /** Aborts every request of this pool and its users. */
  signal?: AbortSignal
  /** Per-attempt timeout, ms (default 10000; 0 disables it). */
  timeout?: number
  /** Retries of throttled and transient failures (cognito-edge's retry policy): `false` makes one attempt. */
  retry?: false | RetryOptions
}

/** The tokens of a session. */
export interface ICognitoUserSessionData {
  /** The ID token. */
  IdToken: CognitoIdToken
  /** The access token. */
  AccessToken: CognitoAccessToken
  /** The refresh token. */
  RefreshToken?: CognitoRefreshToken
}

/** Options of `CookieStorage`. */
export interface ICookieStorageData {
  /** Cookie domain (default: the page's host). */
  domain?: string
  /** Cookie path (default `/`). */
  path?: string
  /** Lifetime in days (default 365); null: session cookies. Anything else but a number (or a Date, the moment it names) is refused. */
  expires?: number
  /** The Secure flag (default true). */
  secure?: boolean
  /** The SameSite attribute (default: none set). */
  sameSite?: 'strict' | 'lax' | 'none'
}

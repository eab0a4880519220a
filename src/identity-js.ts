/**
 * `cognito-edge/identity-js`: a drop-in replacement for amazon-cognito-identity-js. Change the
 * import and keep your code, your callbacks and your signed-in users (the same storage keys and
 * values); it runs on the cognito-edge functions (SRP, challenges, devices, transport), in
 * browsers, Node, Deno, Bun and Workers, with no polyfills. Cognito Identity (identity pools, AWS
 * credentials) is not part of it, as it is not part of amazon-cognito-identity-js.
 *
 * @example
 * ```ts
 * import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'cognito-edge/identity-js'
 * const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_aB12cDe34', ClientId: '7ghr5379orhbo88d52vphda6s9' })
 * const user = new CognitoUser({ Username: 'alice', Pool: pool })
 * user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: password }), {
 *   onSuccess: (session) => console.log(session.getIdToken().getJwtToken()),
 *   onFailure: (err) => console.error(err.code, err.message),
 * })
 * ```
 * @module
 */
export { AuthenticationDetails, CognitoUserAttribute } from './identity-js/details.ts'
export { CognitoAccessToken, CognitoIdToken, CognitoRefreshToken, CognitoUserSession } from './identity-js/tokens.ts'
export { CognitoUserPool } from './identity-js/pool.ts'
export { CognitoUser } from './identity-js/user.ts'
export { CookieStorage } from './identity-js/cookie-storage.ts'
export { appendToCognitoUserAgent, UserAgent } from './identity-js/user-agent.ts'
export { WordArray } from './identity-js/word-array.ts'
export type {
  ChallengeName,
  ClientMetadata,
  CodeDeliveryDetails,
  GetSessionOptions,
  IAuthenticationCallback,
  IAuthenticationDetailsData,
  ICognitoStorage,
  ICognitoUserAttributeData,
  ICognitoUserData,
  ICognitoUserPoolData,
  ICognitoUserSessionData,
  ICookieStorageData,
  IMfaSettings,
  ISignUpResult,
  MFAOption,
  NodeCallback,
  UpdateAttributesNodeCallback,
  UserData,
} from './identity-js/types.ts'

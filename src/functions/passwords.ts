/**
 * Passwords, as functions: the forgotten-password reset ({@link initiateForgotPassword} then
 * {@link confirmForgotPassword}, with SECRET_HASH when the client has a secret) and
 * {@link changePassword} for the signed-in user. Nothing here pulls in SRP.
 * @module
 */
import { requestAsUser, requestWithToken, UNSAFE_TO_REPEAT, type CallSignal, type AccessToken, type CognitoClient } from '../client.ts'
import { assertOptStr, assertStr, optionsOf } from '../errors.ts'
import type { CodeDeliveryDetailsType, ForgotPasswordResponse, UserContextDataType } from '../operations.generated.ts'

/** Options of the account functions that run Lambda triggers. */
export interface MetadataOptions extends CallSignal {
  /** Passed to Lambda triggers. */
  clientMetadata?: Record<string, string> | undefined
}

/**
 * Options of the functions a signed-out user calls (sign-up, its confirmation, password reset)
 * and of every sign-in: `userContextData` is what threat protection reads about the user's
 * request (Cognito's `UserContextData`).
 */
export interface UserContextOptions extends MetadataOptions {
  /**
   * Sent as `UserContextData` for threat protection: `EncodedData`, the string the
   * `AmazonCognitoAdvancedSecurityData` script collects in the user's browser, and, on a server
   * signing users in for their browsers, `IpAddress`, the user's IP address (taken only from an app
   * client with a secret and `EnablePropagateAdditionalUserContextData`). Never logged here.
   */
  userContextData?: UserContextDataType | undefined
}

/**
 * Start a password reset: Cognito sends a code by email or SMS (ForgotPassword).
 *
 * Pools with `PreventUserExistenceErrors` enabled answer as if a code was sent even when the user
 * does not exist (a simulated `CodeDeliveryDetails`): do not treat success as proof that the
 * account exists.
 * @returns where the code went, e.g. `{ Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }`
 * @throws {UserNotFoundException} unknown user (LEGACY pools only); {@link LimitExceededException} too many attempts (never retried)
 * @example
 * ```ts
 * const where = await initiateForgotPassword(client, 'alice')
 * console.log(`we sent a code to ${where?.Destination}`)
 * ```
 */
export async function initiateForgotPassword(client: CognitoClient, username: string, options: UserContextOptions = {}): Promise<CodeDeliveryDetailsType | undefined> {
  options = optionsOf(options)
  const out = await requestAsUser<ForgotPasswordResponse>(client, 'ForgotPassword', username, { ClientMetadata: options.clientMetadata }, options, UNSAFE_TO_REPEAT)
  return out.CodeDeliveryDetails
}

/**
 * Finish a password reset with the code and the new password (ConfirmForgotPassword).
 * @throws {CodeMismatchException} wrong code; {@link ExpiredCodeException} expired code;
 *   {@link InvalidPasswordException} the password breaks the pool policy
 */
export async function confirmForgotPassword(client: CognitoClient, username: string, code: string, password: string, options: UserContextOptions = {}): Promise<void> {
  assertStr(code, 'code')
  assertStr(password, 'password')
  options = optionsOf(options)
  await requestAsUser(client, 'ConfirmForgotPassword', username, { ConfirmationCode: code, Password: password, ClientMetadata: options.clientMetadata }, options, UNSAFE_TO_REPEAT)
}

/**
 * Change the signed-in user's password (ChangePassword). Tokens stay valid.
 * @param previousPassword - `undefined` for a passwordless user setting a first password
 * @throws {NotAuthorizedException} wrong previous password; {@link InvalidPasswordException}; {@link LimitExceededException}
 */
export async function changePassword(client: CognitoClient, accessToken: AccessToken, previousPassword: string | undefined, proposedPassword: string, options?: CallSignal): Promise<void> {
  assertOptStr(previousPassword, 'previousPassword')
  assertStr(proposedPassword, 'proposedPassword')
  await requestWithToken(client, 'ChangePassword', accessToken, { PreviousPassword: previousPassword, ProposedPassword: proposedPassword }, options, UNSAFE_TO_REPEAT)
}

/**
 * Registration, as functions: {@link register} (SignUp), {@link confirmSignUp} and
 * {@link resendConfirmationCode}, with SECRET_HASH over the name being registered.
 * @module
 */
import { requestAsUser, UNSAFE_TO_REPEAT, type CognitoClient } from '../client.ts'
import { assertOptStr, assertStr, memberOf, optionsOf } from '../errors.ts'
import { isStr } from '../lib/guards.ts'
import { assertBool } from '../lib/checks.ts'
import type { CodeDeliveryDetailsType, ConfirmSignUpResponse, ResendConfirmationCodeResponse, SignUpResponse } from '../operations.generated.ts'
import { dictToCognito, type AttributeInput, type AttrMap } from '../user.ts'
import type { UserContextOptions } from './passwords.ts'

/** Options of {@link register}. */
export interface RegisterOptions extends UserContextOptions {
  /** Attributes (`email`, `custom:team`, …); numbers and booleans are sent as strings. */
  attributes?: Readonly<Record<string, AttributeInput>> | undefined
  /** App names → Cognito names, see {@link AttrMap}. */
  attrMap?: AttrMap | undefined
  /** Sent as ValidationData, for a pre sign-up Lambda trigger (not stored). */
  validationData?: Readonly<Record<string, AttributeInput>> | undefined
}

/**
 * Sign a new user up (SignUp). SecretHash is computed over `username`, the name being registered.
 * @param password - `undefined` for a passwordless user (pools with passwordless sign-in: the user
 *   then signs in with email or SMS codes or a passkey, through `userAuth`)
 * @returns Cognito's answer: `UserConfirmed`, `UserSub`, `CodeDeliveryDetails`, `Session`
 * @throws {UsernameExistsException} | {@link InvalidPasswordException} | {@link InvalidParameterException}
 * @example
 * ```ts
 * const res = await register(client, 'alice', 'Corr3ct horse!', { attributes: { email: 'alice@example.com' } })
 * if (!res.UserConfirmed) console.log('code sent to', res.CodeDeliveryDetails?.Destination)
 * ```
 */
export async function register(client: CognitoClient, username: string, password: string | undefined, options: RegisterOptions = {}): Promise<SignUpResponse> {
  assertStr(username, 'username')
  assertOptStr(password, 'password')
  options = optionsOf(options)
  const attrs = dictToCognito(options.attributes ?? {}, options.attrMap)
  const v = options.validationData
  const input = { Password: password, UserAttributes: attrs, ValidationData: v && dictToCognito(v), ClientMetadata: options.clientMetadata }
  const out = await requestAsUser<SignUpResponse>(client, 'SignUp', username, input, options, UNSAFE_TO_REPEAT)
  // without them the app cannot tell whether a code was sent or the user can sign in
  memberOf(out, 'SignUp', 'UserConfirmed', (v) => typeof v == 'boolean')
  memberOf(out, 'SignUp', 'UserSub', isStr)
  return out
}

/**
 * Confirm a sign-up with the emailed / texted code (ConfirmSignUp).
 * @returns may carry a `Session` for a USER_AUTH sign-in without the password: Cognito gives one
 *   when `options.session` is the `Session` that {@link register} returned
 * @param options.forceAliasCreation - take over an email or phone number another user has as a verified alias
 * @param options.session - the `Session` of the SignUp answer, to sign in right after confirming
 * @throws {CodeMismatchException} | {@link ExpiredCodeException}; {@link ArgumentError} a `forceAliasCreation` that is not a boolean
 */
export async function confirmSignUp(client: CognitoClient, username: string, code: string, options: UserContextOptions & { forceAliasCreation?: boolean | undefined; session?: string | undefined } = {}): Promise<ConfirmSignUpResponse> {
  assertStr(code, 'code')
  options = optionsOf(options)
  assertBool(options.forceAliasCreation, 'forceAliasCreation')
  assertOptStr(options.session, 'session')
  return requestAsUser(client, 'ConfirmSignUp', username, { ConfirmationCode: code, ClientMetadata: options.clientMetadata, Session: options.session, ForceAliasCreation: options.forceAliasCreation }, options, UNSAFE_TO_REPEAT)
}

/** Send the sign-up code again (ResendConfirmationCode). @returns where it went */
export async function resendConfirmationCode(client: CognitoClient, username: string, options: UserContextOptions = {}): Promise<CodeDeliveryDetailsType | undefined> {
  options = optionsOf(options)
  const out = await requestAsUser<ResendConfirmationCodeResponse>(client, 'ResendConfirmationCode', username, { ClientMetadata: options.clientMetadata }, options, UNSAFE_TO_REPEAT)
  return out.CodeDeliveryDetails
}

/**
 * The signed-in user's profile, as functions: read it ({@link getUser}), change or remove
 * attributes ({@link updateProfile}, {@link deleteUserAttributes}) and delete the user
 * ({@link deleteUser}).
 * @module
 */
import { requestWithToken, UNSAFE_TO_REPEAT, type CallSignal, type AccessToken, type CognitoClient } from '../client.ts'
import { argError, memberOf, optionsOf, optList } from '../errors.ts'
import { isStr } from '../lib/guards.ts'
import type { CodeDeliveryDetailsType, GetUserResponse, UpdateUserAttributesResponse } from '../operations.generated.ts'
import { cognitoNames, dictToCognito, type AttributeInput, type AttrMap } from '../user.ts'
import type { MetadataOptions } from './passwords.ts'

/**
 * The signed-in user (GetUser), as Cognito returns it; `cognitoToDict(user.UserAttributes)` gives
 * the attributes as a record. (The `Cognito` class wraps it in a `UserObj`.)
 * @throws {ResponseError} an answer without the required `Username` and `UserAttributes` list
 */
export async function getUser(client: CognitoClient, accessToken: AccessToken, options?: CallSignal): Promise<GetUserResponse> {
  const out = await requestWithToken<GetUserResponse>(client, 'GetUser', accessToken, {}, options)
  // a body without the required Username and attribute list is not GetUser's answer
  memberOf(out, 'GetUser', 'Username', isStr)
  memberOf(out, 'GetUser', 'UserAttributes', Array.isArray)
  return out
}

/**
 * Update the signed-in user's attributes (UpdateUserAttributes). Changing `email` or
 * `phone_number` sends a code: confirm it with `validateVerification`.
 * @param attrs - numbers and booleans are sent as strings; keys renamed back through `attrMap`
 * @returns where verification codes were sent
 */
export async function updateProfile(client: CognitoClient, accessToken: AccessToken, attrs: Readonly<Record<string, AttributeInput>>, attrMap?: AttrMap, options: MetadataOptions = {}): Promise<CodeDeliveryDetailsType[]> {
  const list = dictToCognito(attrs, attrMap)
  options = optionsOf(options)
  const out = await requestWithToken<UpdateUserAttributesResponse>(client, 'UpdateUserAttributes', accessToken, { UserAttributes: list, ClientMetadata: options.clientMetadata }, options, UNSAFE_TO_REPEAT)
  return memberOf<CodeDeliveryDetailsType[] | undefined>(out, 'UpdateUserAttributes', 'CodeDeliveryDetailsList', optList) ?? []
}

/** Remove attributes from the signed-in user (DeleteUserAttributes); app names are renamed back through `attrMap`. */
export async function deleteUserAttributes(client: CognitoClient, accessToken: AccessToken, names: readonly string[], attrMap?: AttrMap, options?: CallSignal): Promise<void> {
  if (!Array.isArray(names) || !names.length || !names.every(isStr)) {
    throw argError('"names" must be a non-empty array of strings')
  }
  const back = cognitoNames(attrMap)
  await requestWithToken(client, 'DeleteUserAttributes', accessToken, { UserAttributeNames: names.map((n) => back[n] ?? n) }, options)
}

/** Delete the signed-in user (DeleteUser). Its tokens are useless afterwards: forget them. */
export async function deleteUser(client: CognitoClient, accessToken: AccessToken, options?: CallSignal): Promise<void> {
  await requestWithToken(client, 'DeleteUser', accessToken, {}, options, UNSAFE_TO_REPEAT)
}

/**
 * Attribute verification, as functions: send a code for an attribute ({@link sendVerification}) and
 * confirm it ({@link validateVerification}), for the signed-in user.
 * @module
 */
import { requestWithToken, UNSAFE_TO_REPEAT, type AccessToken, type CallSignal, type CognitoClient } from '../client.ts'
import { assertStr, optionsOf } from '../errors.ts'
import type { CodeDeliveryDetailsType, GetUserAttributeVerificationCodeResponse, VerifyUserAttributeResponse } from '../operations.generated.ts'
import type { MetadataOptions } from './passwords.ts'

/**
 * Send a verification code for an attribute (GetUserAttributeVerificationCode).
 * @returns where the code went
 */
export async function sendVerification(client: CognitoClient, accessToken: AccessToken, attribute = 'email', options: MetadataOptions = {}): Promise<CodeDeliveryDetailsType | undefined> {
  assertStr(attribute, 'attribute')
  options = optionsOf(options)
  const out = await requestWithToken<GetUserAttributeVerificationCodeResponse>(client, 'GetUserAttributeVerificationCode', accessToken, { AttributeName: attribute, ClientMetadata: options.clientMetadata }, options, UNSAFE_TO_REPEAT)
  return out.CodeDeliveryDetails
}

/**
 * Verify an attribute with the code the user received (VerifyUserAttribute).
 * @throws {CodeMismatchException} | {@link ExpiredCodeException}
 */
export async function validateVerification(client: CognitoClient, accessToken: AccessToken, code: string, attribute = 'email', options?: CallSignal): Promise<VerifyUserAttributeResponse> {
  assertStr(code, 'code')
  assertStr(attribute, 'attribute')
  return requestWithToken(client, 'VerifyUserAttribute', accessToken, { AttributeName: attribute, Code: code }, options, UNSAFE_TO_REPEAT)
}

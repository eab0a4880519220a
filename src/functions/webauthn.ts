/**
 * Passkeys (WebAuthn credentials) of the signed-in user, as functions: register one
 * ({@link startWebAuthnRegistration} then {@link completeWebAuthnRegistration}), list and delete
 * them. Signing in with a passkey is `userAuth` with `webauthn`.
 * @module
 */
import { requestWithToken, UNSAFE_TO_REPEAT, type CallSignal, type AccessToken, type CognitoClient } from '../client.ts'
import { argError, assertOptStr, assertStr, memberOf, optionsOf } from '../errors.ts'
import { isObj } from '../lib/guards.ts'
import { checkRanges } from '../lib/checks.ts'

/**
 * StartWebAuthnRegistration: Cognito's `CredentialCreationOptions`, the JSON form of the WebAuthn
 * creation options (`challenge`, `rp`, `user`, …). Parse them with
 * `PublicKeyCredential.parseCreationOptionsFromJSON` and pass them as `publicKey` to
 * `navigator.credentials.create`.
 */
export async function startWebAuthnRegistration(client: CognitoClient, accessToken: AccessToken, options?: CallSignal): Promise<Record<string, unknown>> {
  return memberOf(await requestWithToken(client, 'StartWebAuthnRegistration', accessToken, {}, options, UNSAFE_TO_REPEAT), 'StartWebAuthnRegistration', 'CredentialCreationOptions', isObj)
}

/** CompleteWebAuthnRegistration with the RegistrationResponseJSON the authenticator produced (the credential's `toJSON()`). */
export async function completeWebAuthnRegistration(client: CognitoClient, accessToken: AccessToken, credential: object, options?: CallSignal): Promise<void> {
  if (credential === null || typeof credential !== 'object') throw argError('"credential" must be an object')
  await requestWithToken(client, 'CompleteWebAuthnRegistration', accessToken, { Credential: credential }, options, UNSAFE_TO_REPEAT)
}

/**
 * ListWebAuthnCredentials (one page).
 * @param options.maxResults - passkeys per page, 0 to 20
 * @throws {ArgumentError} `maxResults` is not an integer from 0 to 20
 */
export async function listWebAuthnCredentials(client: CognitoClient, accessToken: AccessToken, options: CallSignal & { maxResults?: number | undefined; nextToken?: string | undefined } = {}): Promise<{ Credentials?: Record<string, unknown>[]; NextToken?: string }> {
  options = optionsOf(options)
  checkRanges([['maxResults', options.maxResults, 0, 20, '']])
  assertOptStr(options.nextToken, 'nextToken')
  const out = await requestWithToken(client, 'ListWebAuthnCredentials', accessToken, { MaxResults: options.maxResults, NextToken: options.nextToken }, options)
  memberOf(out, 'ListWebAuthnCredentials', 'Credentials', Array.isArray)
  return out
}

/** DeleteWebAuthnCredential. */
export async function deleteWebAuthnCredential(client: CognitoClient, accessToken: AccessToken, credentialId: string, options?: CallSignal): Promise<void> {
  assertStr(credentialId, 'credentialId')
  await requestWithToken(client, 'DeleteWebAuthnCredential', accessToken, { CredentialId: credentialId }, options, UNSAFE_TO_REPEAT)
}

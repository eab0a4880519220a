/**
 * MFA settings of the signed-in user, as functions: TOTP (authenticator app) setup with
 * {@link associateSoftwareToken} and {@link verifySoftwareToken}, and which methods are enabled and
 * preferred ({@link setUserMfaPreference}). TOTP setup *during* a sign-in (MFA_SETUP) is in
 * `challenges.ts`.
 * @module
 */
import { requestWithToken, UNSAFE_TO_REPEAT, type CallSignal, type AccessToken, type CognitoClient } from '../client.ts'
import { argError, assertOptStr, assertStr, memberOf, optionsOf } from '../errors.ts'
import { isStr } from '../lib/guards.ts'
import type { AssociateSoftwareTokenResponse, VerifySoftwareTokenResponse } from '../operations.generated.ts'
import { mfaSettings, type MfaPreference } from '../user.ts'

/** An `otpauth://totp/` URI for authenticator apps (QR codes). */
export function otpauthUri(secret: string, label: string, issuer?: string): string {
  const e = encodeURIComponent
  return `otpauth://totp/${issuer ? `${e(issuer)}:` : ''}${e(label)}?secret=${e(secret)}${issuer ? `&issuer=${e(issuer)}` : ''}`
}

/** The TOTP secret of an AssociateSoftwareToken answer, or a ResponseError. @internal */
export const secretOf = (out: object): string => memberOf(out, 'AssociateSoftwareToken', 'SecretCode', isStr)

/**
 * Whether a VerifySoftwareToken answer says `SUCCESS` (false: `ERROR`). An answer with neither is a
 * ResponseError: not a rejected code, since Cognito may have taken it.
 * @internal
 */
export const verifiedOf = (out: object): boolean => memberOf(out, 'VerifySoftwareToken', 'Status', (v) => v === 'SUCCESS' || v === 'ERROR') === 'SUCCESS'

/** What {@link associateSoftwareToken} returns. */
export interface SoftwareTokenSetup {
  /** The TOTP shared secret (base32). Show it once; never log it. */
  secretCode: string
  /** Present when the setup was started with a challenge `Session`. */
  session: string | undefined
  /** An `otpauth://totp/…` URI for QR codes; `label` defaults to the username. */
  otpauthUri(issuer?: string, label?: string): string
}

/**
 * Start TOTP setup for the signed-in user (AssociateSoftwareToken).
 * @param options.label - the account name authenticator apps show (default `user`)
 * @returns the shared secret and `otpauthUri(issuer?, label?)` for a QR code
 * @example
 * ```ts
 * const { otpauthUri } = await associateSoftwareToken(client, accessToken, { label: 'alice' })
 * showQr(otpauthUri('Example App'))
 * ```
 */
export async function associateSoftwareToken(client: CognitoClient, accessToken: AccessToken, options: CallSignal & { label?: string | undefined } = {}): Promise<SoftwareTokenSetup> {
  options = optionsOf(options)
  const out = await requestWithToken<AssociateSoftwareTokenResponse>(client, 'AssociateSoftwareToken', accessToken, {}, options, UNSAFE_TO_REPEAT)
  const secretCode = secretOf(out)
  const who = options.label ?? 'user'
  return { secretCode, session: out.Session, otpauthUri: (issuer?: string, label: string = who): string => otpauthUri(secretCode, label, issuer) }
}

/**
 * Finish TOTP setup with a code from the authenticator app (VerifySoftwareToken).
 * @returns true when Cognito answered `SUCCESS`, false when it answered `ERROR`
 * @throws {CodeMismatchException} a wrong code | {@link EnableSoftwareTokenMFAException};
 *   {@link ResponseError} an answer with neither status
 */
export async function verifySoftwareToken(client: CognitoClient, accessToken: AccessToken, code: string, deviceName?: string, options?: CallSignal): Promise<boolean> {
  // a number is refused as not a string: "must be 6 digits" would be wrong about 123456
  assertStr(code, 'code')
  if (!/^\d{6}$/.test(code)) throw argError('"code" must be 6 digits', 1)
  assertOptStr(deviceName, 'deviceName')
  const out = await requestWithToken<VerifySoftwareTokenResponse>(client, 'VerifySoftwareToken', accessToken, { UserCode: code, FriendlyDeviceName: deviceName }, options, UNSAFE_TO_REPEAT)
  return verifiedOf(out)
}

/**
 * Enable / disable MFA methods and pick the preferred one (SetUserMFAPreference). A method left
 * out keeps its setting; all false disables MFA (where the pool allows it).
 * @throws {ArgumentError} `preferred` names a method not enabled in the same call
 */
export async function setUserMfaPreference(client: CognitoClient, accessToken: AccessToken, preferences: MfaPreference, options?: CallSignal): Promise<void> {
  await requestWithToken(client, 'SetUserMFAPreference', accessToken, mfaSettings(preferences), options)
}

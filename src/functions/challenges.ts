/**
 * Answering a sign-in's challenges, as functions: each takes the {@link Challenge} a previous step
 * returned and gives the next {@link AuthStep}. {@link respondToChallenge} is the generic form
 * (and the way to answer a challenge this library does not know); the others build its answer
 * for one challenge (MFA codes, a new password, custom answers, USER_AUTH choices, WebAuthn, TOTP
 * setup during sign-in).
 * @module
 */
import { callOf, request, UNSAFE_TO_REPEAT, type CognitoClient } from '../client.ts'
import { requiredAttributes } from '../challenge-errors.ts'
import { argError, assertStr, assertStrings, CodeMismatchException, optionsOf } from '../errors.ts'
import { isObj, isStr } from '../lib/guards.ts'
import { credentialOf, fullFlowOf, respond, withSession, type AuthStep, type Challenge, type FlowOptions, type SrpState } from './auth-flow.ts'
import { choiceParams, type UserAuthChallenge } from './sign-in.ts'
import { otpauthUri, secretOf, verifiedOf } from './mfa.ts'

/**
 * `challenge` is a challenge of one of `names` (any name when empty): also the check of a
 * challenge saved and handed back to the class (`resumeChallenge`). @internal
 */
export function checkChallenge(challenge: Challenge, names: string[]): Challenge {
  const c = challenge as Partial<Challenge> | null
  if (!isObj(c) || !isStr(c.name) || !isStr(c.username) || !isObj(c.parameters) || (c.session !== undefined && !isStr(c.session))) {
    throw argError('"challenge" must be a challenge from a sign-in step')
  }
  if (names.length && !names.includes(challenge.name)) throw argError(`"challenge" must be a ${names.join(' or ')} challenge`, 1)
  return challenge
}

/** A code of 4 to 10 digits (a number is refused as not a string: it is digits). */
function assertCode(v: unknown): asserts v is string {
  assertStr(v, 'code')
  if (!/^\d{4,10}$/.test(v)) throw argError('"code" must be digits', 1)
}

/** Answer `challenge` with `responses` as challenge `name`, then continue the sign-in. */
function answer(client: CognitoClient, challenge: Challenge, name: string, responses: Record<string, string>, o: FlowOptions = {}, newSrp?: () => SrpState, session = challenge.session): Promise<AuthStep> {
  const f = fullFlowOf(client, challenge.username, o, newSrp)
  f.user = challenge.username
  return respond(client, name, responses, session, f)
}

/**
 * Answer `challenge` with `responses` (USERNAME, SECRET_HASH and DEVICE_KEY are added; the
 * challenge's Session is sent back): the generic form behind every `respondTo…` function.
 * @throws {ExpiredSessionError} the Session expired: sign in again
 * @example
 * ```ts
 * const next = await respondToChallenge(client, step.challenge, { ANSWER: 'blue' })
 * ```
 */
export async function respondToChallenge(client: CognitoClient, challenge: Challenge, responses: Record<string, string>, options?: FlowOptions, newSrp?: () => SrpState): Promise<AuthStep> {
  checkChallenge(challenge, [])
  // undefined as null: refused as not an object, as assertStrings refuses null
  assertStrings(responses ?? null, 'responses')
  return answer(client, challenge, challenge.name, { ...responses }, options, newSrp)
}

/**
 * Answer SELECT_CHALLENGE (USER_AUTH) with one of `availableChallenges`; PASSWORD and
 * PASSWORD_SRP need `options.password`.
 * @throws {ArgumentError} `choice` is not among the challenge's `availableChallenges` (when it lists them)
 */
export async function selectChallenge(client: CognitoClient, challenge: Challenge, choice: UserAuthChallenge, options: FlowOptions = {}, newSrp?: () => SrpState): Promise<AuthStep> {
  checkChallenge(challenge, ['SELECT_CHALLENGE'])
  const f = fullFlowOf(client, challenge.username, options, newSrp)
  f.user = challenge.username
  // one Cognito offered: it refuses any other (a challenge saved without the list: any supported)
  return respond(client, 'SELECT_CHALLENGE', { ANSWER: choice, ...choiceParams(choice, f, challenge.availableChallenges ?? undefined) }, challenge.session, f)
}

/** Answer a WEB_AUTHN challenge with an AuthenticationResponseJSON (object or JSON string). */
export async function respondToWebAuthnChallenge(client: CognitoClient, challenge: Challenge, credential: object | string, options?: FlowOptions): Promise<AuthStep> {
  checkChallenge(challenge, ['WEB_AUTHN'])
  return answer(client, challenge, 'WEB_AUTHN', { CREDENTIAL: credentialOf(credential, 'credential') }, options)
}

/**
 * Answer NEW_PASSWORD_REQUIRED with the new password and the attributes Cognito requires.
 * @param options - `attributes`: the required attributes by name (`name`, `custom:x`), sent as `userAttributes.<name>`
 * @throws {ArgumentError} a required attribute is missing (checked before any request)
 */
export async function respondToNewPasswordChallenge(client: CognitoClient, challenge: Challenge, newPassword: string, options: FlowOptions & { attributes?: Record<string, string> | undefined } = {}): Promise<AuthStep> {
  assertStr(newPassword, 'newPassword')
  checkChallenge(challenge, ['NEW_PASSWORD_REQUIRED'])
  const attrs = optionsOf(optionsOf(options).attributes, 'attributes')
  for (const a of requiredAttributes(challenge.parameters)) {
    if (!isStr(attrs[a])) throw argError(`"attributes.${a}" is required`)
  }
  assertStrings(attrs, 'attributes')
  const responses: Record<string, string> = { NEW_PASSWORD: newPassword }
  for (const [k, v] of Object.entries(attrs)) responses[`userAttributes.${k}`] = v
  return answer(client, challenge, 'NEW_PASSWORD_REQUIRED', responses, options)
}

/** Answer SOFTWARE_TOKEN_MFA with the TOTP code. A wrong code (CodeMismatchException) leaves the challenge valid for a retry. */
export async function respondToSoftwareTokenMfaChallenge(client: CognitoClient, challenge: Challenge, code: string, options?: FlowOptions): Promise<AuthStep> {
  assertCode(code)
  checkChallenge(challenge, ['SOFTWARE_TOKEN_MFA'])
  return answer(client, challenge, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code }, options)
}

/** Answer SMS_MFA (or SMS_OTP in USER_AUTH) with the texted code. */
export async function respondToSmsMfaChallenge(client: CognitoClient, challenge: Challenge, code: string, options?: FlowOptions): Promise<AuthStep> {
  assertCode(code)
  const name = checkChallenge(challenge, ['SMS_MFA', 'SMS_OTP']).name
  return answer(client, challenge, name, { [`${name}_CODE`]: code }, options)
}

/** Answer EMAIL_OTP (MFA or USER_AUTH) with the e-mailed code. */
export async function respondToEmailOtpChallenge(client: CognitoClient, challenge: Challenge, code: string, options?: FlowOptions): Promise<AuthStep> {
  assertCode(code)
  checkChallenge(challenge, ['EMAIL_OTP'])
  return answer(client, challenge, 'EMAIL_OTP', { EMAIL_OTP_CODE: code }, options)
}

/** Answer SELECT_MFA_TYPE; Cognito then sends the chosen MFA challenge. */
export async function selectMfaType(client: CognitoClient, challenge: Challenge, type: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP', options?: FlowOptions): Promise<AuthStep> {
  if (!['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'].includes(type)) throw argError('"type" is not supported', 1)
  checkChallenge(challenge, ['SELECT_MFA_TYPE'])
  return answer(client, challenge, 'SELECT_MFA_TYPE', { ANSWER: type }, options)
}

/** Answer CUSTOM_CHALLENGE with `ANSWER`. Cognito may send further custom challenges. */
export async function respondToCustomChallenge(client: CognitoClient, challenge: Challenge, answerText: string, options?: FlowOptions): Promise<AuthStep> {
  assertStr(answerText, 'answer')
  checkChallenge(challenge, ['CUSTOM_CHALLENGE'])
  return answer(client, challenge, 'CUSTOM_CHALLENGE', { ANSWER: answerText }, options)
}

/** What {@link setupSoftwareTokenMfa} returns. */
export interface MfaSetup {
  /** The TOTP shared secret (base32). Show it once; never log it. */
  secretCode: string
  /** An `otpauth://totp/…` URI to show as a QR code. */
  uri: string
  /** The MFA_SETUP challenge with the Session AssociateSoftwareToken returned: pass it to {@link verifySoftwareTokenMfaSetup}. */
  challenge: Challenge
}

/**
 * MFA_SETUP, step 1: associate a TOTP secret through the challenge Session
 * (AssociateSoftwareToken). Show `uri` as a QR code, then call {@link verifySoftwareTokenMfaSetup}.
 * @param options.issuer - the name authenticator apps show (default `Cognito`)
 * @param options.label - the account name they show (default: the challenge's username)
 * @throws {ExpiredSessionError} the Session expired: sign in again
 */
export async function setupSoftwareTokenMfa(client: CognitoClient, challenge: Challenge, options: { issuer?: string | undefined; label?: string | undefined; signal?: AbortSignal | undefined } = {}): Promise<MfaSetup> {
  checkChallenge(challenge, ['MFA_SETUP'])
  // callOf refuses options that are not an object before anything is sent or read
  const r = await withSession(request(client, 'AssociateSoftwareToken', { Session: challenge.session }, callOf(options), UNSAFE_TO_REPEAT))
  const secretCode = secretOf(r)
  const next = isStr(r['Session']) ? { ...challenge, session: r['Session'] } : challenge
  return { secretCode, uri: otpauthUri(secretCode, options.label ?? challenge.username, options.issuer ?? 'Cognito'), challenge: next }
}

/**
 * MFA_SETUP, step 2: verify the first TOTP code (VerifySoftwareToken with the Session), then
 * finish the sign-in (RespondToAuthChallenge MFA_SETUP).
 * @throws {CodeMismatchException} a wrong code (the challenge stays valid for a retry)
 * @throws {ExpiredSessionError} the Session expired: sign in again
 */
export async function verifySoftwareTokenMfaSetup(client: CognitoClient, challenge: Challenge, code: string, options: FlowOptions & { friendlyDeviceName?: string | undefined } = {}): Promise<AuthStep> {
  assertCode(code)
  checkChallenge(challenge, ['MFA_SETUP'])
  options = optionsOf(options)
  // Cognito takes an empty name
  if (options.friendlyDeviceName !== undefined && typeof options.friendlyDeviceName !== 'string') throw argError('"friendlyDeviceName" must be a string')
  const r = await withSession(request(client, 'VerifySoftwareToken', { Session: challenge.session, UserCode: code, FriendlyDeviceName: options.friendlyDeviceName }, callOf(options), UNSAFE_TO_REPEAT))
  if (!verifiedOf(r)) throw new CodeMismatchException('code not accepted')
  return answer(client, challenge, 'MFA_SETUP', {}, options, undefined, isStr(r['Session']) ? r['Session'] : challenge.session)
}

/**
 * Signing a `CognitoUser` in, as functions over the library's sign-in functions: starting a
 * sign-in ({@link authenticateUser}, {@link initiateAuth}), answering the challenge it stopped at
 * (the `send…` / `complete…` functions), and {@link drive}, which turns each step into the one
 * callback acij calls: tokens are stored, a new device is confirmed (its secret stored under
 * acij's keys), and a challenge goes to `newPasswordRequired`, `mfaRequired`, `totpRequired`,
 * `selectMFAType`, `mfaSetup` or `customChallenge`.
 * @module
 */
import { ChallengeError, need } from '../errors.ts'
import { requiredAttributes } from '../challenge-errors.ts'
import { json } from '../lib/guards.ts'
import type { AuthStep, Challenge, FlowOptions } from '../functions/auth-flow.ts'
import { associateSoftwareToken as associate, verifySoftwareToken as verify } from '../functions/mfa.ts'
import { confirmDevice } from '../functions/devices.ts'
import { authenticate, customAuth } from '../functions/sign-in.ts'
import {
  respondToCustomChallenge,
  respondToEmailOtpChallenge,
  respondToNewPasswordChallenge,
  respondToSmsMfaChallenge,
  respondToSoftwareTokenMfaChallenge,
  selectMfaType,
  setupSoftwareTokenMfa,
  verifySoftwareTokenMfaSetup,
} from '../functions/challenges.ts'
import { toHandlers } from './callbacks.ts'
import { given, type AuthenticationDetails } from './details.ts'
import { cacheTokens, clearDevice, deviceOf, loadDevice, saveDevice } from './storage.ts'
import type { ChallengeName, ClientMetadata, IAuthenticationCallback } from './types.ts'
import { accessTokenOf, sessionOf } from './user-session.ts'
import type { CognitoUser } from './user.ts'

/** The callback a step ends in, called once everything it needs is stored. */
type Outcome = (cb: IAuthenticationCallback) => void

/** Which callback gets which challenge (with `(challengeName, challengeParameters)`). */
const HANDLERS: Record<string, keyof IAuthenticationCallback> = {
  SMS_MFA: 'mfaRequired',
  EMAIL_OTP: 'mfaRequired',
  SOFTWARE_TOKEN_MFA: 'totpRequired',
  SELECT_MFA_TYPE: 'selectMFAType',
  MFA_SETUP: 'mfaSetup',
  NEW_PASSWORD_REQUIRED: 'newPasswordRequired',
  CUSTOM_CHALLENGE: 'customChallenge',
}

/** The callback of a challenge, with acij's arguments; `onFailure` when the app has no handler for it. */
function challengeOutcome(c: Challenge): Outcome {
  const p = c.parameters
  const args = c.name === 'NEW_PASSWORD_REQUIRED' ? [json(p['userAttributes']), requiredAttributes(p)] : c.name === 'CUSTOM_CHALLENGE' ? [p] : [c.name, p]
  return (cb) => {
    const f = cb[HANDLERS[c.name]!] as ((...a: unknown[]) => void) | undefined
    if (typeof f === 'function') f.apply(cb, args)
    else cb.onFailure(new ChallengeError(c.name, p))
  }
}

/**
 * Apply a step to the user: a challenge is kept for the `send…` methods; tokens become the session
 * (stored), and a new device is confirmed and remembered. `srp`: the flow named the user
 * (USER_ID_FOR_SRP), so keys are stored under Cognito's username, as acij does.
 */
async function outcomeOf(u: CognitoUser, step: AuthStep, srp: boolean): Promise<Outcome> {
  const c = step.challenge
  if (c) {
    if (srp) u.username = c.username
    u.Session = c.session ?? null
    u.challengeParameters = c.parameters
    u.challengeName = c.name as ChallengeName
    return challengeOutcome(c)
  }
  const t = step.tokens
  // the session first: when it cannot be built (no TextDecoder) the user is left as it was
  const session = sessionOf(t)
  if (srp && step.username) u.username = step.username
  u.Session = null
  delete u.challengeName
  u.signInUserSession = session
  cacheTokens(u)
  let confirm = false
  if (t.newDevice) {
    const d = await confirmDevice(u.pool.client, t.accessToken, t.newDevice)
    saveDevice(u, d)
    confirm = d.userConfirmationNecessary
  }
  return (cb) => (confirm ? cb.onSuccess(session, true) : cb.onSuccess(session))
}

/**
 * Run one sign-in step and call the callback it ends in (errors in acij's shape to `onFailure`).
 * The session is built from the tokens' claims: a runtime without TextDecoder is told before the
 * step's request, not after Cognito has issued them.
 */
export function drive(u: CognitoUser, cb: IAuthenticationCallback, step: () => Promise<AuthStep>, srp = false): void {
  toHandlers(async () => (need('TextDecoder'), outcomeOf(u, await step(), srp)), cb, (o) => o(cb))
}

/** The pending challenge, as the `respondTo…` functions take it. */
const pending = (u: CognitoUser, name: string): Challenge => ({ name, parameters: u.challengeParameters, session: given(u.Session), username: u.username, availableChallenges: undefined })

/**
 * The options of an answer: the remembered device (device SRP follows; cleared from storage once
 * Cognito refuses it as unknown, as acij does), Lambda metadata.
 */
const answerOptions = (u: CognitoUser, clientMetadata?: ClientMetadata): FlowOptions => ({ device: deviceOf(u), clientMetadata: given(clientMetadata), onDeviceGone: () => clearDevice(u) })

/**
 * Sign in with the user's flow type: USER_SRP_AUTH (default), CUSTOM_AUTH (an SRP password check
 * first) or USER_PASSWORD_AUTH; a remembered device is used (the sign-in goes on without it
 * when Cognito no longer knows it).
 */
export function authenticateUser(u: CognitoUser, details: AuthenticationDetails, cb: IAuthenticationCallback): void {
  const flow = u.authenticationFlowType
  if (flow !== 'USER_SRP_AUTH' && flow !== 'CUSTOM_AUTH' && flow !== 'USER_PASSWORD_AUTH') {
    return toHandlers(() => Promise.reject(new Error('Authentication flow type is invalid.')), cb)
  }
  const srp = flow !== 'USER_PASSWORD_AUTH'
  if (!srp) loadDevice(u)
  // a device Cognito no longer knows (forgotten elsewhere) is dropped from the sign-in by
  // `authenticate`, which sends the refused request once more without it, and from storage
  const attempt = (): Promise<AuthStep> =>
    authenticate(u.pool.client, {
      ...answerOptions(u, details.metadata()),
      username: u.username,
      password: details.getPassword(),
      flow,
      // SRP: the device is stored under Cognito's username, known once Cognito names the user
      deviceOf: (name) => {
        u.username = name
        loadDevice(u)
        return deviceOf(u)
      },
    })
  drive(u, cb, attempt, srp)
}

/** CUSTOM_AUTH without a password: the app's Lambda triggers issue custom challenges. */
export function initiateAuth(u: CognitoUser, details: AuthenticationDetails, cb: IAuthenticationCallback): void {
  drive(u, cb, () => customAuth(u.pool.client, { username: u.username, clientMetadata: details.metadata() }))
}

/** Answer the pending CUSTOM_CHALLENGE. */
export function sendCustomChallengeAnswer(u: CognitoUser, answer: string, cb: IAuthenticationCallback, clientMetadata?: ClientMetadata): void {
  loadDevice(u)
  drive(u, cb, () => respondToCustomChallenge(u.pool.client, pending(u, 'CUSTOM_CHALLENGE'), answer, answerOptions(u, clientMetadata)))
}

/** Answer the pending MFA challenge: `mfaType` SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP (default: the pending one). */
export function sendMFACode(u: CognitoUser, code: string, cb: IAuthenticationCallback, mfaType?: string, clientMetadata?: ClientMetadata): void {
  const type = mfaType || u.challengeName || 'SMS_MFA'
  const respond = type === 'SOFTWARE_TOKEN_MFA' ? respondToSoftwareTokenMfaChallenge : type === 'EMAIL_OTP' ? respondToEmailOtpChallenge : respondToSmsMfaChallenge
  drive(u, cb, () => respond(u.pool.client, pending(u, type), code, answerOptions(u, clientMetadata)))
}

/**
 * Answer NEW_PASSWORD_REQUIRED with the new password and the attributes (by name) Cognito requires.
 * Attributes left undefined or null are not sent, as acij's request leaves them out.
 */
export function completeNewPasswordChallenge(u: CognitoUser, newPassword: string, attributes: Record<string, string> | undefined, cb: IAuthenticationCallback, clientMetadata?: ClientMetadata): void {
  const given = Object.fromEntries(Object.entries(attributes ?? {}).filter(([, v]) => v != null))
  drive(u, cb, () => respondToNewPasswordChallenge(u.pool.client, pending(u, 'NEW_PASSWORD_REQUIRED'), newPassword, { ...answerOptions(u, clientMetadata), attributes: given }))
}

/** Answer SELECT_MFA_TYPE; the chosen MFA's challenge goes to `mfaRequired` / `totpRequired`. */
export function sendMFASelectionAnswer(u: CognitoUser, answer: string, cb: IAuthenticationCallback): void {
  drive(u, cb, () => selectMfaType(u.pool.client, pending(u, 'SELECT_MFA_TYPE'), answer as 'SMS_MFA', answerOptions(u)))
}

/**
 * TOTP set-up: during a sign-in (MFA_SETUP, no session yet) through the challenge's Session, else
 * for the signed-in user; the secret goes to `associateSecretCode`.
 */
export function associateSoftwareToken(u: CognitoUser, cb: { associateSecretCode: (secretCode: string) => void; onFailure: (err: any) => void }): void {
  const signedIn = u.signInUserSession?.isValid()
  const work = async (): Promise<string> => {
    if (signedIn) return (await associate(u.pool.client, accessTokenOf(u))).secretCode
    const r = await setupSoftwareTokenMfa(u.pool.client, pending(u, 'MFA_SETUP'))
    u.Session = r.challenge.session ?? null
    return r.secretCode
  }
  toHandlers(work, cb, (secret) => cb.associateSecretCode(secret))
}

/**
 * Verify the first TOTP code: during a sign-in this finishes MFA_SETUP (`onSuccess(session)`);
 * for a signed-in user `onSuccess` gets Cognito's answer (`{ Status: 'SUCCESS' }`).
 */
export function verifySoftwareToken(u: CognitoUser, code: string, friendlyDeviceName: string | null, cb: IAuthenticationCallback): void {
  if (!u.signInUserSession?.isValid()) {
    return drive(u, cb, () => verifySoftwareTokenMfaSetup(u.pool.client, pending(u, 'MFA_SETUP'), code, { ...answerOptions(u), friendlyDeviceName: given(friendlyDeviceName) }))
  }
  // acij sends any name, an empty one included (Cognito takes it); the library function wants a name or none
  const work = async (): Promise<{ Status: string }> => ({ Status: (await verify(u.pool.client, accessTokenOf(u), code, friendlyDeviceName || undefined)) ? 'SUCCESS' : 'ERROR' })
  toHandlers(work, cb)
}

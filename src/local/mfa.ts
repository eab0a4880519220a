/**
 * MFA of the local pool: which factors a user has, sending an MFA challenge, the MFA
 * preference operations, associating and verifying a TOTP authenticator (signed in, or during
 * MFA_SETUP), and the test API's setMfa / totpCode.
 * @module
 */
import { ArgumentError } from '../errors.ts'
import { randomBytes } from '../lib/webcrypto.ts'
import { base32Encode, totp, totpStep } from './crypto.ts'
import { checkSignInCode } from './lockout.ts'
import { deliveryParams, send } from './messages.ts'
import type { LocalPool } from './options.ts'
import { adminUser, code6, findUser, type Flow, type In, type Mfa, type Operations, type PoolState, type Sess, type User } from './state.ts'
import { authAccess, newSession, takeSession } from './tokens.ts'
import { fail } from './wire.ts'

const MFA_TYPES = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const

/** The MFA types the user has enabled (none when the pool's MFA is OFF). */
export function enabledMfa(s: PoolState, u: User): Mfa[] {
  if (s.mfaMode === 'OFF') return []
  return MFA_TYPES.filter((m) => u.mfa.has(m))
}

/**
 * MFA applies to this user's sign-in: the pool requires it, or the user turned a factor on. Such a
 * user is offered no passwordless first factor ("Amazon Cognito does not support enabling both MFA
 * and passwordless sign-in (including passkeys, SMS OTP, and email OTP) for the same user. If a
 * user has MFA configured, passwordless sign-in options will not be available", Amplify's
 * passwordless guide), except a passkey with passkey MFA on (webauthn.ts).
 */
export const mfaApplies = (s: PoolState, u: User): boolean => s.mfaMode === 'ON' || enabledMfa(s, u).length > 0

/** The challenge for MFA type `m`: SMS and email codes are sent now, TOTP is read from the app. */
export function mfaChallenge(s: PoolState, flow: Flow, m: Mfa): Record<string, unknown> {
  const u = flow.user
  const params: Record<string, string> = { USER_ID_FOR_SRP: u.username }
  const data: Record<string, string> = {}
  if (m === 'SOFTWARE_TOKEN_MFA') params['FRIENDLY_DEVICE_NAME'] = 'TOTP device'
  else {
    const code = code6()
    data['code'] = code
    data['proves'] = m === 'SMS_MFA' ? 'phone_number' : 'email'
    Object.assign(params, deliveryParams(send(s, u, m === 'SMS_MFA' ? 'SMS' : 'EMAIL', 'MFA', code)))
  }
  return { ChallengeName: m, ChallengeParameters: params, Session: newSession(s, flow, m, data) }
}

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference: enable, disable and prefer each type, then
 * passkey MFA (see {@link setPasskeyMfa}).
 */
function setMfaPrefs(s: PoolState, u: User, input: In): void {
  const apply = (m: Mfa, settings: unknown): void => {
    if (!settings || typeof settings !== 'object') return
    const set = settings as { Enabled?: boolean; PreferredMfa?: boolean }
    if (set.Enabled === true) {
      if (m === 'SOFTWARE_TOKEN_MFA' && !u.totpSecret) fail('InvalidParameterException', 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA') // aws/aws-sdk-js-v3#4645
      if (m === 'SMS_MFA' && !u.attributes.get('phone_number')) fail('InvalidParameterException', 'User does not have delivery config set to turn on SMS_MFA')
      if (m === 'EMAIL_OTP' && !u.attributes.get('email')) fail('InvalidParameterException', 'User does not have delivery config set to turn on EMAIL_OTP')
      u.mfa.add(m)
    } else if (set.Enabled === false) u.mfa.delete(m)
    if (set.PreferredMfa === true) u.preferred = m
    else if ((set.PreferredMfa === false || set.Enabled === false) && u.preferred === m) u.preferred = undefined
  }
  const before = { mfa: new Set(u.mfa), preferred: u.preferred }
  apply('SMS_MFA', input['SMSMfaSettings'])
  apply('SOFTWARE_TOKEN_MFA', input['SoftwareTokenMfaSettings'])
  apply('EMAIL_OTP', input['EmailMfaSettings'])
  if (u.preferred && !u.mfa.has(u.preferred)) u.preferred = undefined
  try {
    setPasskeyMfa(s, u, input['WebAuthnMfaSettings'])
  } catch (e) {
    u.mfa = before.mfa
    u.preferred = before.preferred
    throw e
  }
  u.modified = s.now()
}

/**
 * The request's WebAuthnMfaSettings, checked against the rest of the user's settings. From the
 * API reference: "To activate this setting, the FactorConfiguration of your user pool
 * WebAuthnConfiguration must be MULTI_FACTOR_WITH_USER_VERIFICATION" (SetUserMFAPreference), and
 * "The user must also have at least one other MFA method such as SMS, TOTP, or email activated"
 * (WebAuthnMfaSettingsType). Both refusals are InvalidParameterException, the one error the two
 * operations declare that fits; the messages are this pool's. It is not an MFA type: it has no
 * PreferredMfa, and GetUser's UserMFASettingList lists only SMS_MFA, EMAIL_OTP and
 * SOFTWARE_TOKEN_MFA. Cognito applies it "only when passkey is the first authentication factor",
 * which this pool does not offer, so sign-in is unchanged by it. Undocumented, so not checked: a
 * registered passkey, and turning the other methods off later.
 */
function setPasskeyMfa(s: PoolState, u: User, settings: unknown): void {
  const enabled = settings && typeof settings === 'object' ? (settings as { Enabled?: unknown }).Enabled : undefined
  if (enabled === true) {
    if (!s.passkeyMfa) fail('InvalidParameterException', 'Passkey MFA needs the user pool WebAuthn FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION.')
    if (u.mfa.size === 0) fail('InvalidParameterException', 'Passkey MFA needs another MFA method (SMS, TOTP or email) enabled for the user.')
  }
  if (typeof enabled === 'boolean') u.passkeyMfa = enabled
}

/**
 * Refuse TOTP in a pool whose MFA is OFF (TOTP is not activated there): "users receive a
 * SoftwareTokenMFANotFoundException exception with the description Software Token MFA has not
 * been enabled by the userPool" (developer guide, "TOTP software token MFA",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html).
 */
function totpActive(s: PoolState): void {
  if (s.mfaMode === 'OFF') fail('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the userPool.')
}

/** The MFA preference and software-token operations. */
export function mfaOperations(s: PoolState): Operations {
  return {
    async SetUserMFAPreference(input) {
      setMfaPrefs(s, (await authAccess(s, input['AccessToken'])).u, input)
      return {}
    },

    AdminSetUserMFAPreference(input) {
      setMfaPrefs(s, adminUser(s, input), input)
      return {}
    },

    async AssociateSoftwareToken(input) {
      totpActive(s)
      const secret = base32Encode(randomBytes(32))
      if (input['AccessToken'] !== undefined) {
        const { u } = await authAccess(s, input['AccessToken'])
        u.totpPending = secret
        return { SecretCode: secret }
      }
      const sess = takeSession(s, input['Session'], ['MFA_SETUP'])
      s.sessions.delete(String(input['Session']))
      sess.flow.user.totpPending = secret
      return { SecretCode: secret, Session: newSession(s, sess.flow, 'MFA_SETUP_VERIFY') }
    },

    async VerifySoftwareToken(input) {
      totpActive(s)
      let u: User
      let sess: Sess | undefined
      if (input['AccessToken'] !== undefined) u = (await authAccess(s, input['AccessToken'])).u
      else {
        sess = takeSession(s, input['Session'], ['MFA_SETUP_VERIFY'])
        u = sess.flow.user
      }
      if (!u.totpPending) fail('InvalidParameterException', 'User has not associated a software token.')
      // wrong codes count toward the sign-in lockout (lockout.ts, checkSignInCode)
      const step = await totpStep(u.totpPending, String(input['UserCode']), s.now())
      checkSignInCode(s, u.lockout, step !== undefined, 'EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA', () => void (sess && (sess.expect = '')))
      u.totpSecret = u.totpPending
      u.totpPending = undefined
      u.totpLastStep = step!
      if (sess) {
        s.sessions.delete(String(input['Session']))
        u.mfa.add('SOFTWARE_TOKEN_MFA')
        return { Status: 'SUCCESS', Session: newSession(s, sess.flow, 'MFA_SETUP', { verified: 'true' }) }
      }
      return { Status: 'SUCCESS' }
    },
  }
}

/** The test API's {@link LocalPool.setMfa}: switch a user's MFA types directly. */
export function setMfa(s: PoolState, name: string, o: Parameters<LocalPool['setMfa']>[1]): string | undefined {
  const u = findUser(s, name)
  if (!u) throw new ArgumentError(`"name": no user ${JSON.stringify(name)} in this pool`, 'ERR_INVALID_ARG_VALUE')
  const toggle = (m: Mfa, on: boolean | undefined): void => {
    if (on === true) u.mfa.add(m)
    else if (on === false) u.mfa.delete(m)
  }
  if (o.totp && !u.totpSecret) u.totpSecret = base32Encode(randomBytes(32))
  toggle('SOFTWARE_TOKEN_MFA', o.totp)
  toggle('SMS_MFA', o.sms)
  toggle('EMAIL_OTP', o.email)
  if (o.preferred !== undefined) u.preferred = o.preferred
  return o.totp ? u.totpSecret : undefined
}

/** The test API's {@link LocalPool.totpCode}: what the user's authenticator shows (pool clock). */
export async function totpCode(s: PoolState, name: string, time?: number): Promise<string> {
  const u = findUser(s, name)
  const secret = u?.totpSecret ?? u?.totpPending
  if (!secret) throw new ArgumentError(u ? `"name": user ${JSON.stringify(name)} has no TOTP secret (seed one with totpSecret, or call setMfa(name, { totp: true }))` : `"name": no user ${JSON.stringify(name)} in this pool`, 'ERR_INVALID_ARG_VALUE')
  return totp(secret, time ?? s.now())
}

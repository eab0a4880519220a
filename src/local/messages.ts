/**
 * Codes and messages of the local pool: the codes it "sends" by email or SMS (sign-up,
 * password reset, attribute verification, MFA, invitations), the message log tests read instead
 * of an inbox, checking a code a user types back, and the lockout after too many wrong codes.
 * @module
 */
import { safeEqual } from './crypto.ts'
import type { SentMessage } from './options.ts'
import { code6, findUser, type Client, type PoolState, type User } from './state.ts'
import { MESSAGE_LOG_LIMIT, trimLog } from './sweep.ts'
import { fail } from './wire.ts'

/** How Cognito masks an email in CodeDeliveryDetails: `a***@e***`. */
export const maskEmail = (e: string): string => {
  const [local = '', domain = ''] = e.split('@')
  return `${local.charAt(0)}***@${domain.charAt(0)}***`
}
/** How Cognito masks a phone number in CodeDeliveryDetails: the last four digits. */
export const maskPhone = (p: string): string => `+*******${p.slice(-4)}`

/** The ChallengeParameters that say where a sign-in code went (MFA and USER_AUTH code challenges). */
export const deliveryParams = (d: Record<string, string>): Record<string, string> => ({ CODE_DELIVERY_DELIVERY_MEDIUM: d['DeliveryMedium']!, CODE_DELIVERY_DESTINATION: d['Destination']! })

/** Record a message to the user (by default to their email or phone) and return its CodeDeliveryDetails. */
export function send(s: PoolState, u: User, medium: 'EMAIL' | 'SMS', purpose: SentMessage['purpose'], code: string, destination?: string): Record<string, string> {
  const attr = medium === 'EMAIL' ? 'email' : 'phone_number'
  const to = destination ?? u.attributes.get(attr) ?? ''
  s.messages.push({ username: u.username, medium, destination: to, purpose, code, time: s.now() })
  trimLog(s.messages, MESSAGE_LOG_LIMIT)
  return { Destination: medium === 'EMAIL' ? maskEmail(to) : maskPhone(to), DeliveryMedium: medium, AttributeName: attr }
}

/** Where each kind of code is kept on the user (the name {@link checkCode} takes) and how long it is valid. */
const CODE_KINDS = {
  SignUp: { store: 'signup', ttlMs: 86400_000 },
  ForgotPassword: { store: 'forgot', ttlMs: 3600_000 },
} as const

/**
 * Where a code for `purpose` goes. A sign-up code goes to an attribute the pool auto-verifies,
 * the phone when it auto-verifies both (developer guide, "Configuring email or phone
 * verification": the code "is automatically sent when a user signs up" to an attribute that
 * requires verification, and with both, "a verification code is sent via SMS to the phone. The
 * email address is not verified",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-email-phone-verification.html).
 *
 * A reset code goes to a verified attribute in the pool's recovery order (state.ts). Without an
 * AccountRecoverySetting that is Cognito's legacy order: "Cognito uses a verified phone first. If
 * the verified phone is not found for the user, Cognito falls back and will use verified email
 * next" (developer guide, "Recovering user accounts",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html).
 * With the setting, "SMS doesn't qualify for a valid password recovery mechanism if the user also
 * has SMS multi-factor authentication (MFA) activated. Email MFA is also disqualifying for account
 * recovery with email" (API reference, CreateUserPool, AccountRecoverySetting).
 */
function codeChannel(s: PoolState, u: User, purpose: keyof typeof CODE_KINDS): 'email' | 'phone_number' | undefined {
  if (purpose === 'SignUp') return (['phone_number', 'email'] as const).find((a) => !!u.attributes.get(a) && s.autoVerifiedAttributes.includes(a))
  const { order, setting } = s.recovery
  const mfaOn = (a: 'email' | 'phone_number'): boolean => u.mfa.has(a === 'email' ? 'EMAIL_OTP' : 'SMS_MFA')
  return order.find((a) => !!u.attributes.get(a) && u.attributes.get(`${a}_verified`) === 'true' && !(setting && mfaOn(a)))
}

/** Send a code for `purpose` (see {@link codeChannel}); the code remembers the attribute it went to. */
export function sendCode(s: PoolState, u: User, purpose: keyof typeof CODE_KINDS): Record<string, string> | undefined {
  const attr = codeChannel(s, u, purpose)
  if (!attr) return undefined
  const { store, ttlMs } = CODE_KINDS[purpose]
  const code = code6()
  u.codes.set(store, { code, expires: s.now() + ttlMs, attr })
  return send(s, u, attr === 'email' ? 'EMAIL' : 'SMS', purpose, code)
}

/** ForgotPassword's reset code: "If neither a verified phone number nor a verified email exists, this API returns InvalidParameterException" (API reference). */
export function sendResetCode(s: PoolState, u: User): Record<string, string> {
  return sendCode(s, u, 'ForgotPassword') ?? fail('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number')
}

/**
 * Refuse a password reset (ForgotPassword and its confirmation, AdminResetUserPassword) to a user
 * who still holds an administrator's temporary password: "If the user status is
 * FORCE_CHANGE_PASSWORD, then users can't use the ForgotPassword API and they don't receive the
 * verification code" (AWS Knowledge Center,
 * https://repost.aws/knowledge-center/cognito-forgot-password); Cognito's answer, captured in
 * aws-amplify/amplify-flutter#3048 and #424 and aws/aws-aspnet-cognito-identity-provider#37, is
 * NotAuthorizedException "User password cannot be reset in the current state.", which an
 * administrator's reset of such a user gets too (RunaVault/RunaVault#15). The user signs in with
 * the temporary password and answers NEW_PASSWORD_REQUIRED instead; an administrator sets a new
 * one with AdminSetUserPassword.
 */
export function resettable(u: User): void {
  if (u.status === 'FORCE_CHANGE_PASSWORD') fail('NotAuthorizedException', 'User password cannot be reset in the current state.')
}

/**
 * Refuse ForgotPassword and AdminResetUserPassword in an `admin_only` pool: "To use this API
 * operation, your user pool must have self-service account recovery configured. Use
 * AdminSetUserPassword if you manage passwords as an administrator" (API reference, both
 * operations). Which error Cognito answers is not documented; InvalidParameterException is what
 * ForgotPassword answers when no recovery channel exists, which admin_only makes true of everyone.
 */
export function selfServiceRecovery(s: PoolState): void {
  if (s.recovery.adminOnly) fail('InvalidParameterException', 'Password recovery is admin_only in this user pool: an administrator sets the password (AdminSetUserPassword).')
}

/** Send the code that verifies `attr` (email or phone_number); valid one day. */
export function sendVerify(s: PoolState, u: User, attr: string): Record<string, string> {
  const code = code6()
  u.codes.set(`verify:${attr}`, { code, expires: s.now() + 86400_000 })
  return send(s, u, attr === 'email' ? 'EMAIL' : 'SMS', 'VerifyAttribute', code)
}

/** Refuse while the user's code attempts are locked. */
function codeUnlocked(s: PoolState, u: User): void {
  if (u.codeLockedUntil > s.now()) fail('LimitExceededException', 'Attempt limit exceeded, please try after some time.')
}

/** Count a wrong code: the attempt that reaches the limit locks and says so; others fail with `type`. */
function codeStrike(s: PoolState, u: User, type: string, message: string): never {
  if (++u.codeFailures >= s.maxCodeAttempts) {
    u.codeFailures = 0
    u.codeLockedUntil = s.now() + s.lockoutMs
    fail('LimitExceededException', 'Attempt limit exceeded, please try after some time.')
  }
  return fail(type, message)
}

/** Check (and use up) the code stored under `store`. */
export function checkCode(s: PoolState, u: User, store: string, given: string): void {
  codeUnlocked(s, u)
  const c = u.codes.get(store)
  if (!c || !safeEqual(c.code, given)) codeStrike(s, u, 'CodeMismatchException', 'Invalid verification code provided, please try again.')
  if (c.expires < s.now()) {
    u.codes.delete(store)
    fail('ExpiredCodeException', 'Invalid code provided, please request a code again.')
  }
  u.codes.delete(store)
  u.codeFailures = 0
}

/** An unknown user at a code check: UserNotFound on LEGACY clients, else indistinguishable from a wrong code. */
export function unknownUserCode(client: Client): never {
  return client.preventUserExistenceErrors === 'LEGACY'
    ? fail('UserNotFoundException', 'Username/client id combination not found.')
    : fail('CodeMismatchException', 'Invalid verification code provided, please try again.')
}

/** The last code sent to a user (by sign-in name, or a raw destination), optionally for one purpose. */
export function lastCode(s: PoolState, name: string, purpose?: SentMessage['purpose']): string | undefined {
  const u = findUser(s, name)
  const list = s.messages.filter((m) => (u ? m.username === u.username : m.destination === name) && (!purpose || m.purpose === purpose))
  return list[list.length - 1]?.code
}

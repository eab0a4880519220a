/**
 * Password and sign-in code attempts at the local pool: the checks made before a password is
 * looked at (the user is disabled, must reset, or is locked out), what a wrong password or a
 * wrong MFA, sign-in or TOTP code costs (see {@link checkSignInCode}), and the lockouts of names
 * that belong to no user (PreventUserExistenceErrors ENABLED must not tell them apart).
 *
 * The lockout follows Cognito's documented behaviour ("Lockout behavior for failed sign-in
 * attempts" in the Cognito developer guide,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior,
 * as quoted in https://repost.aws/questions/QUBlVxXSYwTCiCUHp8gNFZ3g): after five failed sign-in attempts with a password the user is locked out for
 * one second, and the lockout doubles with each further failure (2^(n-5) seconds for n failures)
 * up to about 15 minutes; attempts during a lockout get "Password attempts exceeded" and do not
 * lengthen later lockouts; the count returns to zero after a successful sign-in once a lockout has
 * ended, or after 15 minutes without any attempt. With PreventUserExistenceErrors ENABLED,
 * Cognito answers an unknown user as it answers a wrong password ("Managing user existence error
 * responses", https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html),
 * so unknown names are counted and locked out the same way here. The five, the 15-minute cap and
 * the 15 quiet minutes are `maxPasswordAttempts` and `lockoutSeconds`; every time is the pool's clock.
 * @module
 */
import { checkVerifier } from './crypto.ts'
import { INCORRECT, type Lockout, type PoolState, type User } from './state.ts'
import { fail } from './wire.ts'

/** How many unknown names keep a lockout record (the oldest are forgotten first). */
export const UNKNOWN_NAME_LOCKOUTS = 10_000

/** A fresh lockout record. */
export const newLockout = (): Lockout => ({ failures: 0, lockedUntil: 0, lastAttempt: 0 })

/** Refuse a disabled user. */
export function refuseDisabled(u: User): void {
  if (!u.enabled) fail('NotAuthorizedException', 'User is disabled.')
}

/**
 * Checks before any password is looked at. With `hideDisabled` (a client with
 * PreventUserExistenceErrors ENABLED, in a password flow) a disabled user is refused only after
 * the right password: a wrong one gets "Incorrect username or password." like any other
 * ("Managing user existence error responses" in the Cognito developer guide). An unconfirmed
 * user is told so whatever the password, and the attempt does not count toward a lockout: "Yes,
 * this is the intended behavior" (an AWS engineer, amazon-cognito-identity-js#288), still reported
 * in aws/aws-sdk-js#4608 (2024).
 */
export function preAuth(u: User, hideDisabled = false): void {
  if (!hideDisabled) refuseDisabled(u)
  if (u.status === 'RESET_REQUIRED') fail('PasswordResetRequiredException', 'Password reset required for the user')
  if (u.status === 'UNCONFIRMED') fail('UserNotConfirmedException', 'User is not confirmed.')
}

/** The lockout record of a name no user has (created on first use; the table is bounded). */
export function unknownNameLockout(s: PoolState, name: string): Lockout {
  const key = name.toLowerCase()
  let lock = s.unknownLockouts.get(key)
  if (!lock) {
    if (s.unknownLockouts.size >= UNKNOWN_NAME_LOCKOUTS) s.unknownLockouts.delete(s.unknownLockouts.keys().next().value!)
    s.unknownLockouts.set(key, (lock = newLockout()))
  }
  return lock
}

/** Whether a lockout record has run its course at `now`: no lockout running, and no attempt for `lockoutSeconds`. */
export function runOut(s: PoolState, lock: Lockout, now: number): boolean {
  return now >= lock.lockedUntil && now - lock.lastAttempt >= s.lockoutMs
}

/** The error type and message of a refusal for a running lockout. */
export type Locked = readonly [type: string, message: string]

/** What a sign-in gets during a lockout. */
const SIGN_IN_LOCKED: Locked = ['NotAuthorizedException', 'Password attempts exceeded']

/**
 * What ChangePassword gets during a lockout: LimitExceededException "Attempt limit exceeded,
 * please try after some time.", while a sign-in gets NotAuthorizedException (an AWS engineer's
 * captures of both, aws-amplify/aws-sdk-android#627; the model declares it for ChangePassword).
 */
export const CHANGE_LOCKED: Locked = ['LimitExceededException', 'Attempt limit exceeded, please try after some time.']

/** Record a password attempt, and refuse it while the lockout lasts. */
export function checkLock(s: PoolState, lock: Lockout, locked: Locked = SIGN_IN_LOCKED): void {
  const now = s.now()
  if (runOut(s, lock, now)) clearLockout(lock) // a record with no failures has no lockout either
  lock.lastAttempt = now
  if (lock.lockedUntil > now) fail(...locked)
}

/**
 * Count a wrong secret, a password or a code presented at sign-in: below the limit it fails with
 * `type` and `message`; from the limit on each failure starts a lockout twice as long as the last
 * and says "Password attempts exceeded" (`onLock` runs first, e.g. to end a challenge's Session).
 */
export function strike(s: PoolState, lock: Lockout, type: string, message: string, onLock?: () => void, locked: Locked = SIGN_IN_LOCKED): never {
  lock.failures++
  if (lock.failures >= s.maxPasswordAttempts) {
    lock.lockedUntil = s.now() + Math.min(2 ** (lock.failures - s.maxPasswordAttempts) * 1000, s.lockoutMs)
    onLock?.()
    fail(...locked)
  }
  return fail(type, message)
}

/** Count a wrong password. */
export const badPassword = (s: PoolState, lock: Lockout, locked?: Locked): never => strike(s, lock, 'NotAuthorizedException', INCORRECT, undefined, locked)

/**
 * Check a code presented during a sign-in (an MFA code, a sign-in code, or a TOTP code being
 * verified): refused while the lockout lasts, a wrong one counted like a wrong password.
 *
 * Cognito: "After five unsuccessful attempts to present an MFA code, Amazon Cognito begins the
 * exponential-timeout lockout process described at Lockout behavior for failed sign-in attempts"
 * (developer guide, https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html,
 * quoted in https://repost.aws/questions/QUBlVxXSYwTCiCUHp8gNFZ3g). So codes share the user's
 * password count (one lockout process), and only tokens reset it (see {@link signedIn}). A wrong
 * code keeps its operation's error (CodeMismatchException at RespondToAuthChallenge,
 * EnableSoftwareTokenMFAException at VerifySoftwareToken: public captures in
 * aws-amplify/amplify-js#11069 and aws-samples/aws-amplify-auth-starters#15) and leaves the
 * Session usable (Amplify retries a wrong MFA code on the same Session:
 * aws-amplify/amplify-swift#2617, "Enable retrying when confirm signIn fails"). The lockout is
 * NotAuthorizedException "Password attempts exceeded", which both operations' models declare;
 * LimitExceededException, which this pool used to send, is in neither. Undocumented, so this
 * pool's choice: the Session whose code starts a lockout ends (`onLock`), and a signed-in user's
 * VerifySoftwareToken counts the same way as one made during MFA_SETUP.
 */
export function checkSignInCode(s: PoolState, lock: Lockout, right: boolean, type: string, message: string, onLock?: () => void): void {
  checkLock(s, lock)
  if (!right) strike(s, lock, type, message, onLock)
}

/** A sign-in succeeded: once no lockout is running, the count starts again. */
export function signedIn(s: PoolState, lock: Lockout): void {
  if (lock.lockedUntil <= s.now()) clearLockout(lock)
}

/** Forget failures and lift any lockout (a new password was set). */
export function clearLockout(lock: Lockout): void {
  lock.failures = 0
  lock.lockedUntil = 0
}

/**
 * Check a user's plain password (a sign-in, ChangePassword): refused while locked out (with
 * `locked`), a wrong one counted. The lockout is looked at once the password is checked, not
 * before (no lock is held across that await): a concurrent attempt may start one meanwhile, and an
 * attempt that ends during a lockout is refused and not counted, right password or wrong.
 */
export async function checkPassword(s: PoolState, u: User, password: string, locked?: Locked): Promise<void> {
  const right = !!u.verifier && (await checkVerifier(u.verifier, s.poolName, u.username, password))
  checkLock(s, u.lockout, locked)
  if (!right) badPassword(s, u.lockout, locked)
}

/**
 * A password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) for a name no user has, on
 * a client that hides whether users exist: the same work as checking a real password, the same
 * answers and the same lockout as a user who got the password wrong.
 */
export async function unknownNamePassword(s: PoolState, name: string, password: string): Promise<never> {
  const lock = unknownNameLockout(s, name)
  checkLock(s, lock)
  await checkVerifier(s.decoyVerifier, s.poolName, name, password) // never matches: only its time counts
  return badPassword(s, lock)
}

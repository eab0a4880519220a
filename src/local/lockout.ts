/**
 * Password attempts at the local pool: the checks made before a password is looked at (the user
 * is disabled, must reset, or is locked out) and what a wrong password costs.
 * @module
 */
import { INCORRECT, type PoolState, type User } from './state.ts'
import { fail } from './wire.ts'

/** Checks before any password is looked at. */
export function preAuth(u: User): void {
  if (!u.enabled) fail('NotAuthorizedException', 'User is disabled.')
  if (u.status === 'RESET_REQUIRED') fail('PasswordResetRequiredException', 'Password reset required for the user')
}

/** Refuse every password while the user is locked out. */
export function checkLock(s: PoolState, u: User): void {
  if (u.lockedUntil > s.now()) fail('NotAuthorizedException', 'Password attempts exceeded')
}

/** Count a wrong password: the attempt that reaches the limit locks the user out and says so. */
export function badPassword(s: PoolState, u: User): never {
  u.failures++
  if (u.failures >= s.maxPasswordAttempts) {
    u.failures = 0
    u.lockedUntil = s.now() + s.lockoutMs
    fail('NotAuthorizedException', 'Password attempts exceeded')
  }
  fail('NotAuthorizedException', INCORRECT)
}

/**
 * Where the local pool sends a password-reset code (ForgotPassword, AdminResetUserPassword).
 *
 * Cognito's developer guide ("Recovering user accounts"): without an AccountRecoverySetting,
 * "Cognito uses a verified phone first. If the verified phone is not found for the user, Cognito
 * falls back and will use verified email next." With the setting, the mechanisms are tried by
 * priority, and the API reference (CreateUserPool, AccountRecoverySetting) adds: "SMS doesn't
 * qualify for a valid password recovery mechanism if the user also has SMS multi-factor
 * authentication (MFA) activated. Email MFA is also disqualifying for account recovery with
 * email." With neither verified channel, ForgotPassword answers InvalidParameterException (API
 * reference); its message is the public capture already used by the pool.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPoolOptions, type LocalUserSeed } from '../../src/local/index.ts'
import { PW, call, errorOf, ok, signedFor } from '../support/local.ts'

const both: LocalUserSeed = { username: 'bea', password: PW, attributes: { email: 'bea@example.com', phone_number: '+15555550123' } }
const NO_CHANNEL = 'Cannot reset password for the user as there is no registered/verified email or phone_number'

async function forgot(options: LocalPoolOptions, user: LocalUserSeed): Promise<{ details: unknown; sent: unknown }> {
  const pool = createLocalPool({ shareKeys: true, users: [user], ...options })
  const r = await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: user.username })
  const m = pool.messages.at(-1)!
  return { details: r['CodeDeliveryDetails'], sent: [m.medium, m.destination, m.purpose] }
}

const SMS = { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' }
const EMAIL = { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }

test('without an account-recovery setting the code goes to the verified phone first, by SMS', async () => {
  const r = await forgot({}, both)
  assert.deepEqual(r.details, SMS)
  assert.deepEqual(r.sent, ['SMS', '+15555550123', 'ForgotPassword'])
})

test('without the setting, an unverified phone falls back to the verified email', async () => {
  const r = await forgot({}, { ...both, attributes: { ...both.attributes, phone_number_verified: 'false' } })
  assert.deepEqual(r.details, EMAIL)
  assert.deepEqual(r.sent, ['EMAIL', 'bea@example.com', 'ForgotPassword'])
})

test('without the setting, SMS MFA does not stop the phone from receiving the reset code', async () => {
  assert.deepEqual((await forgot({}, { ...both, mfa: ['SMS_MFA'] })).details, SMS)
})

test('with accountRecovery the priority order decides: email first, else phone', async () => {
  assert.deepEqual((await forgot({ accountRecovery: ['verified_email', 'verified_phone_number'] }, both)).details, EMAIL)
  const noEmail = { ...both, attributes: { ...both.attributes, email_verified: 'false' } }
  assert.deepEqual((await forgot({ accountRecovery: ['verified_email', 'verified_phone_number'] }, noEmail)).details, SMS)
  assert.deepEqual((await forgot({ accountRecovery: ['verified_phone_number', 'verified_email'] }, both)).details, SMS)
})

test('with accountRecovery, SMS MFA disqualifies the phone and email MFA the email', async () => {
  const order: LocalPoolOptions = { accountRecovery: ['verified_phone_number', 'verified_email'] }
  assert.deepEqual((await forgot(order, { ...both, mfa: ['SMS_MFA'] })).details, EMAIL)
  assert.deepEqual((await forgot({ accountRecovery: ['verified_email', 'verified_phone_number'] }, { ...both, mfa: ['EMAIL_OTP'] })).details, SMS)
  const pool = createLocalPool({ shareKeys: true, accountRecovery: ['verified_phone_number'], users: [{ ...both, mfa: ['SMS_MFA'] }] })
  assert.deepEqual(await errorOf(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'bea' }), { type: 'InvalidParameterException', message: NO_CHANNEL, status: 400 })
  assert.equal(pool.messages.length, 0, 'nothing was sent')
})

test('AdminResetUserPassword sends its code by the same rule', async () => {
  for (const [options, medium] of [[{}, 'SMS'], [{ accountRecovery: ['verified_email'] }, 'EMAIL']] as const) {
    const pool = createLocalPool({ shareKeys: true, users: [both], ...options })
    const input = { UserPoolId: pool.poolId, Username: 'bea' }
    const r = await call(pool, 'AdminResetUserPassword', input, await signedFor(pool, 'AdminResetUserPassword', input))
    assert.equal(r.status, 200)
    assert.deepEqual([pool.messages.at(-1)!.medium, pool.user('bea')!.status], [medium, 'RESET_REQUIRED'])
  }
})

test('accountRecovery is checked when the pool is created', () => {
  for (const bad of [[], ['admin_only', 'verified_email'], ['verified_email', 'admin_only'], ['verified_email', 'verified_email'], 'verified_email', ['verified_email', 'verified_phone_number', 'verified_email']]) {
    assert.throws(() => createLocalPool({ accountRecovery: bad as never }), { name: 'ArgumentError', message: /"accountRecovery" must be/ })
  }
})

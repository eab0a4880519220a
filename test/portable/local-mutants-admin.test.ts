/**
 * The local pool's admin user operations (src/local/admin.ts) at the edges a mutation round
 * found unguarded: where AdminCreateUser's invitation goes, AdminConfirmSignUp's
 * UserLastModifiedDate, AdminSetUserPassword's password policy, and who AdminResetUserPassword
 * refuses. SigV4-signed calls over the pool's fetch handler only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, manualClock, signedFor, srpLogin } from '../support/local.ts'

const admin = async (pool: LocalPool, op: string, input: Record<string, unknown>) => call(pool, op, { UserPoolId: pool.poolId, ...input }, await signedFor(pool, op, { UserPoolId: pool.poolId, ...input }))

test('AdminCreateUser sends its invitation by SMS (the default medium) only to a user with a phone number', async () => {
  // DesiredDeliveryMediums: "Specify SMS if the phone number will be used. The default value is
  // SMS" (AdminCreateUser API reference): a user with an email address and no phone number gets
  // no text message, and nothing is sent to an empty destination
  const pool = createLocalPool({ shareKeys: true })
  await admin(pool, 'AdminCreateUser', { Username: 'erin', UserAttributes: [{ Name: 'email', Value: 'erin@example.com' }] })
  assert.deepEqual(pool.messages.filter((m) => m.username === 'erin'), [], 'no message without a phone number')
  const r = await admin(pool, 'AdminCreateUser', { Username: 'fay', UserAttributes: [{ Name: 'phone_number', Value: '+15555550100' }] })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.deepEqual(pool.messages.map((m) => [m.username, m.medium, m.destination, m.purpose]), [['fay', 'SMS', '+15555550100', 'Invitation']])
})

test('AdminConfirmSignUp moves UserLastModifiedDate to the confirmation', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now })
  assert.equal((await call(pool, 'SignUp', { ClientId: pool.clientId, Username: 'gus', Password: PW })).status, 200)
  clock.advance(60_000)
  assert.equal((await admin(pool, 'AdminConfirmSignUp', { Username: 'gus' })).status, 200)
  const u = (await admin(pool, 'AdminGetUser', { Username: 'gus' })).body
  assert.equal(u.UserStatus, 'CONFIRMED')
  assert.equal(u.UserLastModifiedDate, clock.now() / 1000)
  assert.equal(u.UserCreateDate, (clock.now() - 60_000) / 1000)
})

test('AdminSetUserPassword refuses a password the policy does not allow, permanent or temporary, and keeps the old one', async () => {
  // "InvalidPasswordException: This exception is thrown when Amazon Cognito encounters an invalid
  // password" (AdminSetUserPassword API reference); the default policy wants 8 characters with
  // upper and lower case, a number and a symbol. A temporary password is held to the same policy,
  // as AdminCreateUser's TemporaryPassword is
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  for (const Permanent of [true, false]) {
    for (const weak of ['short1!', 'alllowercase1!', 'NoNumbers-here!', 'NoSymbols1here']) {
      const r = await admin(pool, 'AdminSetUserPassword', { Username: 'alice', Password: weak, Permanent })
      assert.equal(r.body.__type, 'InvalidPasswordException', `${weak}, Permanent ${Permanent}`)
      assert.match(r.body.message, /^Password did not conform with policy: /)
    }
  }
  assert.equal((await srpLogin(pool, 'alice', PW)).status, 200, 'the old password still signs in')
  assert.equal((await admin(pool, 'AdminGetUser', { Username: 'alice' })).body.UserStatus, 'CONFIRMED')
})

test('AdminResetUserPassword refuses a user still on a temporary password, sends nothing and leaves the status', async () => {
  // Cognito answers "User password cannot be reset in the current state." to a reset of a user who
  // has not yet set a password of their own (captured in RunaVault/RunaVault#15, as for
  // ForgotPassword); the administrator sets a new temporary password instead
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'hal', password: 'Temp0rary-pass!', status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'hal@example.com' } }] })
  const r = await admin(pool, 'AdminResetUserPassword', { Username: 'hal' })
  assert.deepEqual([r.status, r.body.__type, r.body.message], [400, 'NotAuthorizedException', 'User password cannot be reset in the current state.'])
  assert.deepEqual(pool.messages, [])
  assert.equal((await admin(pool, 'AdminGetUser', { Username: 'hal' })).body.UserStatus, 'FORCE_CHANGE_PASSWORD')
  assert.equal((await srpLogin(pool, 'hal', 'Temp0rary-pass!')).body.ChallengeName, 'NEW_PASSWORD_REQUIRED')
})

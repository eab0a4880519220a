/**
 * `accountRecovery: ['admin_only']` at the local pool. Cognito's developer guide ("Recovering
 * user accounts"): admin_only "is a value used when the administrator doesn't want the user to
 * recover their account by themselves and requires them to contact the administrator", and it
 * cannot be combined with another mechanism. The API reference of ForgotPassword and of
 * AdminResetUserPassword: "To use this API operation, your user pool must have self-service
 * account recovery configured. Use AdminSetUserPassword if you manage passwords as an
 * administrator." The error is not documented: the pool answers InvalidParameterException, as
 * ForgotPassword does for a user with no recovery channel, for every name alike.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, signedFor, srpLogin } from '../support/local.ts'

const dana = { username: 'dana', password: PW, attributes: { email: 'dana@example.com', phone_number: '+15555550142' } }

test('admin_only: ForgotPassword is refused for known and unknown names alike, and nothing is sent', async () => {
  const pool = createLocalPool({ shareKeys: true, accountRecovery: ['admin_only'], users: [dana] })
  const known = await errorOf(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'dana' })
  const unknown = await errorOf(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'nobody' })
  assert.equal(known.type, 'InvalidParameterException')
  assert.match(known.message, /admin_only/)
  assert.deepEqual(unknown, known)
  assert.equal(pool.messages.length, 0)
  assert.equal(pool.user('dana')!.status, 'CONFIRMED')
  // the client is still checked first
  assert.equal((await errorOf(pool, 'ForgotPassword', { ClientId: 'nosuchclient', Username: 'dana' })).type, 'ResourceNotFoundException')
})

test('admin_only: AdminResetUserPassword is refused; AdminSetUserPassword is how an administrator resets', async () => {
  const pool = createLocalPool({ shareKeys: true, accountRecovery: ['admin_only'], users: [dana] })
  const input = { UserPoolId: pool.poolId, Username: 'dana' }
  const reset = await call(pool, 'AdminResetUserPassword', input, await signedFor(pool, 'AdminResetUserPassword', input))
  assert.deepEqual([reset.status, reset.body.__type], [400, 'InvalidParameterException'])
  assert.equal(pool.user('dana')!.status, 'CONFIRMED', 'the password still works')
  assert.equal((await srpLogin(pool, 'dana', PW)).status, 200)
  const set = { ...input, Password: 'N3w-passw0rd!', Permanent: true }
  assert.equal((await call(pool, 'AdminSetUserPassword', set, await signedFor(pool, 'AdminSetUserPassword', set))).status, 200)
  assert.equal((await srpLogin(pool, 'dana', 'N3w-passw0rd!')).status, 200)
  assert.equal(pool.messages.length, 0)
})

test('without admin_only the same user gets a reset code (the refusal above is the setting)', async () => {
  const pool = createLocalPool({ shareKeys: true, accountRecovery: ['verified_email'], users: [dana] })
  const r = await call(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'dana' })
  assert.equal(r.status, 200)
  assert.equal(pool.messages.at(-1)!.purpose, 'ForgotPassword')
})

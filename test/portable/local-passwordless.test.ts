/**
 * A passwordless user at the local pool, end to end through the library's functions: sign up
 * without a password, confirm, sign in with an emailed code (USER_AUTH), then set a first
 * password with ChangePassword and no previous one. Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { changePassword, confirmSignUp, createClient, register, respondToEmailOtpChallenge, signIn, userAuth } from '../../src/index.ts'
import { createLocalPool, type LocalPoolOptions } from '../../src/local/index.ts'
import { PW, call } from '../support/local.ts'

function setup(options: LocalPoolOptions = {}) {
  const pool = createLocalPool({ shareKeys: true, ...options })
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, endpoint: pool.endpoint, retry: false })
  return { pool, client }
}

test('a user signs up without a password, signs in with an emailed code, then sets a first password', async () => {
  const { pool, client } = setup()
  const up = await register(client, 'pat', undefined, { attributes: { email: 'pat@example.com' } })
  assert.equal(up.UserConfirmed, false)
  await confirmSignUp(client, 'pat', pool.lastCode('pat', 'SignUp')!)
  // no password: USER_AUTH offers the code only, and the password flows fail as a wrong password does
  const sel = await userAuth(client, { username: 'pat' })
  assert.deepEqual(sel.challenge?.availableChallenges, ['EMAIL_OTP'])
  await assert.rejects(signIn({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, endpoint: pool.endpoint, username: 'pat', password: PW }), { name: 'NotAuthorizedException' })
  const step = await userAuth(client, { username: 'pat', preferred: 'EMAIL_OTP' })
  assert.equal(step.challenge?.name, 'EMAIL_OTP')
  const done = await respondToEmailOtpChallenge(client, step.challenge!, pool.lastCode('pat', 'OTP')!)
  assert.ok(done.tokens?.accessToken)
  // ChangePassword without PreviousPassword gives the passwordless user a password
  await changePassword(client, done.tokens!.accessToken, undefined, PW)
  const withPassword = await signIn({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, endpoint: pool.endpoint, username: 'pat', password: PW })
  assert.ok(withPassword.accessToken)
  // once there is a password, it must be given to change it
  await assert.rejects(changePassword(client, withPassword.accessToken, undefined, 'An0ther-pass!'), { name: 'NotAuthorizedException' })
  await changePassword(client, withPassword.accessToken, PW, 'An0ther-pass!')
})

test('without a one-time code factor in the pool, SignUp requires a password', async () => {
  // "You can only create a passwordless user when passwordless sign-in is available" (SignUp API reference)
  const { pool } = setup({ allowedFirstAuthFactors: ['PASSWORD'] })
  const r = await call(pool, 'SignUp', { ClientId: pool.clientId, Username: 'rae', UserAttributes: [{ Name: 'email', Value: 'rae@example.com' }] })
  assert.deepEqual([r.status, r.body.__type], [400, 'InvalidParameterException'])
  assert.equal(pool.user('rae'), undefined)
})

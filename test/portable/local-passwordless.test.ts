/**
 * A passwordless user at the local pool, end to end through the library's functions: sign up
 * without a password, confirm, sign in with an emailed code (USER_AUTH), then set a first
 * password with ChangePassword and no previous one. Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { changePassword, confirmSignUp, createClient, register, respondToEmailOtpChallenge, signIn, userAuth } from '../../src/index.ts'
import { createLocalPool, type LocalPoolOptions } from '../../src/local/index.ts'
import { PW, call, signedFor } from '../support/local.ts'

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

test('AdminCreateUser without TemporaryPassword, in a pool that allows one-time codes: a CONFIRMED user with no password, invited without one, who signs in with a code', async () => {
  // "If you don't specify a value, Amazon Cognito generates one for you unless you have
  // passwordless options active for your user pool" (AdminCreateUser API reference)
  const { pool, client } = setup()
  const admin = async (input: Record<string, unknown>) => call(pool, 'AdminCreateUser', { UserPoolId: pool.poolId, ...input }, await signedFor(pool, 'AdminCreateUser', { UserPoolId: pool.poolId, ...input }))
  const made = await admin({ Username: 'quinn', UserAttributes: [{ Name: 'email', Value: 'quinn@example.com' }], DesiredDeliveryMediums: ['EMAIL'] })
  assert.equal(made.status, 200)
  assert.equal(made.body.User.UserStatus, 'CONFIRMED')
  // the invitation carries no password
  assert.equal(pool.lastCode('quinn', 'Invitation'), '')
  // no password: USER_AUTH offers the emailed code only; RESEND is for temporary passwords
  assert.deepEqual((await userAuth(client, { username: 'quinn' })).challenge?.availableChallenges, ['EMAIL_OTP'])
  const step = await userAuth(client, { username: 'quinn', preferred: 'EMAIL_OTP' })
  assert.ok((await respondToEmailOtpChallenge(client, step.challenge!, pool.lastCode('quinn', 'OTP')!)).tokens?.accessToken)
  const resend = await admin({ Username: 'quinn', MessageAction: 'RESEND' })
  assert.equal(resend.body.__type, 'UnsupportedUserStateException')
  // "These attributes must be provided ... when you don't submit a TemporaryPassword" (UserAttributes)
  const nowhere = await admin({ Username: 'rory', MessageAction: 'SUPPRESS' })
  assert.deepEqual([nowhere.status, nowhere.body.__type], [400, 'InvalidParameterException'])
  assert.equal(pool.user('rory'), undefined, 'nothing created')
  // a given TemporaryPassword still makes a FORCE_CHANGE_PASSWORD user, in this pool too
  const temp = await admin({ Username: 'sky', TemporaryPassword: 'Sky-temporary-1!', MessageAction: 'SUPPRESS' })
  assert.equal(temp.body.User.UserStatus, 'FORCE_CHANGE_PASSWORD')
})

test('AdminCreateUser without TemporaryPassword in a password-only pool generates one, as before', async () => {
  const { pool } = setup({ allowedFirstAuthFactors: ['PASSWORD'] })
  const input = { UserPoolId: pool.poolId, Username: 'tam', MessageAction: 'SUPPRESS' }
  const made = await call(pool, 'AdminCreateUser', input, await signedFor(pool, 'AdminCreateUser', input))
  assert.equal(made.body.User.UserStatus, 'FORCE_CHANGE_PASSWORD')
})

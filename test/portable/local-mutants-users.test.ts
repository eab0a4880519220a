/**
 * Users and attributes of the local pool (src/local/users.ts) at the edges a mutation round found
 * unguarded: a sign-up without a password, the verified phone a seeded user starts with, which
 * attributes an update marks unverified, and the modification date an update sets. Over the wire
 * and the test API only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, manualClock, ok, signedFor, srpLogin } from '../support/local.ts'

test('SignUp without a password in a pool without passwordless sign-in is InvalidParameterException, and creates nobody', async () => {
  // SignUpRequest.Password (API reference): "Users can sign up without a password when your user
  // pool supports passwordless sign-in with email or SMS OTPs. [...] You can only create a
  // passwordless user when passwordless sign-in is available." Here only PASSWORD is a first
  // factor. A missing parameter is a parameter error, not a password that breaks the policy
  // (InvalidPasswordException).
  const pool = createLocalPool({ allowedFirstAuthFactors: ['PASSWORD'] })
  for (const Password of [undefined, '']) {
    const e = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'carol', Password, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] })
    assert.equal(e.type, 'InvalidParameterException', String(Password))
  }
  assert.equal(pool.user('carol'), undefined)
})

test('a seeded phone number is verified unless the seed says otherwise, so it receives the reset code', async () => {
  // ForgotPassword without an AccountRecoverySetting: "Cognito uses a verified phone first. If the
  // verified phone is not found for the user, Cognito falls back and will use verified email next"
  // (developer guide, "Recovering user accounts").
  const pool = createLocalPool({
    users: [
      { username: 'alice', password: PW, attributes: { phone_number: '+15550001234' } },
      { username: 'bob', password: PW, attributes: { phone_number: '+15550005678', phone_number_verified: 'false', email: 'bob@example.com' } },
      { username: 'carol', password: PW, attributes: { email: 'carol@example.com' } },
    ],
  })
  await pool.ready
  const forgot = async (name: string) => (await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: name })).CodeDeliveryDetails
  assert.deepEqual(await forgot('alice'), { Destination: '+*******1234', DeliveryMedium: 'SMS', AttributeName: 'phone_number' })
  assert.deepEqual(await forgot('bob'), { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' })
  assert.equal(pool.user('alice')!.attributes['phone_number_verified'], 'true')
  assert.equal(pool.user('bob')!.attributes['phone_number_verified'], 'false')
  assert.equal(pool.user('carol')!.attributes['phone_number_verified'], undefined, 'no phone, no phone_number_verified')
})

test('UpdateUserAttributes marks only a changed email or phone unverified; other attributes get no *_verified twin', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  const at = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult.AccessToken
  const r = await ok(pool, 'UpdateUserAttributes', { AccessToken: at, UserAttributes: [{ Name: 'given_name', Value: 'Alice' }] })
  assert.deepEqual(r, {}, 'no code is sent for a name')
  const attrs = Object.fromEntries((await ok(pool, 'GetUser', { AccessToken: at })).UserAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]))
  assert.equal(attrs['given_name'], 'Alice')
  assert.equal(attrs['given_name_verified'], undefined)
  assert.equal(attrs['email_verified'], 'true')
})

test('an attribute update moves UserLastModifiedDate to the time of the update', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  await pool.ready
  const created = clock.now()
  const at = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult.AccessToken
  const getUser = async () => {
    const input = { UserPoolId: pool.poolId, Username: 'alice' }
    const r = await call(pool, 'AdminGetUser', input, await signedFor(pool, 'AdminGetUser', input))
    assert.equal(r.status, 200, JSON.stringify(r.body))
    return r.body
  }
  clock.advance(60_000)
  await ok(pool, 'UpdateUserAttributes', { AccessToken: at, UserAttributes: [{ Name: 'given_name', Value: 'Alice' }] })
  let u = await getUser()
  assert.deepEqual([u.UserCreateDate, u.UserLastModifiedDate], [created / 1000, created / 1000 + 60])
  clock.advance(60_000)
  const input = { UserPoolId: pool.poolId, Username: 'alice', UserAttributes: [{ Name: 'family_name', Value: 'Liddell' }] }
  assert.equal((await call(pool, 'AdminUpdateUserAttributes', input, await signedFor(pool, 'AdminUpdateUserAttributes', input))).status, 200)
  u = await getUser()
  assert.deepEqual([u.UserCreateDate, u.UserLastModifiedDate], [created / 1000, created / 1000 + 120])
})

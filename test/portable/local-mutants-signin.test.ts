/**
 * Signing in at the local pool (src/local/sign-in.ts) at the edges a mutation round found
 * unguarded: when a temporary password expires, whose sign-in ConfirmSignUp's Session
 * completes, a user disabled halfway through a sign-in, and no MFA after a one-time-code first
 * factor. Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, manualClock, ok, signedFor, srpLogin } from '../support/local.ts'

const DAY = 86400_000
const TEMP = 'Temp-pass-1!'
const EXPIRED = 'Temporary password has expired and must be reset by an administrator.'

for (const days of [undefined, 0, 7]) {
  // PasswordPolicyType.TemporaryPasswordValidityDays (API reference): "Defaults to 7. If you
  // submit a value of 0, Amazon Cognito treats it as a null value and sets
  // TemporaryPasswordValidityDays to its default value."
  test(`temporaryPasswordValidityDays ${days}: the temporary password works for exactly 7 days`, async () => {
    const clock = manualClock()
    const pool = createLocalPool({
      shareKeys: true,
      clock: clock.now,
      ...(days === undefined ? {} : { passwordPolicy: { temporaryPasswordValidityDays: days } }),
      users: [{ username: 'alice', password: TEMP, status: 'FORCE_CHANGE_PASSWORD' }, { username: 'bob', password: TEMP, status: 'FORCE_CHANGE_PASSWORD' }],
    })
    await pool.ready
    clock.advance(7 * DAY)
    assert.equal((await srpLogin(pool, 'alice', TEMP)).body.ChallengeName, 'NEW_PASSWORD_REQUIRED', 'at exactly 7 days')
    clock.advance(1)
    const late = await srpLogin(pool, 'bob', TEMP)
    assert.deepEqual([late.body.__type, late.body.message], ['NotAuthorizedException', EXPIRED])
  })
}

test("USER_AUTH with ConfirmSignUp's Session signs in only the user who signed up", async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bob', Password: PW, UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] })
  const { Session } = await ok(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'bob', ConfirmationCode: pool.lastCode('bob', 'SignUp') })
  const as = (name: string) => ({ AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: name }, Session })
  const e = await errorOf(pool, 'InitiateAuth', as('alice'))
  assert.equal(e.type, 'NotAuthorizedException')
  const r = await call(pool, 'InitiateAuth', as('bob'))
  assert.equal(r.status, 200)
  assert.ok(r.body.AuthenticationResult.AccessToken)
})

test('a user disabled while a sign-in waits for its next challenge is refused at that answer, with no tokens', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: TEMP, status: 'FORCE_CHANGE_PASSWORD' }] })
  const first = await srpLogin(pool, 'alice', TEMP)
  assert.equal(first.body.ChallengeName, 'NEW_PASSWORD_REQUIRED')
  const disable = { UserPoolId: pool.poolId, Username: 'alice' }
  assert.equal((await call(pool, 'AdminDisableUser', disable, await signedFor(pool, 'AdminDisableUser', disable))).status, 200)
  const r = await call(pool, 'RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: pool.clientId, Session: first.body.Session, ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: PW } })
  assert.deepEqual([r.status, r.body.__type, r.body.message], [400, 'NotAuthorizedException', 'User is disabled.'])
  assert.equal(r.body.AuthenticationResult, undefined)
})

// "You can choose SMS text messages, email messages, or time-based one-time passwords (TOTP) as
// additional factors to sign in your users who have passwords as their primary authentication
// factor" (developer guide, "Adding MFA to a user pool"): a one-time code as the first factor is
// already something the user has, and is not followed by an MFA challenge
test('USER_AUTH with EMAIL_OTP as the first factor issues tokens without asking a user with SMS MFA for it', async () => {
  const pool = createLocalPool({
    shareKeys: true,
    users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com', phone_number: '+15555550100', phone_number_verified: 'true' }, mfa: ['SMS_MFA'] }],
  })
  // with a password first, the same user is asked for the SMS code
  assert.equal((await srpLogin(pool, 'alice', PW)).body.ChallengeName, 'SMS_MFA')
  const otp = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'EMAIL_OTP' } })
  assert.equal(otp.ChallengeName, 'EMAIL_OTP')
  const done = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: pool.clientId, Session: otp.Session, ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: pool.lastCode('alice', 'OTP')! } })
  assert.equal(done.ChallengeName, undefined)
  assert.ok(done.AuthenticationResult.AccessToken)
})

/**
 * Signing in at the local pool (src/local/sign-in.ts) at the edges a mutation round found
 * unguarded: when a temporary password expires, whose sign-in ConfirmSignUp's Session
 * completes, a user disabled halfway through a sign-in, and which users are offered one-time codes as
 * a first factor. Over the wire only; portable.
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
  const up = await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bob', Password: PW, UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] })
  const { Session } = await ok(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'bob', ConfirmationCode: pool.lastCode('bob', 'SignUp'), Session: up.Session })
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

// "Amazon Cognito does not support enabling both MFA and passwordless sign-in (including passkeys,
// SMS OTP, and email OTP) for the same user. If a user has MFA configured, passwordless sign-in
// options will not be available" (Amplify's passwordless guide, pointing to the Cognito
// developer guide's MFA prerequisites)
test('USER_AUTH offers one-time codes as a first factor only to users MFA does not apply to', async () => {
  const attributes = { email: 'x@example.com', phone_number: '+15555550100', phone_number_verified: 'true' }
  const pool = createLocalPool({
    shareKeys: true,
    allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'],
    users: [{ username: 'plain', password: PW, attributes }, { username: 'sms', password: PW, attributes, mfa: ['SMS_MFA'] }, { username: 'totp', password: PW, attributes, totpSecret: 'JBSWY3DPEHPK3PXP' }],
  })
  const start = (name: string, extra: Record<string, string> = {}) => ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: name, ...extra } })
  assert.deepEqual((await start('plain')).AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'])
  for (const name of ['sms', 'totp']) {
    const sel = await start(name)
    assert.deepEqual(sel.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP'], name)
    // asked for by name, the code is not sent: the user chooses among the factors they have
    const preferred = await start(name, { PREFERRED_CHALLENGE: 'EMAIL_OTP' })
    assert.equal(preferred.ChallengeName, 'SELECT_CHALLENGE', name)
    assert.equal(pool.lastCode(name, 'OTP'), undefined, name)
    const chosen = await errorOf(pool, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: pool.clientId, Session: sel.Session, ChallengeResponses: { USERNAME: name, ANSWER: 'SMS_OTP' } })
    assert.equal(chosen.type, 'InvalidParameterException', name)
  }
  // GetUserAuthFactors lists what USER_AUTH offers
  const tokens = (await srpLogin(pool, 'plain', PW)).body.AuthenticationResult
  assert.deepEqual((await ok(pool, 'GetUserAuthFactors', { AccessToken: tokens.AccessToken })).ConfiguredUserAuthFactors, ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'])
  // a pool that requires MFA offers them to nobody
  const on = createLocalPool({ shareKeys: true, mfa: 'ON', allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'], users: [{ username: 'plain', password: PW, attributes }] })
  assert.deepEqual((await ok(on, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: on.clientId, AuthParameters: { USERNAME: 'plain' } })).AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP'])
})

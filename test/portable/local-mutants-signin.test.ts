/**
 * Signing in at the local pool (src/local/sign-in.ts) at the edges a mutation round found
 * unguarded: when a temporary password expires, and whose sign-in ConfirmSignUp's Session
 * completes. Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, manualClock, ok, srpLogin } from '../support/local.ts'

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

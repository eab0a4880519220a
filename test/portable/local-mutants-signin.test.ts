/**
 * Signing in at the local pool (src/local/sign-in.ts) at the edges a mutation round found
 * unguarded: when a temporary password expires. Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { manualClock, srpLogin } from '../support/local.ts'

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

/**
 * The local pool's MFA preferences (src/local/mfa.ts) at the edge a mutation round found
 * unguarded: settings for one MFA type leave another type's preference alone. Over the wire
 * only (AdminSetUserMFAPreference, AdminGetUser); portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, signedFor } from '../support/local.ts'

test("PreferredMfa false, or Enabled alone, on one type keeps the user's preference for another", async () => {
  const pool = createLocalPool({
    shareKeys: true,
    mfa: 'OPTIONAL',
    users: [{ username: 'alice', password: PW, attributes: { phone_number: '+15555550100' }, totpSecret: 'JBSWY3DPEHPK3PXP', mfa: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], preferredMfa: 'SOFTWARE_TOKEN_MFA' }],
  })
  const admin = async (op: string, input: Record<string, unknown>) => {
    const body = { UserPoolId: pool.poolId, Username: 'alice', ...input }
    const r = await call(pool, op, body, await signedFor(pool, op, body))
    assert.equal(r.status, 200, JSON.stringify(r.body))
    return r.body
  }
  for (const settings of [{ SMSMfaSettings: { Enabled: true, PreferredMfa: false } }, { SoftwareTokenMfaSettings: { Enabled: true } }]) {
    await admin('AdminSetUserMFAPreference', settings)
    const u = await admin('AdminGetUser', {})
    assert.equal(u.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA', JSON.stringify(settings))
    assert.deepEqual([...u.UserMFASettingList].sort(), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'])
  }
})

test("the test API's setMfa: a TOTP secret shaped like AssociateSoftwareToken's (32 bytes, 52 base32 characters); an unknown user is an ArgumentError; totpCode without a secret too", async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  await pool.ready
  const secret = pool.setMfa('alice', { totp: true })
  assert.match(secret!, /^[A-Z2-7]{52}$/)
  assert.throws(() => pool.setMfa('nobody', { totp: true }), { name: 'ArgumentError', message: /no user "nobody"/ })
  // totpCode needs a user with a TOTP secret (active or pending)
  const bob = createLocalPool({ shareKeys: true, users: [{ username: 'bob', password: PW }] })
  await assert.rejects(bob.totpCode('bob'), { name: 'ArgumentError', message: /"bob" has no TOTP secret/ })
  await assert.rejects(bob.totpCode('nobody'), { name: 'ArgumentError', message: /no user "nobody"/ })
})

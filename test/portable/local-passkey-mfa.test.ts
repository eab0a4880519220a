/**
 * Passkey MFA (`WebAuthnMfaSettings`) at the local pool, as the Cognito API reference documents it:
 * - SetUserMFAPreference / AdminSetUserMFAPreference, WebAuthnMfaSettings: "To activate this
 *   setting, the FactorConfiguration of your user pool WebAuthnConfiguration must be
 *   MULTI_FACTOR_WITH_USER_VERIFICATION" (refused otherwise with InvalidParameterException, the
 *   one error both operations declare that fits).
 * - WebAuthnMfaSettingsType: "The user must also have at least one other MFA method such as SMS,
 *   TOTP, or email activated"; it has no PreferredMfa "because passkey MFA applies only when
 *   passkey is the first authentication factor".
 * - GetUser / AdminGetUser, UserMFASettingList: "The possible values in this list are SMS_MFA,
 *   EMAIL_OTP, and SOFTWARE_TOKEN_MFA"; PreferredMfaSetting: "SMS message, email message, or TOTP".
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool, type LocalPoolOptions } from '../../src/local/index.ts'
import { PW, call, ok, signedFor, srpLogin } from '../support/local.ts'

const MULTI: LocalPoolOptions = { webAuthn: { factorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' } }
const dana = { username: 'dana', password: PW, attributes: { email: 'dana@example.com', phone_number: '+15555550199' } }

async function admin(pool: LocalPool, op: string, input: Record<string, unknown>): Promise<{ status: number; body: Record<string, any> }> {
  const body = { UserPoolId: pool.poolId, ...input }
  return call(pool, op, body, await signedFor(pool, op, body))
}

async function accessToken(pool: LocalPool, name: string): Promise<string> {
  const r = await srpLogin(pool, name, PW)
  assert.equal(r.status, 200)
  return r.body.AuthenticationResult.AccessToken
}

test('a pool without passkey MFA refuses WebAuthnMfaSettings Enabled, and stores nothing', async () => {
  for (const options of [{}, { webAuthn: { factorConfiguration: 'SINGLE_FACTOR' } }] as LocalPoolOptions[]) {
    const pool = createLocalPool({ shareKeys: true, users: [{ ...dana, mfa: ['SMS_MFA'] }], ...options })
    const r = await admin(pool, 'AdminSetUserMFAPreference', { Username: 'dana', WebAuthnMfaSettings: { Enabled: true } })
    assert.deepEqual([r.status, r.body.__type], [400, 'InvalidParameterException'])
    assert.match(r.body.message, /MULTI_FACTOR_WITH_USER_VERIFICATION/)
    assert.equal(pool.user('dana')!.passkeyMfa, false)
    // turning it off is always accepted
    assert.equal((await admin(pool, 'AdminSetUserMFAPreference', { Username: 'dana', WebAuthnMfaSettings: { Enabled: false } })).status, 200)
  }
})

test('with MULTI_FACTOR_WITH_USER_VERIFICATION the setting is stored, and GetUser lists only SMS, email and TOTP MFA', async () => {
  const pool = createLocalPool({ shareKeys: true, ...MULTI, users: [dana] })
  const token = await accessToken(pool, 'dana')
  await ok(pool, 'SetUserMFAPreference', { AccessToken: token, SMSMfaSettings: { Enabled: true, PreferredMfa: true }, WebAuthnMfaSettings: { Enabled: true } })
  assert.equal(pool.user('dana')!.passkeyMfa, true)
  const me = await ok(pool, 'GetUser', { AccessToken: token })
  assert.deepEqual([me['UserMFASettingList'], me['PreferredMfaSetting']], [['SMS_MFA'], 'SMS_MFA'])
  const adminView = (await admin(pool, 'AdminGetUser', { Username: 'dana' })).body
  assert.deepEqual([adminView['UserMFASettingList'], adminView['PreferredMfaSetting']], [['SMS_MFA'], 'SMS_MFA'])
  await ok(pool, 'SetUserMFAPreference', { AccessToken: token, WebAuthnMfaSettings: { Enabled: false } })
  assert.equal(pool.user('dana')!.passkeyMfa, false)
  assert.deepEqual(pool.user('dana')!.mfa, ['SMS_MFA'], 'the other factors are untouched')
})

test('passkey MFA needs another MFA method; a refused request changes nothing', async () => {
  const pool = createLocalPool({ shareKeys: true, ...MULTI, users: [dana] })
  const alone = await admin(pool, 'AdminSetUserMFAPreference', { Username: 'dana', WebAuthnMfaSettings: { Enabled: true } })
  assert.deepEqual([alone.status, alone.body.__type], [400, 'InvalidParameterException'])
  // the same request that turns SMS MFA off cannot leave passkey MFA alone either
  await admin(pool, 'AdminSetUserMFAPreference', { Username: 'dana', EmailMfaSettings: { Enabled: true, PreferredMfa: true } })
  const off = await admin(pool, 'AdminSetUserMFAPreference', { Username: 'dana', EmailMfaSettings: { Enabled: false }, WebAuthnMfaSettings: { Enabled: true } })
  assert.equal(off.body.__type, 'InvalidParameterException')
  assert.deepEqual([pool.user('dana')!.mfa, pool.user('dana')!.preferredMfa, pool.user('dana')!.passkeyMfa], [['EMAIL_OTP'], 'EMAIL_OTP', false])
  assert.equal((await admin(pool, 'AdminSetUserMFAPreference', { Username: 'dana', WebAuthnMfaSettings: { Enabled: true } })).status, 200)
  assert.equal(pool.user('dana')!.passkeyMfa, true)
})

test('a password sign-in is unchanged by passkey MFA: the MFA challenge is the other factor', async () => {
  const pool = createLocalPool({ shareKeys: true, ...MULTI, users: [{ ...dana, mfa: ['SMS_MFA'] }] })
  assert.equal((await admin(pool, 'AdminSetUserMFAPreference', { Username: 'dana', WebAuthnMfaSettings: { Enabled: true } })).status, 200)
  const r = await srpLogin(pool, 'dana', PW)
  assert.equal(r.body.ChallengeName, 'SMS_MFA')
})

test('webAuthn is checked when the pool is created', async () => {
  for (const bad of [null, 'MULTI_FACTOR_WITH_USER_VERIFICATION', { factorConfiguration: 'MULTI' }]) {
    assert.throws(() => createLocalPool({ webAuthn: bad as never }), { name: 'ArgumentError', message: /"webAuthn/ })
  }
  // no factorConfiguration is Cognito's "not set": passkeys are a single factor
  const pool = createLocalPool({ shareKeys: true, webAuthn: {}, users: [{ ...dana, mfa: ['SMS_MFA'] }] })
  assert.equal((await admin(pool, 'AdminSetUserMFAPreference', { Username: 'dana', WebAuthnMfaSettings: { Enabled: true } })).body.__type, 'InvalidParameterException')
})

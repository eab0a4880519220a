/**
 * End to end: the sign-in methods (issue 3) against the local pool, which really checks every
 * proof and code. Fixtures cover the real-wire details; this covers the flows.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, NotAuthorizedException, NotAuthenticatedError } from '../../src/index.ts'
import { createVerifier } from '../../src/jwt.ts'
import { createLocalPool, totp } from '../../src/local/index.ts'

const PW = 'Corr3ct-horse!'
const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com', phone_number: '+15555550100' } }

function client(pool: ReturnType<typeof createLocalPool>, extra: Record<string, unknown> = {}): Cognito {
  return new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch, endpoint: pool.endpoint, retry: false, ...extra })
}

test('USER_AUTH: SELECT_CHALLENGE then EMAIL_OTP, preferred PASSWORD and PASSWORD_SRP, sign-in right after sign-up', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const user = client(pool)
  await assert.rejects(user.userAuth(), (e: any) => e.challengeName === 'SELECT_CHALLENGE' && e.availableChallenges.includes('EMAIL_OTP'))
  await assert.rejects(user.selectChallenge('EMAIL_OTP'), (e: any) => e.challengeName === 'EMAIL_OTP')
  await user.respondToEmailOtpChallenge(pool.lastCode('alice', 'OTP')!)
  assert.ok(user.accessToken)
  await client(pool).userAuth({ preferred: 'PASSWORD', password: PW })
  await client(pool).userAuth({ preferred: 'PASSWORD_SRP', password: PW })
  await assert.rejects(client(pool).userAuth({ preferred: 'PASSWORD_SRP', password: 'Wrong-pass1!' }), NotAuthorizedException)
  // passwordless sign-in with the Session ConfirmSignUp returned
  const verifier = createVerifier({ userPoolId: pool.poolId, clientId: pool.clientId, tokenUse: null, endpoint: pool.endpoint, fetch: pool.fetch })
  const bob = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false, verifier })
  const up = await bob.register('bob', PW, { attributes: { email: 'bob@example.com' } })
  const confirmed = await bob.confirmSignUp(pool.lastCode('bob', 'SignUp')!, undefined, { session: up.Session })
  assert.ok(confirmed.Session)
  await bob.userAuth({ session: confirmed.Session! })
  assert.equal((await bob.verifyTokens()).id['cognito:username'], 'bob')
})

test('MFA: SMS and SELECT_MFA_TYPE, MFA_SETUP with the Session, wrong codes', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ ...alice, mfa: ['SMS_MFA', 'EMAIL_OTP'] }] })
  const user = client(pool)
  await assert.rejects(user.authenticate(PW), (e: any) => e.challengeName === 'SELECT_MFA_TYPE')
  await assert.rejects(user.selectMfaType('SMS_MFA'), (e: any) => e.challengeName === 'SMS_MFA')
  await assert.rejects(user.respondToSmsMfaChallenge('000000' === pool.lastCode('alice', 'MFA') ? '111111' : '000000'), (e: any) => e.name === 'CodeMismatchException')
  await user.respondToSmsMfaChallenge(pool.lastCode('alice', 'MFA')!)
  assert.ok(user.accessToken)

  const strict = createLocalPool({ shareKeys: true, users: [alice], mfa: 'ON' })
  const u2 = client(strict)
  await assert.rejects(u2.authenticate(PW), (e: any) => e.challengeName === 'MFA_SETUP')
  const { secretCode, uri } = await u2.setupSoftwareTokenMfa({ issuer: 'Demo' })
  assert.match(uri, /^otpauth:\/\/totp\/Demo:alice\?secret=/)
  await u2.verifySoftwareTokenMfaSetup(await totp(secretCode, strict.now()))
  assert.ok(u2.accessToken)
  assert.deepEqual(strict.user('alice')!.mfa, ['SOFTWARE_TOKEN_MFA'])
})

test('CUSTOM_AUTH: with and without an SRP password check first', async () => {
  const pool = createLocalPool({
    shareKeys: true,
    users: [alice],
    customAuth: ({ results }) => (results.at(-1) ? { issueTokens: true } : results.length > 1 ? { failAuthentication: true } : { challenge: { parameters: { q: 'colour?' }, answer: 'blue' } }),
  })
  const user = client(pool)
  await assert.rejects(user.customAuth(), (e: any) => e.challengeName === 'CUSTOM_CHALLENGE')
  await user.respondToCustomChallenge('blue')
  assert.ok(user.accessToken)
  const withSrp = client(pool)
  await assert.rejects(withSrp.authenticate(PW, { flow: 'CUSTOM_AUTH' } as never), (e: any) => e.challengeName === 'CUSTOM_CHALLENGE')
  await withSrp.respondToCustomChallenge('blue')
  assert.ok(withSrp.accessToken)
  await assert.rejects(client(pool).authenticate('Wrong-pass1!', { flow: 'CUSTOM_AUTH' } as never), NotAuthorizedException)
})

test('devices, refresh, checkToken, revokeToken and logout against the pool', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice], deviceTracking: true, clients: [{ accessTokenValidity: 300 }] })
  const user = client(pool)
  const first = await user.authenticate(PW)
  assert.ok(first.newDevice)
  const device = await user.confirmDevice({ name: 'e2e' })
  const listed = await user.listDevices()
  assert.equal(listed.Devices?.length, 1)
  assert.equal((await user.getDevice())['DeviceKey'], device.deviceKey)
  // device SRP on the next sign-in, DEVICE_KEY on refresh
  const before = pool.calls.length
  await user.authenticate(PW)
  assert.equal(pool.calls.length - before, 4, 'InitiateAuth + PASSWORD_VERIFIER + DEVICE_SRP_AUTH + DEVICE_PASSWORD_VERIFIER')
  await user.renewAccessToken()
  assert.equal(await user.checkToken({ renew: false }), false, 'fresh token: not expired')
  // revokeToken: the refresh token stops working everywhere
  const copy = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch, retry: false, refreshToken: user.refreshToken!, ...device })
  await user.revokeToken()
  await assert.rejects(copy.renewAccessToken(), NotAuthorizedException)
  // forget the device, then logout
  await user.authenticate(PW)
  await user.forgetDevice()
  assert.equal(pool.user('alice')!.devices.filter((d) => d.confirmed).length, 0)
  await user.logout()
  assert.equal(user.accessToken, undefined)
  await assert.rejects(user.renewAccessToken(), NotAuthenticatedError)
})

/**
 * One `Cognito` instance shared by everything a busy app does at once: a new sign-in while a
 * renewal or a challenge answer of the one before it is still on its way. The local pool answers;
 * each race is ordered by holding one request until the test releases it (no timers).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, ExpiredSessionError, memoryStore, NotAuthenticatedError, NotAuthorizedException, SoftwareTokenMfaChallengeError } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { holding, manualClock } from '../support/local.ts'

const PASSWORD = 'Race-pass-1!'

function setup() {
  const clock = manualClock()
  const pool = createLocalPool({ clock: clock.now, users: [{ username: 'rae', password: PASSWORD, totpSecret: 'JBSWY3DPEHPK3PXP', mfa: ['SOFTWARE_TOKEN_MFA'] }, { username: 'sol', password: PASSWORD }] })
  const sent: string[] = []
  const net = holding((u, i) => (sent.push(String(i?.body)), pool.fetch(u, i)))
  const store = memoryStore()
  const user = (username: string) => new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: net.fetch, username, now: clock.now, store })
  return { clock, pool, net, store, user, sent }
}

test('a renewal asked for after a new sign-in is its own, not the renewal of the tokens that sign-in replaced', async () => {
  const { pool, net, store, user, sent } = setup()
  const sol = user('sol')
  await sol.authenticate(PASSWORD)
  const [old, held] = await net.start(/REFRESH_TOKEN_AUTH/, () => sol.renewAccessToken())
  const signedIn = await sol.authenticate(PASSWORD)
  // asked for after the sign-in: it renews the sign-in's tokens
  const renewed = sol.renewAccessToken()
  held.release()
  await assert.rejects(old, NotAuthenticatedError, 'the renewal of the replaced tokens does not bring them back')
  const r = await renewed
  assert.notEqual(r.accessToken, signedIn.accessToken)
  assert.equal(r.refreshToken, signedIn.refreshToken)
  assert.equal(sol.accessToken, r.accessToken)
  assert.equal(sol.refreshToken, signedIn.refreshToken)
  assert.equal(JSON.parse((await store.get(`${pool.clientId}.sol`))!).access, r.accessToken, 'saved')
  assert.equal(sent.filter((b) => b.includes('REFRESH_TOKEN_AUTH')).length, 2, 'one renewal each')
})

test('an answer whose Session expired after a new sign-in got its challenge leaves that challenge pending', async () => {
  const { clock, pool, net, user } = setup()
  const rae = user('rae')
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  clock.advance(181_000) // the first challenge's Session is now over
  const [late, held] = await net.start(/SOFTWARE_TOKEN_MFA_CODE/, async () => rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae')))
  // the user starts again meanwhile, and is asked for a code again
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  const second = rae.pendingChallenge
  held.release()
  await assert.rejects(late, ExpiredSessionError)
  assert.equal(rae.pendingChallenge, second, 'the new sign-in\'s challenge is still pending')
  const r = await rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae'))
  assert.equal(rae.accessToken, r.accessToken)
})

test('an answer that succeeds after a new sign-in got its challenge keeps that challenge pending', async () => {
  const { clock, pool, net, user } = setup()
  const rae = user('rae')
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  const [first, held] = await net.start(/SOFTWARE_TOKEN_MFA_CODE/, async () => rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae')))
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  const second = rae.pendingChallenge
  held.release()
  const r1 = await first
  assert.equal(rae.accessToken, r1.accessToken, 'its tokens are kept')
  assert.equal(rae.pendingChallenge, second, 'the new sign-in still waits for its code')
  clock.advance(30_000) // the next TOTP code: the pool refuses one used already
  const r2 = await rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae'))
  assert.equal(rae.accessToken, r2.accessToken)
  assert.equal(rae.pendingChallenge, undefined)
})

test('a sign-in that fails after a newer one got its challenge does not drop that challenge', async () => {
  const { pool, net, user } = setup()
  const rae = user('rae')
  const [wrong, held] = await net.start(/PASSWORD_VERIFIER/, () => rae.authenticate('Wrong-pass-1!'))
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  const pending = rae.pendingChallenge
  held.release()
  await assert.rejects(wrong, NotAuthorizedException)
  assert.equal(rae.pendingChallenge, pending)
  await rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae'))
  assert.ok(rae.accessToken)
})

test('confirmDevice answering after a new sign-in got another device: that device can still be confirmed, and the tokens renew', async () => {
  const pool = createLocalPool({ deviceTracking: true, users: [{ username: 'dee', password: PASSWORD }] })
  const net = holding(pool.fetch)
  const dee = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: net.fetch, username: 'dee' })
  await dee.authenticate(PASSWORD)
  const [confirming, held] = await net.start(/DeviceSecretVerifierConfig/, () => dee.confirmDevice())
  // signed in again before the first device was confirmed: Cognito issues another device
  await dee.authenticate(PASSWORD)
  const second = dee.newDevice
  held.release()
  const first = await confirming
  assert.notEqual(first.deviceKey, second?.deviceKey)
  assert.equal(dee.newDevice, second, 'the new sign-in\'s device is still waiting for confirmDevice')
  // the tokens are the second sign-in's: their renewal names the device they were issued to
  await dee.renewAccessToken()
  assert.equal((await dee.confirmDevice()).deviceKey, second?.deviceKey)
  assert.equal(dee.deviceCredentials?.deviceKey, second?.deviceKey)
})

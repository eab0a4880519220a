/**
 * One `Cognito` instance signed out (`logout()`, `revokeToken()`) while a sign-in, a challenge
 * answer or an MFA_SETUP step of an earlier sign-in is still on its way, and an MFA_SETUP step
 * overtaken by a newer sign-in. The local pool answers; each race is ordered by holding one
 * request until the test releases it (no timers).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, InternalErrorException, memoryStore, MfaSetupChallengeError, NotAuthenticatedError, SoftwareTokenMfaChallengeError } from '../../src/index.ts'
import { createLocalPool, totp } from '../../src/local/index.ts'
import { holding, manualClock } from '../support/local.ts'

const PASSWORD = 'Race-pass-1!'
/** The request bodies of GlobalSignOut and of AssociateSoftwareToken with a challenge Session. */
const GLOBAL_SIGN_OUT = /^\{"AccessToken"/
const ASSOCIATE = /^\{"Session"/

function setup(o: { mfa?: 'ON' } = {}) {
  const clock = manualClock()
  const pool = createLocalPool({ clock: clock.now, ...o, users: [{ username: 'rae', password: PASSWORD, totpSecret: 'JBSWY3DPEHPK3PXP', mfa: ['SOFTWARE_TOKEN_MFA'] }, { username: 'sol', password: PASSWORD }] })
  const net = holding(pool.fetch)
  const store = memoryStore()
  const user = (username: string) => new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: net.fetch, username, now: clock.now, store })
  const saved = async (username: string) => store.get(`${pool.clientId}.${username}`)
  return { clock, pool, net, user, saved }
}

for (const [call, end] of [
  ['logout()', (c: Cognito) => c.logout()],
  ['revokeToken()', (c: Cognito) => c.revokeToken()],
] as const) {
  test(`a sign-in on its way when ${call} is called stores nothing after it, and rejects with NotAuthenticatedError`, async () => {
    const { net, user, saved } = setup()
    const sol = user('sol')
    await sol.authenticate(PASSWORD)
    const [late, held] = await net.start(/PASSWORD_VERIFIER/, () => sol.authenticate(PASSWORD))
    await end(sol)
    held.release()
    await assert.rejects(late, NotAuthenticatedError)
    assert.equal(sol.accessToken, undefined, 'still signed out')
    assert.equal(sol.refreshToken, undefined)
    assert.equal(await saved('sol'), undefined, 'nothing saved')
    // a sign-in after the sign-out is the app's own
    const r = await sol.authenticate(PASSWORD)
    assert.equal(sol.accessToken, r.accessToken)
  })
}

test('a sign-in on its way at logout() that then gets a challenge: nothing is held to answer', async () => {
  const { clock, pool, net, user } = setup()
  const rae = user('rae')
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  await rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae'))
  clock.advance(30_000)
  const [late, held] = await net.start(/PASSWORD_VERIFIER/, () => rae.authenticate(PASSWORD))
  await rae.logout()
  held.release()
  await assert.rejects(late, NotAuthenticatedError)
  assert.equal(rae.pendingChallenge, undefined)
  assert.equal(rae.accessToken, undefined)
})

test('an MFA answer on its way when logout() is called stores nothing after it', async () => {
  const { clock, pool, net, user, saved } = setup()
  const rae = user('rae')
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  await rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae'))
  clock.advance(30_000)
  // signed in, and a second sign-in waits for its code
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  const [late, held] = await net.start(/SOFTWARE_TOKEN_MFA_CODE/, async () => rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae')))
  await rae.logout()
  held.release()
  await assert.rejects(late, NotAuthenticatedError)
  assert.equal(rae.accessToken, undefined)
  assert.equal(rae.pendingChallenge, undefined)
  assert.equal(await saved('rae'), undefined)
})

test('a logout() that fails leaves a sign-in on its way alone', async () => {
  const { pool, net, user } = setup()
  const sol = user('sol')
  await sol.authenticate(PASSWORD)
  const [late, held] = await net.start(/PASSWORD_VERIFIER/, () => sol.authenticate(PASSWORD))
  pool.failNext('GlobalSignOut', { times: 10 })
  await assert.rejects(sol.logout({ signal: AbortSignal.timeout(60_000) }), InternalErrorException)
  held.release()
  const r = await late
  assert.equal(sol.accessToken, r.accessToken)
})

test('a sign-in started while logout() is on its way is not undone by it', async () => {
  const { net, user, saved } = setup()
  const sol = user('sol')
  await sol.authenticate(PASSWORD)
  const out = net.hold(GLOBAL_SIGN_OUT)
  const loggingOut = sol.logout()
  await out.sent
  // the user signs in again before the sign-out has answered; that sign-in answers after it
  const verifier = net.hold(/PASSWORD_VERIFIER/)
  const again = sol.authenticate(PASSWORD)
  await verifier.sent
  out.release()
  await loggingOut
  verifier.release()
  const r = await again
  assert.equal(sol.accessToken, r.accessToken)
  assert.equal(JSON.parse((await saved('sol'))!).access, r.accessToken)
})

for (const [call, end, sent] of [
  ['logout()', (c: Cognito) => c.logout(), GLOBAL_SIGN_OUT],
  ['revokeToken()', (c: Cognito) => c.revokeToken(), /^\{"Token"/],
  ['deleteUser()', (c: Cognito) => c.deleteUser(), /^\{"AccessToken"/],
] as const) {
  test(`a sign-in started while ${call} is on its way and finished before it answers keeps its tokens`, async () => {
    const { net, user, saved } = setup()
    const sol = user('sol')
    await sol.authenticate(PASSWORD)
    const [ending, out] = await net.start(sent, () => end(sol))
    // the user signs in again, and that sign-in is done before the sign-out has answered
    const r = await sol.authenticate(PASSWORD)
    out.release()
    await ending
    assert.equal(sol.accessToken, r.accessToken, 'the new sign-in\'s tokens are held')
    assert.equal(sol.refreshToken, r.refreshToken)
    assert.equal(JSON.parse((await saved('sol'))!).access, r.accessToken, 'and stored')
  })
}

test('a sign-in started while logout() is on its way and stopped at a challenge keeps that challenge when the sign-out answers', async () => {
  const { net, user, pool, saved, clock } = setup()
  const rae = user('rae')
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  await rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae'))
  const [ending, out] = await net.start(GLOBAL_SIGN_OUT, () => rae.logout())
  await assert.rejects(rae.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  const challenge = rae.pendingChallenge
  out.release()
  await ending
  assert.equal(rae.accessToken, undefined, 'the tokens signed out are gone')
  assert.equal(await saved('rae'), undefined)
  assert.equal(rae.pendingChallenge, challenge, 'the new sign-in\'s challenge is still pending')
  clock.advance(30_000) // a new TOTP window: a code is taken once
  const r = await rae.respondToSoftwareTokenMfaChallenge(await pool.totpCode('rae'))
  assert.equal(rae.accessToken, r.accessToken)
})

test('two sign-outs answering out of order still refuse a sign-in started before the later one', async () => {
  const { net, user } = setup()
  const sol = user('sol')
  await sol.authenticate(PASSWORD)
  const [first, held1] = await net.start(GLOBAL_SIGN_OUT, () => sol.logout())
  const [late, held2] = await net.start(/PASSWORD_VERIFIER/, () => sol.authenticate(PASSWORD))
  const [second, held3] = await net.start(/^\{"Token"/, () => sol.revokeToken())
  // the later sign-out answers first, then the earlier one: the sign-in started between them stays refused
  held3.release(); await second.catch(() => {})
  held1.release(); await first.catch(() => {})
  held2.release()
  await assert.rejects(late, NotAuthenticatedError)
  assert.equal(sol.accessToken, undefined)
})

test('setupSoftwareTokenMfa answering after a new sign-in got its challenge leaves that challenge pending', async () => {
  const { net, user, pool } = setup({ mfa: 'ON' })
  const sol = user('sol')
  await assert.rejects(sol.authenticate(PASSWORD), MfaSetupChallengeError)
  const [first, held] = await net.start(ASSOCIATE, () => sol.setupSoftwareTokenMfa())
  await assert.rejects(sol.authenticate(PASSWORD), MfaSetupChallengeError)
  const second = sol.pendingChallenge
  held.release()
  assert.ok((await first).secretCode, 'its own caller gets its secret')
  assert.equal(sol.pendingChallenge, second, 'the new sign-in\'s challenge is still pending')
  const { secretCode } = await sol.setupSoftwareTokenMfa()
  const r = await sol.verifySoftwareTokenMfaSetup(await totp(secretCode, pool.now()))
  assert.equal(sol.accessToken, r.accessToken)
})

test('setupSoftwareTokenMfa answering after logout() rejects with NotAuthenticatedError and holds nothing', async () => {
  const { net, user, pool } = setup({ mfa: 'ON' })
  const sol = user('sol')
  await assert.rejects(sol.authenticate(PASSWORD), MfaSetupChallengeError)
  const { secretCode } = await sol.setupSoftwareTokenMfa()
  await sol.verifySoftwareTokenMfaSetup(await totp(secretCode, pool.now()))
  // signed in; TOTP is taken away, so the next sign-in must set it up again
  pool.setMfa('sol', { totp: false })
  await assert.rejects(sol.authenticate(PASSWORD), MfaSetupChallengeError)
  const [late, held] = await net.start(ASSOCIATE, () => sol.setupSoftwareTokenMfa())
  await sol.logout()
  held.release()
  await assert.rejects(late, NotAuthenticatedError)
  assert.equal(sol.pendingChallenge, undefined)
  assert.equal(sol.accessToken, undefined)
})

test('a subclass finishing a sign-in of its own through handleAuthResponse after logout() keeps its tokens', async () => {
  // the protected hooks AdminCognito-style subclasses drive a sign-in with: the answer is the latest sign-in's
  class PasswordUser extends Cognito {
    async passwordSignIn(password: string) {
      const resp = await this.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: this.username!, PASSWORD: password } })
      return this.handleAuthResponse(resp, this.username)
    }
  }
  const { pool, net } = setup()
  const sol = new PasswordUser({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: net.fetch, username: 'sol' })
  await sol.authenticate(PASSWORD)
  await sol.logout()
  const r = await sol.passwordSignIn(PASSWORD)
  assert.equal(sol.accessToken, r.accessToken)
})

test('tokens restored from the store or given to the constructor (no sign-in on this instance) are forgotten by logout() and revokeToken()', async () => {
  const { pool, net, user, saved } = setup()
  await user('sol').authenticate(PASSWORD)
  const restored = user('sol')
  assert.equal(await restored.restore(), true)
  await restored.logout()
  assert.equal(restored.accessToken, undefined, 'logout() of restored tokens')
  assert.equal(await saved('sol'), undefined, 'the stored session is removed')
  const t = await user('sol').authenticate(PASSWORD)
  const given = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: net.fetch, username: 'sol', accessToken: t.accessToken, idToken: t.idToken, refreshToken: t.refreshToken })
  await given.revokeToken()
  assert.equal(given.refreshToken, undefined, 'revokeToken() of given tokens')
  assert.equal(given.accessToken, undefined)
})

/**
 * The functions that start a sign-in (`authenticate`, `userAuth`, `customAuth`, `signIn`),
 * replayed from the recorded fixtures with every request asserted: the steps they return, the
 * SRP proofs (checked by the independent server), SECRET_HASH recomputed, and the errors.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as errors from '../../src/errors.ts'
import { authenticate, call, createClient, customAuth, signIn, userAuth, type AuthStep } from '../../src/index.ts'
import { createSrpSession } from '../../src/srp.ts'
import { answerOf, assertion, checkSecretHashes, clientFor, noFetch, offlineClient, paramsSent, refused, tokensFrom } from '../support/function-replay.ts'
import { loginFixtures } from '../support/login-fixtures.ts'
import { replay } from '../support/replay.ts'
import { checkSrp, seededRng } from '../support/signin.ts'
import { CLIENT, DEVICE_GROUP, DEVICE_KEY, DEVICE_PASSWORD, NOW, PASSWORD, POOL, SECRET, SUB, TYPED } from '../support/signin-data.ts'
import srpSecret from '../../fixtures/signin-srp-secret.json' with { type: 'json' }
import deviceSrp from '../../fixtures/signin-device-srp.json' with { type: 'json' }
import uaSignup from '../../fixtures/signin-user-auth-after-signup.json' with { type: 'json' }
import uaPassword from '../../fixtures/signin-user-auth-password.json' with { type: 'json' }
import uaWebauthn from '../../fixtures/signin-user-auth-webauthn.json' with { type: 'json' }
import totp from '../../fixtures/signin-totp-retry.json' with { type: 'json' }

const device = { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: DEVICE_PASSWORD }

const hexBytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16))

// The login fixtures (real captures and their hostile variants) through the functions alone.
for (const [name, fx] of Object.entries(loginFixtures)) {
  test(`login fixture through ${'password' in fx.call ? 'authenticate' : 'call'}: ${name}`, async () => {
    const ctl = new AbortController()
    const r = replay(fx, { onHold: () => ctl.abort() })
    const { username, ...ids } = fx.client
    const inject = fx.inject
    // retries without delay, as the class replay runs them: attempt counts are asserted, never time
    // the recorded clock and private value where SRP needs them, else a fixed clock
    const now = inject?.now ?? Date.UTC(2022, 0, 3, 9)
    const client = createClient({ ...ids, fetch: r.fetch, retry: { random: () => 0 }, now: () => now, ...(inject ? { rng: (n: number) => hexBytes(inject.privateValue.padStart(2 * n, '0')) } : {}) })
    const c = fx.call
    const run: Promise<unknown> =
      'password' in c
        ? authenticate(client, { username, password: c.password, signal: ctl.signal, ...(c.flow ? { flow: c.flow } : {}) })
        : call(client, c.operation as 'ResendConfirmationCode', c.input as never, { signal: ctl.signal, ...(c.retryUnsafe ? { retryUnsafe: true } : {}) })
    const e = fx.expect
    if (e.error) {
      const cls = (errors as unknown as Record<string, new (...a: never[]) => Error>)[e.error]
      assert.ok(cls, e.error)
      const err = await run.then(() => assert.fail('must fail'), (x: unknown) => x)
      assert.ok(err instanceof cls, `expected ${e.error}, got ${String(err)}`)
      const ce = err as errors.CognitoError
      if (e.status !== undefined) assert.equal(ce.status, e.status)
      if (e.message !== undefined) assert.equal(ce.message, e.message)
      if (e.requestId !== undefined) assert.equal(ce.requestId, e.requestId)
      if ('password' in c) assert.ok(!(JSON.stringify(err) + String(err)).includes(c.password), 'no password in the error')
    } else {
      const step = (await run) as AuthStep
      const recorded = fx.expect.tokens as Record<string, unknown>
      const sentSrp = r.seen.some((s) => s.operation === 'RespondToAuthChallenge')
      // the internal username is known from the PASSWORD_VERIFIER challenge; a one-step login names none
      assert.deepEqual(step, { tokens: tokensFrom({ AuthenticationResult: recorded }, now), username: sentSrp ? e.internalUsername : undefined })
    }
    r.done()
    assert.equal(r.seen.length, fx.interactions.length, 'number of attempts')
    await checkSecretHashes(r.seen, ids.clientId, ids.clientSecret)
    const srv = fx.srpServer
    if (srv && r.seen.some((s) => (s.body as { ChallengeName?: string }).ChallengeName === 'PASSWORD_VERIFIER')) {
      // the independent server accepts the proof of the right password and rejects a wrong one
      if (srv.accepts) assert.equal(checkSrp({ srp: srv }, r.seen).length, 1)
      else assert.throws(() => checkSrp({ srp: srv }, r.seen), /verifies against the server-side SRP/)
    }
  })
}

test('authenticate (SRP, client secret): tokens and the internal username; SECRET_HASH over the typed name, then USERNAME', async () => {
  const { client, done, seen } = clientFor(srpSecret, { clientSecret: SECRET })
  const step = await authenticate(client, { username: TYPED, password: PASSWORD })
  done()
  assert.deepEqual(step, { tokens: tokensFrom(answerOf(srpSecret)), username: SUB })
  assert.equal(checkSrp(srpSecret, seen).length, 1)
  assert.deepEqual(await checkSecretHashes(seen, CLIENT, SECRET), [TYPED, SUB])
  assert.ok(!JSON.stringify(seen).includes(PASSWORD), 'the password never leaves the device')
})

test('authenticate with a remembered device: DEVICE_SRP_AUTH with a fresh SRP_A, DEVICE_PASSWORD_VERIFIER verified independently', async () => {
  const { client, done, seen } = clientFor(deviceSrp)
  const step = await authenticate(client, { username: TYPED, password: PASSWORD, device })
  done()
  assert.deepEqual(step, { tokens: tokensFrom(answerOf(deviceSrp)), username: SUB })
  const [userA, deviceA] = checkSrp(deviceSrp, seen)
  assert.ok(userA && deviceA, 'both verifier answers were checked')
  assert.notEqual(userA, deviceA, 'the device step uses a fresh private value')
  assert.ok(!JSON.stringify(seen).includes(DEVICE_PASSWORD), 'the device password is never sent')
})

test('authenticate without device credentials returns DEVICE_SRP_AUTH as a challenge step', async () => {
  // the same exchange for a client that sent no DEVICE_KEY
  const fixture = JSON.parse(JSON.stringify({ ...deviceSrp, interactions: deviceSrp.interactions.slice(0, 2) }))
  delete fixture.interactions[0].request.body.AuthParameters.DEVICE_KEY
  delete fixture.interactions[1].request.body.ChallengeResponses.DEVICE_KEY
  const { client, done, seen } = clientFor(fixture)
  const step = await authenticate(client, { username: TYPED, password: PASSWORD })
  done()
  checkSrp(deviceSrp, seen)
  assert.deepEqual(step.challenge, { name: 'DEVICE_SRP_AUTH', parameters: {}, session: 'AYABeExampleSession-0021-opaque-server-state', username: SUB, availableChallenges: undefined })
  assert.deepEqual(step.response, answerOf(deviceSrp, 1))
})

test('authenticate sends the prepared SRP session, and takes fresh ones from newSrp (user, then device)', async () => {
  const prepared = createSrpSession(seededRng(99))
  const a = clientFor(srpSecret, { clientSecret: SECRET })
  await authenticate(a.client, { username: TYPED, password: PASSWORD, srp: prepared })
  a.done()
  assert.equal(paramsSent(a.seen[0])['SRP_A'], prepared.A.toString(16))
  assert.deepEqual(checkSrp(srpSecret, a.seen), [prepared.A.toString(16)])

  const made: string[] = []
  const rng = seededRng(5)
  const newSrp = () => {
    const s = createSrpSession(rng)
    made.push(s.A.toString(16))
    return s
  }
  const b = clientFor(deviceSrp)
  await authenticate(b.client, { username: TYPED, password: PASSWORD, device }, newSrp)
  b.done()
  assert.equal(made.length, 2)
  assert.deepEqual(checkSrp(deviceSrp, b.seen), made)
})

test('userAuth with the Session of a sign-up: tokens without a password', async () => {
  const { client, done } = clientFor(uaSignup)
  const step = await userAuth(client, { username: TYPED, session: 'AYABeExampleSession-0020-opaque-server-state' })
  done()
  assert.deepEqual(step, { tokens: tokensFrom(answerOf(uaSignup)), username: undefined })
})

test('userAuth preferring PASSWORD: the password in AuthParameters, tokens in one round trip', async () => {
  const { client, done } = clientFor(uaPassword)
  const step = await userAuth(client, { username: TYPED, preferred: 'PASSWORD', password: PASSWORD })
  done()
  assert.deepEqual(step, { tokens: tokensFrom(answerOf(uaPassword)), username: undefined })
})

test('userAuth preferring WEB_AUTHN calls the assertion function with the parsed options', async () => {
  const { client, done } = clientFor(uaWebauthn)
  const got: Record<string, unknown>[] = []
  const step = await userAuth(client, { username: TYPED, preferred: 'WEB_AUTHN', webauthn: async (o) => (got.push(o), assertion) })
  done()
  const options = JSON.parse((answerOf(uaWebauthn, 0)['ChallengeParameters'] as Record<string, string>)['CREDENTIAL_REQUEST_OPTIONS']!)
  assert.deepEqual(got, [options])
  assert.equal(options['rpId'], 'example.com')
  assert.deepEqual(step, { tokens: tokensFrom(answerOf(uaWebauthn)), username: SUB })
})

test('userAuth: WEB_AUTHN options that are not JSON are a ResponseError; the assertion function is never called', async () => {
  const fixture = JSON.parse(JSON.stringify({ ...uaWebauthn, interactions: uaWebauthn.interactions.slice(0, 1) }))
  fixture.interactions[0].response.body.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS = '<html>'
  const { client, done } = clientFor(fixture)
  let called = false
  await assert.rejects(userAuth(client, { username: TYPED, preferred: 'WEB_AUTHN', webauthn: async () => (called = true) }), errors.ResponseError)
  done()
  assert.equal(called, false)
})

test('signIn: tokens in one call (client secret), or a ChallengeError carrying the challenge', async () => {
  const base = { userPoolId: POOL, clientId: CLIENT, clientSecret: SECRET, username: TYPED, password: PASSWORD, now: () => NOW, rng: seededRng(), retry: false as const }
  const ok = replay(srpSecret)
  assert.deepEqual(await signIn({ ...base, fetch: ok.fetch }), tokensFrom(answerOf(srpSecret)))
  ok.done()
  assert.equal(checkSrp(srpSecret, ok.seen).length, 1)
  const mfa = replay({ ...totp, interactions: totp.interactions.slice(0, 2) })
  await assert.rejects(signIn({ ...base, fetch: mfa.fetch }), (e: unknown) => {
    assert.ok(e instanceof errors.ChallengeError)
    assert.equal(e.challengeName, 'SOFTWARE_TOKEN_MFA')
    assert.equal(e.session, 'AYABeExampleSession-0002-opaque-server-state')
    return true
  })
  mfa.done()
})

test('sign-in arguments are checked before any request', async () => {
  const client = offlineClient()
  await refused(() => authenticate(client, { username: TYPED, password: '' }), '"password"')
  await refused(() => authenticate(client, { username: '', password: PASSWORD }), '"username"')
  await refused(() => authenticate(client, { username: TYPED, password: PASSWORD, flow: 'ADMIN_USER_PASSWORD_AUTH' as never }), '"flow"', 'ERR_INVALID_ARG_VALUE')
  await refused(() => customAuth(client, { username: '' }), '"username"')
  await refused(() => userAuth(client, { username: TYPED, preferred: 'PASSWORD' }), '"password"')
  await refused(() => userAuth(client, { username: TYPED, preferred: 'OTP' as never }), '"challenge"', 'ERR_INVALID_ARG_VALUE')
  await refused(() => userAuth(client, { username: TYPED, preferred: 'WEB_AUTHN', webauthn: 'yes' as never }), '"webauthn"')
  await refused(() => signIn({ userPoolId: POOL, clientId: CLIENT, username: TYPED, password: '', fetch: noFetch }), '"password"')
  await refused(() => signIn({ userPoolId: 'not a pool', clientId: CLIENT, username: TYPED, password: PASSWORD, fetch: noFetch }), 'userPoolId')
})

/**
 * `Cognito` session behaviour no other test guarded, found by mutation testing
 * (`scripts/mutate.mjs` on src/cognito-session.ts): what `resumeChallenge` refuses, `verifyTokens`
 * with one token missing, what a continuation with no pending challenge says, per-call options of
 * `call` and of the protected `request` hook a subclass uses, `setInternalUsername`, what a sign-out
 * forgets and what a refused new sign-in drops, `prepareSrp`, what `restore` drops, argument checks
 * of `newPasswordChallenge` and `renewAccessToken`. A stand-in `fetch` counts requests; the local pool answers
 * where a server is needed.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito, memoryStore, NotAuthenticatedError, NotAuthorizedException } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const ids = { userPoolId: 'us-east-1_AbC123', clientId: 'client1', username: 'alice' }

/** A Cognito whose `fetch` only counts requests. */
function cognito(extra: Record<string, unknown> = {}) {
  const sent: string[] = []
  const fetch = async (url: string): Promise<Response> => (sent.push(url), new Response('{}', { status: 400 }))
  return { sent, user: new Cognito({ ...ids, fetch, retry: false, ...extra }) }
}

test('resumeChallenge refuses anything but a saved pendingChallenge, naming "challenge", and holds nothing', () => {
  const { user } = cognito()
  const good = { name: 'SOFTWARE_TOKEN_MFA', username: 'alice', session: 'opaque-session', parameters: {}, availableChallenges: undefined }
  for (const bad of [null, { ...good, name: '' }, { ...good, username: '' }, { ...good, session: 42 }, { ...good, parameters: undefined }]) {
    assert.throws(() => user.resumeChallenge(bad as never), (e: unknown) => e instanceof ArgumentError && /"challenge"/.test(e.message), JSON.stringify(bad))
    assert.equal(user.pendingChallenge, undefined)
  }
  user.resumeChallenge(good)
  assert.deepEqual(user.pendingChallenge, good)
})

test('verifyTokens with only one of the two tokens is NotAuthenticatedError, before any JWKS request', async () => {
  for (const held of [{ accessToken: 'a.b.c' }, { idToken: 'a.b.c' }]) {
    const { user, sent } = cognito(held)
    await assert.rejects(user.verifyTokens(), (e: unknown) => e instanceof NotAuthenticatedError && /verifyTokens/.test(e.message), Object.keys(held)[0])
    assert.deepEqual(sent, [])
  }
})

test('a continuation with no pending challenge says which challenge it answers', async () => {
  const { user, sent } = cognito()
  await assert.rejects(user.respondToSoftwareTokenMfaChallenge('123456'), (e: unknown) => e instanceof NotAuthenticatedError && e.message === 'SOFTWARE_TOKEN_MFA: no pending SOFTWARE_TOKEN_MFA challenge')
  await assert.rejects(user.respondToEmailOtpChallenge('123456'), (e: unknown) => e instanceof NotAuthenticatedError && e.message === 'EMAIL_OTP: no pending EMAIL_OTP challenge')
  await assert.rejects(user.respondToCustomChallenge('4'), (e: unknown) => e instanceof NotAuthenticatedError && e.message === 'CUSTOM_CHALLENGE: no pending CUSTOM_CHALLENGE challenge')
  assert.deepEqual(sent, [])
})

test('call checks its per-call options before any request', async () => {
  const { user, sent } = cognito()
  const input = { ClientId: ids.clientId, Username: 'alice' }
  await assert.rejects(user.call('ForgotPassword', input, { timeout: -5 }), (e: unknown) => e instanceof ArgumentError && /"timeout"/.test(e.message))
  await assert.rejects(user.call('ForgotPassword', input, { signal: 'stop' as never }), (e: unknown) => e instanceof ArgumentError && /"signal"/.test(e.message))
  assert.deepEqual(sent, [])
})

test('newPasswordChallenge with no pending challenge signs in first: a wrong password is NotAuthorizedException, not "no pending challenge"', async () => {
  const local = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct-horse!' }] })
  const user = new Cognito({ userPoolId: local.poolId, clientId: local.clientId, username: 'alice', endpoint: local.endpoint, fetch: local.fetch, retry: false })
  await assert.rejects(user.newPasswordChallenge('Wr0ng-horse!', 'N3w-passw0rd!'), NotAuthorizedException)
})

test('logout forgets the unconfirmed new device and the verified claims with the tokens', async () => {
  const local = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct-horse!' }], deviceTracking: true })
  const user = new Cognito({ userPoolId: local.poolId, clientId: local.clientId, username: 'alice', endpoint: local.endpoint, fetch: local.fetch, retry: false })
  await user.authenticate('Corr3ct-horse!')
  await user.verifyTokens()
  assert.ok(user.newDevice && user.idClaims && user.accessClaims)
  await user.logout()
  assert.deepEqual([user.accessToken, user.newDevice, user.idClaims, user.accessClaims, user.pendingChallenge], [undefined, undefined, undefined, undefined, undefined])
})

test('call with bad per-call options is refused before the token is renewed (no refresh request is sent)', async () => {
  const { user, sent } = cognito({ refreshToken: 'a-stored-refresh-token' })
  // only a refresh token: an access-token operation would renew first, which may rotate it
  await assert.rejects(user.call('GetUser', {}, { signal: 'soon' as never }), (e: unknown) => e instanceof ArgumentError && /"signal"/.test(e.message))
  await assert.rejects(user.call('GetUser', {}, { headers: { 'x-n': 1 } as never }), (e: unknown) => e instanceof ArgumentError && /"headers\.x-n"/.test(e.message))
  assert.deepEqual(sent, [])
})

test('the protected request hook a subclass calls checks its per-call options before any request', async () => {
  // `request` is documented for subclasses ("send one operation with this instance's transport options")
  class Sub extends Cognito {
    async send(options: object): Promise<unknown> { return this.request('ForgotPassword', { ClientId: ids.clientId, Username: 'alice' }, options) }
  }
  const sent: string[] = []
  const user = new Sub({ ...ids, retry: false, fetch: async (url: string) => (sent.push(url), new Response('{}', { status: 400 })) })
  await assert.rejects(user.send({ timeout: -1 }), (e: unknown) => e instanceof ArgumentError && /"timeout"/.test(e.message))
  await assert.rejects(user.send({ headers: { Authorization: 'Bearer x' } }), (e: unknown) => e instanceof ArgumentError && /"headers"/.test(e.message))
  assert.deepEqual(sent, [])
})

test('setInternalUsername, the protected hook a subclass uses, is what internalUsername reports from then on', () => {
  class Sub extends Cognito {
    learn(name: string): void { this.setInternalUsername(name) }
  }
  const user = new Sub({ ...ids, retry: false, fetch: async () => new Response('{}', { status: 400 }) })
  assert.equal(user.internalUsername, 'alice', 'falls back to username')
  user.learn('2f5b4c1e-7d3a-4e8b-9c0d-1a2b3c4d5e6f')
  assert.equal(user.internalUsername, '2f5b4c1e-7d3a-4e8b-9c0d-1a2b3c4d5e6f')
  assert.equal(user.username, 'alice')
})

test('a new sign-in that Cognito refuses drops the challenge held from an earlier one, and the internal name it named', async () => {
  const local = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct-horse!' }] })
  const user = new Cognito({ userPoolId: local.poolId, clientId: local.clientId, username: 'alice', endpoint: local.endpoint, fetch: local.fetch, retry: false })
  // a challenge saved by an earlier request (pycognito's mfa_tokens), held again
  user.resumeChallenge({ name: 'SOFTWARE_TOKEN_MFA', username: 'an-earlier-internal-name', session: 'an-earlier-session', parameters: {}, availableChallenges: undefined })
  await assert.rejects(user.authenticate('Wr0ng-horse!'), NotAuthorizedException)
  assert.equal(user.pendingChallenge, undefined, 'the old challenge must not be answerable after a failed new sign-in')
  assert.equal(user.internalUsername, 'alice')
  await assert.rejects(user.respondToSoftwareTokenMfaChallenge('123456'), NotAuthenticatedError)
})

test('prepareSrp draws the SRP private value at once, and the next authenticate uses it instead of drawing again', async () => {
  const local = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct-horse!' }] })
  let draws = 0
  const rng = (n: number): Uint8Array => (draws++, crypto.getRandomValues(new Uint8Array(n)))
  const user = new Cognito({ userPoolId: local.poolId, clientId: local.clientId, username: 'alice', endpoint: local.endpoint, fetch: local.fetch, retry: false, rng })
  user.prepareSrp()
  const drawn = draws
  assert.ok(drawn > 0, 'prepareSrp drew nothing')
  await user.authenticate('Corr3ct-horse!')
  assert.ok(user.accessToken)
  assert.equal(draws, drawn, 'authenticate drew a new private value although one was prepared')
})

test('resumeChallenge makes the username of the challenge the internal name later requests use', () => {
  const { user } = cognito({ username: 'alice@example.com' })
  // an alias sign-in: Cognito's challenge names the user by its internal name (the sub)
  const sub = '2f5b4c1e-7d3a-4e8b-9c0d-1a2b3c4d5e6f'
  user.resumeChallenge({ name: 'SOFTWARE_TOKEN_MFA', username: sub, session: 'opaque-session', parameters: {}, availableChallenges: undefined })
  assert.equal(user.internalUsername, sub)
})

test('newPasswordChallenge refuses a non-string newPassword before signing in', async () => {
  const { user, sent } = cognito()
  await assert.rejects(user.newPasswordChallenge('Corr3ct-horse!', undefined as never), (e: unknown) => e instanceof ArgumentError && /"newPassword"/.test(e.message))
  assert.deepEqual(sent, [])
})

test('renewAccessToken checks its per-call options first: an ArgumentError, with or without a refresh token, and no request', async () => {
  for (const held of [{}, { refreshToken: 'a-stored-refresh-token' }]) {
    const { user, sent } = cognito(held)
    await assert.rejects(user.renewAccessToken({ timeout: -5 } as never), (e: unknown) => e instanceof ArgumentError && /"timeout"/.test(e.message), JSON.stringify(held))
    assert.deepEqual(sent, [])
  }
})

test('restore drops a challenge held from an earlier sign-in along with loading the saved tokens', async () => {
  const local = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct-horse!' }] })
  const store = memoryStore()
  const opts = { userPoolId: local.poolId, clientId: local.clientId, username: 'alice', endpoint: local.endpoint, fetch: local.fetch, retry: false as const, store }
  const first = new Cognito(opts)
  await first.authenticate('Corr3ct-horse!')
  const later = new Cognito(opts)
  later.resumeChallenge({ name: 'SOFTWARE_TOKEN_MFA', username: 'alice', session: 'an-earlier-session', parameters: {}, availableChallenges: undefined })
  assert.equal(await later.restore(), true)
  assert.equal(later.accessToken, first.accessToken)
  assert.equal(later.pendingChallenge, undefined)
  await assert.rejects(later.respondToSoftwareTokenMfaChallenge('123456'), NotAuthenticatedError)
})

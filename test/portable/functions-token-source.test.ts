/**
 * `createTokenSource` + `authFetch` with no class: an app that kept a refresh token calls its API
 * as the user. Replayed from the recorded refresh fixtures with every request asserted: the first
 * request refreshes (once for any number of concurrent ones), `onRenew` sees the new tokens
 * (rotated where the client rotates them), a revoked refresh token rejects.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authFetch, createTokenSource, NotAuthenticatedError, NotAuthorizedException, type AuthResult } from '../../src/index.ts'
import { answerOf, clientFor, offlineClient, refused, tokensFrom } from '../support/function-replay.ts'
import { DEVICE_KEY, NOW, REFRESH, REFRESH2, SECRET, SUB, token } from '../support/signin-data.ts'
import afRefresh from '../../fixtures/signin-authfetch-refresh.json' with { type: 'json' }
import refreshSecret from '../../fixtures/signin-refresh-secret.json' with { type: 'json' }
import rotation from '../../fixtures/signin-refresh-rotation.json' with { type: 'json' }
import revoked from '../../fixtures/signin-refresh-revoked.json' with { type: 'json' }
import refreshDevice from '../../fixtures/signin-refresh-device.json' with { type: 'json' }

/** The app's own API: records the Authorization header of every request. */
function api() {
  const auth: string[] = []
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    auth.push(new Headers(init?.headers).get('authorization') ?? '')
    return new Response('ok')
  }
  return { auth, fetch }
}

test('from a stored refresh token: 100 concurrent requests share one refresh and all carry the new access token', async () => {
  const { client, done, seen } = clientFor(afRefresh)
  const renewed: AuthResult[] = []
  const source = createTokenSource(client, { refreshToken: REFRESH, onRenew: (t) => void renewed.push(t) })
  assert.equal(source.accessToken, undefined)
  const app = api()
  const call = authFetch(source, { fetch: app.fetch })
  const res = await Promise.all(Array.from({ length: 100 }, () => call('https://api.example.com/me')))
  done()
  assert.equal(seen.length, 1, 'exactly one refresh request')
  assert.equal(res.length, 100)
  const expected = tokensFrom(answerOf(afRefresh))
  // no refresh token came back: onRenew gets the one to keep persisting, the stored one
  assert.deepEqual(renewed, [{ ...expected, refreshToken: REFRESH }])
  assert.deepEqual(new Set(app.auth), new Set([`Bearer ${expected.accessToken}`]))
  assert.equal(app.auth.length, 100)
  assert.equal(source.accessToken, expected.accessToken)
  assert.equal(source.idToken, expected.idToken)
  assert.equal(source.refreshToken, REFRESH, 'no rotation: the stored refresh token stays')
  // fresh now: the next request sends no refresh (the replay has nothing left to answer)
  await call('https://api.example.com/me')
  assert.equal(seen.length, 1)
})

test('one source behind several authFetch wrappers (access and ID token) and direct checkToken calls: still one refresh', async () => {
  const { client, done, seen } = clientFor(afRefresh)
  const source = createTokenSource(client, { refreshToken: REFRESH })
  const access = api()
  const id = api()
  const calls = [authFetch(source, { fetch: access.fetch }), authFetch(source, { fetch: id.fetch, tokenType: 'id' })]
  const checks = await Promise.all([...calls.map((f) => f('https://api.example.com/me')), source.checkToken({}), source.checkToken({ margin: 0 })])
  done()
  assert.equal(seen.length, 1, 'exactly one refresh request')
  assert.deepEqual(checks.slice(2), [true, true], 'both saw expired tokens and waited for the one refresh')
  const expected = tokensFrom(answerOf(afRefresh))
  assert.deepEqual([access.auth, id.auth], [[`Bearer ${expected.accessToken}`], [`Bearer ${expected.idToken}`]])
})

test('rotation: onRenew sees the rotated refresh token, and the source uses it from then on', async () => {
  const { client, done } = clientFor(rotation, { clientSecret: SECRET })
  const renewed: AuthResult[] = []
  const source = createTokenSource(client, { refreshToken: REFRESH, rotation: true, deviceKey: DEVICE_KEY, onRenew: async (t) => void renewed.push(t) })
  const app = api()
  await authFetch(source, { fetch: app.fetch, tokenType: 'id' })('https://api.example.com/me')
  done()
  const expected = tokensFrom(answerOf(rotation))
  assert.deepEqual(renewed, [expected])
  assert.equal(renewed[0]?.refreshToken, REFRESH2)
  assert.equal(source.refreshToken, REFRESH2)
  assert.deepEqual(app.auth, [`Bearer ${expected.idToken}`])
})

test('an access token that is still fresh is sent as it is; one about to expire is renewed (SECRET_HASH over the stored username)', async () => {
  const fresh = createTokenSource(offlineClient(), { refreshToken: REFRESH, accessToken: token('access') })
  const app = api()
  await authFetch(fresh, { fetch: app.fetch })('https://api.example.com/me')
  assert.deepEqual(app.auth, [`Bearer ${fresh.accessToken}`])

  const { client, done } = clientFor(refreshSecret, { clientSecret: SECRET })
  const expiring = token('access', { exp: NOW / 1000 + 30 })
  const source = createTokenSource(client, { refreshToken: REFRESH, accessToken: expiring, username: SUB })
  assert.equal(await source.checkToken({}), true, 'within the default 60 s margin')
  done()
  assert.equal(source.accessToken, tokensFrom(answerOf(refreshSecret)).accessToken)
  assert.equal(await source.checkToken({}), false)
})

test('a revoked refresh token: the request rejects with NotAuthorizedException, the app\'s API is not called, nothing is lost', async () => {
  const { client, done } = clientFor(revoked)
  let renewed = 0
  const source = createTokenSource(client, { refreshToken: REFRESH, onRenew: () => void renewed++ })
  const app = api()
  await assert.rejects(authFetch(source, { fetch: app.fetch })('https://api.example.com/me'), (e: unknown) => e instanceof NotAuthorizedException && e.message === 'Refresh Token has been revoked')
  done()
  assert.deepEqual(app.auth, [])
  assert.equal(renewed, 0)
  assert.equal(source.refreshToken, REFRESH)
  assert.equal(source.accessToken, undefined)
})

test('createTokenSource needs a refresh token; authFetch cannot sign in again with a token source', async () => {
  await refused(() => createTokenSource(offlineClient(), { refreshToken: '' }), '"refreshToken"')
  const source = createTokenSource(offlineClient(), { refreshToken: REFRESH, accessToken: token('access') })
  await refused(() => authFetch(source, { password: 'pw' }), '"password" needs a source that can sign in')
  const empty = { accessToken: undefined, idToken: undefined, refreshToken: undefined, checkToken: async () => false }
  await assert.rejects(authFetch(empty, { fetch: api().fetch })('https://api.example.com/me'), NotAuthenticatedError)
})

test('a token source shows no token to JSON.stringify, a spread or Object.entries (a logged source leaks nothing)', () => {
  const source = createTokenSource(offlineClient(), { refreshToken: REFRESH, accessToken: token('access'), idToken: token('id') })
  const shown = [JSON.stringify(source), JSON.stringify({ ...source }), JSON.stringify(Object.entries(source)), String(source)]
  for (const t of [REFRESH, source.accessToken!, source.idToken!]) {
    for (const s of shown) assert.ok(!s.includes(t), `a token in ${s.slice(0, 80)}`)
  }
  // the tokens are still there for authFetch
  assert.equal(source.refreshToken, REFRESH)
  assert.equal(typeof source.accessToken, 'string')
})

test('without username or deviceKey, a refresh takes them from the stored access token, as the Cognito class does (SECRET_HASH over its username, its device_key as DEVICE_KEY)', async () => {
  // the fixtures expect SECRET_HASH over SUB (the access token's username claim), and DEVICE_KEY
  const soon = NOW / 1000 + 30
  const secret = clientFor(refreshSecret, { clientSecret: SECRET })
  const a = createTokenSource(secret.client, { refreshToken: REFRESH, accessToken: token('access', { exp: soon }) })
  assert.equal(await a.checkToken({}), true)
  secret.done()
  assert.equal(a.accessToken, tokensFrom(answerOf(refreshSecret)).accessToken)

  const device = clientFor(refreshDevice)
  const b = createTokenSource(device.client, { refreshToken: REFRESH, accessToken: token('access', { exp: soon, device_key: DEVICE_KEY }) })
  assert.equal(await b.checkToken({}), true)
  device.done()
  assert.equal(b.accessToken, tokensFrom(answerOf(refreshDevice)).accessToken)
})

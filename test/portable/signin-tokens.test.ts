import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, authFetch, localStorageStore, memoryStore, NotAuthenticatedError, NotAuthorizedException, type StorageLike } from '../../src/index.ts'
import { checkSrp, userFor } from '../support/signin.ts'
import { DEVICE_GROUP, DEVICE_KEY, DEVICE_PASSWORD, NOW, PASSWORD, REFRESH, REFRESH2, SECRET, SUB, token } from '../support/signin-data.ts'
import refreshSecret from '../../fixtures/signin-refresh-secret.json' with { type: 'json' }
import refreshDevice from '../../fixtures/signin-refresh-device.json' with { type: 'json' }
import rotation from '../../fixtures/signin-refresh-rotation.json' with { type: 'json' }
import revoked from '../../fixtures/signin-refresh-revoked.json' with { type: 'json' }
import logout from '../../fixtures/signin-logout.json' with { type: 'json' }
import afRefresh from '../../fixtures/signin-authfetch-refresh.json' with { type: 'json' }
import afReauth from '../../fixtures/signin-authfetch-reauth.json' with { type: 'json' }
import srpSecret from '../../fixtures/signin-srp-secret.json' with { type: 'json' }

const iat = NOW / 1000
/** An access token that expires `inSeconds` after NOW. */
const expiring = (inSeconds: number, extra: Record<string, unknown> = {}): string => token('access', { exp: iat + inSeconds, ...extra })

test('renewAccessToken: SECRET_HASH over the internal username (not the typed alias), old refresh token kept', async () => {
  const { user, done } = userFor(refreshSecret, { clientSecret: SECRET, accessToken: expiring(10), refreshToken: REFRESH })
  const before = user.accessToken
  const r = await user.renewAccessToken()
  done()
  assert.notEqual(user.accessToken, before)
  assert.equal(r.refreshToken, REFRESH)
  assert.equal(user.refreshToken, REFRESH)
  assert.equal(user.internalUsername, SUB)
})

test('renewAccessToken sends DEVICE_KEY when a device is known', async () => {
  const { user, done } = userFor(refreshDevice, { refreshToken: REFRESH, deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: DEVICE_PASSWORD })
  await user.renewAccessToken()
  done()
  assert.ok(user.accessToken)
})

test('renewAccessToken takes DEVICE_KEY from the access token claim when no credentials are held', async () => {
  const { user, done } = userFor(refreshDevice, { refreshToken: REFRESH, accessToken: expiring(0, { device_key: DEVICE_KEY }) })
  await user.renewAccessToken()
  done()
})

test('refresh-token rotation: GetTokensFromRefreshToken with ClientSecret, new refresh token stored', async () => {
  const { user, done } = userFor(rotation, {
    clientSecret: SECRET,
    refreshTokenRotation: true,
    refreshToken: REFRESH,
    deviceKey: DEVICE_KEY,
    deviceGroupKey: DEVICE_GROUP,
    devicePassword: DEVICE_PASSWORD,
  })
  await user.renewAccessToken()
  done()
  assert.equal(user.refreshToken, REFRESH2)
})

test('a failed refresh leaves the old tokens in place', async () => {
  const access = expiring(10)
  const { user, done } = userFor(revoked, { accessToken: access, idToken: token('id'), refreshToken: REFRESH })
  await assert.rejects(user.renewAccessToken(), (e: unknown) => e instanceof NotAuthorizedException && e.message === 'Refresh Token has been revoked')
  done()
  assert.equal(user.accessToken, access)
  assert.equal(user.refreshToken, REFRESH)
})

test('checkToken: fresh tokens are left alone; within the margin they are renewed', async () => {
  const fresh = userFor({ source: 'none', interactions: [] }, { accessToken: expiring(1800), refreshToken: REFRESH })
  assert.equal(await fresh.user.checkToken(), false)
  assert.equal(await fresh.user.checkToken({ margin: 1800 + 1, renew: false }), true)
  await assert.rejects(fresh.user.checkToken({ margin: -1 }), ArgumentError)
  const { user, done } = userFor(afRefresh, { accessToken: expiring(30), refreshToken: REFRESH })
  assert.equal(await user.checkToken(), true, 'expires within the default 60 s margin')
  done()
  assert.equal(await user.checkToken(), false)
  const none = userFor({ source: 'none', interactions: [] })
  await assert.rejects(none.user.checkToken(), NotAuthenticatedError)
  await assert.rejects(none.user.renewAccessToken(), NotAuthenticatedError)
})

test('logout: GlobalSignOut clears every token and the store entry; revokeToken likewise', async () => {
  const store = memoryStore()
  const { user, done } = userFor({ ...logout, interactions: logout.interactions.slice(0, 1) }, { accessToken: token('access'), idToken: token('id'), refreshToken: REFRESH, store })
  await store.set(`5exampleclientid0000000000.alice@example.com`, 'x')
  await user.logout()
  assert.equal(user.accessToken, undefined)
  assert.equal(user.idToken, undefined)
  assert.equal(user.refreshToken, undefined)
  assert.equal(user.idClaims, undefined)
  assert.equal(user.accessClaims, undefined)
  assert.equal(await store.get('5exampleclientid0000000000.alice@example.com'), undefined)
  await assert.rejects(user.revokeToken(), NotAuthenticatedError)
  // a second session, revoked instead
  const other = userFor({ ...logout, interactions: logout.interactions.slice(1) }, { accessToken: token('access'), refreshToken: REFRESH })
  await other.user.revokeToken()
  other.done()
  assert.equal(other.user.refreshToken, undefined)
  done()
})

test('token store: tokens persist after sign-in and restore in a new instance; instances share nothing', async () => {
  const data = new Map<string, string>()
  const storage: StorageLike = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) }
  const store = localStorageStore(storage, 'app.')
  const a = userFor(srpSecret, { clientSecret: SECRET, store })
  await a.user.authenticate(PASSWORD)
  a.done()
  assert.deepEqual([...data.keys()], ['app.5exampleclientid0000000000.alice@example.com'])
  const b = userFor({ source: 'none', interactions: [] }, { store })
  assert.equal(await b.user.restore(), true)
  assert.equal(b.user.accessToken, a.user.accessToken)
  assert.equal(b.user.refreshToken, a.user.refreshToken)
  assert.equal(b.user.internalUsername, SUB)
  const c = userFor({ source: 'none', interactions: [] }, { username: 'bob' })
  assert.equal(await c.user.restore(), false, 'a different user (and the default memory store) sees nothing')
  data.set('app.broken', '{')
  assert.equal(await userFor({ source: 'none', interactions: [] }, { store, storeKey: 'broken' }).user.restore(), false)
  assert.throws(() => localStorageStore({} as StorageLike), ArgumentError)
})

test('authFetch: 100 concurrent calls share exactly one refresh, and each carries the new token', async () => {
  const { user, done, seen } = userFor(afRefresh, { accessToken: expiring(30), idToken: token('id'), refreshToken: REFRESH })
  const sent: string[] = []
  const api = authFetch(user, {
    fetch: async (_input, init) => {
      sent.push(new Headers(init?.headers).get('authorization') ?? '')
      return new Response('ok')
    },
  })
  const res = await Promise.all(Array.from({ length: 100 }, () => api('https://api.example.com/x')))
  done()
  assert.equal(seen.length, 1, 'exactly one refresh request')
  assert.equal(res.length, 100)
  assert.equal(new Set(sent).size, 1)
  assert.equal(sent[0], `Bearer ${user.accessToken}`)
})

test('authFetch: custom header, prefix and ID token; keeps the caller headers', async () => {
  const { user } = userFor({ source: 'none', interactions: [] }, { accessToken: expiring(3600), idToken: token('id'), refreshToken: REFRESH })
  let got: Headers | undefined
  const api = authFetch(user, { tokenType: 'id', header: 'X-Token', prefix: '', fetch: async (_i, init) => ((got = new Headers(init?.headers)), new Response('')) })
  await api('https://api.example.com/x', { headers: { 'x-other': '1' } })
  assert.equal(got?.get('x-token'), user.idToken)
  assert.equal(got?.get('x-other'), '1')
  assert.throws(() => authFetch(user, { tokenType: 'refresh' as never }), ArgumentError)
})

test('authFetch never re-authenticates unless allowed', async () => {
  const none = userFor({ source: 'none', interactions: [] })
  await assert.rejects(authFetch(none.user, { fetch: async () => new Response('') })('https://api.example.com/x'), NotAuthenticatedError)
  const { user, done } = userFor(revoked, { accessToken: expiring(10), refreshToken: REFRESH })
  await assert.rejects(authFetch(user, { fetch: async () => new Response('') })('https://api.example.com/x'), NotAuthorizedException)
  done()
})

test('authFetch with a password signs in again when the refresh token is revoked', async () => {
  const { user, done, seen } = userFor(afReauth, { accessToken: expiring(10), refreshToken: REFRESH })
  let auth = ''
  const api = authFetch(user, { password: PASSWORD, fetch: async (_i, init) => ((auth = new Headers(init?.headers).get('authorization') ?? ''), new Response('')) })
  await api('https://api.example.com/x')
  done()
  assert.equal(checkSrp(afReauth, seen).length, 1)
  assert.equal(auth, `Bearer ${user.accessToken}`)
})

test('concurrent renewAccessToken and checkToken calls share one refresh request', async () => {
  const { user, done, seen } = userFor(afRefresh, { accessToken: expiring(30), refreshToken: REFRESH })
  const results = await Promise.all([...Array.from({ length: 10 }, () => user.renewAccessToken()), user.checkToken(), user.checkToken()])
  done()
  assert.equal(seen.length, 1)
  assert.equal(new Set(results.slice(0, 10).map((r) => (r as { accessToken: string }).accessToken)).size, 1)
})

test('two users in one process never see each other’s tokens', async () => {
  const a = userFor(refreshSecret, { clientSecret: SECRET, accessToken: expiring(10), refreshToken: REFRESH })
  const b = userFor({ source: 'none', interactions: [] }, { username: 'bob', accessToken: 'bob.access.token', refreshToken: 'bob-refresh' })
  await a.user.renewAccessToken()
  a.done()
  assert.equal(b.user.accessToken, 'bob.access.token')
  assert.equal(b.user.refreshToken, 'bob-refresh')
  assert.equal(await b.user.restore(), false)
  assert.notEqual(a.user.accessToken, b.user.accessToken)
})

test('a Cognito holding only a refresh token is a token source like createTokenSource: checkToken and authFetch renew the missing access token', async () => {
  const { user, done, seen } = userFor(afRefresh, { refreshToken: REFRESH })
  const auth: string[] = []
  const api = authFetch(user, { fetch: async (_u, init) => (auth.push(new Headers(init?.headers).get('authorization') ?? ''), new Response('ok')) })
  await Promise.all([api('https://api.example.com/a'), api('https://api.example.com/b'), user.checkToken()])
  done()
  assert.equal(seen.length, 1, 'one refresh')
  assert.ok(user.accessToken)
  assert.deepEqual(auth, [`Bearer ${user.accessToken}`, `Bearer ${user.accessToken}`])
  assert.equal(user.refreshToken, REFRESH)
  const keep = userFor({ source: 'none', interactions: [] }, { refreshToken: REFRESH })
  await assert.rejects(keep.user.checkToken({ renew: false }), NotAuthenticatedError, 'renew: false never renews')
})

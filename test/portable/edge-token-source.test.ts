/**
 * `createTokenSource` behind an edge API, against the local pool (real SRP sign-in, real
 * REFRESH_TOKEN_AUTH and GetTokensFromRefreshToken, refresh-token rotation as Cognito does it:
 * the old refresh token stops working once a new one is issued). The app keeps the refresh token
 * in its own store through `onRenew`, and that store can fail.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authFetch, createClient, createTokenSource, signIn, type AuthResult } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const HOUR = 3600_000

async function rotatingPool() {
  const clock = { now: Date.UTC(2026, 0, 5, 9) }
  const pool = createLocalPool({ clock: () => clock.now, clients: [{ refreshTokenRotation: { enabled: true } }], users: [{ username: 'ada', password: 'Ada-pass-1!' }] })
  const options = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch, now: () => clock.now }
  const { refreshToken } = await signIn({ ...options, username: 'ada', password: 'Ada-pass-1!' })
  return { clock, client: createClient(options), refreshToken: refreshToken! }
}

/** The app's API: counts the requests that reached it. */
function api() {
  const app = { calls: 0, fetch: async () => (app.calls++, new Response('ok')) }
  return app
}

test('rotation, and a store that fails once: the rotated refresh token is offered to onRenew again until it is saved, so a restart can still renew', async () => {
  const { clock, client, refreshToken } = await rotatingPool()
  const db = { saved: refreshToken, down: true, offered: [] as string[] }
  const onRenew = async (t: AuthResult): Promise<void> => {
    db.offered.push(t.refreshToken!)
    if (db.down) throw new Error('the database is down')
    db.saved = t.refreshToken!
  }
  const source = createTokenSource(client, { refreshToken, rotation: true, onRenew })
  const app = api()
  const call = authFetch(source, { fetch: app.fetch })

  await assert.rejects(call('https://api.example.com/a'), /the database is down/)
  assert.equal(app.calls, 0, 'the request fails with the store, as before')
  const rotated = source.refreshToken!
  assert.notEqual(rotated, refreshToken, 'rotated, and held in memory')
  assert.deepEqual(db.offered, [rotated])

  db.down = false
  assert.equal((await call('https://api.example.com/b')).status, 200)
  assert.equal(app.calls, 1)
  assert.deepEqual(db.offered, [rotated, rotated], 'the same tokens offered again, with no new renewal')
  assert.equal(db.saved, rotated)
  await call('https://api.example.com/c')
  assert.equal(db.offered.length, 2, 'once saved, not offered again')

  // the process restarts two hours later from what the store holds
  clock.now += 2 * HOUR
  const restarted = createTokenSource(client, { refreshToken: db.saved, rotation: true })
  assert.equal(await restarted.checkToken({}), true)
  assert.equal(typeof restarted.accessToken, 'string')
})

test('a store that keeps failing: every request fails with it, one renewal only, and no request reaches the API with tokens the app could not keep', async () => {
  const { client, refreshToken } = await rotatingPool()
  let renewals = 0
  const source = createTokenSource(client, {
    refreshToken,
    rotation: true,
    onRenew: () => {
      renewals++
      throw new Error('quota exceeded')
    },
  })
  const app = api()
  const call = authFetch(source, { fetch: app.fetch })
  const all = await Promise.allSettled(Array.from({ length: 5 }, () => call('https://api.example.com/x')))
  await assert.rejects(call('https://api.example.com/y'), /quota exceeded/)
  assert.deepEqual(all.map((r) => r.status), Array(5).fill('rejected'))
  assert.equal(app.calls, 0)
  assert.equal(renewals, 2, 'offered once for the five concurrent requests, once more for the next')
})

test('an app client whose ID tokens live shorter than its access tokens: authFetch with tokenType "id" renews before the ID token expires, never sends it expired', async () => {
  const clock = { now: Date.UTC(2026, 0, 5, 9) }
  // Cognito sets IdTokenValidity and AccessTokenValidity separately (5 minutes to 1 day each)
  const pool = createLocalPool({ clock: () => clock.now, clients: [{ idTokenValidity: 300, accessTokenValidity: 3600 }], users: [{ username: 'ida', password: 'Ida-pass-1!' }] })
  const options = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch, now: () => clock.now }
  const first = await signIn({ ...options, username: 'ida', password: 'Ida-pass-1!' })
  const source = createTokenSource(createClient(options), { refreshToken: first.refreshToken!, accessToken: first.accessToken, idToken: first.idToken })
  const sent: string[] = []
  const call = authFetch(source, {
    tokenType: 'id',
    fetch: async (_input, init) => (sent.push(new Headers(init?.headers).get('authorization')!.slice('Bearer '.length)), new Response('ok')),
  })
  const expOf = (jwt: string): number => JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000

  await call('https://api.example.com/me')
  assert.equal(sent[0], first.idToken, 'fresh: sent as it is')
  clock.now += 10 * 60_000 // the ID token expired five minutes ago; the access token has 50 minutes left
  await call('https://api.example.com/me')
  assert.notEqual(sent[1], first.idToken)
  assert.ok(expOf(sent[1]!) > clock.now + 60_000, 'a renewed ID token, beyond the margin')
  assert.equal(pool.calls.filter((c) => c.operation === 'InitiateAuth').length, 2, 'the sign-in and one renewal')
})

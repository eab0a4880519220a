/**
 * A server builds one `Cognito` per HTTP request from the tokens in the user's session (a cookie,
 * a session row), over one shared `TokenStore` keyed by the session id. What such an instance
 * knows of its user must come from those tokens, as it does after a sign-in or `restore()`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, decodePayload, memoryStore } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const SECRET = 'serversideclientsecret0123456789abcdefghijklmnopqrs'

function pool() {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0)
  const p = createLocalPool({ clock: () => now, usernameAttributes: ['email'], clients: [{ clientSecret: SECRET, refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 0 } }], users: [{ username: 'ann@example.com', password: 'Ann-pass-1!' }, { username: 'bo@example.com', password: 'Bo-pass-1!' }] })
  const opts = { userPoolId: p.poolId, clientId: p.clientId, clientSecret: SECRET, endpoint: p.endpoint, fetch: p.fetch, retry: false as const, now: () => now, refreshTokenRotation: true }
  return { opts, later: (ms: number) => (now += ms) }
}

test('an instance built from a session\'s tokens knows the internal username they carry, as after a sign-in', async () => {
  const { opts } = pool()
  const signedIn = new Cognito({ ...opts, username: 'ann@example.com' })
  await signedIn.authenticate('Ann-pass-1!')
  const sub = decodePayload(signedIn.accessToken!)?.['username']
  assert.equal(signedIn.internalUsername, sub)
  const fromCookie = new Cognito({ ...opts, username: 'ann@example.com', accessToken: signedIn.accessToken!, idToken: signedIn.idToken!, refreshToken: signedIn.refreshToken! })
  assert.equal(fromCookie.internalUsername, sub, 'the token\'s username, not the email the user typed')
  // an access token that is no JWT names nobody: the sign-in name stays the fallback
  assert.equal(new Cognito({ ...opts, username: 'ann@example.com', accessToken: 'opaque', refreshToken: 'r' }).internalUsername, 'ann@example.com')
})

test('two requests of one session renew at once with rotation: the one refused takes the token the other saved in the shared store', async () => {
  const { opts, later } = pool()
  const store = memoryStore()
  const first = new Cognito({ ...opts, username: 'ann@example.com', store, storeKey: 'session-1' })
  await first.authenticate('Ann-pass-1!')
  const cookie = { accessToken: first.accessToken!, idToken: first.idToken!, refreshToken: first.refreshToken! }
  later(2 * 3600_000)
  // each request builds its own instance from the session's tokens
  const a = new Cognito({ ...opts, ...cookie, store, storeKey: 'session-1' })
  const b = new Cognito({ ...opts, ...cookie, store, storeKey: 'session-1' })
  await a.checkToken()
  assert.notEqual(a.refreshToken, cookie.refreshToken, 'rotated')
  // b's token is refused (rotated away, no grace period): it renews with the one a saved
  await b.checkToken()
  assert.ok(b.accessToken && b.accessToken !== cookie.accessToken, 'renewed')
  assert.ok(b.refreshToken !== cookie.refreshToken && b.refreshToken !== a.refreshToken, 'from a\'s token, rotated once more')
  assert.ok(JSON.parse((await store.get('session-1'))!).refresh === b.refreshToken, 'the store holds the newest')
})

test('another user\'s tokens under the same store key are still never taken by an instance built from tokens', async () => {
  const { opts, later } = pool()
  const store = memoryStore()
  const ann = new Cognito({ ...opts, username: 'ann@example.com' })
  await ann.authenticate('Ann-pass-1!')
  const bo = new Cognito({ ...opts, username: 'bo@example.com', store, storeKey: 'shared' })
  await bo.authenticate('Bo-pass-1!')
  const annCookie = { accessToken: ann.accessToken!, idToken: ann.idToken!, refreshToken: ann.refreshToken! }
  await ann.renewAccessToken() // ann's cookie refresh token is now rotated away
  later(2 * 3600_000)
  const req = new Cognito({ ...opts, ...annCookie, store, storeKey: 'shared' })
  await assert.rejects(req.checkToken(), (e: Error) => e.name === 'RefreshTokenReuseException' || e.name === 'NotAuthorizedException')
  assert.equal(req.refreshToken, annCookie.refreshToken, 'bo\'s tokens were not taken')
})

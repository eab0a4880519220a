/**
 * `internalUsername` (Cognito's name for the user: the sub in a pool where the email is the
 * username) belongs to the tokens held or the challenge pending, nothing else: it is gone after
 * `logout()`, and a sign-in that fails leaves the name of the tokens it leaves in place. The
 * shared store's look after a refused renewal (several tabs, refresh-token rotation) relies on it.
 * Portable: the local pool in process.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, decodePayload, localStorageStore, NotAuthorizedException } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PW = 'Ann-pass-1!'

function pool(rotation = false) {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0)
  const p = createLocalPool({ clock: () => now, usernameAttributes: ['email'], clients: rotation ? [{ refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 0 } }] : [{}], users: [{ username: 'ann@example.com', password: PW }, { username: 'bo@example.com', password: 'Bo-pass-1!' }] })
  const opts = { userPoolId: p.poolId, clientId: p.clientId, endpoint: p.endpoint, fetch: p.fetch, retry: false as const, now: () => now, refreshTokenRotation: rotation }
  return { opts, later: (ms: number) => (now += ms) }
}

test('after logout() the internal username of the user signed out is gone: the next user is not named by it', async () => {
  const { opts } = pool()
  const user = new Cognito({ ...opts, username: 'ann@example.com' })
  await user.authenticate(PW)
  const sub = decodePayload(user.accessToken!)?.['username']
  assert.equal(user.internalUsername, sub)
  await user.logout()
  assert.equal(user.internalUsername, 'ann@example.com', 'falls back to the sign-in name')
  user.username = 'bo@example.com'
  assert.equal(user.internalUsername, 'bo@example.com')
  await user.authenticate('Bo-pass-1!')
  assert.notEqual(user.internalUsername, sub)
  assert.equal(user.internalUsername, decodePayload(user.accessToken!)?.['username'])
})

test('a sign-in that fails keeps the tokens held and the internal username they carry', async () => {
  const { opts } = pool()
  const user = new Cognito({ ...opts, username: 'ann@example.com' })
  await user.authenticate(PW)
  const sub = decodePayload(user.accessToken!)?.['username']
  const held = user.accessToken
  await assert.rejects(user.authenticate('Wr0ng-pass-1!'), NotAuthorizedException)
  assert.equal(user.accessToken, held)
  assert.equal(user.internalUsername, sub, 'the name of the tokens still held, not the email typed')
})

test('a sign-in that fails with no tokens held leaves no internal username: the sign-in name is the fallback', async () => {
  const { opts } = pool()
  const user = new Cognito({ ...opts, username: 'ann@example.com' })
  await assert.rejects(user.authenticate('Wr0ng-pass-1!'), NotAuthorizedException)
  assert.equal(user.internalUsername, 'ann@example.com')
})

test('two tabs, email as username, rotation: a tab whose re-entered password was wrong still takes the newer tokens another tab saved', async () => {
  const { opts, later } = pool(true)
  const m = new Map<string, string>()
  const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
  const tab = () => new Cognito({ ...opts, username: 'ann@example.com', store: localStorageStore(storage) })
  const a = tab()
  await a.authenticate(PW)
  const b = tab()
  assert.equal(await b.restore(), true)
  // tab B asks for the password again before a sensitive step, and the user mistypes it
  await assert.rejects(b.authenticate('Wr0ng-pass-1!'), NotAuthorizedException)
  later(2 * 3600_000)
  await a.renewAccessToken() // tab A rotates the refresh token both tabs held
  later(120_000)
  const me = await b.getUser() // tab B's renewal is refused: it takes tab A's newer tokens from the store
  assert.equal(me.attributes['email'], 'ann@example.com')
  assert.equal(JSON.parse([...m.values()][0]!).refresh, b.refreshToken)
})

test('restore() takes the internal username of the tokens it loads, not one left from an earlier user', async () => {
  const { opts } = pool()
  const m = new Map<string, string>()
  const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
  const bo = new Cognito({ ...opts, username: 'bo@example.com', store: localStorageStore(storage), storeKey: 'app' })
  await bo.authenticate('Bo-pass-1!')
  const boSub = decodePayload(bo.accessToken!)?.['username']
  const ann = new Cognito({ ...opts, username: 'ann@example.com', store: localStorageStore(storage), storeKey: 'app' })
  await ann.authenticate(PW)
  // the stored form written by another app version, without the internal name
  const saved = JSON.parse(m.get('cognito-edge.app')!)
  delete saved.user
  m.set('cognito-edge.app', JSON.stringify(saved))
  assert.equal(await bo.restore(), true)
  assert.notEqual(bo.internalUsername, boSub)
  assert.equal(bo.internalUsername, decodePayload(bo.accessToken!)?.['username'])
})

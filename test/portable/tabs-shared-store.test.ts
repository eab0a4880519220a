/**
 * A browser app open in several tabs: each tab has its own `Cognito` instance, all of them over
 * one Web Storage (a Map here, through `localStorageStore`), with refresh-token rotation on. A
 * tab asleep while another renewed holds a refresh token Cognito has replaced: its next call must
 * take the newer tokens from the shared storage rather than fail until the page is reloaded; a
 * sign-out in one tab must not be undone by another. Portable: the local pool in process.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, localStorageStore, NotAuthorizedException, RefreshTokenReuseException } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { PW } from '../support/local.ts'

function tabs(grace: number) {
  let t = Date.UTC(2026, 0, 1)
  const pool = createLocalPool({ clock: () => t, clients: [{ refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: grace } }], users: [{ username: 'ada', password: PW }] })
  const m = new Map<string, string>()
  const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
  const tab = () => new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'ada', fetch: pool.fetch, now: () => t, retry: false, refreshTokenRotation: true, store: localStorageStore(storage) })
  const stored = (): { refresh?: string } | undefined => (m.size ? JSON.parse([...m.values()][0]!) : undefined)
  return { tab, stored, advance: (ms: number) => void (t += ms) }
}

for (const grace of [0, 10]) {
  test(`rotation (grace ${grace} s): a tab that slept while another renewed takes the newer refresh token from storage`, async () => {
    const { tab, stored, advance } = tabs(grace)
    const a = tab()
    await a.authenticate(PW)
    const b = tab()
    assert.equal(await b.restore(), true)
    advance(3600_000)
    await a.getUser() // tab A renews: Cognito replaces the refresh token both tabs held
    advance(120_000) // past any grace period
    const user = await b.getUser() // tab B wakes up with the replaced one in memory
    assert.equal(user.username, 'ada')
    assert.equal(stored()?.refresh, b.refreshToken, "storage holds tab B's newest refresh token")
    // and tab A, now holding a replaced token in turn, goes on working the same way
    advance(3600_000)
    assert.equal((await a.getUser()).username, 'ada')
    assert.equal(stored()?.refresh, a.refreshToken)
  })
}

test('rotation without a grace period: two tabs renewing at the same moment: the one that loses fails that call only', async () => {
  const { tab, stored, advance } = tabs(0)
  const a = tab()
  await a.authenticate(PW)
  const b = tab()
  await b.restore()
  advance(3600_000)
  const [ra, rb] = await Promise.allSettled([a.renewAccessToken(), b.renewAccessToken()])
  const lost = [ra, rb].filter((r) => r.status === 'rejected')
  assert.equal(lost.length, 1)
  assert.ok((lost[0] as PromiseRejectedResult).reason instanceof RefreshTokenReuseException)
  const loser = ra.status === 'rejected' ? a : b
  assert.equal((await loser.getUser()).username, 'ada', 'its next call takes the winner\'s tokens')
  assert.equal(stored()?.refresh, loser.refreshToken)
})

test('a sign-out in one tab: the other gets NotAuthorizedException and does not bring the tokens back into storage', async () => {
  const { tab, stored, advance } = tabs(10)
  const a = tab()
  await a.authenticate(PW)
  const b = tab()
  await b.restore()
  await a.logout()
  assert.equal(stored(), undefined)
  await assert.rejects(b.getUser(), NotAuthorizedException) // its access token was revoked
  advance(3600_000)
  await assert.rejects(b.getUser(), NotAuthorizedException) // and so was its refresh token
  assert.equal(stored(), undefined, 'nothing written back')
  assert.equal(await tab().restore(), false, 'a reload finds no tokens')
})

test('restore() after a reload finds nothing in storage that is not its own stored form', async () => {
  const m = new Map<string, string>()
  const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
  const key = 'cognito-edge.localclient000000000000000.ada'
  const tab = () => new Cognito({ userPoolId: 'us-east-1_LocalPool1', clientId: 'localclient000000000000000', username: 'ada', store: localStorageStore(storage) })
  m.set('CognitoIdentityServiceProvider.localclient000000000000000.ada.idToken', 'another app') // another library's keys
  for (const value of ['', 'null', '"a string"', '[1]', '{"access": 1}', '{"refresh": "r"}', '{"access": ', 'undefined']) {
    m.set(key, value)
    const t = tab()
    assert.equal(await t.restore(), false, value)
    assert.equal(t.refreshToken, undefined)
  }
  m.set(key, JSON.stringify({ access: 'a', refresh: 7, expiresAt: 'soon', user: null }))
  const t = tab()
  assert.equal(await t.restore(), true, 'edited by hand: what keeps its type is taken')
  assert.deepEqual([t.accessToken, t.refreshToken, t.expiresAt, t.internalUsername], ['a', undefined, undefined, 'ada'])
})

test("one store key for the app: a tab whose renewal is refused never takes another user's tokens from it", async () => {
  let t = Date.UTC(2026, 0, 1)
  const pool = createLocalPool({ clock: () => t, users: [{ username: 'ada', password: PW }, { username: 'bob', password: PW }] })
  const m = new Map<string, string>()
  const storage = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
  const tab = (username: string) => new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username, fetch: pool.fetch, now: () => t, retry: false, store: localStorageStore(storage), storeKey: 'session' })
  const a = tab('ada')
  await a.authenticate(PW)
  const adaRefresh = a.refreshToken
  const elsewhere = tab('ada')
  await elsewhere.restore()
  await elsewhere.logout() // ada's refresh token is revoked
  const b = tab('bob')
  await b.authenticate(PW) // the store now holds bob's tokens
  t += 3600_000
  await assert.rejects(a.renewAccessToken(), NotAuthorizedException)
  assert.equal(a.refreshToken, adaRefresh, "tab A kept its own (dead) tokens, not bob's")
  assert.notEqual(a.username, 'bob')
})

/**
 * `Cognito` renewals over a shared store, found by a mutation round over the code that takes a
 * newer refresh token from the store when Cognito refuses the one held (another tab rotated it):
 * only a refusal may make the instance swap its tokens for the store's. A failure of unknown
 * outcome (the network, a 5xx, a timeout) says nothing about the token held, and the store may hold
 * an older one (a save that failed, a session from before): swapping then lost a live refresh
 * token and turned a network blip into a refusal ("sign in again"); and a store that fails when
 * looked at must not hide Cognito's refusal behind its own error. Portable: the local pool in
 * process, with refresh-token rotation and no grace period.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, InternalErrorException, memoryStore, NetworkError, RefreshTokenReuseException, type TokenStore } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PW = 'Ada-pass-1!'

/** A signed-in Ada whose store holds her first refresh token while she holds the rotated one (the save failed). */
async function rotatedButUnsaved(failure: 'network' | '500') {
  let t = Date.UTC(2026, 11, 7, 9)
  const pool = createLocalPool({ clock: () => t, clients: [{ refreshTokenRotation: { enabled: true } }], users: [{ username: 'ada', password: PW }] })
  const inner = memoryStore()
  const net = { down: false, storeDown: false }
  const store: TokenStore = { get: (k) => inner.get(k), set: async (k, v) => (net.storeDown ? Promise.reject(new Error('store down')) : inner.set(k, v)), remove: (k) => inner.remove(k) }
  const fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    if (!net.down) return pool.fetch(url, init)
    if (failure === 'network') throw new TypeError('fetch failed')
    return new Response('{"__type":"InternalErrorException","message":"An error occurred"}', { status: 500, headers: { 'x-amzn-requestid': 'r-500' } })
  }
  const ada = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'ada', fetch: fetch as typeof globalThis.fetch, retry: false, now: () => t, refreshTokenRotation: true, store })
  await ada.authenticate(PW)
  const first = ada.refreshToken!
  t += 3600_000
  net.storeDown = true
  await assert.rejects(ada.renewAccessToken(), /store down/)
  const held = ada.refreshToken!
  assert.ok(held !== first, 'Cognito rotated the refresh token; the store still has the first one')
  return { ada, first, held, net, advance: (ms: number) => void (t += ms) }
}

for (const [failure, cls] of [['network', NetworkError], ['500', InternalErrorException]] as const) {
  test(`a renewal that fails with ${failure === 'network' ? 'a network error' : 'HTTP 500'} keeps the refresh token held, not the store's older one, and reports that failure`, async () => {
    const { ada, first, held, net, advance } = await rotatedButUnsaved(failure)
    net.down = true
    advance(60_000)
    await assert.rejects(ada.renewAccessToken(), cls)
    // compared without printing them
    assert.ok(ada.refreshToken === held, 'the live refresh token is kept')
    assert.ok(ada.refreshToken !== first, "not the store's older one")
    // back online: the token held still renews
    net.down = false
    net.storeDown = false
    await ada.renewAccessToken()
    assert.equal((await ada.getUser()).username, 'ada')
  })
}

test("a refused renewal whose look in the store fails reports Cognito's refusal, not the store's error", async () => {
  let t = Date.UTC(2026, 11, 7, 9)
  const pool = createLocalPool({ clock: () => t, clients: [{ refreshTokenRotation: { enabled: true } }], users: [{ username: 'ada', password: PW }] })
  const inner = memoryStore()
  let down = false
  const store: TokenStore = { get: async (k) => (down ? Promise.reject(new Error('store down')) : inner.get(k)), set: (k, v) => inner.set(k, v), remove: (k) => inner.remove(k) }
  const tab = () => new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'ada', fetch: pool.fetch, retry: false, now: () => t, refreshTokenRotation: true, store })
  const a = tab()
  await a.authenticate(PW)
  const b = tab()
  assert.equal(await b.restore(), true)
  t += 3600_000
  await a.renewAccessToken() // rotates the token tab B holds
  t += 120_000
  down = true
  // "sign in again" is what the app must learn, whatever the store does
  await assert.rejects(b.renewAccessToken(), RefreshTokenReuseException)
  down = false
  assert.equal((await b.getUser()).username, 'ada', 'with the store back, the next call takes the newer token')
})

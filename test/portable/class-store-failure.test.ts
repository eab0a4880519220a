/**
 * The `Cognito` class with a store that fails: a rotated refresh token whose save failed must not
 * be left only in memory. The renewal reports the store's error; the next call that uses the
 * tokens saves them again first (and fails with the store's error while it stays down), so after
 * a restart `restore()` finds the rotated token, not the one Cognito has already replaced.
 * Portable: the local pool in process, with refresh token rotation.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, memoryStore, type TokenStore } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PW = 'Ada-pass-1!'

/** A memory store whose `set` fails while `down` is true; `inner` is what it holds. */
function flakyStore(down: boolean) {
  const inner = memoryStore()
  const state = { down, inner }
  const store: TokenStore = { get: (k) => inner.get(k), set: async (k, v) => (state.down ? Promise.reject(new Error('store down')) : inner.set(k, v)), remove: (k) => inner.remove(k) }
  return { state, store }
}

test('a renewal whose save failed is saved again by the next call that uses the tokens; a restart then finds the rotated token', async () => {
  let t = Date.UTC(2026, 11, 7, 9)
  const pool = createLocalPool({ clock: () => t, clients: [{ refreshTokenRotation: { enabled: true } }], users: [{ username: 'ada', password: PW }] })
  const { state, store } = flakyStore(false)
  const options = { userPoolId: pool.poolId, clientId: pool.clientId, username: 'ada', fetch: pool.fetch, retry: false as const, now: () => t, refreshTokenRotation: true, store }
  const ada = new Cognito(options)
  await ada.authenticate(PW)
  const first = ada.refreshToken

  t += 3_600_000 // the access token has expired
  state.down = true
  await assert.rejects(ada.renewAccessToken(), /store down/)
  const rotated = ada.refreshToken
  assert.notEqual(rotated, first, 'Cognito rotated the refresh token; it is held in memory')
  // while the store stays down, a call that uses the tokens fails with its error, and sends nothing
  const calls = pool.calls.length
  await assert.rejects(ada.getUser(), /store down/)
  assert.equal(pool.calls.length, calls)

  state.down = false
  await ada.getUser() // saves the rotated token first
  const restarted = new Cognito(options)
  assert.equal(await restarted.restore(), true)
  assert.equal(restarted.refreshToken, rotated)
  t += 3_600_000
  await restarted.renewAccessToken() // with the token Cognito replaced, this would be RefreshTokenReuseException
  assert.ok(restarted.accessToken)
})

/** Ada, signed in while the store was down: the sign-in rejected with its error, the tokens are held. */
async function signedInWhileStoreDown() {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'ada', password: PW }] })
  const { state, store } = flakyStore(true)
  const ada = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'ada', fetch: pool.fetch, store })
  await assert.rejects(ada.authenticate(PW), /store down/)
  return { pool, state, ada }
}

test('a sign-in whose save failed: the instance is signed in, and the tokens reach the store with the next call', async () => {
  const { pool, state, ada } = await signedInWhileStoreDown()
  assert.ok(ada.accessToken, 'the tokens are held')
  state.down = false
  await ada.checkToken()
  assert.ok(await state.inner.get(`${pool.clientId}.ada`))
  // forgotten tokens are not saved again
  await ada.logout()
  await assert.rejects(ada.checkToken(), { name: 'NotAuthenticatedError' })
  assert.equal(await state.inner.get(`${pool.clientId}.ada`), undefined)
})

test('tokens forgotten before their save succeeded are never saved afterwards', async () => {
  const { pool, state, ada } = await signedInWhileStoreDown()
  await ada.revokeToken() // forgets them, without using them first
  state.down = false
  await assert.rejects(ada.checkToken(), { name: 'NotAuthenticatedError' })
  assert.equal(await state.inner.get(`${pool.clientId}.ada`), undefined, 'nothing written back')
})

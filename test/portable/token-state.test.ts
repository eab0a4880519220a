/**
 * Token state across the paths that end a sign-in or a session, against the local pool (real
 * SRP, real tokens): every result is saved to the store, whoever produced it; a resumed
 * challenge keeps its tokens without a username; deleting the user forgets the stored tokens;
 * a corrupt store entry is "nothing stored", not a crash.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, ForceChangePasswordError, memoryStore, NotAuthenticatedError, NotAuthorizedException } from '../../src/index.ts'
import { AdminCognito } from '../../src/admin.ts'
import { createLocalPool } from '../../src/local/index.ts'

const creds = { accessKeyId: 'AKIDSTATE', secretAccessKey: 'state-secret' }

/** The pool's fetch, recording each request's operation and body. */
function recorded(fetch: (u: RequestInfo | URL, i?: RequestInit) => Promise<Response>) {
  const sent: Array<{ op: string; body: Record<string, unknown> }> = []
  const f = async (u: RequestInfo | URL, i?: RequestInit): Promise<Response> => {
    const h = new Headers(i?.headers)
    sent.push({ op: String(h.get('x-amz-target')).split('.')[1]!, body: JSON.parse(String(i?.body ?? '{}')) })
    return fetch(u, i)
  }
  return { sent, fetch: f }
}

test('a challenge resumed on an instance without a username keeps the tokens it earns, and saves them', async () => {
  const pool = createLocalPool({ users: [{ username: 'dora', password: 'Temp-pass-1!', status: 'FORCE_CHANGE_PASSWORD' }] })
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch }
  const first = new Cognito({ ...opts, username: 'dora' })
  await assert.rejects(first.authenticate('Temp-pass-1!'), ForceChangePasswordError)
  const saved = JSON.parse(JSON.stringify(first.pendingChallenge))
  const store = memoryStore()
  const server = new Cognito({ ...opts, store, storeKey: 'dora' })
  server.resumeChallenge(saved)
  const r = await server.newPasswordChallenge('unused', 'Dora-new-pass-1!')
  assert.equal(server.accessToken, r.accessToken)
  assert.ok(await store.get('dora'), 'saved like any other sign-in')
})

test('newPasswordChallenge passes clientMetadata to the sign-in it starts itself', async () => {
  const pool = createLocalPool({ users: [{ username: 'eli', password: 'Temp-pass-2!', status: 'FORCE_CHANGE_PASSWORD' }] })
  const rec = recorded(pool.fetch)
  const eli = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'eli', fetch: rec.fetch })
  await eli.newPasswordChallenge('Temp-pass-2!', 'Eli-new-pass-1!', { clientMetadata: { app: 'web' } })
  assert.deepEqual(rec.sent.map((s) => s.op), ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge'])
  for (const s of rec.sent) assert.deepEqual(s.body['ClientMetadata'], { app: 'web' }, s.op)
})

test('adminAuthenticate saves its tokens to the store, as authenticate does', async () => {
  const pool = createLocalPool({ credentials: creds, users: [{ username: 'fay', password: 'Fay-pass-1!' }] })
  const store = memoryStore()
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, credentials: creds, store, username: 'fay' }
  const admin = new AdminCognito(opts)
  const r = await admin.adminAuthenticate('Fay-pass-1!')
  const again = new AdminCognito(opts)
  assert.equal(await again.restore(), true)
  assert.equal(again.accessToken, r.accessToken)
})

test('deleteUser forgets the stored tokens too; a stored "null" or non-object is nothing stored', async () => {
  const pool = createLocalPool({ users: [{ username: 'gus', password: 'Gus-pass-1!' }] })
  const store = memoryStore()
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, store, username: 'gus' }
  const gus = new Cognito(opts)
  await gus.authenticate('Gus-pass-1!')
  await gus.deleteUser()
  assert.equal(gus.accessToken, undefined)
  assert.equal(await new Cognito(opts).restore(), false)
  for (const junk of ['null', '7', '"x"', '[]']) {
    await store.set(`${pool.clientId}.gus`, junk)
    assert.equal(await new Cognito(opts).restore(), false, junk)
  }
})

/** The pool's fetch, with the answers to REFRESH_TOKEN_AUTH held back until `release()`: the pool has renewed the tokens, the client has not heard yet. */
function slowRefresh(fetch: (u: RequestInfo | URL, i?: RequestInit) => Promise<Response>) {
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  let held = 0
  const f = async (u: RequestInfo | URL, i?: RequestInit): Promise<Response> => {
    const res = await fetch(u, i)
    if (String(i?.body).includes('REFRESH_TOKEN_AUTH')) {
      held++
      await gate
    }
    return res
  }
  return { fetch: f, release, held: () => held }
}

test('a renewal that lands after revokeToken() or logout() does not bring the tokens back, nor save them to the store', async () => {
  for (const signOut of ['revokeToken', 'logout'] as const) {
    const pool = createLocalPool({ users: [{ username: 'hal', password: 'Hal-pass-1!' }] })
    const slow = slowRefresh(pool.fetch)
    const store = memoryStore()
    const hal = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: slow.fetch, store, username: 'hal' })
    await hal.authenticate('Hal-pass-1!')
    const renewal = hal.renewAccessToken()
    renewal.catch(() => {})
    while (!slow.held()) await new Promise((r) => setTimeout(r, 1))
    await hal[signOut]()
    slow.release()
    await assert.rejects(renewal, NotAuthenticatedError, signOut)
    assert.equal(hal.accessToken, undefined, `${signOut}: signed out stays signed out`)
    assert.equal(hal.refreshToken, undefined, signOut)
    assert.equal(await store.get(`${pool.clientId}.hal`), undefined, `${signOut}: nothing saved again`)
  }
})

test('a renewal that lands after a new sign-in does not overwrite the new sign-in\'s tokens', async () => {
  const pool = createLocalPool({ users: [{ username: 'ida', password: 'Ida-pass-1!' }] })
  const slow = slowRefresh(pool.fetch)
  const ida = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: slow.fetch, username: 'ida' })
  await ida.authenticate('Ida-pass-1!')
  const renewal = ida.renewAccessToken()
  renewal.catch(() => {})
  while (!slow.held()) await new Promise((r) => setTimeout(r, 1))
  const again = await ida.authenticate('Ida-pass-1!')
  slow.release()
  await assert.rejects(renewal, NotAuthenticatedError)
  assert.equal(ida.accessToken, again.accessToken)
  assert.equal(ida.idToken, again.idToken)
  assert.equal(ida.refreshToken, again.refreshToken)
})

test('restore(): a store that fails (a database down) is an error to see, not "nothing stored"', async () => {
  const down = new Error('ECONNREFUSED 10.0.0.7:5432')
  const store = { get: async () => { throw down }, set: async () => {}, remove: async () => {} }
  const pool = createLocalPool({ users: [] })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, store, username: 'lou' })
  await assert.rejects(user.restore(), (e) => e === down)
})

test('restore(): fields of the wrong type in a stored entry are dropped, the access token is kept', async () => {
  const pool = createLocalPool({ users: [{ username: 'max', password: 'Max-pass-1!' }] })
  const store = memoryStore()
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, store, username: 'max' }
  const max = new Cognito(opts)
  const r = await max.authenticate('Max-pass-1!')
  // an entry written by something else (another app version, a hand-edited row)
  await store.set(`${pool.clientId}.max`, JSON.stringify({ access: r.accessToken, refresh: { token: r.refreshToken }, id: 7, expiresAt: 'soon', user: 5, extra: 'x' }))
  const again = new Cognito(opts)
  assert.equal(await again.restore(), true)
  assert.equal(again.accessToken, r.accessToken)
  assert.equal(again.refreshToken, undefined)
  assert.equal(again.idToken, undefined)
  assert.equal(again.expiresAt, undefined)
  await assert.rejects(again.renewAccessToken(), NotAuthenticatedError, 'no refresh token, not a crash inside')
})

test('logout() after the tokens were revoked elsewhere: NotAuthorizedException, and the dead tokens are forgotten, held and stored', async () => {
  const pool = createLocalPool({ users: [{ username: 'ned', password: 'Ned-pass-1!' }] })
  const store = memoryStore()
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, username: 'ned' }
  const here = new Cognito({ ...opts, store })
  const there = new Cognito(opts)
  await here.authenticate('Ned-pass-1!')
  await there.authenticate('Ned-pass-1!')
  await there.logout() // GlobalSignOut on another device revokes this device's tokens too
  await assert.rejects(here.logout(), NotAuthorizedException)
  assert.equal(here.accessToken === undefined, true, 'signed out here, as asked')
  assert.equal(here.refreshToken === undefined, true)
  assert.equal(await new Cognito({ ...opts, store }).restore(), false, 'the dead tokens do not come back on the next page load')
})

test('logout() that fails for another reason (network) keeps the tokens, so it can be tried again', async () => {
  const pool = createLocalPool({ users: [{ username: 'oli', password: 'Oli-pass-1!' }] })
  let down = false
  const fetch = async (u: RequestInfo | URL, i?: RequestInit): Promise<Response> => {
    if (down) throw new TypeError('fetch failed')
    return pool.fetch(u, i)
  }
  const oli = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch, username: 'oli', retry: { maxAttempts: 1 } })
  await oli.authenticate('Oli-pass-1!')
  down = true
  await assert.rejects(oli.logout())
  assert.equal(oli.accessToken !== undefined, true)
  down = false
  await oli.logout()
  assert.equal(oli.accessToken, undefined)
})

/**
 * One user's renewal shared by callers who do not know of each other (a web server's concurrent
 * requests): one caller giving up (its AbortSignal) must not fail the others, and the renewal it
 * started still lands. The local pool answers REFRESH_TOKEN_AUTH (real tokens); the answer is
 * held back until the test releases it.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AbortError, Cognito, memoryStore } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

function heldRefresh(fetch: (u: RequestInfo | URL, i?: RequestInit) => Promise<Response>) {
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  let held = 0
  const f = async (u: RequestInfo | URL, i?: RequestInit): Promise<Response> => {
    if (!String(i?.body).includes('REFRESH_TOKEN_AUTH')) return fetch(u, i)
    held++
    await gate
    return fetch(u, i)
  }
  return { fetch: f, release, held: () => held }
}

test('a caller that aborts its renewal does not fail the callers sharing it; the renewal still lands', async () => {
  const pool = createLocalPool({ users: [{ username: 'jan', password: 'Jan-pass-1!' }] })
  const held = heldRefresh(pool.fetch)
  const store = memoryStore()
  const jan = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: held.fetch, username: 'jan', store })
  const first = await jan.authenticate('Jan-pass-1!')
  const ctl = new AbortController()
  const impatient = jan.renewAccessToken({ signal: ctl.signal })
  impatient.catch(() => {})
  while (!held.held()) await new Promise((r) => setTimeout(r, 1))
  // another request of the same user needs the renewal too, and joins it
  const patient = jan.renewAccessToken()
  ctl.abort()
  await assert.rejects(impatient, AbortError)
  held.release()
  const r = await patient
  assert.equal(held.held(), 1, 'one renewal')
  assert.notEqual(r.accessToken, first.accessToken)
  assert.equal(jan.accessToken, r.accessToken)
  assert.equal(jan.refreshToken, first.refreshToken)
  assert.equal(JSON.parse((await store.get(`${pool.clientId}.jan`))!).access, r.accessToken, 'saved')
})

test('an already aborted signal rejects at once and starts no renewal', async () => {
  const pool = createLocalPool({ users: [{ username: 'kim', password: 'Kim-pass-1!' }] })
  const held = heldRefresh(pool.fetch)
  const kim = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: held.fetch, username: 'kim' })
  await kim.authenticate('Kim-pass-1!')
  await assert.rejects(kim.renewAccessToken({ signal: AbortSignal.abort() }), AbortError)
  held.release()
  assert.equal(held.held(), 0)
})

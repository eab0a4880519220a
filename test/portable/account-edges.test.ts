/**
 * Edge cases of the account functions and their `Cognito` methods, against the local pool (a
 * server that really checks tokens, codes and the model's ranges) or, where the local pool cannot
 * play the part, an injected `fetch` whose answers are shaped like the service model's outputs:
 * arguments refused before any request, state kept or dropped as the docs say.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito, createClient, listDevices, listWebAuthnCredentials } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PW = 'Corr3ct-horse!'

/** A local pool with `alice` (password PW) and the options of a client on it. */
async function poolWithAlice() {
  const pool = createLocalPool({ shareKeys: true })
  await pool.addUser({ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } })
  return { pool, opts: { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false as const } }
}

/** An ArgumentError naming `name`, of `code`. */
const argError = (name: string, code = 'ERR_INVALID_ARG_TYPE') => (e: unknown) => {
  assert.ok(e instanceof ArgumentError, `expected an ArgumentError, got ${String(e)}`)
  assert.ok(e.message.includes(`"${name}"`), e.message)
  assert.equal(e.code, code)
  return true
}

test('a Cognito holding only a refresh token renews the access token before an account call, as checkToken does', async () => {
  const { pool, opts } = await poolWithAlice()
  const first = new Cognito({ ...opts, username: 'alice' })
  await first.authenticate(PW)
  const later = new Cognito({ ...opts, username: 'alice', refreshToken: first.refreshToken! })
  const me = await later.getUser()
  assert.equal(me.username, 'alice')
  assert.ok(later.accessToken, 'the renewed access token is held')
  await later.changePassword(PW, 'N3w-horse-battery!')
  assert.deepEqual(pool.calls.map((c) => c.operation).slice(-3), ['InitiateAuth', 'GetUser', 'ChangePassword'])
})

/**
 * SRP login through the Cognito class against an SRP-verifying pool reached through an injected
 * fetch handler: no sockets, web globals only, so it runs unchanged under node --test (tsx),
 * bun test and deno test (scripts/runtimes.sh).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, NotAuthorizedException } from '../../src/index.ts'
import { createStandinPool, verifyRs256 } from '../support/standin-pool.ts'

const POOL = 'eu-west-1_Portable1'
const CLIENT = 'portableclient1'

test('SRP login succeeds and the tokens carry a valid RS256 signature', async () => {
  const pool = createStandinPool({ userPoolId: POOL, clientId: CLIENT, users: { 'alice@example.com': 'Corr3ct horse!' } })
  const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, username: 'alice@example.com', fetch: pool.fetch })
  const res = await user.authenticate('Corr3ct horse!')
  assert.deepEqual(pool.log, ['InitiateAuth', 'RespondToAuthChallenge'])
  assert.equal(res.tokenType, 'Bearer')
  assert.equal(user.accessToken, res.accessToken)
  const jwks = await (await pool.fetch(`https://cognito-idp.eu-west-1.amazonaws.com/${POOL}/.well-known/jwks.json`)).json()
  const access = await verifyRs256(res.accessToken, jwks)
  const id = await verifyRs256(res.idToken, jwks)
  assert.equal(access['token_use'], 'access')
  assert.equal(access['client_id'], CLIENT)
  assert.equal(id['aud'], CLIENT)
  assert.equal(id['email'], 'alice@example.com')
  // the internal username (USER_ID_FOR_SRP) is what later calls must use
  assert.equal(user.internalUsername, access['username'])
  await assert.rejects(verifyRs256(res.accessToken.slice(0, -4) + 'AAAA', jwks), /bad signature/)
})

test('a wrong password fails the server-side SRP check and keeps the old tokens', async () => {
  const pool = createStandinPool({ userPoolId: POOL, clientId: CLIENT, users: { alice: 'Corr3ct horse!' } })
  const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, username: 'alice', fetch: pool.fetch, accessToken: 'old.access.token' })
  await assert.rejects(user.authenticate('Wrong horse!'), (e: unknown) => e instanceof NotAuthorizedException && e.status === 400)
  assert.equal(user.accessToken, 'old.access.token')
})

test('the runtime has every web global the library relies on', async () => {
  assert.equal(typeof fetch, 'function')
  assert.equal(typeof crypto.subtle.importKey, 'function')
  assert.equal(typeof crypto.getRandomValues, 'function')
  assert.equal(typeof AbortSignal.timeout, 'function')
  assert.equal(typeof TextEncoder, 'function')
  assert.equal(typeof atob, 'function')
  assert.equal(2n ** 3072n > 0n, true)
  // SHA-256("abc"), FIPS 180-2 appendix B.1
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')))
  assert.equal(Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
})

/**
 * `createVerifier` refuses, when it is created, a user pool id with nothing after the `_` (an
 * ArgumentError naming it, before any fetch), and takes JWKS endpoints and URIs as given. Web
 * globals only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier, type VerifierOptions } from '../../src/jwt.ts'
import { ArgumentError } from '../../src/index.ts'

const POOL = 'us-east-1_Opt1ons'
const noFetch = async (): Promise<Response> => assert.fail('no JWKS may be fetched')
const make = (extra: Partial<VerifierOptions>) => createVerifier({ userPoolId: POOL, clientId: 'c', tokenUse: 'access', fetch: noFetch, ...extra })

const refusedNaming = (name: string, secret?: string) => (e: unknown) => {
  assert.ok(e instanceof ArgumentError, String(e))
  assert.equal(e.code, 'ERR_INVALID_ARG_VALUE')
  assert.ok(e.message.startsWith(`"${name}" `), e.message)
  if (secret) assert.ok(!e.message.includes(secret) && !String(e.stack).includes(secret), e.message)
  return true
}

test('control: endpoints and jwksUris without credentials are taken, with or without a trailing slash', async () => {
  const seen: string[] = []
  const fetch = async (url: string): Promise<Response> => (seen.push(url), Response.json({ keys: [] }))
  for (const o of [{ endpoint: 'http://127.0.0.1:4726' }, { endpoint: 'https://proxy.example.com/cognito/' }, { jwksUri: 'https://keys.example.com/jwks.json' }]) {
    await make({ ...o, fetch }).verify('x.y.z').catch(() => {})
  }
  assert.deepEqual(seen, [])
  // a token with a kid makes it fetch: the URL is the one configured
  const v = make({ endpoint: 'http://127.0.0.1:4726', fetch })
  const seg = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  const now = Math.floor(Date.now() / 1000)
  await v.verify(`${seg({ alg: 'RS256', kid: 'k' })}.${seg({ iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`, iat: now, exp: now + 60 })}.c2ln`).catch(() => {})
  assert.deepEqual(seen, [`http://127.0.0.1:4726/${POOL}/.well-known/jwks.json`])
})

test('a user pool id with nothing after the "_" is an ArgumentError naming userPoolId', () => {
  for (const userPoolId of ['us-east-1_', 'local_', '_', 'us-east-1']) {
    assert.throws(() => make({ userPoolId }), refusedNaming('userPoolId'), userPoolId)
  }
})

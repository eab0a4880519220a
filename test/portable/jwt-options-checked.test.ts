/**
 * `createVerifier` refuses, when it is created, options it could only fail on later: a JWKS
 * `endpoint` or `jwksUri` carrying credentials (`https://user:pass@host/`), which every JWKS failure
 * would print in its message (fetch refuses such URLs anyway), and a user pool id with nothing after
 * the `_`. Each is an ArgumentError naming the option, before any fetch, and never quoting the
 * credentials. Web globals only.
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

test('a JWKS endpoint or jwksUri with credentials is an ArgumentError when the verifier is created, never quoted', () => {
  const urls = [
    'https://user:s3cr3t-pass@jwks.example.com/',
    'https://s3cr3t-pass@jwks.example.com/us-east-1_Opt1ons/.well-known/jwks.json',
    'http://user:s3cr3t-pass@127.0.0.1:4726',
    // the WHATWG parser reads these as credentials too, as fetch would
    'https:user:s3cr3t-pass@jwks.example.com/',
    'https:\\\\user:s3cr3t-pass@jwks.example.com/',
  ]
  for (const name of ['endpoint', 'jwksUri'] as const) {
    for (const url of urls) assert.throws(() => make({ [name]: url }), refusedNaming(name, 's3cr3t-pass'), `${name}: ${url}`)
  }
})

test('a JWKS endpoint or jwksUri that is not an absolute http(s) URL is an ArgumentError naming it', () => {
  for (const name of ['endpoint', 'jwksUri'] as const) {
    for (const url of ['jwks.example.com', 'ftp://jwks.example.com/', '', 'file:///etc/jwks.json']) assert.throws(() => make({ [name]: url }), refusedNaming(name), `${name}: ${url}`)
  }
})

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

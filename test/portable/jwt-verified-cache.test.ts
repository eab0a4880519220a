/**
 * The verified-signature cache of `cognito-edge/jwt`: the same token under the same key object
 * skips only WebCrypto's signature check; every claim is still checked on every call, and
 * anything else (another token, a tampered one, a refetched JWKS) is verified afresh. Tokens are
 * signed by ./support/jwt-forge.ts (node:crypto), independently of src/jwt.ts.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier, verifyJwt } from '../../src/jwt.ts'
import { JwtInvalid } from '../../src/index.ts'
import { claims, flipBit, forgeKeys, issuerOf, poolJwks, signRs256, type PoolCtx } from '../support/jwt-forge.ts'

const ctx: PoolCtx = { region: 'eu-west-1', userPoolId: 'eu-west-1_CachePool', clientId: 'cacheclient', now: 1_800_000_000 }

/** Count crypto.subtle.verify calls while `fn` runs. */
async function countingVerify<T>(fn: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const subtle = globalThis.crypto.subtle
  const real = subtle.verify
  let calls = 0
  Object.defineProperty(subtle, 'verify', { configurable: true, writable: true, value: (...a: Parameters<SubtleCrypto['verify']>) => (calls++, real.apply(subtle, a)) })
  try {
    return { result: await fn(), calls }
  } finally {
    delete (subtle as { verify?: unknown }).verify
    if (subtle.verify !== real) Object.defineProperty(subtle, 'verify', { configurable: true, writable: true, value: real })
  }
}

function setup() {
  let now = ctx.now * 1000
  const jwks = poolJwks()
  const v = createVerifier({ userPoolId: ctx.userPoolId, clientId: ctx.clientId, tokenUse: 'access', now: () => now, fetch: async () => Response.json(jwks) })
  return { v, jwks, advance: (ms: number) => void (now += ms) }
}

test('the same token twice: the signature is checked once, the claims twice, and each call gets its own claims object', async () => {
  const { v } = setup()
  const token = signRs256(claims(ctx, 'access', { jti: 'cache-1' }), forgeKeys().pool)
  const { result, calls } = await countingVerify(async () => {
    const a = await v.verify(token)
    a['username'] = 'mallory' // a caller mutating its result changes nothing for the next one
    return [a, await v.verify(token)] as const
  })
  assert.equal(calls, 1)
  assert.notEqual(result[0], result[1])
  assert.notEqual(result[1]['username'], 'mallory')
})

test('a cached token is still refused once expired, and under stricter per-call checks', async () => {
  const { v, advance } = setup()
  const token = signRs256(claims(ctx, 'access', { jti: 'cache-2' }), forgeKeys().pool)
  await v.verify(token)
  await assert.rejects(v.verify(token, { tokenUse: 'id' }), (e: unknown) => e instanceof JwtInvalid && e.reason === 'token_use')
  await assert.rejects(v.verify(token, { clientId: 'someone-else' }), (e: unknown) => e instanceof JwtInvalid && e.reason === 'client_id')
  await assert.rejects(v.verify(token, { groups: 'admins' }), (e: unknown) => e instanceof JwtInvalid && e.reason === 'groups')
  advance(2 * 3600_000)
  await assert.rejects(v.verify(token), (e: unknown) => e instanceof JwtInvalid && e.reason === 'exp')
})

test('a tampered copy of a cached token is verified, and refused', async () => {
  const { v } = setup()
  const token = signRs256(claims(ctx, 'access', { jti: 'cache-3' }), forgeKeys().pool)
  await v.verify(token)
  for (const i of [0, 1, 2] as const) {
    const { calls } = await countingVerify(() => assert.rejects(v.verify(flipBit(token, i)), JwtInvalid))
    assert.ok(calls <= 1)
  }
  const { calls } = await countingVerify(() => assert.rejects(v.verify(flipBit(token, 2)), (e: unknown) => e instanceof JwtInvalid && e.reason === 'signature'))
  assert.equal(calls, 1, 'a changed signature is checked, not taken from the cache')
})

test('another key object (a new JWKS with the same keys) means a fresh signature check', async () => {
  const token = signRs256(claims(ctx, 'access', { jti: 'cache-4' }), forgeKeys().pool)
  const checks = { clientId: ctx.clientId, tokenUse: 'access' as const, issuer: issuerOf(ctx), now: () => ctx.now * 1000 }
  const { calls } = await countingVerify(async () => {
    const jwks = poolJwks()
    await verifyJwt(token, jwks, checks)
    await verifyJwt(token, jwks, checks) // same objects: cached
    await verifyJwt(token, { keys: poolJwks().keys.map((k) => ({ ...k })) }, checks) // equal keys, new objects: checked again
  })
  assert.equal(calls, 2)
})

test('the cache is bounded: after 1000 newer tokens the first is checked again', async () => {
  const { v } = setup()
  const key = forgeKeys().pool
  const first = signRs256(claims(ctx, 'access', { jti: 'bound-first' }), key)
  await v.verify(first)
  assert.equal((await countingVerify(() => v.verify(first))).calls, 0)
  for (let i = 0; i < 1000; i++) await v.verify(signRs256(claims(ctx, 'access', { jti: `bound-${i}` }), key))
  assert.equal((await countingVerify(() => v.verify(first))).calls, 1)
})

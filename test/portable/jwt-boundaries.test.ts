/**
 * `cognito-edge/jwt` at the exact edges of its time checks and arguments: a token is valid from
 * the second of its `nbf` and through the second of its `exp`, `iat` may be now; a clock that
 * returns 0 (no time) is refused, as is a pool id without `_`, with ERR_INVALID_ARG_VALUE.
 * Tokens are signed by ./support/jwt-forge.ts (node:crypto, independent of src/jwt.ts) with a
 * key of the pool's JWKS, so a rejection is the check under test.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier, verifyJwt, type Jwks } from '../../src/jwt.ts'
import { ArgumentError, JwtInvalid } from '../../src/index.ts'
import { claims, forgeKeys, issuerOf, poolJwks, signRs256, type PoolCtx } from '../support/jwt-forge.ts'

const ctx: PoolCtx = { region: 'eu-west-1', userPoolId: 'eu-west-1_B0undary', clientId: 'boundaryclient', now: 1_760_000_000 }
const { now } = ctx
const NOW = now * 1000
const CLIENT = ctx.clientId
const JWKS = poolJwks() as Jwks
const sign = async (over: Record<string, unknown>): Promise<string> => signRs256(claims(ctx, 'access', over), forgeKeys().pool)
const checks = { issuer: issuerOf(ctx), clientId: CLIENT, tokenUse: 'access' as const, now: () => NOW }
const rejected = (reason: string) => (e: unknown) => e instanceof JwtInvalid && e.reason === reason

test('nbf, exp and iat at exactly now are accepted; a second past each edge is not', async () => {
  for (const edge of [{ nbf: now }, { exp: now }, { iat: now }]) assert.equal((await verifyJwt(await sign(edge), JWKS, checks)).client_id, CLIENT, JSON.stringify(edge))
  await assert.rejects(verifyJwt(await sign({ nbf: now + 1 }), JWKS, checks), rejected('nbf'))
  await assert.rejects(verifyJwt(await sign({ exp: now - 1 }), JWKS, checks), rejected('exp'))
  await assert.rejects(verifyJwt(await sign({ iat: now + 1 }), JWKS, checks), rejected('iat'))
  // clockTolerance moves each edge by exactly its seconds
  assert.equal((await verifyJwt(await sign({ nbf: now + 30 }), JWKS, { ...checks, clockTolerance: 30 })).client_id, CLIENT)
  await assert.rejects(verifyJwt(await sign({ nbf: now + 31 }), JWKS, { ...checks, clockTolerance: 30 }), rejected('nbf'))
})

test('a clock that returns 0 is refused before the token is read', async () => {
  await assert.rejects(verifyJwt(await sign({}), JWKS, { ...checks, now: () => 0 }), (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /"now"/.test(e.message))
})

test('createVerifier: a pool id without "_" (or not a string) is ERR_INVALID_ARG_VALUE naming userPoolId', () => {
  for (const userPoolId of ['eu-west-1', '', 42 as unknown as string]) {
    assert.throws(() => createVerifier({ userPoolId, clientId: CLIENT, tokenUse: 'access' }), (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /"userPoolId"/.test(e.message))
  }
})

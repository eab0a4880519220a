/**
 * Cases the seed-2 mutation round over `cognito-edge/jwt` (src/jwt.ts) found unguarded: the
 * verified-signature cache keeps many tokens (a server sees several sessions at once, not one), and
 * a token of up to 16 KiB (16,384 characters) is kept while a longer one is not; an `exp` exactly one
 * day ahead (Cognito's longest token lifetime) is accepted; an unknown `kid` refetches the JWKS
 * again exactly when the cooldown has passed. Seed 3: `clientId` and `tokenUse` stay required on
 * each call, so an override set to undefined cannot switch their checks off. Tokens are
 * signed by ./support/jwt-forge.ts (node:crypto), independently of src/jwt.ts; an access token
 * grows by a claim (Cognito's access tokens carry custom scopes and groups, so size varies).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier, verifyJwt } from '../../src/jwt.ts'
import { ArgumentError, JwtInvalid } from '../../src/index.ts'
import { claims, forgeKeys, issuerOf, poolJwks, signRs256, type PoolCtx } from '../support/jwt-forge.ts'

const ctx: PoolCtx = { region: 'eu-west-1', userPoolId: 'eu-west-1_MutantPool', clientId: 'mutantclient', now: 1_800_000_000 }

/** Count crypto.subtle.verify calls while `fn` runs. */
async function verifyCalls(fn: () => Promise<unknown>): Promise<number> {
  const subtle = globalThis.crypto.subtle
  const real = subtle.verify
  let calls = 0
  Object.defineProperty(subtle, 'verify', { configurable: true, writable: true, value: (...a: Parameters<SubtleCrypto['verify']>) => (calls++, real.apply(subtle, a)) })
  try {
    await fn()
    return calls
  } finally {
    delete (subtle as { verify?: unknown }).verify
    if (subtle.verify !== real) Object.defineProperty(subtle, 'verify', { configurable: true, writable: true, value: real })
  }
}

const verifier = () => {
  const jwks = poolJwks()
  return createVerifier({ userPoolId: ctx.userPoolId, clientId: ctx.clientId, tokenUse: 'access', now: () => ctx.now * 1000, fetch: async () => Response.json(jwks) })
}

/** A valid access token of exactly `length` characters, grown by a `pad` claim. */
function tokenOfLength(length: number, jti: string): string {
  const key = forgeKeys().pool
  for (const header of [{ kid: key.kid, alg: 'RS256' }, { kid: key.kid, alg: 'RS256', typ: 'JWT' }]) {
    for (let n = Math.floor((length * 3) / 4) - 800; n < length; n++) {
      const t = signRs256(claims(ctx, 'access', { jti, pad: 'x'.repeat(n) }), key, header)
      if (t.length === length) return t
      if (t.length > length) break
    }
  }
  throw new Error(`no token of ${length} characters`)
}

test('the verified-signature cache keeps many tokens: two sessions taking turns are each checked once', async () => {
  const v = verifier()
  const key = forgeKeys().pool
  const a = signRs256(claims(ctx, 'access', { jti: 'turns-a' }), key)
  const b = signRs256(claims(ctx, 'access', { jti: 'turns-b' }), key)
  assert.equal(await verifyCalls(async () => {
    for (let i = 0; i < 3; i++) await v.verify(a), await v.verify(b)
  }), 2)
})

test('a token of 16,384 characters is kept in the cache, one of 16,385 is checked every time', async () => {
  const v = verifier()
  const atLimit = tokenOfLength(16384, 'limit-in')
  const over = tokenOfLength(16385, 'limit-out')
  assert.equal(await verifyCalls(async () => (await v.verify(atLimit), await v.verify(atLimit))), 1)
  assert.equal(await verifyCalls(async () => (await v.verify(over), await v.verify(over))), 2)
})

test('exp: a token that lives exactly one day (Cognito\'s longest ID and access token lifetime) is accepted, a second more is not', async () => {
  const v = verifier()
  const key = forgeKeys().pool
  const day = signRs256(claims(ctx, 'access', { jti: 'day', iat: ctx.now, exp: ctx.now + 86400 }), key)
  assert.equal((await v.verify(day))['exp'], ctx.now + 86400)
  const longer = signRs256(claims(ctx, 'access', { jti: 'day-plus', iat: ctx.now, exp: ctx.now + 86401 }), key)
  await assert.rejects(v.verify(longer), (e: unknown) => e instanceof JwtInvalid && e.reason === 'exp')
  // clockTolerance widens the bound by as much
  assert.equal((await v.verify(longer, { clockTolerance: 1 }))['exp'], ctx.now + 86401)
})

test('an unknown kid refetches the JWKS again once the cooldown has passed, not a millisecond before', async () => {
  const k = forgeKeys()
  let now = ctx.now * 1000
  const fetched: string[] = []
  // the pool's JWKS before and after a key rotation published pool-key-2
  const before = { keys: [k.pool.jwk] }
  const after = { keys: [k.pool.jwk, k.pool2.jwk] }
  const v = createVerifier({
    userPoolId: ctx.userPoolId, clientId: ctx.clientId, tokenUse: 'access', now: () => now, cooldown: 10,
    fetch: async (url) => (fetched.push(url), Response.json(fetched.length < 3 ? before : after)),
  })
  await v.verify(signRs256(claims(ctx, 'access', { jti: 'old-key' }), k.pool))
  const rotated = signRs256(claims(ctx, 'access', { jti: 'new-key' }), k.pool2)
  // the unknown kid refetches at once (the second fetch, still without the new key) …
  await assert.rejects(v.verify(rotated), (e: unknown) => e instanceof JwtInvalid && e.reason === 'kid')
  assert.equal(fetched.length, 2)
  // … then not again within the 10 s cooldown …
  now += 9_999
  await assert.rejects(v.verify(rotated), (e: unknown) => e instanceof JwtInvalid && e.reason === 'kid')
  assert.equal(fetched.length, 2)
  // … and once it has passed, the rotated key is fetched and the token verifies
  now += 1
  assert.equal((await v.verify(rotated))['jti'], 'new-key')
  assert.equal(fetched.length, 3)
})

test('clientId and tokenUse stay required per call: verifyJwt without them is refused, and an override set to undefined keeps the verifier\'s check, never unchecked', async () => {
  const token = signRs256(claims(ctx, 'access', { jti: 'required' }), forgeKeys().pool)
  const checks = { issuer: issuerOf(ctx), now: () => ctx.now * 1000 }
  const required = (e: unknown) => e instanceof ArgumentError && e.message === '"clientId" and "tokenUse" are required (null skips the check)'
  await assert.rejects(verifyJwt(token, poolJwks(), { ...checks, tokenUse: 'access' } as never), required)
  await assert.rejects(verifyJwt(token, poolJwks(), { ...checks, clientId: ctx.clientId } as never), required)
  const v = verifier()
  // an override left undefined is one not given: the verifier's own clientId and tokenUse apply
  const other = signRs256(claims({ ...ctx, clientId: 'anotherclient' }, 'access', { jti: 'required' }), forgeKeys().pool)
  await assert.rejects(v.verify(other, { clientId: undefined }), (e: unknown) => e instanceof JwtInvalid && e.reason === 'client_id')
  const idToken = signRs256(claims(ctx, 'id', { jti: 'required' }), forgeKeys().pool)
  await assert.rejects(v.verify(idToken, { tokenUse: undefined }), (e: unknown) => e instanceof JwtInvalid && e.reason === 'token_use')
  assert.equal((await v.verify(token, { clientId: undefined, tokenUse: undefined }))['jti'], 'required')
  // the control: the same token with both checks passes
  assert.equal((await verifyJwt(token, poolJwks(), { ...checks, clientId: ctx.clientId, tokenUse: 'access' }))['jti'], 'required')
})

/**
 * JWT attack suite: every forgery in ./support/jwt-forge.ts (node:crypto, independent of
 * src/jwt.ts) must be rejected by the verifier with `JwtInvalid` and the reason code naming the
 * check that caught it. Bar: aws-jwt-verify's negative tests, plus the attacks it leaves to the
 * caller (absurd exp, oversized tokens). A control token signed with the pool key passes, so
 * the rejections are not an artefact of a broken setup.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier } from '../../src/jwt.ts'
import { JwtInvalid, type JwtReason } from '../../src/index.ts'
import { attacks, claims, forgeKeys, poolJwks, signRs256, type PoolCtx } from '../support/jwt-forge.ts'

const ctx: PoolCtx = { region: 'us-east-1', userPoolId: 'us-east-1_AttackPool', clientId: 'attackclient', now: 1_800_000_000 }
/** The verifier's reason for each kind of attack in the forge table. */
const REASON: Record<string, JwtReason> = {
  alg: 'alg', key: 'alg', kid: 'kid', signature: 'signature', iss: 'iss', token_use: 'token_use', client_id: 'client_id', aud: 'aud',
  exp: 'exp', nbf: 'nbf', iat: 'iat', size: 'malformed', format: 'malformed',
}

let jwksFetches = 0
const verifier = createVerifier({
  userPoolId: ctx.userPoolId,
  clientId: ctx.clientId,
  tokenUse: 'access',
  now: () => ctx.now * 1000,
  fetch: async () => (jwksFetches++, Response.json(poolJwks())),
})

test('jwt attacks: control tokens signed with the pool keys verify', async () => {
  const k = forgeKeys()
  assert.equal((await verifier.verify(signRs256(claims(ctx, 'access'), k.pool))).token_use, 'access')
  assert.equal((await verifier.verify(signRs256(claims(ctx, 'id'), k.pool2), { tokenUse: 'id' })).token_use, 'id')
})

test('jwt attacks: every forgery is rejected with the reason naming the check', async (t) => {
  const list = attacks(ctx)
  const reasons = new Set<string>()
  let rejected = 0
  for (const a of list) {
    await t.test(a.name, async () => {
      await assert.rejects(verifier.verify(a.token, { tokenUse: a.as }), (e: unknown) => {
        assert.ok(e instanceof JwtInvalid, `${a.name}: ${String(e)}`)
        assert.equal(e.reason, REASON[a.expect], `${a.name}: ${e.message}`)
        return true
      })
      reasons.add(REASON[a.expect]!)
      rejected++
    })
  }
  assert.equal(rejected, list.length)
  console.log(`jwt attacks: ${rejected} rejected (${reasons.size} distinct reason codes: ${[...reasons].sort().join(', ')})`)
})

/**
 * `verifier.verify(token, overrides)`: an override member that is `undefined` is one not given,
 * so the verifier's own check stays. Before, `{ groups: undefined }` (a route with no group of
 * its own, `{ groups: route.groups }`) replaced the verifier's required group with none and
 * accepted a token outside it; `null` is the way to skip a check. Tokens are signed by
 * ./support/jwt-forge.ts (node:crypto), so a rejection is the check under test.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier } from '../../src/jwt.ts'
import { JwtInvalid } from '../../src/index.ts'
import { claims, forgeKeys, poolJwks, signRs256, type PoolCtx } from '../support/jwt-forge.ts'

const ctx: PoolCtx = { region: 'eu-west-1', userPoolId: 'eu-west-1_0verride', clientId: 'overrideclient', now: 1_760_000_000 }
const sign = async (over: Record<string, unknown>): Promise<string> => signRs256(claims(ctx, 'access', over), forgeKeys().pool)
const verifier = () =>
  createVerifier({ userPoolId: ctx.userPoolId, clientId: ctx.clientId, tokenUse: 'access', groups: 'admin', scope: 'api/write', clockTolerance: 5, now: () => ctx.now * 1000, fetch: async () => Response.json(poolJwks()) })
const rejected = (reason: string) => (e: unknown) => e instanceof JwtInvalid && e.reason === reason

test('verify: an override left undefined keeps the verifier\'s check (groups, scope, clockTolerance)', async () => {
  const v = verifier()
  const outsider = await sign({ 'cognito:groups': ['staff'], scope: 'api/write' })
  const noScope = await sign({ 'cognito:groups': ['admin'], scope: 'api/read' })
  for (const overrides of [undefined, {}, { groups: undefined }, { groups: undefined, scope: undefined }]) {
    await assert.rejects(v.verify(outsider, overrides), rejected('groups'), `groups kept with ${JSON.stringify(overrides)}`)
  }
  for (const overrides of [{ scope: undefined }, { groups: undefined, scope: undefined }]) {
    await assert.rejects(v.verify(noScope, overrides), rejected('scope'), 'scope kept')
  }
  // 5 s of tolerance stays when the override's clockTolerance is undefined
  const early = await sign({ 'cognito:groups': ['admin'], scope: 'api/write', nbf: ctx.now + 5 })
  assert.equal((await v.verify(early, { clockTolerance: undefined })).sub, (await v.verify(early)).sub)
  await assert.rejects(v.verify(early, { clockTolerance: 0 }), rejected('nbf'))
  // a given override still replaces the check, and null still skips it
  assert.ok(await v.verify(outsider, { groups: 'staff' }))
  assert.ok(await v.verify(outsider, { groups: null }))
  await assert.rejects(v.verify(await sign({ 'cognito:groups': ['admin'] }), { groups: 'staff' }), rejected('groups'))
})

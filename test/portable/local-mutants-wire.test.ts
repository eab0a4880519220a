/**
 * The local pool's request validation (src/local/wire.ts) at the edges a mutation round found
 * unguarded: integer ranges and list lengths from the service model
 * (/work/shared/cognito-idp.model.json: `QueryLimitType` is an integer 0..60, `CustomAttributesListType`
 * a list of 1..25), both ends inclusive as the model's `@range` and `@length` traits are, worded as
 * AWS's validator words them; and a null optional member, which AWS JSON services treat as absent
 * (the same validator reports a null required member as "Value null ... must not be null").
 * Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, signedFor } from '../support/local.ts'

const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })

const signed = async (op: string, input: Record<string, unknown>) => call(pool, op, input, await signedFor(pool, op, input))

test('an integer member is checked against both ends of its range, inclusively', async () => {
  const list = (n: number) => signed('AdminListDevices', { UserPoolId: pool.poolId, Username: 'alice', Limit: n })
  for (const n of [0, 60]) {
    const r = await list(n)
    assert.equal(r.status, 200, `${n}: ${JSON.stringify(r.body)}`)
  }
  const low = await list(-1)
  assert.deepEqual([low.status, low.body.__type, low.body.message], [400, 'InvalidParameterException',
    "1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 0"])
  const high = await list(61)
  assert.deepEqual([high.status, high.body.__type, high.body.message], [400, 'InvalidParameterException',
    "1 validation error detected: Value '61' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60"])
})

test('a list member is checked against its length constraint', async () => {
  const attribute = (i: number) => ({ Name: `a${i}`, AttributeDataType: 'String' })
  const empty = await signed('AddCustomAttributes', { UserPoolId: pool.poolId, CustomAttributes: [] })
  assert.deepEqual([empty.body.__type, empty.body.message], ['InvalidParameterException',
    "1 validation error detected: Value '' at 'customAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1"])
  const many = await signed('AddCustomAttributes', { UserPoolId: pool.poolId, CustomAttributes: Array.from({ length: 26 }, (_, i) => attribute(i)) })
  assert.equal(many.body.__type, 'InvalidParameterException')
  assert.match(many.body.message, /^1 validation error detected: .* at 'customAttributes' failed to satisfy constraint: Member must have length less than or equal to 25$/)
})

test('a null optional member is treated as absent, not as a value of the wrong type', async () => {
  const input = { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW }, ClientMetadata: null, AnalyticsMetadata: null }
  const r = await call(pool, 'InitiateAuth', input)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.ok(r.body.AuthenticationResult.AccessToken)
})

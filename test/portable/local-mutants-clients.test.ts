/**
 * The local pool's app clients (src/local/clients.ts) at the edges a mutation round found
 * unguarded: the legacy ADMIN_NO_SRP_AUTH flow setting, and what DescribeUserPoolClient reports
 * for a client configured with no more than its id. Over the pool's fetch handler only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, signedFor } from '../support/local.ts'

const admin = async (pool: LocalPool, op: string, input: Record<string, unknown>) => call(pool, op, { UserPoolId: pool.poolId, ...input }, await signedFor(pool, op, { UserPoolId: pool.poolId, ...input }))
const alice = { username: 'alice', password: PW }

test('the legacy ADMIN_NO_SRP_AUTH setting enables ADMIN_USER_PASSWORD_AUTH and nothing else', async () => {
  // ExplicitAuthFlows: ALLOW_ADMIN_USER_PASSWORD_AUTH "replaces the ADMIN_NO_SRP_AUTH setting"
  // (CreateUserPoolClient API reference)
  const pool = createLocalPool({ shareKeys: true, users: [alice], clients: [{ explicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] }] })
  const params = { USERNAME: 'alice', PASSWORD: PW }
  const r = await admin(pool, 'AdminInitiateAuth', { ClientId: pool.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: params })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.ok(r.body.AuthenticationResult.AccessToken)
  const e = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: params })
  assert.deepEqual([e.type, e.message], ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'])
})

test('ADMIN_USER_PASSWORD_AUTH is refused on a client whose flows leave it out', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice], clients: [{ explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }] })
  const input = { ClientId: pool.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: PW } }
  const r = await admin(pool, 'AdminInitiateAuth', input)
  assert.deepEqual([r.body.__type, r.body.message], ['InvalidParameterException', 'ADMIN_USER_PASSWORD_AUTH flow not enabled for this client'])
})

test('a client given only its id is described with every flow it accepts and Cognito\'s default validities', async () => {
  // defaults of a new app client (CreateUserPoolClient API reference): access and ID tokens an
  // hour, refresh tokens 30 days, AuthSessionValidity 3 minutes
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const c = (await admin(pool, 'DescribeUserPoolClient', { ClientId: pool.clientId })).body.UserPoolClient
  assert.deepEqual([...c.ExplicitAuthFlows].sort(), ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'])
  assert.deepEqual(
    [c.AccessTokenValidity, c.IdTokenValidity, c.RefreshTokenValidity, c.TokenValidityUnits, c.AuthSessionValidity],
    [60, 60, 30, { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' }, 3],
  )
  // the client does accept each flow it lists
  const params = { USERNAME: 'alice', PASSWORD: PW }
  assert.equal((await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: params })).status, 200)
  assert.equal((await admin(pool, 'AdminInitiateAuth', { ClientId: pool.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: params })).status, 200)
  const auth = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  assert.equal(auth.status, 200, JSON.stringify(auth.body))
})

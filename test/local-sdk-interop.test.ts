/**
 * The local pool driven by AWS's own SDK v3 client (@aws-sdk/client-cognito-identity-provider
 * 3.1169.0) over HTTP, as users' own tests drive it: SigV4 admin calls signed with
 * `pool.credentials` as given, and Cognito errors parsed into the SDK's typed exceptions with
 * their status and request id. Node only (sockets).
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  NotAuthorizedException,
  RevokeTokenCommand,
  UnauthorizedException,
} from '@aws-sdk/client-cognito-identity-provider'
import { createLocalPool, type LocalPool } from '../src/local/index.ts'
import { listen, type LocalServer } from '../src/local/server.ts'
import { PW } from './support/local.ts'

let pool: LocalPool
let server: LocalServer
let sdk: CognitoIdentityProviderClient

before(async () => {
  pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  server = await listen(pool, { port: 0 })
  sdk = new CognitoIdentityProviderClient({ region: pool.region, endpoint: server.url, credentials: pool.credentials, maxAttempts: 1 })
})
after(() => {
  sdk.destroy()
  return server.close()
})

test('SDK v3: admin calls signed with pool.credentials as given (the SDK tags the object it is handed)', async () => {
  const created = await sdk.send(new AdminCreateUserCommand({ UserPoolId: pool.poolId, Username: 'dan', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-pass-1!' }))
  assert.equal(created.User?.UserStatus, 'FORCE_CHANGE_PASSWORD')
  const got = await sdk.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: 'alice' }))
  assert.equal(got.Username, 'alice')
  assert.ok(got.UserCreateDate instanceof Date)
  // the secret still stays out of what the pool prints
  assert.ok(!JSON.stringify(pool.credentials).includes(pool.credentials.secretAccessKey))
})

test('SDK v3: errors arrive as its typed exceptions, with HTTP 400 and the request id', async () => {
  const e = await sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Wrong-pass1!' } })).catch((x: unknown) => x)
  assert.ok(e instanceof NotAuthorizedException)
  assert.equal(e.message, 'Incorrect username or password.')
  assert.equal(e.$metadata.httpStatusCode, 400)
  assert.match(e.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/)
  const r = await sdk.send(new RevokeTokenCommand({ ClientId: 'nosuchclient', Token: 'abc' })).catch((x: unknown) => x)
  assert.ok(r instanceof UnauthorizedException)
})

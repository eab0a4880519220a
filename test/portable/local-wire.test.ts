import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, InternalErrorException, TooManyRequestsException } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, signedFor, srpLogin } from '../support/local.ts'

const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }
const post = (pool: ReturnType<typeof createLocalPool>, headers: Record<string, string>, body: string, path = '/') =>
  pool.fetch(`http://127.0.0.1:9229${path}`, { method: 'POST', headers, body })
const JSON11 = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' }

test('success responses carry Cognito headers and CORS', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const r = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  assert.equal(r.status, 200)
  assert.equal(r.headers.get('content-type'), 'application/x-amz-json-1.1')
  assert.match(r.headers.get('x-amzn-requestid')!, /^[0-9a-f-]{36}$/)
  assert.ok(!Number.isNaN(Date.parse(r.headers.get('date')!)))
  assert.equal(r.headers.get('access-control-allow-origin'), '*')
  assert.match(r.headers.get('access-control-expose-headers')!, /x-amzn-ErrorType/)
  const pre = await pool.fetch('http://127.0.0.1:9229/', { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent' } })
  assert.equal(pre.status, 204)
  assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type,x-amz-target,x-amz-user-agent')
  assert.match(pre.headers.get('access-control-allow-methods')!, /POST/)
})

test('malformed JSON, wrong content type, unknown and missing targets, wrong method and path', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const bad = await post(pool, JSON11, '{"AuthFlow":')
  assert.equal(bad.status, 400)
  assert.equal(((await bad.json()) as any).__type, 'SerializationException')
  assert.equal(bad.headers.get('x-amzn-errortype'), 'SerializationException:')
  const arr = await post(pool, JSON11, '[1,2]')
  assert.equal(((await arr.json()) as any).__type, 'SerializationException')
  for (const [headers, path] of [
    [{ ...JSON11, 'content-type': 'application/json' }, '/'],
    [{ ...JSON11, 'x-amz-target': 'AWSCognitoIdentityProviderService.NoSuchOperation' }, '/'],
    [{ ...JSON11, 'x-amz-target': 'SomeOtherService.InitiateAuth' }, '/'],
    [{ 'content-type': 'application/x-amz-json-1.1' }, '/'],
    [JSON11, '/other'],
  ] as const) {
    const r = await post(pool, headers, '{}', path)
    assert.equal(r.status, headers === JSON11 ? 400 : 400)
    assert.deepEqual(await r.json(), { code: 'BadRequest', message: 'The server did not understand the operation that was requested.', type: 'client' })
    assert.ok(r.headers.get('x-amzn-requestid'))
  }
  const put = await pool.fetch('http://127.0.0.1:9229/', { method: 'PUT', headers: JSON11, body: '{}' })
  assert.equal(put.status, 400)
  assert.ok(pool.calls.every((c) => c.status === 400))
  assert.equal((await srpLogin(pool, 'alice', PW)).status, 200, 'the pool still works')
})

test('an operation of the model that the pool does not implement is named in the error', async () => {
  const pool = createLocalPool({ shareKeys: true })
  const e = await errorOf(pool, 'SetUserSettings', { AccessToken: 'x', MFAOptions: [] })
  assert.equal(e.type, 'UnsupportedOperationException')
  assert.match(e.message, /SetUserSettings is not implemented/)
})

test('request bodies are validated against the model, worded like Cognito', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const missing = await errorOf(pool, 'InitiateAuth', {})
  assert.equal(missing.type, 'InvalidParameterException')
  assert.equal(missing.message, "2 validation errors detected: Value null at 'authFlow' failed to satisfy constraint: Member must not be null; Value null at 'clientId' failed to satisfy constraint: Member must not be null")
  const long = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'x'.repeat(200), Password: PW })
  assert.equal(long.message, "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128")
  const pattern = await errorOf(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'alice', ConfirmationCode: 'has space' })
  assert.match(pattern.message, /Value 'has space' at 'confirmationCode' failed to satisfy constraint: Member must satisfy regular expression pattern/)
  const nested = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bob', Password: PW, UserAttributes: [{ Value: 'x' }] })
  assert.match(nested.message, /Value null at 'userAttributes.1.member.name'/)
  const type = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: 'USERNAME=alice' })
  assert.equal(type.type, 'SerializationException')
  // admin operations are signed with the pool's credentials, so what is checked is the body
  const admin = async (op: string, input: Record<string, unknown>) => errorOf(pool, op, input, await signedFor(pool, op, input))
  const num = await admin('ListUsers', { UserPoolId: pool.poolId, Limit: 'ten' })
  assert.equal(num.type, 'SerializationException')
  const range = await admin('ListUsers', { UserPoolId: pool.poolId, Limit: 100 })
  assert.match(range.message, /less than or equal to 60/)
  const bool = await admin('AdminSetUserPassword', { UserPoolId: pool.poolId, Username: 'alice', Password: PW, Permanent: 'yes' })
  assert.equal(bool.type, 'SerializationException')
  const params = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  assert.deepEqual([params.type, params.message], ['InvalidParameterException', 'Missing required parameter PASSWORD'])
  const client = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'nosuchclient', AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  assert.deepEqual([client.type, client.message], ['ResourceNotFoundException', 'User pool client nosuchclient does not exist.'])
  assert.equal(pool.user('alice')!.status, 'CONFIRMED')
  assert.equal(pool.user('bob'), undefined)
})

test('oversized bodies are refused before parsing', async () => {
  const pool = createLocalPool({ shareKeys: true, maxBodyBytes: 1024 })
  const big = JSON.stringify({ ClientId: pool.clientId, Username: 'u', Password: PW, ClientMetadata: { pad: 'x'.repeat(2000) } })
  const r = await post(pool, { ...JSON11, 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' }, big)
  assert.equal(r.status, 413)
  assert.equal(((await r.json()) as any).__type, 'RequestEntityTooLargeException')
  assert.equal(pool.user('u'), undefined)
  // the same request through a body without a declared length (a stream) is refused too
  const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close() } })
  const r2 = await pool.fetch(new Request('http://127.0.0.1/', { method: 'POST', headers: { ...JSON11, 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' }, body: stream, duplex: 'half' } as RequestInit))
  assert.equal(r2.status, 413)
})

test('a body without a declared length is read only up to the limit, not to its end', async () => {
  const pool = createLocalPool({ shareKeys: true, maxBodyBytes: 1024 })
  let pulled = 0
  const long = new ReadableStream({
    pull(c) {
      if (++pulled > 200) c.close()
      else c.enqueue(new Uint8Array(512).fill(0x20))
    },
  })
  const r = await pool.fetch(new Request('http://127.0.0.1/', { method: 'POST', headers: { ...JSON11, 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp' }, body: long, duplex: 'half' } as RequestInit))
  assert.equal(r.status, 413)
  assert.ok(pulled < 20, `read ${pulled} chunks of 512 bytes for a 1 KiB limit`)
})

test('JWKS and OpenID configuration are served under the pool id', async () => {
  const pool = createLocalPool({ shareKeys: true, issuer: 'http://127.0.0.1:9229/us-east-1_LocalPool1' })
  const jwks = (await (await pool.fetch('http://127.0.0.1:9229/us-east-1_LocalPool1/.well-known/jwks.json')).json()) as any
  assert.equal(jwks.keys.length, 2)
  for (const k of jwks.keys) assert.deepEqual(Object.keys(k).sort(), ['alg', 'e', 'kid', 'kty', 'n', 'use'])
  assert.deepEqual(jwks, await pool.jwks())
  const oidc = (await (await pool.fetch('http://127.0.0.1:9229/us-east-1_LocalPool1/.well-known/openid-configuration')).json()) as any
  assert.equal(oidc.issuer, 'http://127.0.0.1:9229/us-east-1_LocalPool1')
  assert.equal(oidc.jwks_uri, 'http://127.0.0.1:9229/us-east-1_LocalPool1/.well-known/jwks.json')
  assert.equal((await pool.fetch('http://127.0.0.1:9229/us-east-1_Other/.well-known/jwks.json')).status, 404)
})

test('fault injection: failNext gives Cognito-shaped 5xx and throttling, which the client retries', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  pool.failNext('InitiateAuth')
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch, retry: { baseDelay: 1, random: () => 0 } })
  await user.authenticate(PW)
  assert.deepEqual(pool.calls.map((c) => `${c.operation}:${c.status}`), ['InitiateAuth:500', 'InitiateAuth:200', 'RespondToAuthChallenge:200'])
  pool.failNext('*', { type: 'TooManyRequestsException', message: 'Rate exceeded', times: 3 })
  await assert.rejects(user.authenticate(PW), TooManyRequestsException)
  pool.failNext('InitiateAuth', { times: 5 })
  await assert.rejects(user.authenticate(PW), InternalErrorException)
  const e = await errorOf(pool, 'InitiateAuth', {})
  assert.equal(e.status, 500)
})

test('an exception inside the pool becomes InternalErrorException (HTTP 500)', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice], customAuth: () => { throw new Error('boom') } })
  const e = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  assert.equal(e.type, 'InternalErrorException')
  assert.equal(e.status, 500)
  assert.equal(pool.calls.at(-1)!.error, 'InternalErrorException')
})

test('createLocalPool rejects bad options with ArgumentError before serving anything', async () => {
  const { ArgumentError } = await import('../../src/index.ts')
  assert.throws(() => createLocalPool({ poolId: 'nope' }), ArgumentError)
  assert.throws(() => createLocalPool(null as never), ArgumentError)
  assert.throws(() => createLocalPool({ clock: 5 as never }), ArgumentError)
  assert.throws(() => createLocalPool({ customAuth: 'x' as never }), ArgumentError)
  assert.throws(() => createLocalPool({ clients: [{ clientId: 'a' }, { clientId: 'a' }] }), /distinct/)
  for (const bad of [{ users: 5 }, { users: [null] }, { clients: 'web' }, { clients: [7] }]) {
    assert.throws(() => createLocalPool(bad as never), (e: unknown) => e instanceof ArgumentError && new RegExp(`"${Object.keys(bad)[0]}" must be an array of objects`).test((e as Error).message), JSON.stringify(bad))
  }
  // a bad seed throws at once, not from pool.ready or a later request
  assert.throws(() => createLocalPool({ shareKeys: true, users: [{ username: '' }] }), ArgumentError)
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'x' }] })
  await assert.rejects(pool.addUser({ username: 'x' }), ArgumentError)
})

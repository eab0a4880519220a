/**
 * The local pool's HTTP room (src/local/http.ts) at the edges a mutation round found unguarded,
 * all in the pool's documented test API (src/local/options.ts): `maxBodyBytes` is the largest
 * body accepted, so a body of exactly that size is accepted; `failNext` with only an error name
 * answers 400, the status Cognito gives its client errors; and the call log names an operation
 * by its name, a call for another service by the `X-Amz-Target` it carried, and a call without
 * one "(none)". Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call } from '../support/local.ts'

test('a body of exactly maxBodyBytes, declared so in content-length, is accepted; one byte more is not', async () => {
  const max = 1024
  const pool = createLocalPool({ shareKeys: true, maxBodyBytes: max, users: [{ username: 'alice', password: PW }] })
  const json = JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  const send = (size: number) => {
    const body = json + ' '.repeat(size - json.length) // JSON allows trailing white space; all ASCII, so bytes = characters
    return pool.fetch(pool.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth', 'content-length': String(size) },
      body,
    })
  }
  const at = await send(max)
  assert.equal(at.status, 200, await at.clone().text())
  assert.ok(((await at.json()) as any).AuthenticationResult.AccessToken)
  const over = await send(max + 1)
  assert.equal(over.status, 413)
  assert.equal(((await over.json()) as any).__type, 'RequestEntityTooLargeException')
})

test('failNext with only an error name answers 400 (500 only for InternalErrorException)', async () => {
  const pool = createLocalPool({ shareKeys: true })
  pool.failNext('InitiateAuth', { type: 'TooManyRequestsException' })
  const r = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'x', PASSWORD: 'y' } })
  assert.deepEqual([r.status, r.body.__type, r.body.message], [400, 'TooManyRequestsException', 'Injected TooManyRequestsException'])
  pool.failNext('InitiateAuth')
  assert.equal((await call(pool, 'InitiateAuth', {})).status, 500)
})

test('the call log names a routed call by its operation', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  await call(pool, 'GetUser', { AccessToken: 'not-a-token' })
  // unroutable: by the X-Amz-Target it carried, or "(none)" without one
  await pool.fetch(pool.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body: '{}' })
  await pool.fetch(pool.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' })
  assert.deepEqual(pool.calls.map((c) => [c.operation, c.status]), [
    ['InitiateAuth', 200],
    ['GetUser', 400],
    ['DynamoDB_20120810.ListTables', 400],
    ['(none)', 400],
  ])
})

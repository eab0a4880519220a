/**
 * `call(client, operation, input, options)`: the per-call transport options are checked like
 * `send()`'s and the class's `user.call()`'s, before any request (docs/security.md: "the
 * transport's options are checked when a client is created and for each call that brings its
 * own"). Before this check an `authorization` header went out with the request, a `fetch` that is
 * not a function became a NetworkError, and a negative `timeout` or a `retry` string was ignored.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { call, Cognito, type TransportOptions } from '../../src/index.ts'
import { noFetch, offlineClient, refused } from '../support/function-replay.ts'
import { CLIENT, POOL } from '../support/signin-data.ts'

/** Each bad option, with the words its ArgumentError must use and its code. */
const BAD: Array<[string, unknown, string, 'ERR_INVALID_ARG_TYPE' | 'ERR_INVALID_ARG_VALUE']> = [
  ['an authorization header', { headers: { Authorization: 'Bearer x' } }, '"headers" must not set authorization', 'ERR_INVALID_ARG_VALUE'],
  ['a header value that is not a string', { headers: { 'x-a': 1 } }, '"headers.x-a" must be a string', 'ERR_INVALID_ARG_TYPE'],
  ['a fetch that is not a function', { fetch: 5 }, '"fetch" must be a function', 'ERR_INVALID_ARG_TYPE'],
  ['a negative timeout', { timeout: -5 }, '"timeout" must be 0 to 2147483647 ms', 'ERR_INVALID_ARG_VALUE'],
  ['a retry that is a string', { retry: 'x' }, '"retry" must be an object or false', 'ERR_INVALID_ARG_TYPE'],
  ['zero maxResponseBytes', { maxResponseBytes: 0 }, '"maxResponseBytes" must be 1 to 2147483647', 'ERR_INVALID_ARG_VALUE'],
  ['a signal that is not an AbortSignal', { signal: {} }, '"signal" must be an AbortSignal', 'ERR_INVALID_ARG_TYPE'],
]

for (const [what, options, text, code] of BAD) {
  test(`call() refuses ${what} in its options with an ArgumentError, before any request (as user.call() does)`, async () => {
    await refused(() => call(offlineClient(), 'ListDevices', { AccessToken: 'token' }, options as TransportOptions), text, code)
    const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, accessToken: 'token', fetch: noFetch })
    await refused(() => user.call('ListDevices', {}, options as TransportOptions), text, code)
  })
}

test('call() options that are right are used for that call', async () => {
  const seen: Array<{ url: string; headers: Record<string, string> }> = []
  const client = offlineClient()
  const out = await call(client, 'ListDevices', { AccessToken: 'token' }, {
    endpoint: 'http://127.0.0.1:9/',
    headers: { 'x-trace': 'abc' },
    fetch: async (url, init) => {
      seen.push({ url, headers: init.headers as Record<string, string> })
      return new Response('{"Devices":[]}', { headers: { 'x-amzn-requestid': 'r1' } })
    },
  })
  assert.deepEqual(out, { Devices: [] })
  assert.equal(seen.length, 1)
  assert.equal(seen[0]!.url, 'http://127.0.0.1:9/')
  assert.equal(seen[0]!.headers['x-trace'], 'abc')
})

test('call() and user.call() refuse an unknown operation without quoting it (a password, an object whose toString returns one, a number, a misspelt name)', async () => {
  const secret = 'pw-Secret hunter2!'
  const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, accessToken: 'token', fetch: noFetch })
  for (const operation of [secret, { toString: () => secret }, 5, 'GetUsr']) {
    await refused(() => call(offlineClient(), operation as never, {} as never), '"operation" is unknown or needs createAdminClient', 'ERR_INVALID_ARG_VALUE')
    await refused(() => user.call(operation as never, {} as never), '"operation" is unknown or needs AdminCognito', 'ERR_INVALID_ARG_VALUE')
    for (const run of [() => call(offlineClient(), operation as never, {} as never), () => user.call(operation as never, {} as never)]) {
      await assert.rejects(run, (e: Error) => !`${e.message} ${e.stack}`.includes(secret))
    }
  }
})

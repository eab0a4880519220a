/**
 * Cases the mutation round over the client (src/client.ts) found unguarded: the pool id checks
 * that `createClient` and `new Cognito()` share. A pool id that is not a string is a type error
 * (not a malformed value), and a pool id without a `<region>_<id>` shape is refused even when
 * `endpoint` or `region` means the region need not be read from it (SRP hashes the part after `_`).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito, createClient } from '../../src/index.ts'
import { noFetch } from '../support/function-replay.ts'
import { CLIENT } from '../support/signin-data.ts'

const both = [(o: object) => createClient(o as never), (o: object) => new Cognito(o as never)]

const refusedSync = (make: () => unknown, code: string, text: string): void => {
  assert.throws(make, (e: unknown) => {
    assert.ok(e instanceof ArgumentError, String(e))
    assert.equal(e.code, code)
    assert.ok(e.message.includes(text), e.message)
    return true
  })
}

test('a userPoolId that is not a non-empty string is ERR_INVALID_ARG_TYPE, naming it', () => {
  for (const make of both) {
    for (const userPoolId of [undefined, 42, '', null]) refusedSync(() => make({ userPoolId, clientId: CLIENT, fetch: noFetch }), 'ERR_INVALID_ARG_TYPE', '"userPoolId" must be a non-empty string')
  }
})

test('a userPoolId without "<region>_<id>" is refused even with an endpoint or a region', () => {
  for (const make of both) {
    for (const where of [{ endpoint: 'http://127.0.0.1:9229/' }, { region: 'us-east-1' }]) {
      for (const userPoolId of ['localpool', 'us-east-1_', '_AbC123']) {
        refusedSync(() => make({ userPoolId, clientId: CLIENT, fetch: noFetch, ...where }), 'ERR_INVALID_ARG_VALUE', '"userPoolId" must look like "<region>_<id>"')
      }
      // the same options with a well-formed id are accepted
      assert.equal(createClient({ userPoolId: 'local_AbC123', clientId: CLIENT, fetch: noFetch, ...where }).userPoolId, 'local_AbC123')
    }
  }
})

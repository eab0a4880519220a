/**
 * A page size and the transport's numbers go through one range check: a value that is not a
 * number at all (a bigint, a symbol) is an ArgumentError naming the option, before any request,
 * like every other out-of-range value (the page-size check used `>>> 0`, which throws the
 * runtime's own TypeError on a bigint or a symbol).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, createClient, listDevices, listWebAuthnCredentials } from '../../src/index.ts'

const sent: string[] = []
const client = createClient({
  userPoolId: 'us-east-1_AbC123',
  clientId: 'id',
  fetch: async (_url, init) => {
    sent.push(String(init.body))
    throw new Error('no request may be sent')
  },
})

for (const bad of [5n, Symbol('5')] as unknown as number[]) {
  test(`listDevices: limit ${String(bad)} is an ArgumentError before any request`, async () => {
    await assert.rejects(listDevices(client, 'token', { limit: bad }), (e: unknown) => e instanceof ArgumentError && e.message === '"limit" must be 0 to 60')
    assert.deepEqual(sent, [])
  })
  test(`listWebAuthnCredentials: maxResults ${String(bad)} is an ArgumentError before any request`, async () => {
    await assert.rejects(listWebAuthnCredentials(client, 'token', { maxResults: bad }), (e: unknown) => e instanceof ArgumentError && e.message === '"maxResults" must be 0 to 20')
    assert.deepEqual(sent, [])
  })
}

test('the transport numbers keep their messages: times in ms, the others without a unit', () => {
  assert.throws(() => createClient({ userPoolId: 'us-east-1_AbC123', clientId: 'id', timeout: -1 }), { name: 'ArgumentError', message: '"timeout" must be 0 to 2147483647 ms' })
  assert.throws(() => createClient({ userPoolId: 'us-east-1_AbC123', clientId: 'id', maxResponseBytes: 0 }), { name: 'ArgumentError', message: '"maxResponseBytes" must be 1 to 2147483647' })
  assert.throws(() => createClient({ userPoolId: 'us-east-1_AbC123', clientId: 'id', retry: { maxAttempts: 11 } }), { name: 'ArgumentError', message: '"retry.maxAttempts" must be 1 to 10' })
  assert.throws(() => createClient({ userPoolId: 'us-east-1_AbC123', clientId: 'id', retry: { maxDelay: 1.5 } }), { name: 'ArgumentError', message: '"retry.maxDelay" must be 0 to 2147483647 ms' })
})

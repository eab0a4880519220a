/**
 * The caller's `headers` as the transport sends them, found by a mutation round over
 * src/transport.ts: read as `Headers` (what `checkOptions` checked), so the `fetch` given sees
 * each value as `fetch` itself would send it (surrounding whitespace and a trailing line break
 * trimmed) under a lower-case name, whatever fetch it is: one that passes the object on as it is
 * (a logging wrapper, a test double, a proxying fetch) sees no value the check did not see.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { send } from '../../src/index.ts'

test('caller headers reach the fetch normalised as fetch would send them: values trimmed, names lower-cased', async () => {
  const seen: Array<Record<string, string>> = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    seen.push({ ...(init.headers as Record<string, string>) })
    return new Response('{}', { headers: { 'x-amzn-requestid': 'r1' } })
  }
  await send('GetUser', { AccessToken: 'token' }, { region: 'us-east-1', fetch: fetch as typeof globalThis.fetch, headers: { 'X-Api-Key': ' key-1234 \r\n', 'x-trace': '\tabc' } })
  assert.equal(seen.length, 1)
  assert.equal(seen[0]!['x-api-key'], 'key-1234')
  assert.equal(seen[0]!['x-trace'], 'abc')
  assert.equal(seen[0]!['X-Api-Key'], undefined)
})

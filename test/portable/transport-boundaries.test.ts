/**
 * The transport's limits at their exact edges: the clock offsets taken from a `Date` header
 * (one minute and 30 days both count), the last 2xx status (299 is an answer, not a refused
 * redirect) and the smallest timeout (1 ms still times out). Injected fetch only (portable).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { processResponse, send, TimeoutError } from '../../src/index.ts'
import { skewOf } from '../../src/transport.ts'

const MINUTE = 60_000
const THIRTY_DAYS = 2_592_000_000

test('skewOf: an offset of exactly one minute or exactly 30 days counts; under a minute or over 30 days is 0', () => {
  const local = Date.UTC(2025, 2, 4)
  for (const d of [MINUTE, -MINUTE, THIRTY_DAYS, -THIRTY_DAYS]) assert.equal(skewOf(local + d, local), d, `offset ${d}`)
  for (const d of [MINUTE - 1, -(MINUTE - 1), THIRTY_DAYS + 1, -(THIRTY_DAYS + 1)]) assert.equal(skewOf(local + d, local), 0, `offset ${d}`)
})

test('processResponse: HTTP 299 is a 2xx answer, not a redirect refused', async () => {
  const out = await processResponse(new Response('{"Username":"alice"}', { status: 299, headers: { 'x-amzn-requestid': 'r-1' } }))
  assert.deepEqual(out, { Username: 'alice' })
})

test('timeout: 1 ms still bounds an attempt whose fetch never answers', async () => {
  let guard: ReturnType<typeof setTimeout> | undefined
  const never = (): Promise<Response> => new Promise(() => {})
  const attempt = send('GetUser', { AccessToken: 't' }, { region: 'us-east-1', fetch: never, timeout: 1, retry: false })
  // a transport that ignored the 1 ms timeout would hang: the guard turns that into a failure
  const hung = new Promise<never>((_, no) => (guard = setTimeout(() => no(new Error('no TimeoutError within 5 s')), 5000)))
  try {
    await assert.rejects(Promise.race([attempt, hung]), (e: unknown) => e instanceof TimeoutError && /within 1 ms/.test(e.message))
  } finally {
    clearTimeout(guard)
  }
})

/**
 * Cases the seed-2 mutation round over the transport (src/transport.ts) found unguarded: the
 * server's clock is taken only from an answer that is Cognito's (its `x-amzn-RequestId`) and has a
 * readable `Date`; the per-attempt timer is cleared once the attempt ends (a pending timer would
 * hold a Node process or a Worker open for the whole timeout); and an answer that has arrived is
 * reported as it is, error or not, even when the caller aborts while it is being handled. Seed 3:
 * a redirect is refused even with an error-shaped body, and so is a browser's opaqueredirect; an
 * abort during the backoff before a retry ends the call at once.
 *
 * The answers are shaped like Cognito's (protocol.md 2.3: `Content-Type`, `x-amzn-RequestId`,
 * `Date`; 2.6: an error body `{"__type", "message"}`), with made-up ids and dates.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AbortError, NotAuthorizedException, processResponse, ResponseError, send } from '../../src/index.ts'

const DATE = 'Mon, 03 Jan 2022 09:00:00 GMT'
const RID = { 'x-amzn-requestid': '95c9e049-0000-4000-8000-00000000c0de' }
const CT = { 'content-type': 'application/x-amz-json-1.1' }
const answer = (headers: Record<string, string>, status = 200, body = '{}') => async (): Promise<Response> => new Response(body, { status, headers: { ...CT, ...headers } })
const NOT_AUTHORIZED = '{"__type":"NotAuthorizedException","message":"Incorrect username or password."}'

test('onServerDate: only an answer carrying both Cognito\'s request id and a readable Date sets the clock', async () => {
  const seen: unknown[] = []
  const onServerDate = (server: number): void => void seen.push(server)
  // a proxy's or a cache's answer (no request id): its Date is not Cognito's clock
  await send('GetUser', {}, { region: 'us-east-1', fetch: answer({ date: DATE }), onServerDate })
  // Cognito's answer with a Date that does not parse: nothing to learn
  await send('GetUser', {}, { region: 'us-east-1', fetch: answer({ ...RID, date: 'garbage' }), onServerDate })
  await send('GetUser', {}, { region: 'us-east-1', fetch: answer({ ...RID }), onServerDate })
  // an error answer without the request id (a gateway's 400) does not set it either
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch: answer({ date: DATE }, 400, NOT_AUTHORIZED), onServerDate }), NotAuthorizedException)
  assert.deepEqual(seen, [])
  await send('GetUser', {}, { region: 'us-east-1', fetch: answer({ ...RID, date: DATE }), onServerDate })
  assert.deepEqual(seen, [Date.UTC(2022, 0, 3, 9)])
})

test('the per-attempt timer is cleared when the attempt ends, with an answer or with an error', async () => {
  const live = new Set<unknown>()
  const { setTimeout: st, clearTimeout: ct } = globalThis
  globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id = st(() => (live.delete(id), fn(...args)), ms)
    live.add(id)
    return id
  }) as typeof setTimeout
  globalThis.clearTimeout = ((id: Parameters<typeof clearTimeout>[0]) => (live.delete(id), ct(id))) as typeof clearTimeout
  try {
    assert.deepEqual(await send('GetUser', {}, { region: 'us-east-1', fetch: answer({ ...RID, date: DATE }, 200, '{"Username":"alice"}'), timeout: 60_000 }), { Username: 'alice' })
    assert.equal(live.size, 0, 'no timer outlives a successful call')
    await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch: answer({ ...RID }, 400, NOT_AUTHORIZED), timeout: 60_000 }), NotAuthorizedException)
    assert.equal(live.size, 0, 'no timer outlives a failed call')
  } finally {
    globalThis.setTimeout = st
    globalThis.clearTimeout = ct
    for (const id of live) ct(id as Parameters<typeof clearTimeout>[0])
  }
})

test('an answer that arrived is reported as it is when the caller aborts while it is handled, an error as a success is', async () => {
  // the caller aborts from its onServerDate hook, after Cognito's answer has been read
  const call = (body: string, status: number) => {
    const ctl = new AbortController()
    return send('GetUser', {}, { region: 'us-east-1', fetch: answer({ ...RID, date: DATE }, status, body), signal: ctl.signal, onServerDate: () => ctl.abort() })
  }
  assert.deepEqual(await call('{"Username":"alice"}', 200), { Username: 'alice' })
  await assert.rejects(call(NOT_AUTHORIZED, 400), (e: unknown) => e instanceof NotAuthorizedException && e.message === 'Incorrect username or password.')
})

test('a redirect is refused whatever its body, and so is the status-0 opaqueredirect a browser gives for one', async () => {
  const refused = (status: number) => (e: unknown) => e instanceof ResponseError && e.message === `redirect refused (HTTP ${status})` && !e.retryable
  // a 302 whose body looks like Cognito's error is still a redirect, not Cognito's answer
  await assert.rejects(processResponse(new Response(NOT_AUTHORIZED, { status: 302, headers: { ...CT, ...RID, location: 'https://elsewhere.example/' } })), refused(302))
  // what fetch with redirect: 'manual' returns in a browser: type "opaqueredirect", status 0, no
  // headers or body (the Fetch standard's opaque-redirect filtered response); a Response cannot be
  // constructed with status 0, so the two fields are set on one
  const opaque = Object.defineProperties(new Response(null), { status: { value: 0 }, type: { value: 'opaqueredirect' } })
  await assert.rejects(processResponse(opaque), refused(0))
})

test('an abort during the wait before a retry ends the call at once, not when the wait is over', async () => {
  const ctl = new AbortController()
  const THROTTLED = '{"__type":"TooManyRequestsException","message":"Rate exceeded"}'
  let calls = 0
  // Cognito throttles; the backoff before the second attempt is 5 s (random() = 1), and the caller
  // aborts 20 ms into it
  const fetch = async (): Promise<Response> => (++calls, setTimeout(() => ctl.abort(), 20), new Response(THROTTLED, { status: 400, headers: { ...CT, ...RID } }))
  const call = send('ListDevices', {}, { region: 'us-east-1', fetch, signal: ctl.signal, retry: { maxAttempts: 2, throttleBaseDelay: 5000, random: () => 1 } })
  let guard: ReturnType<typeof setTimeout> | undefined
  const late = new Promise((ok) => (guard = setTimeout(ok, 1000, 'still waiting after 1 s')))
  try {
    const outcome = await Promise.race([call.then(() => 'answered', (e: unknown) => e), late])
    assert.ok(outcome instanceof AbortError, String(outcome))
    assert.equal(calls, 1)
  } finally {
    clearTimeout(guard)
  }
})

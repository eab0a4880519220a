/**
 * A client's own `signal` (a server's shutdown signal, alive for weeks) and a call's `signal`:
 * either aborts the call, with its own reason as the AbortError's cause, and once the call has
 * settled nothing of it stays attached to either signal (test/memory-signals.test.ts
 * measures the heap over 50,000 such calls).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AbortError, ArgumentError, createClient, getUser } from '../../src/index.ts'
import { createAdminClient } from '../../src/admin.ts'

const POOL = 'us-east-1_TenantA1'
/** Answers at once, or (`hang`) only when the request's signal aborts. */
const answer = async (): Promise<Response> => new Response(JSON.stringify({ Username: 'alice', UserAttributes: [] }), { headers: { 'x-amzn-requestid': 'r' } })
const hang = (_url: string, init: RequestInit): Promise<Response> => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }))

/** A signal whose listeners are counted: how many are attached now. */
function counted(signal: AbortSignal): { signal: AbortSignal; attached: () => number } {
  const live = new Set<unknown>()
  const add = signal.addEventListener.bind(signal)
  const remove = signal.removeEventListener.bind(signal)
  signal.addEventListener = ((type: string, fn: EventListener, o?: AddEventListenerOptions) => (live.add(fn), add(type, fn, o))) as typeof signal.addEventListener
  signal.removeEventListener = ((type: string, fn: EventListener, o?: EventListenerOptions) => (live.delete(fn), remove(type, fn, o))) as typeof signal.removeEventListener
  return { signal, attached: () => live.size }
}

for (const side of ['createClient', 'createAdminClient'] as const) {
  const make = (fetch: typeof answer | typeof hang, signal: AbortSignal | undefined) =>
    side === 'createClient'
      ? (call?: { signal: AbortSignal }) => getUser(createClient({ userPoolId: POOL, clientId: 'tenant-a', fetch, signal, timeout: 0 }), 'access-token', call)
      : (call?: { signal: AbortSignal }) => createAdminClient({ userPoolId: POOL, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }, fetch, signal, timeout: 0 }).send('AdminGetUser', { UserPoolId: POOL, Username: 'alice' }, call)

  test(`${side}: the client's signal and a call's signal each abort the call with their own reason`, async () => {
    const shutdown = new AbortController()
    const perCall = new AbortController()
    const byCall = make(hang, shutdown.signal)({ signal: perCall.signal })
    setTimeout(() => perCall.abort(new Error('request closed')), 5)
    await assert.rejects(byCall, (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'request closed')
    const byClient = make(hang, shutdown.signal)({ signal: new AbortController().signal })
    setTimeout(() => shutdown.abort(new Error('shutting down')), 5)
    await assert.rejects(byClient, (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'shutting down')
    // both aborted before the call: nothing is sent, the client's reason first
    const done = new AbortController()
    done.abort(new Error('already closed'))
    await assert.rejects(make(async () => assert.fail('nothing may be sent'), shutdown.signal)({ signal: done.signal }), (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'shutting down')
  })

  test(`${side}: a settled call leaves no listener on the client's signal or on the call's`, async () => {
    const shutdown = counted(new AbortController().signal)
    const call = make(answer, shutdown.signal)
    const perCall = counted(new AbortController().signal)
    await Promise.all(Array.from({ length: 20 }, () => call({ signal: perCall.signal })))
    const failing = counted(new AbortController().signal)
    await assert.rejects(make(async () => new Response('{"__type":"NotAuthorizedException"}', { status: 400 }), shutdown.signal)({ signal: failing.signal }), { name: 'NotAuthorizedException' })
    assert.deepEqual([shutdown.attached(), perCall.attached(), failing.attached()], [0, 0, 0])
  })

  test(`${side}: the client's signal alone, or the call's alone, aborts the call with its reason`, async () => {
    const shutdown = new AbortController()
    const byClient = make(hang, shutdown.signal)()
    setTimeout(() => shutdown.abort(new Error('shutting down')), 5)
    await assert.rejects(byClient, (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'shutting down')
    const perCall = new AbortController()
    const byCall = make(hang, undefined)({ signal: perCall.signal })
    setTimeout(() => perCall.abort(new Error('request closed')), 5)
    await assert.rejects(byCall, (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'request closed')
    // and with either alone, a call that is not aborted answers
    assert.equal((await make(answer, new AbortController().signal)()).Username, 'alice')
    assert.equal((await make(answer, undefined)({ signal: new AbortController().signal })).Username, 'alice')
  })

  test(`${side}: one signal aborted before the call, the other alive: nothing is sent, the aborted one's reason`, async () => {
    const dead = () => {
      const c = new AbortController()
      c.abort(new Error('already closed'))
      return c.signal
    }
    const unsent = async (): Promise<Response> => assert.fail('nothing may be sent')
    await assert.rejects(make(unsent, new AbortController().signal)({ signal: dead() }), (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'already closed')
    await assert.rejects(make(unsent, dead())({ signal: new AbortController().signal }), (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'already closed')
  })

  test(`${side}: a call's signal that is not an AbortSignal, null included, is an ArgumentError naming it before any request, with or without the client's`, async () => {
    const unsent = async (): Promise<Response> => assert.fail('nothing may be sent')
    for (const client of [undefined, new AbortController().signal]) {
      for (const bad of [null, 0, '', {}]) {
        await assert.rejects(make(unsent, client)({ signal: bad as never }), (e: unknown) => e instanceof ArgumentError && /"signal"/.test((e as Error).message), `${String(bad)}, client signal: ${!!client}`)
      }
    }
  })
}

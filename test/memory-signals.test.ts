/**
 * A long-lived `signal` in a client's options (a server's shutdown signal, say) combined with a
 * `signal` per call, thousands of calls an hour for weeks: the heap must stay flat. Linking the
 * two with `AbortSignal.any` does not: Node 20 (and Deno) keep a weak reference per call in the
 * long-lived signal until it aborts (Node's internal `kDependantSignals` set), about 60 bytes a
 * call that no GC reclaims. Each call yields to the event loop, as a server's requests do (within
 * one job, V8 keeps every weakly referenced object alive, which would only measure that). The heap
 * is measured after a forced GC (the flag is set at run time, so the file runs under the plain
 * test command). Node-only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createClient, getUser } from '../src/index.ts'
import { createAdminClient } from '../src/admin.ts'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Heap in use after a full GC, MiB. */
function heapMb(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 1048576
}

/** What Node keeps in `signal` for each `AbortSignal.any` it took part in (0 where there is no such set). */
function dependants(signal: AbortSignal): number {
  const k = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kDependantSignals')
  return k ? ((signal as unknown as Record<symbol, Set<unknown> | undefined>)[k]?.size ?? 0) : 0
}

/** Cognito answering at once, for user-side and admin calls alike. */
const fetch = async (): Promise<Response> =>
  new Response(JSON.stringify({ Username: 'alice', UserAttributes: [], Enabled: true, UserStatus: 'CONFIRMED' }), { headers: { 'x-amzn-requestid': 'req-1' } })

/** Heap growth over `n` calls of `once` (after a warm-up), each followed by a turn of the event loop, MiB. */
async function growth(n: number, once: () => Promise<unknown>): Promise<number> {
  const turn = (): Promise<void> => new Promise((r) => setImmediate(r))
  for (let i = 0; i < 500; i++) await once(), await turn()
  const before = heapMb()
  for (let i = 0; i < n; i++) await once(), await turn()
  return heapMb() - before
}

test('a client signal and a per-call signal: 50,000 user-side calls keep nothing and leave the heap flat', async () => {
  const shutdown = new AbortController()
  const client = createClient({ userPoolId: 'us-east-1_TenantA1', clientId: 'tenant-a-client', fetch, signal: shutdown.signal })
  const grew = await growth(50_000, () => getUser(client, 'access-token', { signal: new AbortController().signal }))
  console.log(`memory-signals: 50,000 calls with two signals, heap grew ${grew.toFixed(1)} MiB, ${dependants(shutdown.signal)} kept in the client's signal`)
  assert.equal(dependants(shutdown.signal), 0, 'nothing is kept in the client signal per call')
  assert.ok(grew < 1.5, `heap grew ${grew.toFixed(1)} MiB over 50,000 calls`)
})

test('an admin client signal and a per-call signal: 5,000 signed calls keep nothing in the client signal', async () => {
  const shutdown = new AbortController()
  const admin = createAdminClient({ userPoolId: 'us-east-1_TenantA1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret-key' }, fetch, signal: shutdown.signal })
  const grew = await growth(5_000, () => admin.send('AdminGetUser', { UserPoolId: 'us-east-1_TenantA1', Username: 'alice' }, { signal: new AbortController().signal }))
  console.log(`memory-signals: 5,000 admin calls with two signals, heap grew ${grew.toFixed(1)} MiB, ${dependants(shutdown.signal)} kept in the client's signal`)
  assert.equal(dependants(shutdown.signal), 0, 'nothing is kept in the client signal per call')
})

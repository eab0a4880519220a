/**
 * Memory stays bounded while the Cognito transport reads a hostile answer: an endless body and a
 * gzip bomb (about 600 KB on the wire, 600 MiB inflated) from a loopback server, each in a child
 * process with a heap limit (test/support/hostile-server.ts `runInChild`; the parent kills the
 * child past 512 MiB). The call must fail with a ResponseError naming the cap, after one request:
 * a body that is too big would only come again, so it is not retried. Node-only.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { runInChild, startHostileServer, type HostileServer } from '../support/hostile-server.ts'
import { ResponseError, send } from '../../src/index.ts'

let server: HostileServer
before(async () => void (server = await startHostileServer()))
after(() => server.close())

for (const [mode, what] of [['endless', 'an endless body'], ['bomb', 'a gzip bomb (600 MiB inflated)']] as const) {
  test(`${what}: the transport grows by less than 64 MiB and fails with a ResponseError, asked once`, async () => {
    const r = await runInChild({
      base: server.url,
      setup: `const { send } = await load('src/transport.ts')`,
      act: `await send('GetUser', { AccessToken: 'x' }, { region: 'us-east-1', endpoint: BASE + '/${mode}', retry: { random: () => 0 } })`,
    })
    assert.equal(r.killed, undefined, `the child was killed: ${r.killed}`)
    console.log(`memory-transport ${mode}: peak RSS grew ${r.grewMb.toFixed(1)} MiB`)
    assert.ok(r.grewMb < 64, `peak RSS grew ${r.grewMb} MiB`)
    assert.equal(r.error?.name, 'ResponseError', JSON.stringify(r.error))
    assert.match(r.error.message, /^GetUser: response over 1048576 bytes \(HTTP 200\)$/)
    assert.equal(server.requests.filter((q) => q.mode === mode).length, 1, 'no retry')
  })
}

test('maxResponseBytes sets the cap; a body under it is read as usual', async () => {
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', endpoint: server.url + '/endless', maxResponseBytes: 4096, retry: false }), (e: unknown) => e instanceof ResponseError && e.message === 'GetUser: response over 4096 bytes (HTTP 200)')
  assert.deepEqual(await send('GetUser', {}, { region: 'us-east-1', endpoint: server.url + '/ok', maxResponseBytes: 4096 }), { keys: [] })
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', maxResponseBytes: 0 }), /"maxResponseBytes"/)
})

/**
 * `listen` (cognito-edge/local/server) on a port it cannot bind rejects with an error that says
 * which address and port and what to do, keeping Node's `code` (and the raw error as its `cause`)
 * for programs that test it, instead of Node's bare `listen EADDRINUSE` error. Node only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { createLocalPool } from '../src/local/index.ts'
import { listen } from '../src/local/server.ts'

test('listen on a busy port rejects with an Error naming the address and port, code EADDRINUSE, Node\'s error as its cause', async () => {
  const busy = createServer()
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
  const port = (busy.address() as { port: number }).port
  try {
    const err = await listen(createLocalPool(), { port }).then(
      () => assert.fail('listen succeeded on a busy port'),
      (e: unknown) => e as Error & { code?: string; port?: number; cause?: unknown },
    )
    assert.equal(err.message, `cannot listen on 127.0.0.1:${port}: the port is in use (choose another port; 0 picks a free one)`)
    assert.equal(err.code, 'EADDRINUSE')
    assert.equal(err.port, port)
    assert.equal((err.cause as { code?: string }).code, 'EADDRINUSE')
  } finally {
    await new Promise((resolve) => busy.close(resolve))
  }
})

test('an IPv6 address is bracketed in the message, as in the server\'s URL', async (t) => {
  const busy = createServer()
  const ok = await new Promise<boolean>((resolve) => busy.once('error', () => resolve(false)).listen(0, '::1', () => resolve(true)))
  if (!ok) return t.skip('no IPv6 loopback here')
  const port = (busy.address() as { port: number }).port
  try {
    await assert.rejects(listen(createLocalPool(), { port, host: '::1' }), { message: `cannot listen on [::1]:${port}: the port is in use (choose another port; 0 picks a free one)`, code: 'EADDRINUSE' })
  } finally {
    await new Promise((resolve) => busy.close(resolve))
  }
})

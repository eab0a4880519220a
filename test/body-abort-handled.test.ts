/**
 * `aborted()` (lib/body) gives a promise that rejects when its signal aborts; racing it against a
 * fetch and a body read bounds both. When the race never starts (an injected `fetch` that throws
 * synchronously builds no race, and the JWKS fetch's 5 s deadline still fires later), that
 * rejection must not be unhandled: Node ends a process on an unhandled rejection. Node-only: it
 * listens on `process`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { aborted } from '../src/lib/body.ts'

test('aborted(): an abort that nothing awaits is not an unhandled rejection', async () => {
  const unhandled: unknown[] = []
  const record = (reason: unknown): void => void unhandled.push(reason)
  process.on('unhandledRejection', record)
  try {
    const ctl = new AbortController()
    const p = aborted(ctl.signal)
    ctl.abort(new Error('deadline'))
    // unhandled rejections are reported after the microtask queue drains
    await new Promise((ok) => setTimeout(ok, 20))
    assert.deepEqual(unhandled, [])
    // the promise still rejects with the signal's reason for whoever does race it
    await assert.rejects(p, /deadline/)
  } finally {
    process.off('unhandledRejection', record)
  }
})

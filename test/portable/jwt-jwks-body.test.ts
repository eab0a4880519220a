/**
 * The capped body reader (src/lib/body.ts): a body within the cap is its text, a longer or endless
 * one stops at the cap with its stream cancelled, a null body is empty. Bodies are web
 * `ReadableStream`s built here. Web globals only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readText } from '../../src/lib/body.ts'

const enc = new TextEncoder()

/** A body of `chunk` repeated `times` times (Infinity: endless), counting what was pulled. */
function streamOf(chunk: Uint8Array, times = Infinity) {
  const s = { pulled: 0, cancelled: false }
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (s.pulled++ >= times) c.close()
      else c.enqueue(chunk.slice())
    },
    cancel() {
      s.cancelled = true
    },
  }, { highWaterMark: 0 })
  return Object.assign(s, { body })
}

test('readText: a body within the cap is its text, decoded as UTF-8 across chunk boundaries', async () => {
  const euro = enc.encode('€') // 3 bytes, split over two chunks below
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(Uint8Array.of(0x7b, euro[0]!))
      c.enqueue(Uint8Array.of(euro[1]!, euro[2]!, 0x7d))
      c.close()
    },
  })
  assert.equal(await readText(new Response(body), 5), '{€}')
  assert.equal(await readText(new Response('{"keys":[]}'), 11), '{"keys":[]}', 'exactly at the cap is allowed')
  assert.equal(await readText(new Response('{"keys":[]}'), 10), undefined, 'one byte over is not')
})

test('readText: an endless body stops at the cap and the stream is cancelled', async () => {
  const s = streamOf(new Uint8Array(1024).fill(0x20))
  assert.equal(await readText(new Response(s.body), 64 * 1024), undefined)
  assert.equal(s.pulled, 65, 'read one chunk past the cap, no more')
  await new Promise((r) => setTimeout(r, 0))
  assert.ok(s.cancelled)
})

test('readText: a null body is empty text; a fetch double without body streams is capped all the same', async () => {
  assert.equal(await readText(new Response(null, { status: 204 }), 0), '')
  const noStream = (t: string) => ({ body: null, text: async () => t }) as unknown as Response
  assert.equal(await readText(noStream('{"keys":[]}'), 100), '{"keys":[]}')
  assert.equal(await readText(noStream('€€'), 5), undefined, 'bytes, not characters, are counted')
})

test('readText: a read error (an aborted download) rejects', async () => {
  const body = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new DOMException('timed out', 'TimeoutError')) })
  await assert.rejects(readText(new Response(body), 100), { name: 'TimeoutError' })
})

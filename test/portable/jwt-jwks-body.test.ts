/**
 * The capped body reader (src/lib/body.ts) and the JWKS size cap built on it: an endless or
 * oversized JWKS body is cut off at 64 KiB of decoded bytes, the stream is cancelled, and the
 * verifier answers a JwksError naming the URL. Bodies are web `ReadableStream`s built here; the
 * same cases over real sockets (gzip, redirects, a slow drip) and the memory bound are in
 * test/hostile/. Web globals only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readText } from '../../src/lib/body.ts'
import { createVerifier } from '../../src/jwt.ts'
import { JwksError } from '../../src/index.ts'

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

test('an endless JWKS body is cut off at 64 KiB: JwksError naming the URL, the stream cancelled, asked once', async () => {
  const pool = 'eu-central-1_Endless'
  const url = `https://cognito-idp.eu-central-1.amazonaws.com/${pool}/.well-known/jwks.json`
  const streams: ReturnType<typeof streamOf>[] = []
  const v = createVerifier({
    userPoolId: pool, clientId: null, tokenUse: null, now: () => 1_760_000_000_000,
    fetch: async () => {
      const s = streamOf(enc.encode(' '.repeat(4096)))
      streams.push(s)
      return new Response(s.body, { headers: { 'content-type': 'application/json' } })
    },
  })
  // the JWKS is fetched before the signature is checked: any well-formed token with a kid will do
  const seg = (v: unknown) => btoa(JSON.stringify(v)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const token = `${seg({ kid: 'k', alg: 'RS256' })}.${seg({ iss: `https://cognito-idp.eu-central-1.amazonaws.com/${pool}` })}.AAAA`
  for (let i = 0; i < 2; i++) {
    await assert.rejects(v.verify(token), (e: unknown) => {
      assert.ok(e instanceof JwksError, String(e))
      assert.ok(e.message.includes(url), e.message)
      // the first attempt says why; the second, within the cooldown, carries it as its cause
      assert.match(i === 0 ? e.message : String((e.cause as Error).message), /over 65536 bytes/)
      return true
    })
  }
  assert.equal(streams.length, 1, 'no retry within the cooldown')
  assert.ok(streams[0]!.pulled <= 17, `pulled ${streams[0]!.pulled} chunks of 4 KiB`)
  await new Promise((r) => setTimeout(r, 0))
  assert.ok(streams[0]!.cancelled)
})

test('a JWKS of 64 KiB exactly is read; Cognito\'s (about 1 KB) is far below', async () => {
  const key = { kid: 'k', alg: 'RS256', kty: 'RSA', e: 'AQAB', n: 'x'.repeat(342), use: 'sig' }
  const base = JSON.stringify({ keys: [key] })
  const padded = base.slice(0, -1) + ' '.repeat(65536 - base.length) + '}'
  assert.equal(enc.encode(padded).length, 65536)
  let n = 0
  const pool = 'eu-central-1_Exact'
  const v = createVerifier({ userPoolId: pool, clientId: null, tokenUse: null, now: () => 1_760_000_000_000, fetch: async () => (n++, new Response(padded)) })
  const seg = (v: unknown) => btoa(JSON.stringify(v)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const token = `${seg({ kid: 'k', alg: 'RS256' })}.${seg({ iss: `https://cognito-idp.eu-central-1.amazonaws.com/${pool}` })}.AAAA`
  // the key is found (n is not a real modulus, so the signature check is what fails)
  await assert.rejects(v.verify(token), (e: unknown) => e instanceof Error && e.name === 'JwtInvalid')
  assert.equal(n, 1)
})

test('the 5 s JWKS timeout holds even for a fetch that ignores its signal: no answer, or a body that never ends', async () => {
  const pool = 'eu-central-1_Deaf'
  const seg = (v: unknown) => btoa(JSON.stringify(v)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const token = `${seg({ kid: 'k', alg: 'RS256' })}.${seg({ iss: `https://cognito-idp.eu-central-1.amazonaws.com/${pool}` })}.AAAA`
  const deaf = (answer: () => Promise<Response>) => createVerifier({ userPoolId: pool, clientId: null, tokenUse: null, now: () => 1_760_000_000_000, fetch: answer })
  const silent = deaf(() => new Promise<Response>(() => {}))
  // a body that sends its first bytes and then nothing, ever, whatever the signal says
  const stuck = deaf(async () => new Response(new ReadableStream({ start: (c) => c.enqueue(enc.encode('{"keys":')) }), { headers: { 'content-type': 'application/json' } }))
  const started = Date.now()
  // the runtime's timeout signal does not keep a process alive on its own: this timer does, until the end
  const alive = setTimeout(() => {}, 30_000)
  try {
    await Promise.all([silent, stuck].map((v) => assert.rejects(v.verify(token), (e: unknown) => e instanceof JwksError && e.message.includes(pool))))
  } finally {
    clearTimeout(alive)
  }
  assert.ok(Date.now() - started < 20_000, 'ended by the timeout')
})

/**
 * A case the seed-2 mutation round over the byte helpers (src/lib/bytes.ts) found unguarded:
 * `toBase64` of more than 32 KiB (it converts in 32,768-byte chunks) is the standard base64 of every
 * byte once, checked against `btoa` over the whole binary string and a round trip through
 * `fromBase64`. Portable: src/ and web globals only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fromBase64, toBase64 } from '../../src/lib/bytes.ts'

test('toBase64 across its 32 KiB chunks: every byte once, as btoa gives it', () => {
  for (const n of [32767, 32768, 32769, 65536, 100_003]) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 255)
    let bin = ''
    for (const b of bytes) bin += String.fromCharCode(b)
    const b64 = toBase64(bytes)
    assert.equal(b64, btoa(bin), `${n} bytes`)
    assert.deepEqual(fromBase64(b64), bytes)
  }
})

/**
 * The local pool's server-side cryptography (src/local/crypto.ts) at the edges a mutation round
 * found unguarded: base32 against the test vectors of RFC 4648 section 10 (authenticator apps
 * decode the TOTP SecretCode that way), TOTP against RFC 6238 Appendix B (SHA-1 rows, 6 digits),
 * SigV4 as AWS documents it ("Create a canonical request for Signature Version 4": the query
 * string is part of what is signed; x-amz-content-sha256, when sent, is the hash of the body; an
 * Authorization header without its parts is an IncompleteSignatureException), and the SRP
 * TIMESTAMP of a January date. Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, totp, type LocalPool } from '../../src/local/index.ts'
import { base32Decode, base32Encode } from '../../src/local/crypto.ts'
import { bytesToHex, utf8 } from '../../src/lib/bytes.ts'
import { sha256 } from '../../src/lib/webcrypto.ts'
import { PW, manualClock, signedFor, srpLogin } from '../support/local.ts'

// RFC 4648 section 10, the padding left off (Cognito's SecretCode has none)
const BASE32: Array<[string, string]> = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']]

test('base32 encodes and decodes the RFC 4648 test vectors; a character outside the alphabet is refused', () => {
  for (const [plain, coded] of BASE32) {
    assert.equal(base32Encode(utf8(plain)), coded, plain)
    assert.equal(new TextDecoder().decode(base32Decode(coded)), plain, coded)
    assert.equal(new TextDecoder().decode(base32Decode(coded.toLowerCase() + '='.repeat((8 - (coded.length % 8)) % 8))), plain, `${coded} padded, lower case`)
  }
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i)
  assert.deepEqual(base32Decode(base32Encode(bytes)), bytes, 'every byte value survives the round trip')
  assert.throws(() => base32Decode('MZXW1'), (e: unknown) => e instanceof TypeError && e.message === '"secret" must be base32')
})

test('totp gives the RFC 6238 Appendix B codes (SHA-1 seed, last 6 digits)', async () => {
  const secret = base32Encode(utf8('12345678901234567890'))
  assert.equal(secret, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
  const rows: Array<[number, string]> = [[59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130']]
  for (const [seconds, code] of rows) assert.equal(await totp(secret, seconds * 1000), code.slice(2), `T = ${seconds}`)
  await assert.rejects(totp('not base32!', 0), TypeError)
})

async function send(pool: LocalPool, url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: Record<string, any> }> {
  const res = await pool.fetch(url, { method: 'POST', headers, body })
  return { status: res.status, body: await res.json() }
}

test('SigV4: the query string is signed, a correct x-amz-content-sha256 is accepted, a header without its parts is incomplete', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  const input = { UserPoolId: pool.poolId, Username: 'alice' }
  const body = JSON.stringify(input)
  const headers = await signedFor(pool, 'AdminGetUser', input)
  const good = await send(pool, pool.endpoint, body, headers)
  assert.equal(good.status, 200, JSON.stringify(good.body))
  assert.equal(good.body.Username, 'alice')
  // signed without a query string, sent with one: the signature does not cover what was sent
  const moved = await send(pool, new URL('/?probe=1', pool.endpoint).href, body, headers)
  assert.deepEqual([moved.status, moved.body.__type], [400, 'InvalidSignatureException'])
  // x-amz-content-sha256 with the body's real hash is accepted; with another hash it is refused
  const hash = bytesToHex(await sha256(utf8(body)))
  const hashed = await send(pool, pool.endpoint, body, { ...headers, 'x-amz-content-sha256': hash })
  assert.equal(hashed.status, 200, JSON.stringify(hashed.body))
  const wrong = await send(pool, pool.endpoint, body, { ...headers, 'x-amz-content-sha256': hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) })
  assert.deepEqual([wrong.status, wrong.body.__type], [400, 'InvalidSignatureException'])
  // an Authorization header that lacks SignedHeaders and Signature
  const cut = { ...headers, authorization: headers['authorization']!.replace(/, ?SignedHeaders=.*$/, '') }
  const incomplete = await send(pool, pool.endpoint, body, cut)
  assert.deepEqual([incomplete.status, incomplete.body.__type], [400, 'IncompleteSignatureException'])
})

test('an SRP sign-in in January: the TIMESTAMP "Jan" is a month like any other', async () => {
  const clock = manualClock(Date.UTC(2027, 0, 14, 9, 30, 0))
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  const r = await srpLogin(pool, 'alice', PW)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.ok(r.body.AuthenticationResult.AccessToken)
})

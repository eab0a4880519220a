/**
 * The local pool's WebAuthn byte readers (src/local/cbor.ts) at the edges a mutation round found
 * unguarded: CBOR's simple values false, true and null (RFC 8949 §3.3), a value that is not the
 * map decodeCborMap promises, a DER INTEGER of no octets (X.690 §8.3.1), and a credential id over
 * the 1023 bytes WebAuthn Level 3 allows (§6.5.1, §7.1 "credentialId ... less than 1024 bytes").
 * Every reader throws FormatError on bad input. The readers directly, and the last over the wire
 * with the software authenticator (test/support); portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeCbor, decodeCborMap, derToRaw, FormatError } from '../../src/local/cbor.ts'
import { concat, toBase64Url } from '../../src/lib/bytes.ts'
import { cbor, createAuthenticator } from '../support/passkey-authenticator.ts'
import { completeRegistration, creationOptions, passkeyPool } from '../support/local.ts'

const formatError = (message: RegExp) => (e: unknown) => e instanceof FormatError && e.name === 'FormatError' && message.test(e.message)

test('CBOR simple values: 0xf4 is false, 0xf5 true, 0xf6 null (RFC 8949 §3.3); others are refused', () => {
  assert.deepEqual([0xf4, 0xf5, 0xf6].map((b) => decodeCbor(Uint8Array.of(b)).value), [false, true, null])
  assert.throws(() => decodeCbor(Uint8Array.of(0xf7)), formatError(/simple value/))
})

test('decodeCborMap refuses a well-formed CBOR value that is not a map, with FormatError', () => {
  assert.throws(() => decodeCborMap(cbor([1, 2])), formatError(/expected a map/))
  assert.throws(() => decodeCborMap(cbor('fmt')), formatError(/expected a map/))
})

test('an ECDSA DER signature whose INTEGER has no octets is malformed (X.690 §8.3.1: one or more)', () => {
  const s = Uint8Array.of(2, 1, 5)
  assert.throws(() => derToRaw(Uint8Array.of(0x30, 5, 2, 0, ...s)), formatError(/INTEGER length/))
  // the same with r of one octet is read
  assert.equal(derToRaw(Uint8Array.of(0x30, 6, 2, 1, 7, ...s))[31], 7)
})

test('a credential id of 1024 bytes is refused at registration; 1023 bytes is accepted (WebAuthn §7.1)', async () => {
  const { pool, token } = await passkeyPool()
  for (const [size, status] of [[1024, 400], [1023, 200]] as const) {
    const id = Uint8Array.from({ length: size }, (_, i) => i & 255)
    const options = await creationOptions(pool, token)
    // authenticator data: rpIdHash, flags, counter, aaguid (53 bytes), then the id's length, the id (16 bytes from the authenticator) and the COSE key
    const authData = (a: Uint8Array) => concat(a.subarray(0, 53), Uint8Array.of(size >> 8, size & 255), id, a.subarray(71))
    const cred = await (await createAuthenticator()).register(options, { authData })
    const r = await completeRegistration(pool, token, { ...cred, id: toBase64Url(id), rawId: toBase64Url(id) })
    assert.equal(r.status, status, JSON.stringify(r.body))
    if (status === 400) assert.equal(r.body.__type, 'InvalidParameterException')
  }
  assert.equal(pool.user('alice')!.passkeys.length, 1)
})

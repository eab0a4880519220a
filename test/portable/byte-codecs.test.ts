/**
 * The byte decoders' refusals (lib/bytes): bad hex, base64 and base64url are ArgumentErrors with
 * ERR_INVALID_ARG_VALUE naming the input, and base64url takes only its own alphabet: standard
 * base64's `+`, `/` and `=` and an impossible length are refused, not decoded. Portable: src/ only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError } from '../../src/index.ts'
import { fromBase64, fromBase64Url, hexToBytes } from '../../src/lib/bytes.ts'

const refused = (f: () => unknown, message: string): void =>
  assert.throws(f, (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && e.message === message)

test('hexToBytes and fromBase64 refuse bad input with ERR_INVALID_ARG_VALUE naming it', () => {
  assert.deepEqual(hexToBytes('00fF'), Uint8Array.of(0, 255))
  for (const bad of ['abc', 'zz', 7 as unknown as string]) refused(() => hexToBytes(bad, '"SALT"'), '"SALT" must be an even-length hex string')
  assert.deepEqual(fromBase64('AP8='), Uint8Array.of(0, 255))
  for (const bad of ['AP8', 'A-8=', '====', null as unknown as string]) refused(() => fromBase64(bad, '"block"'), '"block" must be standard base64')
})

test('fromBase64Url decodes its own alphabet only: +, /, = and a length of 4n+1 are refused', () => {
  assert.deepEqual(fromBase64Url('-_8'), Uint8Array.of(251, 255))
  assert.deepEqual(fromBase64Url('AP8='.slice(0, 3)), Uint8Array.of(0, 255))
  // each of these is valid standard base64 (or pads to it), so only the base64url check refuses it
  for (const bad of ['+_8A', '/_8A', 'AP8=', 'AAAAA', 123 as unknown as string]) refused(() => fromBase64Url(bad, '"payload"'), '"payload" must be base64url')
})

/**
 * Known answers for the SRP building blocks, each checked against a value computed
 * independently (node:crypto, RFC 3526, pycognito's published test vectors) rather than
 * against src/srp.ts itself.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, createHmac, getDiffieHellman, randomBytes } from 'node:crypto'
import {
  N,
  N_HEX,
  calculateA,
  calculateS,
  calculateU,
  calculateX,
  claimSignature,
  createDeviceVerifier,
  deriveKey,
  formatTimestamp,
  g,
  generatePrivateValue,
  hashHex,
  k,
  mod,
  modPow,
  padHex,
  parseSalt,
  parseServerB,
  passwordVerifier,
  poolNameOf,
  secretHash,
} from '../../src/srp.ts'
import { ArgumentError, SrpError } from '../../src/errors.ts'
import { K as serverK, computeX, makeVerifier, powMod, serverStep, toByteArray } from '../support/srp-server.ts'

const big = (b: Uint8Array): bigint => BigInt('0x' + (Buffer.from(b).toString('hex') || '0'))

test('N is RFC 3526 group 15 (the 3072-bit MODP prime node:crypto ships) and g = 2', () => {
  assert.equal(N, big(getDiffieHellman('modp15').getPrime()))
  assert.equal(N.toString(2).length, 3072)
  assert.equal(N_HEX, getDiffieHellman('modp15').getPrime('hex').toUpperCase())
  assert.equal(N_HEX.length, 768)
  assert.equal(big(getDiffieHellman('modp15').getGenerator()), g)
  assert.equal(g, 2n)
})

test('k = SHA-256(00‖N ‖ 02), recomputed with node:crypto', () => {
  const nBytes = Buffer.concat([Buffer.from([0]), getDiffieHellman('modp15').getPrime()])
  const expected = big(createHash('sha256').update(Buffer.concat([nBytes, Buffer.from([2])])).digest())
  assert.equal(k, expected)
  assert.equal(k, serverK)
})

test('padHex: signed minimal hex (Java BigInteger.toByteArray) vectors', () => {
  const vectors: Array<[bigint | string, string]> = [
    [0n, '00'],
    [1n, '01'],
    [0x7fn, '7f'],
    [0x80n, '0080'],
    [0xffn, '00ff'],
    [0x100n, '0100'],
    [0xabcn, '0abc'],
    [0x7fffn, '7fff'],
    [0x8000n, '008000'],
    ['ff', '00ff'],
    ['0ff', '00ff'],
    ['ABC', '0abc'],
    ['00000001', '01'],
    ['7a', '7a'],
  ]
  for (const [input, out] of vectors) assert.equal(padHex(input), out, `padHex(${String(input)})`)
  // agrees with the independent implementation on random values
  for (let i = 0; i < 50; i++) {
    const v = big(randomBytes(1 + (i % 40)))
    assert.equal(padHex(v), toByteArray(v).toString('hex'))
  }
  assert.throws(() => padHex('xyz'), ArgumentError)
  assert.throws(() => padHex(-1n), ArgumentError)
})

test('formatTimestamp: pycognito test vectors (English names, day not zero-padded)', () => {
  // pycognito tests.py test_cognito_formatted_timestamp
  assert.equal(formatTimestamp(new Date(Date.UTC(2022, 0, 1, 0, 0, 0))), 'Sat Jan 1 00:00:00 UTC 2022')
  assert.equal(formatTimestamp(new Date(Date.UTC(2022, 0, 3, 9, 0, 0))), 'Mon Jan 3 09:00:00 UTC 2022')
  assert.equal(formatTimestamp(new Date(Date.UTC(2022, 11, 31, 23, 59, 59))), 'Sat Dec 31 23:59:59 UTC 2022')
  assert.equal(formatTimestamp(new Date(Date.UTC(2025, 4, 7, 0, 9, 40))), 'Wed May 7 00:09:40 UTC 2025')
  assert.equal(formatTimestamp(new Date(Date.UTC(2024, 1, 29, 12, 5, 6))), 'Thu Feb 29 12:05:06 UTC 2024')
  assert.throws(() => formatTimestamp(new Date(Number.NaN)), ArgumentError)
})

test('formatTimestamp does not depend on the locale or the local time zone', () => {
  const d = new Date(Date.UTC(2023, 6, 9, 23, 30, 0))
  const expected = 'Sun Jul 9 23:30:00 UTC 2023'
  const saved = Date.prototype.toLocaleString
  const savedTz = process.env['TZ']
  try {
    // a locale-dependent implementation would pick these up
    Date.prototype.toLocaleString = () => 'sø. 9. juli 2023'
    process.env['TZ'] = 'Pacific/Kiritimati' // UTC+14: the local date is already the 10th
    assert.equal(formatTimestamp(d), expected)
  } finally {
    Date.prototype.toLocaleString = saved
    if (savedTz === undefined) delete process.env['TZ']
    else process.env['TZ'] = savedTz
  }
  // the same instant checked against an independent formatter built on toUTCString()
  const [wd, day, mon, year, time] = d.toUTCString().replace(',', '').split(' ') as string[]
  assert.equal(formatTimestamp(d), `${wd} ${mon} ${Number(day)} ${time} UTC ${year}`)
})

test('secretHash: Base64(HMAC-SHA256(secret, username ‖ clientId)), checked with node:crypto', async () => {
  const expected = createHmac('sha256', 'secret123').update('alice' + 'client1').digest('base64')
  assert.equal(await secretHash('alice', 'client1', 'secret123'), expected)
  // fixed vector: printf 'aliceclient1' | openssl dgst -sha256 -hmac secret123 -binary | base64
  assert.equal(expected, 'kcku81+asLyzOajatfz2LSHVdH28l80U0VVfOZh5wCk=')
  await assert.rejects(secretHash('', 'c', 's'), ArgumentError)
  await assert.rejects(secretHash('u', '', 's'), ArgumentError)
  await assert.rejects(secretHash('u', 'c', ''), ArgumentError)
})

test('mod and modPow agree with an independent square-and-multiply, negative bases included', () => {
  assert.equal(mod(-1n, 5n), 4n)
  assert.equal(mod(10n, 5n), 0n)
  for (let i = 0; i < 40; i++) {
    const m = big(randomBytes(1 + (i % 48))) + 2n
    let base = big(randomBytes(1 + ((i * 7) % 64)))
    if (i % 2) base = -base
    const exp = big(randomBytes(i % 33))
    assert.equal(modPow(base, exp, m), powMod(base, exp, m), `case ${i}`)
  }
  // the SRP case: B - k·g^x is negative, the modulus is N
  const neg = -big(randomBytes(400))
  const e = big(randomBytes(64))
  assert.equal(modPow(neg, e, N), powMod(neg, e, N))
  assert.equal(modPow(5n, 0n, 7n), 1n)
  assert.throws(() => modPow(2n, 3n, 1n), ArgumentError)
  assert.throws(() => modPow(2n, -1n, 7n), ArgumentError)
  assert.throws(() => modPow(2 as unknown as bigint, 1n, 7n), ArgumentError)
})

test('hashHex hashes the bytes a hex string denotes', async () => {
  assert.equal(await hashHex('00ff'), createHash('sha256').update(Buffer.from([0, 255])).digest('hex'))
})

test('x, u, S, HKDF key and signature match an independent client computation', async () => {
  const salt = big(randomBytes(16))
  const a = generatePrivateValue((n) => new Uint8Array(randomBytes(n)), 128) // the rng returns what is asked for
  const A = calculateA(a)
  const { v } = makeVerifier('Pool', 'user-1', 'pw', salt)
  const step = serverStep('Pool', 'user-1', v)
  const x = await calculateX(salt, 'Pool', 'user-1', 'pw')
  assert.equal(x, computeX(salt, 'Pool', 'user-1', 'pw'))
  const u = await calculateU(A, step.B)
  assert.equal(u, big(createHash('sha256').update(Buffer.concat([toByteArray(A), toByteArray(step.B)])).digest()))
  const S = calculateS(step.B, x, a, u)
  // both sides agree on S: (B - k·g^x)^(a+ux) = (A·v^u)^b, so the key derived from it verifies
  const key = await deriveKey(S, u)
  assert.equal(key.length, 16)
  const block = randomBytes(48)
  const ts = 'Mon Jan 3 09:00:00 UTC 2022'
  const sig = await claimSignature(key, 'Pool', 'user-1', block.toString('base64'), ts)
  assert.ok(step.verify(A, block, ts, sig))
  assert.ok(!step.verify(A, block, 'Mon Jan 3 09:00:01 UTC 2022', sig))
})

test('SRP cross-check: passwordVerifier is accepted by the independent server for random passwords and salts', async () => {
  for (let i = 0; i < 10; i++) {
    const password = randomBytes(6 + i).toString('base64') + 'é€'
    const id = `user-${i}-${randomBytes(4).toString('hex')}`
    const { salt, v } = makeVerifier('AbCdEf123', id, password)
    const step = serverStep('AbCdEf123', id, v)
    const a = generatePrivateValue()
    const A = calculateA(a)
    const block = randomBytes(32 + i)
    const date = new Date(Date.UTC(2020 + i, i, 1 + i, i, 2 * i, 3 * i))
    const out = await passwordVerifier({ a, A, srpB: step.B.toString(16), salt: salt.toString(16), secretBlock: block.toString('base64'), prefix: 'AbCdEf123', id, secret: password, date })
    assert.equal(out.timestamp, formatTimestamp(date))
    assert.ok(step.verify(A, block, out.timestamp, out.signature), `round ${i}`)
    if (i === 0) {
      const wrong = await passwordVerifier({ a, srpB: step.B.toString(16), salt: salt.toString(16), secretBlock: block.toString('base64'), prefix: 'AbCdEf123', id, secret: password + 'x', date })
      assert.ok(!step.verify(A, block, wrong.timestamp, wrong.signature), 'a wrong password must not verify')
    }
  }
})

test('safety checks: B ≡ 0 mod N, B ≥ N, non-hex values, bad SECRET_BLOCK', async () => {
  assert.throws(() => parseServerB('0'), SrpError)
  assert.throws(() => parseServerB(N.toString(16)), SrpError)
  assert.throws(() => parseServerB((2n * N).toString(16)), SrpError)
  assert.throws(() => parseServerB((N + 1n).toString(16)), SrpError)
  assert.throws(() => parseServerB('xyz'), SrpError)
  assert.throws(() => parseServerB(12), SrpError)
  assert.equal(parseServerB('0abc'), 0xabcn)
  assert.throws(() => parseSalt('not-hex'), SrpError)
  assert.throws(() => parseSalt(''), SrpError)
  const base = { a: 5n, srpB: 'abc', salt: 'abc', prefix: 'P', id: 'i', secret: 's' }
  await assert.rejects(passwordVerifier({ ...base, secretBlock: 'not base64!' }), SrpError)
  await assert.rejects(passwordVerifier({ ...base, secretBlock: '' }), SrpError)
  await assert.rejects(claimSignature(new Uint8Array(16), 'P', 'i', '@@@@', 't'), SrpError)
})

test('generatePrivateValue uses the injected rng, rejects bad sizes and never returns 0', () => {
  const bytes = new Uint8Array(128).fill(7)
  assert.equal(generatePrivateValue(() => bytes, 128), big(bytes)) // an rng must return the size asked for
  let calls = 0
  const a = generatePrivateValue((n) => (calls++ === 0 ? new Uint8Array(n) : new Uint8Array(n).fill(1)))
  assert.equal(calls, 2)
  assert.notEqual(a, 0n)
  assert.throws(() => generatePrivateValue(undefined, 8), ArgumentError)
  // the smallest size is RFC 3526 §8's 260 bits rounded up to bytes: 32 bytes (256 bits) is refused
  assert.throws(() => generatePrivateValue(undefined, 32), ArgumentError)
  assert.equal(generatePrivateValue(undefined, 33) < 2n ** 264n, true)
})

test('poolNameOf takes the part after "_"', () => {
  assert.equal(poolNameOf('us-east-1_AbCdEf123'), 'AbCdEf123')
  assert.throws(() => poolNameOf('nounderscore'), ArgumentError)
  assert.throws(() => poolNameOf('us-east-1_'), ArgumentError)
})

test('device verifier: salt and verifier are base64 of padHex bytes, verifier = g^x for the device password', async () => {
  let n = 0
  const rng = (len: number): Uint8Array => new Uint8Array(len).map(() => (n++ * 37 + 11) & 0xff)
  const dv = await createDeviceVerifier('-nNwnPidS', 'us-west-2_b2ed4f4b', rng)
  assert.equal(Buffer.from(dv.devicePassword, 'base64').length, 40)
  const salt = big(Buffer.from(dv.salt, 'base64'))
  const v = big(Buffer.from(dv.passwordVerifier, 'base64'))
  assert.equal(Buffer.from(dv.salt, 'base64').toString('hex'), toByteArray(salt).toString('hex'))
  assert.equal(v, powMod(2n, computeX(salt, '-nNwnPidS', 'us-west-2_b2ed4f4b', dv.devicePassword), N))
  // a device login signed with that password verifies against the stored verifier
  const step = serverStep('-nNwnPidS', 'us-west-2_b2ed4f4b', v)
  const a = generatePrivateValue()
  const block = randomBytes(40)
  const out = await passwordVerifier({ a, srpB: step.B.toString(16), salt: salt.toString(16), secretBlock: block.toString('base64'), prefix: '-nNwnPidS', id: 'us-west-2_b2ed4f4b', secret: dv.devicePassword })
  assert.ok(step.verify(calculateA(a), block, out.timestamp, out.signature))
})

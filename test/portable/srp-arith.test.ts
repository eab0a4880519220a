/**
 * The fast SRP arithmetic (Montgomery, sliding window, fixed-base g = 2 table) must give exactly
 * what a textbook square-and-multiply gives: test/support/srp-server.ts's powMod, written
 * independently of src/srp.ts. Random inputs, negative and oversized bases, huge exponents,
 * other moduli, and the SRP formulas built on top.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { calculateA, calculateS, createSrpSession, DEFAULT_PRIVATE_BYTES, generatePrivateValue, g, k, modPow, N } from '../../src/srp.ts'
import { powMod } from '../support/srp-server.ts'

const rand = (bytes: number): bigint => BigInt('0x' + (randomBytes(bytes).toString('hex') || '0'))

test('modPow mod N equals the reference for random bases and exponents (incl. negative bases)', () => {
  for (let i = 0; i < 10; i++) {
    const base = rand(384 + (i % 3)) * (i % 2 ? -1n : 1n) // |base| often ≥ N, sometimes negative
    const exp = rand(1 + ((i * 37) % 80))
    assert.equal(modPow(base, exp, N), powMod(base, exp, N), `case ${i}`)
  }
})

test('modPow with base 2 (the fixed-base table) equals the reference, small to 3072-bit exponents', () => {
  for (const bits of [1, 2, 4, 5, 63, 64, 65, 255, 256, 384, 1024, 3071, 3072]) {
    const exp = (1n << BigInt(bits - 1)) | rand(Math.ceil(bits / 8)) % (1n << BigInt(bits - 1))
    assert.equal(modPow(2n, exp, N), powMod(2n, exp, N), `${bits} bits`)
  }
  for (const exp of [1n, 2n, 15n, 16n, 17n, 255n, 256n, (1n << 3072n) - 1n]) assert.equal(modPow(g, exp, N), powMod(2n, exp, N), String(exp))
})

test('huge exponents (beyond the table: sliding window) and bases congruent to 2', () => {
  const huge = rand(400) // 3200 bits
  assert.equal(modPow(2n, huge, N), powMod(2n, huge, N))
  assert.equal(modPow(2n + N, 12345n, N), powMod(2n, 12345n, N))
  const e40 = rand(40)
  assert.equal(modPow(2n - N, e40, N), powMod(2n, e40, N))
  const e = rand(48)
  assert.equal(modPow(2n - 3n * N, e, N), powMod(2n, e, N))
  const b = rand(384)
  assert.equal(modPow(-b, huge, N), powMod(-b, huge, N))
})

test('edge values: exponent 0 and 1, bases 0, 1, N−1, N', () => {
  for (const base of [0n, 1n, N - 1n, N, -1n, 2n]) {
    for (const exp of [0n, 1n, 2n, 3n, 31n, 32n, 33n, rand(20)]) assert.equal(modPow(base, exp, N), powMod(base, exp, N), `${base === N ? 'N' : base}^${exp}`)
  }
})

test('other moduli use the same window and give the reference results', () => {
  const moduli = [2n, 3n, 7n, 65537n, (1n << 127n) - 1n, rand(96) | 1n, rand(200) | 1n, rand(200) * 2n + 2n]
  for (const m of moduli) {
    for (let i = 0; i < 4; i++) {
      const base = rand(30) * (i % 2 ? -1n : 1n)
      const exp = rand(1 + i * 20)
      assert.equal(modPow(base, exp, m), powMod(base, exp, m), `m=${m} i=${i}`)
    }
  }
  assert.equal(modPow(-1n, 3n, 7n), 6n)
  assert.equal(modPow(3n, 0n, 2n), 1n)
})

test('modPow keeps its argument checks', () => {
  assert.throws(() => modPow(2n, 3n, 1n), { name: 'ArgumentError', code: 'ERR_INVALID_ARG_VALUE' })
  assert.throws(() => modPow(2n, -1n, N), { name: 'ArgumentError', code: 'ERR_INVALID_ARG_VALUE' })
  assert.throws(() => modPow(2 as unknown as bigint, 3n, N), { name: 'ArgumentError', code: 'ERR_INVALID_ARG_TYPE' })
})

test('calculateA and calculateS equal the textbook formulas for the default and 1024-bit private values', () => {
  for (const bytes of [DEFAULT_PRIVATE_BYTES, 128]) {
    const a = generatePrivateValue((n) => new Uint8Array(randomBytes(n)), bytes)
    assert.ok(a < 1n << BigInt(bytes * 8))
    assert.equal(calculateA(a), powMod(2n, a, N))
    const B = powMod(2n, rand(32), N)
    const x = rand(32)
    const u = rand(32)
    const S = powMod(B - k * powMod(2n, x, N), a + u * x, N)
    assert.equal(calculateS(B, x, a, u), S)
  }
})

test('createSrpSession draws a (80 bytes by default, 128 on request) and A = g^a', () => {
  const drawn: number[] = []
  const rng = (n: number): Uint8Array => (drawn.push(n), new Uint8Array(randomBytes(n)))
  const s = createSrpSession(rng)
  assert.deepEqual(drawn, [80]) // the default became 640 bits (a + u·x must hide the 512-bit u·x)
  assert.equal(s.A, powMod(2n, s.a, N))
  const big = createSrpSession(rng, 128)
  assert.deepEqual(drawn, [80, 128])
  assert.equal(big.A, powMod(2n, big.a, N))
  // a is there but not enumerable: inspect/console.log/Object.keys do not show the secret
  assert.deepEqual(Object.keys(s), ['A'])
  assert.equal(typeof s.a, 'bigint')
})

/**
 * The local pool compares secrets (SECRET_HASH, ClientSecret, codes, SRP signatures, SigV4
 * signatures, password verifiers) with `safeEqual`. Timing cannot be asserted in a test, so this
 * checks the function's contract, its structure (no early exit on a length mismatch) and that
 * the pool still accepts the right secrets and refuses wrong ones of every length.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { safeEqual, checkVerifier, makeVerifier } from '../../src/local/crypto.ts'

test('safeEqual: equal only for identical strings, whatever the lengths', () => {
  const cases: Array<[string, string, boolean]> = [
    ['', '', true], ['a', 'a', true], ['abc', 'abc', true], ['é✓', 'é✓', true],
    ['', 'a', false], ['a', '', false], ['abc', 'abd', false], ['abc', 'ab', false], ['ab', 'abc', false],
    ['abc\u0000', 'abc', false], ['abc', 'abc\u0000', false], ['0', '\u0000', false],
  ]
  for (const [a, b, want] of cases) assert.equal(safeEqual(a, b), want, JSON.stringify([a, b]))
})

test('safeEqual: no early return on a length mismatch (the loop runs over the longer input)', () => {
  // structural check on the source: the only return is the final comparison
  const src = safeEqual.toString()
  assert.equal((src.match(/return/g) ?? []).length, 1, src)
  assert.doesNotMatch(src, /length\s*!==/)
})

test('checkVerifier: the right password matches, wrong ones of any length do not', async () => {
  const stored = await makeVerifier('Pool', 'user', 'Correct-h0rse!')
  assert.equal(await checkVerifier(stored, 'Pool', 'user', 'Correct-h0rse!'), true)
  for (const wrong of ['', 'c', 'Correct-h0rse', 'Correct-h0rse!!', 'x'.repeat(200)]) {
    assert.equal(await checkVerifier(stored, 'Pool', 'user', wrong), false, wrong)
  }
})

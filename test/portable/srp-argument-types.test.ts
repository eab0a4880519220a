/**
 * `modPow` (`cognito-edge/srp`) takes bigints only: a number in any of its three places is an
 * ArgumentError (ERR_INVALID_ARG_TYPE) before any arithmetic, never a "Cannot mix BigInt" TypeError
 * from inside. Portable: src/ only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError } from '../../src/index.ts'
import { modPow } from '../../src/srp.ts'

test('modPow: a non-bigint base, exponent or modulus is an ArgumentError', () => {
  assert.equal(modPow(2n, 3n, 7n), 1n)
  for (const args of [[2, 3n, 7n], [2n, 3, 7n], [2n, 3n, 7], [2n, '3', 7n]] as unknown as Array<[bigint, bigint, bigint]>) {
    assert.throws(() => modPow(...args), (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_TYPE' && e.message === 'modPow expects bigint arguments', String(args))
  }
})

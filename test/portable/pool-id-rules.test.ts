/**
 * What SRP takes from a user pool id (`poolNameOf`, `cognito-edge/srp`): the part after the first
 * `_`, for any non-empty region part (a local pool's id need not name an AWS region), and an
 * ArgumentError when either side of `_` is empty. Portable: src/ only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError } from '../../src/index.ts'
import { poolNameOf } from '../../src/srp.ts'

test('poolNameOf: the part after "_", whatever the length of the part before it', () => {
  assert.equal(poolNameOf('us-east-1_AbC123'), 'AbC123')
  assert.equal(poolNameOf('x_abc'), 'abc')
  assert.equal(poolNameOf('xy_a'), 'a')
  for (const bad of ['_abc', 'x_', 'abc', '', 42 as unknown as string]) {
    assert.throws(() => poolNameOf(bad), (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /"userPoolId"/.test(e.message), String(bad))
  }
})

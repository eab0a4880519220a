/**
 * The token stores themselves: `localStorageStore` refuses, up front, a storage it could not save
 * to (the failure would otherwise come after a successful sign-in, as a TypeError deep inside).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, localStorageStore, type StorageLike } from '../../src/index.ts'

test('localStorageStore needs getItem, setItem and removeItem, as its error says', () => {
  const full: StorageLike = { getItem: () => null, setItem: () => {}, removeItem: () => {} }
  assert.doesNotThrow(() => localStorageStore(full))
  for (const missing of ['getItem', 'setItem', 'removeItem'] as const) {
    const partial = { ...full, [missing]: undefined } as unknown as StorageLike
    assert.throws(() => localStorageStore(partial), (e: unknown) => e instanceof ArgumentError && /getItem, setItem and removeItem/.test(e.message), missing)
  }
})

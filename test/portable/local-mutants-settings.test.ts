/**
 * The local pool's pool-wide options (src/local/settings.ts) at the edges a mutation round found
 * unguarded: the relying party id's length (Cognito's RelyingPartyIdType, 1 to 127 characters)
 * and `sub` in the `schema` option. Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { ArgumentError } from '../../src/index.ts'

test('webAuthn.relyingPartyId may be 127 characters long, not 128 (RelyingPartyIdType in the service model)', () => {
  const label = 'a'.repeat(63)
  const longest = `${label}.${'b'.repeat(63)}` // 127 characters
  assert.equal(longest.length, 127)
  assert.ok(createLocalPool({ webAuthn: { relyingPartyId: longest } }))
  const over = `${label}.${'b'.repeat(62)}.c` // 128 characters, every label a valid host label
  assert.equal(over.length, 128)
  assert.throws(() => createLocalPool({ webAuthn: { relyingPartyId: over } }), (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /"webAuthn\.relyingPartyId"/.test(e.message))
})

test('the schema option cannot declare sub, which Cognito never lets anyone write', () => {
  // sub is the identifier Cognito assigns to a user, and an update of it is refused ("sub:
  // Attribute cannot be updated."); the option cannot redeclare it, mutable or not
  for (const schema of [[{ name: 'sub' }], [{ name: 'sub', mutable: false }], [{ name: 'custom:ok' }, { name: 'sub', mutable: true }]]) {
    assert.throws(
      () => createLocalPool({ schema: schema as never }),
      (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /^"schema\[\d\]\.name" must be/.test(e.message),
      JSON.stringify(schema),
    )
  }
  // a standard attribute other than sub may be declared, and a custom one
  assert.ok(createLocalPool({ schema: [{ name: 'email', mutable: false }, { name: 'custom:tenant' }] }))
})

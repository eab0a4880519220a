/**
 * The local pool's shared state (src/local/state.ts) at the edges a mutation round found
 * unguarded: the `credentials` option's validation, the shape of the admin credentials the pool
 * generates when given none, and the shape of the client ids it generates. Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { ArgumentError } from '../../src/index.ts'

test('credentials without a non-empty accessKeyId and secretAccessKey are refused with an ArgumentError naming them', () => {
  const bad: unknown[] = [
    null,
    'AKIAIOSFODNN7EXAMPLE:secret',
    { accessKeyId: '', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: '' },
    { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
    { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    { accessKeyId: 42, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  ]
  for (const credentials of bad) {
    assert.throws(
      () => createLocalPool({ credentials: credentials as never }),
      (e: unknown) => e instanceof ArgumentError && /^"credentials" must have a non-empty "accessKeyId" and "secretAccessKey"/.test(e.message),
      JSON.stringify(credentials),
    )
  }
  // the example pair of the AWS documentation is taken as given
  const pool = createLocalPool({ credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } })
  assert.equal(pool.credentials.accessKeyId, 'AKIAIOSFODNN7EXAMPLE')
  assert.equal(pool.credentials.secretAccessKey, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
})

test('generated admin credentials are shaped like AWS keys: a 20-character AKIA… key id and a 40-character secret', () => {
  // AWS's documented example pair (AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)
  // has a 20-character key id and a 40-character secret; SDKs and tools that check the shape
  // accept the pool's generated pair only if it has the same lengths
  for (let i = 0; i < 8; i++) {
    const { accessKeyId, secretAccessKey } = createLocalPool().credentials
    assert.match(accessKeyId, /^AKIALOCAL[A-Z2-7]{11}$/)
    assert.equal(accessKeyId.length, 20)
    assert.match(secretAccessKey, /^[A-Za-z0-9+/]{40}$/)
  }
})

test('client ids the pool generates are 26 lowercase base32 characters, like Cognito app client ids', () => {
  // Cognito's app client ids are 26 lowercase letters and digits (ClientIdType allows [\w+]+ of
  // 1 to 128 characters); the first client without an id gets a fixed one, the others random ones
  const pool = createLocalPool({ clients: [{}, {}, { clientSecret: true }] })
  assert.equal(pool.clients[0]!.clientId, 'localclient000000000000000')
  const [, second, third] = pool.clients.map((c) => c.clientId)
  for (const id of [second!, third!]) assert.match(id, /^[a-z2-7]{26}$/)
  assert.notEqual(second, third)
})

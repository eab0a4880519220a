/**
 * The pool's attribute schema: Cognito's standard attributes, plus the custom attributes the
 * pool declares (with their mutability). Anything else is refused with Cognito's wording,
 * "Attributes did not conform to the schema: <name>: Attribute does not exist in the schema."
 * (as captured in aws-amplify/amplify-js#2167 and #3542, aws-amplify/amplify-flutter#509), and an
 * immutable attribute cannot change once the user exists. Portable: fetch handler only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, ok, signedFor, srpLogin } from '../support/local.ts'

const notInSchema = (...names: string[]): string => `Attributes did not conform to the schema: ${names.map((n) => `${n}: Attribute does not exist in the schema.\n`).join('')}`

test('the default schema has the standard attributes only: an undeclared custom attribute is refused', async () => {
  const pool = createLocalPool({ shareKeys: true })
  const e = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'carol', Password: PW, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }, { Name: 'custom:team', Value: '7' }] })
  assert.deepEqual(e, { type: 'InvalidParameterException', message: notInSchema('custom:team'), status: 400 })
  assert.equal(pool.user('carol'), undefined, 'nothing created')
  // every name that is wrong is listed, as Cognito lists them
  const two = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'carol', Password: PW, UserAttributes: [{ Name: 'favorite_flavor', Value: 'x' }, { Name: 'custom:team', Value: '7' }] })
  assert.equal(two.message, notInSchema('favorite_flavor', 'custom:team'))
  // standard attributes are all there
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'dave', Password: PW, UserAttributes: [{ Name: 'given_name', Value: 'Dave' }, { Name: 'locale', Value: 'en' }, { Name: 'email', Value: 'dave@example.com' }] })
})

test('declared custom attributes are accepted; immutable ones are set at creation only', async () => {
  const pool = createLocalPool({
    shareKeys: true,
    // password sign-in only: AdminCreateUser below then makes a temporary password
    allowedFirstAuthFactors: ['PASSWORD'],
    schema: [{ name: 'custom:team' }, { name: 'custom:tenant', mutable: false }],
    users: [{ username: 'alice', password: PW, attributes: { 'custom:team': '7', 'custom:tenant': 'acme' } }],
  })
  await pool.ready
  assert.equal(pool.user('alice')!.attributes['custom:tenant'], 'acme')
  const at = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult.AccessToken
  await ok(pool, 'UpdateUserAttributes', { AccessToken: at, UserAttributes: [{ Name: 'custom:team', Value: '8' }] })
  assert.equal(pool.user('alice')!.attributes['custom:team'], '8')
  const immutable = await errorOf(pool, 'UpdateUserAttributes', { AccessToken: at, UserAttributes: [{ Name: 'custom:tenant', Value: 'evil' }] })
  assert.deepEqual([immutable.type, immutable.message], ['InvalidParameterException', 'Attributes did not conform to the schema: custom:tenant: Attribute cannot be updated.\n'])
  const unknown = await errorOf(pool, 'UpdateUserAttributes', { AccessToken: at, UserAttributes: [{ Name: 'custom:role', Value: 'admin' }] })
  assert.equal(unknown.message, notInSchema('custom:role'))
  // the admin side is held to the same schema
  const input = { UserPoolId: pool.poolId, Username: 'alice', UserAttributes: [{ Name: 'custom:tenant', Value: 'evil' }] }
  assert.equal((await errorOf(pool, 'AdminUpdateUserAttributes', input, await signedFor(pool, 'AdminUpdateUserAttributes', input))).type, 'InvalidParameterException')
  const del = { AccessToken: at, UserAttributeNames: ['custom:tenant'] }
  assert.equal((await errorOf(pool, 'DeleteUserAttributes', del)).message, 'Attributes did not conform to the schema: custom:tenant: Attribute cannot be updated.\n')
  assert.equal(pool.user('alice')!.attributes['custom:tenant'], 'acme')
  // at creation an immutable attribute may be given
  const create = { UserPoolId: pool.poolId, Username: 'bob', UserAttributes: [{ Name: 'custom:tenant', Value: 'globex' }], MessageAction: 'SUPPRESS' }
  assert.equal((await call(pool, 'AdminCreateUser', create, await signedFor(pool, 'AdminCreateUser', create))).status, 200)
  assert.equal(pool.user('bob')!.attributes['custom:tenant'], 'globex')
  // sub is never writable
  assert.equal((await errorOf(pool, 'UpdateUserAttributes', { AccessToken: at, UserAttributes: [{ Name: 'sub', Value: 'x' }] })).message, 'Attributes did not conform to the schema: sub: Attribute cannot be updated.\n')
})

test('a seed with an undeclared attribute, and a malformed schema, are refused up front', async () => {
  // a seed is checked when the pool is created, and the error names the seed
  assert.throws(() => createLocalPool({ shareKeys: true, users: [{ username: 'eve', password: PW, attributes: { 'custom:x': '1' } }] }), (e: Error) => e instanceof ArgumentError && e.message === `"users[0]" "eve": ${notInSchema('custom:x').trim()}`)
  for (const schema of [[{ name: 'team' }], [{ name: '' }], [{ name: 'custom:' }], [{ name: 'custom:' + 'x'.repeat(21) }], [{ name: 'custom:ok', mutable: 'no' }], 'custom:x', [null]]) {
    assert.throws(() => createLocalPool({ schema: schema as never }), ArgumentError, JSON.stringify(schema))
  }
})

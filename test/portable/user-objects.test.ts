/** pycognito's attribute helpers and UserObj / GroupObj, with its in-place mutations fixed. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, cognitoToDict, customAttributes, dictToCognito, GroupObj, UserObj } from '../../src/index.ts'

test('cognitoToDict: "true"/"false" become booleans, attrMap renames Cognito → app names, the list is untouched', () => {
  const list = Object.freeze([
    Object.freeze({ Name: 'email_verified', Value: 'true' }),
    Object.freeze({ Name: 'custom:opt_in', Value: 'false' }),
    Object.freeze({ Name: 'custom:team', Value: '7' }),
    Object.freeze({ Name: 'nickname' }),
  ])
  assert.deepEqual(cognitoToDict(list, { 'custom:team': 'team' }), { email_verified: true, 'custom:opt_in': false, team: '7', nickname: '' })
  assert.deepEqual(cognitoToDict(undefined), {})
})

test('dictToCognito: attribute names that are Object.prototype members stay plain names', () => {
  assert.deepEqual(dictToCognito({ constructor: 'x', toString: 'y' }, { 'custom:team': 'team' }), [
    { Name: 'constructor', Value: 'x' },
    { Name: 'toString', Value: 'y' },
  ])
})

test('dictToCognito: app → Cognito names, booleans and numbers as strings, undefined skipped, inputs untouched', () => {
  const attrs = Object.freeze({ team: 7, opt_in: true, ratio: 0.5, name: 'Al', gone: undefined })
  const map = Object.freeze({ 'custom:team': 'team' })
  assert.deepEqual(dictToCognito(attrs, map), [
    { Name: 'custom:team', Value: '7' },
    { Name: 'opt_in', Value: 'true' },
    { Name: 'ratio', Value: '0.5' },
    { Name: 'name', Value: 'Al' },
  ])
  assert.throws(() => dictToCognito({ n: Number.NaN }), (e: unknown) => e instanceof ArgumentError && e.message === '"attributes.n" must be a string, a finite number or a boolean')
  assert.throws(() => dictToCognito(null as never), ArgumentError)
})

test('customAttributes prefixes once and returns a new object', () => {
  const input = Object.freeze({ team: 'x', 'custom:role': 'y' })
  assert.deepEqual(customAttributes(input), { 'custom:team': 'x', 'custom:role': 'y' })
})

test('UserObj lifts sub and the verification flags (also through attrMap); without a client it cannot save', async () => {
  const u = new UserObj('u1', [
    { Name: 'sub', Value: 's-1' },
    { Name: 'email_verified', Value: 'false' },
    { Name: 'phone_number_verified', Value: 'true' },
    { Name: 'email', Value: 'u@example.com' },
  ], undefined, {}, { email_verified: 'emailOk' })
  assert.equal(u.sub, 's-1')
  assert.equal(u.emailVerified, false)
  assert.equal(u.phoneNumberVerified, true)
  assert.deepEqual(u.attributes, { email: 'u@example.com' })
  assert.deepEqual(await u.save(), [], 'unchanged: nothing to send')
  u.attributes['email'] = 'v@example.com'
  await assert.rejects(u.save(), ArgumentError)
  await assert.rejects(u.delete(), ArgumentError)
})

test('UserObj.save sends only changed attributes through its actions, mapped back with attrMap', async () => {
  const calls: unknown[] = []
  const u = new UserObj('u2', [{ Name: 'custom:team', Value: '1' }, { Name: 'given_name', Value: 'A' }], {
    save: async (a, m) => (calls.push([a, m]), []),
    delete: async () => void calls.push('delete'),
  }, {}, { 'custom:team': 'team' })
  u.attributes['team'] = '2'
  u.attributes['locale'] = 'fr'
  await u.save()
  assert.deepEqual(calls, [[{ team: '2', locale: 'fr' }, { 'custom:team': 'team' }]])
  await u.delete()
  assert.equal(calls.at(-1), 'delete')
})

test('UserObj: a number attribute reads as Cognito\'s string; a number set in its place is saved as its decimal string', async () => {
  const sent: unknown[] = []
  const u = new UserObj('u3', [{ Name: 'custom:age', Value: '42' }], { save: async (a) => (sent.push(dictToCognito(a)), []), delete: async () => {} })
  assert.equal(u.attributes['custom:age'], '42')
  // typed string | number | boolean: no cast needed to set a number (test/types/consumer.ts compiles it)
  u.attributes['custom:age'] = 43
  await u.save()
  assert.deepEqual(sent, [[{ Name: 'custom:age', Value: '43' }]])
})

test('GroupObj lifts the group fields without modifying the input', () => {
  const input = Object.freeze({ GroupName: 'g', Description: 'd', UserPoolId: 'eu-west-1_X', Precedence: 1, CreationDate: 1, LastModifiedDate: 2, RoleArn: 'arn:aws:iam::1:role/r' })
  const g = new GroupObj(input)
  assert.equal(g.groupName, 'g')
  assert.equal(g.lastModifiedDate?.getTime(), 2000)
  assert.deepEqual(g.data, { UserPoolId: 'eu-west-1_X' })
  assert.equal(String(g), 'GroupObj(g)')
  assert.equal(input.GroupName, 'g')
})

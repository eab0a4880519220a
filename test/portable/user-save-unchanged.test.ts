/**
 * UserObj.save() compares attributes as Cognito stores them (a number's decimal string, a
 * boolean's "true" / "false"): a value equal to the stored one in that form is not sent again,
 * every other change is, and a value that is no attribute value still reaches the ArgumentError.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, dictToCognito, UserObj, type AttributeInput } from '../../src/index.ts'

/** A UserObj over `list` whose saves are recorded as the Cognito list they would send. */
function user(list: { Name: string; Value: string }[]) {
  const sent: unknown[] = []
  const u = new UserObj('u', list, { save: async (a) => (sent.push(dictToCognito(a)), []), delete: async () => {} })
  return { u, sent }
}

test('UserObj.save: a value equal to the stored one as Cognito stores it is not sent again', async () => {
  const { u, sent } = user([{ Name: 'custom:age', Value: '43' }, { Name: 'custom:opt_in', Value: 'true' }, { Name: 'custom:ratio', Value: '0.5' }, { Name: 'custom:off', Value: 'false' }])
  u.attributes['custom:age'] = 43
  u.attributes['custom:opt_in'] = 'true'
  u.attributes['custom:ratio'] = 0.5
  u.attributes['custom:off'] = 'false'
  assert.deepEqual(await u.save(), [])
  assert.deepEqual(sent, [], 'nothing sent')
})

test('UserObj.save: after a save of a number, the same number or its string is not sent again; a different one is', async () => {
  const { u, sent } = user([{ Name: 'custom:age', Value: '42' }])
  u.attributes['custom:age'] = 43
  await u.save()
  u.attributes['custom:age'] = '43'
  await u.save()
  u.attributes['custom:age'] = 43
  await u.save()
  assert.deepEqual(sent, [[{ Name: 'custom:age', Value: '43' }]])
  u.attributes['custom:age'] = 44
  await u.save()
  assert.deepEqual(sent.at(-1), [{ Name: 'custom:age', Value: '44' }])
})

test('UserObj.save: every value Cognito would store differently is sent', async () => {
  const cases: [string, AttributeInput][] = [
    ['043', 43], // Cognito keeps the string as it is
    ['43.0', 43],
    ['1', true],
    ['True', true],
    ['true', 'True'],
    ['false', 0],
    ['', false],
    ['0', -1],
    ['1e21', 1e21], // String(1e21) is "1e+21"
  ]
  for (const [stored, value] of cases) {
    const { u, sent } = user([{ Name: 'custom:x', Value: stored }])
    u.attributes['custom:x'] = value
    await u.save()
    assert.deepEqual(sent, [[{ Name: 'custom:x', Value: String(value) }]], `${JSON.stringify(stored)} then ${String(value)}`)
  }
  // an attribute the user did not have, set to a string that reads like an absent one
  const { u, sent } = user([])
  u.attributes['custom:new'] = 'undefined'
  await u.save()
  assert.deepEqual(sent, [[{ Name: 'custom:new', Value: 'undefined' }]])
})

test('UserObj.save: a value that is no attribute value is refused even when its string equals the stored one', async () => {
  for (const [stored, bad] of [['NaN', Number.NaN], ['Infinity', Infinity], ['1', 1n], ['null', null], ['[object Object]', {}]] as const) {
    const { u, sent } = user([{ Name: 'custom:x', Value: stored }])
    u.attributes['custom:x'] = bad as never
    await assert.rejects(u.save(), ArgumentError, String(stored))
    assert.deepEqual(sent, [])
  }
})

test('UserObj.save sends a new attribute whose (renamed) name is one of Object.prototype\'s, such as "constructor" or "toString"', async () => {
  const sent: unknown[] = []
  const actions = { save: async (c: Record<string, unknown>) => (sent.push(c), []), delete: async () => {} }
  const u = new UserObj('bob', [{ Name: 'email', Value: 'a@example.com' }], actions, {}, { 'custom:ctor': 'constructor' })
  u.attributes['constructor'] = 'x'
  u.attributes['toString'] = 'y'
  await u.save()
  assert.deepEqual(sent, [{ constructor: 'x', toString: 'y' }])
  // saved now: nothing is sent again
  await u.save()
  u.attributes['valueOf'] = 'z'
  await u.save()
  assert.deepEqual(sent, [{ constructor: 'x', toString: 'y' }, { valueOf: 'z' }] as unknown[])
})

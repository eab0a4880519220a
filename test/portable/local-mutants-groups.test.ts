/**
 * Groups and identity providers of the local pool (src/local/groups.ts) at the edges a mutation
 * round found unguarded: the members of GroupType and IdentityProviderType, their dates, requests
 * naming another user pool, deleting a group that does not exist, and what UpdateIdentityProvider
 * changes. SigV4-signed calls over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, manualClock, signedFor, type Raw } from '../support/local.ts'

/** A SigV4-signed admin call; `UserPoolId` is the pool's unless the input names another. */
async function admin(pool: LocalPool, op: string, input: Record<string, unknown>): Promise<Raw> {
  const body = { UserPoolId: pool.poolId, ...input }
  return call(pool, op, body, await signedFor(pool, op, body))
}
async function adminOk(pool: LocalPool, op: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const r = await admin(pool, op, input)
  assert.equal(r.status, 200, `${op}: ${JSON.stringify(r.body)}`)
  return r.body
}

const ROLE = 'arn:aws:iam::123456789012:role/editors'

test('GroupType: the Description, Precedence and RoleArn given, no others, and the creation time in seconds', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ clock: clock.now })
  const t = clock.now() / 1000
  const full = { GroupName: 'editors', Description: 'can edit', Precedence: 0, RoleArn: ROLE }
  const expectFull = { ...full, UserPoolId: pool.poolId, CreationDate: t, LastModifiedDate: t }
  assert.deepEqual((await adminOk(pool, 'CreateGroup', full)).Group, expectFull)
  clock.advance(5000)
  assert.deepEqual((await adminOk(pool, 'GetGroup', { GroupName: 'editors' })).Group, expectFull, 'GetGroup gives the same group, dated at creation')
  await adminOk(pool, 'CreateGroup', { GroupName: 'plain' })
  const plain = { GroupName: 'plain', UserPoolId: pool.poolId, CreationDate: t + 5, LastModifiedDate: t + 5 }
  assert.deepEqual((await adminOk(pool, 'GetGroup', { GroupName: 'plain' })).Group, plain, 'a group created with its name only has no optional members')
})

test('group operations naming another user pool are ResourceNotFoundException', async () => {
  const pool = createLocalPool({ users: [{ username: 'alice', password: PW }] })
  await adminOk(pool, 'CreateGroup', { GroupName: 'editors' })
  await adminOk(pool, 'AdminAddUserToGroup', { Username: 'alice', GroupName: 'editors' })
  const other = { UserPoolId: 'us-east-1_OtherPool1' }
  for (const [op, input] of [
    ['CreateGroup', { GroupName: 'new' }],
    ['GetGroup', { GroupName: 'editors' }],
    ['ListGroups', {}],
    ['ListUsersInGroup', { GroupName: 'editors' }],
    ['DeleteGroup', { GroupName: 'editors' }],
  ] as const) {
    const r = await admin(pool, op, { ...input, ...other })
    assert.equal(r.body.__type, 'ResourceNotFoundException', op)
  }
  // nothing changed in this pool
  assert.deepEqual((await adminOk(pool, 'ListUsersInGroup', { GroupName: 'editors' })).Users.map((u: { Username: string }) => u.Username), ['alice'])
  assert.deepEqual((await adminOk(pool, 'ListGroups', {})).Groups.map((g: { GroupName: string }) => g.GroupName), ['editors'])
})

test('DeleteGroup removes the group from its members; a group that does not exist is ResourceNotFoundException', async () => {
  const pool = createLocalPool({ users: [{ username: 'alice', password: PW, groups: ['editors', 'readers'] }] })
  await adminOk(pool, 'DeleteGroup', { GroupName: 'editors' })
  assert.deepEqual(pool.user('alice')!.groups, ['readers'])
  assert.equal((await admin(pool, 'DeleteGroup', { GroupName: 'editors' })).body.__type, 'ResourceNotFoundException')
  assert.equal((await admin(pool, 'GetGroup', { GroupName: 'editors' })).body.__type, 'ResourceNotFoundException')
})

test('identity providers: dates in seconds, unknown names are ResourceNotFoundException, an update applies what it gives', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ clock: clock.now })
  const t = clock.now() / 1000
  const created = (await adminOk(pool, 'CreateIdentityProvider', {
    ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'id', authorize_scopes: 'openid' }, AttributeMapping: { email: 'email' },
  })).IdentityProvider
  assert.deepEqual([created.CreationDate, created.LastModifiedDate], [t, t])
  assert.deepEqual(created.IdpIdentifiers, [])

  for (const op of ['DescribeIdentityProvider', 'UpdateIdentityProvider']) {
    assert.equal((await admin(pool, op, { ProviderName: 'Nobody' })).body.__type, 'ResourceNotFoundException', op)
  }

  clock.advance(7000)
  const updated = (await adminOk(pool, 'UpdateIdentityProvider', { ProviderName: 'Google', AttributeMapping: { email: 'email', name: 'name' }, IdpIdentifiers: ['example.com'] })).IdentityProvider
  const described = (await adminOk(pool, 'DescribeIdentityProvider', { ProviderName: 'Google' })).IdentityProvider
  for (const p of [updated, described]) {
    assert.deepEqual(p.AttributeMapping, { email: 'email', name: 'name' })
    assert.deepEqual(p.IdpIdentifiers, ['example.com'])
    assert.deepEqual([p.CreationDate, p.LastModifiedDate], [t, t + 7])
  }
})

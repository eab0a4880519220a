/**
 * The local pool's page tokens behave like Cognito's: opaque, good only for the listing and the
 * pool that issued them, never the same token twice, and stable when items are deleted between
 * pages (a clean-up loop that deletes each page).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, signedFor, type Raw } from '../support/local.ts'

async function admin(pool: LocalPool, op: string, input: Record<string, unknown>): Promise<Raw> {
  const body = { UserPoolId: pool.poolId, ...input }
  return call(pool, op, body, await signedFor(pool, op, body))
}

const users = (n: number, groups: string[] = []) => Array.from({ length: n }, (_, i) => ({ username: `user${String(i).padStart(2, '0')}`, password: PW, groups }))

test('a ListGroups token is refused by ListUsers, and a token from another listing of the same operation too', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [...users(3, ['a', 'b', 'c'])] })
  const groups = await admin(pool, 'ListGroups', { Limit: 1 })
  assert.equal(groups.status, 200)
  assert.ok(groups.body.NextToken)
  const cross = await admin(pool, 'ListUsers', { Limit: 1, PaginationToken: groups.body.NextToken })
  assert.deepEqual([cross.status, cross.body.__type], [400, 'InvalidParameterException'])
  const inA = await admin(pool, 'ListUsersInGroup', { GroupName: 'a', Limit: 1 })
  assert.ok(inA.body.NextToken)
  const inB = await admin(pool, 'ListUsersInGroup', { GroupName: 'b', Limit: 1, NextToken: inA.body.NextToken })
  assert.deepEqual([inB.status, inB.body.__type], [400, 'InvalidParameterException'])
  const ok = await admin(pool, 'ListUsersInGroup', { GroupName: 'a', Limit: 1, NextToken: inA.body.NextToken })
  assert.equal(ok.status, 200)
})

test('a token from another pool is refused, even one with the same pool id', async () => {
  const one = createLocalPool({ shareKeys: true, users: users(3) })
  const two = createLocalPool({ shareKeys: true, users: users(3) })
  assert.equal(one.poolId, two.poolId)
  const first = await admin(one, 'ListUsers', { Limit: 1 })
  assert.ok(first.body.PaginationToken)
  const other = await admin(two, 'ListUsers', { Limit: 1, PaginationToken: first.body.PaginationToken })
  assert.deepEqual([other.status, other.body.__type], [400, 'InvalidParameterException'])
})

test('Limit 0 is the default page size: a paginator never gets the token it sent back', async () => {
  const pool = createLocalPool({ shareKeys: true, users: users(70) })
  const seen: string[] = []
  const tokens = new Set<string>()
  let token: string | undefined
  for (let i = 0; i < 5; i++) {
    const r = await admin(pool, 'ListUsers', { Limit: 0, ...(token ? { PaginationToken: token } : {}) })
    assert.equal(r.status, 200)
    seen.push(...r.body.Users.map((u: { Username: string }) => u.Username))
    token = r.body.PaginationToken
    if (!token) break
    assert.ok(!tokens.has(token), 'a token never comes back')
    tokens.add(token)
  }
  assert.equal(token, undefined, 'the listing ends')
  assert.equal(seen.length, 70)
  assert.equal(new Set(seen).size, 70)
})

test('deleting each page before asking for the next leaves no user behind', async () => {
  const pool = createLocalPool({ shareKeys: true, users: users(25) })
  let token: string | undefined
  let pages = 0
  do {
    const r = await admin(pool, 'ListUsers', { Limit: 10, ...(token ? { PaginationToken: token } : {}) })
    assert.equal(r.status, 200)
    for (const u of r.body.Users) assert.equal((await admin(pool, 'AdminDeleteUser', { Username: u.Username })).status, 200)
    token = r.body.PaginationToken
    pages++
  } while (token && pages < 10)
  assert.equal(pages, 3)
  assert.deepEqual((await admin(pool, 'ListUsers', {})).body.Users, [])
})

test('a made-up token is refused', async () => {
  const pool = createLocalPool({ shareKeys: true, users: users(2) })
  for (const t of ['1', 'x', 'WyJhIiwiYiIsImMiXQ']) {
    const r = await admin(pool, 'ListUsers', { PaginationToken: t })
    assert.deepEqual([r.status, r.body.__type, r.body.message], [400, 'InvalidParameterException', 'Invalid pagination token.'])
  }
})

test('pages keep the creation order across tokens, whatever the names', async () => {
  const pool = createLocalPool({ shareKeys: true, users: ['zed', 'amy', 'mia', 'bob'].map((username) => ({ username, password: PW })) })
  const first = await admin(pool, 'ListUsers', { Limit: 2 })
  const rest = await admin(pool, 'ListUsers', { Limit: 2, PaginationToken: first.body.PaginationToken })
  assert.deepEqual([...first.body.Users, ...rest.body.Users].map((u: { Username: string }) => u.Username), ['zed', 'amy', 'mia', 'bob'])
})

test('no Limit (or Limit 0) is a page of 60, as Cognito lists users: 61 users are two pages, 60 are one', async () => {
  const pool = createLocalPool({ shareKeys: true, users: users(61) })
  for (const limit of [{}, { Limit: 0 }]) {
    const first = await admin(pool, 'ListUsers', limit)
    assert.equal(first.body.Users.length, 60)
    const second = await admin(pool, 'ListUsers', { ...limit, PaginationToken: first.body.PaginationToken })
    assert.deepEqual([second.body.Users.map((u: { Username: string }) => u.Username), second.body.PaginationToken], [['user60'], undefined])
  }
  assert.equal((await admin(pool, 'AdminDeleteUser', { Username: 'user60' })).status, 200)
  const all = await admin(pool, 'ListUsers', {})
  assert.deepEqual([all.body.Users.length, all.body.PaginationToken], [60, undefined])
})

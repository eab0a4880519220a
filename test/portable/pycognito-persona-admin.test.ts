/**
 * A pycognito batch job ported to `AdminCognito`, against the local pool with SigV4 (the pool's
 * own credentials): create users with attributes and an `attrMap`, read them back as `UserObj`s
 * and save changes, filter and page through ListUsers, groups, password resets, disabling; and
 * what each object a job might log shows (no token, key or password).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AdminCognito } from '../../src/admin.ts'
import { Cognito, ForceChangePasswordError, GroupObj, NotAuthorizedException, PasswordResetRequiredException, UserObj } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const MAP = { 'custom:team': 'team', given_name: 'firstName' }

function setup() {
  const pool = createLocalPool({ schema: [{ name: 'custom:team' }], users: [{ username: 'alice', password: 'Alice-pass-1!', attributes: { email: 'alice@example.com' }, groups: ['staff'] }] })
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch, retry: false as const }
  const admin = new AdminCognito({ ...opts, credentials: pool.credentials })
  return { pool, opts, admin }
}

/** Everything a script could print of `o`: JSON, String, and Node's inspect hook where there is one. */
function printed(o: object): string {
  const hook = (o as Record<symbol, unknown>)[Symbol.for('nodejs.util.inspect.custom')]
  return [JSON.stringify(o), String(o), typeof hook === 'function' ? JSON.stringify(hook.call(o)) : ''].join('\n')
}

test('batch job: adminCreateUser with attributes and attrMap gives a UserObj in app names; save() sends only the change, for that user', async () => {
  const { pool, admin } = setup()
  // pycognito: admin_create_user('bob', temporary_password=…, attr_map=…, team=7, firstName='Bob')
  const bob = await admin.adminCreateUser('bob', { temporaryPassword: 'Temp-pass-1!', attributes: { email: 'bob@example.com', team: 7, firstName: 'Bob' }, attrMap: MAP, messageAction: 'SUPPRESS' })
  assert.ok(bob instanceof UserObj)
  assert.equal(bob.username, 'bob')
  assert.deepEqual(bob.attributes, { email: 'bob@example.com', team: '7', firstName: 'Bob' })
  assert.equal(bob.metadata.userStatus, 'FORCE_CHANGE_PASSWORD')
  assert.equal(bob.metadata.enabled, true)
  assert.match(bob.sub ?? '', /^[0-9a-f-]{36}$/)
  assert.equal(admin.username, undefined, "creating a user does not change the client's username (pycognito set it)")
  assert.equal(pool.messages.length, 0, 'SUPPRESS: no invitation')
  bob.attributes['team'] = '8'
  const before = pool.calls.length
  await bob.save()
  assert.deepEqual(pool.calls.slice(before).map((c) => c.operation), ['AdminUpdateUserAttributes'])
  assert.equal(pool.user('bob')?.attributes['custom:team'], '8')
  assert.equal(pool.user('bob')?.attributes['given_name'], 'Bob')
  assert.equal(pool.user('alice')?.attributes['custom:team'], undefined, 'not the client user')
  assert.deepEqual(await bob.save(), [], 'nothing changed: nothing sent')
  assert.equal(pool.calls.length, before + 1)
  assert.deepEqual((await admin.adminGetUser('bob', { attrMap: MAP })).attributes, { email: 'bob@example.com', team: '8', firstName: 'Bob' })
})

test('batch job: getUsers / listAllUsers with a filter and a page size, groups as GroupObj and names', async () => {
  const { admin } = setup()
  for (const name of ['bert', 'bob', 'carl']) await admin.adminCreateUser(name, { attributes: { email: `${name}@example.com` }, messageAction: 'SUPPRESS' })
  const first = await admin.getUsers({ filter: 'email ^= "b"', limit: 1 })
  assert.equal(first.users.length, 1)
  assert.ok(first.paginationToken)
  const all: string[] = []
  for await (const u of admin.listAllUsers({ filter: 'email ^= "b"', limit: 1 })) all.push(u.username)
  assert.deepEqual(all.sort(), ['bert', 'bob'])
  await admin.adminAddUserToGroup('bob', 'staff')
  assert.deepEqual(await admin.adminListGroupsForUser('bob'), ['staff'])
  const staff = await admin.getGroup('staff')
  assert.ok(staff instanceof GroupObj)
  assert.equal(staff.groupName, 'staff')
  assert.ok(staff.creationDate instanceof Date)
  assert.deepEqual(staff.data, { UserPoolId: admin.userPoolId })
  const names: string[] = []
  for await (const g of admin.listAllGroups()) names.push(g.groupName!)
  assert.deepEqual(names, ['staff'])
  await admin.adminRemoveUserFromGroup('bob', 'staff')
  assert.deepEqual(await admin.adminListGroupsForUser('bob'), [])
})

test('batch job: adminSetUserPassword, adminResetPassword and adminDisableUser as the user then sees them', async () => {
  const { opts, admin } = setup()
  await admin.adminCreateUser('dan', { attributes: { email: 'dan@example.com' }, messageAction: 'SUPPRESS' })
  const dan = new Cognito({ ...opts, username: 'dan' })
  await admin.adminSetUserPassword('dan', 'Dan-temp-1!')
  await assert.rejects(dan.authenticate('Dan-temp-1!'), ForceChangePasswordError)
  await admin.adminSetUserPassword('dan', 'Dan-pass-1!', { permanent: true })
  await dan.authenticate('Dan-pass-1!')
  assert.equal((await admin.adminGetUser('dan')).metadata.userStatus, 'CONFIRMED')
  await admin.adminDisableUser('dan')
  const signedIn = dan.accessToken
  await assert.rejects(dan.authenticate('Dan-pass-1!'), (e: unknown) => e instanceof NotAuthorizedException && e.message === 'User is disabled.')
  assert.equal(dan.accessToken, signedIn, 'a refused sign-in keeps the tokens held')
  assert.equal((await admin.adminGetUser('dan')).metadata.enabled, false)
  await admin.adminEnableUser('dan')
  await admin.adminResetPassword('dan')
  await assert.rejects(new Cognito({ ...opts, username: 'dan' }).authenticate('Dan-pass-1!'), PasswordResetRequiredException)
  assert.equal((await admin.adminGetUser('dan')).metadata.userStatus, 'RESET_REQUIRED')
})

test('what a batch job logs: AdminCognito, a signed-in Cognito, UserObj, GroupObj and errors show no token, key or password', async () => {
  const { pool, opts, admin } = setup()
  const alice = new Cognito({ ...opts, username: 'alice' })
  const r = await alice.authenticate('Alice-pass-1!')
  const secrets = [r.idToken, r.accessToken, r.refreshToken!, pool.credentials.secretAccessKey, 'Alice-pass-1!', 'Temp-pass-9!']
  const objects: object[] = [admin, alice, await alice.getUser(), await admin.adminGetUser('alice'), await admin.getGroup('staff')]
  objects.push(await admin.adminCreateUser('eve', { temporaryPassword: 'Temp-pass-9!', attributes: { email: 'eve@example.com' }, messageAction: 'SUPPRESS' }))
  objects.push(await alice.authenticate('wrong-Pass-1!').catch((e: object) => e))
  objects.push(await new Cognito({ ...opts, username: 'eve' }).authenticate('Temp-pass-9!').catch((e: object) => e))
  for (const o of objects) {
    const out = printed(o)
    for (const s of secrets) assert.ok(!out.includes(s), `${String(o)} shows a secret`)
  }
  assert.match(printed(objects[7]!), /NEW_PASSWORD_REQUIRED/, 'the challenge is named')
})

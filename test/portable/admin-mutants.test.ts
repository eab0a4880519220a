/**
 * Admin-client behaviour no other test guarded, found by mutation testing (`scripts/mutate.mjs`):
 * the region a client with its own endpoint signs for, and bad options refused before any request.
 * No server is needed: a stand-in `fetch` records what would be sent.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  AdminCognito, adminCreateUser, adminDisableUser, adminEnableUser, adminGetUser, adminListGroupsForUser, adminResetPassword, createAdminClient, getGroups, getUsers, listAllUsers,
} from '../../src/admin.ts'
import { ArgumentError, ResponseError } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

/** A `fetch` that records each request's Authorization header and answers an AdminGetUser-shaped body. */
function recorder() {
  const authorizations: string[] = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    authorizations.push(new Headers(init.headers).get('authorization') ?? '')
    return new Response('{"Username":"bob","UserAttributes":[]}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }
  return { authorizations, fetch }
}

test('with an endpoint of its own (a proxy, a VPC endpoint), a client signs for the region its pool id names', async () => {
  const r = recorder()
  const admin = createAdminClient({ userPoolId: 'eu-west-1_AbC123', endpoint: 'https://cognito.proxy.example/', credentials, fetch: r.fetch })
  assert.equal(admin.region, 'eu-west-1')
  await admin.send('AdminGetUser', { UserPoolId: 'eu-west-1_AbC123', Username: 'bob' })
  assert.match(r.authorizations[0]!, /Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/cognito-idp\/aws4_request/)
})

test('a client with an endpoint but neither a region nor a pool id is refused, naming both', () => {
  assert.throws(() => createAdminClient({ endpoint: 'https://cognito.proxy.example/', credentials }), (e: unknown) => e instanceof ArgumentError && /"userPoolId"/.test(e.message) && /"region"/.test(e.message))
})

test('AdminCognito.call checks its per-call options before any request, as every other call does', async () => {
  const r = recorder()
  const admin = new AdminCognito({ userPoolId: 'us-east-1_AbC123', clientId: 'client1', credentials, fetch: r.fetch })
  const input = { UserPoolId: 'us-east-1_AbC123', Username: 'bob' }
  await assert.rejects(admin.call('AdminGetUser', input, { timeout: -5 }), (e: unknown) => e instanceof ArgumentError && /"timeout"/.test(e.message))
  await assert.rejects(admin.call('AdminGetUser', input, { signal: 'stop' as never }), (e: unknown) => e instanceof ArgumentError && /"signal"/.test(e.message))
  assert.equal(r.authorizations.length, 0)
  assert.equal((await admin.call('AdminGetUser', input, { timeout: 5000 })).Username, 'bob')
})

test('adminListGroupsForUser and adminCreateUser refuse an empty or missing username before any request', async () => {
  const r = recorder()
  const admin = createAdminClient({ userPoolId: 'us-east-1_AbC123', credentials, fetch: r.fetch })
  for (const call of [adminListGroupsForUser, adminCreateUser]) {
    for (const username of ['', undefined]) {
      await assert.rejects(call(admin, username as never), (e: unknown) => e instanceof ArgumentError && /"username"/.test(e.message), `${call.name}(${String(username)})`)
    }
  }
  assert.equal(r.authorizations.length, 0)
})

test('an admin function on a client made with a region only needs UserPoolId in its input: refused before any request', async () => {
  const r = recorder()
  const admin = createAdminClient({ region: 'us-east-1', credentials, fetch: r.fetch })
  await assert.rejects(adminGetUser(admin, 'bob'), (e: unknown) => e instanceof ArgumentError && /"userPoolId"/.test(e.message))
  assert.equal(r.authorizations.length, 0)
})

test('credentials that are not an object are refused with an ArgumentError naming them (never a TypeError)', () => {
  for (const bad of [null, 'AKIAIOSFODNN7EXAMPLE:secret', 42]) {
    assert.throws(() => createAdminClient({ userPoolId: 'us-east-1_AbC123', credentials: bad as never }), (e: unknown) => e instanceof ArgumentError && /"credentials" must be an object/.test(e.message), String(bad))
  }
})

test('a client made with a signal makes calls without one; a client without one takes a call\'s signal; either aborts the call', async () => {
  const r = recorder()
  const input = { UserPoolId: 'us-east-1_AbC123', Username: 'bob' }
  const own = new AbortController()
  const withSignal = createAdminClient({ userPoolId: 'us-east-1_AbC123', credentials, fetch: r.fetch, signal: own.signal })
  assert.equal((await withSignal.send('AdminGetUser', input)).Username, 'bob')
  const plain = createAdminClient({ userPoolId: 'us-east-1_AbC123', credentials, fetch: r.fetch })
  assert.equal((await plain.send('AdminGetUser', input, { signal: new AbortController().signal })).Username, 'bob')
  assert.equal(r.authorizations.length, 2)
  const call = new AbortController()
  call.abort()
  await assert.rejects(plain.send('AdminGetUser', input, { signal: call.signal }), { name: 'AbortError' })
  own.abort()
  await assert.rejects(withSignal.send('AdminGetUser', input), { name: 'AbortError' })
  assert.equal(r.authorizations.length, 2, 'an aborted call sends nothing')
})

test('a page size of 1, the smallest the list functions take, is sent as Limit 1 (getUsers, getGroups)', async () => {
  const limits: unknown[] = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    limits.push(JSON.parse(String(init.body)).Limit)
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }
  const admin = createAdminClient({ userPoolId: 'us-east-1_AbC123', credentials, fetch })
  assert.deepEqual(await getUsers(admin, { limit: 1 }), { users: [], paginationToken: undefined })
  assert.deepEqual(await getGroups(admin, { limit: 1 }), { groups: [], nextToken: undefined })
  assert.deepEqual(limits, [1, 1])
})

test('listAllUsers stops with a ResponseError when the server repeats a pagination token, after the second page', async () => {
  let calls = 0
  const fetch = async (): Promise<Response> => {
    // a bound of its own, so a walk that does not notice the repeat fails here instead of hanging
    if (++calls > 4) return new Response('{"__type":"InvalidParameterException","message":"stop"}', { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } })
    return new Response(JSON.stringify({ Users: [{ Username: `u${calls}`, Attributes: [] }], PaginationToken: 'same' }), { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }
  const admin = createAdminClient({ userPoolId: 'us-east-1_AbC123', credentials, fetch })
  const seen: string[] = []
  await assert.rejects(async () => {
    for await (const u of listAllUsers(admin)) seen.push(u.Username!)
  }, (e: unknown) => e instanceof ResponseError && e.message === 'the server repeated a pagination token')
  assert.deepEqual(seen, ['u1', 'u2'])
})

test('adminGetUser refuses an answer without the Username the model requires (a ResponseError, not a user without a name)', async () => {
  const fetch = async (): Promise<Response> => new Response('{"UserAttributes":[{"Name":"email","Value":"bob@example.com"}]}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  const admin = createAdminClient({ userPoolId: 'us-east-1_AbC123', credentials, fetch })
  await assert.rejects(adminGetUser(admin, 'bob'), (e: unknown) => e instanceof ResponseError && /lacks Username/.test(e.message))
})

test('a pool id that names no region (an emulator\'s "local_abc") is signed for us-east-1 with an endpoint, and refused without one', () => {
  const local = createAdminClient({ userPoolId: 'local_abc123', endpoint: 'http://localhost:9229/', credentials })
  assert.equal(local.region, 'us-east-1')
  assert.throws(() => createAdminClient({ userPoolId: 'local_abc123', credentials }), (e: unknown) => e instanceof ArgumentError && /"userPoolId"/.test(e.message) && /"region"/.test(e.message))
})

test('adminDisableUser, adminEnableUser and adminResetPassword change the user in the pool (the local pool, SigV4 verified)', async () => {
  const pool = createLocalPool({ credentials, users: [{ username: 'bob', password: 'Corr3ct-horse!' }] })
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials, fetch: pool.fetch, retry: false })
  await adminDisableUser(admin, 'bob')
  assert.equal((await adminGetUser(admin, 'bob')).Enabled, false)
  await adminEnableUser(admin, 'bob')
  assert.equal((await adminGetUser(admin, 'bob')).Enabled, true)
  await adminResetPassword(admin, 'bob')
  assert.equal((await adminGetUser(admin, 'bob')).UserStatus, 'RESET_REQUIRED')
})

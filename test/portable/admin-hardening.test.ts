/**
 * The admin side as a caller porting a pycognito script would push it: sign-ins that make Cognito
 * send a code are never repeated through AdminInitiateAuth either, and bad arguments to the admin
 * functions and `AdminCognito` are `ArgumentError`s naming the argument, before any request.
 * Stub answers: HTTP 500 `{"__type":"InternalErrorException"}` is the model's InternalErrorException
 * (the same body test/portable/functions-retry-safety.test.ts uses); `{}` is the empty answer the
 * model allows for these operations.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as adminApi from '../../src/admin.ts'
import { AdminCognito, createAdminClient, withAdminAuth } from '../../src/admin.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { AbortError, ArgumentError, createClient, InternalErrorException, ResponseError, userAuth } from '../../src/index.ts'

const POOL = 'eu-west-1_AbCdEf123'
const CLIENT = '1example23456789'
const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

/** A Cognito answering every request with `status` / `body`, counting attempts per operation. */
function stubCognito(status: number, body: string) {
  const attempts: Record<string, number> = {}
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const op = String(new Headers(init.headers).get('x-amz-target')).replace('AWSCognitoIdentityProviderService.', '')
    attempts[op] = (attempts[op] ?? 0) + 1
    return new Response(body, { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' } })
  }
  return { attempts, fetch }
}

test('server-side userAuth preferring EMAIL_OTP or SMS_OTP: AdminInitiateAuth sends the code at once, so a 500 is not retried; PASSWORD_SRP is', async () => {
  for (const [preferred, expected] of [['EMAIL_OTP', 1], ['SMS_OTP', 1], ['PASSWORD_SRP', 3]] as const) {
    const cognito = stubCognito(500, '{"__type":"InternalErrorException"}')
    const transport = { fetch: cognito.fetch, retry: { random: () => 0 } }
    const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, ...transport })
    const serverSide = withAdminAuth(createClient({ userPoolId: POOL, clientId: CLIENT, ...transport }), admin)
    await assert.rejects(userAuth(serverSide, { username: 'alice', preferred, password: 'Corr3ct-horse-battery!' }), InternalErrorException)
    assert.deepEqual(cognito.attempts, { AdminInitiateAuth: expected }, `withAdminAuth, ${preferred}`)

    const cls = stubCognito(500, '{"__type":"InternalErrorException"}')
    const adminCognito = new AdminCognito({ userPoolId: POOL, clientId: CLIENT, username: 'alice', credentials: KEYS, fetch: cls.fetch, retry: { random: () => 0 } })
    await assert.rejects(adminCognito.userAuth({ preferred, password: 'Corr3ct-horse-battery!' }), InternalErrorException)
    assert.deepEqual(cls.attempts, { AdminInitiateAuth: expected }, `AdminCognito, ${preferred}`)
  }
})

const named = (name: string) => (e: unknown) => e instanceof ArgumentError && e.message.includes(`"${name}"`)

test('admin functions: options given as null or a non-object are an ArgumentError naming them, before any request', async () => {
  const noFetch = async (): Promise<Response> => assert.fail('no request may be made')
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: noFetch })
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['adminCreateUser', () => adminApi.adminCreateUser(admin, 'bob', null as never)],
    ['adminSetUserPassword', () => adminApi.adminSetUserPassword(admin, 'bob', 'P4ssw0rd-long!', null as never)],
    ['adminConfirmSignUp', () => adminApi.adminConfirmSignUp(admin, 'bob', null as never)],
    ['adminUpdateProfile', () => adminApi.adminUpdateProfile(admin, 'bob', { name: 'Bob' }, undefined, null as never)],
    ['getUsers', () => adminApi.getUsers(admin, null as never)],
    ['getGroups', () => adminApi.getGroups(admin, 'limit=5' as never)],
  ]
  for (const [name, run] of cases) await assert.rejects(run(), named('options'), name)
  await assert.rejects(adminApi.adminCreateIdentityProvider(admin, null as never), named('input'))
  await assert.rejects(adminApi.adminUpdateIdentityProvider(admin, 'Google', 'abc' as never), named('changes'))
  await assert.rejects(adminApi.adminUpdateUserPoolClient(admin, CLIENT, null as never), named('changes'))
})

test('AdminCognito: options given as null are an ArgumentError before any request', async () => {
  const admin = new AdminCognito({ userPoolId: POOL, clientId: CLIENT, credentials: KEYS, fetch: async () => assert.fail('no request may be made') })
  await assert.rejects(admin.adminGetUser('bob', null as never), named('options'))
  await assert.rejects(admin.adminCreateUser('bob', null as never), named('options'))
  await assert.rejects(admin.getUsers(null as never), named('options'))
  await assert.rejects(admin.adminUpdateUserPoolClient({}, null as never), named('options'))
})

test('adminSetUserPassword: a "permanent" that is not a boolean is an ArgumentError, never a silently temporary password', async () => {
  const cognito = stubCognito(200, '{}')
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: cognito.fetch })
  for (const permanent of ['true', 1, 'yes', null]) {
    await assert.rejects(adminApi.adminSetUserPassword(admin, 'bob', 'P4ssw0rd-long!', { permanent: permanent as never }), named('permanent'), String(permanent))
  }
  assert.deepEqual(cognito.attempts, {})
  await adminApi.adminSetUserPassword(admin, 'bob', 'P4ssw0rd-long!', { permanent: false })
  await adminApi.adminSetUserPassword(admin, 'bob', 'P4ssw0rd-long!')
  assert.deepEqual(cognito.attempts, { AdminSetUserPassword: 2 })
})

test('getGroups: a "limit" outside 1 to 60 is an ArgumentError before any request, as for getUsers', async () => {
  const cognito = stubCognito(200, '{}')
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: cognito.fetch })
  for (const limit of [0, 61, 1000, -1, 2.5, '10']) await assert.rejects(adminApi.getGroups(admin, { limit: limit as never }), named('limit'), String(limit))
  assert.deepEqual(cognito.attempts, {})
  assert.deepEqual(await adminApi.getGroups(admin, { limit: 60 }), { groups: [], nextToken: undefined })
  assert.deepEqual(cognito.attempts, { ListGroups: 1 })
})

test('AdminCognito.call: a malformed operation name or input is an ArgumentError before any request, as with createAdminClient', async () => {
  const admin = new AdminCognito({ userPoolId: POOL, clientId: CLIENT, credentials: KEYS, fetch: async () => assert.fail('no request may be made') })
  await assert.rejects(admin.call('adminGetUser; drop' as never, {} as never), named('operation'))
  await assert.rejects(admin.call('AdminGetUser\r\nX-Injected: 1' as never, {} as never), named('operation'))
  for (const input of ['bob', null, [1, 2]]) await assert.rejects(admin.call('AdminGetUser', input as never), named('input'), JSON.stringify(input))
})

test('AdminCognito: per-call options cannot move a signed request to another region or endpoint than the one signed for, as with createAdminClient', async () => {
  const hosts: string[] = []
  const scopes: string[] = []
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    hosts.push(new URL(url).host)
    scopes.push(String(new Headers(init.headers).get('authorization')).split('/')[2]!)
    return new Response('{"UserPool":{}}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' } })
  }
  const admin = new AdminCognito({ userPoolId: POOL, clientId: CLIENT, credentials: KEYS, fetch })
  // the type of call()'s options allows them, for user-side operations
  await admin.call('DescribeUserPool', { UserPoolId: POOL }, { region: 'us-west-2' })
  await admin.call('DescribeUserPool', { UserPoolId: POOL }, { endpoint: 'https://evil.example/' })
  assert.deepEqual(hosts, ['cognito-idp.eu-west-1.amazonaws.com', 'cognito-idp.eu-west-1.amazonaws.com'])
  assert.deepEqual(scopes, ['eu-west-1', 'eu-west-1'])
})

test('identity providers and app clients: an answer without the member the result comes from is a ResponseError or an empty object, never undefined', async () => {
  const cognito = stubCognito(200, '{}')
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: cognito.fetch })
  // IdentityProvider is a required member of the three answers (service model)
  const lacks = (e: unknown) => e instanceof ResponseError && e.message.includes('IdentityProvider')
  await assert.rejects(adminApi.adminCreateIdentityProvider(admin, { ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: {} }), lacks)
  await assert.rejects(adminApi.adminDescribeIdentityProvider(admin, 'Google'), lacks)
  await assert.rejects(adminApi.adminUpdateIdentityProvider(admin, 'Google', {}), lacks)
  // UserPoolClient is optional in the model: an empty description, as getGroup gives an empty group
  assert.deepEqual(await adminApi.describeUserPoolClient(admin, CLIENT), {})
  assert.deepEqual(await adminApi.adminUpdateUserPoolClient(admin, CLIENT, {}), {})
})

test('createAdminClient: the client\'s signal still aborts a call made with a signal of its own (a server-side sign-in), as with createClient', async () => {
  const hang = async (_url: string, init: RequestInit): Promise<Response> =>
    new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true }))
  const shutdown = new AbortController()
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: hang, signal: shutdown.signal, timeout: 0 })
  const perCall = new AbortController()
  const pending = admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }, { signal: perCall.signal })
  setTimeout(() => shutdown.abort(new Error('shutting down')), 10)
  await assert.rejects(pending, (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'shutting down')
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch: hang, timeout: 0 })
  const signIn = adminApi.adminAuthenticate(admin, client, { username: 'bob', password: 'P4ssw0rd-long!', signal: perCall.signal })
  await assert.rejects(signIn, AbortError, 'aborted at once: the client signal has fired')
})

test('createAdminClient with a signal of its own: a per-call signal that is not an AbortSignal is still an ArgumentError', async () => {
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: async () => assert.fail('no request may be made'), signal: new AbortController().signal })
  await assert.rejects(admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }, { signal: 'soon' as never }), named('signal'))
})

test('admin functions: an "admin" that is not from createAdminClient (a pycognito-style call without it) is an ArgumentError naming it', async () => {
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch: async () => assert.fail('no request may be made') })
  await assert.rejects(adminApi.adminGetUser(undefined as never, 'bob'), named('admin'))
  await assert.rejects(adminApi.adminGetUser('bob' as never, 'bob'), named('admin'))
  await assert.rejects(adminApi.listAllUsers(null as never).next(), named('admin'))
  assert.throws(() => adminApi.withAdminAuth(client, {} as never), named('admin'))
  await assert.rejects(adminApi.adminAuthenticate(undefined as never, client, { username: 'bob', password: 'P4ssw0rd-long!' }), named('admin'))
})

test('AdminCognito dates its signatures by Cognito\'s clock: a machine clock an hour off gets one "Signature expired", answered by signing the call again, then calls work', async () => {
  const pool = createLocalPool({ clock: () => Date.now() + 3_600_000, users: [{ username: 'bob', password: 'Bob-pass-1!' }] })
  const a = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, credentials: pool.credentials, fetch: pool.fetch, retry: false })
  assert.equal((await a.adminGetUser('bob')).username, 'bob')
  assert.ok(Math.abs(a.clockSkew - 3_600_000) < 5_000, String(a.clockSkew))
  assert.equal((await a.adminGetUser('bob')).username, 'bob')
  // a clock given as the truth is not corrected
  const fixed = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, credentials: pool.credentials, fetch: pool.fetch, retry: false, now: Date.now })
  for (let i = 0; i < 2; i++) await assert.rejects(fixed.adminGetUser('bob'), (e: unknown) => e instanceof Error && e.name === 'InvalidSignatureException')
})

test('page tokens must be non-empty strings, before any request: the functions and AdminCognito', async () => {
  const noFetch = async (): Promise<Response> => assert.fail('no request may be made')
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: noFetch })
  const cls = new AdminCognito({ userPoolId: POOL, clientId: CLIENT, credentials: KEYS, fetch: noFetch })
  for (const bad of ['', 5, {}, ['page-2'], null]) {
    await assert.rejects(adminApi.getUsers(admin, { paginationToken: bad as never }), named('paginationToken'), `getUsers ${String(bad)}`)
    await assert.rejects(cls.getUsers({ paginationToken: bad as never }), named('paginationToken'), `AdminCognito.getUsers ${String(bad)}`)
    await assert.rejects(adminApi.getGroups(admin, { nextToken: bad as never }), named('nextToken'), `getGroups ${String(bad)}`)
    await assert.rejects(cls.getGroups({ nextToken: bad as never }), named('nextToken'), `AdminCognito.getGroups ${String(bad)}`)
  }
  // a good token is sent as it is
  const sent: unknown[] = []
  const echo = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: async (_u: string, init: RequestInit) => (sent.push(JSON.parse(String(init.body))), Response.json({}, { headers: { 'x-amzn-requestid': 'r' } })) })
  await adminApi.getUsers(echo, { paginationToken: 'page-2' })
  await adminApi.getGroups(echo, { nextToken: 'page-3' })
  assert.deepEqual(sent.map((b) => (b as Record<string, unknown>)['PaginationToken'] ?? (b as Record<string, unknown>)['NextToken']), ['page-2', 'page-3'])
})

/**
 * Credentials that rotate (an ECS task role, an instance role, an assumed role): `credentials`
 * may be a function, called for every signature, so a long-lived admin client (or AdminCognito,
 * with its signed-in user) keeps working when the keys change instead of failing with
 * ExpiredTokenException until it is rebuilt. Checked against the local pool, which verifies every
 * SigV4 signature, and with the independent SigV4 checker. Also: an empty page token from the
 * server (a change made in the same commit to pay for the bytes) is no next page.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AdminCognito, createAdminClient, getGroups, getUsers, type AwsCredentials } from '../../src/admin.ts'
import { ArgumentError, UserNotFoundException } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { assertSigV4, recording } from '../support/sigv4-check.ts'

const OLD = { accessKeyId: 'AKIDOLDROLE', secretAccessKey: 'old-role-secret', sessionToken: 'old-session-token-0001' }
const NEW = { accessKeyId: 'AKIDNEWROLE', secretAccessKey: 'new-role-secret', sessionToken: 'new-session-token-0002' }

/** A provider handing out `current`, counting its calls, as a rotating role's would. */
function rotating(first: AwsCredentials) {
  const p = { current: first, calls: 0, get: async (): Promise<AwsCredentials> => (p.calls++, p.current) }
  return p
}

test('createAdminClient: a credentials function is called for each signature, so keys that rotate are used from the next call on', async () => {
  const p = rotating(OLD)
  const sent = recording(async () => new Response(JSON.stringify({ Username: 'bob', UserAttributes: [] }), { headers: { 'x-amzn-requestid': 'r1' } }))
  const admin = createAdminClient({ userPoolId: 'eu-west-1_Rotate1', credentials: p.get, fetch: sent.fetch, retry: false })
  await admin.send('AdminGetUser', { UserPoolId: 'eu-west-1_Rotate1', Username: 'bob' })
  p.current = NEW
  await admin.send('AdminGetUser', { UserPoolId: 'eu-west-1_Rotate1', Username: 'bob' })
  assert.equal(p.calls, 2)
  assert.equal(assertSigV4(sent.sent[0]!, OLD.secretAccessKey).accessKeyId, OLD.accessKeyId)
  assert.equal(sent.sent[0]!.headers.get('x-amz-security-token'), OLD.sessionToken)
  assert.equal(assertSigV4(sent.sent[1]!, NEW.secretAccessKey).accessKeyId, NEW.accessKeyId)
  assert.equal(sent.sent[1]!.headers.get('x-amz-security-token'), NEW.sessionToken)
  // the function and what it returns stay out of what the client shows
  const shown = JSON.stringify(admin) + String(admin)
  assert.ok(!shown.includes('role-secret') && !shown.includes('session-token'))
})

test('local pool: a client and an AdminCognito made with a credentials function sign what the pool accepts; the signed-in user stays through a rotation', async () => {
  const keys = { accessKeyId: 'AKIDPOOLROLE', secretAccessKey: 'pool-role-secret' }
  const pool = createLocalPool({ credentials: keys, users: [{ username: 'alice', password: 'Passw0rd!x', attributes: { email: 'alice@example.com' } }] })
  const p = rotating({ ...keys, sessionToken: 'first-session-token' })
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials: p.get, fetch: pool.fetch, retry: false })
  await assert.rejects(admin.send('AdminGetUser', { UserPoolId: pool.poolId, Username: 'nobody' }), UserNotFoundException)
  const cls = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', credentials: p.get, fetch: pool.fetch, retry: false })
  await cls.adminAuthenticate('Passw0rd!x')
  const token = cls.accessToken
  p.current = { ...keys, sessionToken: 'second-session-token' }
  assert.equal((await cls.adminGetUser()).username, 'alice')
  assert.equal(cls.accessToken, token, 'the signed-in user is kept')
  assert.equal(p.calls, 3, 'one call of the function per signed request')
})

test('a credentials function that gives no usable keys: an ArgumentError naming what is missing, before the request, and no secret in it', async () => {
  const noFetch = async (): Promise<Response> => assert.fail('no request may be made')
  for (const bad of [undefined, null, { accessKeyId: 'AKIDHALF' }, { accessKeyId: 'AKIDHALF', secretAccessKey: 'half-secret', sessionToken: '' }]) {
    const admin = createAdminClient({ userPoolId: 'eu-west-1_Rotate1', credentials: async () => bad as never, fetch: noFetch })
    // what the function gave is named, never the environment's variables (nothing falls back to them)
    await assert.rejects(admin.send('AdminGetUser', { UserPoolId: 'eu-west-1_Rotate1', Username: 'bob' }), (e: unknown) => e instanceof ArgumentError && /"credentials/.test(e.message) && !/: AWS_/.test(e.message) && !e.message.includes('half-secret'))
  }
  // a function that throws: its error, before the request (the provider's own failure, not hidden)
  const boom = new Error('no role')
  const failing = createAdminClient({ userPoolId: 'eu-west-1_Rotate1', credentials: () => Promise.reject(boom), fetch: noFetch })
  await assert.rejects(failing.send('AdminGetUser', { UserPoolId: 'eu-west-1_Rotate1', Username: 'bob' }), (e: unknown) => e === boom)
})

test('getUsers / getGroups: an empty page token from the server is no next page (it could not be sent back), as listAllUsers already reads it', async () => {
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const op = String(new Headers(init.headers).get('x-amz-target')).split('.')[1]
    const body = op === 'ListUsers' ? { Users: [], PaginationToken: '' } : { Groups: [], NextToken: '' }
    return new Response(JSON.stringify(body), { headers: { 'x-amzn-requestid': 'r1' } })
  }
  const admin = createAdminClient({ userPoolId: 'eu-west-1_Rotate1', credentials: OLD, fetch, retry: false })
  assert.equal((await getUsers(admin)).paginationToken, undefined)
  assert.equal((await getGroups(admin)).nextToken, undefined)
})

test('credentials missing both keys: the message names both, with "are"; one missing, with "is"', () => {
  assert.throws(() => createAdminClient({ userPoolId: 'eu-west-1_Rotate1', credentials: {} as never }), (e: unknown) => e instanceof ArgumentError && e.message.includes('"credentials.accessKeyId" and "credentials.secretAccessKey" are missing'))
  assert.throws(() => createAdminClient({ userPoolId: 'eu-west-1_Rotate1', credentials: { accessKeyId: 'AKIDHALF' } as never }), (e: unknown) => e instanceof ArgumentError && e.message.includes('"credentials.secretAccessKey" is missing'))
})

test('a sign-in call that says it is safe to repeat (unsafe: false) is retried after a 5xx even for AdminInitiateAuth; one that says unsafe is not, even for a safe operation', async () => {
  const KEYS = { accessKeyId: 'AKIDSAFE', secretAccessKey: 'safe-secret' }
  const stub = () => {
    const ops: string[] = []
    const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
      ops.push(String(new Headers(init.headers).get('x-amz-target')).split('.')[1]!)
      if (ops.length === 1) return new Response(JSON.stringify({ __type: 'InternalErrorException', message: 'try again' }), { status: 500, headers: { 'x-amzn-requestid': 'r0' } })
      return new Response(JSON.stringify({}), { headers: { 'x-amzn-requestid': 'r1' } })
    }
    return { ops, admin: createAdminClient({ userPoolId: 'eu-west-1_Rotate1', credentials: KEYS, fetch, retry: { random: () => 0 } }) }
  }
  const send = (a: ReturnType<typeof createAdminClient>, op: string, unsafe: boolean) =>
    (a.send as (o: string, i: object, c: object) => Promise<unknown>)(op, { UserPoolId: 'eu-west-1_Rotate1' }, { unsafe })
  const safe = stub()
  await send(safe.admin, 'AdminInitiateAuth', false)
  assert.deepEqual(safe.ops, ['AdminInitiateAuth', 'AdminInitiateAuth'])
  const unsafe = stub()
  await assert.rejects(send(unsafe.admin, 'AdminGetUser', true))
  assert.deepEqual(unsafe.ops, ['AdminGetUser'])
})

test('a call aborted before it starts neither asks the credentials function nor sends anything', async () => {
  const p = rotating(OLD)
  const sent = recording(async () => new Response('{}'))
  const admin = createAdminClient({ userPoolId: 'eu-west-1_Rotate1', credentials: p.get, fetch: sent.fetch, retry: false })
  const stop = new AbortController()
  stop.abort(new Error('shutting down'))
  await assert.rejects(admin.send('AdminGetUser', { UserPoolId: 'eu-west-1_Rotate1', Username: 'bob' }, { signal: stop.signal }), { name: 'AbortError' })
  // a credentials function may itself go to the network (an instance role's metadata service)
  assert.equal(p.calls, 0)
  assert.equal(sent.sent.length, 0)
})

/**
 * Admin-client behaviour no other test guarded, found by mutation testing (`scripts/mutate.mjs`):
 * the region a client with its own endpoint signs for, and bad options refused before any request.
 * No server is needed: a stand-in `fetch` records what would be sent.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AdminCognito, adminGetUser, adminListGroupsForUser, createAdminClient } from '../../src/admin.ts'
import { ArgumentError } from '../../src/index.ts'

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
  assert.throws(() => createAdminClient({ endpoint: 'https://cognito.proxy.example/', credentials }), (e: unknown) => e instanceof ArgumentError && /"region" or "userPoolId"/.test(e.message))
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

test('adminListGroupsForUser refuses a missing username before any request', async () => {
  const r = recorder()
  const admin = createAdminClient({ userPoolId: 'us-east-1_AbC123', credentials, fetch: r.fetch })
  for (const username of ['', undefined]) {
    await assert.rejects(adminListGroupsForUser(admin, username as never), (e: unknown) => e instanceof ArgumentError && /"username"/.test(e.message))
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

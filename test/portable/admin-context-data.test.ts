/**
 * A server-side sign-in's threat-protection input: `withAdminAuth(client, admin, { contextData,
 * analyticsMetadata })` and `adminAuthenticate(…, { contextData, analyticsMetadata })` send
 * `ContextData` and `AnalyticsMetadata` with every AdminInitiateAuth and
 * AdminRespondToAuthChallenge of the sign-in (the service model's members of both), checked
 * before any request; a malformed one is an ArgumentError naming the member, never quoting a
 * header's value. Against the local pool, which checks every body against the model; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { adminAuthenticate, createAdminClient, withAdminAuth } from '../../src/admin.ts'
import { ArgumentError, authenticate, createClient } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { PW } from '../support/local.ts'

const CONTEXT = {
  IpAddress: '203.0.113.7',
  ServerName: 'app.example.com',
  ServerPath: '/login',
  HttpHeaders: [{ headerName: 'user-agent', headerValue: 'Mozilla/5.0' }, { headerName: 'cookie', headerValue: 'sid=SECRET-COOKIE-VALUE' }],
  EncodedData: 'eyJwYXlsb2FkIjoiZmluZ2VycHJpbnQifQ',
}
const ANALYTICS = { AnalyticsEndpointId: 'endpoint-1' }

function setup() {
  const pool = createLocalPool({ users: [{ username: 'alice', password: PW }] })
  const sent: Array<{ op: string; body: Record<string, unknown> }> = []
  const fetch: typeof globalThis.fetch = async (url, init) => {
    sent.push({ op: String(new Headers(init?.headers).get('x-amz-target')).split('.')[1]!, body: JSON.parse(String(init?.body)) })
    return pool.fetch(url, init)
  }
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false })
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials: pool.credentials, fetch, retry: false })
  return { pool, client, admin, sent }
}

test('withAdminAuth: ContextData and AnalyticsMetadata go with AdminInitiateAuth and each AdminRespondToAuthChallenge (SRP)', async () => {
  const { client, admin, sent } = setup()
  const step = await authenticate(withAdminAuth(client, admin, { contextData: CONTEXT, analyticsMetadata: ANALYTICS }), { username: 'alice', password: PW })
  assert.ok(step.tokens, 'the pool, which checks bodies against the model, accepted both requests')
  assert.deepEqual(sent.map((s) => s.op), ['AdminInitiateAuth', 'AdminRespondToAuthChallenge'])
  for (const { body } of sent) {
    assert.deepEqual(body['ContextData'], CONTEXT)
    assert.deepEqual(body['AnalyticsMetadata'], ANALYTICS)
    assert.equal('UserContextData' in body, false)
  }
})

test('adminAuthenticate takes contextData and analyticsMetadata for its own requests', async () => {
  const { client, admin, sent } = setup()
  const step = await adminAuthenticate(admin, client, { username: 'alice', password: PW, contextData: CONTEXT, analyticsMetadata: ANALYTICS })
  assert.ok(step.tokens)
  assert.equal(sent.length, 1)
  assert.equal(sent[0]!.body['AuthFlow'], 'ADMIN_USER_PASSWORD_AUTH')
  assert.deepEqual(sent[0]!.body['ContextData'], CONTEXT)
  assert.deepEqual(sent[0]!.body['AnalyticsMetadata'], ANALYTICS)
  // without them, neither member is sent
  await adminAuthenticate(admin, client, { username: 'alice', password: PW })
  assert.equal('ContextData' in sent[1]!.body, false)
  assert.equal('AnalyticsMetadata' in sent[1]!.body, false)
})

test('a malformed context is an ArgumentError naming the member, before any request, without quoting a header', async () => {
  const { client, admin, sent } = setup()
  const bad: Array<[unknown, RegExp]> = [
    [{ contextData: 'x' }, /"contextData" must be an object/],
    [{ contextData: { ...CONTEXT, IpAddress: undefined } }, /"contextData.IpAddress" must be a string/],
    [{ contextData: { ...CONTEXT, ServerName: 5 } }, /"contextData.ServerName"/],
    [{ contextData: { ...CONTEXT, ServerPath: null } }, /"contextData.ServerPath"/],
    [{ contextData: { ...CONTEXT, EncodedData: 7 } }, /"contextData.EncodedData"/],
    [{ contextData: { ...CONTEXT, HttpHeaders: undefined } }, /"contextData.HttpHeaders" must be an array/],
    [{ contextData: { ...CONTEXT, HttpHeaders: [null] } }, /"contextData.HttpHeaders\[0\]" must be an object/],
    [{ contextData: { ...CONTEXT, HttpHeaders: [{ headerName: 'cookie', headerValue: { v: 'SECRET-COOKIE-VALUE' } }] } }, /"contextData.HttpHeaders\[0\].headerValue" must be a string/],
    [{ analyticsMetadata: { AnalyticsEndpointId: 3 } }, /"analyticsMetadata.AnalyticsEndpointId"/],
    ['context', /"context" must be an object/],
  ]
  for (const [context, message] of bad) {
    assert.throws(() => withAdminAuth(client, admin, context as never), (e: unknown) => e instanceof ArgumentError && message.test(e.message) && !e.message.includes('SECRET'), String(message))
  }
  await assert.rejects(adminAuthenticate(admin, client, { username: 'alice', password: PW, contextData: { ...CONTEXT, ServerPath: undefined } as never }), /"contextData.ServerPath"/)
  // an empty header list and empty strings are what the model allows
  withAdminAuth(client, admin, { contextData: { IpAddress: '', ServerName: '', ServerPath: '', HttpHeaders: [] } })
  assert.equal(sent.length, 0)
})

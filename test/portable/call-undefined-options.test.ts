/**
 * A call's own transport options over the client's: a member given as `undefined` (an app that
 * passes `{ endpoint: config.endpoint, timeout: config.timeout }` with nothing configured) keeps
 * the client's value, as a member left out does. Spread as it was, it reset the value to the
 * default: `endpoint: undefined` sent the call to AWS, `fetch: undefined` through the global
 * `fetch`. The same for `call()`, the class's `call()`, and the admin client's `send()`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, call, Cognito, createClient } from '../../src/index.ts'
import { AdminCognito, createAdminClient } from '../../src/admin.ts'

const POOL = 'us-east-1_TenantA1'
const ENDPOINT = 'http://127.0.0.1:4999/'
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }

/** The client's own fetch: records where each request went. */
function recorder(): { fetch: (url: string, init: RequestInit) => Promise<Response>; urls: string[] } {
  const urls: string[] = []
  return {
    urls,
    fetch: async (url) => {
      urls.push(url)
      return new Response(JSON.stringify({ Username: 'alice', UserAttributes: [] }), { headers: { 'x-amzn-requestid': 'r' } })
    },
  }
}

const UNDEFINED = { endpoint: undefined, fetch: undefined, timeout: undefined, retry: undefined, headers: undefined } as never

test('call(): options given as undefined keep the client endpoint and fetch', async () => {
  const r = recorder()
  const client = createClient({ userPoolId: POOL, clientId: 'tenant-a', endpoint: ENDPOINT, fetch: r.fetch })
  await call(client, 'GetUser', { AccessToken: 'access-token' }, UNDEFINED)
  assert.deepEqual(r.urls, [ENDPOINT])
})

test("the class's call(): options given as undefined keep the instance's endpoint and fetch", async () => {
  const r = recorder()
  const user = new Cognito({ userPoolId: POOL, clientId: 'tenant-a', endpoint: ENDPOINT, fetch: r.fetch })
  await user.call('GetUser', { AccessToken: 'access-token' }, UNDEFINED)
  assert.deepEqual(r.urls, [ENDPOINT])
})

test("admin send() and AdminCognito's call(): options given as undefined keep the client's fetch", async () => {
  const r = recorder()
  const admin = createAdminClient({ userPoolId: POOL, credentials: CREDENTIALS, endpoint: ENDPOINT, fetch: r.fetch })
  await admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'alice' }, UNDEFINED)
  const cls = new AdminCognito({ userPoolId: POOL, clientId: 'tenant-a', credentials: CREDENTIALS, endpoint: ENDPOINT, fetch: r.fetch })
  await cls.call('AdminGetUser', { UserPoolId: POOL, Username: 'alice' }, UNDEFINED)
  assert.deepEqual(r.urls, [ENDPOINT, ENDPOINT])
})

test('a null option is still refused, not dropped as undefined is', async () => {
  const r = recorder()
  const client = createClient({ userPoolId: POOL, clientId: 'tenant-a', endpoint: ENDPOINT, fetch: r.fetch })
  await assert.rejects(call(client, 'GetUser', { AccessToken: 'access-token' }, { fetch: null } as never), ArgumentError)
  const admin = createAdminClient({ userPoolId: POOL, credentials: CREDENTIALS, endpoint: ENDPOINT, fetch: r.fetch })
  await assert.rejects(admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'alice' }, { signal: null } as never), ArgumentError)
  assert.deepEqual(r.urls, [])
})

/**
 * The region an admin client signs for and the pool it is used with must agree, checked before
 * any request: `createAdminClient` and `AdminCognito` refuse a `region` beside a pool id of
 * another region (or a malformed pool id, which a `region` used to let through to Cognito), and
 * `withAdminAuth` refuses an admin client signing for another region than the client's pool, so
 * no password is sent to a region where the pool does not exist. Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { adminAuthenticate, AdminCognito, adminGetUser, createAdminClient, withAdminAuth } from '../../src/admin.ts'
import { ArgumentError, authenticate, createClient } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const credentials = { accessKeyId: 'AKIDREGION', secretAccessKey: 'region-secret' }
const noFetch = async (): Promise<Response> => assert.fail('no request may be made')
const named = (...words: string[]) => (e: unknown) => e instanceof ArgumentError && words.every((w) => e.message.includes(w))

test('createAdminClient: a "region" beside a pool id of another region is an ArgumentError naming both regions', () => {
  assert.throws(() => createAdminClient({ region: 'eu-west-1', userPoolId: 'us-east-1_AbC123', credentials, fetch: noFetch }), named('"userPoolId"', 'us-east-1', 'eu-west-1'))
  // with an endpoint too: the pool id still names its region
  assert.throws(() => createAdminClient({ region: 'eu-west-1', userPoolId: 'us-east-1_AbC123', endpoint: 'https://proxy.example/', credentials }), named('"userPoolId"', 'us-east-1', 'eu-west-1'))
})

test('createAdminClient: a malformed pool id beside a "region" is an ArgumentError, not a request', () => {
  for (const userPoolId of ['not a pool', 'us-east-1', '_AbC123', 'eu-west-1_AbC_123', '']) {
    assert.throws(() => createAdminClient({ region: 'eu-west-1', userPoolId, credentials, fetch: noFetch }), named('"userPoolId"'), userPoolId)
  }
})

test('createAdminClient: what still works (the same region, a region alone, an emulator id beside an endpoint)', () => {
  assert.equal(createAdminClient({ region: 'eu-west-1', userPoolId: 'eu-west-1_AbC123', credentials }).region, 'eu-west-1')
  assert.equal(createAdminClient({ userPoolId: 'eu-west-1_AbC123', credentials }).region, 'eu-west-1')
  assert.equal(createAdminClient({ region: 'ap-south-1', credentials }).region, 'ap-south-1')
  assert.equal(createAdminClient({ userPoolId: 'local_abc123', endpoint: 'http://localhost:9229/', credentials }).region, 'us-east-1')
  assert.equal(createAdminClient({ userPoolId: 'local_abc123', endpoint: 'http://localhost:9229/', region: 'eu-west-1', credentials }).region, 'eu-west-1')
  assert.throws(() => createAdminClient({ credentials }), named('"userPoolId"', '"region"'))
})

test('AdminCognito: a "region" beside a pool id of another region is refused when the instance is made', () => {
  assert.throws(() => new AdminCognito({ region: 'eu-west-1', userPoolId: 'us-east-1_AbC123', clientId: 'client1', credentials, fetch: noFetch }), named('"userPoolId"', 'us-east-1', 'eu-west-1'))
  assert.equal(new AdminCognito({ region: 'us-east-1', userPoolId: 'us-east-1_AbC123', clientId: 'client1', credentials }).userPoolId, 'us-east-1_AbC123')
})

test('withAdminAuth: an admin client signing for another region than the client\'s pool is refused before any password is sent', async () => {
  const client = createClient({ userPoolId: 'us-east-1_AbC123', clientId: 'client1', fetch: noFetch })
  const elsewhere = createAdminClient({ region: 'eu-west-1', credentials, fetch: noFetch })
  assert.throws(() => withAdminAuth(client, elsewhere), named('"userPoolId"', 'us-east-1', 'eu-west-1'))
  await assert.rejects(adminAuthenticate(elsewhere, client, { username: 'alice', password: 'Passw0rd!' }), named('"userPoolId"', 'us-east-1', 'eu-west-1'))
  // the same region: accepted (no request is made until a sign-in)
  withAdminAuth(client, createAdminClient({ region: 'us-east-1', credentials, fetch: noFetch }))
  // a client whose pool id names no region (an emulator's) is taken with any admin client
  withAdminAuth(createClient({ userPoolId: 'local_abc123', clientId: 'client1', endpoint: 'http://localhost:9229/' }), elsewhere)
})

test('withAdminAuth: the local pool, same region, signs in as before', async () => {
  const pool = createLocalPool({ credentials, users: [{ username: 'alice', password: 'Passw0rd!' }] })
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch })
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials, fetch: pool.fetch })
  const step = await authenticate(withAdminAuth(client, admin), { username: 'alice', password: 'Passw0rd!', flow: 'USER_PASSWORD_AUTH' })
  assert.ok(step.tokens)
  assert.equal((await adminGetUser(admin, 'alice')).Username, 'alice')
})

test('createAdminClient: a pool id that is not a string is an ArgumentError, also beside an endpoint (never a TypeError from printing it)', () => {
  const hostile = { toString: () => assert.fail('the pool id was printed') }
  for (const userPoolId of [hostile, 5, null, ['us-east-1_AbC123']]) {
    assert.throws(() => createAdminClient({ userPoolId: userPoolId as never, endpoint: 'http://localhost:9229/', region: 'eu-west-1', credentials }), named('"userPoolId"'), String(typeof userPoolId))
    assert.throws(() => createAdminClient({ userPoolId: userPoolId as never, endpoint: 'http://localhost:9229/', credentials }), named('"userPoolId"'), String(typeof userPoolId))
  }
})

test('createAdminClient: a malformed "region" beside a pool id is refused as malformed, never quoted (it may be a key passed in the wrong option)', () => {
  const secret = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY'
  const evil = { toString: () => secret }
  for (const endpoint of [undefined, 'https://proxy.example/']) {
    for (const region of [secret, evil]) {
      assert.throws(
        () => createAdminClient({ region: region as string, userPoolId: 'us-east-1_AbC123', endpoint, credentials, fetch: noFetch }),
        (e: unknown) => named('"region"', 'us-east-1')(e) && !`${(e as Error).message} ${(e as Error).stack}`.includes(secret),
        `${endpoint} ${typeof region}`,
      )
    }
  }
})

/**
 * A pool id without a region (an emulator's `local_abc`): the user-side `Cognito` accepts it with an
 * `endpoint`, and so must `AdminCognito` and `createAdminClient`, which sign their requests for
 * `us-east-1` unless `region` says otherwise. Without an endpoint or a region the message names
 * the way out. Portable (injected fetch).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito } from '../../src/index.ts'
import { AdminCognito, createAdminClient } from '../../src/admin.ts'

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const endpoint = 'http://127.0.0.1:9229/'

/** A fetch that records the SigV4 scope of each request and answers an empty AdminGetUser. */
function recording() {
  const scopes: string[] = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const auth = new Headers(init.headers).get('authorization') ?? ''
    scopes.push(/Credential=[^/]+\/\d+\/([^/]+)\/cognito-idp\/aws4_request/.exec(auth)?.[1] ?? 'unsigned')
    return new Response('{"Username":"u","UserAttributes":[]}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r' } })
  }
  return { fetch, scopes }
}

test('a pool id without a region works with an endpoint for Cognito, AdminCognito and createAdminClient alike', async () => {
  assert.doesNotThrow(() => new Cognito({ userPoolId: 'local_abc', clientId: 'c', endpoint }))
  const r = recording()
  const admin = new AdminCognito({ userPoolId: 'local_abc', clientId: 'c', endpoint, credentials, fetch: r.fetch })
  await admin.adminGetUser('u')
  const lean = createAdminClient({ userPoolId: 'local_abc', endpoint, credentials, fetch: r.fetch })
  assert.equal(lean.region, 'us-east-1')
  await lean.send('AdminGetUser', { UserPoolId: 'local_abc', Username: 'u' })
  // an explicit region is the one signed for
  await new AdminCognito({ userPoolId: 'local_abc', clientId: 'c', endpoint, region: 'eu-west-1', credentials, fetch: r.fetch }).adminGetUser('u')
  assert.deepEqual(r.scopes, ['us-east-1', 'us-east-1', 'eu-west-1'])
})

test('without an endpoint or a region, the message says that "region" makes the pool id valid', () => {
  for (const make of [() => new Cognito({ userPoolId: 'local_abc', clientId: 'c' }), () => new AdminCognito({ userPoolId: 'local_abc', clientId: 'c', credentials }), () => createAdminClient({ userPoolId: 'local_abc', credentials })]) {
    assert.throws(make, (e: unknown) => e instanceof ArgumentError && /"userPoolId" must look like "us-east-1_AbC123"/.test(e.message) && /"region"/.test(e.message))
  }
})

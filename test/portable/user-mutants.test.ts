/**
 * Cases the mutation round over the user helpers (src/user.ts) found unguarded: hostile attribute
 * lists in `cognitoToDict`, `customAttributes` given a non-object, GroupObj's description, and
 * the SetUserMFAPreference settings `setUserMfaPreference` sends (which method is preferred when
 * several are enabled, and preferences that are not an object).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, cognitoToDict, createClient, customAttributes, GroupObj, setUserMfaPreference, type MfaPreference } from '../../src/index.ts'
import { noFetch, refused } from '../support/function-replay.ts'
import { CLIENT, POOL } from '../support/signin-data.ts'

test('cognitoToDict skips entries that are not objects, have a non-string Name or are named __proto__', () => {
  const list = [null, 'email', 7, { Name: 5, Value: 'five' }, { Name: '__proto__', Value: 'x' }, { Name: 'email', Value: 'alice@example.com' }]
  for (const attrMap of [undefined, {}, { email: 'mail' }]) {
    const out = cognitoToDict(list as never, attrMap)
    assert.deepEqual(Object.keys(out), [attrMap?.email ?? 'email'], JSON.stringify(attrMap))
    assert.equal(Object.getPrototypeOf(out), Object.prototype)
  }
})

test('customAttributes refuses a non-object instead of prefixing its characters or crashing', () => {
  for (const attrs of [null, 'team', 7, undefined]) {
    assert.throws(() => customAttributes(attrs as never), (e: unknown) => e instanceof ArgumentError && e.message === '"attributes" must be an object', String(attrs))
  }
  assert.deepEqual(customAttributes({ team: 'a', 'custom:role': 'b' }), { 'custom:team': 'a', 'custom:role': 'b' })
})

test('GroupObj lifts every GroupType field, the description too', () => {
  const g = new GroupObj({ GroupName: 'editors', Description: 'Can edit posts', UserPoolId: 'us-east-1_AbC123', Precedence: 2, RoleArn: 'arn:aws:iam::123456789012:role/editors', CreationDate: 1794990000, LastModifiedDate: 1794990060 })
  assert.deepEqual(
    { name: g.groupName, description: g.description, precedence: g.precedence, role: g.roleArn, created: g.creationDate?.getTime(), modified: g.lastModifiedDate?.getTime(), data: g.data },
    { name: 'editors', description: 'Can edit posts', precedence: 2, role: 'arn:aws:iam::123456789012:role/editors', created: 1794990000000, modified: 1794990060000, data: { UserPoolId: 'us-east-1_AbC123' } },
  )
})

/** setUserMfaPreference's SetUserMFAPreference body for `p` (the answer is the model's empty SetUserMFAPreferenceResponse). */
async function sentFor(p: MfaPreference): Promise<Record<string, unknown>> {
  let body: Record<string, unknown> | undefined
  const fetch = async (_url: string, init: RequestInit) => {
    body = JSON.parse(String(init.body))
    return new Response('{}', { headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }
  await setUserMfaPreference(createClient({ userPoolId: POOL, clientId: CLIENT, fetch, retry: false }), 'access-token', p)
  assert.ok(body)
  delete body['AccessToken']
  return body
}

test('setUserMfaPreference: only the named method is preferred; with several enabled and none named, none is', async () => {
  assert.deepEqual(await sentFor({ sms: true, softwareToken: true, preferred: 'SOFTWARE_TOKEN' }), {
    SMSMfaSettings: { Enabled: true, PreferredMfa: false },
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  })
  assert.deepEqual(await sentFor({ sms: true, softwareToken: true, email: false }), {
    SMSMfaSettings: { Enabled: true, PreferredMfa: false },
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
    EmailMfaSettings: { Enabled: false, PreferredMfa: false },
  })
  // the only enabled method is the preferred one by default
  assert.deepEqual(await sentFor({ email: true, sms: false }), {
    SMSMfaSettings: { Enabled: false, PreferredMfa: false },
    EmailMfaSettings: { Enabled: true, PreferredMfa: true },
  })
})

test('setUserMfaPreference refuses preferences that are not an object, before any request', async () => {
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch: noFetch, retry: false })
  for (const p of [null, 'SMS', 7, undefined]) await refused(() => setUserMfaPreference(client, 'access-token', p as never), '"preferences" must be an object')
})

/**
 * `AdminCognito`'s page methods, found unguarded by a mutation round over src/admin/admin-cognito.ts:
 * `getGroups` hands back the next page's token (a caller paging by hand needs it), `getUsers` its
 * pagination token, and a user listed without a Username gets '' rather than undefined. A stub
 * Cognito answers with the model's shapes; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AdminCognito } from '../../src/admin.ts'

const POOL = 'eu-west-1_AbCdEf123'
const CLIENT = '1example23456789'
const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

/** A Cognito answering each operation with `answers[op]`, recording the inputs. */
function stub(answers: Record<string, object>) {
  const sent: Array<[string, Record<string, unknown>]> = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const op = String(new Headers(init.headers).get('x-amz-target')).replace('AWSCognitoIdentityProviderService.', '')
    sent.push([op, JSON.parse(String(init.body))])
    return new Response(JSON.stringify(answers[op] ?? {}), { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' } })
  }
  return { sent, admin: new AdminCognito({ userPoolId: POOL, clientId: CLIENT, credentials: KEYS, fetch: fetch as typeof globalThis.fetch, retry: false }) }
}

test('AdminCognito.getGroups returns the next page token, and takes it back for the next page', async () => {
  const { sent, admin } = stub({ ListGroups: { Groups: [{ GroupName: 'admins', UserPoolId: POOL }], NextToken: 'page-2-token' } })
  const page = await admin.getGroups({ limit: 1 })
  assert.deepEqual(page.groups.map((g) => g.groupName), ['admins'])
  assert.equal(page.nextToken, 'page-2-token')
  await admin.getGroups({ nextToken: page.nextToken })
  assert.equal(sent[1]![1]['NextToken'], 'page-2-token')
})

test('AdminCognito.getUsers returns the pagination token; a user without a Username is named ""', async () => {
  const { admin } = stub({ ListUsers: { Users: [{ Attributes: [{ Name: 'email', Value: 'a@example.com' }], Enabled: true, UserStatus: 'CONFIRMED' }], PaginationToken: 'next-users' } })
  const page = await admin.getUsers()
  assert.equal(page.paginationToken, 'next-users')
  assert.equal(page.users[0]!.username, '')
})

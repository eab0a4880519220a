/**
 * The operation's name on the way to the access token, found by a mutation round over today's
 * change that lets each function name its operation instead of each call site: a `Cognito` with no
 * tokens says which operation needed them (`ChangePassword: not signed in`), before any request,
 * and an access-token getter given to a function is called with that function's operation.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { changePassword, Cognito, createClient, getUser, listDevices, NotAuthenticatedError } from '../../src/index.ts'

const ids = { userPoolId: 'us-east-1_AbC123', clientId: 'client1', username: 'alice' }

test('a Cognito with no tokens names the operation that needed them, before any request', async () => {
  const sent: string[] = []
  const user = new Cognito({ ...ids, retry: false, fetch: async (url: string) => (sent.push(url), new Response('{}')) })
  for (const [op, run] of [
    ['ChangePassword', () => user.changePassword('Old-passw0rd!', 'N3w-passw0rd!')],
    ['GetUser', () => user.getUser()],
    ['ListDevices', () => user.listDevices()],
    ['GlobalSignOut', () => user.logout()],
    ['SetUserMFAPreference', () => user.setUserMfaPreference({ totp: { enabled: true } } as never)],
  ] as const) {
    await assert.rejects(run(), (e: unknown) => e instanceof NotAuthenticatedError && e.message === `${op}: not signed in`, op)
  }
  assert.deepEqual(sent, [])
})

test('an access-token getter is called with the operation of the function that sends it', async () => {
  const asked: string[] = []
  const fetch = async (): Promise<Response> => new Response('{"Username":"alice","UserAttributes":[],"Devices":[]}', { headers: { 'x-amzn-requestid': 'r1' } })
  const client = createClient({ userPoolId: ids.userPoolId, clientId: ids.clientId, fetch, retry: false })
  const token = (op: string): string => (asked.push(op), 'access-token')
  await getUser(client, token)
  await listDevices(client, token)
  await changePassword(client, token, 'Old-passw0rd!', 'N3w-passw0rd!')
  assert.deepEqual(asked, ['GetUser', 'ListDevices', 'ChangePassword'])
})

/**
 * Cases the mutation round over the sign-in starts (src/functions/sign-in.ts) found unguarded:
 * `signIn` and `userAuth` with a username that is missing or not a non-empty string are refused,
 * naming it, before any request; and `signIn`'s `deviceKey` is sent as DEVICE_KEY.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NotAuthorizedException, signIn, userAuth } from '../../src/index.ts'
import { noFetch, offlineClient, refused } from '../support/function-replay.ts'
import { CLIENT, DEVICE_KEY, NOW, PASSWORD, POOL } from '../support/signin-data.ts'

test('signIn: a username that is missing, empty or not a string is refused, naming it, before any request', async () => {
  const base = { userPoolId: POOL, clientId: CLIENT, password: PASSWORD, fetch: noFetch, now: () => NOW, retry: false as const }
  for (const username of [undefined, '', 7, null]) {
    await refused(() => signIn({ ...base, username: username as never }), '"username" must be a non-empty string')
  }
})

test('userAuth: a username that is missing, empty or not a string is refused, naming it, before any request', async () => {
  const client = offlineClient()
  for (const username of [undefined, '', 7, null]) {
    await refused(() => userAuth(client, { username: username as never }), '"username" must be a non-empty string')
    await refused(() => userAuth(client, { username: username as never, preferred: 'EMAIL_OTP' }), '"username" must be a non-empty string')
  }
})

test('signIn with a deviceKey sends it as DEVICE_KEY with SRP_A (seed-3 round)', async () => {
  const sent: Array<Record<string, unknown>> = []
  // Cognito's answer to a wrong password (protocol.md 2.6 shape) ends the sign-in after the first request
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    sent.push(JSON.parse(init.body as string))
    return new Response('{"__type":"NotAuthorizedException","message":"Incorrect username or password."}', { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'c77c13f8-0000-4000-8000-000000000002' } })
  }
  await assert.rejects(signIn({ userPoolId: POOL, clientId: CLIENT, username: 'alice', password: PASSWORD, deviceKey: DEVICE_KEY, fetch, now: () => NOW, retry: false }), NotAuthorizedException)
  assert.equal(sent.length, 1)
  const p = sent[0]!['AuthParameters'] as Record<string, string>
  assert.equal(p['DEVICE_KEY'], DEVICE_KEY)
  assert.match(p['SRP_A']!, /^[0-9a-f]+$/)
})

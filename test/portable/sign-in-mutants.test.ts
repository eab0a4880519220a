/**
 * Cases the mutation round over the sign-in starts (src/functions/sign-in.ts) found unguarded:
 * `signIn` and `userAuth` with a username that is missing or not a non-empty string are refused,
 * naming it, before any request.
 */
import { test } from 'node:test'
import { signIn, userAuth } from '../../src/index.ts'
import { noFetch, offlineClient, refused } from '../support/function-replay.ts'
import { CLIENT, NOW, PASSWORD, POOL } from '../support/signin-data.ts'

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

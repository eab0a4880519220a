/**
 * Arguments of the sign-in functions that go into the request as they are: each must be refused
 * with an ArgumentError naming it before anything is sent (Cognito would only answer a
 * SerializationException or InvalidParameterException that names nothing the caller passed).
 */
import { test } from 'node:test'
import { authenticate, customAuth, respondToChallenge, respondToCustomChallenge, signIn, userAuth, verifySoftwareTokenMfaSetup, type Challenge } from '../../src/index.ts'
import { noFetch, offlineClient, refused } from '../support/function-replay.ts'
import { CLIENT, NOW, POOL } from '../support/signin-data.ts'

const client = offlineClient()
const custom: Challenge = { name: 'CUSTOM_CHALLENGE', parameters: {}, session: 'AYABeExampleSession', username: 'alice', availableChallenges: undefined }
const up = { username: 'alice', password: 'Corr3ct-horse-battery!' }

test('respondToChallenge: a response that is not a string is refused, naming it', async () => {
  await refused(() => respondToChallenge(client, custom, { ANSWER: 42 as unknown as string }), '"responses.ANSWER" must be a string', 'ERR_INVALID_ARG_TYPE')
  await refused(() => respondToChallenge(client, custom, { ANSWER: 'blue', EXTRA: null as unknown as string }), '"responses.EXTRA" must be a string')
})

test('clientMetadata that is not an object of strings is refused, naming it, by the sign-in starts and answers', async () => {
  for (const clientMetadata of ['tenant=a', ['a'], { tenant: 7 }] as unknown as Record<string, string>[]) {
    const name = Array.isArray(clientMetadata) || typeof clientMetadata !== 'object' ? '"clientMetadata" must be an object' : '"clientMetadata.tenant" must be a string'
    await refused(() => authenticate(client, { ...up, clientMetadata }), name)
    await refused(() => authenticate(client, { ...up, flow: 'USER_PASSWORD_AUTH', clientMetadata }), name)
    await refused(() => customAuth(client, { username: 'alice', clientMetadata }), name)
    await refused(() => userAuth(client, { username: 'alice', clientMetadata }), name)
    await refused(() => respondToCustomChallenge(client, custom, 'blue', { clientMetadata }), name)
    await refused(() => signIn({ userPoolId: POOL, clientId: CLIENT, fetch: noFetch, now: () => NOW, ...up, clientMetadata }), name)
  }
})

test('userAuth: a session that is not a string is refused, naming it', async () => {
  await refused(() => userAuth(client, { username: 'alice', session: 5 as unknown as string }), '"session"')
  await refused(() => userAuth(client, { username: 'alice', session: '' }), '"session"')
})

test('signIn: a deviceKey that is not a string is refused, naming it', async () => {
  await refused(() => signIn({ userPoolId: POOL, clientId: CLIENT, fetch: noFetch, now: () => NOW, ...up, deviceKey: 5 as unknown as string }), '"deviceKey"')
})

test('verifySoftwareTokenMfaSetup: a friendlyDeviceName that is not a string is refused, naming it', async () => {
  const setup: Challenge = { ...custom, name: 'MFA_SETUP' }
  await refused(() => verifySoftwareTokenMfaSetup(client, setup, '123456', { friendlyDeviceName: 7 as unknown as string }), '"friendlyDeviceName"')
})

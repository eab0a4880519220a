/**
 * The `webauthn` function of a sign-in may resolve to the AuthenticationResponseJSON object or to
 * that object serialised (the docs say "serialising the result"), as `respondToWebAuthnChallenge`
 * takes either: a string is sent as it is, never JSON-encoded a second time. Against the local
 * pool with the software authenticator of test/support; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, completeWebAuthnRegistration, createClient, respondToWebAuthnChallenge, signIn, startWebAuthnRegistration, userAuth } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { createAuthenticator } from '../support/passkey-authenticator.ts'
import { PW } from '../support/local.ts'

async function setup() {
  const pool = createLocalPool({ shareKeys: true, allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'], users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  const options = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch, retry: false as const }
  const client = createClient(options)
  const { accessToken } = await signIn({ ...options, username: 'alice', password: PW })
  const auth = await createAuthenticator()
  await completeWebAuthnRegistration(client, accessToken, await auth.register(await startWebAuthnRegistration(client, accessToken)))
  return { client, options, auth }
}

test('a webauthn function that resolves to the serialised AuthenticationResponseJSON signs in', async () => {
  const { client, auth } = await setup()
  const step = await userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: async (o) => JSON.stringify(await auth.assert(o)) })
  assert.ok(step.tokens?.accessToken)
})

test('the same through the class, after a SELECT_CHALLENGE', async () => {
  const { options, auth } = await setup()
  const user = new Cognito({ ...options, username: 'alice' })
  await assert.rejects(user.userAuth(), (e: any) => e.challengeName === 'SELECT_CHALLENGE')
  await user.selectChallenge('WEB_AUTHN', { webauthn: async (o) => JSON.stringify(await auth.assert(o)) })
  assert.ok(user.accessToken)
})

test('respondToWebAuthnChallenge takes the AuthenticationResponseJSON as an object or serialised, and sends it once encoded', async () => {
  const { client, auth } = await setup()
  for (const form of [(r: object) => r, (r: object) => JSON.stringify(r)]) {
    const step = await userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN' })
    assert.equal(step.challenge?.name, 'WEB_AUTHN')
    const credential = await auth.assert(JSON.parse(step.challenge!.parameters['CREDENTIAL_REQUEST_OPTIONS']!))
    const done = await respondToWebAuthnChallenge(client, step.challenge!, form(credential))
    assert.ok(done.tokens?.accessToken, typeof form(credential))
  }
})

/**
 * Cases the seed-2 mutation round over the sign-in machinery (src/functions/auth-flow.ts) found
 * unguarded: an AuthenticationResult without its IdToken or its AccessToken is not a sign-in (the
 * step promises both as strings) but a ResponseError. The answer is the recorded-shape fixture
 * fixtures/password-login.json (USER_PASSWORD_AUTH) with one token taken out. Seed 3: a `device`
 * of the wrong shape is refused before any request, and a DEVICE_PASSWORD_VERIFIER that answers no
 * SRP_A of ours is a protocol violation.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, createClient, ResponseError } from '../../src/index.ts'
import { answerOf, offlineClient, refused } from '../support/function-replay.ts'
import { CLIENT, DEVICE_GROUP, DEVICE_KEY, DEVICE_PASSWORD, NOW, PASSWORD, POOL } from '../support/signin-data.ts'
import passwordLogin from '../../fixtures/password-login.json' with { type: 'json' }
import deviceSrp from '../../fixtures/signin-device-srp.json' with { type: 'json' }

test('authenticate: an AuthenticationResult without IdToken or without AccessToken is a ResponseError', async () => {
  const recorded = answerOf(passwordLogin)
  for (const missing of ['IdToken', 'AccessToken']) {
    const result = { ...(recorded['AuthenticationResult'] as Record<string, unknown>) }
    delete result[missing]
    const body = JSON.stringify({ ...recorded, AuthenticationResult: result })
    const fetch = async (): Promise<Response> => new Response(body, { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'd1811960-147e-4e7c-acc2-2df22e952b03' } })
    const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW, retry: false })
    await assert.rejects(authenticate(client, { username: 'alice', password: PASSWORD, flow: 'USER_PASSWORD_AUTH' }), (e: unknown) => e instanceof ResponseError && e.message === 'no IdToken or AccessToken', missing)
  }
})

test('a device that is not the credentials confirmDevice() returned is refused, naming it, before any request', async () => {
  const client = offlineClient()
  const device = { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: DEVICE_PASSWORD }
  const msg = '"device" must be the credentials confirmDevice() returned'
  for (const bad of [null, 'k', { ...device, devicePassword: undefined }, { ...device, deviceGroupKey: '' }, { ...device, deviceKey: 7 }]) {
    await refused(() => authenticate(client, { username: 'alice', password: PASSWORD, device: bad as never }), msg)
  }
})

test('a DEVICE_PASSWORD_VERIFIER in answer to a request that sent no SRP_A gets no answer: a ResponseError', async () => {
  // the DEVICE_PASSWORD_VERIFIER answer of fixtures/signin-device-srp.json (interaction 2), sent by
  // a hostile server straight after a USER_PASSWORD_AUTH InitiateAuth, with no device SRP begun
  const body = JSON.stringify(answerOf(deviceSrp, 2))
  const sent: string[] = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    sent.push(new Headers(init.headers).get('x-amz-target')!)
    return new Response(body, { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'd1811960-147e-4e7c-acc2-2df22e952b04' } })
  }
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW, retry: false })
  const device = { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: DEVICE_PASSWORD }
  for (const input of [{}, { device }]) {
    await assert.rejects(authenticate(client, { username: 'alice', password: PASSWORD, flow: 'USER_PASSWORD_AUTH', ...input }), (e: unknown) => e instanceof ResponseError && e.message === 'DEVICE_PASSWORD_VERIFIER challenge in answer to a request that sent no SRP_A')
  }
  assert.deepEqual(sent, ['AWSCognitoIdentityProviderService.InitiateAuth', 'AWSCognitoIdentityProviderService.InitiateAuth'], 'nothing is answered')
})

/**
 * Cases the seed-2 mutation round over the sign-in machinery (src/functions/auth-flow.ts) found
 * unguarded: an AuthenticationResult without its IdToken or its AccessToken is not a sign-in (the
 * step promises both as strings) but a ResponseError. The answer is the recorded-shape fixture
 * fixtures/password-login.json (USER_PASSWORD_AUTH) with one token taken out. Seed 3: a `device`
 * of the wrong shape is refused before any request.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, createClient, ResponseError } from '../../src/index.ts'
import { answerOf, offlineClient, refused } from '../support/function-replay.ts'
import { CLIENT, DEVICE_GROUP, DEVICE_KEY, DEVICE_PASSWORD, NOW, PASSWORD, POOL } from '../support/signin-data.ts'
import passwordLogin from '../../fixtures/password-login.json' with { type: 'json' }

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

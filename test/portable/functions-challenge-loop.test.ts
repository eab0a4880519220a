/**
 * The challenges the library answers by itself (PASSWORD_VERIFIER, DEVICE_SRP_AUTH,
 * DEVICE_PASSWORD_VERIFIER, WEB_AUTHN) come at most once in a sign-in: each answers the one request
 * before it. A server that sends one again in answer to our answer (broken or hostile: real Cognito
 * never does) gets a ResponseError, not a proof for every round, without end.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, createClient, ResponseError, signIn, userAuth, type ClientOptions } from '../../src/index.ts'
import { answerOf } from '../support/function-replay.ts'
import { CLIENT, NOW, POOL } from '../support/signin-data.ts'
import totpRetry from '../../fixtures/signin-totp-retry.json' with { type: 'json' }

const VERIFIER = answerOf(totpRetry, 0)
const USER = (VERIFIER['ChallengeParameters'] as Record<string, string>)['USERNAME']!
const device = { deviceKey: 'us-east-1_0b2c6f1e-7d3a-4b5c-8e9f-a1b2c3d4e5f6', deviceGroupKey: '-nNwnPidS', devicePassword: 'ZGV2aWNlLXBhc3N3b3JkLWRldmljZS1wYXNzd29yZA==' }
const webauthn = { ChallengeName: 'WEB_AUTHN', ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: '{"challenge":"Y2g","rpId":"example.com"}' }, Session: 'AYABeWebAuthnSession' }

/** A server answering InitiateAuth with `first` and every RespondToAuthChallenge with `again` (at most 5 times, then a refusal). */
function repeating(first: Record<string, unknown>, again: Record<string, unknown>) {
  const sent: string[] = []
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  const fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const op = (new Headers(init?.headers).get('x-amz-target') ?? '').split('.')[1]!
    sent.push(op)
    if (op === 'InitiateAuth') return json(200, first)
    if (sent.length > 5) return json(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' })
    return json(200, again)
  }
  const options: ClientOptions = { userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW, retry: false }
  return { sent, options, client: createClient(options) }
}

test('a PASSWORD_VERIFIER in answer to the password proof: ResponseError after one proof (authenticate and signIn)', async () => {
  const a = repeating(VERIFIER, VERIFIER)
  await assert.rejects(authenticate(a.client, { username: USER, password: 'Corr3ct-horse-battery!' }), ResponseError)
  assert.deepEqual(a.sent, ['InitiateAuth', 'RespondToAuthChallenge'])
  const b = repeating(VERIFIER, VERIFIER)
  await assert.rejects(signIn({ ...b.options, username: USER, password: 'Corr3ct-horse-battery!' }), ResponseError)
  assert.deepEqual(b.sent, ['InitiateAuth', 'RespondToAuthChallenge'])
})

test('a DEVICE_SRP_AUTH in answer to the device SRP_A: ResponseError after one answer', async () => {
  const deviceSrp = { ChallengeName: 'DEVICE_SRP_AUTH', ChallengeParameters: { USERNAME: USER }, Session: 'AYABeDeviceSession' }
  const a = repeating(VERIFIER, deviceSrp)
  await assert.rejects(authenticate(a.client, { username: USER, password: 'Corr3ct-horse-battery!', device }), ResponseError)
  assert.deepEqual(a.sent, ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge'])
})

test('a WEB_AUTHN in answer to the passkey assertion: ResponseError, the passkey asked once', async () => {
  let asked = 0
  const a = repeating(webauthn, webauthn)
  const assert1 = async () => {
    asked++
    return { id: 'cred-1' }
  }
  await assert.rejects(userAuth(a.client, { username: USER, preferred: 'WEB_AUTHN', webauthn: assert1 }), ResponseError)
  assert.deepEqual(a.sent, ['InitiateAuth', 'RespondToAuthChallenge'])
  assert.equal(asked, 1)
})

test('WEB_AUTHN whose CREDENTIAL_REQUEST_OPTIONS is JSON but not an object: ResponseError, the passkey function never called with it', async () => {
  for (const options of ['null', '42', '"text"', '[]']) {
    let asked = 0
    const a = repeating({ ...webauthn, ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: options } }, webauthn)
    const assert1 = async (o: Record<string, unknown>) => {
      asked++
      return { id: 'cred-1', challenge: o['challenge'] }
    }
    await assert.rejects(userAuth(a.client, { username: USER, preferred: 'WEB_AUTHN', webauthn: assert1 }), ResponseError, options)
    assert.equal(asked, 0, options)
    assert.deepEqual(a.sent, ['InitiateAuth'], options)
  }
})

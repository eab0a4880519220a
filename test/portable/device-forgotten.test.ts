/**
 * A remembered device forgotten elsewhere (from another browser, or by an administrator) must not
 * lock its user out. Cognito refuses the stale DEVICE_KEY at PASSWORD_VERIFIER with
 * ResourceNotFoundException "Device does not exist." before it uses the answer up (the local pool
 * does the same, src/local/srp-exchange.ts); the sign-in sends the same answer once more without
 * the key, as amazon-cognito-identity-js has done since 2016 and the Amplify libraries do, and a
 * device-tracking pool then offers a new device. Portable: the local pool in process.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, authenticate, Cognito, confirmDevice, createClient, forgetDevice, NotAuthorizedException, ResourceNotFoundException, respondToSoftwareTokenMfaChallenge, signIn } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { modPow, N } from '../../src/srp.ts'

const PW = 'Alice-pass-1!'

async function forgottenDevice() {
  const pool = createLocalPool({ shareKeys: true, deviceTracking: true, users: [{ username: 'alice', password: PW }] })
  // every request's operation, answer status and ChallengeResponses, as sent
  const sent: Array<{ op: string; status: number; responses: Record<string, string> | undefined }> = []
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const res = await pool.fetch(url, init)
    sent.push({ op: String(new Headers(init.headers).get('x-amz-target')).split('.')[1]!, status: res.status, responses: JSON.parse(String(init.body)).ChallengeResponses ?? JSON.parse(String(init.body)).AuthParameters })
    return res
  }
  const o = { userPoolId: pool.poolId, clientId: pool.clientId, fetch, retry: false as const }
  const client = createClient(o)
  const first = await signIn({ ...o, username: 'alice', password: PW })
  const device = await confirmDevice(client, first.accessToken, first.newDevice!, { name: 'old laptop' })
  // the device works (device SRP), then is forgotten from somewhere else: the credentials held here are stale
  const other = await authenticate(client, { username: 'alice', password: PW, device })
  assert.ok(other.tokens)
  await forgetDevice(client, other.tokens.accessToken, device.deviceKey)
  return { sent, o, client, device }
}

test('signIn with the key of a device forgotten elsewhere signs in without it, once, and is offered a new device', async () => {
  const { sent, o, device } = await forgottenDevice()
  const before = sent.length
  const tokens = await signIn({ ...o, username: 'alice', password: PW, deviceKey: device.deviceKey })
  assert.ok(tokens.accessToken)
  assert.ok(tokens.newDevice, 'a new device is offered')
  assert.notEqual(tokens.newDevice.deviceKey, device.deviceKey)
  const calls = sent.slice(before)
  // InitiateAuth, the refused PASSWORD_VERIFIER with the old key, the same answer without it
  assert.deepEqual(calls.map((c) => [c.op, c.status]), [['InitiateAuth', 200], ['RespondToAuthChallenge', 400], ['RespondToAuthChallenge', 200]])
  const answers = calls.slice(1).map((c) => c.responses!)
  assert.equal(answers[0]!['DEVICE_KEY'], device.deviceKey)
  assert.equal(answers[1]!['DEVICE_KEY'], undefined)
  assert.equal(answers[1]!['PASSWORD_CLAIM_SIGNATURE'], answers[0]!['PASSWORD_CLAIM_SIGNATURE'], 'the same answer, sent again')
})

test('authenticate with the credentials of a forgotten device: no device SRP is attempted, the sign-in ends with tokens', async () => {
  const { sent, client, device } = await forgottenDevice()
  const before = sent.length
  const step = await authenticate(client, { username: 'alice', password: PW, device })
  assert.ok(step.tokens?.newDevice)
  assert.deepEqual(sent.slice(before).map((c) => c.status), [200, 400, 200])
})

test('the Cognito class holding a forgotten device signs in, and confirms the new one in its place', async () => {
  const { o, device } = await forgottenDevice()
  const alice = new Cognito({ ...o, username: 'alice', ...device })
  await alice.authenticate(PW)
  assert.ok(alice.accessToken)
  const fresh = await alice.confirmDevice({ name: 'same laptop' })
  assert.notEqual(fresh.deviceKey, device.deviceKey)
  assert.equal(alice.deviceCredentials?.deviceKey, fresh.deviceKey)
})

test('only a ResourceNotFoundException about the device is answered again; another one, or one without a DEVICE_KEY sent, is not', async () => {
  // a Cognito stub: PASSWORD_VERIFIER (a well-formed SRP_B = g^b), then the given error for each answer
  const B = modPow(2n, 0x1234567890abcdefn, N).toString(16)
  const stub = (message: string) => {
    const answers: Array<Record<string, string>> = []
    const fetch = async (_u: string, init: RequestInit): Promise<Response> => {
      const body = JSON.parse(String(init.body))
      const headers = { 'x-amzn-requestid': 'req-1', 'content-type': 'application/x-amz-json-1.1' }
      if (body.AuthFlow) return Response.json({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SRP_B: B, SALT: 'a1b2c3d4', SECRET_BLOCK: btoa('secret-block'), USER_ID_FOR_SRP: 'alice', USERNAME: 'alice' } }, { headers })
      answers.push(body.ChallengeResponses)
      return Response.json({ __type: 'ResourceNotFoundException', message }, { status: 400, headers })
    }
    return { answers, o: { userPoolId: 'us-east-1_Stub1', clientId: 'stubclient', fetch, retry: false as const } }
  }
  for (const [message, deviceKey, tries] of [
    ['Device does not exist.', 'us-east-1_dev-1', 2],
    ['User pool client stubclient does not exist.', 'us-east-1_dev-1', 1],
    ['Device does not exist.', undefined, 1],
  ] as const) {
    const { answers, o } = stub(message)
    await assert.rejects(signIn({ ...o, username: 'alice', password: PW, ...(deviceKey ? { deviceKey } : {}) }), ResourceNotFoundException, message)
    assert.equal(answers.length, tries, message)
    assert.equal(answers.at(-1)!['DEVICE_KEY'], tries === 2 ? undefined : deviceKey, 'the second answer has no DEVICE_KEY')
  }
})

test('USER_PASSWORD_AUTH with a forgotten device: InitiateAuth is refused, then sent once more without DEVICE_KEY', async () => {
  const { sent, client, device } = await forgottenDevice()
  const before = sent.length
  const step = await authenticate(client, { username: 'alice', password: PW, device, flow: 'USER_PASSWORD_AUTH' })
  assert.ok(step.tokens?.newDevice)
  assert.deepEqual(sent.slice(before).map((c) => [c.op, c.status, c.responses!['DEVICE_KEY']]), [['InitiateAuth', 400, device.deviceKey], ['InitiateAuth', 200, undefined]])
})

test('the Cognito class drops device credentials Cognito refused: the next sign-in does not try them again', async () => {
  const { sent, o, device } = await forgottenDevice()
  const alice = new Cognito({ ...o, username: 'alice', ...device })
  await alice.authenticate(PW)
  assert.equal(alice.deviceCredentials, undefined, 'the refused device is no longer held')
  // the new device is left unconfirmed: the next sign-in goes without a device, in two requests
  const before = sent.length
  await alice.authenticate(PW)
  assert.deepEqual(sent.slice(before).map((c) => [c.op, c.status, c.responses!['DEVICE_KEY']]), [['InitiateAuth', 200, undefined], ['RespondToAuthChallenge', 200, undefined]])
})

test('the Cognito class drops a refused device even when the sign-in then fails', async () => {
  const { o, device } = await forgottenDevice()
  const alice = new Cognito({ ...o, username: 'alice', ...device })
  await assert.rejects(alice.authenticate('Wr0ng-pass-1!'), NotAuthorizedException)
  assert.equal(alice.deviceCredentials, undefined)
})

test('a device confirmed while a sign-in with an older, refused device was on its way is kept', async () => {
  const { o, client, device } = await forgottenDevice()
  // a second, live device for alice, confirmed with its own sign-in
  const other = await signIn({ ...o, username: 'alice', password: PW })
  const live = await confirmDevice(client, other.accessToken, other.newDevice!, { name: 'new laptop' })
  // a subclass whose InitiateAuth answer is held until the live device has been confirmed
  class Held extends Cognito {
    swap: (() => void) | undefined
    protected override async initiateAuth(input: Record<string, unknown>, call = {}): Promise<Record<string, unknown>> {
      const r = await super.initiateAuth(input, call)
      this.swap?.()
      return r
    }
    hold(creds: typeof live): void { this.deviceConfirmed(creds) }
  }
  const alice = new Held({ ...o, username: 'alice', ...device })
  alice.swap = () => alice.hold(live)
  await alice.authenticate(PW)
  assert.equal(alice.deviceCredentials?.deviceKey, live.deviceKey, 'the device confirmed meanwhile stays')
})

test('the functions call `onDeviceGone` when Cognito refuses the device, even when the sign-in then fails; a device that works is not reported', async () => {
  const { o, client, device } = await forgottenDevice()
  let told = 0
  const gone = (...args: unknown[]): void => {
    assert.deepEqual(args, [])
    told++
  }
  await signIn({ ...o, username: 'alice', password: PW, deviceKey: device.deviceKey, onDeviceGone: gone })
  assert.equal(told, 1, 'signIn')
  await authenticate(client, { username: 'alice', password: PW, device, onDeviceGone: gone })
  assert.equal(told, 2, 'authenticate (SRP)')
  await authenticate(client, { username: 'alice', password: PW, deviceOf: () => device, onDeviceGone: gone })
  assert.equal(told, 3, 'authenticate with deviceOf')
  await assert.rejects(authenticate(client, { username: 'alice', password: 'Wr0ng-pass-1!', device, flow: 'USER_PASSWORD_AUTH', onDeviceGone: gone }), NotAuthorizedException)
  assert.equal(told, 4, 'USER_PASSWORD_AUTH, refused password')
  // the new device offered in its place works: nothing to report
  const fresh = await signIn({ ...o, username: 'alice', password: PW })
  const live = await confirmDevice(client, fresh.accessToken, fresh.newDevice!, { name: 'same laptop' })
  assert.ok((await authenticate(client, { username: 'alice', password: PW, device: live, onDeviceGone: gone })).tokens)
  assert.equal(told, 4)
})

test('an `onDeviceGone` that is not a function is an ArgumentError before any request', async () => {
  const { sent, o, client, device } = await forgottenDevice()
  const before = sent.length
  await assert.rejects(signIn({ ...o, username: 'alice', password: PW, deviceKey: device.deviceKey, onDeviceGone: 'yes' as never }), ArgumentError)
  await assert.rejects(authenticate(client, { username: 'alice', password: PW, device, onDeviceGone: {} as never }), ArgumentError)
  const challenge = { name: 'SOFTWARE_TOKEN_MFA', parameters: {}, session: 's'.repeat(20), username: 'alice', availableChallenges: undefined }
  await assert.rejects(respondToSoftwareTokenMfaChallenge(client, challenge, '123456', { device, onDeviceGone: 1 as never }), (e) => e instanceof ArgumentError && /"onDeviceGone"/.test(e.message))
  assert.equal(sent.length, before)
})

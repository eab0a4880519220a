/**
 * Answering challenges at the local pool (src/local/challenges.ts) at the edges a mutation round
 * found unguarded: SECRET_HASH on the answer itself, a DEVICE_SRP_AUTH that sends a Session not
 * its own, and how long a sign-in waits for its device step. Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { calculateA, createDeviceVerifier, generatePrivateValue } from '../../src/srp.ts'
import { PW, call, errorOf, manualClock, ok, srpLogin, srpStart } from '../support/local.ts'

const SECRET = 'a-client-secret-of-thirty-two-chars-x'

test('a client with a secret needs SECRET_HASH on the challenge answer too, not only on InitiateAuth', async () => {
  const pool = createLocalPool({ shareKeys: true, clients: [{ clientSecret: SECRET }], users: [{ username: 'alice', password: PW }] })
  const s = await srpStart(pool, 'alice', { secret: SECRET })
  assert.equal(s.init.status, 200)
  const answer = (await s.answer(PW)) as { ChallengeResponses: Record<string, string> }
  delete answer.ChallengeResponses['SECRET_HASH']
  const e = await errorOf(pool, 'RespondToAuthChallenge', answer)
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', `Client ${pool.clientId} is configured for secret but secret was not received`])
  // the refusal did not use the SECRET_BLOCK up: the full answer still signs in
  assert.equal((await call(pool, 'RespondToAuthChallenge', await s.answer(PW))).status, 200)
})

/** Sign alice in and confirm the new device the sign-in made; its key. */
async function confirmedDevice(pool: LocalPool): Promise<string> {
  const meta = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const { DeviceKey, DeviceGroupKey } = meta.NewDeviceMetadata
  const v = await createDeviceVerifier(DeviceGroupKey, DeviceKey)
  await ok(pool, 'ConfirmDevice', { AccessToken: meta.AccessToken, DeviceKey, DeviceSecretVerifierConfig: { PasswordVerifier: v.passwordVerifier, Salt: v.salt } })
  return DeviceKey
}

/** A pool on a manual clock where alice has confirmed devices; a new sign-in with the first now waits for DEVICE_SRP_AUTH. */
async function waitingDevice(devices = 1) {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, deviceTracking: true, users: [{ username: 'alice', password: PW }] })
  const keys: string[] = []
  for (let i = 0; i < devices; i++) keys.push(await confirmedDevice(pool))
  const step = await srpLogin(pool, 'alice', PW, { deviceKey: keys[0]! })
  assert.equal(step.body.ChallengeName, 'DEVICE_SRP_AUTH')
  const answer = (session?: string, deviceKey = keys[0]!) =>
    call(pool, 'RespondToAuthChallenge', {
      ChallengeName: 'DEVICE_SRP_AUTH',
      ClientId: pool.clientId,
      ...(session === undefined ? {} : { Session: session }),
      ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: deviceKey, SRP_A: calculateA(generatePrivateValue()).toString(16) },
    })
  return { clock, keys, session: step.body.Session as string, answer }
}

test('DEVICE_SRP_AUTH with a Session that is no sign-in\'s is refused, though a sign-in waits for that device', async () => {
  const { answer } = await waitingDevice()
  const r = await answer('AYABeNotARealSessionOfThisPool0123456789')
  assert.deepEqual([r.body.__type, r.body.message], ['NotAuthorizedException', 'Invalid session for the user.'])
  assert.equal((await answer()).body.ChallengeName, 'DEVICE_PASSWORD_VERIFIER', 'the waiting sign-in is still there')
})

test('a sign-in waits for its Session-less DEVICE_SRP_AUTH as long as its Session lives (3 minutes), no longer', async () => {
  const inTime = await waitingDevice()
  inTime.clock.advance(180_000)
  assert.equal((await inTime.answer()).body.ChallengeName, 'DEVICE_PASSWORD_VERIFIER', 'at exactly 3 minutes')
  const late = await waitingDevice()
  late.clock.advance(180_001)
  const r = await late.answer()
  assert.deepEqual([r.body.__type, r.body.message], ['NotAuthorizedException', 'Invalid session for the user.'])
})

test("an answer whose USERNAME names another user than the Session's sign-in is refused", async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, status: 'FORCE_CHANGE_PASSWORD' }, { username: 'bob', password: PW }] })
  const step = await srpLogin(pool, 'alice', PW)
  assert.equal(step.body.ChallengeName, 'NEW_PASSWORD_REQUIRED')
  const answer = (USERNAME: string) => ({ ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: pool.clientId, Session: step.body.Session, ChallengeResponses: { USERNAME, NEW_PASSWORD: 'N3w-password!' } })
  const e = await errorOf(pool, 'RespondToAuthChallenge', answer('bob'))
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', 'Incorrect username or password.'])
  assert.ok((await ok(pool, 'RespondToAuthChallenge', answer('alice'))).AuthenticationResult.AccessToken)
})

test("DEVICE_SRP_AUTH must name the device the sign-in started with, not another of the user's confirmed devices", async () => {
  const { keys, session, answer } = await waitingDevice(2)
  const r = await answer(session, keys[1])
  assert.deepEqual([r.body.__type, r.body.message], ['NotAuthorizedException', 'Cannot initiate DEVICE_SRP_AUTH flow without first authenticating'])
  assert.equal((await answer(session)).body.ChallengeName, 'DEVICE_PASSWORD_VERIFIER')
})

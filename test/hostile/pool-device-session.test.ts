/**
 * Remembered-device sign-in as pycognito (and AWS's own published device-authentication example)
 * does it: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER answered without a Session. The pool
 * accepts that when the client, the user and the DEVICE_KEY match a flow waiting for that step,
 * and still refuses a wrong key, another client, or a Session that belongs to another sign-in.
 * Portable: the pool's fetch handler and web globals only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { calculateA, createDeviceVerifier, generatePrivateValue, passwordVerifier } from '../../src/srp.ts'
import { PW, call, ok, srpLogin } from '../support/local.ts'

const SECOND_CLIENT = 'secondclient00000000000000'

/** A pool where alice has one confirmed, remembered device; returns its keys and secret. */
async function rememberedDevice(): Promise<{ pool: LocalPool; DeviceKey: string; DeviceGroupKey: string; devicePassword: string }> {
  const pool = createLocalPool({ shareKeys: true, deviceTracking: true, users: [{ username: 'alice', password: PW }], clients: [{}, { clientId: SECOND_CLIENT }] })
  const first = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const { DeviceKey, DeviceGroupKey } = first.NewDeviceMetadata
  const dev = await createDeviceVerifier(DeviceGroupKey, DeviceKey)
  await ok(pool, 'ConfirmDevice', { AccessToken: first.AccessToken, DeviceKey, DeviceSecretVerifierConfig: { PasswordVerifier: dev.passwordVerifier, Salt: dev.salt } })
  return { pool, DeviceKey, DeviceGroupKey, devicePassword: dev.devicePassword }
}

/** DEVICE_SRP_AUTH, with `session` (or none), from `clientId`. */
function deviceSrp(pool: LocalPool, deviceKey: string, A: bigint, o: { session?: string; clientId?: string } = {}) {
  return call(pool, 'RespondToAuthChallenge', {
    ChallengeName: 'DEVICE_SRP_AUTH',
    ClientId: o.clientId ?? pool.clientId,
    ...(o.session !== undefined ? { Session: o.session } : {}),
    ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: deviceKey, SRP_A: A.toString(16) },
  })
}

test('DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER without a Session complete a remembered-device sign-in', async () => {
  const { pool, DeviceKey, DeviceGroupKey, devicePassword } = await rememberedDevice()
  const pv = await srpLogin(pool, 'alice', PW, { deviceKey: DeviceKey })
  assert.equal(pv.body.ChallengeName, 'DEVICE_SRP_AUTH')
  const a = generatePrivateValue()
  const A = calculateA(a)
  const d1 = await deviceSrp(pool, DeviceKey, A)
  assert.equal(d1.status, 200, JSON.stringify(d1.body))
  assert.equal(d1.body.ChallengeName, 'DEVICE_PASSWORD_VERIFIER')
  const cp = d1.body.ChallengeParameters
  const { signature, timestamp } = await passwordVerifier({ a, A, srpB: cp.SRP_B, salt: cp.SALT, secretBlock: cp.SECRET_BLOCK, prefix: DeviceGroupKey, id: DeviceKey, secret: devicePassword, date: new Date(pool.now()) })
  const done = await call(pool, 'RespondToAuthChallenge', {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    ClientId: pool.clientId,
    ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, PASSWORD_CLAIM_SECRET_BLOCK: cp.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp },
  })
  assert.equal(done.status, 200, JSON.stringify(done.body))
  assert.ok(done.body.AuthenticationResult.AccessToken)
})

test('without a Session, a wrong DEVICE_KEY, another client, or no waiting flow is still refused', async () => {
  const { pool, DeviceKey } = await rememberedDevice()
  const A = calculateA(generatePrivateValue())
  // nothing is waiting for DEVICE_SRP_AUTH yet
  assert.equal((await deviceSrp(pool, DeviceKey, A)).body.message, 'Invalid session for the user.')
  await srpLogin(pool, 'alice', PW, { deviceKey: DeviceKey })
  for (const [key, clientId] of [['us-east-1_00000000-0000-4000-8000-000000000000', pool.clientId], [DeviceKey, SECOND_CLIENT]] as const) {
    const r = await deviceSrp(pool, key, A, { clientId })
    assert.equal(r.body.__type, 'NotAuthorizedException', `${key} from ${clientId}`)
  }
  // the right key still works (the refusals did not use the waiting step up)
  assert.equal((await deviceSrp(pool, DeviceKey, A)).body.ChallengeName, 'DEVICE_PASSWORD_VERIFIER')
})

test('DEVICE_PASSWORD_VERIFIER with a Session of another sign-in is refused', async () => {
  const { pool, DeviceKey, DeviceGroupKey, devicePassword } = await rememberedDevice()
  // two sign-ins of the same device wait for their device step
  const mine = await srpLogin(pool, 'alice', PW, { deviceKey: DeviceKey })
  const other = await srpLogin(pool, 'alice', PW, { deviceKey: DeviceKey })
  const a = generatePrivateValue()
  const A = calculateA(a)
  const d1 = await deviceSrp(pool, DeviceKey, A, { session: mine.body.Session })
  const cp = d1.body.ChallengeParameters
  const { signature, timestamp } = await passwordVerifier({ a, A, srpB: cp.SRP_B, salt: cp.SALT, secretBlock: cp.SECRET_BLOCK, prefix: DeviceGroupKey, id: DeviceKey, secret: devicePassword, date: new Date(pool.now()) })
  const answer = (session: string) =>
    call(pool, 'RespondToAuthChallenge', {
      ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
      ClientId: pool.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, PASSWORD_CLAIM_SECRET_BLOCK: cp.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp },
    })
  const wrong = await answer(other.body.Session)
  assert.deepEqual([wrong.body.__type, wrong.body.message], ['NotAuthorizedException', 'Invalid session for the user.'])
  // refused before the SECRET_BLOCK was used: the flow's own Session still completes it
  assert.equal((await answer(d1.body.Session)).status, 200)
})

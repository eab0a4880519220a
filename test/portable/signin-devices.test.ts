import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito, DeviceChallengeError, NotAuthenticatedError } from '../../src/index.ts'
import { checkSrp, seededRng, userFor } from '../support/signin.ts'
import { replay } from '../support/replay.ts'
import { makeVerifier } from '../support/srp-server.ts'
import { CLIENT, DEVICE_GROUP, DEVICE_KEY, DEVICE_PASSWORD, NOW, PASSWORD, POOL, token, TYPED } from '../support/signin-data.ts'
import confirm from '../../fixtures/signin-device-confirm.json' with { type: 'json' }
import deviceSrp from '../../fixtures/signin-device-srp.json' with { type: 'json' }
import ops from '../../fixtures/signin-device-ops.json' with { type: 'json' }
import webauthn from '../../fixtures/signin-webauthn-registration.json' with { type: 'json' }

const b64ToHex = (b64: string): string => Array.from(atob(b64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')

test('NewDeviceMetadata → confirmDevice: the verifier matches an independent g^x of the returned device password', async () => {
  const { user, done, seen } = userFor(confirm)
  const r = await user.authenticate(PASSWORD)
  checkSrp(confirm, seen)
  assert.deepEqual(r.newDevice, { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP })
  assert.deepEqual(user.newDevice, r.newDevice)
  const creds = await user.confirmDevice({ name: 'Test laptop', remember: true })
  done()
  assert.equal(creds.deviceKey, DEVICE_KEY)
  assert.equal(creds.deviceGroupKey, DEVICE_GROUP)
  assert.equal(creds.userConfirmationNecessary, true)
  assert.equal(atob(creds.devicePassword).length, 40)
  assert.deepEqual(user.deviceCredentials, { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: creds.devicePassword })
  assert.equal(user.newDevice, undefined)
  const cfg = (seen[2]!.body as { DeviceSecretVerifierConfig: { PasswordVerifier: string; Salt: string } }).DeviceSecretVerifierConfig
  const { v } = makeVerifier(DEVICE_GROUP, DEVICE_KEY, creds.devicePassword, BigInt('0x' + b64ToHex(cfg.Salt)))
  assert.equal(BigInt('0x' + b64ToHex(cfg.PasswordVerifier)), v)
  // the device password is a secret: never serialised or inspected
  assert.ok(!JSON.stringify(user).includes(creds.devicePassword))
  assert.ok(!String(user).includes(creds.devicePassword))
  await assert.rejects(user.confirmDevice(), NotAuthenticatedError, 'nothing left to confirm')
})

test('device login: DEVICE_SRP_AUTH with a fresh SRP_A, DEVICE_PASSWORD_VERIFIER verified independently, Sessions forwarded', async () => {
  const { user, done, seen } = userFor(deviceSrp, { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: DEVICE_PASSWORD })
  await user.authenticate(PASSWORD)
  done()
  const [userA, deviceA] = checkSrp(deviceSrp, seen)
  assert.ok(userA && deviceA)
  assert.notEqual(userA, deviceA, 'the device step uses a fresh private value')
  assert.ok(user.accessToken)
})

test('DEVICE_SRP_AUTH without device credentials is a typed DeviceChallengeError', async () => {
  // the same exchange for a client that sent no DEVICE_KEY
  const fixture = JSON.parse(JSON.stringify({ ...deviceSrp, interactions: deviceSrp.interactions.slice(0, 2) }))
  delete fixture.interactions[0].request.body.AuthParameters.DEVICE_KEY
  delete fixture.interactions[1].request.body.ChallengeResponses.DEVICE_KEY
  const { user, done } = userFor(fixture)
  await assert.rejects(user.authenticate(PASSWORD), DeviceChallengeError)
  done()
})

test('device options must come together', () => {
  const base = { userPoolId: POOL, clientId: CLIENT }
  assert.throws(() => new Cognito({ ...base, deviceKey: DEVICE_KEY }), ArgumentError)
  assert.throws(() => new Cognito({ ...base, deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: '' }), ArgumentError)
})

test('listDevices, getDevice, rememberDevice(false), forgetDevice', async () => {
  const { user, done } = userFor(ops, { accessToken: token('access'), deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: DEVICE_PASSWORD })
  const list = await user.listDevices({ limit: 10 })
  assert.equal(list.Devices?.[0]?.['DeviceKey'], DEVICE_KEY)
  const d = await user.getDevice()
  assert.equal(d['DeviceKey'], DEVICE_KEY)
  await assert.rejects(user.rememberDevice('yes' as never), ArgumentError)
  await user.rememberDevice(false)
  await user.forgetDevice()
  done()
  assert.equal(user.deviceCredentials, undefined, 'forgetting this device drops its credentials')
  await assert.rejects(user.getDevice(), ArgumentError, 'no device key any more')
})

test('WebAuthn registration operations', async () => {
  const { user, done } = userFor(webauthn, { accessToken: token('access') })
  const opts = await user.startWebAuthnRegistration()
  assert.equal((opts['rp'] as { id: string }).id, 'example.com')
  await assert.rejects(user.completeWebAuthnRegistration(null as never), ArgumentError)
  await user.completeWebAuthnRegistration({ id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'o2M' } })
  const list = await user.listWebAuthnCredentials({ maxResults: 5 })
  assert.equal(list.Credentials?.[0]?.['CredentialId'], 'cred-1')
  await user.deleteWebAuthnCredential('cred-1')
  done()
})

test('token-authorised operations need a sign-in', async () => {
  const { user, seen } = userFor({ source: 'none', interactions: [] })
  await assert.rejects(user.listDevices(), NotAuthenticatedError)
  await assert.rejects(user.startWebAuthnRegistration(), NotAuthenticatedError)
  await assert.rejects(user.logout(), NotAuthenticatedError)
  assert.equal(seen.length, 0)
})

test('every InitiateAuth and RespondToAuthChallenge goes through the overridable hooks (AdminCognito contract)', async () => {
  const calls: string[] = []
  class Hooked extends Cognito {
    protected override initiateAuth(input: Record<string, unknown>, call?: object): Promise<Record<string, unknown>> {
      calls.push(`initiate:${String(input['AuthFlow'])}`)
      return super.initiateAuth(input, call)
    }
    protected override respondToAuthChallenge(input: Record<string, unknown>, call?: object): Promise<Record<string, unknown>> {
      calls.push(`respond:${String(input['ChallengeName'])}`)
      return super.respondToAuthChallenge(input, call)
    }
  }
  const r = replay(deviceSrp as never)
  const user = new Hooked({ userPoolId: POOL, clientId: CLIENT, username: TYPED, fetch: r.fetch, now: () => NOW, rng: seededRng(), deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: DEVICE_PASSWORD })
  await user.authenticate(PASSWORD)
  r.done()
  assert.deepEqual(calls, ['initiate:USER_SRP_AUTH', 'respond:PASSWORD_VERIFIER', 'respond:DEVICE_SRP_AUTH', 'respond:DEVICE_PASSWORD_VERIFIER'])
})

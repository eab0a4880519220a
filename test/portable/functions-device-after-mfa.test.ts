/**
 * A confirmed device that is not remembered does not skip MFA: Cognito asks for the code, then
 * for the device's own proof (DEVICE_SRP_AUTH). Against the local pool, the answer to the MFA
 * challenge finds the device through `deviceOf` (keyed by Cognito's username), as the sign-in
 * start does, and answers the device SRP by itself.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, confirmDevice, createClient, respondToSoftwareTokenMfaChallenge, type DeviceCredentials } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PASSWORD = 'Device-mfa-p4ss!'

test('deviceOf on the MFA answer: the DEVICE_SRP_AUTH that follows is answered with the device it finds', async () => {
  const pool = createLocalPool({ deviceTracking: { deviceOnlyRememberedOnUserPrompt: true }, users: [{ username: 'dora', password: PASSWORD }] })
  await pool.ready
  pool.setMfa('dora', { totp: true, preferred: 'SOFTWARE_TOKEN_MFA' })
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch })
  // first sign-in: MFA, then a new device, confirmed but not remembered
  const first = await authenticate(client, { username: 'dora', password: PASSWORD })
  const mfa1 = await respondToSoftwareTokenMfaChallenge(client, first.challenge!, await pool.totpCode('dora'))
  assert.ok(mfa1.tokens?.newDevice, 'a new device')
  const device = await confirmDevice(client, mfa1.tokens.accessToken, mfa1.tokens.newDevice, { name: 'laptop' })
  assert.equal(device.userConfirmationNecessary, true)
  const store = new Map<string, DeviceCredentials>([[pool.user('dora')!.username, device]])
  const deviceOf = (name: string) => store.get(name)

  const second = await authenticate(client, { username: 'dora', password: PASSWORD, deviceOf })
  assert.equal(second.challenge?.name, 'SOFTWARE_TOKEN_MFA', 'a device not remembered does not skip MFA')
  // the next TOTP window's code: the first one is used up
  const done = await respondToSoftwareTokenMfaChallenge(client, second.challenge!, await pool.totpCode('dora', pool.now() + 30_000), { deviceOf })
  assert.ok(done.tokens, `tokens, not ${done.challenge?.name}`)
  assert.equal(done.tokens.newDevice, undefined, 'the known device signed in, no new one')
  const sent = pool.calls.filter((c) => c.operation === 'RespondToAuthChallenge').length
  assert.equal(sent, 6, 'PASSWORD_VERIFIER and MFA in each sign-in, then DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER')
})

/**
 * A remembered device's DeviceLastAuthenticatedDate at the local pool: set when the device is
 * first seen, and moved by every later sign-in that authenticates it (DEVICE_SRP_AUTH), as
 * Cognito's DeviceType documents ("The date when the user last signed in with the device").
 * GetDevice and AdminGetDevice show it; nothing else moves it.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createAdminClient } from '../../src/admin.ts'
import { Cognito } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

test('a sign-in with a remembered device moves its DeviceLastAuthenticatedDate; reading the device does not', async () => {
  let t = Date.UTC(2026, 11, 7, 9)
  const pool = createLocalPool({ clock: () => t, deviceTracking: true, users: [{ username: 'alice', password: 'Alice-pass-1!' }] })
  const alice = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch, retry: false })
  await alice.authenticate('Alice-pass-1!')
  const { deviceKey } = await alice.confirmDevice({ name: 'laptop', remember: true })
  const first = t / 1000
  const lastAuth = async (): Promise<number> => Number((await alice.getDevice(deviceKey))['DeviceLastAuthenticatedDate'])
  assert.equal(await lastAuth(), first, 'set when the device was first seen')

  t += 90_000
  assert.equal(await lastAuth(), first, 'reading the device does not move it')
  await alice.authenticate('Alice-pass-1!')
  assert.deepEqual(pool.calls.slice(-3).map((c) => c.operation), ['RespondToAuthChallenge', 'RespondToAuthChallenge', 'RespondToAuthChallenge'], 'the sign-in answered DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER')
  assert.equal(await lastAuth(), first + 90, 'the device sign-in moved it')

  const admin = createAdminClient({ userPoolId: pool.poolId, credentials: pool.credentials, fetch: pool.fetch, now: () => t })
  const viaAdmin = await admin.send('AdminGetDevice', { UserPoolId: pool.poolId, Username: 'alice', DeviceKey: deviceKey })
  assert.equal(Number(viaAdmin.Device.DeviceLastAuthenticatedDate), first + 90, 'AdminGetDevice shows the same date')
})

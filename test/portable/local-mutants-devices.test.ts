/**
 * The local pool's devices (src/local/devices.ts) at the edges a mutation round found unguarded:
 * the DeviceType dates GetDevice shows, and what ConfirmDevice refuses (a device key the access
 * token was not issued for, a verifier config with an empty or non-base64 member). Over the wire
 * only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { createDeviceVerifier } from '../../src/srp.ts'
import { PW, errorOf, manualClock, ok, srpLogin } from '../support/local.ts'

/** A sign-in on a device-tracking pool: its access token and the new device it was offered. */
async function signIn(pool: LocalPool): Promise<{ token: string; DeviceKey: string; DeviceGroupKey: string }> {
  const r = await srpLogin(pool, 'alice', PW)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return { token: r.body.AuthenticationResult.AccessToken, ...r.body.AuthenticationResult.NewDeviceMetadata }
}

const trackingPool = (clock = manualClock()) => createLocalPool({ shareKeys: true, clock: clock.now, deviceTracking: true, users: [{ username: 'alice', password: PW }] })

async function verifierConfig(d: { DeviceKey: string; DeviceGroupKey: string }): Promise<{ PasswordVerifier: string; Salt: string }> {
  const v = await createDeviceVerifier(d.DeviceGroupKey, d.DeviceKey)
  return { PasswordVerifier: v.passwordVerifier, Salt: v.salt }
}

test('DeviceType dates are epoch seconds: created when the sign-in offered the device, last modified by ConfirmDevice and UpdateDeviceStatus', async () => {
  // DeviceType's DeviceCreateDate and DeviceLastModifiedDate are DateType (service model), which
  // the awsJson1_1 protocol sends as seconds since the epoch
  const clock = manualClock(Date.UTC(2026, 11, 7, 10, 0, 0))
  const pool = trackingPool(clock)
  const created = clock.now() / 1000
  const d = await signIn(pool)
  clock.advance(60_000)
  await ok(pool, 'ConfirmDevice', { AccessToken: d.token, DeviceKey: d.DeviceKey, DeviceName: 'laptop', DeviceSecretVerifierConfig: await verifierConfig(d) })
  const dates = async () => {
    const { Device } = await ok(pool, 'GetDevice', { AccessToken: d.token, DeviceKey: d.DeviceKey })
    return [Device.DeviceCreateDate, Device.DeviceLastModifiedDate]
  }
  assert.deepEqual(await dates(), [created, created + 60], 'confirmed a minute after it was created')
  clock.advance(30_000)
  await ok(pool, 'UpdateDeviceStatus', { AccessToken: d.token, DeviceKey: d.DeviceKey, DeviceRememberedStatus: 'not_remembered' })
  assert.deepEqual(await dates(), [created, created + 90], 'the status change moved only the modification date')
})

test('ConfirmDevice confirms only the device its access token was issued with: another device of the same user, or an unknown key, is ResourceNotFoundException', async () => {
  // The access token of a sign-in that offered NewDeviceMetadata carries that device's key as
  // its device_key claim. A token from one sign-in must not set the verifier of the device
  // another sign-in was offered: that would let one session replace another device's secret.
  const pool = trackingPool()
  const first = await signIn(pool)
  const second = await signIn(pool)
  assert.notEqual(first.DeviceKey, second.DeviceKey)
  const confirm = async (token: string, DeviceKey: string, d = first) => ({ AccessToken: token, DeviceKey, DeviceSecretVerifierConfig: await verifierConfig(d) })
  const other = await errorOf(pool, 'ConfirmDevice', await confirm(second.token, first.DeviceKey))
  assert.deepEqual([other.type, other.message], ['ResourceNotFoundException', 'Device does not exist.'])
  const unknown = await errorOf(pool, 'ConfirmDevice', await confirm(first.token, 'us-east-1_00000000-0000-4000-8000-000000000000'))
  assert.deepEqual([unknown.type, unknown.message], ['ResourceNotFoundException', 'Device does not exist.'])
  assert.deepEqual((await ok(pool, 'ListDevices', { AccessToken: first.token })).Devices, [], 'nothing was confirmed')
  await ok(pool, 'ConfirmDevice', await confirm(first.token, first.DeviceKey))
  assert.deepEqual((await ok(pool, 'ListDevices', { AccessToken: first.token })).Devices.map((x: { DeviceKey: string }) => x.DeviceKey), [first.DeviceKey])
})

test('ConfirmDevice refuses a DeviceSecretVerifierConfig with an empty or non-base64 Salt or PasswordVerifier (InvalidParameterException), and confirms nothing', async () => {
  // DeviceSecretVerifierConfigType: PasswordVerifier and Salt, the base64 bytes of the SRP
  // verifier and its salt; an empty value is no verifier at all
  const pool = trackingPool()
  const d = await signIn(pool)
  const good = await verifierConfig(d)
  const bad = [
    { ...good, Salt: '' },
    { ...good, PasswordVerifier: '' },
    { PasswordVerifier: good.PasswordVerifier },
    { ...good, Salt: 'not base64!' },
    { ...good, PasswordVerifier: '%%%%' },
  ]
  for (const cfg of bad) {
    const e = await errorOf(pool, 'ConfirmDevice', { AccessToken: d.token, DeviceKey: d.DeviceKey, DeviceSecretVerifierConfig: cfg })
    assert.equal(e.type, 'InvalidParameterException', JSON.stringify(cfg))
  }
  assert.deepEqual((await ok(pool, 'ListDevices', { AccessToken: d.token })).Devices, [], 'nothing was confirmed')
  await ok(pool, 'ConfirmDevice', { AccessToken: d.token, DeviceKey: d.DeviceKey, DeviceSecretVerifierConfig: good })
})

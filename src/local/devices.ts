/**
 * Devices of the local pool (device tracking): the device a sign-in is tied to or creates,
 * ConfirmDevice storing the device's SRP verifier, and the device operations with their Admin
 * twins (Get, List, Forget, UpdateDeviceStatus).
 * @module
 */
import { bytesToBig, fromBase64 } from '../lib/bytes.ts'
import type { Verifier } from './crypto.ts'
import { adminUser, checkPool, created, findUser, page, sval, uuid, type Device, type Flow, type In, type Operations, type PoolState, type User } from './state.ts'
import { authAccess } from './tokens.ts'
import { fail } from './wire.ts'

/**
 * The device a completed sign-in is tied to: the one that proved itself (DEVICE_SRP_AUTH), a
 * known confirmed one, or, with device tracking, a new one offered as NewDeviceMetadata.
 */
export function deviceForSignIn(s: PoolState, flow: Flow): { deviceKey: string | undefined; newDevice: { DeviceKey: string; DeviceGroupKey: string } | undefined } {
  const u = flow.user
  const t = s.now()
  let deviceKey = flow.deviceDone ? flow.deviceKey : undefined
  let newDevice: { DeviceKey: string; DeviceGroupKey: string } | undefined
  if (s.tracking && !deviceKey) {
    const known = flow.deviceKey ? u.devices.get(flow.deviceKey) : undefined
    if (known && known.verifier) deviceKey = known.key
    else {
      const d: Device = { key: `${s.region}_${uuid()}`, groupKey: u.deviceGroupKey, name: undefined, verifier: undefined, remembered: undefined, created: t, modified: t, lastAuth: t }
      u.devices.set(d.key, created(s, d))
      deviceKey = d.key
      newDevice = { DeviceKey: d.key, DeviceGroupKey: d.groupKey }
    }
  }
  if (deviceKey) {
    const d = u.devices.get(deviceKey)
    if (d) d.lastAuth = t
  }
  return { deviceKey, newDevice }
}

/** Cognito's DeviceType. */
const deviceType = (d: Device): Record<string, unknown> => ({
  DeviceKey: d.key,
  DeviceAttributes: [
    { Name: 'device_status', Value: 'valid' },
    ...(d.name ? [{ Name: 'device_name', Value: d.name }] : []),
    ...(d.remembered !== undefined ? [{ Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' }] : []),
  ],
  DeviceCreateDate: d.created / 1000,
  DeviceLastModifiedDate: d.modified / 1000,
  DeviceLastAuthenticatedDate: d.lastAuth / 1000,
})

/**
 * A sign-in's DEVICE_KEY that the user no longer has (the device was forgotten elsewhere): refused
 * with ResourceNotFoundException before the request is acted on (the password tried, the SRP
 * SECRET_BLOCK used up), so clients send it again without the key, as amazon-cognito-identity-js
 * and Amplify do.
 */
export function refuseForgottenDevice(u: User, deviceKey: string | undefined): void {
  if (deviceKey && !u.devices.has(deviceKey)) fail('ResourceNotFoundException', 'Device does not exist.')
}

// ---- bodies shared by a user-side operation and its Admin twin (only how the user is found differs)

function deviceOf(u: User, input: In): Device {
  const d = u.devices.get(String(input['DeviceKey']))
  if (!d) fail('ResourceNotFoundException', 'Device does not exist.')
  return d
}

function updateDeviceStatus(s: PoolState, u: User, input: In): Record<string, never> {
  const d = deviceOf(u, input)
  d.remembered = input['DeviceRememberedStatus'] === 'remembered'
  d.modified = s.now()
  return {}
}

function listDevices(s: PoolState, u: User, input: In): Record<string, unknown> {
  const p = page(s, `ListDevices:${u.username}`, [...u.devices.values()].filter((d) => d.verifier), input)
  return { Devices: p.items.map(deviceType), ...p.more }
}

function forgetDevice(u: User, input: In): Record<string, never> {
  if (!u.devices.delete(String(input['DeviceKey']))) fail('ResourceNotFoundException', 'Device does not exist.')
  return {}
}

/**
 * The user AdminGetDevice and AdminListDevices name. Their models declare no UserNotFoundException
 * (AdminForgetDevice's and AdminUpdateDeviceStatus's do): an unknown user is their
 * ResourceNotFoundException, "the requested resource" that cannot be found.
 */
function deviceOwner(s: PoolState, input: In): User {
  checkPool(s, input['UserPoolId'])
  return findUser(s, String(input['Username'])) ?? fail('ResourceNotFoundException', 'User does not exist.')
}

/** ConfirmDevice and the device operations, user-side (access token) and Admin (SigV4). */
export function deviceOperations(s: PoolState): Operations {
  const caller = async (input: In): Promise<User> => (await authAccess(s, input['AccessToken'])).u
  return {
    async ConfirmDevice(input) {
      const { u, claims } = await authAccess(s, input['AccessToken'])
      const key = String(input['DeviceKey'])
      const d = u.devices.get(key)
      if (!d || claims['device_key'] !== key) fail('ResourceNotFoundException', 'Device does not exist.')
      const cfg = (input['DeviceSecretVerifierConfig'] ?? {}) as { PasswordVerifier?: string; Salt?: string }
      if (!cfg.PasswordVerifier || !cfg.Salt) fail('InvalidParameterException', 'DeviceSecretVerifierConfig requires PasswordVerifier and Salt.')
      let verifier: Verifier
      try {
        verifier = { salt: bytesToBig(fromBase64(cfg.Salt)), v: bytesToBig(fromBase64(cfg.PasswordVerifier)) }
      } catch {
        fail('InvalidParameterException', 'DeviceSecretVerifierConfig is not base64.')
      }
      d.verifier = verifier
      d.name = sval(input['DeviceName']) ?? d.name
      d.modified = s.now()
      const prompt = typeof s.tracking === 'object' && s.tracking.deviceOnlyRememberedOnUserPrompt
      if (!prompt) d.remembered = true
      return { UserConfirmationNecessary: !!prompt }
    },
    UpdateDeviceStatus: async (input) => updateDeviceStatus(s, await caller(input), input),
    GetDevice: async (input) => ({ Device: deviceType(deviceOf(await caller(input), input)) }),
    ListDevices: async (input) => listDevices(s, await caller(input), input),
    ForgetDevice: async (input) => forgetDevice(await caller(input), input),
    AdminUpdateDeviceStatus: (input) => updateDeviceStatus(s, adminUser(s, input), input),
    AdminGetDevice: (input) => ({ Device: deviceType(deviceOf(deviceOwner(s, input), input)) }),
    AdminListDevices: (input) => listDevices(s, deviceOwner(s, input), input),
    AdminForgetDevice: (input) => forgetDevice(adminUser(s, input), input),
  }
}

/**
 * Remembered devices, as functions: confirm the device Cognito issued at sign-in
 * ({@link confirmDevice}, which creates its SRP verifier), mark it remembered
 * ({@link rememberDevice}), list, read and forget devices.
 * @module
 */
import { configOf, requestWithToken, UNSAFE_TO_REPEAT, type CallSignal, type AccessToken, type CognitoClient } from '../client.ts'
import { argError, assertOptStr, assertStr, memberOf, optionsOf, optList } from '../errors.ts'
import { isObj } from '../lib/guards.ts'
import { assertBool, checkRanges } from '../lib/checks.ts'
import { createDeviceVerifier } from '../srp.ts'
import type { DeviceCredentials } from './auth-flow.ts'

/** What {@link confirmDevice} returns: the credentials to persist, and whether Cognito asks the user to choose. */
export interface ConfirmedDevice extends DeviceCredentials {
  /** The pool remembers devices only on the user's say-so: ask, then call {@link rememberDevice}. */
  userConfirmationNecessary: boolean
}

/**
 * Confirm the device Cognito issued at sign-in (`newDevice` of the tokens): creates the SRP
 * verifier and sends ConfirmDevice.
 * @param options.name - default: the browser's user agent (its first 1,024 characters), else `cognito-edge`
 * @returns the device credentials: persist them securely and pass them as `device` to later
 *   sign-ins to skip MFA on this device (DEVICE_SRP_AUTH)
 */
export async function confirmDevice(client: CognitoClient, accessToken: AccessToken, newDevice: { deviceKey: string; deviceGroupKey: string }, options: CallSignal & { name?: string | undefined } = {}): Promise<ConfirmedDevice> {
  if (!newDevice || typeof newDevice !== 'object') throw argError('"newDevice" must be the newDevice of a sign-in')
  assertStr(newDevice.deviceKey, 'newDevice.deviceKey')
  assertStr(newDevice.deviceGroupKey, 'newDevice.deviceGroupKey')
  // an empty user agent (some embedded browsers) is no name either
  const name = optionsOf(options).name ?? ((globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent?.slice(0, 1024) || 'cognito-edge')
  assertStr(name, 'name')
  // Cognito's limit, in characters (code points), checked before the verifier is made
  if ([...name].length > 1024) throw argError('"name" must be at most 1024 characters', 1)
  const v = await createDeviceVerifier(newDevice.deviceGroupKey, newDevice.deviceKey, configOf(client).rng)
  const r = await requestWithToken(client, 'ConfirmDevice', accessToken, { DeviceKey: newDevice.deviceKey, DeviceName: name, DeviceSecretVerifierConfig: { PasswordVerifier: v.passwordVerifier, Salt: v.salt } }, options, UNSAFE_TO_REPEAT)
  return { deviceKey: newDevice.deviceKey, deviceGroupKey: newDevice.deviceGroupKey, devicePassword: v.devicePassword, userConfirmationNecessary: r['UserConfirmationNecessary'] === true }
}

/** Mark a device remembered (`true`, the default) or not remembered (UpdateDeviceStatus). */
export async function rememberDevice(client: CognitoClient, accessToken: AccessToken, deviceKey: string, remember = true, options?: CallSignal): Promise<void> {
  assertBool(remember, 'remember')
  assertStr(deviceKey, 'deviceKey')
  await requestWithToken(client, 'UpdateDeviceStatus', accessToken, { DeviceKey: deviceKey, DeviceRememberedStatus: remember ? 'remembered' : 'not_remembered' }, options)
}

/** Forget a device (ForgetDevice): it can no longer skip MFA. */
export async function forgetDevice(client: CognitoClient, accessToken: AccessToken, deviceKey: string, options?: CallSignal): Promise<void> {
  assertStr(deviceKey, 'deviceKey')
  await requestWithToken(client, 'ForgetDevice', accessToken, { DeviceKey: deviceKey }, options, UNSAFE_TO_REPEAT)
}

/**
 * List the user's devices (ListDevices, one page).
 * @param options.limit - devices per page, 0 to 60
 * @throws {ArgumentError} `limit` is not an integer from 0 to 60
 */
export async function listDevices(client: CognitoClient, accessToken: AccessToken, options: CallSignal & { limit?: number | undefined; paginationToken?: string | undefined } = {}): Promise<{ Devices?: Record<string, unknown>[]; PaginationToken?: string }> {
  options = optionsOf(options)
  checkRanges([['limit', options.limit, 0, 60, '']])
  assertOptStr(options.paginationToken, 'paginationToken')
  const out = await requestWithToken(client, 'ListDevices', accessToken, { Limit: options.limit, PaginationToken: options.paginationToken }, options)
  memberOf(out, 'ListDevices', 'Devices', optList)
  return out
}

/** One device, as GetDevice returns it. @throws {ResponseError} an answer without the required `Device` */
export async function getDevice(client: CognitoClient, accessToken: AccessToken, deviceKey: string, options?: CallSignal): Promise<Record<string, unknown>> {
  assertStr(deviceKey, 'deviceKey')
  return memberOf(await requestWithToken(client, 'GetDevice', accessToken, { DeviceKey: deviceKey }, options), 'GetDevice', 'Device', isObj)
}

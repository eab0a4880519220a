/**
 * A `CognitoUser`'s devices, as functions over the library's device functions: remember or stop
 * remembering this device, read it, list the user's devices, and forget one (this one also
 * from storage). "This device" is the one the user signed in on, else the one stored for the user.
 * @module
 */
import { forgetDevice, getDevice as get, listDevices as list, rememberDevice } from '../functions/devices.ts'
import { ok } from './callbacks.ts'
import { given } from './details.ts'
import { clearDevice, loadDevice } from './storage.ts'
import { accessTokenOf } from './user-session.ts'
import type { CognitoUser } from './user.ts'

/** The key of this device: the user's, else the stored one. */
function deviceKeyOf(u: CognitoUser): string {
  if (!u.deviceKey) loadDevice(u)
  return u.deviceKey!
}

/** Mark this device remembered (MFA is then skipped on it) or not remembered. */
export async function setDeviceStatus(u: CognitoUser, remembered: boolean): Promise<string> {
  return ok(rememberDevice(u.pool.client, accessTokenOf(u), deviceKeyOf(u), remembered))
}

/** This device, as GetDevice answers (`{ Device }`). */
export async function getDevice(u: CognitoUser): Promise<unknown> {
  return { Device: await get(u.pool.client, accessTokenOf(u), deviceKeyOf(u)) }
}

/** Forget a device by key. */
export async function forgetSpecificDevice(u: CognitoUser, deviceKey: string): Promise<string> {
  return ok(forgetDevice(u.pool.client, accessTokenOf(u), deviceKey))
}

/** Forget this device, at Cognito and in storage. */
export async function forgetThisDevice(u: CognitoUser): Promise<string> {
  await forgetSpecificDevice(u, deviceKeyOf(u))
  clearDevice(u)
  return 'SUCCESS'
}

/** One page of the user's devices (`{ Devices, PaginationToken }`); a null `limit` is none, as acij sends it. */
export function listDevices(u: CognitoUser, limit: number | null, paginationToken: string | null): Promise<unknown> {
  return list(u.pool.client, accessTokenOf(u), { limit: given(limit), paginationToken: paginationToken || undefined })
}

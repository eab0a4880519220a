/**
 * Where `cognito-edge/identity-js` keeps a user's state, under amazon-cognito-identity-js's own
 * keys and value formats, so a user signed in by either package is signed in for the other:
 *
 * - `CognitoIdentityServiceProvider.<clientId>.LastAuthUser`: the username of the last sign-in
 * - `….<username>.idToken`, `.accessToken`, `.refreshToken`: the tokens (`''` for no refresh token)
 * - `….<username>.clockDrift`: local clock minus the tokens' issue time, seconds, as a decimal string
 * - `….<username>.userData`: the cached GetUser answer, as JSON
 * - `….<username>.deviceKey`, `.deviceGroupKey`, `.randomPasswordKey`: the remembered device
 *
 * Also the default storage: `window.localStorage` where it works, else one in-memory store that
 * every pool shares (as amazon-cognito-identity-js does).
 * @module
 */
import type { DeviceCredentials } from '../functions/auth-flow.ts'
import type { ICognitoStorage } from './types.ts'
import type { CognitoUser } from './user.ts'

const memory = /* @__PURE__ */ new Map<string, string>()

/** The in-memory store used where `localStorage` is not available (Node, Deno, Workers). */
const memoryStorage: ICognitoStorage = {
  setItem: (k, v) => void memory.set(k, String(v)),
  getItem: (k) => memory.get(k) ?? null,
  removeItem: (k) => void memory.delete(k),
  clear: () => memory.clear(),
}

/** `window.localStorage` when it can be written, else the shared in-memory store. */
export function defaultStorage(): ICognitoStorage {
  try {
    const ls = (globalThis as { window?: { localStorage?: ICognitoStorage } }).window!.localStorage!
    ls.setItem('aws.cognito.test-ls', '1')
    ls.removeItem('aws.cognito.test-ls')
    return ls
  } catch {
    return memoryStorage
  }
}

/** `CognitoIdentityServiceProvider.<clientId>`. */
export const prefixOf = (clientId: string): string => `CognitoIdentityServiceProvider.${clientId}`

/** The key of one of the user's values: `<prefix>.<username>.<name>`. */
export const keyOf = (u: CognitoUser, name: string): string => `${u.keyPrefix}.${u.username}.${name}`

/** The key of the last signed-in username, under a pool's `prefix` (a user's `keyPrefix`). */
export const lastUserKey = (prefix: string): string => `${prefix}.LastAuthUser`

const TOKENS = ['idToken', 'accessToken', 'refreshToken', 'clockDrift'] as const

/** Store the session's tokens and clock drift, and make the user the last signed-in one. */
export function cacheTokens(u: CognitoUser): void {
  const s = u.signInUserSession!
  const values = [s.getIdToken().getJwtToken(), s.getAccessToken().getJwtToken(), s.getRefreshToken().getToken(), `${s.getClockDrift()}`]
  TOKENS.forEach((name, i) => u.storage.setItem(keyOf(u, name), values[i]!))
  u.storage.setItem(lastUserKey(u.keyPrefix), u.username)
}

/** Forget the cached GetUser answer. */
export const clearCachedUserData = (u: CognitoUser): void => u.storage.removeItem(keyOf(u, 'userData'))

/** Forget the tokens, the last signed-in username and the cached user data (the device stays remembered). */
export function clearCachedUser(u: CognitoUser): void {
  for (const name of TOKENS) u.storage.removeItem(keyOf(u, name))
  u.storage.removeItem(lastUserKey(u.keyPrefix))
  clearCachedUserData(u)
}

const DEVICE = ['deviceKey', 'deviceGroupKey', 'randomPasswordKey'] as const

/** Load the remembered device of `u.username` into the user, when one is stored. */
export function loadDevice(u: CognitoUser): void {
  const [key, group, password] = DEVICE.map((name) => u.storage.getItem(keyOf(u, name)))
  if (key) {
    u.deviceKey = key
    u.deviceGroupKey = group
    u.randomPassword = password
  }
}

/** Store a confirmed device as the user's remembered one. */
export function saveDevice(u: CognitoUser, d: DeviceCredentials): void {
  const values = ([u.deviceKey, u.deviceGroupKey, u.randomPassword] = [d.deviceKey, d.deviceGroupKey, d.devicePassword])
  DEVICE.forEach((name, i) => u.storage.setItem(keyOf(u, name), values[i]!))
}

/** Forget the remembered device, in the user and in storage. */
export function clearDevice(u: CognitoUser): void {
  u.deviceKey = u.deviceGroupKey = u.randomPassword = null
  for (const name of DEVICE) u.storage.removeItem(keyOf(u, name))
}

/** The user's device credentials, when all three are known. */
export function deviceOf(u: CognitoUser): DeviceCredentials | undefined {
  const { deviceKey, deviceGroupKey, randomPassword } = u
  return deviceKey && deviceGroupKey && randomPassword ? { deviceKey, deviceGroupKey, devicePassword: randomPassword } : undefined
}

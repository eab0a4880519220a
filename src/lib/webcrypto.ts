/**
 * WebCrypto wrappers. `crypto` is looked up when a function runs, never at import, so polyfills
 * and test doubles installed later are honoured and Workers allow the import; when it (or its
 * `subtle`, or `getRandomValues`) is missing, the call raises a `MissingGlobalError` naming it.
 * Internal: not exported from any entry point.
 * @module
 */
import { need } from '../errors.ts'
import type { Bytes } from './bytes.ts'

/** `crypto.subtle`, or a MissingGlobalError (React Native without a polyfill, an `http:` page). */
export const subtle = (): SubtleCrypto => need('crypto.subtle')

/** SHA-256 digest. */
export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', data as Bytes))
}

/** HMAC-SHA256(key, data). */
export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Bytes> {
  const k = await subtle().importKey('raw', key as Bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return new Uint8Array(await subtle().sign('HMAC', k, data as Bytes))
}

/** `n` cryptographically random bytes, `n` at most 65,536 (one getRandomValues call; the library asks for 600 at most). */
export const randomBytes = (n: number): Bytes => need('crypto.getRandomValues') && crypto.getRandomValues(new Uint8Array(n))

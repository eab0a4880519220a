/**
 * WebCrypto wrappers. `crypto` is looked up when a function runs, never at import, so
 * polyfills and test doubles installed later are honoured and Workers allow the import.
 * Internal: not exported from any entry point.
 * @module
 */
import type { Bytes } from './bytes.ts'

const subtle = (): SubtleCrypto => globalThis.crypto.subtle

/** SHA-256 digest. */
export async function sha256(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await subtle().digest('SHA-256', data as Bytes))
}

/** HMAC-SHA256(key, data). */
export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Bytes> {
  const k = await subtle().importKey('raw', key as Bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return new Uint8Array(await subtle().sign('HMAC', k, data as Bytes))
}

/** `n` cryptographically random bytes. */
export function randomBytes(n: number): Bytes {
  const out = new Uint8Array(n)
  // getRandomValues is limited to 65,536 bytes per call
  for (let i = 0; i < n; i += 65536) globalThis.crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)))
  return out
}

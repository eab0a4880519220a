/**
 * Byte, hex, base64 and UTF-8 helpers on web globals only (`TextEncoder`, `TextDecoder`, `atob`,
 * `btoa`), looked up when used.
 * Internal: not exported from any entry point.
 * @module
 */
import { ArgumentError, argError, need, ResponseError } from '../errors.ts'

/**
 * Bytes backed by a plain `ArrayBuffer`, which is what WebCrypto's `BufferSource` accepts:
 * `Uint8Array<ArrayBuffer>`, spelled as what `slice` returns so that TypeScript before 5.7, whose
 * `Uint8Array` is not generic, reads the declarations too (there it is plain `Uint8Array`).
 */
export type Bytes = ReturnType<Uint8Array['slice']>

/** UTF-8 encode a string. `TextEncoder` is looked up here, not at import (React Native before 0.74 has none). */
export const utf8 = (s: string): Bytes => new (need('TextEncoder'))().encode(s)

/**
 * A fatal UTF-8 decoder: an invalid sequence throws a `TypeError` instead of becoming U+FFFD.
 * `TextDecoder` is looked up here, not at import (React Native's Hermes before 0.85 has none): get
 * the decoder before a `try` that turns decoding errors into something else. Typed by its one
 * method, so the declarations need no `TextDecoder` type (@types/node 20 has none).
 */
export const strictDecoder = (): { decode(input: Uint8Array): string } => new (need('TextDecoder'))('utf-8', { fatal: true })

/** Strict UTF-8 decode: invalid sequences throw a `ResponseError` instead of producing U+FFFD. */
export function utf8Decode(b: Uint8Array, what: string): string {
  const d = strictDecoder()
  try {
    return d.decode(b)
  } catch (cause) {
    throw new ResponseError(`${what} is not valid UTF-8`, { cause })
  }
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) out.set(p, (at += p.length) - p.length)
  return out
}

/**
 * A binary string (one char per byte, as `atob` returns) to bytes. An indexed loop: the
 * iterator-and-callback form (`Uint8Array.from(str, fn)`) is 20–30× slower on V8, which cost a
 * login ~0.5 ms over its SECRET_BLOCK and hex conversions.
 */
function fromBinary(bin: string): Bytes {
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/

/**
 * The runtime's own hex and base64 decoders (`Uint8Array.fromHex` / `fromBase64`: Chromium, Deno,
 * Bun, workerd; not Node 20), used after our own check when present: a first login in a fresh
 * isolate then runs no JavaScript loop over the bytes, which cost ~0.5–1 ms of CPU there before
 * the JIT had compiled it.
 */
const native = Uint8Array as unknown as { fromHex?: (s: string) => Bytes; fromBase64?: (s: string) => Bytes }

/** Hex (even length) to bytes. Throws `ArgumentError` naming `what` on bad input. */
export function hexToBytes(hex: string, what = '"hex"'): Bytes {
  if (typeof hex !== 'string' || !HEX_RE.test(hex)) {
    throw argError(`${what} must be an even-length hex string`, 1)
  }
  if (native.fromHex) return native.fromHex(hex)
  // checked above to be hex digits only: '0'-'9' → c & 15, 'a'-'f' / 'A'-'F' → (c & 15) + 9
  const nib = (i: number): number => {
    const c = hex.charCodeAt(i)
    return (c & 15) + (c > 57 ? 9 : 0)
  }
  const out = new Uint8Array(hex.length >> 1)
  for (let i = 0; i < out.length; i++) out[i] = (nib(2 * i) << 4) | nib(2 * i + 1)
  return out
}

/** Bytes to lowercase hex. */
export const bytesToHex = (b: Uint8Array): string => Array.from(b, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('')

/** Standard base64 (with padding) of bytes. */
export function toBase64(b: Uint8Array): string {
  let s = ''
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000))
  return need<typeof btoa>('btoa')(s)
}

const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Standard base64 to bytes. Throws `ArgumentError` naming `what` when the text is not base64. */
export function fromBase64(s: string, what = '"base64"'): Bytes {
  if (typeof s !== 'string' || !B64_RE.test(s)) {
    throw argError(`${what} must be standard base64`, 1)
  }
  return native.fromBase64 ? native.fromBase64(s) : fromBinary(need<typeof atob>('atob')(s))
}

/** base64url (no padding) of bytes. */
export const toBase64Url = (b: Uint8Array): string =>
  toBase64(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** base64url (padding optional) to bytes; `what` names the input in the error. */
export function fromBase64Url(s: string, what = '"base64url"'): Bytes {
  if (typeof s !== 'string' || !/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) {
    throw new ArgumentError(`${what} must be base64url`, 'ERR_INVALID_ARG_VALUE')
  }
  const std = s.replace(/-/g, '+').replace(/_/g, '/')
  return fromBase64(std + '='.repeat((4 - (std.length % 4)) % 4), what)
}

/** Big-endian unsigned bytes to bigint. */
export const bytesToBig = (b: Uint8Array): bigint => (b.length ? BigInt('0x' + bytesToHex(b)) : 0n)

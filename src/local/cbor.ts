/**
 * The byte formats of WebAuthn that the local pool reads, on WebCrypto only: a CBOR decoder
 * (RFC 8949, the subset authenticators send: integers, byte and text strings, arrays, maps,
 * booleans and null, definite lengths), the authenticator data layout (WebAuthn Level 3 §6.1),
 * COSE public keys (RFC 9052/9053: EC2 P-256 with ES256, RSA with RS256) as WebCrypto keys, and
 * ECDSA signatures, which authenticators send DER-encoded (WebAuthn §6.5.5) while WebCrypto
 * verifies the raw r||s form. Every reader throws {@link FormatError} on bad input, never
 * anything else.
 * @module
 */
import { toBase64Url, type Bytes } from '../lib/bytes.ts'

/** Bytes that are not what the format says they should be. */
export class FormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FormatError'
  }
}

const bad = (what: string): never => {
  throw new FormatError(what)
}

/** A decoded CBOR value: maps keep their keys as numbers or strings (COSE uses negative ints). */
export type Cbor = number | string | boolean | null | Uint8Array | Cbor[] | Map<number | string, Cbor>

/** Nesting authenticators never exceed; deeper input is refused rather than recursed into. */
const MAX_DEPTH = 16

/** Decode one CBOR item from `b` at `at`: the value and the offset after it. */
export function decodeCbor(b: Uint8Array, at = 0, depth = 0): { value: Cbor; end: number } {
  if (depth > MAX_DEPTH) bad('CBOR nested too deep')
  const need = (n: number): void => void (at + n > b.length && bad('CBOR truncated'))
  need(1)
  const first = b[at++]!
  const major = first >> 5
  const info = first & 31
  let arg: number
  if (info < 24) arg = info
  else if (info === 24 || info === 25 || info === 26 || info === 27) {
    const n = 1 << (info - 24)
    need(n)
    arg = 0
    for (let i = 0; i < n; i++) arg = arg * 256 + b[at++]!
    if (!Number.isSafeInteger(arg)) bad('CBOR integer too large')
  } else return bad('CBOR indefinite lengths and reserved values are not accepted')
  switch (major) {
    case 0:
      return { value: arg, end: at }
    case 1:
      return { value: -1 - arg, end: at }
    case 2:
    case 3: {
      need(arg)
      const bytes = b.slice(at, at + arg)
      at += arg
      if (major === 2) return { value: bytes, end: at }
      try {
        return { value: new TextDecoder('utf-8', { fatal: true }).decode(bytes), end: at }
      } catch {
        return bad('CBOR text is not UTF-8')
      }
    }
    case 4: {
      const list: Cbor[] = []
      for (let i = 0; i < arg; i++) {
        const item = decodeCbor(b, at, depth + 1)
        list.push(item.value)
        at = item.end
      }
      return { value: list, end: at }
    }
    case 5: {
      const map = new Map<number | string, Cbor>()
      for (let i = 0; i < arg; i++) {
        const k = decodeCbor(b, at, depth + 1)
        if (typeof k.value !== 'number' && typeof k.value !== 'string') bad('CBOR map key must be an integer or a text string')
        if (map.has(k.value as number | string)) bad('CBOR map has a duplicate key')
        const v = decodeCbor(b, k.end, depth + 1)
        map.set(k.value as number | string, v.value)
        at = v.end
      }
      return { value: map, end: at }
    }
    case 7:
      if (info === 20) return { value: false, end: at }
      if (info === 21) return { value: true, end: at }
      if (info === 22) return { value: null, end: at }
      return bad('CBOR simple value or float not accepted')
    default:
      return bad('CBOR tags are not accepted')
  }
}

/** Decode bytes that hold exactly one CBOR map. */
export function decodeCborMap(b: Uint8Array): Map<number | string, Cbor> {
  const { value, end } = decodeCbor(b)
  if (!(value instanceof Map)) bad('CBOR: expected a map')
  if (end !== b.length) bad('CBOR: bytes after the value')
  return value as Map<number | string, Cbor>
}

// ---------------------------------------------------------------- authenticator data

/** Authenticator data flags (WebAuthn §6.1): user present, user verified, backup eligible, backed up, attested credential data, extensions. */
export const UP = 0x01
export const UV = 0x04
const BE = 0x08
const BS = 0x10
const AT = 0x40
const ED = 0x80

/** Parsed authenticator data; `credential` only when the AT flag is set (registration). */
export interface AuthData {
  rpIdHash: Uint8Array
  flags: number
  signCount: number
  credential?: { aaguid: Uint8Array; id: Uint8Array; publicKey: Map<number | string, Cbor> }
}

/**
 * Parse authenticator data: rpIdHash(32) flags(1) signCount(4), then attested credential data and
 * extensions (a CBOR map) as the flags say. A credential that is backed up (BS) but not backup
 * eligible (BE) is malformed (WebAuthn Level 3 §6.1.3, §7.1 and §7.2).
 */
export function parseAuthData(b: Uint8Array): AuthData {
  if (b.length < 37) bad('authenticator data is shorter than 37 bytes')
  const flags = b[32]!
  if (flags & BS && !(flags & BE)) bad('authenticator data has BS (backed up) without BE (backup eligible)')
  const out: AuthData = { rpIdHash: b.slice(0, 32), flags, signCount: new DataView(b.buffer, b.byteOffset).getUint32(33) }
  let at = 37
  if (flags & AT) {
    if (b.length < at + 18) bad('attested credential data truncated')
    const aaguid = b.slice(at, at + 16)
    const len = (b[at + 16]! << 8) | b[at + 17]!
    at += 18
    if (len < 1 || len > 1023 || b.length < at + len) bad('credential id truncated or out of range')
    const id = b.slice(at, at + len)
    const key = decodeCbor(b, at + len)
    if (!(key.value instanceof Map)) bad('credential public key is not a COSE map')
    at = key.end
    out.credential = { aaguid, id, publicKey: key.value as Map<number | string, Cbor> }
  }
  if (flags & ED) {
    const ext = decodeCbor(b, at)
    if (!(ext.value instanceof Map)) bad('authenticator extension data is not a CBOR map')
    at = ext.end
  }
  if (at !== b.length) bad('authenticator data has bytes after its last member')
  return out
}

// ---------------------------------------------------------------- COSE keys and signatures

/** COSE algorithm identifiers the pool accepts (IANA COSE Algorithms): ES256 and RS256. */
export const ES256 = -7
export const RS256 = -257

/** A stored public key: its COSE algorithm and a JWK WebCrypto imports. */
export interface StoredKey {
  alg: number
  jwk: JsonWebKey
}

const b64u = (v: Cbor | undefined, what: string): string => (v instanceof Uint8Array && v.length ? toBase64Url(v) : bad(`COSE key: ${what} missing`))

/** FormatError marked `unsupported`: a key the pool does not take, rather than a malformed one. */
const unsupported = (what: string): never => {
  throw Object.assign(new FormatError(what), { unsupported: true })
}

/** RSA sizes the pool takes: a modulus of 2048 to 4096 bits (what authenticators make), an exponent of at most 32 bits (65537 in practice). */
const RSA_MIN = 256
const RSA_MAX = 512
const E_MAX = 4

/**
 * A COSE_Key as a JWK: kty 2 (EC2) with alg -7 and crv 1 (P-256), coordinates -2 and -3 of 32
 * bytes; or kty 3 (RSA) with alg -257, an odd modulus n (-1) of 2048 to 4096 bits and an odd
 * exponent e (-2) from 3 to 2^32 - 1, both minimal big-endian. Another key type, algorithm or
 * size is {@link FormatError} with `unsupported` set, so the caller can tell an unsupported key
 * from a malformed one.
 */
export function coseToKey(cose: Map<number | string, Cbor>): StoredKey {
  const kty = cose.get(1)
  const alg = cose.get(3)
  if (kty === 2 && alg === ES256) {
    const x = cose.get(-2)
    const y = cose.get(-3)
    if (cose.get(-1) !== 1 || !(x instanceof Uint8Array) || !(y instanceof Uint8Array) || x.length !== 32 || y.length !== 32) bad('COSE EC2 key is not a P-256 point')
    return { alg: ES256, jwk: { kty: 'EC', crv: 'P-256', x: b64u(x, 'x'), y: b64u(y, 'y') } }
  }
  if (kty === 3 && alg === RS256) {
    const n = cose.get(-1)
    const e = cose.get(-2)
    if (!(n instanceof Uint8Array) || !(e instanceof Uint8Array) || !n.length || !e.length) return bad('COSE RSA key: modulus or exponent missing')
    if (n[0] === 0 || e[0] === 0) bad('COSE RSA key: modulus or exponent has a leading zero')
    if (n.length < RSA_MIN || n.length > RSA_MAX) unsupported(`RSA keys of ${n.length * 8} bits are not supported: 2048 to 4096 bits`)
    if (e.length > E_MAX) unsupported('RSA exponents over 32 bits are not supported')
    if (!(n[n.length - 1]! & 1) || !(e[e.length - 1]! & 1) || (e.length === 1 && e[0] === 1)) bad('COSE RSA key: the modulus and the exponent must be odd, the exponent at least 3')
    return { alg: RS256, jwk: { kty: 'RSA', n: b64u(n, 'n'), e: b64u(e, 'e') } }
  }
  return unsupported(`COSE key type ${String(kty)} with algorithm ${String(alg)} is not supported`)
}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

/** Import a stored key for verifying (FormatError when WebCrypto refuses it, e.g. a point off the curve). */
export async function importKey(k: StoredKey): Promise<CryptoKey> {
  try {
    return await globalThis.crypto.subtle.importKey('jwk', k.jwk, k.alg === ES256 ? EC : RSA, false, ['verify'])
  } catch {
    return bad('the public key cannot be imported')
  }
}

/**
 * An ECDSA signature as DER `SEQUENCE { INTEGER r, INTEGER s }` (WebAuthn §6.5.5) in the raw form
 * WebCrypto verifies: r and s, each left-padded to 32 bytes.
 */
export function derToRaw(der: Uint8Array): Bytes {
  let at = 0
  const byte = (): number => (at < der.length ? der[at++]! : bad('DER signature truncated'))
  if (byte() !== 0x30) bad('DER signature is not a SEQUENCE')
  if (byte() !== der.length - 2) bad('DER signature length is wrong')
  const out = new Uint8Array(64)
  for (const half of [0, 32]) {
    if (byte() !== 0x02) bad('DER signature member is not an INTEGER')
    let len = byte()
    if (len < 1 || at + len > der.length) bad('DER INTEGER length is wrong')
    // a leading zero only keeps a high bit from reading as a sign
    while (len > 1 && der[at] === 0) {
      at++
      len--
    }
    if (len > 32) bad('DER INTEGER is larger than 32 bytes')
    out.set(der.subarray(at, at + len), half + 32 - len)
    at += len
  }
  if (at !== der.length) bad('DER signature has bytes after s')
  return out as Bytes
}

/** Verify `sig` over `data` with a stored key (ES256 signatures arrive DER-encoded). */
export async function verifySignature(k: StoredKey, sig: Uint8Array, data: Uint8Array): Promise<boolean> {
  const key = await importKey(k)
  const raw = k.alg === ES256 ? derToRaw(sig) : sig
  return globalThis.crypto.subtle.verify(k.alg === ES256 ? { name: 'ECDSA', hash: 'SHA-256' } : RSA, key, raw as Bytes, data as Bytes)
}

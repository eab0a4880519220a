/**
 * Server-side cryptography of the local pool, on WebCrypto and `BigInt` only: RS256 token
 * signing and verification, RFC 6238 TOTP, SigV4 verification and the server half of SRP
 * (written with the library's own `src/srp.ts` primitives).
 * @module
 */
import { ArgumentError } from '../errors.ts'
import { bytesToBig, bytesToHex, fromBase64Url, toBase64, toBase64Url, utf8, type Bytes } from '../lib/bytes.ts'
import { hmacSha256, randomBytes, sha256 } from '../lib/webcrypto.ts'
import { calculateU, calculateX, claimSignature, deriveKey, g, k, mod, modPow, N } from '../srp.ts'

const subtle = (): SubtleCrypto => globalThis.crypto.subtle

// ---------------------------------------------------------------- tokens

/** WebCrypto's key, named through `crypto` so the declarations need no DOM lib (@types/node has no `CryptoKey`). */
type Key = Awaited<ReturnType<typeof crypto.subtle.importKey>>

/** One RS256 signing key with its public JWK. */
export interface SigningKey {
  kid: string
  privateKey: Key
  publicKey: Key
  jwk: { kid: string; alg: 'RS256'; kty: 'RSA'; e: string; n: string; use: 'sig' }
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

/** Generate an RS256 key pair; the kid is base64(SHA-256(n)), which looks like Cognito's kids. */
export async function generateSigningKey(): Promise<SigningKey> {
  const pair = (await subtle().generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair
  const pub = await subtle().exportKey('jwk', pair.publicKey)
  const kid = toBase64(await sha256(utf8(String(pub.n))))
  return {
    kid,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    jwk: { kid, alg: 'RS256', kty: 'RSA', e: String(pub.e), n: String(pub.n), use: 'sig' },
  }
}

const b64json = (v: unknown): string => toBase64Url(utf8(JSON.stringify(v)))

/** Sign claims as a compact JWS with header `{kid, alg}` (no `typ`, like Cognito). */
export async function signJwt(key: SigningKey, claims: Record<string, unknown>): Promise<string> {
  const input = `${b64json({ kid: key.kid, alg: 'RS256' })}.${b64json(claims)}`
  const sig = new Uint8Array(await subtle().sign(RSA, key.privateKey, utf8(input)))
  return `${input}.${toBase64Url(sig)}`
}

/** Verify a JWS made by {@link signJwt} with one of `keys`; returns the claims or undefined. */
export async function verifyJwt(token: unknown, keys: SigningKey[]): Promise<Record<string, unknown> | undefined> {
  if (typeof token !== 'string') return undefined
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const header = JSON.parse(new TextDecoder().decode(fromBase64Url(parts[0]!))) as Record<string, unknown>
    const key = keys.find((x) => x.kid === header['kid'])
    if (!key || header['alg'] !== 'RS256') return undefined
    const ok = await subtle().verify(RSA, key.publicKey, fromBase64Url(parts[2]!), utf8(`${parts[0]}.${parts[1]}`))
    if (!ok) return undefined
    // a valid signature means the pool's own signJwt made it, and that always signs an object
    return JSON.parse(new TextDecoder().decode(fromBase64Url(parts[1]!))) as Record<string, unknown>
  } catch {
    return undefined
  }
}

// ---------------------------------------------------------------- TOTP (RFC 6238 / RFC 4226)

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** RFC 4648 base32 without padding. */
export function base32Encode(b: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of b) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31]
  return out
}

/** RFC 4648 base32 (case-insensitive, padding and spaces ignored). */
export function base32Decode(s: string): Bytes {
  const clean = s.toUpperCase().replace(/[\s=]/g, '')
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const c of clean) {
    const i = B32.indexOf(c)
    if (i < 0) throw new ArgumentError('"secret" must be base32', 'ERR_INVALID_ARG_VALUE')
    value = (value << 5) | i
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return new Uint8Array(out)
}

/**
 * The RFC 6238 TOTP code (HMAC-SHA1, 30-second steps, 6 digits) of a base32 secret, as an
 * authenticator app shows it.
 * @param secret - the `SecretCode` AssociateSoftwareToken returned (base32)
 * @param time - ms since epoch; default now
 * @example
 * ```ts
 * const code = await totp(secretCode) // e.g. "492039"
 * ```
 */
export async function totp(secret: string, time: number = Date.now(), step = 0): Promise<string> {
  const counter = Math.floor(time / 30000) + step
  const msg = new Uint8Array(8)
  new DataView(msg.buffer).setBigUint64(0, BigInt(counter))
  const key = await subtle().importKey('raw', base32Decode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])
  const h = new Uint8Array(await subtle().sign('HMAC', key, msg))
  const o = h[19]! & 15
  const bin = ((h[o]! & 0x7f) << 24) | (h[o + 1]! << 16) | (h[o + 2]! << 8) | h[o + 3]!
  return String(bin % 1_000_000).padStart(6, '0')
}

/** Which 30-second step (−1, 0 or +1 around `time`) `code` matches, or undefined. */
export async function totpStep(secret: string, code: string, time: number): Promise<number | undefined> {
  for (const step of [0, -1, 1]) {
    if (safeEqual(await totp(secret, time, step), code)) return Math.floor(time / 30000) + step
  }
  return undefined
}

/**
 * Constant-time string comparison. No early exit, not even on a length mismatch (issue 8): the
 * loop always runs over the longer string, so the time says nothing about where the strings
 * differ, and an attacker who sends a long guess learns nothing about the secret's length.
 */
export function safeEqual(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length)
  let d = a.length ^ b.length
  // charCodeAt past the end is NaN, and NaN | 0 is 0
  for (let i = 0; i < n; i++) d |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0)
  return d === 0
}

// ---------------------------------------------------------------- SigV4

/** Why a SigV4 check failed: the error type and message AWS would send. */
export interface SigV4Failure {
  type: string
  message: string
}

const enc = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())

/**
 * Verify an `AWS4-HMAC-SHA256` Authorization header by recomputing the signature.
 * @returns undefined when valid, else the failure
 */
export async function verifySigV4(
  req: { method: string; url: URL; headers: Headers; body: string },
  credentials: { accessKeyId: string; secretAccessKey: string },
  now: number,
): Promise<SigV4Failure | undefined> {
  const auth = req.headers.get('authorization')
  if (!auth) return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' }
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth)
  if (!m) return { type: 'IncompleteSignatureException', message: 'Authorization header requires Credential, SignedHeaders and Signature.' }
  const [, akid, day, region, service, signed, signature] = m as unknown as string[]
  if (akid !== credentials.accessKeyId) return { type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }
  const amzDate = req.headers.get('x-amz-date') ?? ''
  const t = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (!t || amzDate.slice(0, 8) !== day) return { type: 'IncompleteSignatureException', message: 'Date must be in ISO-8601 basic format and match the credential scope.' }
  const when = Date.UTC(+t[1]!, +t[2]! - 1, +t[3]!, +t[4]!, +t[5]!, +t[6]!)
  if (Math.abs(when - now) > 15 * 60_000) return { type: 'InvalidSignatureException', message: 'Signature expired: the request time is more than 15 minutes from the server time.' }
  const names = signed!.split(';')
  if (!names.includes('host')) return { type: 'InvalidSignatureException', message: "'Host' must be a signed header." }
  const canonHeaders = names
    .map((h) => `${h}:${(h === 'host' ? (req.headers.get('host') ?? req.url.host) : (req.headers.get(h) ?? '')).trim().replace(/\s+/g, ' ')}\n`)
    .join('')
  // the body is always hashed: a client-sent x-amz-content-sha256 must match it, never replace it
  const payloadHash = bytesToHex(await sha256(utf8(req.body)))
  const claimed = req.headers.get('x-amz-content-sha256')
  if (claimed !== null && claimed !== payloadHash) return { type: 'InvalidSignatureException', message: "The provided 'x-amz-content-sha256' header does not match what was computed." }
  // a URL's pathname is never empty (at least "/"), so neither is the joined path
  const path = req.url.pathname.split('/').map((p) => enc(decodeURIComponent(p))).join('/')
  const pairs: string[] = []
  req.url.searchParams.forEach((b, a) => pairs.push(`${enc(a)}=${enc(b)}`))
  const query = pairs.sort().join('&')
  const canonical = [req.method, path, query, canonHeaders, signed, payloadHash].join('\n')
  const scope = `${day}/${region}/${service}/aws4_request`
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${bytesToHex(await sha256(utf8(canonical)))}`
  let key: Bytes = utf8('AWS4' + credentials.secretAccessKey)
  for (const part of [day!, region!, service!, 'aws4_request']) key = await hmacSha256(key, utf8(part))
  const expected = bytesToHex(await hmacSha256(key, utf8(toSign)))
  if (!safeEqual(expected, signature!)) {
    return {
      type: 'InvalidSignatureException',
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    }
  }
  return undefined
}

// ---------------------------------------------------------------- SRP, server side

/** The stored secret of a password: salt and verifier v = g^x. Never the password. */
export interface Verifier {
  salt: bigint
  v: bigint
}

/** Derive a verifier for `secret` (a fresh 16-byte salt unless one is given). */
export async function makeVerifier(prefix: string, id: string, secret: string, salt: bigint = bytesToBig(randomBytes(16))): Promise<Verifier> {
  return { salt, v: modPow(g, await calculateX(salt, prefix, id, secret), N) }
}

/** Whether `secret` matches a stored verifier (recomputes x; the password itself is never stored). */
export async function checkVerifier(stored: Verifier, prefix: string, id: string, secret: string): Promise<boolean> {
  // compared in constant time: v is password-equivalent for the server side of SRP (issue 8)
  return safeEqual((await makeVerifier(prefix, id, secret, stored.salt)).v.toString(16), stored.v.toString(16))
}

/** The server's ephemeral values for one SRP exchange. */
export interface ServerEphemeral {
  b: bigint
  B: bigint
}

/** B = (k·v + g^b) mod N with a fresh b (retried in the negligible case B ≡ 0). */
export function serverEphemeral(v: bigint): ServerEphemeral {
  for (;;) {
    const b = bytesToBig(randomBytes(64))
    const B = mod(k * v + modPow(g, b, N), N)
    if (B !== 0n && b !== 0n) return { b, B }
  }
}

/**
 * The signature a client that knows the secret must send: S = (A·v^u)^b, key = HKDF(S, u),
 * HMAC(key, prefix ‖ id ‖ SECRET_BLOCK ‖ TIMESTAMP).
 */
export async function expectedSignature(
  A: bigint,
  eph: ServerEphemeral,
  v: bigint,
  prefix: string,
  id: string,
  secretBlock: string,
  timestamp: string,
): Promise<string> {
  const u = await calculateU(A, eph.B)
  const S = modPow(mod(A * modPow(v, u, N), N), eph.b, N)
  return claimSignature(await deriveKey(S, u), prefix, id, secretBlock, timestamp)
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Parse Cognito's TIMESTAMP (`EEE MMM d HH:mm:ss z yyyy`, UTC, English); undefined if malformed. */
export function parseTimestamp(s: string): number | undefined {
  const m = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/.exec(s)
  if (!m) return undefined
  const month = MONTHS.indexOf(m[2]!)
  if (month < 0) return undefined
  return Date.UTC(+m[7]!, month, +m[3]!, +m[4]!, +m[5]!, +m[6]!)
}

/** Deterministic bytes from a key and a name (for the stable fake salt of unknown users). */
export async function stableHex(key: Uint8Array, name: string): Promise<string> {
  return bytesToHex((await hmacSha256(key, utf8(name))).subarray(0, 16))
}

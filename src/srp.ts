/**
 * Cognito's SRP-6a, written with `BigInt` and WebCrypto: pure functions any client can use.
 *
 * The group is RFC 5054's 3072-bit group (exactly RFC 3526 MODP group 15) with g = 2. Cognito
 * hashes values in a *signed minimal hex* encoding ({@link padHex}), not RFC 5054's fixed-length
 * PAD; x and the signature are computed over the `USER_ID_FOR_SRP` Cognito returns and the pool
 * name (the part of the pool id after `_`).
 *
 * Security note: JavaScript `BigInt` arithmetic is not constant-time. The private value `a` is
 * fresh for every exchange and never leaves the process.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5054 RFC 5054 (SRP for TLS), §2.5 (safety checks)
 * @module
 */
import { ArgumentError, argError, SrpError } from './errors.ts'
import { bytesToBig, bytesToHex, concat, fromBase64, hexToBytes, toBase64, utf8, type Bytes } from './lib/bytes.ts'
import { hmacSha256, randomBytes, sha256 } from './lib/webcrypto.ts'

export { secretHash } from './lib/secret-hash.ts'
export { poolNameOf } from './lib/pool-id.ts'

/** Bits of N, and of the Montgomery radix R = 2^3072. */
const RB = 3072n

/**
 * ⌊2^2942·π⌋, the digits of π RFC 3526 builds its primes from, in fixed point at 2^3072:
 * Chudnovsky's series (about 14 decimal digits a term: 65 terms) gives 426880·√10005 / π, and
 * Newton's method √10005. The truncations cost a few hundred units of 2^-3072, far below the 130
 * bits dropped at the end, and a test checks the prime against node:crypto's copy. Written out
 * in hex the prime was about 500 B of every SRP bundle (gzip); this is under a millisecond, once.
 */
const piBits = (): bigint => {
  // a_0 = 1, a_i = −a_(i−1)·(6i−5)(2i−1)(6i−1) / (i³·640320³/24); Σ a_i·(13591409 + 545140134·i)
  let a = 1n << RB, sum = 0n, i = 0n
  while (a) {
    sum += a * (13591409n + 545140134n * i++)
    a = (a * -((6n * i - 5n) * (2n * i - 1n) * (6n * i - 1n))) / (i ** 3n * 10939058860032000n)
  }
  // √10005 · 2^3072, from above (√10005 < 2^7)
  let x = 1n << (RB + 7n), y
  while ((y = (x + (10005n << 2n * RB) / x) >> 1n) < x) x = y
  return ((426880n * x) << RB) / sum >> 130n
}

/**
 * The group prime N: RFC 3526 §4's 3072-bit MODP prime (RFC 5054 Appendix A's 3072-bit group),
 * built from its definition 2^3072 − 2^3008 − 1 + 2^64·(⌊2^2942·π⌋ + 1690314), once, at import.
 */
export const N: bigint = (1n << RB) - (1n << 3008n) - 1n + ((piBits() + 1690314n) << 64n)
/** N in upper-case hex, 768 digits, as RFC 3526 writes it (computed only if imported). */
export const N_HEX: string = /* @__PURE__ */ N.toString(16).toUpperCase()
/** The generator g = 2. */
export const g: bigint = 2n
/**
 * The multiplier k = H(padHex(N) ‖ padHex(g)) = SHA-256(00‖N‖02). A constant, so it is written
 * out; a test recomputes it.
 */
export const k: bigint = 0x538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6n

/** HKDF info string Cognito uses. */
export const INFO = 'Caldera Derived Key'

/**
 * Smallest size of the private value `a` the override accepts, in bytes: 33 (264 bits). RFC 3526
 * §8 sizes an exponent for this 3072-bit group at 260 bits or more (twice its lower strength
 * estimate, 130 bits); 33 bytes is the first whole number of bytes at or above that.
 */
export const MIN_PRIVATE_BYTES = 33

/**
 * Default size of the private value `a`, in bytes: 80 (640 bits).
 *
 * S's exponent is a + u·x, where u·x (two SHA-256 outputs multiplied) is up to 512 bits and
 * derives from the password. With `a` uniform over 640 bits, a + u·x is within 2^-128 in
 * statistical distance of a uniform 640-bit value whatever u·x is, so an exponent that leaks
 * (BigInt arithmetic is not constant-time) tells nothing about x. A smaller `a` leaves u·x's top
 * bits showing in the exponent. See docs/security.md for the analysis and the trade-off of a
 * smaller override (down to {@link MIN_PRIVATE_BYTES}); AWS's clients draw 128 bytes.
 */
export const DEFAULT_PRIVATE_BYTES = 80

/** Non-negative remainder: `mod(-1n, 5n) === 4n`. */
export const mod = (a: bigint, n: bigint): bigint => {
  const r = a % n
  return r >= 0n ? r : r + n
}

// ---- fast arithmetic modulo N ----
// Montgomery multiplication with R = 2^3072 (no division: two multiplies and a shift replace
// `%`), a sliding window for variable bases, and a cached fixed-base table for g = 2. Results
// are plain residues, equal to a textbook square-and-multiply for the same inputs
// (test/portable/srp-arith.test.ts). The login reaches them through `powN`, never `modPow`.

let nInv = 0n // -N^-1 mod 2^1536, computed on first use (not at import)

/**
 * Montgomery product a·b·R⁻¹ mod N of a, b in [0, N), as two REDC half-steps of 1536 bits.
 * Bound: after both steps t < N²/R + N/2^1536 + N < 2N, so one conditional subtraction ends it.
 */
const mont = (a: bigint, b: bigint): bigint => {
  if (!nInv) {
    // Hensel lifting from N ≡ -1 (mod 2^64), so N⁻¹ ≡ -1 (mod 2^64); each step doubles the bits
    let v = 2n ** 64n - 1n
    for (let bits = 128; bits < 3072; bits *= 2) v = BigInt.asUintN(bits, v * (2n - N * v))
    nInv = BigInt.asUintN(1536, -v)
  }
  let t = a * b
  for (let i = 0; i < 2; i++) t = (t + BigInt.asUintN(1536, BigInt.asUintN(1536, t) * nInv) * N) >> 1536n
  return t < N ? t : t - N
}

/**
 * base^exp with a sliding window of up to 5 bits over `mul` (any associative product; `base`
 * already in its domain, exp > 0).
 */
function slide(base: bigint, exp: bigint, mul: (x: bigint, y: bigint) => bigint): bigint {
  const bits = exp.toString(2)
  const sq = mul(base, base)
  const odd = [base] // odd[i] = base^(2i+1)
  for (let i = 1; i < 16; i++) odd.push(mul(odd[i - 1]!, sq))
  let r = 0n
  for (let i = 0, n = bits.length; i < n; ) {
    if (bits[i] === '0') {
      r = mul(r, r)
      i++
      continue
    }
    let j = Math.min(i + 5, n)
    while (bits[j - 1] === '0') j--
    const w = odd[parseInt(bits.slice(i, j), 2) >> 1]!
    if (i) {
      for (let s = i; s < j; s++) r = mul(r, r)
      r = mul(r, w)
    } else r = w
    i = j
  }
  return r
}

// G16[i] = Montgomery form of 2^(16^i) mod N, extended on demand up to 3072-bit exponents.
const G16: bigint[] = []

/**
 * 2^exp mod N for 0 < exp < 2^3072 by Brickell-Gordon-McCurley-Wilson fixed-base windows:
 * with the cached table, about bits/4 + 15 products and no squarings.
 */
function pow2(exp: bigint): bigint {
  const hex = exp.toString(16)
  const n = hex.length
  if (!G16.length) G16.push((2n << RB) % N)
  while (G16.length < n) {
    let t = G16[G16.length - 1]!
    for (let s = 0; s < 4; s++) t = mont(t, t)
    G16.push(t)
  }
  let acc = 0n
  let run = 0n
  for (let d = 15; d > 0; d--) {
    for (let i = 0; i < n; i++) if (parseInt(hex[n - 1 - i]!, 16) === d) run = run ? mont(run, G16[i]!) : G16[i]!
    if (run) acc = acc ? mont(acc, run) : run
  }
  return mont(acc, 1n)
}

/** base^exp mod N for base in [0, N) and exp ≥ 0: the login's exponentiation, with no argument checks. */
const powN = (base: bigint, exp: bigint): bigint =>
  !exp ? 1n : base === 2n && exp >> RB === 0n ? pow2(exp) : mont(slide((base << RB) % N, exp, mont), 1n)

/**
 * base^exp mod m. A negative base is normalised into [0, m) first, which SRP needs:
 * B − k·g^x is usually negative. For Cognito's N it uses Montgomery multiplication, with a
 * cached fixed-base table when base ≡ 2 (g^a, g^x); for any other modulus a 5-bit sliding
 * window with `%`. Not constant-time (no BigInt code is).
 *
 * @throws {ArgumentError} when `m <= 1` or `exp < 0`
 * @example
 * ```ts
 * modPow(-1n, 3n, 7n) // 6n
 * ```
 */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (typeof base !== 'bigint' || typeof exp !== 'bigint' || typeof m !== 'bigint') {
    throw new ArgumentError('modPow expects bigint arguments')
  }
  if (m <= 1n) throw argError('"m" must be greater than 1', 1)
  if (exp < 0n) throw argError('"exp" must not be negative', 1)
  const b = mod(base, m)
  return m === N ? powN(b, exp) : exp ? slide(b, exp, (x, y) => (x * y) % m) : 1n
}

/** {@link padHex} of a non-negative bigint, unchecked (the login's values). */
function hexOf(v: bigint): string {
  const h = v.toString(16)
  return h.length % 2 ? '0' + h : '89abcdef'.includes(h[0]!) ? '00' + h : h
}

/** The bytes {@link padHex} denotes. */
const bytesOf = (v: bigint): Bytes => hexToBytes(hexOf(v))

/**
 * Cognito's signed minimal hex encoding (Java `BigInteger.toByteArray` as hex): even length,
 * with a `00` prefix when the high bit is set. `padHex(0n) === '00'`. A hex string is treated as
 * the integer it denotes (leading zeros are dropped first), which is what Cognito's server does.
 */
export function padHex(value: bigint | string): string {
  if (typeof value === 'string') {
    if (!/^[0-9a-fA-F]+$/.test(value)) throw argError('"value" must be a hex string', 1)
    value = BigInt('0x' + value)
  } else if (value < 0n) throw argError('"value" must not be negative', 1)
  return hexOf(value)
}

/** SHA-256 over the bytes a hex string denotes, as lowercase hex (64 characters). */
export async function hashHex(hex: string): Promise<string> {
  return bytesToHex(await sha256(hexToBytes(hex)))
}

/** SHA-256 of the concatenated parts, as an integer. */
const hashBig = async (...parts: Uint8Array[]): Promise<bigint> => bytesToBig(await sha256(concat(...parts)))

/** A random source: returns `n` random bytes. */
export type Rng = (n: number) => Uint8Array

/**
 * `n` bytes from `rng`, which must return a `Uint8Array` of exactly `n` bytes: told by its tag, not
 * `instanceof`, so bytes from another realm (Jest's jsdom, a `vm` context, an iframe) are accepted.
 */
function draw(rng: Rng, n: number): Uint8Array {
  const b = rng(n)
  if (b?.[Symbol.toStringTag] === 'Uint8Array' && b.length === n) return b
  throw argError(`"rng" must return a Uint8Array of the ${n} bytes asked for`, 1)
}

/**
 * Draw a private value `a` of `bytes` random bytes, non-zero (a draw that is zero mod N is
 * drawn again, three times at most: an `rng` that keeps returning zeros is an error, not a hang).
 *
 * The default, {@link DEFAULT_PRIVATE_BYTES} = 80 bytes (640 bits), keeps the password out of
 * reach of anything that leaks S's exponent; smaller values down to {@link MIN_PRIVATE_BYTES}
 * (33) make a login cheaper but give up that margin (docs/security.md); 128 is the size
 * AWS's clients use.
 * @param rng - randomness, injectable for known-answer tests: must return exactly the bytes asked for
 * @param bytes - size of `a` in bytes, 33 to 384
 * @throws {ArgumentError} on a size out of range, or an `rng` that returns the wrong number of
 *   bytes or only zeros
 */
export function generatePrivateValue(rng: Rng = randomBytes, bytes: number = DEFAULT_PRIVATE_BYTES): bigint {
  if (!Number.isInteger(bytes) || bytes < MIN_PRIVATE_BYTES || bytes > 384) {
    throw argError(`"bytes" must be an integer from ${MIN_PRIVATE_BYTES} to 384`, 1)
  }
  for (let i = 0; i < 3; i++) {
    const a = mod(bytesToBig(draw(rng, bytes)), N)
    if (a) return a
  }
  throw argError('"rng" returned zeros three times in a row', 1)
}

/** `a`, when it is a positive bigint. */
function checkA(a: bigint): bigint {
  if (typeof a === 'bigint' && a > 0n) return a
  throw argError('"a" must be a positive bigint', 1)
}

/**
 * A = g^a mod N; checks A mod N ≠ 0 (RFC 5054 §2.5.4).
 * @throws {ArgumentError} when `a` is not a positive bigint
 */
export function calculateA(a: bigint): bigint {
  const A = powN(g, checkA(a))
  if (A === 0n) throw new SrpError('safety check failed: A mod N is zero')
  return A
}

/**
 * Do, ahead of any sign-in, the work every SRP login of this process or isolate shares: build the
 * table of powers of g = 2 for private values of `bytes` bytes (640 squarings at the default
 * size), then run one whole verifier step on fixed public values, so that the arithmetic, the
 * hashing and the first WebCrypto calls have all run once. It draws no randomness, holds nothing
 * secret and sends nothing, so a Cloudflare Worker may call it at global scope, where startup has
 * its own time limit and the per-request CPU limit does not apply: the first sign-in of a fresh
 * isolate then costs what a later one does. Elsewhere it is optional (in a browser, call it when
 * the page has loaded); without it the first sign-in does the same work itself.
 *
 * The table is built before it returns; the promise settles when the rest is done. There is no
 * need to await it: a sign-in that starts earlier is correct, only not yet faster.
 * @param bytes - the private value size the logins will use, 33 to 384 (default {@link DEFAULT_PRIVATE_BYTES})
 * @throws {ArgumentError} on a size out of range (thrown, not a rejected promise)
 * @example
 * ```ts
 * // worker.ts, at module scope
 * import { precomputeSrp } from 'cognito-edge/srp'
 * precomputeSrp()
 * ```
 */
export function precomputeSrp(bytes: number = DEFAULT_PRIVATE_BYTES): Promise<void> {
  // the all-ones private value of that size (which checks the size as a private value's); its A
  // builds the table, synchronously, before passwordVerifier's first await
  const a = generatePrivateValue((n) => new Uint8Array(n).fill(255), bytes)
  return passwordVerifier({ a, srpB: '2', salt: '1', secretBlock: 'AA==', prefix: 'p', id: 'i', secret: 's', date: new Date(0) }).then(() => {})
}

/** A client's ephemeral SRP key pair: the private value `a` and `A = g^a mod N` (send `A.toString(16)` as SRP_A). */
export interface SrpSession {
  /**
   * The private value. Non-enumerable, so logging, `JSON.stringify` or `{ ...session }` do not
   * show or copy it: read it as `session.a`.
   */
  readonly a: bigint
  /** g^a mod N. */
  readonly A: bigint
}

/**
 * Draw `a` and compute `A = g^a mod N` ahead of time. A is sent in the first request and is
 * about half of a first login's CPU; computing it before the password is known (when a sign-in
 * form opens, after the previous response, in an earlier request of a Worker: randomness is not
 * allowed at a Worker's global scope) takes it off the login's critical path. Use each session
 * for one exchange only.
 * @param rng - randomness (default `crypto.getRandomValues`)
 * @param bytes - size of `a` in bytes (default {@link DEFAULT_PRIVATE_BYTES} = 80; see {@link generatePrivateValue})
 * @example
 * ```ts
 * const next = createSrpSession() // e.g. while the login form is shown
 * // … later: SRP_A = next.A.toString(16); passwordVerifier({ a: next.a, A: next.A, … })
 * ```
 */
export function createSrpSession(rng: Rng = randomBytes, bytes: number = DEFAULT_PRIVATE_BYTES): SrpSession {
  const a = generatePrivateValue(rng, bytes)
  return Object.defineProperty({ A: calculateA(a) }, 'a', { value: a }) as SrpSession
}

/** u = H(padHex(A) ‖ padHex(B)); aborts when u = 0. */
export async function calculateU(A: bigint, B: bigint): Promise<bigint> {
  const u = await hashBig(bytesOf(A), bytesOf(B))
  if (u === 0n) throw new SrpError('safety check failed: u is zero')
  return u
}

/**
 * x = H(padHex(salt) ‖ H(prefix ‖ id ‖ ":" ‖ secret)). For a user: prefix = pool name,
 * id = USER_ID_FOR_SRP, secret = the password. For a device: prefix = DeviceGroupKey,
 * id = DeviceKey, secret = the device password.
 */
export async function calculateX(salt: bigint, prefix: string, id: string, secret: string): Promise<bigint> {
  return hashBig(bytesOf(salt), await sha256(utf8(`${prefix}${id}:${secret}`)))
}

/**
 * S = (B − k·g^x)^(a + u·x) mod N, with the negative base normalised.
 * @throws {ArgumentError} when `a` is not a positive bigint
 */
export function calculateS(B: bigint, x: bigint, a: bigint, u: bigint): bigint {
  return powN(mod(B - k * powN(g, x), N), checkA(a) + u * x)
}

/**
 * The 16-byte key: HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key"),
 * computed as RFC 5869 defines it with two HMACs (extract, then one expand block), which spares
 * a first login the runtime's separate HKDF setup.
 */
export async function deriveKey(S: bigint, u: bigint): Promise<Bytes> {
  const prk = await hmacSha256(bytesOf(u), bytesOf(S))
  return (await hmacSha256(prk, utf8(INFO + '\x01'))).slice(0, 16)
}

/**
 * Cognito's TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY` in UTC with English names and the day of
 * the month **not** zero-padded, e.g. `Tue Mar 4 05:06:07 UTC 2025`. Locale-independent. (Built
 * from the `getUTC…` fields: `toUTCString()` would be shorter code but costs a fresh isolate
 * 0.5–0.9 ms of CPU more on its first call, in workerd and Chromium.)
 */
export function formatTimestamp(date: Date = new Date()): string {
  // a Date by its shape, not `instanceof`: one from another realm (a vm context, an iframe, jsdom) is one too
  if (isNaN(date?.getTime?.())) throw argError('"date" must be a valid Date')
  const p = (n: number): string => (n < 10 ? '0' : '') + n
  const name = (names: string, i: number): string => names.slice(i * 3, i * 3 + 3)
  return `${name('SunMonTueWedThuFriSat', date.getUTCDay())} ${name('JanFebMarAprMayJunJulAugSepOctNovDec', date.getUTCMonth())} ${date.getUTCDate()} ${p(
    date.getUTCHours(),
  )}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
}

/**
 * PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, prefix ‖ id ‖ secretBlock ‖ timestamp)).
 * @param secretBlock - the SECRET_BLOCK as Cognito sent it (standard base64)
 */
export async function claimSignature(key: Uint8Array, prefix: string, id: string, secretBlock: string, timestamp: string): Promise<string> {
  return signClaim(key, prefix, id, secretBlockBytes(secretBlock), timestamp)
}

const signClaim = async (key: Uint8Array, prefix: string, id: string, block: Bytes, timestamp: string): Promise<string> =>
  toBase64(await hmacSha256(key, concat(utf8(prefix), utf8(id), block, utf8(timestamp))))

/** SECRET_BLOCK bytes; a non-empty standard base64 string is required. */
function secretBlockBytes(secretBlock: unknown): Bytes {
  try {
    // a non-string fails fromBase64's check; so does '' (as '-'), which is no secret block
    return fromBase64((secretBlock || '-') as string, '"SECRET_BLOCK"')
  } catch (cause) {
    throw new SrpError('SECRET_BLOCK is not standard base64', { cause })
  }
}

/**
 * Parse and check a server value B (SRP_B, hex): rejects non-hex, B ≡ 0 (mod N) and B ≥ N
 * (RFC 5054 §2.5.4: the client must abort when B % N is zero).
 */
export function parseServerB(hex: unknown): bigint {
  const B = hexParam(hex, 'SRP_B is not a hex string')
  if (B % N === 0n) throw new SrpError('safety check failed: SRP_B mod N is zero')
  if (B >= N) throw new SrpError('safety check failed: SRP_B is not below N')
  return B
}

/** Parse a salt (hex, 1 to 1024 hex digits). */
export function parseSalt(hex: unknown): bigint {
  return hexParam(hex, 'SALT is not a hex string of 1 to 1024 digits')
}

/** A server value of 1 to 1024 hex digits as an integer, else an SrpError with `message`. */
function hexParam(hex: unknown, message: string): bigint {
  if (typeof hex !== 'string' || !/^[0-9a-fA-F]{1,1024}$/.test(hex)) throw new SrpError(message)
  return BigInt('0x' + hex)
}

/** Inputs of one SRP verifier step, as Cognito's challenge parameters deliver them. */
export interface VerifierInput {
  /** The client's private value. */
  a: bigint
  /** g^a mod N, as sent in SRP_A (pass it to avoid recomputing). */
  A?: bigint | undefined
  /** SRP_B (hex). */
  srpB: string
  /** SALT (hex). */
  salt: string
  /** SECRET_BLOCK (base64). */
  secretBlock: string
  /** Pool name (user SRP) or DeviceGroupKey (device SRP). */
  prefix: string
  /** USER_ID_FOR_SRP (user SRP) or DeviceKey (device SRP). */
  id: string
  /** The password or device password. */
  secret: string
  /** Clock for TIMESTAMP. Default: now. */
  date?: Date | undefined
}

/**
 * Compute the answer of a PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) challenge: the
 * TIMESTAMP and PASSWORD_CLAIM_SIGNATURE. Runs every safety check.
 * @throws {SrpError} on a malformed or unsafe server value
 * @example
 * ```ts
 * const a = generatePrivateValue()
 * const A = calculateA(a) // send A.toString(16) as SRP_A
 * const { signature, timestamp } = await passwordVerifier({ a, srpB, salt, secretBlock, prefix: poolNameOf(poolId), id: userIdForSrp, secret: password })
 * ```
 */
export async function passwordVerifier(input: VerifierInput): Promise<{ signature: string; timestamp: string }> {
  // every server value is checked before any expensive arithmetic
  const B = parseServerB(input.srpB)
  const salt = parseSalt(input.salt)
  const block = secretBlockBytes(input.secretBlock)
  const A = input.A ?? calculateA(input.a)
  const [u, x] = await Promise.all([calculateU(A, B), calculateX(salt, input.prefix, input.id, input.secret)])
  const S = calculateS(B, x, input.a, u)
  const key = await deriveKey(S, u)
  const timestamp = formatTimestamp(input.date)
  return { signature: await signClaim(key, input.prefix, input.id, block, timestamp), timestamp }
}

/** What ConfirmDevice needs, plus the device password the caller must keep. */
export interface DeviceVerifier {
  /** The random device password (standard base64 of 40 bytes). Store it; Cognito never returns it. */
  devicePassword: string
  /** `DeviceSecretVerifierConfig.Salt`: base64 of the padHex(salt) bytes. */
  salt: string
  /** `DeviceSecretVerifierConfig.PasswordVerifier`: base64 of the padHex(g^x mod N) bytes. */
  passwordVerifier: string
}

/**
 * Create a device verifier for ConfirmDevice: a random device password and salt, and
 * v = g^x with x = H(padHex(salt) ‖ H(DeviceGroupKey ‖ DeviceKey ‖ ":" ‖ devicePassword)).
 */
export async function createDeviceVerifier(deviceGroupKey: string, deviceKey: string, rng: Rng = randomBytes): Promise<DeviceVerifier> {
  const devicePassword = toBase64(draw(rng, 40))
  const salt = bytesToBig(draw(rng, 16))
  const x = await calculateX(salt, deviceGroupKey, deviceKey, devicePassword)
  return {
    devicePassword,
    salt: toBase64(bytesOf(salt)),
    passwordVerifier: toBase64(bytesOf(powN(g, x))),
  }
}

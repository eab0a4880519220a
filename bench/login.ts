/**
 * The portable half of the SRP benchmark: test cases and our client computation for one login.
 * Web globals only (no `node:` imports), so the same code runs in Node, Bun, Deno and workerd.
 * @module
 */
import { calculateU, calculateX, claimSignature, createSrpSession, deriveKey, formatTimestamp, g, k, mod, N, padHex, passwordVerifier, type Rng } from '../src/srp.ts'
import { toBase64 } from '../src/lib/bytes.ts'

/** One login's server values, as Cognito's PASSWORD_VERIFIER challenge delivers them. */
export interface Case {
  srpB: string
  salt: string
  secretBlock: string
  userId: string
  password: string
  date: Date
}

export const POOL_ID = 'us-east-1_abcdefghi'
export const POOL_NAME = 'abcdefghi'

export const rng: Rng = (n) => crypto.getRandomValues(new Uint8Array(n))
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
/** Reference b^e mod N (textbook), for server values and the oracle. */
export const refPow = (b: bigint, e: bigint): bigint => {
  // right-to-left square-and-multiply, independent of src/srp.ts's fast paths
  let r = 1n
  b = mod(b, N)
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % N
    b = (b * b) % N
  }
  return r
}

/**
 * `n` random cases: B = g^b mod N for a random 1024-bit b, a 16-byte salt, a 1000-byte
 * SECRET_BLOCK, a fixed timestamp (so every implementation signs the same string).
 */
export function makeCases(n: number): Case[] {
  const out: Case[] = []
  for (let i = 0; i < n; i++) {
    out.push({
      srpB: refPow(g, BigInt('0x' + hex(rng(128)))).toString(16),
      salt: hex(rng(16)),
      secretBlock: toBase64(rng(1000)),
      userId: `0b7e3f5a-1c2d-4e5f-8a9b-${hex(rng(6))}`,
      password: `Pa55word!${i}`,
      date: new Date(Date.UTC(2026, 10, 26, 11, 0, i)),
    })
  }
  return out
}

/** Our full client computation for one login: a and A, then u, x, S, HKDF and the signature. */
export async function ourLogin(c: Case, bytes?: number): Promise<string> {
  const { a, A } = createSrpSession(rng, bytes)
  return ourAnswer(c, a, A)
}

/** Only the part after SRP_B arrives (A prepared ahead with createSrpSession). */
export async function ourAnswer(c: Case, a: bigint, A: bigint): Promise<string> {
  const r = await passwordVerifier({ a, A, srpB: c.srpB, salt: c.salt, secretBlock: c.secretBlock, prefix: POOL_NAME, id: c.userId, secret: c.password, date: c.date })
  return r.signature
}

/**
 * The plain BigInt floor: the same login with textbook right-to-left square-and-multiply (`%`
 * after every product, no window, no Montgomery, no table) for A, g^x and S, and our hashing.
 * What any BigInt SRP client gets for free; `bytes` is the size of a.
 */
export async function floorLogin(c: Case, bytes: number): Promise<string> {
  const a = BigInt('0x' + hex(rng(bytes)))
  return powLogin(c, a, refPow(g, a), refPow)
}

/** A login after A, with `pow` (b^e mod N) for g^x and S: shared by the floor and native references. */
export async function powLogin(c: Case, a: bigint, A: bigint, pow: (b: bigint, e: bigint) => bigint): Promise<string> {
  const B = BigInt('0x' + c.srpB)
  const [u, x] = await Promise.all([calculateU(A, B), calculateX(BigInt('0x' + c.salt), POOL_NAME, c.userId, c.password)])
  const S = pow(mod(B - k * pow(g, x), N), a + u * x)
  return claimSignature(await deriveKey(S, u), POOL_NAME, c.userId, c.secretBlock, formatTimestamp(c.date))
}

/** The foundation's modPow (4-bit fixed window with `%`), kept as the "before" reference. */
function windowPow(b: bigint, e: bigint): bigint {
  b = mod(b, N)
  const t: bigint[] = [1n, b]
  for (let i = 2; i < 16; i++) t.push((t[i - 1]! * b) % N)
  const h = e.toString(16)
  let r = t[parseInt(h[0]!, 16)]!
  for (let i = 1; i < h.length; i++) {
    r = (r * r) % N
    r = (r * r) % N
    r = (r * r) % N
    r = (r * r) % N
    const d = parseInt(h[i]!, 16)
    if (d) r = (r * t[d]!) % N
  }
  return r
}

/** The same login with the foundation's arithmetic and 1024-bit a (before this work). */
export async function baselineLogin(c: Case): Promise<string> {
  const a = BigInt('0x' + hex(rng(128)))
  return powLogin(c, a, windowPow(g, a), windowPow)
}

export { formatTimestamp, padHex }

/**
 * Test-only server half of Cognito's SRP, written independently of src/srp.ts: node:crypto for
 * hashing, HMAC and HKDF, and its own right-to-left square-and-multiply. It holds a verifier
 * v = g^x (never the password) and checks the client's PASSWORD_CLAIM_SIGNATURE with
 * S = (A·v^u)^b — so a wrong client computation fails a login test even when a fixture was
 * produced by the same client code.
 */
import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/** RFC 3526 group 15, written out here rather than imported from src/srp.ts (independence). */
export const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
)
const G = 2n

export function powMod(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n
  b = ((b % m) + m) % m
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m
    b = (b * b) % m
    e >>= 1n
  }
  return r
}

/** Java BigInteger.toByteArray() of a non-negative integer. */
export function toByteArray(n: bigint): Buffer {
  let h = n.toString(16)
  if (h.length % 2) h = '0' + h
  const buf = Buffer.from(h, 'hex')
  return buf[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), buf]) : buf
}

const H = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest()
const big = (b: Buffer): bigint => BigInt('0x' + (b.toString('hex') || '0'))
export const K = big(H(toByteArray(N), toByteArray(G)))

export function computeX(salt: bigint, prefix: string, id: string, secret: string): bigint {
  const inner = createHash('sha256').update(`${prefix}${id}:${secret}`, 'utf8').digest()
  return big(H(toByteArray(salt), inner))
}

/** Verifier for a password (what a real pool stores instead of the password). */
export function makeVerifier(prefix: string, id: string, secret: string, salt = big(randomBytes(16))): { salt: bigint; v: bigint } {
  return { salt, v: powMod(G, computeX(salt, prefix, id, secret), N) }
}

export interface ServerStep {
  B: bigint
  /** Verify a client's answer; returns true when the signature matches. */
  verify(A: bigint, secretBlock: Buffer, timestamp: string, signatureB64: string): boolean
}

/** The server side of one SRP exchange for verifier `v`. */
export function serverStep(prefix: string, id: string, v: bigint, b = big(randomBytes(32)) % N): ServerStep {
  const B = (K * v + powMod(G, b, N)) % N
  return {
    B,
    verify(A, secretBlock, timestamp, signatureB64) {
      if (A % N === 0n) return false
      const u = big(H(toByteArray(A), toByteArray(B)))
      const S = powMod(A * powMod(v, u, N), b, N)
      const key = Buffer.from(hkdfSync('sha256', toByteArray(S), toByteArray(u), Buffer.from('Caldera Derived Key'), 16))
      const expected = createHmac('sha256', key)
        .update(Buffer.concat([Buffer.from(prefix), Buffer.from(id), secretBlock, Buffer.from(timestamp)]))
        .digest('base64')
      return expected === signatureB64
    },
  }
}

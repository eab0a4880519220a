/**
 * SRP hostility, u = 0 (RFC 5054 §2.5.4: the client must abort when u = H(A‖B) is zero).
 *
 * Honest approach: no server can find a B with SHA-256(padHex(A)‖padHex(B)) = 0 (that is a
 * preimage of zero), so the test forces it. It knows A (the private value `a` comes from an
 * injected rng), takes the crafted B from the stub's challenge, and replaces SHA-256 for that
 * ONE input — the exact bytes padHex(A)‖padHex(B), built independently with
 * ./support/srp-server.ts — by 32 zero bytes. Every other digest is the real one. The client's
 * real calculateU runs inside the real authenticate flow; the test asserts the override was hit
 * exactly once, so the SrpError cannot come from anywhere else. A control run without the
 * override signs in with the same values.
 *
 * Node only: it patches `crypto.subtle.digest` on the global SubtleCrypto instance.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, SrpError } from '../src/index.ts'
import { DEFAULT_PRIVATE_BYTES } from '../src/srp.ts'
import { N, powMod, toByteArray } from './support/srp-server.ts'
import { stubPool } from './support/stub-pool.ts'

// exactly the default size: the rng must return the bytes asked for
const A_BYTES = Uint8Array.from({ length: DEFAULT_PRIVATE_BYTES }, (_, i) => (i * 37 + 11) & 0xff)
const a = BigInt('0x' + Buffer.from(A_BYTES).toString('hex')) % N
const A = powMod(2n, a, N)

async function attempt(forceZero: boolean) {
  let B = 0n
  const pool = stubPool({
    poolName: 'UZeroPool',
    userId: 'u0-user',
    password: 'u0 password',
    challenge: (cp, step) => ((B = step.B), cp),
  })
  const user = new Cognito({ userPoolId: 'us-west-2_UZeroPool', clientId: 'c', username: 'u0-user', rng: () => A_BYTES.slice(), fetch: pool.fetch, accessToken: 'old.a.t' })
  const subtle = globalThis.crypto.subtle
  const real = subtle.digest.bind(subtle)
  let hits = 0
  if (forceZero) {
    Object.defineProperty(subtle, 'digest', {
      configurable: true,
      value: async (alg: AlgorithmIdentifier, data: BufferSource) => {
        const bytes = Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array((data as ArrayBufferView).buffer, (data as ArrayBufferView).byteOffset, (data as ArrayBufferView).byteLength))
        if (B !== 0n && bytes.equals(Buffer.concat([toByteArray(A), toByteArray(B)]))) {
          hits++
          return new ArrayBuffer(32)
        }
        return real(alg, data)
      },
    })
  }
  try {
    return { result: await user.authenticate('u0 password').then(() => 'signed in', (e: unknown) => e), hits, calls: pool.calls, user }
  } finally {
    delete (subtle as unknown as Record<string, unknown>)['digest']
  }
}

test('SRP hostility: u = 0 (forced through a stubbed hash of exactly A‖B) → SrpError, no answer sent', async () => {
  const { result, hits, calls, user } = await attempt(true)
  assert.ok(result instanceof SrpError, String(result))
  assert.equal(result.message, 'safety check failed: u is zero')
  assert.equal(hits, 1, 'the zero came from H(A‖B) and nothing else')
  assert.deepEqual(calls, ['InitiateAuth'])
  assert.equal(user.accessToken, 'old.a.t')
})

test('SRP hostility: u = 0 control — the same a and stub without the override sign in', async () => {
  const { result, hits, calls } = await attempt(false)
  assert.equal(result, 'signed in')
  assert.equal(hits, 0)
  assert.deepEqual(calls, ['InitiateAuth', 'RespondToAuthChallenge'])
})

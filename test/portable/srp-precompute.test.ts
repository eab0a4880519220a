/**
 * `precomputeSrp()`: what a Worker calls at global scope so that a fresh isolate's first sign-in
 * finds the g = 2 table built and the code already run. It must draw no randomness (a Worker's global scope refuses
 * it; test/workerd/worker.mjs calls it there for real), check its size like a private value's,
 * and leave every result exactly what the textbook arithmetic of test/support/srp-server.ts
 * gives, both within the table it built and beyond it. Its own file, so that in Node it is the
 * first SRP code the process runs and the table is the one it built.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { ArgumentError } from '../../src/errors.ts'
import { createSrpSession, modPow, N, passwordVerifier, precomputeSrp } from '../../src/srp.ts'
import { makeVerifier, powMod, serverStep } from '../support/srp-server.ts'

const rand = (bytes: number): bigint => BigInt('0x' + randomBytes(bytes).toString('hex'))

test('precomputeSrp draws no randomness and sends nothing, to the end of its promise', async () => {
  const c = globalThis.crypto
  const calls: string[] = []
  Object.defineProperty(c, 'getRandomValues', { configurable: true, value: () => (calls.push('getRandomValues'), assert.fail('randomness drawn')) })
  const f = globalThis.fetch
  globalThis.fetch = (() => (calls.push('fetch'), assert.fail('fetch called'))) as typeof fetch
  try {
    assert.equal(await precomputeSrp(), undefined)
  } finally {
    delete (c as unknown as Record<string, unknown>)['getRandomValues']
    globalThis.fetch = f
  }
  assert.deepEqual(calls, [])
})

test('after precomputeSrp, g^e equals the reference within the table and beyond it', async () => {
  await precomputeSrp(96)
  for (const bits of [1, 17, 256, 640, 767, 768, 769, 1024, 3072]) {
    const e = (1n << BigInt(bits - 1)) | rand(Math.ceil(bits / 8)) % (1n << BigInt(bits - 1))
    assert.equal(modPow(2n, e, N), powMod(2n, e, N), `${bits} bits`)
  }
  await precomputeSrp(384) // the whole table, up to 3072-bit exponents
  const e = rand(384)
  assert.equal(modPow(2n, e, N), powMod(2n, e, N))
})

test('a login started while precomputeSrp is still running, and one after it, pass the server-side check', async () => {
  const warming = precomputeSrp()
  const prefix = 'abcdefghi'
  const id = 'user-after-precompute'
  const { salt, v } = makeVerifier(prefix, id, 'Pa55word!')
  const server = serverStep(prefix, id, v)
  const block = randomBytes(64)
  const date = new Date(Date.UTC(2026, 11, 7, 9, 5, 3))
  const login = async (): Promise<boolean> => {
    const { a, A } = createSrpSession()
    const r = await passwordVerifier({ a, A, srpB: server.B.toString(16), salt: salt.toString(16), secretBlock: block.toString('base64'), prefix, id, secret: 'Pa55word!', date })
    return server.verify(A, block, r.timestamp, r.signature)
  }
  const during = login()
  await warming
  assert.deepEqual([await during, await login()], [true, true])
})

test('precomputeSrp checks its size as a private value size (33 to 384 bytes), before anything runs', async () => {
  for (const bad of [32, 385, 0, -80, 80.5, NaN, '80', null]) {
    assert.throws(() => precomputeSrp(bad as number), (e: unknown) => e instanceof ArgumentError && /"bytes" must be an integer from 33 to 384/.test(e.message), String(bad))
  }
  await precomputeSrp(33)
})

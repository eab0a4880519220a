/**
 * A broken `rng` must fail loudly, never hang and never weaken a secret. Three failures seen in
 * injected or polyfilled random sources: one that returns only zeros (a `getRandomValues` stub),
 * one that returns fewer bytes than asked (a fixed test vector, a truncating wrapper) and one that
 * returns something that is not bytes. Before these checks the first hung `generatePrivateValue`
 * forever, the second gave a = 1, A = 2 (a login any eavesdropper can follow) and a device
 * password `AA==`, the third crashed deep inside with a TypeError. Now each is an
 * `ArgumentError` naming `rng`, raised before any request leaves.
 *
 * Portable: imports only src/ and web globals, fetch injected.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, signIn } from '../../src/index.ts'
import { createDeviceVerifier, createSrpSession, DEFAULT_PRIVATE_BYTES, generatePrivateValue, type Rng } from '../../src/srp.ts'

/** An rng that gives up (throws a plain Error) after `limit` calls, so an endless retry loop fails the test instead of hanging it. */
function counting(produce: (n: number) => Uint8Array, limit = 100): Rng & { calls: number } {
  const rng = Object.assign(
    (n: number): Uint8Array => {
      if (++rng.calls > limit) throw new Error(`rng called ${limit} times: the caller keeps drawing`)
      return produce(n)
    },
    { calls: 0 },
  )
  return rng
}

const namesRng = (e: unknown): boolean => {
  assert.ok(e instanceof ArgumentError, `expected an ArgumentError, got ${String(e)}`)
  assert.equal(e.code, 'ERR_INVALID_ARG_VALUE')
  assert.match(e.message, /"rng"/)
  return true
}

test('an rng that returns only zeros: generatePrivateValue stops after a few draws with an ArgumentError', () => {
  const rng = counting((n) => new Uint8Array(n))
  assert.throws(() => generatePrivateValue(rng), namesRng)
  assert.ok(rng.calls <= 3, `drew ${rng.calls} times`)
  assert.throws(() => createSrpSession(counting((n) => new Uint8Array(n))), namesRng)
})

test('an rng that returns fewer bytes than asked is refused (it used to give a = 1, A = 2)', () => {
  for (const short of [new Uint8Array([1]), new Uint8Array(DEFAULT_PRIVATE_BYTES - 1).fill(9), new Uint8Array(0)]) {
    assert.throws(() => generatePrivateValue(() => short), namesRng)
    assert.throws(() => createSrpSession(() => short), namesRng)
  }
  assert.throws(() => generatePrivateValue(() => new Uint8Array(64).fill(5), 128), namesRng)
})

test('an rng that returns more bytes than asked, or no bytes at all, is refused too', () => {
  assert.throws(() => generatePrivateValue(() => new Uint8Array(DEFAULT_PRIVATE_BYTES + 1).fill(3)), namesRng)
  for (const junk of [undefined, null, 42, 'abcd', [1, 2, 3], new Uint16Array(DEFAULT_PRIVATE_BYTES)]) {
    assert.throws(() => generatePrivateValue(() => junk as unknown as Uint8Array), namesRng)
  }
})

test('a zero draw is drawn again, within the bound: one bad draw does not fail a good rng', () => {
  const rng = counting((n) => (rng.calls === 1 ? new Uint8Array(n) : new Uint8Array(n).fill(0x42)))
  assert.equal(generatePrivateValue(rng), BigInt('0x' + '42'.repeat(DEFAULT_PRIVATE_BYTES)))
  assert.equal(rng.calls, 2)
})

test('createDeviceVerifier refuses a short rng (it used to make the device password "AA==")', async () => {
  await assert.rejects(createDeviceVerifier('-group', 'us-east-1_device', () => new Uint8Array(1)), namesRng)
  await assert.rejects(createDeviceVerifier('-group', 'us-east-1_device', () => new Uint8Array(16).fill(1)), namesRng) // right for the salt, short for the password
  const ok = await createDeviceVerifier('-group', 'us-east-1_device', (n) => new Uint8Array(n).fill(7))
  assert.equal(atob(ok.devicePassword).length, 40)
})

test('signIn with a broken rng fails before any request leaves, and the message holds no bytes', async () => {
  const sent: string[] = []
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push(String(init?.body))
    return new Response('{}', { status: 500 })
  }
  const base = { userPoolId: 'us-east-1_RngPool', clientId: 'rngclient', username: 'alice', password: 'Corr3ct horse!', fetch, retry: false as const }
  for (const rng of [counting((n) => new Uint8Array(n)), () => new Uint8Array([0x7f])]) {
    await assert.rejects(signIn({ ...base, rng }), (e: unknown) => namesRng(e) && !/7f|127|Corr3ct/.test((e as Error).message))
  }
  assert.deepEqual(sent, [])
})

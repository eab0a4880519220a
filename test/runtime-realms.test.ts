/**
 * The library as hosts that are not a plain Node run it (Node only: esbuild and node:vm):
 * - imported where web globals are missing (Jest's jsdom has no TextEncoder, TextDecoder, fetch or
 *   crypto.subtle; React Native's Hermes had no TextDecoder before 0.85): the import succeeds, and
 *   only a call that needs a global says it is missing;
 * - run in a `vm` context whose globals (fetch, crypto, TextEncoder, Request…) come from the outer
 *   realm, as Jest's jsdom environment and Electron preloads hand them over: a Uint8Array, a
 *   Request or a Response from another realm fails `instanceof` against this realm's classes.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createContext, runInContext, runInNewContext } from 'node:vm'
import { build } from 'esbuild'
import { stubPool } from './support/stub-pool.ts'
import { claims, forgeKeys, poolJwks, signRs256 } from './support/jwt-forge.ts'
import { ArgumentError } from '../src/errors.ts'
import { formatTimestamp, generatePrivateValue, passwordVerifier } from '../src/srp.ts'

const POOL = 'us-east-1_Ex4mpl3Pl'
const PW = 'Corr3ct-horse!'

/** The client entry points (not ./admin, for servers: aws4fetch builds a TextEncoder at import), bundled as one script that puts its exports on `globalThis.lib`. */
async function bundle(): Promise<string> {
  const entry = [
    "export * from './src/index.ts'",
    "export { createVerifier } from './src/jwt.ts'",
    "export { createSrpSession } from './src/srp.ts'",
    "export * as acij from './src/identity-js.ts'",
  ].join('\n')
  const out = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, format: 'iife', globalName: 'lib', write: false, logLevel: 'silent', platform: 'neutral' })
  return out.outputFiles[0]!.text
}
const code = bundle()

/** The web globals a host hands to a context: the outer realm's own objects. */
const outer = (): Record<string, unknown> => ({
  fetch, crypto, TextEncoder, TextDecoder, Headers, Request, Response, AbortController, AbortSignal, ReadableStream,
  atob, btoa, URL, setTimeout, clearTimeout, console, DOMException, Event, EventTarget,
})

test('the import needs none of the web globals: only the call that needs one names it', async () => {
  const context = createContext({ setTimeout, clearTimeout, console })
  runInContext(await code, context)
  const lib = (context as { lib: any }).lib
  assert.equal(typeof lib.signIn, 'function')
  const named = (name: string) => (e: any) => e.code === 'ERR_MISSING_GLOBAL' && e.message.startsWith(name + ' is missing')
  await assert.rejects(lib.signIn({ userPoolId: POOL, clientId: 'client1', username: 'alice', password: PW }), named('Headers'))
  context['Headers'] = Headers
  await assert.rejects(lib.signIn({ userPoolId: POOL, clientId: 'client1', username: 'alice', password: PW }), named('crypto.subtle'))
  assert.throws(() => lib.decodePayload('a.b.c'), named('TextDecoder'))
})

test('in a vm context with the outer realm\'s globals: SRP sign-in, jwt verify, a caller\'s rng and Request from the outer realm', async () => {
  const context = createContext(outer())
  runInContext(await code, context)
  const lib = (context as { lib: any }).lib
  assert.notEqual(runInContext('Uint8Array', context), Uint8Array, 'a second realm')
  const s = stubPool({ poolName: 'Ex4mpl3Pl', userId: 'alice', password: PW })
  const o = { userPoolId: POOL, clientId: 'client1', fetch: s.fetch, retry: false }
  // outer-realm Responses, outer-realm WebCrypto and TextEncoder output
  const tokens = await lib.signIn({ ...o, username: 'alice', password: PW })
  assert.equal(tokens.accessToken, s.tokens.AccessToken)
  // a caller's rng giving this realm's bytes (a Node Buffer, crypto.getRandomValues of the outer realm)
  const srp = lib.createSrpSession((n: number) => crypto.getRandomValues(new Uint8Array(n)))
  assert.ok((await lib.signIn({ ...o, username: 'alice', password: PW, srp })).accessToken)
  assert.ok(lib.createSrpSession((n: number) => Buffer.alloc(n, 7)).A > 0n)
  const ctx = { region: 'us-east-1', userPoolId: POOL, clientId: 'client1', now: Math.floor(Date.now() / 1000) }
  const token = signRs256(claims(ctx, 'access'), forgeKeys().pool)
  const verifier = lib.createVerifier({ userPoolId: POOL, clientId: 'client1', tokenUse: 'access', fetch: async () => new Response(JSON.stringify(poolJwks())) })
  assert.equal((await verifier.verify(token)).username, 'alice')
  // authFetch given a Request that is not of the context's Request class (another realm's, or a
  // ponyfill's such as node-fetch's): its URL, method and headers are kept
  runInContext('globalThis.Request = class Request {}', context)
  const seen: Array<{ url: string; method: string | undefined; auth: string | null; custom: string | null }> = []
  const fetch = async (input: Request | string, init?: RequestInit): Promise<Response> => {
    const h = new Headers(init?.headers)
    seen.push({ url: typeof input === 'string' ? input : input.url, method: init?.method ?? (input as Request).method, auth: h.get('authorization'), custom: h.get('x-custom') })
    return new Response('ok')
  }
  const api = lib.authFetch(lib.createTokenSource(lib.createClient(o), { accessToken: token, refreshToken: 'r' }), { fetch })
  const res = await api(new Request('https://api.example.com/items', { method: 'DELETE', headers: { 'x-custom': 'kept' } }))
  assert.equal(await res.text(), 'ok')
  assert.deepEqual(seen, [{ url: 'https://api.example.com/items', method: 'DELETE', auth: 'Bearer ' + token, custom: 'kept' }])
})

test('a Date from another realm (a vm context, an iframe, jsdom) is the TIMESTAMP\'s clock, as one of this realm', async () => {
  const date = runInNewContext('new Date(Date.UTC(2022, 0, 3, 9, 0, 0))') as Date
  const here = new Date(date.getTime())
  assert.ok(!(date instanceof Date), 'a second realm')
  assert.equal(formatTimestamp(date), 'Mon Jan 3 09:00:00 UTC 2022')
  const input = { a: generatePrivateValue(), srpB: '2', salt: '1', secretBlock: 'AA==', prefix: 'p', id: 'i', secret: 's' }
  assert.deepEqual(await passwordVerifier({ ...input, date }), await passwordVerifier({ ...input, date: here }))
  // an invalid one is still refused, and so is what is no Date at all
  assert.throws(() => formatTimestamp(runInNewContext('new Date(NaN)')), ArgumentError)
  for (const v of [1641200400000, 'Mon Jan 3 09:00:00 UTC 2022', {}, null]) assert.throws(() => formatTimestamp(v as never), ArgumentError)
})

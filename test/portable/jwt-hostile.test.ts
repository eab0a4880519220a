/**
 * `cognito-edge/jwt` against careless options and hostile tokens and key sets: numeric options
 * that would switch the time checks off, JWKs meant for encryption, `crit` headers, non-canonical
 * base64url spellings, byte-order marks, and the messages a newcomer sees (a JWKS failure names
 * the URL, a local pool's issuer says what to pass). Every token here is signed with the pool key
 * (WebCrypto, this file), so a rejection is the check under test, not a broken signature.
 * Web globals only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier, verifyJwt, type Jwk } from '../../src/jwt.ts'
import { ArgumentError, JwksError, JwtInvalid, type JwtReason } from '../../src/index.ts'

const POOL = 'us-west-2_H0stile'
const CLIENT = 'hostileclient'
const ISS = `https://cognito-idp.us-west-2.amazonaws.com/${POOL}`
const NOW = 1_760_000_000_000
const iat = NOW / 1000
const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const b64url = (b: Uint8Array): string => btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const text = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>
const json = (v: unknown): string => b64url(text(JSON.stringify(v)))

const pair = (await crypto.subtle.generateKey({ ...alg, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'])) as CryptoKeyPair
const pub = await crypto.subtle.exportKey('jwk', pair.publicKey)
/** The pool key as Cognito publishes it. */
const JWK: Jwk = { kid: 'k1', alg: 'RS256', kty: 'RSA', e: pub.e!, n: pub.n!, use: 'sig' }

/** Sign `header.payload` exactly as spelled (the segments may be non-canonical on purpose). */
async function signRaw(h: string, p: string): Promise<string> {
  const sig = new Uint8Array(await crypto.subtle.sign(alg, pair.privateKey, text(`${h}.${p}`)))
  return `${h}.${p}.${b64url(sig)}`
}
const header = (extra: Record<string, unknown> = {}) => json({ kid: 'k1', alg: 'RS256', ...extra })
const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'u-1', iss: ISS, client_id: CLIENT, token_use: 'access', iat, exp: iat + 3600, username: 'u-1', ...extra })
const sign = (c = claims(), h = header()) => signRaw(h, json(c))

function jwksFetch(jwks: { keys: unknown[] } = { keys: [JWK] }) {
  const calls: string[] = []
  return { calls, fetch: async (url: string) => (calls.push(url), Response.json(jwks)) }
}
const verifier = (extra: Record<string, unknown> = {}) =>
  createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'access', fetch: jwksFetch().fetch, now: () => NOW, ...extra })

async function rejectsWith(p: Promise<unknown>, reason: JwtReason, message?: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof JwtInvalid, String(e))
    assert.equal(e.reason, reason, e.message)
    if (message) assert.match(e.message, message)
    return true
  })
}
const argError = (message: string, code: string) => (e: unknown) => {
  assert.ok(e instanceof ArgumentError, String(e))
  assert.equal(e.message, message)
  assert.equal(e.code, code)
  return true
}

test('control: a token signed with the pool key verifies', async () => {
  assert.equal((await verifier().verify(await sign())).sub, 'u-1')
})

test('invalid numeric options are an ArgumentError at construction, never a switched-off check', async () => {
  const cases: Array<[unknown, string]> = [[NaN, 'ERR_INVALID_ARG_VALUE'], [Infinity, 'ERR_INVALID_ARG_VALUE'], [-1, 'ERR_INVALID_ARG_VALUE'], [86401, 'ERR_INVALID_ARG_VALUE'], ['30', 'ERR_INVALID_ARG_TYPE'], [true, 'ERR_INVALID_ARG_TYPE']]
  for (const name of ['clockTolerance', 'cooldown']) {
    for (const [value, code] of cases) {
      assert.throws(() => verifier({ [name]: value }), argError(`"${name}" must be 0 to 86400 s`, code), `${name}: ${String(value)}`)
    }
    verifier({ [name]: 0 })
    verifier({ [name]: 86400 })
  }
})

test('invalid clockTolerance per verify() call is an ArgumentError: a token expired in 2017 never verifies', async () => {
  const v = verifier()
  const expired2017 = await sign(claims({ iat: 1_500_000_000, exp: 1_500_003_600 }))
  for (const clockTolerance of [NaN, Infinity, -5, '30']) {
    await assert.rejects(v.verify(expired2017, { clockTolerance } as never), ArgumentError, String(clockTolerance))
    await assert.rejects(verifyJwt(expired2017, { keys: [JWK] }, { issuer: ISS, clientId: CLIENT, tokenUse: 'access', now: () => NOW, clockTolerance } as never), ArgumentError)
  }
  await rejectsWith(v.verify(expired2017, { clockTolerance: 60 }), 'exp')
})

test('a clock that returns no number is an ArgumentError, not a switched-off time check', async () => {
  const token = await sign(claims({ iat: 1_500_000_000, exp: 1_500_003_600 }))
  for (const bad of [NaN, undefined, 'soon']) {
    await assert.rejects(verifier({ now: () => bad }).verify(token), argError('"now" must return ms since the epoch', 'ERR_INVALID_ARG_VALUE'))
  }
})

test('a JWK whose "use" is not "sig" is refused; a JWK without "use" is accepted', async () => {
  const token = await sign()
  for (const use of ['enc', 'SIG', '']) {
    const v = createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'access', fetch: jwksFetch({ keys: [{ ...JWK, use }] }).fetch, now: () => NOW })
    await rejectsWith(v.verify(token), 'alg', /signing key/)
    await rejectsWith(verifyJwt(token, { keys: [{ ...JWK, use }] }, { issuer: ISS, clientId: CLIENT, tokenUse: 'access', now: () => NOW }), 'alg')
  }
  const { use: _, ...noUse } = JWK
  assert.equal((await verifyJwt(token, { keys: [noUse] }, { issuer: ISS, clientId: CLIENT, tokenUse: 'access', now: () => NOW })).sub, 'u-1')
})

test('a "crit" header is refused: no JWS extension is understood (RFC 7515, 4.1.11)', async () => {
  const v = verifier()
  for (const crit of [['exp'], ['b64'], [], 'b64']) {
    await rejectsWith(v.verify(await sign(claims(), header({ crit, b64: true, exp: 1 }))), 'alg', /crit/)
  }
})

/** Every spelling of `seg` whose last character differs only in its unused low bits. */
function spellings(seg: string): string[] {
  const unused = { 2: 4, 3: 2 }[seg.length % 4 as 2 | 3]
  assert.ok(unused, `segment length ${seg.length} has no unused bits`)
  const at = ALPHABET.indexOf(seg.at(-1)!)
  return Array.from({ length: 1 << unused }, (_, low) => seg.slice(0, -1) + ALPHABET[(at & ~((1 << unused) - 1)) | low])
}

test('a non-canonical base64url signature is refused: one token has exactly one spelling', async () => {
  const v = verifier()
  const token = await sign()
  const [h, p, s] = token.split('.') as [string, string, string]
  const all = spellings(s)
  assert.equal(all.length, 16, 'a 256-byte signature leaves 4 unused bits')
  let accepted = 0
  for (const sig of all) {
    if (sig === s) {
      await v.verify(`${h}.${p}.${sig}`)
      accepted++
    } else await rejectsWith(v.verify(`${h}.${p}.${sig}`), 'malformed')
  }
  assert.equal(accepted, 1)
})

test('a non-canonical base64url header or payload is refused, even when the pool key signed that spelling', async () => {
  const v = verifier()
  // pad the claims until each segment's length leaves unused bits in its last character
  let c = claims()
  for (let pad = ''; json(c).length % 4 === 0 || json(c).length % 4 === 1; pad += 'x') c = claims({ pad })
  let h = header()
  for (let pad = ''; h.length % 4 === 0 || h.length % 4 === 1; pad += 'x') h = header({ pad })
  const p = json(c)
  assert.equal((await v.verify(await signRaw(h, p))).sub, 'u-1', 'the canonical spelling verifies')
  for (const odd of spellings(p).filter((x) => x !== p)) await rejectsWith(v.verify(await signRaw(h, odd)), 'malformed')
  for (const odd of spellings(h).filter((x) => x !== h)) await rejectsWith(v.verify(await signRaw(odd, p)), 'malformed')
})

test('a payload or header beginning with a UTF-8 byte-order mark is refused', async () => {
  const v = verifier()
  const bom = (s: string) => b64url(new Uint8Array([0xef, 0xbb, 0xbf, ...text(s)]))
  await rejectsWith(v.verify(await signRaw(header(), bom(JSON.stringify(claims())))), 'malformed')
  await rejectsWith(v.verify(await signRaw(bom(JSON.stringify({ kid: 'k1', alg: 'RS256' })), json(claims()))), 'malformed')
  // a signature may begin with those bytes: only the JSON segments are held to it
  await rejectsWith(v.verify(`${header()}.${json(claims())}.77u_${'A'.repeat(338)}`), 'signature')
})

test('every JwksError names the JWKS URL and never the token', async () => {
  const token = await sign(claims(), header({ kid: 'unknown-kid' }))
  const answers: Array<[string, () => Response | Promise<Response>]> = [
    ['down', () => Promise.reject(new TypeError('fetch failed'))],
    ['500', () => new Response('{"message":"Internal"}', { status: 500 })],
    ['html', () => new Response('<html>Gateway</html>', { headers: { 'content-type': 'text/html' } })],
    ['no keys', () => Response.json({ keys: 'none' })],
    ['redirect', () => new Response(null, { status: 307, headers: { location: 'https://elsewhere.example/jwks.json' } })],
  ]
  for (const [name, answer] of answers) {
    const inits: RequestInit[] = []
    const v = verifier({ fetch: async (_: string, init: RequestInit) => (inits.push(init), answer()) })
    for (const attempt of ['first', 'within the cooldown']) {
      await assert.rejects(v.verify(token), (e: unknown) => {
        assert.ok(e instanceof JwksError, `${name}: ${String(e)}`)
        assert.ok(e.message.startsWith(`JWKS ${ISS}/.well-known/jwks.json: `), `${name}, ${attempt}: ${e.message}`)
        assert.ok(!e.message.includes(token.split('.')[1]!) && !JSON.stringify(e).includes(token.split('.')[1]!), name)
        return true
      })
    }
    assert.equal(inits.length, 1, `${name}: asked once per cooldown`)
    assert.equal(inits[0]!.redirect, 'manual', 'a JWKS redirect is never followed')
  }
})

test('a check given a value of the wrong type (a number from a config file) rejects every token instead of crashing or accepting', async () => {
  const token = await sign(claims({ 'cognito:groups': ['admins'], scope: 'read' }))
  // the same token passes with the values spelled right
  assert.equal((await verifier({ groups: 'admins', scope: 'read' }).verify(token)).sub, 'u-1')
  const wrong: [Record<string, unknown>, JwtReason][] = [
    [{ issuer: 42 }, 'iss'],
    [{ clientId: 42 }, 'client_id'],
    [{ groups: 42 }, 'groups'],
    [{ scope: 42 }, 'scope'],
  ]
  for (const [extra, reason] of wrong) await rejectsWith(verifier(extra).verify(token), reason)
  await rejectsWith(verifyJwt(token, { keys: [JWK] }, { issuer: 42 as never, clientId: CLIENT, tokenUse: 'access', now: () => NOW }), 'iss')
})

test('verifyJwt names a wrong non-AWS issuer plainly (no stray text from the verifier\'s hint)', async () => {
  const local = await sign(claims({ iss: `http://127.0.0.1:9330/${POOL}` }))
  await assert.rejects(verifyJwt(local, { keys: [JWK] }, { issuer: ISS, clientId: CLIENT, tokenUse: 'access', now: () => NOW }), (e: unknown) => e instanceof JwtInvalid && e.reason === 'iss' && e.message === 'unexpected issuer')
  // a token with no issuer at all: the same plain message
  const none = await sign(claims({ iss: undefined }))
  await assert.rejects(verifyJwt(none, { keys: [JWK] }, { issuer: ISS, clientId: CLIENT, tokenUse: 'access', now: () => NOW }), (e: unknown) => e instanceof JwtInvalid && e.message === 'unexpected issuer')
})

test('a token from a local pool whose issuer is not AWS says to pass "endpoint" or "issuer"', async () => {
  const local = await sign(claims({ iss: `http://127.0.0.1:9330/${POOL}` }))
  const hint = /pass "endpoint" or "issuer"/
  await rejectsWith(verifier().verify(local), 'iss', hint)
  // another AWS pool's token is simply the wrong issuer: no hint
  await assert.rejects(verifier().verify(await sign(claims({ iss: ISS.replace(POOL, 'us-west-2_Other') }))), (e: unknown) => e instanceof JwtInvalid && e.reason === 'iss' && !hint.test(e.message))
  // once an issuer is configured, the message does not repeat the advice
  await assert.rejects(verifier({ issuer: 'http://127.0.0.1:9331/x' }).verify(local), (e: unknown) => e instanceof JwtInvalid && e.reason === 'iss' && !hint.test(e.message))
  // and with it, the local token verifies (its JWKS at the issuer)
  const seen = jwksFetch()
  const v = verifier({ issuer: `http://127.0.0.1:9330/${POOL}`, fetch: seen.fetch })
  assert.equal((await v.verify(local)).sub, 'u-1')
  assert.deepEqual(seen.calls, [`http://127.0.0.1:9330/${POOL}/.well-known/jwks.json`])
})

test('options of the wrong type are an ArgumentError naming them, never a TypeError from inside', async () => {
  const token = await sign()
  // no options at all: the first thing missing is named
  assert.throws(() => createVerifier(undefined as never), argError('"userPoolId" must look like "<region>_<id>"', 'ERR_INVALID_ARG_VALUE'))
  assert.throws(() => createVerifier(null as never), argError('"userPoolId" must look like "<region>_<id>"', 'ERR_INVALID_ARG_VALUE'))
  for (const name of ['endpoint', 'jwksUri']) {
    for (const value of [5, {}, ['http://127.0.0.1/'], true]) assert.throws(() => verifier({ [name]: value }), argError(`"${name}" must be a string`, 'ERR_INVALID_ARG_TYPE'), `${name}: ${String(value)}`)
  }
  for (const value of [5, 'fetch', {}]) assert.throws(() => verifier({ fetch: value }), argError('"fetch" must be a function', 'ERR_INVALID_ARG_TYPE'), `fetch: ${String(value)}`)
  // null and undefined are "not given", as for every other option
  assert.equal((await verifier({ endpoint: null, jwksUri: undefined }).verify(token)).sub, 'u-1')
  const unset = createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'access', fetch: undefined, now: () => NOW })
  unset.cacheJwks({ keys: [JWK] })
  assert.equal((await unset.verify(token)).sub, 'u-1')
  // a clock that is not a function is named, at the verify that would call it, and per call too
  for (const now of [5, 'now', {}]) {
    await assert.rejects(verifier({ now }).verify(token), argError('"now" must return ms since the epoch', 'ERR_INVALID_ARG_VALUE'))
    await assert.rejects(verifier().verify(token, { now } as never), argError('"now" must return ms since the epoch', 'ERR_INVALID_ARG_VALUE'))
  }
  // verifyJwt without its checks names the two it cannot do without
  await assert.rejects(verifyJwt(token, { keys: [JWK] }, undefined as never), argError('"clientId" and "tokenUse" are required (null skips the check)', 'ERR_INVALID_ARG_TYPE'))
})


import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier, verifyJwt, type Jwk } from '../../src/jwt.ts'
import { ArgumentError, Cognito, JwksError, JwtInvalid, NotAuthenticatedError, type JwtReason } from '../../src/index.ts'
import { b64url } from '../support/signin-data.ts'

const POOL = 'eu-west-1_Jwt7es7'
const CLIENT = 'jwtclient123'
const ISS = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`
const JWKS_URL = `${ISS}/.well-known/jwks.json`
const NOW = 1_741_064_767_000
const iat = NOW / 1000
const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }

async function keyPair(kid: string): Promise<{ kid: string; priv: CryptoKey; jwk: Jwk }> {
  const k = (await crypto.subtle.generateKey({ ...alg, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'])) as CryptoKeyPair
  const pub = await crypto.subtle.exportKey('jwk', k.publicKey)
  return { kid, priv: k.privateKey, jwk: { kid, alg: 'RS256', kty: 'RSA', e: pub.e!, n: pub.n!, use: 'sig' } }
}
const [idKey, accessKey, foreign] = await Promise.all([keyPair('id-kid'), keyPair('access-kid'), keyPair('foreign-kid')])
const JWKS = { keys: [idKey.jwk, accessKey.jwk] }

async function sign(claims: Record<string, unknown>, key = accessKey, header: Record<string, unknown> = { kid: key.kid, alg: 'RS256' }): Promise<string> {
  const input = `${b64url(header)}.${b64url(claims)}`
  const sig = new Uint8Array(await crypto.subtle.sign(alg, key.priv, new TextEncoder().encode(input)))
  return `${input}.${btoa(String.fromCharCode(...sig)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`
}
const accessClaims = (extra: Record<string, unknown> = {}) => ({
  sub: 'u-1', iss: ISS, client_id: CLIENT, token_use: 'access', scope: 'aws.cognito.signin.user.admin', auth_time: iat, iat, exp: iat + 3600, username: 'u-1', 'cognito:groups': ['admins'], ...extra,
})
const idClaims = (extra: Record<string, unknown> = {}) => ({ sub: 'u-1', iss: ISS, aud: CLIENT, token_use: 'id', auth_time: iat, iat, exp: iat + 3600, 'cognito:username': 'u-1', ...extra })

/** A JWKS endpoint: counts fetches; `mode` switches its behaviour. */
function jwksServer() {
  const s = {
    calls: [] as string[],
    mode: 'ok' as 'ok' | 'html' | '500' | 'nokeys' | 'down',
    jwks: JWKS as { keys: Jwk[] },
    fetch: async (url: string): Promise<Response> => {
      s.calls.push(url)
      if (s.mode === 'down') throw new TypeError('fetch failed')
      if (s.mode === 'html') return new Response('<html><body>Gateway</body></html>', { status: 200, headers: { 'content-type': 'text/html' } })
      if (s.mode === '500') return new Response('{"message":"Internal"}', { status: 500 })
      return Response.json(s.mode === 'nokeys' ? {} : s.jwks)
    },
  }
  return s
}
const verifierWith = (server: ReturnType<typeof jwksServer>, extra: Record<string, unknown> = {}, clock = { now: NOW }) =>
  createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'access', fetch: server.fetch, now: () => clock.now, ...extra })

async function rejectsWith(p: Promise<unknown>, reason: JwtReason): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof JwtInvalid, String(e))
    assert.equal(e.reason, reason)
    assert.equal(e.code, 'ERR_JWT_INVALID')
    return true
  })
}

test('accepts a valid access token and a valid ID token; the JWKS is fetched once from the issuer', async () => {
  const server = jwksServer()
  const v = verifierWith(server, { tokenUse: null })
  const a = await v.verify(await sign(accessClaims()))
  assert.equal(a.token_use, 'access')
  const i = await v.verify(await sign(idClaims(), idKey))
  assert.equal(i['aud'], CLIENT)
  assert.deepEqual(server.calls, [JWKS_URL])
  assert.deepEqual(v.issuers, [ISS, `https://issuer-cognito-idp.eu-west-1.amazonaws.com/${POOL}`])
})

test('each failed check has its own reason code', async () => {
  const server = jwksServer()
  const v = verifierWith(server)
  const good = await sign(accessClaims())
  const [h, p] = good.split('.')
  await rejectsWith(v.verify('a.b'), 'malformed')
  await rejectsWith(v.verify(`${b64url('not json')}.${p}.x`), 'malformed')
  await rejectsWith(v.verify(`${b64url([1])}.${p}.x`), 'malformed')
  await rejectsWith(v.verify(await sign(accessClaims(), accessKey, { kid: accessKey.kid, alg: 'HS256' })), 'alg')
  await rejectsWith(v.verify(await sign(accessClaims(), accessKey, { kid: accessKey.kid, alg: 'none' })), 'alg')
  await rejectsWith(v.verify(await sign(accessClaims(), accessKey, { alg: 'RS256' })), 'kid')
  await rejectsWith(v.verify(await sign(accessClaims(), foreign)), 'kid')
  await rejectsWith(v.verify(`${h}.${b64url(accessClaims({ username: 'mallory' }))}.${good.split('.')[2]}`), 'signature')
  await rejectsWith(v.verify(await sign(accessClaims(), idKey, { kid: accessKey.kid, alg: 'RS256' })), 'signature')
  await rejectsWith(v.verify(await sign(accessClaims({ iss: 'https://evil.example.com/' + POOL }))), 'iss')
  await rejectsWith(v.verify(await sign(accessClaims({ token_use: 'refresh' }))), 'token_use')
  await rejectsWith(v.verify(await sign(idClaims(), idKey)), 'token_use')
  await rejectsWith(v.verify(await sign(accessClaims({ client_id: 'other' }))), 'client_id')
  await rejectsWith(v.verify(await sign(idClaims({ aud: 'other' }), idKey), { tokenUse: 'id' }), 'aud')
  await rejectsWith(v.verify(await sign(accessClaims({ exp: iat - 1 }))), 'exp')
  await rejectsWith(v.verify(await sign(accessClaims({ exp: undefined }))), 'exp')
  await rejectsWith(v.verify(`${h}.${p}.${'A'.repeat(70000)}`), 'malformed')
  await rejectsWith(v.verify(`${h}.${p}.not+base64/url`), 'malformed')
  await rejectsWith(v.verify(`${h}.${p}!.${good.split('.')[2]}`), 'malformed')
  const absurd = (await sign({})).split('.')
  const payload = b64url('{"sub":"u-1","iss":"' + ISS + '","client_id":"' + CLIENT + '","token_use":"access","iat":' + iat + ',"exp":1e400}')
  const input = `${absurd[0]}.${payload}`
  const sig = new Uint8Array(await crypto.subtle.sign(alg, accessKey.priv, new TextEncoder().encode(input)))
  await rejectsWith(v.verify(`${input}.${btoa(String.fromCharCode(...sig)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`), 'exp')
  await rejectsWith(v.verify(await sign(accessClaims({ iss: ISS.replace('amazonaws.com', 'amazonaws.com.evil.example') }))), 'iss')
  await rejectsWith(v.verify(await sign(accessClaims({ nbf: iat + 60 }))), 'nbf')
  await rejectsWith(v.verify(await sign(accessClaims({ iat: iat + 60 }))), 'iat')
  await rejectsWith(v.verify(good, { groups: ['owners'] }), 'groups')
  await rejectsWith(v.verify(good, { scope: 'openid' }), 'scope')
  // and the same token passes when those checks are satisfied
  assert.equal((await v.verify(good, { groups: ['owners', 'admins'], scope: ['openid', 'aws.cognito.signin.user.admin'] })).sub, 'u-1')
})

test('clockTolerance allows skew on exp, nbf and iat', async () => {
  const v = verifierWith(jwksServer(), { clockTolerance: 120 })
  await v.verify(await sign(accessClaims({ exp: iat - 60, nbf: iat + 60, iat: iat + 60 })))
  await rejectsWith(v.verify(await sign(accessClaims({ exp: iat - 121 }))), 'exp')
})

test('secure by default: clientId and tokenUse must be given (null opts out explicitly)', async () => {
  assert.throws(() => createVerifier({ userPoolId: POOL } as never), ArgumentError)
  assert.throws(() => createVerifier({ userPoolId: POOL, clientId: CLIENT } as never), ArgumentError)
  assert.throws(() => createVerifier({ userPoolId: 'nopool', clientId: null, tokenUse: null }), ArgumentError)
  const v = createVerifier({ userPoolId: POOL, clientId: null, tokenUse: null, fetch: jwksServer().fetch, now: () => NOW })
  await v.verify(await sign(accessClaims({ client_id: 'any-client' })))
  await assert.rejects(v.verify(42 as never), ArgumentError)
})

test('an unknown kid refetches the JWKS at most once per cooldown (key rotation)', async () => {
  const server = jwksServer()
  const clock = { now: NOW }
  const v = verifierWith(server, { cooldown: 30 }, clock)
  await v.verify(await sign(accessClaims()))
  const rotated = await sign(accessClaims(), foreign)
  await rejectsWith(v.verify(rotated), 'kid')
  assert.equal(server.calls.length, 2, 'one refetch for the unknown kid')
  await rejectsWith(v.verify(rotated), 'kid')
  assert.equal(server.calls.length, 2, 'no refetch within the cooldown')
  server.jwks = { keys: [...JWKS.keys, foreign.jwk] }
  clock.now += 31_000
  await v.verify(await sign(accessClaims({ exp: iat + 3600 }), foreign))
  assert.equal(server.calls.length, 3)
})

test('a JWKS endpoint answering HTML or 500 is a JwksError, and the cached JWKS keeps working', async () => {
  for (const mode of ['html', '500', 'nokeys', 'down'] as const) {
    const server = jwksServer()
    server.mode = mode
    const v = verifierWith(server)
    await assert.rejects(v.verify(await sign(accessClaims())), (e: unknown) => e instanceof JwksError && e.code === 'ERR_JWKS')
  }
  const server = jwksServer()
  const v = verifierWith(server, { cooldown: 0 })
  await v.verify(await sign(accessClaims()))
  server.mode = '500'
  await v.verify(await sign(accessClaims()))
  await assert.rejects(v.verify(await sign(accessClaims(), foreign)), JwksError, 'an unknown kid needs the endpoint')
  await v.verify(await sign(accessClaims()))
})

test('a JWKS endpoint that is down, with nothing cached, is asked once per cooldown, not on every verify', async () => {
  const server = jwksServer()
  server.mode = 'down'
  const clock = { now: NOW }
  const v = verifierWith(server, { cooldown: 30 }, clock)
  const token = await sign(accessClaims())
  await assert.rejects(v.verify(token), JwksError)
  await assert.rejects(v.verify(token), JwksError)
  assert.equal(server.calls.length, 1, 'the second verify fails fast')
  server.mode = 'ok'
  clock.now += 31_000
  await v.verify(await sign(accessClaims({ exp: iat + 3600 })))
  assert.equal(server.calls.length, 2)
})

test('cacheJwks preloads keys; endpoint, jwksUri and issuer are configured independently', async () => {
  const server = jwksServer()
  const v = verifierWith(server)
  v.cacheJwks(JWKS)
  await v.verify(await sign(accessClaims()))
  assert.equal(server.calls.length, 0)
  assert.throws(() => v.cacheJwks({} as never), ArgumentError)

  const viaEndpoint = verifierWith(server, { endpoint: 'http://localhost:9229/' })
  await viaEndpoint.verify(await sign(accessClaims()))
  assert.equal(server.calls.at(-1), `http://localhost:9229/${POOL}/.well-known/jwks.json`, 'a proxy endpoint serves the JWKS but does not change the issuer')

  const local = verifierWith(server, { issuer: `http://localhost:9229/${POOL}` })
  await local.verify(await sign(accessClaims({ iss: `http://localhost:9229/${POOL}` })))
  assert.equal(server.calls.at(-1), `http://localhost:9229/${POOL}/.well-known/jwks.json`)
  await rejectsWith(local.verify(await sign(accessClaims())), 'iss')

  const updated = verifierWith(server, { jwksUri: 'https://keys.example.com/jwks.json' })
  await updated.verify(await sign(accessClaims({ iss: `https://issuer-cognito-idp.eu-west-1.amazonaws.com/${POOL}` })))
  assert.equal(server.calls.at(-1), 'https://keys.example.com/jwks.json')
})

test('verifyJwt checks a token against a given JWKS without fetching', async () => {
  const claims = await verifyJwt(await sign(idClaims(), idKey), JWKS, { issuer: ISS, clientId: CLIENT, tokenUse: 'id', now: () => NOW })
  assert.equal(claims['cognito:username'], 'u-1')
  await assert.rejects(verifyJwt(await sign(idClaims(), idKey), JWKS, { issuer: ISS } as never), ArgumentError)
  const bad = { keys: [{ ...idKey.jwk, kty: 'EC' }] }
  await rejectsWith(verifyJwt(await sign(idClaims(), idKey), bad, { issuer: ISS, clientId: CLIENT, tokenUse: 'id', now: () => NOW }), 'alg')
})

test('Cognito.verifyTokens verifies both tokens, then exposes both claim sets', async () => {
  const server = jwksServer()
  const verifier = createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: null, fetch: server.fetch, now: () => NOW })
  const opts = { userPoolId: POOL, clientId: CLIENT, fetch: server.fetch as never, now: () => NOW, verifier }
  const user = new Cognito({ ...opts, idToken: await sign(idClaims(), idKey), accessToken: await sign(accessClaims()) })
  const r = await user.verifyTokens()
  assert.equal(user.idClaims?.['aud'], CLIENT)
  assert.equal(user.accessClaims?.['client_id'], CLIENT)
  assert.deepEqual(r.id, user.idClaims)
  // a bad ID token after a good access token leaves no claims at all
  const half = new Cognito({ ...opts, idToken: await sign(idClaims({ aud: 'other' }), idKey), accessToken: await sign(accessClaims()) })
  await rejectsWith(half.verifyTokens(), 'aud')
  assert.equal(half.accessClaims, undefined)
  assert.equal(half.idClaims, undefined)
  await assert.rejects(new Cognito(opts).verifyTokens(), NotAuthenticatedError)
  // no verifier: like pycognito's verify_tokens(), the pool's own issuer, JWKS and client are checked
  const { verifier: _, ...noVerifier } = opts
  const own = await new Cognito({ ...noVerifier, idToken: await sign(idClaims(), idKey), accessToken: await sign(accessClaims()) }).verifyTokens()
  assert.equal(own.id['aud'], CLIENT)
  assert.equal(own.access['client_id'], CLIENT)
  await rejectsWith(new Cognito({ ...noVerifier, idToken: await sign(idClaims({ aud: 'other' }), idKey), accessToken: await sign(accessClaims()) }).verifyTokens(), 'aud')
  await rejectsWith(new Cognito({ ...noVerifier, idToken: await sign(idClaims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }), idKey), accessToken: await sign(accessClaims()) }).verifyTokens(), 'iss')
  // a shared verifier (and its JWKS cache) across users
  const shared = createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: null, fetch: server.fetch, now: () => NOW })
  const before = server.calls.length
  for (let i = 0; i < 3; i++) {
    await new Cognito({ ...opts, verifier: shared, idToken: await sign(idClaims(), idKey), accessToken: await sign(accessClaims()) }).verifyTokens()
  }
  assert.equal(server.calls.length, before + 1)
})

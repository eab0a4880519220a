/**
 * A tiny SRP-verifying stand-in for a Cognito user pool, on web globals only (BigInt,
 * crypto.subtle, crypto.getRandomValues, Request/Response), so it runs unchanged in Node, Bun,
 * Deno, a Cloudflare Worker and behind a loopback HTTP server for a browser page.
 *
 * It exists for the runtime checks (test/portable, test/workerd, test/browser) until the real
 * local pool (`cognito-edge/local`) is merged. It is built from src/srp.ts primitives, so it
 * proves that a runtime runs the client's SRP end to end, not that the maths is right: that is
 * proven on Node against the independent node:crypto server in test/support/srp-server.ts.
 *
 * Implemented: InitiateAuth (USER_SRP_AUTH), RespondToAuthChallenge (PASSWORD_VERIFIER, the
 * signature verified, SECRET_BLOCK single-use), RS256 tokens with Cognito's claims, the JWKS at
 * `/<poolId>/.well-known/jwks.json`, Cognito-shaped errors and CORS for cross-origin pages.
 */
import { N, g, k, calculateU, calculateX, claimSignature, deriveKey, modPow } from '../../src/srp.ts'

export interface StandinOptions {
  userPoolId: string
  clientId: string
  /** username → password (the pool keeps only salt and verifier). */
  users: Record<string, string>
  /** Issuer prefix (the endpoint the client talks to). Default `https://cognito-idp.<region>.amazonaws.com/`. */
  issuerBase?: string
}

export interface StandinPool {
  /** A `fetch`-compatible handler: pass it as the client's `fetch`, or serve it over HTTP. */
  fetch: (input: string | Request, init?: RequestInit) => Promise<Response>
  /** The operations answered so far, in order. */
  log: string[]
}

interface User {
  sub: string
  salt: bigint
  v: bigint
}

const b64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b))
const b64url = (b: Uint8Array): string => b64(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const rand = (n: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(n))
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
const fromB64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))

const CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, GET, OPTIONS',
  'access-control-allow-headers': 'content-type, x-amz-target, x-amz-user-agent, cache-control',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date',
  'access-control-max-age': '600',
}

function reply(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': crypto.randomUUID(), ...CORS, ...extra },
  })
}

function fail(name: string, message: string): Response {
  return reply(400, { __type: name, message }, { 'x-amzn-errortype': `${name}:`, 'x-amzn-errormessage': message })
}

/** Create a stand-in pool. Nothing is computed until the first request (Workers forbid work at import time). */
export function createStandinPool(options: StandinOptions): StandinPool {
  const { userPoolId, clientId } = options
  const region = userPoolId.slice(0, userPoolId.indexOf('_'))
  const poolName = userPoolId.slice(userPoolId.indexOf('_') + 1)
  const issuer = (options.issuerBase ?? `https://cognito-idp.${region}.amazonaws.com/`) + userPoolId
  const log: string[] = []
  const pending = new Map<string, { user: User; A: bigint; B: bigint; b: bigint }>()
  let ready: Promise<{ users: Map<string, User>; key: CryptoKeyPair; jwk: JsonWebKey }> | undefined

  const init = async (): Promise<{ users: Map<string, User>; key: CryptoKeyPair; jwk: JsonWebKey }> => {
    const users = new Map<string, User>()
    for (const [name, password] of Object.entries(options.users)) {
      const sub = crypto.randomUUID()
      const salt = BigInt('0x' + hex(rand(16)))
      users.set(name, { sub, salt, v: modPow(g, await calculateX(salt, poolName, sub, password), N) })
    }
    const key = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair
    const { kty, n, e } = await crypto.subtle.exportKey('jwk', key.publicKey)
    return { users, key, jwk: { kty, n, e, alg: 'RS256', use: 'sig', kid: 'standin-1' } as JsonWebKey }
  }

  const sign = async (key: CryptoKey, claims: Record<string, unknown>): Promise<string> => {
    const enc = new TextEncoder()
    const head = b64url(enc.encode(JSON.stringify({ kid: 'standin-1', alg: 'RS256' })))
    const body = b64url(enc.encode(JSON.stringify(claims)))
    const sig = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, enc.encode(`${head}.${body}`))
    return `${head}.${body}.${b64url(new Uint8Array(sig))}`
  }

  const handle = async (req: Request): Promise<Response> => {
    if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS })
    const state = await (ready ??= init())
    if (req.method === 'GET' && new URL(req.url).pathname.endsWith(`/${userPoolId}/.well-known/jwks.json`)) {
      return new Response(JSON.stringify({ keys: [state.jwk] }), { headers: { 'content-type': 'application/json', ...CORS } })
    }
    const op = (req.headers.get('x-amz-target') ?? '').replace('AWSCognitoIdentityProviderService.', '')
    log.push(op)
    let body: Record<string, any>
    try {
      body = JSON.parse(await req.text())
    } catch {
      return fail('SerializationException', 'Malformed request body')
    }
    if (body['ClientId'] !== clientId) return fail('ResourceNotFoundException', `User pool client ${String(body['ClientId'])} does not exist.`)
    if (op === 'InitiateAuth') {
      const p = body['AuthParameters'] ?? {}
      if (body['AuthFlow'] !== 'USER_SRP_AUTH') return fail('InvalidParameterException', 'The stand-in pool supports USER_SRP_AUTH only')
      const user = state.users.get(p['USERNAME'])
      if (!user) return fail('UserNotFoundException', 'User does not exist.')
      const A = BigInt('0x' + p['SRP_A'])
      if (A % N === 0n) return fail('InvalidParameterException', 'Invalid SRP_A')
      const b = BigInt('0x' + hex(rand(32)))
      const B = (k * user.v + modPow(g, b, N)) % N
      const block = b64(rand(64))
      pending.set(block, { user, A, B, b })
      return reply(200, {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: user.salt.toString(16), SRP_B: B.toString(16), SECRET_BLOCK: block, USERNAME: user.sub, USER_ID_FOR_SRP: user.sub },
      })
    }
    if (op === 'RespondToAuthChallenge' && body['ChallengeName'] === 'PASSWORD_VERIFIER') {
      const r = body['ChallengeResponses'] ?? {}
      const p = pending.get(r['PASSWORD_CLAIM_SECRET_BLOCK'])
      pending.delete(r['PASSWORD_CLAIM_SECRET_BLOCK']) // single use
      if (!p || r['USERNAME'] !== p.user.sub) return fail('NotAuthorizedException', 'Incorrect username or password.')
      const u = await calculateU(p.A, p.B)
      const S = modPow(p.A * modPow(p.user.v, u, N), p.b, N)
      const expected = await claimSignature(await deriveKey(S, u), poolName, p.user.sub, r['PASSWORD_CLAIM_SECRET_BLOCK'], r['TIMESTAMP'])
      // compare in constant time over the decoded bytes (and check that TIMESTAMP was present)
      const got = fromB64(String(r['PASSWORD_CLAIM_SIGNATURE'] ?? ''))
      const want = fromB64(expected)
      let diff = got.length ^ want.length
      for (let i = 0; i < want.length; i++) diff |= want[i]! ^ (got[i] ?? 0)
      if (diff !== 0 || typeof r['TIMESTAMP'] !== 'string') return fail('NotAuthorizedException', 'Incorrect username or password.')
      const now = Math.floor(Date.now() / 1000)
      const common = { sub: p.user.sub, iss: issuer, iat: now, auth_time: now, exp: now + 3600, jti: crypto.randomUUID(), origin_jti: crypto.randomUUID() }
      const name = [...state.users].find(([, x]) => x === p.user)?.[0] ?? ''
      const [AccessToken, IdToken] = await Promise.all([
        sign(state.key.privateKey, { ...common, token_use: 'access', client_id: clientId, scope: 'aws.cognito.signin.user.admin', username: p.user.sub }),
        sign(state.key.privateKey, { ...common, token_use: 'id', aud: clientId, 'cognito:username': p.user.sub, email: name.includes('@') ? name : undefined }),
      ])
      return reply(200, {
        AuthenticationResult: { AccessToken, IdToken, RefreshToken: b64url(rand(48)), ExpiresIn: 3600, TokenType: 'Bearer' },
        ChallengeParameters: {},
      })
    }
    return fail('InvalidParameterException', `The stand-in pool does not implement ${op || 'this request'}`)
  }

  return {
    log,
    fetch: (input, init) => handle(input instanceof Request && init === undefined ? input : new Request(input, init)),
  }
}

/** Verify an RS256 JWT against a JWKS with plain WebCrypto (an interim check until `cognito-edge/jwt`). */
export async function verifyRs256(token: string, jwks: { keys: JsonWebKey[] }): Promise<Record<string, unknown>> {
  const [h, p, s] = token.split('.')
  const dec = (x: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(x.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
  const header = JSON.parse(new TextDecoder().decode(dec(h!)))
  const jwk = jwks.keys.find((key) => (key as { kid?: string }).kid === header.kid)
  if (!jwk || header.alg !== 'RS256') throw new Error('no matching RS256 key')
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify'])
  if (!(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, dec(s!), new TextEncoder().encode(`${h}.${p}`)))) throw new Error('bad signature')
  return JSON.parse(new TextDecoder().decode(dec(p!)))
}

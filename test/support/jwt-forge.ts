/**
 * Token forging for the JWT attack suite, written with node:crypto only (independent of
 * src/jwt.ts). It mints Cognito-shaped ID and access tokens (RS256, header `{kid, alg}`, the
 * claims of protocol.md §3.3) with a pool key published in a JWKS, and the forgeries an attacker
 * would try: `alg: none`, HS256 keyed with the public key, a key not in the JWKS, kid games,
 * tampered segments, wrong claims, oversized and malformed tokens.
 */
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto'

export const b64url = (v: string | Uint8Array): string => Buffer.from(v).toString('base64url')

export interface ForgeKey {
  kid: string
  privateKey: KeyObject
  publicKey: KeyObject
  /** The public JWK as a JWKS publishes it. */
  jwk: Record<string, unknown>
}

function rsaKey(kid: string): ForgeKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
  return { kid, privateKey, publicKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } }
}

function ecKey(kid: string): ForgeKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return { kid, privateKey, publicKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' } }
}

const cache = new Map<string, ForgeKey>()
const once = (kid: string, make: (kid: string) => ForgeKey): ForgeKey => cache.get(kid) ?? (cache.set(kid, make(kid)), cache.get(kid)!)
/**
 * Keys: two pool keys in the JWKS, one rogue RSA key that is not, one EC key that is. Each is
 * generated on first use, once per process (RSA key generation costs ~0.5 s).
 */
export function forgeKeys() {
  return {
    get pool() { return once('pool-key-1', rsaKey) },
    get pool2() { return once('pool-key-2', rsaKey) },
    get rogue() { return once('rogue-key', rsaKey) },
    get ec() { return once('ec-key', ecKey) },
  }
}

/** The pool's JWKS: both pool RSA keys and the EC key (published, but never acceptable for RS256). */
export function poolJwks(): { keys: Record<string, unknown>[] } {
  const k = forgeKeys()
  return { keys: [k.pool.jwk, k.pool2.jwk, k.ec.jwk] }
}

export interface PoolCtx {
  region: string
  userPoolId: string
  clientId: string
  /** Seconds since epoch used as "now" for iat / exp. */
  now: number
}

export const issuerOf = (ctx: PoolCtx): string => `https://cognito-idp.${ctx.region}.amazonaws.com/${ctx.userPoolId}`

/** Claims of a fresh access token (client_id, no aud) or ID token (aud, cognito:username). */
export function claims(ctx: PoolCtx, use: 'access' | 'id', over: Record<string, unknown> = {}): Record<string, unknown> {
  const common = { sub: 'a1b2c3d4-0000-4000-8000-000000000001', iss: issuerOf(ctx), token_use: use, auth_time: ctx.now - 10, iat: ctx.now - 10, exp: ctx.now + 3600, jti: 'jti-1', origin_jti: 'ojti-1', event_id: 'ev-1' }
  const specific = use === 'access'
    ? { client_id: ctx.clientId, scope: 'aws.cognito.signin.user.admin', username: 'alice' }
    : { aud: ctx.clientId, 'cognito:username': 'alice', email: 'alice@example.com', email_verified: true }
  return { ...common, ...specific, ...over }
}

/** RS256-sign header + payload with `key` (header defaults to Cognito's `{kid, alg}`). */
export function signRs256(payload: Record<string, unknown>, key: ForgeKey, header: Record<string, unknown> = { kid: key.kid, alg: 'RS256' }): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`
  const sig = createSign('RSA-SHA256').update(input).sign(key.privateKey)
  return `${input}.${b64url(sig)}`
}

/** HS256 with an arbitrary secret (the "public key as HMAC secret" confusion attack). */
export function signHs256(payload: Record<string, unknown>, secret: string | Uint8Array, header: Record<string, unknown>): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`
  return `${input}.${b64url(createHmac('sha256', secret).update(input).digest())}`
}

/** `alg: none`: an empty signature. */
export function unsigned(payload: Record<string, unknown>, header: Record<string, unknown>): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.`
}

/** Replace one segment (0 header, 1 payload, 2 signature) of a token, keeping the others. */
export function withSegment(token: string, index: 0 | 1 | 2, segment: string): string {
  const parts = token.split('.')
  parts[index] = segment
  return parts.join('.')
}

/** Flip one bit in the middle of a segment's decoded bytes. */
export function flipBit(token: string, index: 0 | 1 | 2): string {
  const seg = Buffer.from(token.split('.')[index]!, 'base64url')
  seg[seg.length >> 1]! ^= 0x01
  return withSegment(token, index, b64url(seg))
}

/** The forgeries every verifier must reject. `expect` names the check that should fire. */
export function attacks(ctx: PoolCtx): Array<{ name: string; token: string; as: 'access' | 'id'; expect: string }> {
  const k = forgeKeys()
  const access = claims(ctx, 'access')
  const id = claims(ctx, 'id')
  const good = signRs256(access, k.pool)
  const lookAlike = issuerOf({ ...ctx }).replace('amazonaws.com', 'amazonaws.com.evil.example')
  return [
    { name: 'alg none (empty signature)', token: unsigned(access, { kid: k.pool.kid, alg: 'none' }), as: 'access', expect: 'format' },
    { name: 'alg none with a signature', token: unsigned(access, { kid: k.pool.kid, alg: 'none' }) + 'c2ln', as: 'access', expect: 'alg' },
    { name: 'alg None (case games)', token: unsigned(access, { kid: k.pool.kid, alg: 'None' }) + 'c2ln', as: 'access', expect: 'alg' },
    { name: 'alg RS512 (not the pool key\'s algorithm)', token: withSegment(good, 0, b64url(JSON.stringify({ kid: k.pool.kid, alg: 'RS512' }))), as: 'access', expect: 'alg' },
    { name: 'HS256 keyed with the public key (PEM)', token: signHs256(access, String(k.pool.publicKey.export({ type: 'spki', format: 'pem' })), { kid: k.pool.kid, alg: 'HS256' }), as: 'access', expect: 'alg' },
    { name: 'HS256 keyed with the public JWK', token: signHs256(access, JSON.stringify(k.pool.jwk), { kid: k.pool.kid, alg: 'HS256' }), as: 'access', expect: 'alg' },
    { name: 'RS256 with a key not in the JWKS (its own kid)', token: signRs256(access, k.rogue), as: 'access', expect: 'kid' },
    { name: 'RS256 with a key not in the JWKS (a pool kid)', token: signRs256(access, k.rogue, { kid: k.pool.kid, alg: 'RS256' }), as: 'access', expect: 'signature' },
    { name: 'kid missing', token: signRs256(access, k.pool, { alg: 'RS256' }), as: 'access', expect: 'kid' },
    { name: 'kid unknown', token: signRs256(access, k.pool, { kid: 'no-such-kid', alg: 'RS256' }), as: 'access', expect: 'kid' },
    { name: 'kid pointing to a non-RSA (EC) key', token: signRs256(access, k.pool, { kid: k.ec.kid, alg: 'RS256' }), as: 'access', expect: 'key' },
    { name: 'tampered header', token: withSegment(good, 0, b64url(JSON.stringify({ kid: k.pool.kid, alg: 'RS256', typ: 'JWT' }))), as: 'access', expect: 'signature' },
    { name: 'tampered payload', token: withSegment(good, 1, b64url(JSON.stringify({ ...access, username: 'admin' }))), as: 'access', expect: 'signature' },
    { name: 'tampered signature', token: flipBit(good, 2), as: 'access', expect: 'signature' },
    { name: 'signature of another token', token: withSegment(good, 2, signRs256({ ...access, jti: 'other' }, k.pool).split('.')[2]!), as: 'access', expect: 'signature' },
    { name: 'wrong iss (another pool)', token: signRs256({ ...access, iss: issuerOf({ ...ctx, userPoolId: `${ctx.region}_OtherPool` }) }, k.pool), as: 'access', expect: 'iss' },
    { name: 'wrong iss (look-alike host)', token: signRs256({ ...access, iss: lookAlike }, k.pool), as: 'access', expect: 'iss' },
    { name: 'wrong iss (http scheme)', token: signRs256({ ...access, iss: issuerOf(ctx).replace('https:', 'http:') }, k.pool), as: 'access', expect: 'iss' },
    { name: 'wrong iss (trailing slash)', token: signRs256({ ...access, iss: issuerOf(ctx) + '/' }, k.pool), as: 'access', expect: 'iss' },
    { name: 'wrong token_use', token: signRs256({ ...access, token_use: 'refresh' }, k.pool), as: 'access', expect: 'token_use' },
    { name: 'id token passed as access token', token: signRs256(id, k.pool), as: 'access', expect: 'token_use' },
    { name: 'access token passed as id token', token: signRs256(access, k.pool), as: 'id', expect: 'token_use' },
    { name: 'wrong client_id (access)', token: signRs256({ ...access, client_id: 'someone-else' }, k.pool), as: 'access', expect: 'client_id' },
    { name: 'wrong aud (id)', token: signRs256({ ...id, aud: 'someone-else' }, k.pool), as: 'id', expect: 'aud' },
    { name: 'expired', token: signRs256({ ...access, exp: ctx.now - 3600, iat: ctx.now - 7200 }, k.pool), as: 'access', expect: 'exp' },
    { name: 'not yet valid (nbf)', token: signRs256({ ...access, nbf: ctx.now + 3600 }, k.pool), as: 'access', expect: 'nbf' },
    { name: 'issued in the future (iat)', token: signRs256({ ...access, iat: ctx.now + 3600, exp: ctx.now + 7200 }, k.pool), as: 'access', expect: 'iat' },
    { name: 'absurd exp (year 275760+)', token: signRs256({ ...access, exp: 1e300 }, k.pool), as: 'access', expect: 'exp' },
    { name: 'exp not a number', token: signRs256({ ...access, exp: String(ctx.now + 3600) }, k.pool), as: 'access', expect: 'exp' },
    { name: 'exp missing', token: signRs256((({ exp: _, ...c }) => c)(access), k.pool), as: 'access', expect: 'exp' },
    { name: 'oversized token (100 kB claim)', token: signRs256({ ...access, pad: 'x'.repeat(100_000) }, k.pool), as: 'access', expect: 'size' },
    { name: 'non-base64url header', token: withSegment(good, 0, 'eyJ+/=='), as: 'access', expect: 'format' },
    { name: 'non-base64url payload', token: withSegment(good, 1, 'e30*'), as: 'access', expect: 'format' },
    { name: 'non-base64url signature', token: withSegment(good, 2, 'c2ln+/=='), as: 'access', expect: 'format' },
    { name: 'two segments', token: good.split('.').slice(0, 2).join('.'), as: 'access', expect: 'format' },
    { name: 'four segments', token: good + '.x', as: 'access', expect: 'format' },
    { name: 'header not JSON', token: withSegment(good, 0, b64url('not json')), as: 'access', expect: 'format' },
    { name: 'payload a JSON array', token: withSegment(good, 1, b64url('[1,2]')), as: 'access', expect: 'format' },
    { name: 'payload invalid UTF-8', token: withSegment(good, 1, b64url(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))), as: 'access', expect: 'format' },
  ]
}

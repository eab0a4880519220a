/**
 * Cognito JWT verification on WebCrypto (`cognito-edge/jwt`), usable without the `Cognito` class:
 * RS256 signatures against the pool's JWKS, then `iss`, `token_use`, `aud` / `client_id`,
 * `exp` / `nbf` / `iat` and optional groups and scopes. Secure by default: `clientId` and
 * `tokenUse` must be given, and only an explicit `null` skips their check.
 *
 * The JWKS is cached per verifier and URI; a token with an unknown `kid` triggers one refetch,
 * at most once per `cooldown` seconds. A failed fetch raises {@link JwksError} naming the URL, and
 * the cached keys keep working. The JWKS body is read up to 64 KiB of decoded bytes, and
 * redirects are not followed.
 * @module
 */
import { ArgumentError, JwksError, JwtInvalid, type JwtReason } from './errors.ts'
import { aborted, readText } from './lib/body.ts'
import { isObj } from './lib/guards.ts'

/** CryptoKeys of JWKs already imported (weak: dropped with the JWKS that holds the JWK). */
const imported = /* @__PURE__ */ new WeakMap<object, CryptoKey>()

/**
 * Tokens whose signature already verified, each with the JWK object it verified under. A server
 * sees the same bearer token on every request of a session; checking its signature again would
 * cost WebCrypto's ~100 µs for the same answer. A hit needs the identical token string and the
 * identical key object still in use (a refetched or replaced JWKS holds new objects, so its
 * tokens are verified afresh); every claim is still parsed and checked on every call. At most
 * {@link VERIFIED_MAX} tokens of up to 16 KiB are kept, the oldest dropped first.
 */
const verified = /* @__PURE__ */ new Map<string, object>()
const VERIFIED_MAX = 1000

/** A JSON Web Key as Cognito publishes it (`{ kid, alg: "RS256", kty: "RSA", e, n, use: "sig" }`). */
export interface Jwk {
  kid?: string
  kty?: string
  alg?: string
  n?: string
  e?: string
  use?: string
  [k: string]: unknown
}
/** A JSON Web Key Set. */
export interface Jwks {
  keys: Jwk[]
}

/** Verified claims (ID or access token). */
export interface JwtClaims {
  sub?: string
  iss?: string
  token_use?: string
  exp?: number
  iat?: number
  [claim: string]: unknown
}

/** The checks; every one can be overridden per `verify()` call. */
export interface VerifyChecks {
  /** Accepted app client id(s) (`aud` of ID tokens, `client_id` of access tokens); `null` skips the check. */
  clientId: string | readonly string[] | null
  /** Accepted `token_use`; `null` accepts both `id` and `access`. */
  tokenUse: 'id' | 'access' | null
  /** Seconds of clock skew allowed for `exp`, `nbf` and `iat`, 0 to 86400. Default 0. */
  clockTolerance?: number | undefined
  /** The token must carry at least one of these `cognito:groups`. */
  groups?: string | readonly string[] | null | undefined
  /** Access tokens: the token's `scope` must contain at least one of these. */
  scope?: string | readonly string[] | null | undefined
}

/** Options of {@link createVerifier}. */
export interface VerifierOptions extends VerifyChecks {
  /** User pool id, e.g. `us-east-1_AbC`: gives the default issuers and the region. */
  userPoolId: string
  /**
   * Accepted issuer(s). Default: both Cognito forms for the pool,
   * `https://cognito-idp.<region>.amazonaws.com/<pool>` and
   * `https://issuer-cognito-idp.<region>.amazonaws.com/<pool>`. Independent of `endpoint`: a proxy
   * endpoint does not change the issuer; set it for a local pool whose tokens name their own.
   */
  issuer?: string | readonly string[] | undefined
  /** JWKS URL. Default `<endpoint>/<pool>/.well-known/jwks.json` when `endpoint` is set, else `<issuer>/.well-known/jwks.json`. */
  jwksUri?: string | undefined
  /** The API endpoint (a local pool or proxy) serving the JWKS. */
  endpoint?: string | undefined
  /** `fetch` for the JWKS. Default: the global `fetch`, looked up at call time. */
  fetch?: ((url: string, init: RequestInit) => Promise<Response>) | undefined
  /** Clock, ms since epoch. Default `Date.now`. */
  now?: (() => number) | undefined
  /** Minimum seconds between two JWKS fetches caused by unknown `kid`s (or after a failed one), 0 to 86400. Default 10. */
  cooldown?: number | undefined
}

/** A verifier bound to one pool; see {@link createVerifier}. */
export interface JwtVerifier {
  /**
   * Verify a token and return its claims. `overrides` replace the verifier's checks for this
   * token: a member left `undefined` keeps the verifier's, `null` skips that check.
   * @throws {JwtInvalid} with a `reason` naming the failed check
   * @throws {JwksError} when the JWKS is needed and cannot be fetched (the message names its URL)
   * @throws {ArgumentError} when an override is invalid (e.g. `clockTolerance` not 0 to 86400)
   */
  verify(token: string, overrides?: { [K in keyof VerifyChecks]?: VerifyChecks[K] | undefined }): Promise<JwtClaims>
  /** Preload a JWKS (e.g. bundled, or fetched elsewhere) for `uri` (default: the pool's). */
  cacheJwks(jwks: Jwks, uri?: string): void
  /** The accepted issuers. */
  readonly issuers: readonly string[]
}

// ---- issue 8: hostile tokens and key sets ----
/** Longest lifetime of a Cognito ID or access token (1 day), seconds; also the bound of the seconds options. */
const MAX_LIFETIME = 86400
/**
 * Largest JWKS body read, in decoded bytes (a gzip body counts after decompression): 64 KiB.
 * Cognito's JWKS (two RSA keys) is about 1 KB; a longer body is refused, not buffered.
 */
const JWKS_MAX_BYTES = 65536
/**
 * One base64url segment, spelled canonically: no padding, and the unused low bits of a last
 * character that ends mid-byte are zero (so a token has exactly one spelling).
 */
const B64URL = /^(?:[\w-]{4})*(?:[\w-][AQgw]|[\w-]{2}[AEIMQUYcgkosw048])?$/
/**
 * The bytes of a segment that passed {@link B64URL}: `atob` takes unpadded base64 once `-` and
 * `_` are mapped back (lib/bytes' `fromBase64Url` would check and pad it again, at 200 B of bundle).
 */
function bytes(seg: string): Uint8Array<ArrayBuffer> {
  const bin = atob(seg.replace(/-/g, '+').replace(/_/g, '/'))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
/** A number of seconds option, checked: a NaN or `"30"` would switch the time checks off. */
function seconds(v: unknown = 0, name: string): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= MAX_LIFETIME)) {
    throw new ArgumentError(`"${name}" must be 0 to ${MAX_LIFETIME} s`, typeof v === 'number' ? 'ERR_INVALID_ARG_VALUE' : undefined)
  }
  return v
}
/** `v` is of type `t`, else an ArgumentError naming `name`. */
function want(v: unknown, name: string, t: 'string' | 'function'): void {
  if (typeof v != t) throw new ArgumentError(`"${name}" must be a ${t}`)
}
/** Keep only JSON objects from a JWKS `keys` array (a hostile document may hold anything). */
const jwksOf = (j: { keys: unknown[] }): Jwks => ({ keys: j.keys.filter(isObj) as Jwk[] })
/** A caller-supplied key set, checked: the same rule for verifyJwt and cacheJwks. */
function givenJwks(jwks: Jwks): Jwks {
  if (!jwks || !Array.isArray(jwks.keys)) throw new ArgumentError('"jwks" must have a "keys" array')
  return jwksOf(jwks)
}
// ---- end issue 8 ----

const fail = (reason: JwtReason, msg: string, cause?: unknown): never => {
  throw new JwtInvalid(reason, msg, { cause })
}
/**
 * One string or several, as a list (`null` when not given). A value of another type becomes a
 * list that matches nothing, so a misconfigured check rejects every token rather than none.
 */
const list = (v: string | readonly string[] | null | undefined): readonly string[] | null => (v == null ? null : [v].flat())

function part(s: string): Record<string, any> {
  let v: unknown, cause: unknown
  // made outside the try: a runtime without TextDecoder gets its ReferenceError, not "malformed"
  const d = new TextDecoder('utf-8', { fatal: true })
  try {
    // fatal: an invalid UTF-8 sequence in a header or payload throws instead of becoming U+FFFD
    v = JSON.parse(d.decode(bytes(s)))
  } catch (e) {
    cause = e
  }
  // "77u_" is a UTF-8 byte-order mark, which the decoder would silently drop
  return isObj(v) && !s.startsWith('77u_') ? v : fail('malformed', 'token header or payload is not a JSON object', cause)
}

/**
 * Check an RS256 JWT against a JWKS and the given claims checks (no fetching: see
 * {@link createVerifier} for the cached, fetching verifier).
 * @param checks - the claims checks, and `issuer`: the accepted issuer(s); `null` skips that check (not recommended)
 * @throws {JwtInvalid}
 */
export async function verifyJwt(
  token: string,
  jwks: Jwks,
  checks: VerifyChecks & { issuer: string | readonly string[] | null; now?: (() => number) | undefined },
): Promise<JwtClaims> {
  const keys = givenJwks(jwks)
  // a missing `checks` is reported as the missing clientId and tokenUse it lacks
  const c = { ...checks }
  // createVerifier makes the same check once; its overrides left undefined keep its values
  if (c.clientId === undefined || c.tokenUse === undefined) throw new ArgumentError('"clientId" and "tokenUse" are required (null skips the check)')
  return run(token, c, async () => keys, list(c.issuer))
}

async function run(
  token: string,
  c: VerifyChecks & { now?: (() => number) | undefined },
  keysFor: (iss: string, kid: string) => Promise<Jwks>,
  issuers: readonly string[] | null,
  hint = '',
): Promise<JwtClaims> {
  want(token, 'token', 'string')
  const tol = seconds(c.clockTolerance, 'clockTolerance')
  // a `now` that is not a function has no `call`: NaN, refused below
  const now = (c.now ?? Date.now).call?.(0) / 1000
  if (!(now > 0)) throw new ArgumentError('"now" must return ms since the epoch', 'ERR_INVALID_ARG_VALUE')
  const segs = token.split('.') as [string, string, string]
  // 64 KiB is far above any Cognito token; three canonical base64url segments, nothing else
  if (token.length > 65536 || segs.length !== 3 || !segs[2] || !segs.every((s) => B64URL.test(s))) fail('malformed', 'token must be three base64url segments of sane size')
  const h = part(segs[0])
  const p: JwtClaims = part(segs[1])
  // no JWS extension is understood, so a "crit" header must be refused (RFC 7515, 4.1.11)
  if (h['alg'] !== 'RS256' || 'crit' in h) fail('alg', 'only RS256 without "crit" is accepted')
  const iss = p.iss
  if (typeof iss !== 'string' || (issuers && !issuers.includes(iss))) {
    fail('iss', 'unexpected issuer' + (/amazonaws\.com\//.test(iss!) ? '' : hint))
  }
  const kid = h['kid']
  if (typeof kid !== 'string') fail('kid', 'token header has no kid')
  const jwk = (await keysFor(iss!, kid)).keys.find((k) => k.kid === kid)
  if (!jwk) return fail('kid', 'no JWKS key has the token kid')
  if (jwk.kty !== 'RSA' || (jwk.alg ?? 'RS256') !== 'RS256' || (jwk.use ?? 'sig') !== 'sig') fail('alg', 'the JWK is not an RS256 signing key')
  if (verified.get(token) !== jwk) {
    let ok = false
    try {
      const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
      // imported once per JWK object: importKey costs more than the verification itself
      let key = imported.get(jwk)
      if (!key) imported.set(jwk, (key = await crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.n!, e: jwk.e!, alg: 'RS256', ext: true }, alg, false, ['verify'])))
      ok = await crypto.subtle.verify(alg, key, bytes(segs[2]), new TextEncoder().encode(segs[0] + '.' + segs[1]))
    } catch (e) {
      fail('signature', 'signature could not be checked', e)
    }
    if (!ok) fail('signature', 'signature does not verify')
    if (token.length <= 16384) {
      if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!)
      verified.set(token, jwk)
    }
  }
  // claims are trusted only from here on
  const use = p.token_use
  if (use !== 'id' && use !== 'access') fail('token_use', 'token_use is neither id nor access')
  if (c.tokenUse !== null && use !== c.tokenUse) fail('token_use', `expected a ${c.tokenUse} token`)
  const ids = list(c.clientId)
  if (ids) {
    const claim = use === 'id' ? 'aud' : 'client_id'
    if (!ids.includes(p[claim] as string)) fail(claim, `${claim} is not an accepted client id`)
  }
  const num = Number.isFinite as (v: unknown) => v is number
  if (!num(p.exp) || now > p.exp + tol) fail('exp', 'token is expired or has no exp')
  // Cognito ID and access tokens live at most one day: a later exp is not Cognito's (issue 8)
  if (p.exp! > now + MAX_LIFETIME + tol) fail('exp', 'exp is more than a day ahead')
  if (p['nbf'] !== undefined && (!num(p['nbf']) || now < p['nbf'] - tol)) fail('nbf', 'token is not valid yet')
  if (!num(p.iat) || p.iat > now + tol) fail('iat', 'iat is missing or in the future')
  const groups = list(c.groups)
  if (groups) {
    const have = p['cognito:groups']
    if (!Array.isArray(have) || !groups.some((g) => have.includes(g))) fail('groups', 'token lacks a required group')
  }
  const scope = list(c.scope)
  if (scope) {
    const have = typeof p['scope'] === 'string' ? p['scope'].split(' ') : []
    if (!scope.some((s) => have.includes(s))) fail('scope', 'token lacks a required scope')
  }
  return p
}

interface CacheEntry {
  jwks?: Jwks | undefined
  /** When the last refetch started, or when the last fetch failed with nothing cached. */
  at: number
  inflight?: Promise<Jwks> | undefined
  /** The last fetch's error, when it failed and nothing is cached: within the cooldown, fail fast without fetching. */
  failed?: unknown
}

/**
 * A verifier for one user pool with a JWKS cache. The JWKS is fetched with a 5 s timeout, without
 * following redirects, and read up to 64 KiB (Cognito's is about 1 KB); every {@link JwksError}
 * names the JWKS URL.
 * @throws {ArgumentError} when `clientId` or `tokenUse` is missing (pass `null` to skip a check),
 * `clockTolerance` / `cooldown` is not a number from 0 to 86400, `endpoint` or `jwksUri` is not a
 * string, or `fetch` is not a function
 * @example
 * ```ts
 * const verifier = createVerifier({ userPoolId: 'us-east-1_AbC', clientId: '1example', tokenUse: 'access' })
 * const claims = await verifier.verify(accessToken) // throws JwtInvalid with err.reason
 * ```
 */
export function createVerifier(options: VerifierOptions): JwtVerifier {
  // a missing options object is reported as the userPoolId it lacks
  const o = { ...options }
  const pool = o.userPoolId
  const [region, id] = typeof pool === 'string' ? pool.split('_') : []
  if (!region || !id) throw new ArgumentError('"userPoolId" must look like "<region>_<id>"', 'ERR_INVALID_ARG_VALUE')
  if (o.clientId === undefined || o.tokenUse === undefined) throw new ArgumentError('"clientId" and "tokenUse" are required (null skips the check)')
  // the two URLs are strings and `fetch` a function (`now` is checked by every verify)
  // (null or left out: nothing to check)
  want(o.endpoint ?? '', 'endpoint', 'string')
  want(o.jwksUri ?? '', 'jwksUri', 'string')
  want(o.fetch ?? want, 'fetch', 'function')
  const issuers = list(o.issuer) ?? [`https://cognito-idp.${region}.amazonaws.com/${pool}`, `https://issuer-cognito-idp.${region}.amazonaws.com/${pool}`]
  // the JWKS beside the pool at `endpoint` when one is set, else beside the token's issuer
  const base = o.endpoint && `${o.endpoint.replace(/\/+$/, '')}/${pool}`
  const uriFor = (iss: string): string => o.jwksUri ?? `${base || iss}/.well-known/jwks.json`
  seconds(o.clockTolerance, 'clockTolerance')
  const cooldown = seconds(o.cooldown ?? 10, 'cooldown') * 1000
  const now = o.now ?? Date.now
  const cache = new Map<string, CacheEntry>()
  // a newcomer's local pool whose tokens name their own issuer: say what to pass
  const hint = o.endpoint || o.issuer ? '' : '; for a local pool pass "endpoint" or "issuer"'

  /** Every JWKS failure names the URL (never a token), so it can be acted on. */
  const jwksError = (uri: string, why: string, cause?: unknown, status?: number): JwksError => new JwksError(`JWKS ${uri}: ${why}`, { cause, status })

  const fetchJwks = async (uri: string): Promise<Jwks> => {
    let res: Response | undefined
    let text: string | undefined
    let body: any
    // raced against the fetch and the body: the deadline holds even for a fetch that ignores `signal`
    const signal = AbortSignal.timeout(5000)
    const stopped = aborted(signal)
    const bad = (why: string, cause?: unknown): never => {
      throw jwksError(uri, why, cause, res?.status)
    }
    try {
      // a redirect is not followed: Cognito never redirects, and the keys must come from this URL
      // 5 s for the answer and its body: a slow drip is aborted, not waited for
      res = await Promise.race([(o.fetch ?? fetch)(uri, { redirect: 'manual', signal }), stopped])
    } catch (cause) {
      bad('fetch failed', cause)
    }
    if (!res!.ok) bad(`HTTP ${res!.status}`)
    try {
      // capped: an endless or inflating body is cut off and cancelled, never buffered whole
      text = await Promise.race([readText(res!, JWKS_MAX_BYTES), stopped])
      body = text && JSON.parse(text)
    } catch (cause) {
      bad('body unreadable or not JSON', cause)
    }
    if (text === undefined) bad(`over ${JWKS_MAX_BYTES} bytes`)
    if (!Array.isArray(body?.keys)) bad('no "keys" array')
    return jwksOf(body)
  }

  const keysFor = async (iss: string, kid: string): Promise<Jwks> => {
    const uri = uriFor(iss)
    const entry: CacheEntry = cache.get(uri) ?? { at: -Infinity }
    cache.set(uri, entry)
    // an endpoint that is down is not asked again by every verify: once per cooldown
    if (entry.failed && now() - entry.at < cooldown) throw jwksError(uri, 'failed recently, retried after the cooldown', entry.failed)
    if (entry.jwks?.keys.some((k) => k.kid === kid)) return entry.jwks
    // an unknown kid (key rotation, or a forged token): refetch at most once per cooldown; while a
    // refetch is on its way, wait for it (the burst of requests after a rotation carry the new kid)
    if (entry.jwks && !entry.inflight) {
      if (now() - entry.at < cooldown) return entry.jwks
      entry.at = now()
    }
    return (entry.inflight ??= fetchJwks(uri).then(
      (j) => ((entry.inflight = entry.failed = undefined), (entry.jwks = j)),
      (err) => {
        entry.inflight = undefined
        if (!entry.jwks) (entry.failed = err), (entry.at = now())
        throw err
      },
    ))
  }

  return {
    issuers,
    // an override left undefined is one not given: the verifier's own check stays (null skips it)
    verify(token, overrides) {
      const c: Record<string, unknown> = { ...o, ...overrides }
      for (const k in c) if (c[k] === undefined) c[k] = o[k as keyof VerifierOptions]
      return run(token, c as unknown as VerifierOptions, keysFor, issuers, hint)
    },
    cacheJwks(jwks, uri = uriFor(issuers[0]!)) {
      cache.set(uri, { jwks: givenJwks(jwks), at: -Infinity })
    },
  }
}

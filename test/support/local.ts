/**
 * Helpers for tests against the local pool's fetch handler: raw calls, and a hand-driven SRP
 * exchange (built from src/srp.ts) so tests can replay, tamper with or delay each step.
 * Web globals only (portable).
 */
import { calculateA, generatePrivateValue, passwordVerifier, poolNameOf, secretHash } from '../../src/srp.ts'
import { AwsV4Signer } from 'aws4fetch'
import { createLocalPool, type LocalPool, type LocalPoolOptions } from '../../src/local/index.ts'

export interface Raw {
  status: number
  headers: Headers
  body: Record<string, any>
}

/** POST one operation to the pool's fetch handler; never throws on an error response. */
export async function call(pool: LocalPool, op: string, input: unknown, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await pool.fetch(pool.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}`, ...headers },
    body: typeof input === 'string' ? input : JSON.stringify(input),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} }
}

/**
 * The headers that sign `input` for `op` with the pool's own credentials (or `credentials`),
 * dated by the pool's clock (SigV4, as any AWS client signs): pass them to {@link call} or
 * {@link errorOf} with the same `input` for an admin operation.
 */
export async function signedFor(pool: LocalPool, op: string, input: unknown, credentials: { accessKeyId: string; secretAccessKey: string } = pool.credentials): Promise<Record<string, string>> {
  const signer = new AwsV4Signer({
    ...credentials,
    url: pool.endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` },
    body: JSON.stringify(input),
    service: 'cognito-idp',
    region: pool.region,
    datetime: new Date(pool.now()).toISOString().replace(/[:-]|\.\d{3}/g, ''),
  })
  const out: Record<string, string> = {}
  ;(await signer.sign()).headers.forEach((v, k) => (out[k] = v))
  return out
}

/** Call and require HTTP 200. */
export async function ok(pool: LocalPool, op: string, input: unknown): Promise<Record<string, any>> {
  const r = await call(pool, op, input)
  if (r.status !== 200) throw new Error(`${op} failed: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body
}

/** The error name of a failed call (asserting the wire shape on the way). */
export async function errorOf(pool: LocalPool, op: string, input: unknown, headers?: Record<string, string>): Promise<{ type: string; message: string; status: number }> {
  const r = await call(pool, op, input, headers)
  if (r.status === 200) throw new Error(`${op} unexpectedly succeeded`)
  const type = r.body.__type ?? r.body.code
  if (r.body.__type && r.headers.get('x-amzn-errortype') !== `${type}:`) throw new Error('x-amzn-ErrorType header does not match __type')
  if (!r.headers.get('x-amzn-requestid')) throw new Error('no x-amzn-RequestId')
  return { type, message: r.body.message, status: r.status }
}

export interface SrpStart {
  init: Raw
  a: bigint
  A: bigint
  /** Build the PASSWORD_VERIFIER answer (timestamp from `date`, default the pool clock). */
  answer(password: string, extra?: Record<string, string>, date?: Date): Promise<Record<string, unknown>>
}

/** InitiateAuth USER_SRP_AUTH, leaving the answer to the test. */
export async function srpStart(pool: LocalPool, username: string, o: { clientId?: string; secret?: string; admin?: boolean; deviceKey?: string } = {}): Promise<SrpStart> {
  const clientId = o.clientId ?? pool.clientId
  const a = generatePrivateValue()
  const A = calculateA(a)
  const params: Record<string, string> = { USERNAME: username, SRP_A: A.toString(16) }
  if (o.secret) params['SECRET_HASH'] = await secretHash(username, clientId, o.secret)
  if (o.deviceKey) params['DEVICE_KEY'] = o.deviceKey
  const init = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: params })
  return {
    init,
    a,
    A,
    async answer(password, extra = {}, date = new Date(pool.now())) {
      const cp = init.body.ChallengeParameters
      const { signature, timestamp } = await passwordVerifier({
        a, A, srpB: cp.SRP_B, salt: cp.SALT, secretBlock: cp.SECRET_BLOCK, prefix: poolNameOf(pool.poolId), id: cp.USER_ID_FOR_SRP, secret: password, date,
      })
      const responses: Record<string, string> = {
        USERNAME: cp.USERNAME, PASSWORD_CLAIM_SECRET_BLOCK: cp.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp, ...extra,
      }
      if (o.secret) responses['SECRET_HASH'] = await secretHash(cp.USERNAME, clientId, o.secret)
      return { ChallengeName: 'PASSWORD_VERIFIER', ClientId: clientId, ChallengeResponses: responses }
    },
  }
}

/** A full SRP login; returns the final RespondToAuthChallenge result (tokens or the next challenge). */
export async function srpLogin(pool: LocalPool, username: string, password: string, o: { clientId?: string; secret?: string; deviceKey?: string } = {}): Promise<Raw> {
  const s = await srpStart(pool, username, o)
  if (s.init.status !== 200) return s.init
  return call(pool, 'RespondToAuthChallenge', await s.answer(password, o.deviceKey ? { DEVICE_KEY: o.deviceKey } : {}))
}

/** Decode a JWT part (header 0, payload 1) without verifying it. */
export function jwtPart(token: string, i = 1): Record<string, any> {
  const p = token.split('.')[i]!
  return JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (p.length % 4)) % 4)))
}

/** A settable clock for pools: `clock.now` is what the pool reads. */
export function manualClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)): { now: () => number; set: (t: number) => void; advance: (ms: number) => void } {
  let t = start
  return { now: () => t, set: (x) => void (t = x), advance: (ms) => void (t += ms) }
}

/** Standard test password that satisfies Cognito's default policy. */
export const PW = 'Corr3ct-horse!'

/**
 * A pool that allows passkeys (and `o`'s other options), with alice (password {@link PW}, an email
 * address) signed in by password: the pool and her access token.
 */
export async function passkeyPool(o: LocalPoolOptions = {}): Promise<{ pool: LocalPool; token: string }> {
  const pool = createLocalPool({ shareKeys: true, allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'], users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }], ...o })
  const r = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  return { pool, token: r['AuthenticationResult'].AccessToken }
}

/** StartWebAuthnRegistration's creation options for the user of `token`. */
export const creationOptions = async (pool: LocalPool, token: string): Promise<Record<string, any>> => (await ok(pool, 'StartWebAuthnRegistration', { AccessToken: token }))['CredentialCreationOptions']

/** CompleteWebAuthnRegistration with `credential`, the raw answer. */
export const completeRegistration = (pool: LocalPool, token: string, credential: unknown): Promise<Raw> => call(pool, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential })

type Fetch = (u: RequestInfo | URL, i?: RequestInit) => Promise<Response>

/** `inner`, except that a request whose body matches a held pattern waits until that hold is released. */
export function holding(inner: Fetch) {
  const holds: Array<{ re: RegExp; arrived: () => void; gate: Promise<void> }> = []
  const fetch: Fetch = async (u, i) => {
    const at = holds.findIndex((h) => h.re.test(String(i?.body)))
    if (at >= 0) {
      const h = holds.splice(at, 1)[0]!
      h.arrived()
      await h.gate
    }
    return inner(u, i)
  }
  /** Hold the next request matching `re`: `arrived` settles when it is sent, `release()` lets it through. */
  const hold = (re: RegExp) => {
    let arrived!: () => void
    let release!: () => void
    const sent = new Promise<void>((r) => (arrived = r))
    holds.push({ re, arrived, gate: new Promise<void>((r) => (release = r)) })
    return { sent, release: () => release() }
  }
  /**
   * Hold the next request matching `re`, start `call`, and wait until that request is sent: the
   * call's promise (its rejection handled, so an early one is not reported) and the hold.
   */
  const start = async <T>(re: RegExp, call: () => Promise<T>): Promise<[Promise<T>, { release: () => void }]> => {
    const held = hold(re)
    const p = call()
    p.catch(() => {})
    await held.sent
    return [p, held]
  }
  return { fetch, hold, start }
}

/**
 * An in-memory Cognito user pool that speaks Cognito's wire protocol, verifies SRP for real and
 * issues real RS256 tokens. Portable: web globals only (fetch types, WebCrypto, BigInt).
 * @module
 */
import { TARGET_PREFIX } from '../transport.ts'
import {
  verifySigV4,
} from './crypto.ts'
import { clientOperations } from './clients.ts'
import { lastCode } from './messages.ts'
import { deviceOperations } from './devices.ts'
import { mfaOperations, setMfa, totpCode } from './mfa.ts'
import { accountOperations } from './account.ts'
import { adminOperations } from './admin.ts'
import { groupOperations } from './groups.ts'
import { challengeOperations } from './challenges.ts'
import { OPS } from './model.gen.ts'
import { signInOperations } from './sign-in.ts'
import { seedUser, view } from './users.ts'
import { jwks, tokenOperations } from './tokens.ts'
import { CORS, PoolError, badRequest, errorResponse, fail, ok, preflight, validateInput } from './wire.ts'
import type { CallRecord, CustomAuthDecision, CustomAuthHandler, FailNextOptions, LocalClientConfig, LocalPool, LocalPoolOptions, LocalUserSeed, LocalUserView, SentMessage } from './options.ts'
import {
  createPoolState,
  findUser,
  uuid,
  type Handler,
  type In,
  } from './state.ts'

export type { CallRecord, CustomAuthDecision, CustomAuthHandler, FailNextOptions, LocalClientConfig, LocalPool, LocalPoolOptions, LocalUserSeed, LocalUserView, SentMessage }

/**
 * Create an in-memory Cognito user pool.
 *
 * @param options - pool id, clients, users, clock, policies; every field optional
 * @returns the pool: `pool.fetch` is a fetch-compatible handler serving Cognito's API, the JWKS
 *   and the OpenID configuration; the other members are an admin API for tests
 * @example
 * ```ts
 * import { createLocalPool } from 'cognito-edge/local'
 * import { Cognito } from 'cognito-edge'
 *
 * const pool = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct-horse', attributes: { email: 'alice@example.com' } }] })
 * const alice = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch })
 * await alice.authenticate('Corr3ct-horse') // real SRP, verified by the pool
 * ```
 */
export function createLocalPool(options: LocalPoolOptions = {}): LocalPool {
  const s = createPoolState(options)
  const { poolId, region, issuer, now, clients, messages, calls, faults } = s
  const { maxBodyBytes: maxBody } = s


  const handlers: Record<string, Handler> = {
    ...clientOperations(s),
    ...tokenOperations(s),
    ...deviceOperations(s),
    ...mfaOperations(s),
    ...signInOperations(s),
    ...challengeOperations(s),
    ...accountOperations(s),
    ...adminOperations(s),
    ...groupOperations(s),
  }

  // ---- HTTP

  const ready = (async () => {
    for (const seed of options.users ?? []) await seedUser(s, seed)
  })()
  ready.catch(() => {})

  async function wellKnown(path: string, rid: string): Promise<Response> {
    const json = (status: number, body: unknown): Response =>
      new Response(JSON.stringify(body), { status, headers: { ...CORS, 'content-type': 'application/json', 'x-amzn-RequestId': rid } })
    if (path === `/${poolId}/.well-known/jwks.json`) return json(200, await jwks(s))
    if (path === `/${poolId}/.well-known/openid-configuration`) {
      return json(200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        response_types_supported: ['code', 'token'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        claims_supported: ['sub', 'email', 'email_verified', 'phone_number', 'phone_number_verified', 'cognito:username', 'cognito:groups'],
      })
    }
    return json(404, { message: 'Not Found' })
  }

  async function readBody(req: Request): Promise<string | undefined> {
    const declared = Number(req.headers.get('content-length') ?? 0)
    if (declared > maxBody) return undefined
    const buf = new Uint8Array(await req.arrayBuffer())
    if (buf.length > maxBody) return undefined
    return new TextDecoder().decode(buf)
  }

  async function handle(req: Request): Promise<Response> {
    const rid = uuid()
    const url = new URL(req.url)
    if (req.method === 'OPTIONS') return preflight(req)
    if (req.method === 'GET') {
      const res = await wellKnown(url.pathname, rid)
      calls.push({ operation: `GET ${url.pathname.slice(url.pathname.lastIndexOf('/') + 1)}`, status: res.status, requestId: rid, time: now() })
      return res
    }
    const target = req.headers.get('x-amz-target') ?? ''
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ''
    let input: unknown
    const log = (status: number, error?: string, response?: unknown): void => {
      calls.push({ operation: op || target || '(none)', status, ...(error ? { error } : {}), requestId: rid, time: now() })
      options.onCall?.({ operation: op, status, request: input, response })
    }
    const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (req.method !== 'POST' || url.pathname !== '/' || type !== 'application/x-amz-json-1.1' || !OPS[op]) {
      log(400, 'BadRequest')
      return badRequest(rid, now())
    }
    try {
      await ready
      const fault = faults.find((f) => (f.op === op || f.op === '*') && f.times > 0)
      if (fault) {
        fault.times--
        fail(fault.type, fault.message, fault.status)
      }
      const body = await readBody(req)
      if (body === undefined) fail('RequestEntityTooLargeException', `Request body is larger than ${maxBody} bytes`, 413)
      try {
        input = JSON.parse(body || '{}', (k, v: unknown) => (k === '__proto__' ? undefined : v))
      } catch {
        fail('SerializationException', 'Malformed JSON: the request body could not be parsed')
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) fail('SerializationException', 'The request body must be a JSON object')
      const [auth, shape] = OPS[op]!
      if (auth === 's') {
        const bad = await verifySigV4({ method: req.method, url, headers: req.headers, body }, options.credentials, now())
        if (bad) fail(bad.type, bad.message)
      }
      if (shape) validateInput(shape, input)
      const h = handlers[op]
      if (!h) fail('UnsupportedOperationException', `${op} is not implemented by the cognito-edge local pool`)
      const out = await h(input as In)
      log(200, undefined, out)
      return ok(out, rid, now())
    } catch (e) {
      if (e instanceof PoolError) {
        log(e.status, e.type, { __type: e.type, message: e.message })
        return errorResponse(e.type, e.message, e.status, rid, now())
      }
      log(500, 'InternalErrorException')
      return errorResponse('InternalErrorException', 'Internal error: ' + String((e as Error)?.message ?? e).slice(0, 200), 500, rid, now())
    }
  }

  const pool: LocalPool = {
    fetch: async (input, init) => handle(input instanceof Request && init === undefined ? input : new Request(input, init)),
    poolId,
    region,
    issuer,
    endpoint: `https://cognito-idp.${region}.amazonaws.com/`,
    clientId: clients[0]!.clientId,
    clients,
    ready,
    messages,
    calls,
    addUser: async (seed) => {
      await ready
      return seedUser(s, seed)
    },
    user: (name) => {
      const u = findUser(s, name)
      return u ? view(u) : undefined
    },
    lastCode: (name, purpose) => lastCode(s, name, purpose),
    setMfa: (name, o) => setMfa(s, name, o),
    totpCode: (name, time) => totpCode(s, name, time),
    failNext(operation, o = {}) {
      const type = o.type ?? 'InternalErrorException'
      faults.push({ op: operation, type, status: o.status ?? (type === 'InternalErrorException' ? 500 : 400), message: o.message ?? `Injected ${type}`, times: o.times ?? 1 })
    },
    jwks: () => jwks(s),
    now,
  }
  return pool
}

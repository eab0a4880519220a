/**
 * The local pool's HTTP room: routing a fetch `Request` to an operation (Cognito's JSON 1.1
 * `X-Amz-Target` protocol), the JWKS and OpenID configuration, CORS preflights, the body-size
 * limit, SigV4 checks of admin operations, request validation against the model, injected
 * faults and the call log. Responses are built by wire.ts.
 * @module
 */
import { ArgumentError, assertObj, assertOptStr } from '../errors.ts'
import { readText } from '../lib/body.ts'
import { checkRanges } from '../lib/checks.ts'
import { TARGET_PREFIX } from '../transport.ts'
import { verifySigV4 } from './crypto.ts'
import { OPS } from './model.gen.ts'
import type { CallRecord, FailNextOptions } from './options.ts'
import { uuid, type In, type Operations, type PoolState } from './state.ts'
import { CALL_LOG_LIMIT, sweepIfDue, trimLog } from './sweep.ts'
import { jwks } from './tokens.ts'
import { CORS, PoolError, badRequest, errorResponse, fail, ok, preflight, validateInput } from './wire.ts'

/** Make the next call(s) of `operation` (or `*`) fail (the test API's failNext). */
export function injectFault(s: PoolState, operation: string, o: FailNextOptions = {}): void {
  if (operation !== '*' && !OPS[operation]) throw new ArgumentError(`"operation" must be a Cognito operation name (like "InitiateAuth") or "*", not ${JSON.stringify(operation)}`, 'ERR_INVALID_ARG_VALUE')
  assertObj(o, 'options')
  checkRanges([['times', o.times, 1], ['status', o.status, 400, 599]])
  assertOptStr(o.type, 'type')
  const type = o.type ?? 'InternalErrorException'
  s.faults.push({ op: operation, type, status: o.status ?? (type === 'InternalErrorException' ? 500 : 400), message: o.message ?? `Injected ${type}`, times: o.times ?? 1 })
}

async function wellKnown(s: PoolState, path: string, rid: string): Promise<Response> {
  const json = (status: number, body: unknown): Response =>
    new Response(JSON.stringify(body), { status, headers: { ...CORS, 'content-type': 'application/json', 'x-amzn-RequestId': rid } })
  const issuer = s.issuer
  if (path === `/${s.poolId}/.well-known/jwks.json`) return json(200, await jwks(s))
  if (path === `/${s.poolId}/.well-known/openid-configuration`) {
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

/**
 * The body as text, or undefined when it is larger than the pool accepts (declared or actual):
 * read with the library's capped reader, which stops at the limit instead of buffering it all.
 */
async function readBody(s: PoolState, req: Request): Promise<string | undefined> {
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > s.maxBodyBytes) return undefined
  return readText(new Response(req.body), s.maxBodyBytes)
}

/**
 * The pool's request handler: every request gets a Cognito-shaped answer, whatever it contains.
 * Operations wait for `ready` (seeded users).
 */
export function createHandler(s: PoolState, operations: Operations, ready: Promise<void>): (req: Request) => Promise<Response> {
  const now = s.now
  const record = (call: CallRecord): void => {
    s.calls.push(call)
    trimLog(s.calls, CALL_LOG_LIMIT)
  }
  return async (req) => {
    sweepIfDue(s)
    const rid = uuid()
    const url = new URL(req.url)
    if (req.method === 'OPTIONS') return preflight(req, s.options.allowCrossOriginAuthorization === true)
    if (req.method === 'GET') {
      const res = await wellKnown(s, url.pathname, rid)
      record({ operation: `GET ${url.pathname.slice(url.pathname.lastIndexOf('/') + 1)}`, status: res.status, requestId: rid, time: now() })
      return res
    }
    const target = req.headers.get('x-amz-target') ?? ''
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ''
    let input: unknown
    const log = (status: number, error?: string, response?: unknown): void => {
      record({ operation: op || target || '(none)', status, ...(error ? { error } : {}), requestId: rid, time: now() })
      s.options.onCall?.({ operation: op, status, request: input, response })
    }
    const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (req.method !== 'POST' || url.pathname !== '/' || type !== 'application/x-amz-json-1.1' || !OPS[op]) {
      log(400, 'BadRequest')
      return badRequest(rid, now())
    }
    try {
      await ready
      const fault = s.faults.find((f) => (f.op === op || f.op === '*') && f.times > 0)
      if (fault) {
        fault.times--
        fail(fault.type, fault.message, fault.status)
      }
      const body = await readBody(s, req)
      if (body === undefined) fail('RequestEntityTooLargeException', `Request body is larger than ${s.maxBodyBytes} bytes`, 413)
      try {
        input = JSON.parse(body || '{}', (k, v: unknown) => (k === '__proto__' ? undefined : v))
      } catch {
        fail('SerializationException', 'Malformed JSON: the request body could not be parsed')
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) fail('SerializationException', 'The request body must be a JSON object')
      const [auth, shape] = OPS[op]!
      if (auth === 's') {
        const bad = await verifySigV4({ method: req.method, url, headers: req.headers, body }, s.credentials, now())
        if (bad) fail(bad.type, bad.message)
      }
      if (shape) validateInput(shape, input)
      const h = operations[op]
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
}

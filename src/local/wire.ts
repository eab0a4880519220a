/**
 * The local pool's wire layer: responses shaped like Cognito's (headers, status, `__type`),
 * CORS, and request validation against the service model (generated subset in model.gen.ts).
 * @module
 */
import { SHAPES, type Shape } from './model.gen.ts'

/** A failure the pool answers with: Cognito's error name, message and HTTP status. */
export class PoolError extends Error {
  /** Cognito's error name, sent as `__type`. */
  readonly type: string
  /** HTTP status (400 for nearly every client error, like Cognito). */
  readonly status: number
  constructor(type: string, message: string, status = 400) {
    super(message)
    this.name = 'PoolError'
    this.type = type
    this.status = status
  }
}

/** Throw a {@link PoolError}. */
export function fail(type: string, message: string, status = 400): never {
  throw new PoolError(type, message, status)
}

/** The CORS headers Cognito sends on every response (amplify-js#824). */
export const CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date',
}

/** The request headers a browser client of Cognito sends (AWS SDK, Amplify, cognito-edge). */
const CLIENT_HEADERS = 'content-type,x-amz-target,x-amz-user-agent,cache-control,x-amz-date,x-amz-content-sha256,x-amz-security-token,amz-sdk-invocation-id,amz-sdk-request'

/**
 * Answer a CORS preflight: allow POST with the headers the browser asks for, except
 * `authorization` unless `allowAuthorization`: a SigV4-signed (admin) call from another origin is
 * then refused by the browser itself.
 */
export function preflight(req: Request, allowAuthorization = false): Response {
  const asked = req.headers.get('access-control-request-headers') ?? CLIENT_HEADERS + (allowAuthorization ? ',authorization' : '')
  const allowed = allowAuthorization ? asked : asked.split(',').filter((h) => h.trim().toLowerCase() !== 'authorization').join(',')
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS,
      'access-control-allow-methods': 'POST, GET, OPTIONS',
      'access-control-allow-headers': allowed,
      'access-control-max-age': '86400',
    },
  })
}

const headerSafe = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024)

/** A JSON response with the headers every Cognito answer carries, plus `extra`. */
function answer(body: unknown, status: number, requestId: string, now: number, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...CORS, 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': requestId, ...extra, date: new Date(now).toUTCString() },
  })
}

/** A 200 response with Cognito's headers. */
export function ok(body: unknown, requestId: string, now: number): Response {
  return answer(body ?? {}, 200, requestId, now)
}

/** An error response: body `{__type, message}`, `x-amzn-ErrorType: Name:`, `x-amzn-ErrorMessage`. */
export function errorResponse(type: string, message: string, status: number, requestId: string, now: number): Response {
  return answer({ __type: type, message }, status, requestId, now, { 'x-amzn-ErrorType': `${type}:`, 'x-amzn-ErrorMessage': headerSafe(message) })
}

/** The answer to a request Cognito cannot route (the `code` form, amazon-cognito-js#64). */
export function badRequest(requestId: string, now: number, status = 400): Response {
  const body = { code: 'BadRequest', message: 'The server did not understand the operation that was requested.', type: 'client' }
  return answer(body, status, requestId, now, { 'x-amzn-ErrorType': 'BadRequest:' })
}

const lc = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1)

const regexCache = new Map<string, RegExp>()
function matches(pattern: string, value: string): boolean {
  let re = regexCache.get(pattern)
  if (!re) regexCache.set(pattern, (re = new RegExp(`^(?:${pattern})$`, 'u')))
  return re.test(value)
}

const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

/**
 * Validate `value` against a model shape. Type mismatches throw `SerializationException`;
 * constraint violations are collected and thrown as one InvalidParameterException worded like
 * AWS's validator: `1 validation error detected: Value null at 'clientId' failed to satisfy
 * constraint: Member must not be null`.
 */
export function validateInput(shapeName: string, value: unknown): void {
  const errors: string[] = []
  check(shapeName, value, '', errors)
  if (errors.length) {
    const n = errors.length
    fail('InvalidParameterException', `${n} validation error${n > 1 ? 's' : ''} detected: ${errors.slice(0, 10).join('; ')}`)
  }
}

function serialization(path: string, expected: string, got: unknown): never {
  fail('SerializationException', `Expected ${expected} at '${path || 'request'}' but got ${jsonType(got)}`)
}

function check(name: string, v: unknown, path: string, errors: string[]): void {
  const s: Shape | undefined = SHAPES[name]
  if (!s || v === null || v === undefined) return
  const shown = (x: unknown): string => (s.x ? `Value at '${path}'` : `Value '${typeof x === 'string' ? x.slice(0, 100) : String(x)}' at '${path}'`)
  const len = (n: number): void => {
    if (s.min !== undefined && n < s.min) errors.push(`${shown(v)} failed to satisfy constraint: Member must have length greater than or equal to ${s.min}`)
    if (s.max !== undefined && n > s.max) errors.push(`${shown(v)} failed to satisfy constraint: Member must have length less than or equal to ${s.max}`)
  }
  switch (s.t) {
    case 'o': {
      if (jsonType(v) !== 'object') serialization(path, 'a structure', v)
      const obj = v as Record<string, unknown>
      const members = s.m as Record<string, string>
      for (const r of s.r ?? []) {
        if (obj[r] === undefined || obj[r] === null) errors.push(`Value null at '${path ? path + '.' : ''}${lc(r)}' failed to satisfy constraint: Member must not be null`)
      }
      for (const [k, sub] of Object.entries(members)) check(sub, obj[k], path ? `${path}.${lc(k)}` : lc(k), errors)
      return
    }
    case 'l': {
      if (!Array.isArray(v)) serialization(path, 'a list', v)
      len(v.length)
      v.forEach((item, i) => check(s.m as string, item, `${path}.${i + 1}.member`, errors))
      return
    }
    case 'm': {
      if (jsonType(v) !== 'object') serialization(path, 'a map', v)
      const entries = Object.entries(v as Record<string, unknown>)
      len(entries.length)
      for (const [k, item] of entries) {
        check(s.k!, k, `${path}.${k}.key`, errors)
        check(s.v!, item, `${path}.${k}.value`, errors)
      }
      return
    }
    case 's':
      if (typeof v !== 'string') serialization(path, 'a string', v)
      len(v.length)
      if (s.e && !s.e.includes(v)) errors.push(`${shown(v)} failed to satisfy constraint: Member must satisfy enum value set: [${s.e.join(', ')}]`)
      else if (s.p && !matches(s.p, v)) errors.push(`${shown(v)} failed to satisfy constraint: Member must satisfy regular expression pattern: ${s.p}`)
      return
    case 'b':
      if (typeof v !== 'boolean') serialization(path, 'a boolean', v)
      return
    case 'd':
      return
    case 'i':
    case 'n':
      if (typeof v !== 'number' || !Number.isFinite(v)) serialization(path, 'a number', v)
      if (s.t === 'i' && s.min !== undefined && v < s.min) errors.push(`${shown(v)} failed to satisfy constraint: Member must have value greater than or equal to ${s.min}`)
      if (s.t === 'i' && s.max !== undefined && v > s.max) errors.push(`${shown(v)} failed to satisfy constraint: Member must have value less than or equal to ${s.max}`)
      return
    default:
      if (typeof v !== 'string') serialization(path, 'a base64 string', v)
  }
}

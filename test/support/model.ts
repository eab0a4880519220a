/**
 * Node-only: validate request and response bodies against the service model
 * (model/cognito-idp.model.json, botocore format). Checks what the wire format promises:
 * - structure: a JSON object; `required` members present; no member the shape does not declare;
 * - string (enum, min/max length in code points, `pattern` matched against the whole value, as
 *   the service's validation does: "Member must satisfy regular expression pattern: [\w+]+"),
 *   integer / long (whole numbers, min/max), boolean, timestamp (epoch seconds as a JSON number),
 *   blob (standard base64; max in decoded bytes), list (min/max items), map (min/max entries,
 *   keys and values checked), document (anything JSON);
 * - error bodies: `__type` (sanitised by the awsJson rule) names an error the operation declares,
 *   and the rest of the body fits that error's shape.
 * The string "$any" (the replay wildcard in recorded requests) is accepted wherever a value goes.
 */
import { readFileSync } from 'node:fs'

interface MemberRef {
  shape: string
}
export interface Shape {
  type: string
  members?: Record<string, MemberRef>
  required?: string[]
  member?: MemberRef
  key?: MemberRef
  value?: MemberRef
  enum?: string[]
  min?: number
  max?: number
  pattern?: string
  exception?: boolean
  fault?: boolean
  document?: boolean
  'x-fault'?: string
}
export interface Operation {
  name: string
  input?: MemberRef
  output?: MemberRef
  errors?: MemberRef[]
}
export interface Model {
  metadata: { targetPrefix: string }
  operations: Record<string, Operation>
  shapes: Record<string, Shape>
}

/** The service model shipped in the repository. */
export const model: Model = JSON.parse(readFileSync(new URL('../../model/cognito-idp.model.json', import.meta.url), 'utf8')) as Model

const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
const patterns = new Map<string, RegExp | null>()
function patternOf(p: string): RegExp | null {
  if (!patterns.has(p)) {
    let re: RegExp | null
    try {
      // Java's inline (?s) flag becomes the JS `s` flag
      re = p.startsWith('(?s)') ? new RegExp(`^(?:${p.slice(4)})$`, 'su') : new RegExp(`^(?:${p})$`, 'u')
    } catch {
      re = null
    }
    patterns.set(p, re)
  }
  return patterns.get(p)!
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Validate `value` against shape `shapeName`. Returns the list of problems (empty when valid),
 * each prefixed with the JSON path.
 * @param allowExtra member names accepted on the top-level structure besides the declared ones
 */
export function validateShape(shapeName: string, value: unknown, path = '$', allowExtra: string[] = []): string[] {
  const shape = model.shapes[shapeName]
  if (!shape) return [`${path}: unknown shape ${shapeName}`]
  if (value === '$any') return []
  // a document (botocore writes it as a structure with `document: true`) is any JSON value
  if (shape.document) return []
  const errs: string[] = []
  const range = (n: number, what: string): void => {
    if (shape.min !== undefined && n < shape.min) errs.push(`${path}: ${what} ${n} < min ${shape.min} (${shapeName})`)
    if (shape.max !== undefined && n > shape.max) errs.push(`${path}: ${what} ${n} > max ${shape.max} (${shapeName})`)
  }
  switch (shape.type) {
    case 'structure': {
      if (!isObject(value)) return [`${path}: expected an object (${shapeName})`]
      const members = shape.members ?? {}
      for (const r of shape.required ?? []) if (value[r] === undefined || value[r] === null) errs.push(`${path}.${r}: required by ${shapeName}`)
      for (const [k, v] of Object.entries(value)) {
        const m = members[k]
        if (!m) {
          if (!allowExtra.includes(k)) errs.push(`${path}.${k}: not a member of ${shapeName}`)
          continue
        }
        if (v === null) continue
        errs.push(...validateShape(m.shape, v, `${path}.${k}`))
      }
      return errs
    }
    case 'string': {
      if (typeof value !== 'string') return [`${path}: expected a string (${shapeName})`]
      if (shape.enum && !shape.enum.includes(value)) errs.push(`${path}: ${JSON.stringify(value)} is not one of ${shapeName}'s enum values`)
      range([...value].length, 'length')
      if (shape.pattern) {
        const re = patternOf(shape.pattern)
        if (re && !re.test(value)) errs.push(`${path}: does not match ${shapeName} pattern ${shape.pattern}`)
      }
      return errs
    }
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return [`${path}: expected an integer (${shapeName})`]
      range(value, 'value')
      return errs
    case 'float':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) return [`${path}: expected a number (${shapeName})`]
      range(value, 'value')
      return errs
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean (${shapeName})`]
    case 'timestamp':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: expected epoch seconds as a JSON number (${shapeName})`]
    case 'blob':
      if (typeof value !== 'string' || !B64.test(value)) return [`${path}: expected standard base64 (${shapeName})`]
      range(atob(value).length, 'decoded length')
      return errs
    case 'list': {
      if (!Array.isArray(value)) return [`${path}: expected an array (${shapeName})`]
      range(value.length, 'item count')
      value.forEach((v, i) => errs.push(...validateShape(shape.member!.shape, v, `${path}[${i}]`)))
      return errs
    }
    case 'map': {
      if (!isObject(value)) return [`${path}: expected an object map (${shapeName})`]
      const entries = Object.entries(value)
      range(entries.length, 'entry count')
      for (const [k, v] of entries) {
        errs.push(...validateShape(shape.key!.shape, k, `${path}{key ${JSON.stringify(k)}}`))
        errs.push(...validateShape(shape.value!.shape, v, `${path}.${k}`))
      }
      return errs
    }
    default:
      return shape.document ? [] : [`${path}: unsupported shape type ${shape.type} (${shapeName})`]
  }
}

/** The awsJson error-name rule (before the first `:`, after the first `#`). */
export const sanitiseErrorType = (raw: string): string => {
  const s = raw.split(':')[0]!
  return s.slice(s.indexOf('#') + 1)
}

/** Validate an operation's request body. */
export function validateRequest(operation: string, body: unknown): string[] {
  const op = model.operations[operation]
  if (!op) return [`unknown operation ${operation}`]
  if (!op.input) return isObject(body) && Object.keys(body).length === 0 ? [] : [`${operation} takes no input: the body must be {}`]
  return validateShape(op.input.shape, body, `${operation} request`)
}

/** Validate a 2xx response body (undefined = empty body). */
export function validateOutput(operation: string, body: unknown): string[] {
  const op = model.operations[operation]
  if (!op) return [`unknown operation ${operation}`]
  if (body === undefined) return []
  if (!op.output) return isObject(body) && Object.keys(body).length === 0 ? [] : [`${operation} has no output: the body must be empty or {}`]
  return validateShape(op.output.shape, body, `${operation} response`)
}

/**
 * Errors every AWS JSON-protocol service may return that no service model lists: request
 * authentication, signing, throttling and serialisation failures of the shared front end
 * (AWS documentation, "Common errors"; Smithy's awsJson protocol tests). Client errors are sent
 * with HTTP 400 (403 for AccessDenied), the server ones with 5xx.
 */
export const COMMON_ERRORS: Readonly<Record<string, 'client' | 'server'>> = {
  AccessDeniedException: 'client',
  ExpiredTokenException: 'client',
  IncompleteSignatureException: 'client',
  InvalidSignatureException: 'client',
  MissingAuthenticationTokenException: 'client',
  SerializationException: 'client',
  ThrottlingException: 'client',
  UnknownOperationException: 'client',
  UnrecognizedClientException: 'client',
  ValidationException: 'client',
  InternalFailure: 'server',
  ServiceUnavailable: 'server',
}

/** Fault class (`client` / `server`) of an error name: the model's, or the common error's. */
export const faultOf = (name: string): string | undefined => model.shapes[name]?.['x-fault'] ?? COMMON_ERRORS[name]

/**
 * Validate an error response body: `__type` among the operation's errors (or an AWS-wide common
 * error, see {@link COMMON_ERRORS}), the rest per that error's shape.
 */
export function validateError(operation: string, body: unknown): string[] {
  const op = model.operations[operation]
  if (!op) return [`unknown operation ${operation}`]
  if (!isObject(body) || typeof body['__type'] !== 'string') return [`${operation} error: the body must be an object with a string __type`]
  const name = sanitiseErrorType(body['__type'])
  if (COMMON_ERRORS[name] && !model.shapes[name]) {
    const extra = Object.keys(body).filter((k) => !['__type', 'message', 'Message'].includes(k))
    const msg = body['message'] ?? body['Message']
    return [...extra.map((k) => `${operation} ${name}.${k}: not a member of a common error`), ...(msg === undefined || typeof msg === 'string' ? [] : [`${operation} ${name}: message must be a string`])]
  }
  const shape = model.shapes[name]
  if (!shape?.exception) return [`${operation} error: ${name} is not an error shape of the model`]
  if (!(op.errors ?? []).some((e) => e.shape === name)) return [`${operation} error: ${name} is not in the operation's error list`]
  return validateShape(name, body, `${operation} ${name}`, ['__type'])
}

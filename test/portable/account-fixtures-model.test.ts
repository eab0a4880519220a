/**
 * Every issue-4 fixture conforms to the service model: request bodies to the operation's input
 * shape, 200 bodies to its output shape, error bodies to `{ __type, message }` with a name the
 * operation declares (or one of the AWS-wide signature errors), and the headers real Cognito sends.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import model from '../../model/cognito-idp.model.json' with { type: 'json' }
import { fixtures } from '../support/account-fixtures.ts'

interface Shape {
  type: string
  members?: Record<string, { shape: string }>
  required?: string[]
  member?: { shape: string }
  value?: { shape: string }
  key?: { shape: string }
  enum?: string[]
  min?: number
  max?: number
  pattern?: string
  document?: boolean
}
const shapes = model.shapes as unknown as Record<string, Shape>
const operations = model.operations as unknown as Record<string, { input?: { shape: string }; output?: { shape: string }; errors?: { shape: string }[] }>
/** Errors of the AWS JSON protocols for credentials / signatures; not in the Cognito model. */
const AWS_WIDE = new Set(['UnrecognizedClientException', 'InvalidSignatureException'])

function check(name: string, v: unknown, path: string, wildcard: boolean): void {
  if (wildcard && v === '$any') return
  const s = shapes[name]
  assert.ok(s, `${path}: unknown shape ${name}`)
  if (s.document) return
  switch (s.type) {
    case 'structure': {
      assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `${path} must be an object (${name})`)
      const o = v as Record<string, unknown>
      for (const r of s.required ?? []) assert.ok(r in o, `${path}.${r} is required by ${name}`)
      for (const [k, x] of Object.entries(o)) {
        const m = s.members?.[k]
        assert.ok(m, `${path}.${k} is not a member of ${name}`)
        check(m.shape, x, `${path}.${k}`, wildcard)
      }
      return
    }
    case 'list':
      assert.ok(Array.isArray(v), `${path} must be a list`)
      if (s.min !== undefined) assert.ok(v.length >= s.min, `${path} needs ${s.min}+ items`)
      if (s.max !== undefined) assert.ok(v.length <= s.max, `${path} allows ${s.max} items`)
      v.forEach((x, i) => check(s.member!.shape, x, `${path}[${i}]`, wildcard))
      return
    case 'map':
      assert.ok(v !== null && typeof v === 'object' && !Array.isArray(v), `${path} must be a map`)
      for (const [k, x] of Object.entries(v)) {
        check(s.key!.shape, k, `${path} key`, false)
        check(s.value!.shape, x, `${path}.${k}`, wildcard)
      }
      return
    case 'string':
    case 'blob':
      assert.equal(typeof v, 'string', `${path} must be a string (${name})`)
      if (s.enum) assert.ok(s.enum.includes(v as string), `${path}: ${String(v)} is not in ${name}`)
      if (s.min !== undefined && s.type === 'string') assert.ok((v as string).length >= s.min, `${path} shorter than ${s.min}`)
      if (s.max !== undefined && s.type === 'string') assert.ok((v as string).length <= s.max, `${path} longer than ${s.max}`)
      if (s.pattern) assert.match(v as string, new RegExp(`^(?:${s.pattern})$`, 'u'), `${path} breaks the pattern of ${name}`)
      return
    case 'integer':
    case 'long':
      assert.ok(Number.isInteger(v), `${path} must be an integer`)
      if (s.min !== undefined) assert.ok((v as number) >= s.min, `${path} below ${s.min}`)
      if (s.max !== undefined) assert.ok((v as number) <= s.max, `${path} above ${s.max}`)
      return
    case 'timestamp':
      assert.equal(typeof v, 'number', `${path} must be epoch seconds`)
      return
    case 'boolean':
      assert.equal(typeof v, 'boolean', `${path} must be a boolean`)
      return
    default:
      assert.fail(`${path}: unhandled shape type ${s.type}`)
  }
}

for (const [file, fx] of Object.entries(fixtures)) {
  test(`fixture ${file} conforms to the service model and to real Cognito responses`, () => {
    assert.match(fx.source, /\S{20,}/, 'an honest source line')
    assert.ok(fx.interactions.length > 0)
    fx.interactions.forEach(({ request, response }, i) => {
      const op = operations[request.operation]
      assert.ok(op, `${file}[${i}]: unknown operation ${request.operation}`)
      if (op.input) check(op.input.shape, request.body, `${file}[${i}] ${request.operation} request`, true)
      const h = response.headers ?? {}
      assert.equal(h['content-type'], 'application/x-amz-json-1.1')
      assert.match(h['x-amzn-requestid'] ?? '', /^[0-9a-f-]{36}$/)
      if (response.status === 200) {
        if (response.body !== undefined && op.output) check(op.output.shape, response.body, `${file}[${i}] ${request.operation} response`, false)
        if (!op.output) assert.ok(response.body === undefined || Object.keys(response.body as object).length === 0)
      } else {
        assert.equal(response.status, 400, 'Cognito answers client errors with HTTP 400')
        const body = response.body as { __type: string; message: string }
        assert.deepEqual(Object.keys(body).sort(), ['__type', 'message'])
        const declared = (op.errors ?? []).some((e) => e.shape === body.__type)
        assert.ok(declared || AWS_WIDE.has(body.__type), `${request.operation} does not declare ${body.__type}`)
        assert.equal(h['x-amzn-errortype'], `${body.__type}:`)
        assert.equal(h['x-amzn-errormessage'], body.message)
      }
    })
  })
}

test('the model check itself rejects bodies real Cognito would refuse', () => {
  const bad: Array<[string, unknown]> = [
    ['ForgotPasswordRequest', { ClientId: 'c', Username: 'u', Bogus: 1 }], // unknown member
    ['ForgotPasswordRequest', { Username: 'u' }], // missing ClientId
    ['ConfirmForgotPasswordRequest', { ClientId: 'c', Username: 'u', ConfirmationCode: '1', Password: 'has space' }], // pattern [\S]+
    ['CodeDeliveryDetailsType', { DeliveryMedium: 'PIGEON' }], // enum
    ['ListUsersRequest', { UserPoolId: 'eu-west-1_A', Limit: 61 }], // range
    ['SignUpResponse', { UserConfirmed: 'false', UserSub: 's' }], // boolean as string
  ]
  for (const [shape, body] of bad) assert.throws(() => check(shape, body, shape, false), assert.AssertionError, shape)
  assert.doesNotThrow(() => check('ForgotPasswordRequest', { ClientId: 'c', Username: 'u', SecretHash: '$any' }, 'x', true))
})

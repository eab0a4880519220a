/**
 * Node-only: every fixture under fixtures/ (recursively, whoever wrote it) is checked against
 * the service model and the fixture rules in test/support/replay.ts and protocol.md §5:
 * - a non-empty `source` and a non-empty ordered `interactions` list;
 * - each request names a model operation and its body fits the operation's input shape;
 * - each 2xx JSON `body` fits the output shape; each error `body` has a `__type` the operation
 *   declares, and fits that error's shape;
 * - JSON responses look like Cognito's: `content-type: application/x-amz-json-1.1` and an
 *   `x-amzn-requestid`; client errors are HTTP 400 and server faults 5xx (the live service sends
 *   400 whatever the model's httpError says, protocol.md §2.6); an `x-amzn-errortype` header, when
 *   present, names the same error as the body.
 * `rawBody` responses (deliberately malformed bytes) and `abort` responses are exempt from the
 * shape checks but must say what they are in `description`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { faultOf, model, sanitiseErrorType, validateError, validateOutput, validateRequest, validateShape } from './support/model.ts'
import type { Fixture } from './support/replay.ts'

const ROOT = new URL('../fixtures/', import.meta.url).pathname

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n)
      return statSync(p).isDirectory() ? walk(p) : n.endsWith('.json') ? [p] : []
    })
}

const files = walk(ROOT)

test('there are fixtures to validate', () => {
  assert.ok(files.length >= 19, `found ${files.length} fixture files`)
})

for (const file of files) {
  const rel = file.slice(ROOT.length)
  test(`fixture ${rel} conforms to the service model`, () => {
    const fx = JSON.parse(readFileSync(file, 'utf8')) as Fixture
    assert.equal(typeof fx.source, 'string', 'source must be a string')
    assert.ok(fx.source.trim().length > 0, 'source must not be empty')
    assert.ok(Array.isArray(fx.interactions) && fx.interactions.length > 0, 'interactions must be a non-empty array')
    const problems: string[] = []
    fx.interactions.forEach((it, i) => {
      const at = (s: string): string => `interaction ${i}: ${s}`
      const op = it.request?.operation
      if (!model.operations[op]) {
        problems.push(at(`unknown operation ${String(op)}`))
        return
      }
      if (it.request.body !== undefined) problems.push(...validateRequest(op, it.request.body).map(at))
      const r = it.response
      if (r.abort) {
        if (!/abort/i.test(fx.description ?? '')) problems.push(at('an abort response must be explained in description'))
        return
      }
      if (!Number.isInteger(r.status)) {
        problems.push(at('response.status must be an integer'))
        return
      }
      const h = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
      if (r.rawBody !== undefined) {
        if (typeof r.rawBody !== 'string') problems.push(at('rawBody must be a string'))
        if (r.body !== undefined) problems.push(at('rawBody and body are exclusive'))
        if (!(fx.description ?? '').trim()) problems.push(at('a rawBody fixture must describe what is malformed'))
        return
      }
      if (r.body !== undefined || r.status !== 200) {
        if (h['content-type'] !== 'application/x-amz-json-1.1') problems.push(at('JSON responses carry content-type application/x-amz-json-1.1'))
        if (!h['x-amzn-requestid']) problems.push(at('responses carry x-amzn-requestid'))
      }
      if (r.status >= 200 && r.status < 300) {
        problems.push(...validateOutput(op, r.body).map(at))
        return
      }
      problems.push(...validateError(op, r.body).map(at))
      const type = (r.body as { __type?: unknown } | undefined)?.__type
      if (typeof type !== 'string') return
      const name = sanitiseErrorType(type)
      const fault = faultOf(name)
      if (fault === 'client' && r.status !== 400 && !(name === 'AccessDeniedException' && r.status === 403)) problems.push(at(`${name} is a client error: Cognito sends HTTP 400, not ${r.status}`))
      if (fault === 'server' && r.status < 500) problems.push(at(`${name} is a server fault: expected HTTP 5xx, got ${r.status}`))
      if (h['x-amzn-errortype'] !== undefined && sanitiseErrorType(h['x-amzn-errortype']) !== name) {
        problems.push(at(`x-amzn-errortype ${h['x-amzn-errortype']} disagrees with __type ${name}`))
      }
    })
    assert.deepEqual(problems, [])
  })
}

test('the validator rejects what real Cognito would not send or accept', () => {
  const ok = { AuthFlow: 'USER_SRP_AUTH', ClientId: 'abc123', AuthParameters: { USERNAME: 'a', SRP_A: 'ff' } }
  assert.deepEqual(validateRequest('InitiateAuth', ok), [])
  const problems = (b: unknown): string[] => validateRequest('InitiateAuth', b)
  assert.match(problems({ ...ok, AuthFlow: 'PASSWORD' }).join(), /enum/)
  assert.match(problems({ AuthFlow: 'USER_SRP_AUTH' }).join(), /ClientId: required/)
  assert.match(problems({ ...ok, Extra: 1 }).join(), /Extra: not a member/)
  assert.match(problems({ ...ok, ClientId: '' }).join(), /length 0 < min 1/)
  assert.match(problems({ ...ok, ClientId: 'a b' }).join(), /pattern/)
  assert.match(problems({ ...ok, AuthParameters: { USERNAME: 5 } }).join(), /expected a string/)
  assert.match(problems({ ...ok, Session: 'short' }).join(), /min 20/)
  assert.match(problems([ok]).join(), /expected an object/)
  assert.match(validateOutput('InitiateAuth', { AuthenticationResult: { ExpiresIn: '3600' } }).join(), /expected an integer/)
  assert.match(validateOutput('InitiateAuth', { AvailableChallenges: 'PASSWORD' }).join(), /expected an array/)
  assert.match(validateOutput('InitiateAuth', { ChallengeName: 'NOPE' }).join(), /enum/)
  assert.match(validateOutput('DeleteUser', { x: 1 }).join(), /no output/)
  assert.deepEqual(validateOutput('DeleteUser', {}), [])
  assert.match(validateShape('BooleanType', 'true').join(), /boolean/)
  assert.deepEqual(validateShape('Document', { challenge: 'x', rp: { id: 'example.com' } }), [])
  assert.match(validateShape('DateType', '2022-01-01').join(), /epoch seconds/)
  assert.deepEqual(validateError('InitiateAuth', { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }), [])
  assert.deepEqual(validateError('InitiateAuth', { __type: 'com.amazonaws#UserNotFoundException:x', message: 'm' }), [])
  assert.match(validateError('InitiateAuth', { __type: 'CodeMismatchException', message: 'm' }).join(), /not in the operation's error list/)
  assert.match(validateError('InitiateAuth', { __type: 'BadRequest' }).join(), /not an error shape/)
  assert.match(validateError('InitiateAuth', { message: 'm' }).join(), /__type/)
  assert.match(validateError('InitiateAuth', { __type: 'NotAuthorizedException', detail: 1 }).join(), /detail: not a member/)
  // AWS-wide errors of the JSON protocols are accepted for any operation, with a message only
  assert.deepEqual(validateError('AdminGetUser', { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }), [])
  assert.match(validateError('AdminGetUser', { __type: 'InvalidSignatureException', message: 'm', extra: 1 }).join(), /extra: not a member/)
})

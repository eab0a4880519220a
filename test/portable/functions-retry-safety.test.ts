/**
 * Retry safety of every function: against a Cognito that always answers HTTP 500
 * InternalErrorException (an outcome the caller cannot know), an operation that is unsafe to repeat
 * (it sends a code, consumes a one-time value or answers a challenge: `UNSAFE` of the transport) is
 * sent once, any other three times. The cases cover every exported function: one added without a
 * case fails here. InitiateAuth is in `UNSAFE` for the generic entry points, which cannot read the
 * flow; the functions can, so for them each case says whether its start is unsafe (`unsafe`).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as api from '../../src/index.ts'
import { createClient, InternalErrorException, type ClientOptions } from '../../src/index.ts'
import { UNSAFE } from '../../src/transport.ts'
import { exportedFunctions, functionCases } from '../support/function-cases.ts'
import { CLIENT, NOW, POOL } from '../support/signin-data.ts'

/** Attempts per operation, against a Cognito that fails every request with a 500. */
function failingCognito() {
  const attempts: Record<string, number> = {}
  const fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const op = (new Headers(init?.headers).get('x-amz-target') ?? '').replace('AWSCognitoIdentityProviderService.', '')
    attempts[op] = (attempts[op] ?? 0) + 1
    return new Response('{"__type":"InternalErrorException"}', { status: 500, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }
  return { attempts, fetch }
}

test('the cases name exactly the exported functions, each exported from cognito-edge as well', () => {
  assert.deepEqual(Object.keys(cases).sort(), exportedFunctions().sort())
  for (const name of exportedFunctions()) assert.equal(typeof (api as Record<string, unknown>)[name], 'function', `${name} is exported from src/index.ts`)
})

const cognito = failingCognito()
const options: ClientOptions = { userPoolId: POOL, clientId: CLIENT, fetch: cognito.fetch, now: () => NOW, retry: { random: () => 0 } }
const cases = functionCases(options)
/** Unsafe to repeat whatever the input: the transport's list, but for InitiateAuth (the functions read its flow). */
const listed = (op: string): boolean => op !== 'InitiateAuth' && UNSAFE.test(op)

test('both kinds of operation are exercised', () => {
  const ops = Object.values(cases).flat().map((c) => c.operation)
  assert.ok(ops.some(listed) && ops.some((op) => !listed(op)))
})

for (const [name, calls] of Object.entries(cases)) {
  if (!calls.length) continue
  test(`${name}: ${calls.map((c) => `${c.operation} sent ${c.unsafe || listed(c.operation) ? 'once (unsafe to repeat)' : '3 times'}`).join(', ')}`, async () => {
    const client = createClient(options)
    for (const { operation, run, unsafe } of calls) {
      for (const k of Object.keys(cognito.attempts)) delete cognito.attempts[k]
      await assert.rejects(run(client), InternalErrorException, `${name} (${operation}) fails with Cognito's error`)
      const expected = unsafe || listed(operation) ? 1 : 3
      assert.deepEqual(cognito.attempts, { [operation]: expected }, `${operation} is ${expected === 1 ? 'unsafe to repeat: sent once' : 'safe to repeat: retried'}`)
    }
  })
}

test('userAuth preferring EMAIL_OTP or SMS_OTP: InitiateAuth sends the code at once, so it is sent once; preferring PASSWORD_SRP it is retried', async () => {
  const client = createClient(options)
  for (const [preferred, expected] of [['EMAIL_OTP', 1], ['SMS_OTP', 1], ['PASSWORD_SRP', 3]] as const) {
    for (const k of Object.keys(cognito.attempts)) delete cognito.attempts[k]
    await assert.rejects(api.userAuth(client, { username: 'alice', preferred, password: 'Corr3ct-horse-battery!' }), InternalErrorException)
    assert.deepEqual(cognito.attempts, { InitiateAuth: expected }, preferred)
  }
})

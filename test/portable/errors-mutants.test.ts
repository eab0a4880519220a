/**
 * Cases the seed-2 mutation round over the error classes (src/errors.ts) found unguarded: each
 * exported Cognito error class is the one Cognito's answer of that name becomes, so
 * `err instanceof PasswordResetRequiredException` (or `UsernameExistsException`, …) holds for what
 * the service sends, and the class's `errorName` and `name` are the export's own name. The error
 * answers are shaped as protocol.md 2.6 records them (`{"__type", "message"}`, HTTP 400).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as E from '../../src/index.ts'

/** The exported service error classes, by their export name. */
const classes = Object.entries(E as Record<string, unknown>).filter((e): e is [string, E.ServiceErrorClass<string>] => typeof e[1] === 'function' && typeof (e[1] as { errorName?: unknown }).errorName === 'string')

test('every exported Cognito error class carries its own name', () => {
  assert.ok(classes.length >= 19, `found ${classes.length} classes`)
  for (const [name, C] of classes) {
    assert.equal(C.errorName, name)
    const err = new C('m')
    assert.equal(err.name, name)
    assert.ok(err instanceof E.CognitoServiceError, name)
  }
})

test("Cognito's error answer of each name becomes that exported class", async () => {
  for (const [name, C] of classes) {
    const res = new Response(JSON.stringify({ __type: name, message: 'm' }), { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'c77c13f8-0000-4000-8000-000000000001' } })
    await assert.rejects(E.processResponse(res), (e: unknown) => e instanceof C && (e as Error).name === name, name)
  }
})

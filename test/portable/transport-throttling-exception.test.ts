/**
 * `ThrottlingException` is throttling, as the AWS SDKs treat it (and as TooManyRequestsException
 * is): retried with the throttling backoff, even for an operation unsafe to repeat (throttling is
 * answered before Cognito does any work), and the admin client's calls likewise. Injected `fetch`;
 * portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { send } from '../../src/index.ts'
import { createAdminClient } from '../../src/admin.ts'

const H = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' }
const answers = (first: string, status = 400) => {
  let calls = 0
  const fetch = async (): Promise<Response> => (++calls === 1 ? new Response(JSON.stringify({ __type: first, message: 'Rate exceeded' }), { status, headers: H }) : Response.json({ Ok: true }, { headers: H }))
  return { fetch, calls: () => calls }
}
// the throttling base is 1 ms and the transient one 60 s: a retry after the transient wait would time the test out
const retry = { maxAttempts: 2, throttleBaseDelay: 1, baseDelay: 60_000, random: () => 1 }

test('ThrottlingException is retried with the throttling backoff, for a safe and an unsafe operation', async () => {
  for (const type of ['ThrottlingException', 'com.amazon.coral.availability#ThrottlingException', 'TooManyRequestsException']) {
    for (const op of ['GetUser', 'SignUp', 'RespondToAuthChallenge']) {
      const a = answers(type)
      assert.deepEqual(await send(op, {}, { region: 'us-east-1', fetch: a.fetch, retry }), { Ok: true }, `${type} ${op}`)
      assert.equal(a.calls(), 2, `${type} ${op}`)
    }
  }
})

test('the admin client retries a ThrottlingException, AdminCreateUser included (re-signed)', async () => {
  for (const op of ['AdminGetUser', 'AdminCreateUser'] as const) {
    const a = answers('ThrottlingException')
    const admin = createAdminClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, fetch: a.fetch, retry })
    assert.deepEqual(await admin.send(op, { UserPoolId: 'us-east-1_AbC', Username: 'bob' }), { Ok: true }, op)
    assert.equal(a.calls(), 2, op)
  }
})

test('control: errors that are not throttling are not retried as such', async () => {
  for (const type of ['LimitExceededException', 'NotAuthorizedException', 'ThrottlingExceptionX', 'XThrottlingException']) {
    const a = answers(type)
    await assert.rejects(send('SignUp', {}, { region: 'us-east-1', fetch: a.fetch, retry }), (e: Error) => e.name === type)
    assert.equal(a.calls(), 1, type)
  }
})

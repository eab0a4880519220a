/**
 * Transport behaviour as data: each case is a short, in-memory fixture (the responses Cognito or
 * the network gives, in order) plus the options and the expected outcome. The same cases run
 * through the injected replay fetch (test/portable/transport-cases.test.ts) and through undici's
 * MockAgent (test/transport-cases.mockagent.test.ts). Portable: node:assert, src/, test/support.
 */
import assert from 'node:assert/strict'
import * as errors from '../../src/errors.ts'
import { send, type CallOptions, type FetchLike } from '../../src/transport.ts'
import type { Fixture, Interaction, SeenRequest } from './replay.ts'

const JSON_CT = 'application/x-amz-json-1.1'
const ok = (body: unknown, extra: Record<string, string> = {}): Interaction['response'] => ({
  status: 200,
  headers: { 'content-type': JSON_CT, 'x-amzn-requestid': 'ok-req', ...extra },
  body,
})
const err = (status: number, body: unknown, headers: Record<string, string> = {}): Interaction['response'] => ({
  status,
  headers: { 'content-type': JSON_CT, 'x-amzn-requestid': 'err-req', ...headers },
  body,
})
const cognitoError = (name: string, message: string, status = 400): Interaction['response'] =>
  err(status, { __type: name, message }, { 'x-amzn-errortype': `${name}:`, 'x-amzn-errormessage': message })
const raw = (status: number, rawBody: string, headers: Record<string, string> = {}): Interaction['response'] => ({ status, headers, rawBody })
const NETWORK: Interaction['response'] = { status: 0, networkError: true }
const HANG: Interaction['response'] = { status: 0, abort: true }

export interface TransportCase {
  name: string
  operation?: string
  responses: Interaction['response'][]
  options?: CallOptions
  /** What happens when a HANG response is reached: the caller aborts, or nothing (a timeout must fire). */
  onHold?: 'abort' | 'nothing'
  /** Abort while the transport waits between attempts. */
  abortDuringBackoff?: boolean
  expect: {
    /** Error class name exported from src/errors.ts (or CognitoServiceError for unknown names). */
    error?: string
    name?: string
    message?: string
    status?: number
    requestId?: string
    retryable?: boolean
    output?: unknown
  }
}

export const transportCases: TransportCase[] = [
  // ---- how the error name is found (protocol.md §2.6) ----
  {
    name: '__type + message, as real Cognito sends (§5 item 1)',
    responses: [cognitoError('NotAuthorizedException', 'Incorrect username or password.')],
    expect: { error: 'NotAuthorizedException', name: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400, requestId: 'err-req', retryable: false },
  },
  {
    name: 'namespaced __type "a.b#Name" with "Message"',
    responses: [err(400, { __type: 'com.amazonaws.cognito.identity.idp.model#NotAuthorizedException', Message: 'Password attempts exceeded' })],
    expect: { error: 'NotAuthorizedException', name: 'NotAuthorizedException', message: 'Password attempts exceeded', status: 400 },
  },
  {
    name: 'namespaced and suffixed __type "ns#Name:http://…"',
    responses: [err(400, { __type: 'aws.protocoltests#CodeMismatchException:http://internal.amazon.com/coral/com.amazon.coral.validate/', message: 'Invalid code or auth state for the user.' })],
    expect: { error: 'CodeMismatchException', name: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' },
  },
  {
    name: 'body "code" form (§5 item 14) → a CognitoServiceError named by it',
    responses: [err(400, { code: 'BadRequest', message: 'The server did not understand the operation that was requested.', type: 'client' })],
    expect: { error: 'CognitoServiceError', name: 'BadRequest', message: 'The server did not understand the operation that was requested.', status: 400 },
  },
  {
    name: 'header only: x-amzn-ErrorType "Name:" with the trailing colon',
    responses: [err(400, { message: 'Invalid code provided, please request a code again.' }, { 'x-amzn-ErrorType': 'ExpiredCodeException:' })],
    expect: { error: 'ExpiredCodeException', name: 'ExpiredCodeException', message: 'Invalid code provided, please request a code again.' },
  },
  {
    name: 'header only: x-amzn-ErrorType "Name:http://internal…", message from x-amzn-ErrorMessage',
    responses: [err(400, {}, { 'x-amzn-errortype': 'UserNotFoundException:http://internal.amazon.com/coral/com.amazon.coral.service/', 'x-amzn-errormessage': 'User does not exist.' })],
    expect: { error: 'UserNotFoundException', name: 'UserNotFoundException', message: 'User does not exist.' },
  },
  {
    name: '__type wins over code and the header',
    responses: [err(400, { __type: 'UserNotConfirmedException', code: 'BadRequest', message: 'User is not confirmed.' }, { 'x-amzn-errortype': 'NotAuthorizedException:' })],
    expect: { error: 'UserNotConfirmedException', name: 'UserNotConfirmedException' },
  },
  {
    name: 'an error name the library has no class for keeps its name',
    responses: [cognitoError('WebAuthnNotEnabledException', 'Passkeys are not enabled.')],
    expect: { error: 'CognitoServiceError', name: 'WebAuthnNotEnabledException', message: 'Passkeys are not enabled.' },
  },
  {
    name: 'no message anywhere: the message is the error name',
    responses: [err(400, { __type: 'InvalidParameterException' })],
    expect: { error: 'InvalidParameterException', message: 'InvalidParameterException' },
  },
  {
    name: 'a 400 without any error type → ResponseError, not retried',
    responses: [err(400, {})],
    expect: { error: 'ResponseError', status: 400, retryable: false },
  },
  {
    name: 'a non-JSON error body with an x-amzn-ErrorType header is still identified',
    responses: [raw(400, 'Bad request', { 'x-amzn-errortype': 'InvalidParameterException:', 'x-amzn-requestid': 'r-9' })],
    expect: { error: 'InvalidParameterException', requestId: 'r-9' },
  },
  {
    name: 'request id from x-amz-request-id when x-amzn-RequestId is absent',
    responses: [raw(400, '{"__type":"NotAuthorizedException","message":"m"}', { 'x-amz-request-id': 'alt-id' })],
    expect: { error: 'NotAuthorizedException', requestId: 'alt-id' },
  },

  // ---- success bodies ----
  { name: '200 with an empty body → {}', operation: 'GlobalSignOut', responses: [raw(200, '', { 'x-amzn-requestid': 'x' })], expect: { output: {} } },
  { name: '200 with {} → {}', responses: [ok({})], expect: { output: {} } },
  {
    name: 'prototype-polluting keys are dropped from responses',
    responses: [raw(200, '{"__proto__":{"polluted":true},"constructor":{"x":1},"ChallengeParameters":{}}', { 'content-type': JSON_CT })],
    expect: { output: { ChallengeParameters: {} } },
  },
  { name: '200 with a non-JSON body → ResponseError', responses: [raw(200, '<html>ok</html>', { 'content-type': 'text/html' })], expect: { error: 'ResponseError', status: 200 } },
  { name: '200 with a JSON string → ResponseError', responses: [raw(200, '"hello"')], expect: { error: 'ResponseError', status: 200 } },
  { name: '200 with null → ResponseError', responses: [raw(200, 'null')], expect: { error: 'ResponseError', status: 200 } },

  // ---- retries: what is retried, and how many attempts ----
  {
    name: 'TooManyRequestsException (HTTP 400) is retried, then succeeds',
    responses: [cognitoError('TooManyRequestsException', 'Rate exceeded'), ok({ UserAttributes: [], Username: 'alice' })],
    expect: { output: { UserAttributes: [], Username: 'alice' } },
  },
  {
    name: 'HTTP 429 is retried: 3 attempts, then the error',
    responses: [1, 2, 3].map(() => cognitoError('TooManyRequestsException', 'Too many requests', 429)),
    expect: { error: 'TooManyRequestsException', status: 429, retryable: true },
  },
  {
    name: 'InternalErrorException (500) is retried, then succeeds on the third attempt',
    responses: [cognitoError('InternalErrorException', 'Internal error', 500), cognitoError('InternalErrorException', 'Internal error', 500), ok({})],
    expect: { output: {} },
  },
  {
    name: '502 and 503 without a Cognito body are retried',
    responses: [raw(502, 'Bad Gateway'), raw(503, ''), ok({ Username: 'a', UserAttributes: [] })],
    expect: { output: { Username: 'a', UserAttributes: [] } },
  },
  {
    name: 'a network error is retried, then succeeds',
    responses: [NETWORK, ok({})],
    expect: { output: {} },
  },
  {
    name: 'network errors on every attempt → NetworkError after 3 attempts',
    responses: [NETWORK, NETWORK, NETWORK],
    expect: { error: 'NetworkError', retryable: true },
  },
  {
    name: 'LimitExceededException is never retried (one attempt)',
    responses: [cognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.')],
    expect: { error: 'LimitExceededException', retryable: false },
  },
  {
    name: 'NotAuthorizedException is never retried, even as a 5xx',
    responses: [cognitoError('NotAuthorizedException', 'Incorrect username or password.', 500)],
    expect: { error: 'NotAuthorizedException', retryable: false },
  },
  { name: 'CodeMismatchException is not retried', responses: [cognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.')], expect: { error: 'CodeMismatchException', retryable: false } },
  { name: 'ExpiredCodeException is not retried, even as a 5xx', responses: [cognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.', 503)], expect: { error: 'ExpiredCodeException', retryable: false } },
  {
    name: 'retry: false makes exactly one attempt',
    responses: [cognitoError('InternalErrorException', 'Internal error', 500)],
    options: { retry: false },
    expect: { error: 'InternalErrorException', status: 500, retryable: true },
  },
  {
    name: 'retry.maxAttempts: 5 makes up to five attempts',
    responses: [NETWORK, raw(503, ''), cognitoError('TooManyRequestsException', 'Rate exceeded'), raw(500, '{}'), ok({})],
    options: { retry: { maxAttempts: 5, random: () => 0 } },
    expect: { output: {} },
  },
  {
    name: 'an unsafe operation (RespondToAuthChallenge) is not retried on a 5xx',
    operation: 'RespondToAuthChallenge',
    responses: [cognitoError('InternalErrorException', 'Internal error', 500)],
    expect: { error: 'InternalErrorException', status: 500 },
  },
  {
    name: 'an unsafe operation (SignUp) is not retried after a network error',
    operation: 'SignUp',
    responses: [NETWORK],
    expect: { error: 'NetworkError' },
  },
  {
    name: 'an operation that creates something (CreateUserPoolClient) is not retried on a 5xx: two clients could result',
    operation: 'CreateUserPoolClient',
    responses: [cognitoError('InternalErrorException', 'Internal error', 500)],
    expect: { error: 'InternalErrorException', status: 500 },
  },
  {
    name: 'an unsafe operation is still retried on throttling (Cognito did no work)',
    operation: 'ForgotPassword',
    responses: [cognitoError('TooManyRequestsException', 'Rate exceeded'), ok({ CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: 'a***@e***' } })],
    expect: { output: { CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: 'a***@e***' } } },
  },
  {
    name: 'retryUnsafe: true retries an unsafe operation on a 5xx',
    operation: 'SignUp',
    responses: [raw(500, ''), ok({ UserConfirmed: false, UserSub: 'sub' })],
    options: { retryUnsafe: true },
    expect: { output: { UserConfirmed: false, UserSub: 'sub' } },
  },

  // ---- timeout and abort ----
  {
    name: 'no answer within the timeout → TimeoutError (retried: 3 attempts)',
    responses: [HANG, HANG, HANG],
    onHold: 'nothing',
    options: { timeout: 5 },
    expect: { error: 'TimeoutError', retryable: true },
  },
  {
    name: 'a timeout on an unsafe operation is not retried',
    operation: 'ConfirmSignUp',
    responses: [HANG],
    onHold: 'nothing',
    options: { timeout: 5 },
    expect: { error: 'TimeoutError' },
  },
  {
    name: 'the caller aborts mid-request → AbortError, no further attempt',
    responses: [HANG],
    onHold: 'abort',
    expect: { error: 'AbortError', retryable: false },
  },
  {
    name: 'the caller aborts during the backoff → AbortError, no further attempt',
    responses: [cognitoError('InternalErrorException', 'Internal error', 500)],
    abortDuringBackoff: true,
    expect: { error: 'AbortError' },
  },
]

/** What a carrier provides for one case. */
export interface CaseTransport {
  fetch: FetchLike
  seen: SeenRequest[]
  done: () => void
}

/** Run one case: send, check the outcome, the attempt count and every request. */
export async function runTransportCase(c: TransportCase, makeTransport: (fx: Fixture, onHold: () => void) => CaseTransport): Promise<void> {
  const operation = c.operation ?? 'GetUser'
  const input = { AccessToken: 'eyJ.token.sig' }
  const fx: Fixture = { source: 'test/support/transport-cases.ts', interactions: c.responses.map((response) => ({ request: { operation, body: input }, response })) }
  const ctl = new AbortController()
  const t = makeTransport(fx, () => {
    if (c.onHold !== 'nothing') ctl.abort()
  })
  const random = c.abortDuringBackoff
    ? () => {
        // the sleep starts with a live signal; the abort lands while it waits (a 10 s delay)
        queueMicrotask(() => ctl.abort())
        return 1
      }
    : () => 0
  const options: CallOptions & { userPoolId: string } = {
    userPoolId: 'us-east-1_ExAmPlE12',
    fetch: t.fetch,
    signal: ctl.signal,
    retry: c.abortDuringBackoff ? { random, baseDelay: 10_000 } : { random },
    ...c.options,
  }
  const p = send(operation, input, options)
  if (c.expect.error) {
    const e = await p.then(
      () => assert.fail('send should have failed'),
      (x: unknown) => x,
    )
    const cls = (errors as unknown as Record<string, new (...a: never[]) => Error>)[c.expect.error]
    assert.ok(cls && e instanceof cls, `expected ${c.expect.error}, got ${String(e)}`)
    assert.ok(errors.isCognitoError(e))
    const ce = e as errors.CognitoError
    if (c.expect.name !== undefined) assert.equal(ce.name, c.expect.name)
    if (c.expect.message !== undefined) assert.equal(ce.message, c.expect.message)
    if (c.expect.status !== undefined) assert.equal(ce.status, c.expect.status)
    if (c.expect.requestId !== undefined) assert.equal(ce.requestId, c.expect.requestId)
    if (c.expect.retryable !== undefined) assert.equal(ce.retryable, c.expect.retryable)
    assert.ok(!JSON.stringify(ce).includes('eyJ.token.sig'), 'the request body never reaches the error')
  } else {
    assert.deepEqual(await p, c.expect.output)
  }
  t.done()
  assert.equal(t.seen.length, c.responses.length, 'number of attempts')
  for (const s of t.seen) {
    assert.equal(s.url, 'https://cognito-idp.us-east-1.amazonaws.com/')
    assert.equal(s.headers['x-amz-target'], `AWSCognitoIdentityProviderService.${operation}`)
    assert.equal(s.headers['content-type'], JSON_CT)
    assert.deepEqual(s.body, input)
  }
}

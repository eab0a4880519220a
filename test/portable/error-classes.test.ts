/**
 * The error classes' stable identity: every class's literal `name` and `code` (what callers and
 * logs match on across bundles, since minifiers mangle constructor names), as the instance and in
 * `toJSON()`, and what a ChallengeError carries. Portable: src/ only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  AbortError,
  ArgumentError,
  ChallengeError,
  CognitoError,
  ExpiredSessionError,
  JwksError,
  JwtInvalid,
  MissingGlobalError,
  NetworkError,
  NotAuthenticatedError,
  ResponseError,
  SrpError,
  TimeoutError,
} from '../../src/index.ts'

test('every error class has its literal name and stable code, also in toJSON()', () => {
  const table: Array<[Error & { code: string }, string, string]> = [
    [new CognitoError('m'), 'CognitoError', 'ERR_COGNITO_SERVICE'],
    [new NetworkError('m'), 'NetworkError', 'ERR_NETWORK'],
    [new TimeoutError('m'), 'TimeoutError', 'ERR_TIMEOUT'],
    [new AbortError('m'), 'AbortError', 'ERR_ABORTED'],
    [new ResponseError('m'), 'ResponseError', 'ERR_BAD_RESPONSE'],
    [new SrpError('m'), 'SrpError', 'ERR_SRP'],
    [new NotAuthenticatedError('m'), 'NotAuthenticatedError', 'ERR_NOT_AUTHENTICATED'],
    [new ChallengeError('SOFTWARE_TOKEN_MFA'), 'ChallengeError', 'ERR_CHALLENGE'],
    [new ExpiredSessionError('m'), 'ExpiredSessionError', 'ERR_SESSION_EXPIRED'],
    [new JwtInvalid('exp', 'm'), 'JwtInvalid', 'ERR_JWT_INVALID'],
    [new JwksError('m'), 'JwksError', 'ERR_JWKS'],
    [new MissingGlobalError('m'), 'MissingGlobalError', 'ERR_MISSING_GLOBAL'],
    [new ArgumentError('m'), 'ArgumentError', 'ERR_INVALID_ARG_TYPE'],
  ]
  for (const [err, name, code] of table) {
    assert.equal(err.name, name)
    assert.equal(err.code, code, name)
    if (err instanceof CognitoError) assert.deepEqual([err.toJSON()['name'], err.toJSON()['code']], [name, code])
  }
})

test('a ChallengeError carries the challenge name, a copy of its parameters, AvailableChallenges and a hidden Session', () => {
  const params = { USERNAME: 'alice' }
  const e = new ChallengeError('SELECT_CHALLENGE', params, 'AYABeSession', ['PASSWORD', 'EMAIL_OTP'])
  params.USERNAME = 'changed'
  assert.equal(e.challengeName, 'SELECT_CHALLENGE')
  assert.deepEqual(e.challengeParameters, { USERNAME: 'alice' })
  assert.deepEqual(e.availableChallenges, ['PASSWORD', 'EMAIL_OTP'])
  assert.equal(e.session, 'AYABeSession')
  assert.equal(e.message, 'Cognito requires the SELECT_CHALLENGE challenge to be answered')
  const json = JSON.stringify(e)
  assert.equal(json.includes('AYABeSession'), false, 'the Session never reaches JSON')
  assert.equal(JSON.parse(json).challengeName, 'SELECT_CHALLENGE')
})

test('an ArgumentError logged as JSON says what was wrong: its message is there with its name and code, as in a CognitoError\'s toJSON()', async () => {
  const { authenticate, createClient } = await import('../../src/index.ts')
  const client = createClient({ userPoolId: 'us-east-1_AbC123', clientId: 'client1', fetch: async () => assert.fail('no request') })
  const e = await authenticate(client, { password: 'x' } as never).catch((e: unknown) => e)
  assert.ok(e instanceof ArgumentError)
  assert.deepEqual(JSON.parse(JSON.stringify(e)), { name: 'ArgumentError', code: 'ERR_INVALID_ARG_TYPE', message: '"username" must be a non-empty string' })
  // and it still reads as one error, once, in String() and the stack
  assert.equal(String(e), 'ArgumentError: "username" must be a non-empty string')
  assert.match(e.stack!, /^ArgumentError: "username" must be a non-empty string\n/)
})

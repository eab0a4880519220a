/**
 * The Cognito class outside the recorded fixtures: constructor checks, what is safe to log, the
 * typed challenge error, malformed auth results, and the error classes themselves.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as errors from '../../src/errors.ts'
import {
  ArgumentError,
  ChallengeError,
  Cognito,
  CognitoError,
  CognitoServiceError,
  NetworkError,
  NotAuthenticatedError,
  NotAuthorizedException,
  ResponseError,
  SrpError,
  UserNotFoundException,
  decodePayload,
  isCognitoError,
  serviceError,
} from '../../src/index.ts'

const POOL = 'us-east-1_ExAmPlE12'
const CT = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' }
const reply = (body: unknown, status = 200) => async (): Promise<Response> => new Response(JSON.stringify(body), { status, headers: CT })
const b64url = (o: unknown): string => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o)))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const jwt = (claims: unknown): string => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2ln`

test('constructor: caller mistakes are ArgumentErrors naming the argument', () => {
  const ok = { userPoolId: POOL, clientId: 'client1' }
  const bad: Array<[unknown, RegExp]> = [
    [undefined, /"options"/],
    [{ ...ok, userPoolId: '' }, /"userPoolId"/],
    [{ ...ok, userPoolId: 'nounderscore' }, /"userPoolId"/],
    [{ ...ok, clientId: 5 }, /"clientId"/],
    [{ ...ok, username: '' }, /"username"/],
    [{ ...ok, clientSecret: '' }, /"clientSecret"/],
    [{ ...ok, rng: 'x' }, /"rng"/],
    [{ ...ok, now: 1 }, /"now"/],
    [{ ...ok, endpoint: 'not a url' }, /"endpoint"/],
    [{ ...ok, userPoolId: 'local_abc' }, /"userPoolId"/],
  ]
  for (const [opts, msg] of bad) assert.throws(() => new Cognito(opts as never), (e: unknown) => e instanceof ArgumentError && msg.test(e.message))
  // a local pool id is fine with an explicit endpoint
  assert.equal(new Cognito({ userPoolId: 'local_abc', clientId: 'c', endpoint: 'http://127.0.0.1:9229/' }).userPoolId, 'local_abc')
})

test('authenticate: argument errors come before any request', async () => {
  let calls = 0
  const fetch = async (): Promise<Response> => (calls++, new Response('{}'))
  const noUser = new Cognito({ userPoolId: POOL, clientId: 'c', fetch })
  await assert.rejects(noUser.authenticate('pw'), (e: unknown) => e instanceof ArgumentError && /"username"/.test(e.message))
  const user = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'alice', fetch })
  await assert.rejects(user.authenticate(''), (e: unknown) => e instanceof ArgumentError && /"password"/.test(e.message))
  await assert.rejects(user.authenticate('pw', { flow: 'ADMIN_NO_SRP_AUTH' as never }), (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /"flow"/.test(e.message))
  assert.equal(calls, 0)
})

test('tokens, the client secret and passwords never show in JSON, toString or inspect', async () => {
  const access = jwt({ username: 'alice-sub', token_use: 'access' })
  const user = new Cognito({
    userPoolId: POOL,
    clientId: 'c',
    username: 'alice',
    clientSecret: 'TOP-SECRET-VALUE',
    fetch: reply({ AuthenticationResult: { AccessToken: access, IdToken: 'id.tok.en', RefreshToken: 'REFRESH-VALUE', ExpiresIn: 60, TokenType: 'Bearer' }, ChallengeParameters: {} }),
    now: () => 1_000,
  })
  const res = await user.authenticate('PASSWORD-VALUE', { flow: 'USER_PASSWORD_AUTH' })
  assert.equal(res.expiresAt, 61_000)
  assert.equal(user.internalUsername, 'alice-sub', 'the access token username claim is Cognito\'s internal name')
  const inspectFn = (user as unknown as Record<symbol, () => unknown>)[Symbol.for('nodejs.util.inspect.custom')]!
  for (const text of [JSON.stringify(user), String(user), JSON.stringify(inspectFn.call(user))]) {
    for (const secret of ['TOP-SECRET-VALUE', 'REFRESH-VALUE', 'PASSWORD-VALUE', access, 'id.tok.en']) assert.ok(!text.includes(secret), `${secret} leaked into ${text}`)
  }
  assert.deepEqual(JSON.parse(JSON.stringify(user)), { userPoolId: POOL, clientId: 'c', username: 'alice', signedIn: true })
  assert.equal(String(user), `Cognito(${POOL}/c, alice)`)
})

test('a challenge this issue does not answer raises a typed ChallengeError with name, parameters and session', async () => {
  const session = 'AYABeC1-session-blob-' + 'x'.repeat(40)
  const user = new Cognito({
    userPoolId: POOL,
    clientId: 'c',
    username: 'alice',
    accessToken: 'old.access.token',
    fetch: reply({ ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeParameters: { USER_ID_FOR_SRP: 'alice-sub', requiredAttributes: '[]', userAttributes: '{"email":"alice@example.com"}' }, Session: session }),
  })
  const e = await user.authenticate('pw', { flow: 'USER_PASSWORD_AUTH' }).then(() => assert.fail('should throw'), (x: unknown) => x)
  assert.ok(e instanceof ChallengeError && e instanceof CognitoError)
  assert.equal(e.code, 'ERR_CHALLENGE')
  assert.equal(e.challengeName, 'NEW_PASSWORD_REQUIRED')
  assert.equal(e.challengeParameters['requiredAttributes'], '[]')
  assert.equal(e.session, session)
  assert.ok(!Object.keys(e).includes('session'), 'session is not enumerable')
  assert.ok(!JSON.stringify(e).includes(session))
  assert.equal(user.pendingChallenge?.name, 'NEW_PASSWORD_REQUIRED')
  assert.equal(user.pendingChallenge?.username, 'alice-sub')
  assert.equal(user.internalUsername, 'alice-sub')
  assert.equal(user.accessToken, 'old.access.token', 'tokens unchanged')
})

test('malformed auth results leave the tokens unchanged', async () => {
  const bodies: unknown[] = [
    { AuthenticationResult: { AccessToken: 'only.access.token' } },
    { ChallengeParameters: {} },
    { AuthenticationResult: [] , ChallengeName: 5 },
  ]
  for (const body of bodies) {
    const user = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'alice', idToken: 'old.id', accessToken: 'old.access', refreshToken: 'old-refresh', fetch: reply(body) })
    await assert.rejects(user.authenticate('pw', { flow: 'USER_PASSWORD_AUTH' }), ResponseError)
    assert.deepEqual([user.idToken, user.accessToken, user.refreshToken], ['old.id', 'old.access', 'old-refresh'])
  }
  const srpOnPassword = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'alice', fetch: reply({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: {} }) })
  await assert.rejects(srpOnPassword.authenticate('pw', { flow: 'USER_PASSWORD_AUTH' }), ResponseError)
})

test('a refresh-style result without RefreshToken keeps the old refresh token; defaults for ExpiresIn and TokenType', async () => {
  const user = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'alice', refreshToken: 'kept', now: () => 0, fetch: reply({ AuthenticationResult: { AccessToken: 'a.b.c', IdToken: 'i.d.t', NewDeviceMetadata: { DeviceKey: 'us-east-1_dk', DeviceGroupKey: '-grp' } } }) })
  const res = await user.authenticate('pw', { flow: 'USER_PASSWORD_AUTH' })
  assert.equal(res.refreshToken, 'kept')
  assert.equal(res.expiresIn, 3600)
  assert.equal(res.tokenType, 'Bearer')
  assert.deepEqual(res.newDevice, { deviceKey: 'us-east-1_dk', deviceGroupKey: '-grp' })
})

test('protected helpers for subclasses: requireAccessToken, clearTokens, secretHashFor', async () => {
  class Sub extends Cognito {
    need(): string {
      return this.requireAccessToken('GetUser')
    }
    clear(): void {
      this.clearTokens()
    }
    hash(u: string): Promise<string | undefined> {
      return this.secretHashFor(u)
    }
    get secretInfo(): [boolean, string | undefined] {
      return [this.hasClientSecret, this.clientSecretValue]
    }
  }
  const s = new Sub({ userPoolId: POOL, clientId: 'c', accessToken: 'tok', clientSecret: 'sec' })
  assert.equal(s.need(), 'tok')
  assert.deepEqual(s.secretInfo, [true, 'sec'])
  assert.equal(typeof (await s.hash('u')), 'string')
  s.clear()
  assert.throws(() => s.need(), (e: unknown) => e instanceof NotAuthenticatedError && e.code === 'ERR_NOT_AUTHENTICATED' && /GetUser/.test(e.message))
  const plain = new Sub({ userPoolId: POOL, clientId: 'c' })
  assert.equal(await plain.hash('u'), undefined)
})

test('error classes: instanceof and name both work; toJSON is safe; codes are stable', () => {
  const e = serviceError('NotAuthorizedException', 'Incorrect username or password.', { status: 400, requestId: 'r', cause: { body: 'secret-body' } })
  assert.ok(e instanceof NotAuthorizedException && e instanceof CognitoServiceError && e instanceof CognitoError && e instanceof Error)
  assert.equal(e.name, 'NotAuthorizedException')
  assert.equal(e.code, 'ERR_COGNITO_SERVICE')
  assert.equal(NotAuthorizedException.errorName, 'NotAuthorizedException')
  assert.deepEqual(e.toJSON(), { name: 'NotAuthorizedException', code: 'ERR_COGNITO_SERVICE', message: 'Incorrect username or password.', status: 400, requestId: 'r', retryable: false })
  assert.ok(!JSON.stringify(e).includes('secret-body'))
  assert.ok(!(e instanceof UserNotFoundException))
  // every exported named class is what serviceError builds for its name (and only for it)
  let named = 0
  for (const [key, cls] of Object.entries(errors)) {
    if (typeof cls !== 'function' || !('errorName' in cls)) continue
    named++
    const built = serviceError(key, 'm')
    assert.ok(built instanceof cls && built.constructor === cls && built.name === key && cls.errorName === key, key)
    // the class is named too: loggers that report `err.constructor.name` (pino's `type`) show Cognito's name
    assert.equal(cls.name, key)
  }
  assert.ok(named >= 19, `${named} named classes`)
  assert.equal(serviceError('Exception', 'm').constructor, CognitoServiceError)
  // names that are Object.prototype members find no class
  for (const proto of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.equal(serviceError(proto, 'm').constructor, CognitoServiceError, proto)
  const unknown = serviceError('SomethingNewException', 'm')
  assert.equal(unknown.constructor, CognitoServiceError)
  assert.equal(unknown.name, 'SomethingNewException')
  assert.equal(new NetworkError('x').retryable, true)
  assert.equal(new SrpError('x').code, 'ERR_SRP')
  assert.ok(isCognitoError(new ArgumentError('x')))
  assert.ok(isCognitoError(e))
  assert.ok(!isCognitoError(new Error('x')))
  assert.equal(new ChallengeError('SMS_MFA').toJSON()['challengeName'], 'SMS_MFA')
})

test('decodePayload reads a JWT payload without verifying it, and never throws', () => {
  assert.deepEqual(decodePayload(jwt({ username: 'ü' })), { username: 'ü' })
  assert.equal(decodePayload('nodots'), undefined)
  assert.equal(decodePayload('a.!!!.c'), undefined)
  assert.equal(decodePayload(`a.${b64url([1])}.c`), undefined)
})

test('a client constructed before globalThis.fetch is replaced uses the new fetch', async () => {
  const user = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'alice' })
  const saved = globalThis.fetch
  let calls = 0
  try {
    globalThis.fetch = (async () => {
      calls++
      return new Response(JSON.stringify({ AuthenticationResult: { AccessToken: 'a.b.c', IdToken: 'i.d.t' } }), { status: 200, headers: CT })
    }) as typeof fetch
    await user.authenticate('pw', { flow: 'USER_PASSWORD_AUTH' })
  } finally {
    globalThis.fetch = saved
  }
  assert.equal(calls, 1)
  assert.equal(user.accessToken, 'a.b.c')
})

test('the instance signal and the call signal both abort a call', async () => {
  const hang = (_u: string, init: RequestInit): Promise<Response> =>
    new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))
  for (const which of ['instance', 'call'] as const) {
    const inst = new AbortController()
    const call = new AbortController()
    const user = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'alice', signal: inst.signal, fetch: (u, i) => (queueMicrotask(() => (which === 'instance' ? inst : call).abort()), hang(u, i)) })
    await assert.rejects(user.authenticate('pw', { flow: 'USER_PASSWORD_AUTH', signal: call.signal }), (e: unknown) => e instanceof CognitoError && e.name === 'AbortError')
  }
  const done = new AbortController()
  done.abort()
  const user = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'alice', signal: done.signal, fetch: reply({}) })
  await assert.rejects(user.authenticate('pw', { flow: 'USER_PASSWORD_AUTH', signal: new AbortController().signal }), (e: unknown) => e instanceof CognitoError && e.name === 'AbortError')
})

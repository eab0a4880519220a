/**
 * The login fixtures (fixtures/*.json, written by scripts/make-fixtures.ts) and the checks every
 * replay of them runs, whatever carries the HTTP: the injected replay fetch (portable tests) or
 * undici's MockAgent (Node-only tests). Portable: node:assert, node:crypto, src/ and test/support.
 *
 * For each fixture: build a `Cognito` with the fixture's client options, injected private value
 * and clock (and pre-existing tokens for the failure cases), call `authenticate`, then assert
 * - the outcome: the tokens of the recorded AuthenticationResult, or the error's class, `name`,
 *   status, message and request id, with the instance's earlier tokens unchanged;
 * - every request the client sent, in order, against the recorded one (target, content type,
 *   body: SRP_A, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE, SECRET_HASH, USERNAME…), and the number
 *   of attempts;
 * - SECRET_HASH recomputed with node:crypto over the USERNAME of the same request;
 * - for SRP exchanges, the independent server (test/support/srp-server.ts, the fixture's fixed b)
 *   reproduces SRP_B and accepts the signature the client produced (rejects it for a wrong
 *   password): this fails when the client's maths is wrong even though the fixture pins bytes.
 */
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import * as errors from '../../src/errors.ts'
import { Cognito, type AuthResult } from '../../src/cognito.ts'
import type { CallOptions, FetchLike } from '../../src/transport.ts'
import { makeVerifier, serverStep } from './srp-server.ts'
import { matches, type Fixture, type SeenRequest } from './replay.ts'
import abortMidLogin from '../../fixtures/abort-mid-login.json' with { type: 'json' }
import limitExceeded from '../../fixtures/limit-exceeded.json' with { type: 'json' }
import malformedEmptyBody from '../../fixtures/malformed-empty-body.json' with { type: 'json' }
import malformedHtml502 from '../../fixtures/malformed-html-502.json' with { type: 'json' }
import malformedJsonArray from '../../fixtures/malformed-json-array.json' with { type: 'json' }
import malformedTruncatedJson from '../../fixtures/malformed-truncated-json.json' with { type: 'json' }
import passwordLogin from '../../fixtures/password-login.json' with { type: 'json' }
import srpBMultipleOfN from '../../fixtures/srp-b-multiple-of-n.json' with { type: 'json' }
import srpBNotHex from '../../fixtures/srp-b-not-hex.json' with { type: 'json' }
import srpBZero from '../../fixtures/srp-b-zero.json' with { type: 'json' }
import srpLoginAlias from '../../fixtures/srp-login-alias.json' with { type: 'json' }
import srpLoginClientSecret from '../../fixtures/srp-login-client-secret.json' with { type: 'json' }
import srpLogin from '../../fixtures/srp-login.json' with { type: 'json' }
import srpMissingSrpB from '../../fixtures/srp-missing-srp-b.json' with { type: 'json' }
import srpSaltNotHex from '../../fixtures/srp-salt-not-hex.json' with { type: 'json' }
import srpSecretBlockNotBase64 from '../../fixtures/srp-secret-block-not-base64.json' with { type: 'json' }
import srpWrongPassword from '../../fixtures/srp-wrong-password.json' with { type: 'json' }
import throttledThenSuccess from '../../fixtures/throttled-then-success.json' with { type: 'json' }
import userNotFound from '../../fixtures/user-not-found.json' with { type: 'json' }

/** A fixture of a login scenario (the interactions plus what the test needs to replay it). */
export interface LoginFixture extends Fixture {
  client: { userPoolId: string; clientId: string; username: string; clientSecret?: string }
  /** `authenticate(password, { flow })`, or one operation sent with the instance's transport. */
  call: { password: string; flow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' } | { operation: string; input: object; retryUnsafe?: boolean }
  inject?: { privateValue: string; now: number }
  srpServer?: { prefix: string; id: string; password: string; salt: string; b: string; secretBlock: string; accepts: boolean }
  existingTokens: boolean
  expect: { tokens?: Record<string, unknown>; internalUsername?: string; error?: string; status?: number; message?: string; requestId?: string }
}

/** Every login fixture by file name (without `.json`). */
export const loginFixtures: Record<string, LoginFixture> = Object.fromEntries(
  Object.entries({
    'abort-mid-login': abortMidLogin,
    'limit-exceeded': limitExceeded,
    'malformed-empty-body': malformedEmptyBody,
    'malformed-html-502': malformedHtml502,
    'malformed-json-array': malformedJsonArray,
    'malformed-truncated-json': malformedTruncatedJson,
    'password-login': passwordLogin,
    'srp-b-multiple-of-n': srpBMultipleOfN,
    'srp-b-not-hex': srpBNotHex,
    'srp-b-zero': srpBZero,
    'srp-login-alias': srpLoginAlias,
    'srp-login-client-secret': srpLoginClientSecret,
    'srp-login': srpLogin,
    'srp-missing-srp-b': srpMissingSrpB,
    'srp-salt-not-hex': srpSaltNotHex,
    'srp-secret-block-not-base64': srpSecretBlockNotBase64,
    'srp-wrong-password': srpWrongPassword,
    'throttled-then-success': throttledThenSuccess,
    'user-not-found': userNotFound,
  }).map(([k, v]) => [k, v as unknown as LoginFixture]),
)

/** What a transport under test provides for one fixture run. */
export interface ReplayTransport {
  /** The fetch to inject, or undefined to let the client use the global fetch. */
  fetch: FetchLike | undefined
  /** Requests the client sent, in order. */
  seen: SeenRequest[]
  /** Asserts every recorded interaction was used. */
  done: () => void
}

const OLD = { idToken: 'old.id.token', accessToken: 'old.access.token', refreshToken: 'old-refresh-token' }

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return out
}

/** Exposes the protected `request` so a fixture can drive a single operation. */
class TestCognito extends Cognito {
  send(operation: string, input: object, options: CallOptions): Promise<Record<string, unknown>> {
    return this.request(operation, input, options)
  }
}

const snapshot = (u: Cognito): unknown[] => [u.idToken, u.accessToken, u.refreshToken, u.tokenType, u.expiresIn, u.expiresAt]

/**
 * Replay one login fixture through `makeTransport` and run every check listed in the module doc.
 * `makeTransport` receives `onHold`, to be called when an `abort` interaction is reached.
 */
export async function runLoginFixture(fx: LoginFixture, makeTransport: (onHold: () => void) => ReplayTransport): Promise<void> {
  const ctl = new AbortController()
  const t = makeTransport(() => ctl.abort())
  const inject = fx.inject
  const user = new TestCognito({
    ...fx.client,
    ...(t.fetch ? { fetch: t.fetch } : {}),
    ...(fx.existingTokens ? OLD : {}),
    ...(inject ? { rng: (n: number) => hexBytes(inject.privateValue.padStart(2 * n, '0')), now: () => inject.now } : {}),
    // no waiting between attempts: the tests assert attempt counts, never time
    retry: { random: () => 0 },
  })
  const before = snapshot(user)
  const c = fx.call
  const call =
    'operation' in c
      ? user.send(c.operation, c.input, { signal: ctl.signal, ...(c.retryUnsafe ? { retryUnsafe: true } : {}) })
      : user.authenticate(c.password, { ...(c.flow ? { flow: c.flow } : {}), signal: ctl.signal })
  const password = 'password' in c ? c.password : undefined

  if (fx.expect.error) {
    const cls = (errors as unknown as Record<string, unknown>)[fx.expect.error] as (new (...a: never[]) => Error) | undefined
    assert.ok(cls, `no error class named ${fx.expect.error}`)
    const err = await call.then(
      () => assert.fail('authenticate should have failed'),
      (e: unknown) => e,
    )
    assert.ok(err instanceof cls, `expected ${fx.expect.error}, got ${String(err)}`)
    assert.ok(err instanceof errors.CognitoError)
    if (err instanceof errors.CognitoServiceError) assert.equal(err.name, fx.expect.error)
    if ('status' in fx.expect) assert.equal(err.status, fx.expect.status)
    if (fx.expect.message !== undefined) assert.equal(err.message, fx.expect.message)
    if (fx.expect.requestId !== undefined) assert.equal(err.requestId, fx.expect.requestId)
    // nothing secret in what gets logged
    const logged = JSON.stringify(err) + String(err)
    if (password !== undefined) assert.ok(!logged.includes(password), 'the password must not appear in the error')
    // nothing lost: the instance's tokens are those it had before the call
    assert.deepEqual(snapshot(user), before)
    assert.equal(user.accessToken, fx.existingTokens ? OLD.accessToken : undefined)
  } else {
    const res = (await call) as AuthResult
    const tokens = fx.expect.tokens as Record<string, unknown>
    assert.equal(res.accessToken, tokens['AccessToken'])
    assert.equal(res.idToken, tokens['IdToken'])
    assert.equal(res.refreshToken, tokens['RefreshToken'])
    assert.equal(res.tokenType, tokens['TokenType'])
    assert.equal(res.expiresIn, tokens['ExpiresIn'])
    assert.equal(user.accessToken, tokens['AccessToken'])
    assert.equal(user.idToken, tokens['IdToken'])
    assert.equal(user.refreshToken, tokens['RefreshToken'])
    assert.equal(user.expiresAt, (inject?.now ?? user.expiresAt! - 3600_000) + 3600_000)
    assert.equal(user.internalUsername, fx.expect.internalUsername)
    assert.equal(user.pendingChallenge, undefined)
    // tokens never reach JSON.stringify / toString
    assert.ok(!JSON.stringify(user).includes(String(tokens['AccessToken'])))
    assert.ok(!String(user).includes(String(tokens['IdToken'])))
  }

  // every recorded interaction was used, and no other request was sent
  t.done()
  assert.equal(t.seen.length, fx.interactions.length, 'number of attempts')
  fx.interactions.forEach((it, i) => {
    const got = t.seen[i]!
    assert.equal(got.operation, it.request.operation, `request ${i} operation`)
    assert.equal(got.url, `https://cognito-idp.us-east-1.amazonaws.com/`)
    assert.equal(got.headers['content-type'], 'application/x-amz-json-1.1')
    assert.equal(got.headers['x-amz-target'], `AWSCognitoIdentityProviderService.${it.request.operation}`)
    assert.equal(got.headers['authorization'], undefined, 'unauthenticated operations carry no authorization header')
    for (const [k, v] of Object.entries(it.request.headers ?? {})) assert.equal(got.headers[k.toLowerCase()], v, `request ${i} header ${k}`)
    matches(got.body, it.request.body, `request ${i} body`)
  })

  // SECRET_HASH over the USERNAME of the same request, recomputed independently
  for (const r of t.seen) {
    const b = r.body as Record<string, Record<string, string> | undefined>
    const params = b['AuthParameters'] ?? b['ChallengeResponses'] ?? {}
    if (fx.client.clientSecret === undefined) {
      assert.equal(params['SECRET_HASH'], undefined)
      continue
    }
    const expected = createHmac('sha256', fx.client.clientSecret).update(params['USERNAME']! + fx.client.clientId).digest('base64')
    assert.equal(params['SECRET_HASH'], expected, `${r.operation} SECRET_HASH over ${params['USERNAME']}`)
  }

  // the independent server-side SRP check
  const srv = fx.srpServer
  const answer = t.seen.find((r) => r.operation === 'RespondToAuthChallenge')
  if (srv && answer) {
    const init = t.seen[0]!.body as { AuthParameters: Record<string, string> }
    const challenge = fx.interactions[0]!.response.body as { ChallengeParameters: Record<string, string> }
    const { v } = makeVerifier(srv.prefix, srv.id, srv.password, BigInt('0x' + srv.salt))
    const step = serverStep(srv.prefix, srv.id, v, BigInt('0x' + srv.b))
    assert.equal(step.B.toString(16), challenge.ChallengeParameters['SRP_B'], 'SRP_B is the independent server\'s B')
    const r = (answer.body as { ChallengeResponses: Record<string, string> }).ChallengeResponses
    const ok = step.verify(BigInt('0x' + init.AuthParameters['SRP_A']), Buffer.from(r['PASSWORD_CLAIM_SECRET_BLOCK']!, 'base64'), r['TIMESTAMP']!, r['PASSWORD_CLAIM_SIGNATURE']!)
    assert.equal(ok, srv.accepts, srv.accepts ? 'the independent server must accept the signature' : 'the independent server must reject a wrong password')
  }
}

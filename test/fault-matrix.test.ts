/**
 * Fault matrix (Node only: undici MockAgent). Every operation family × every fault the network
 * or Cognito can produce, table-driven. For each cell it checks:
 *   - the outcome: eventual success, or the exact typed error class;
 *   - the number of attempts of the faulted operation (standard retry mode: 3 attempts for
 *     safe operations; unsafe operations — RespondToAuthChallenge, … — retry throttling only);
 *   - the instance's tokens (and device credentials, once they exist) are unchanged unless the
 *     call fully succeeded.
 *
 * Faults are MockAgent interceptors matched on the operation's X-Amz-Target, consumed in order,
 * in front of a persistent interceptor that answers like Cognito (./support/stub-pool.ts, which
 * verifies SRP signatures independently). A body cut off mid-stream cannot be expressed with a
 * MockAgent reply, so the injected fetch truncates the body of a reply marked `x-test-cut` and
 * then errors the stream with undici's own `TypeError: terminated` — what a dropped connection
 * produces.
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { MockAgent, fetch as undiciFetch } from 'undici'
import { Cognito, isCognitoError, type CognitoOptions } from '../src/index.ts'
import { cognitoError, json, stubPool, type Reply } from './support/stub-pool.ts'
import { cutOff, targetOf } from './support/faults.ts'

const ORIGIN = 'https://cognito-idp.us-east-1.amazonaws.com'
const POOL = 'us-east-1_FaultPool1'
const PASSWORD = 'Fault-matrix p4ss!'
const USER_ID = '7d1e5c9a-0000-4000-8000-00000000beef'
const OLD = { idToken: 'old.id.token', accessToken: 'old.access.token', refreshToken: 'old-refresh-token' }

/** Every piece of credential state a Cognito instance may hold (device fields arrive with issue 3). */
const STATE_KEYS = ['idToken', 'accessToken', 'refreshToken', 'expiresAt', 'tokenType', 'deviceKey', 'deviceGroupKey', 'devicePassword']
const snapshot = (c: Cognito): Record<string, unknown> =>
  Object.fromEntries(STATE_KEYS.map((k) => [k, (c as unknown as Record<string, unknown>)[k]]))

type Step =
  | { reply: Reply }
  | { error: Error }
  | { cut: Reply } // body cut off after 12 bytes
  | { hang: true } // never answers within the timeout

const throttled: Step = { reply: cognitoError('TooManyRequestsException', 'Rate exceeded') }
const internal: Step = { reply: cognitoError('InternalErrorException', 'An internal error occurred.', 500) }
const html502: Step = { reply: { status: 502, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } } }
const unavailable503: Step = { reply: { status: 503, raw: '', headers: { 'content-length': '0' } } }
const reset: Step = { error: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }
const hang: Step = { hang: true }
const times = (s: Step, n: number): Step[] => Array.from({ length: n }, () => s)

/** What a scenario expects: success or an error name, and attempts for safe / unsafe operations. */
interface Scenario {
  name: string
  steps: Step[]
  safe: [outcome: string, attempts: number]
  unsafe: [outcome: string, attempts: number]
  /** Per-scenario transport options (timeouts) and caller behaviour (aborts). */
  options?: Partial<CognitoOptions>
  abort?: 'during-backoff' | 'second-attempt-in-flight'
}

const OK = 'success'
const SCENARIOS: Scenario[] = [
  { name: 'throttling then success', steps: [throttled], safe: [OK, 2], unsafe: [OK, 2] },
  { name: 'throttling past the retry limit', steps: times(throttled, 3), safe: ['TooManyRequestsException', 3], unsafe: ['TooManyRequestsException', 3] },
  { name: 'HTTP 429 without an error type, then success', steps: [{ reply: { status: 429, raw: '' } }], safe: [OK, 2], unsafe: [OK, 2] },
  { name: '500 InternalErrorException then success', steps: [internal], safe: [OK, 2], unsafe: ['InternalErrorException', 1] },
  { name: '500 InternalErrorException every time', steps: times(internal, 3), safe: ['InternalErrorException', 3], unsafe: ['InternalErrorException', 1] },
  { name: '502 with an HTML body', steps: times(html502, 3), safe: ['ResponseError', 3], unsafe: ['ResponseError', 1] },
  { name: '503 with an empty body', steps: times(unavailable503, 3), safe: ['ResponseError', 3], unsafe: ['ResponseError', 1] },
  { name: 'connection reset then success', steps: [reset], safe: [OK, 2], unsafe: ['NetworkError', 1] },
  { name: 'connection reset every time', steps: times(reset, 3), safe: ['NetworkError', 3], unsafe: ['NetworkError', 1] },
  { name: 'response cut off mid-body', steps: times({ cut: json(200, { AuthenticationResult: { AccessToken: 'x'.repeat(64) } }) }, 3), safe: ['NetworkError', 3], unsafe: ['NetworkError', 1] },
  { name: 'truncated JSON in a complete 200 body', steps: [{ reply: { ...json(200, {}), raw: '{"AuthenticationResult":{"AccessTo' } }], safe: ['ResponseError', 1], unsafe: ['ResponseError', 1] },
  { name: 'valid JSON of the wrong shape (array)', steps: [{ reply: json(200, [1, 2, 3]) }], safe: ['ResponseError', 1], unsafe: ['ResponseError', 1] },
  { name: 'valid JSON of the wrong shape (token is a number)', steps: [{ reply: json(200, { AuthenticationResult: { AccessToken: 7, IdToken: null } }) }], safe: ['ResponseError', 1], unsafe: ['ResponseError', 1] },
  { name: 'valid JSON of the wrong shape (neither result nor challenge)', steps: [{ reply: json(200, { Session: 42 }) }], safe: ['ResponseError', 1], unsafe: ['ResponseError', 1] },
  { name: 'timeout then success', steps: [hang], options: { timeout: 150 }, safe: [OK, 2], unsafe: ['TimeoutError', 1] },
  { name: 'timeout every time', steps: times(hang, 3), options: { timeout: 150 }, safe: ['TimeoutError', 3], unsafe: ['TimeoutError', 1] },
  { name: 'abort from the caller during the retry backoff', steps: [throttled], abort: 'during-backoff', safe: ['AbortError', 1], unsafe: ['AbortError', 1] },
  { name: 'abort from the caller while the retry is in flight', steps: [throttled, hang], abort: 'second-attempt-in-flight', options: { timeout: 60_000 }, safe: ['AbortError', 2], unsafe: ['AbortError', 2] },
  { name: 'LimitExceededException (never retried)', steps: [{ reply: cognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.') }], safe: ['LimitExceededException', 1], unsafe: ['LimitExceededException', 1] },
  { name: 'NotAuthorizedException (never retried)', steps: [{ reply: cognitoError('NotAuthorizedException', 'Incorrect username or password.') }], safe: ['NotAuthorizedException', 1], unsafe: ['NotAuthorizedException', 1] },
]

/** An operation family: how to build a signed-in-before client and run the call under test. */
interface Family {
  name: string
  /** The operation the faults are injected into. */
  op: string
  unsafe: boolean
  /** Build a client and a Cognito-like responder; `run` performs the call; `expectSuccess` checks the state after success. */
  make(options: Partial<CognitoOptions>): {
    client: Cognito
    handle: (op: string, body: unknown) => Reply
    run: (signal?: AbortSignal) => Promise<unknown>
    expectSuccess: () => void
  }
}

function srpSignIn(options: Partial<CognitoOptions>) {
  const pool = stubPool({ poolName: 'FaultPool1', userId: USER_ID, password: PASSWORD })
  const client = new Cognito({ userPoolId: POOL, clientId: 'faultclient1', username: 'carol@example.com', ...OLD, ...options })
  return {
    client,
    handle: pool.handle,
    run: (signal?: AbortSignal) => client.authenticate(PASSWORD, signal ? { signal } : {}),
    expectSuccess: () => {
      assert.equal(client.accessToken, pool.tokens.AccessToken)
      assert.equal(client.idToken, pool.tokens.IdToken)
      assert.equal(client.refreshToken, pool.tokens.RefreshToken)
    },
  }
}

/** Families grow as features land (refresh, profile, admin: see the issue-8 branch history). */
const FAMILIES: Family[] = [
  { name: 'sign-in (InitiateAuth USER_SRP_AUTH)', op: 'InitiateAuth', unsafe: false, make: srpSignIn },
  { name: 'challenge answer (RespondToAuthChallenge PASSWORD_VERIFIER)', op: 'RespondToAuthChallenge', unsafe: true, make: srpSignIn },
  {
    name: 'sign-in (InitiateAuth USER_PASSWORD_AUTH)',
    op: 'InitiateAuth',
    unsafe: false,
    make(options) {
      const s = srpSignIn(options)
      return { ...s, run: (signal?: AbortSignal) => s.client.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH', ...(signal ? { signal } : {}) }) }
    },
  },
]

async function runCell(family: Family, sc: Scenario): Promise<void> {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const origin = agent.get(ORIGIN)
  const ctl = new AbortController()
  let attempts = 0
  const options: Partial<CognitoOptions> = { retry: { random: () => 0 }, ...sc.options }
  if (sc.abort === 'during-backoff') {
    // the backoff is computed right after the failed attempt: abort there, with a 60 s delay
    // that the test would sit through if the abort did not stop the retry at once
    options.retry = { throttleBaseDelay: 60_000, random: () => (ctl.abort(new Error('user navigated away')), 1) }
  }
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const op = targetOf(init)
    if (op === family.op) attempts++
    const pending = undiciFetch(url, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>
    if (op === family.op && attempts === 2 && sc.abort === 'second-attempt-in-flight') ctl.abort(new Error('user gave up'))
    const res = await pending
    return res.headers.get('x-test-cut') ? cutOff(res) : res
  }
  const { client, handle, run, expectSuccess } = family.make({ ...options, fetch })
  for (const step of sc.steps) {
    const i = origin.intercept({ path: '/', method: 'POST', headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${family.op}` } })
    if ('error' in step) i.replyWithError(step.error)
    else if ('hang' in step) i.reply(200, '{}').delay(120_000)
    else {
      const r = 'cut' in step ? { ...step.cut, headers: { ...step.cut.headers, 'x-test-cut': '1' } } : step.reply
      i.reply(r.status, r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body)), { headers: r.headers ?? {} })
    }
  }
  origin
    .intercept({ path: '/', method: 'POST' })
    .reply((req) => {
      const r = handle(String(new Headers(req.headers as Record<string, string>).get('x-amz-target')).replace(/^.*\./, ''), JSON.parse(String(req.body)))
      return { statusCode: r.status, data: r.raw ?? JSON.stringify(r.body), responseOptions: { headers: r.headers ?? {} } }
    })
    .persist()
  const before = snapshot(client)
  const [want, wantAttempts] = family.unsafe ? sc.unsafe : sc.safe
  let outcome: string
  let error: unknown
  try {
    await run(sc.abort ? ctl.signal : undefined)
    outcome = OK
  } catch (e) {
    error = e
    outcome = isCognitoError(e) ? e.name : `untyped ${String(e)}`
  } finally {
    await agent.close()
  }
  const where = `${family.name} × ${sc.name}`
  assert.equal(outcome, want, `${where}: outcome (${error instanceof Error ? error.message : ''})`)
  assert.equal(attempts, wantAttempts, `${where}: attempts of ${family.op}`)
  if (outcome === OK) expectSuccess()
  else assert.deepEqual(snapshot(client), before, `${where}: credentials must be unchanged after a failed call`)
}

let survived = 0
after(() => console.log(`fault matrix: ${survived} scenarios survived`))

for (const family of FAMILIES) {
  test(`fault matrix: ${family.name}`, async (t) => {
    for (const sc of SCENARIOS) {
      await t.test(sc.name, { timeout: 20_000 }, async () => {
        await runCell(family, sc)
        survived++
      })
    }
  })
}

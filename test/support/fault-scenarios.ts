/**
 * The fault matrix's table, shared by its two backends: undici MockAgent in front of a stub
 * (test/fault-matrix.test.ts, Node only) and the local pool behind a fault-injecting fetch plus
 * the pool's own `failNext` (test/portable/fault-matrix-local.test.ts, once the local pool is
 * merged).
 *
 * For each cell (operation family × fault) the runner asserts:
 *   - the outcome: eventual success, or the exact typed error class;
 *   - the number of attempts of the faulted operation (standard retry mode: 3 attempts for safe
 *     operations; operations that must not run twice retry throttling only);
 *   - the instance's tokens and device credentials are unchanged unless the call fully succeeded.
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { isCognitoError, type Cognito, type CognitoOptions } from '../../src/index.ts'
import { cognitoError, json, type Reply } from './stub-pool.ts'

export type Step =
  | { reply: Reply }
  | { error: Error } // the connection fails
  | { cut: Reply } // the body stops after 12 bytes
  | { hang: true } // no answer until the attempt is aborted
  | { service: { type: string; status: number; message: string } } // a Cognito error (the local pool's failNext)

export const service = (type: string, message: string, status = 400): Step => ({ service: { type, status, message } })
export const asReply = (s: Extract<Step, { service: unknown }>['service']): Reply => cognitoError(s.type, s.message, s.status)

const throttled = service('TooManyRequestsException', 'Rate exceeded')
const internal = service('InternalErrorException', 'An internal error occurred.', 500)
const html502: Step = { reply: { status: 502, raw: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } } }
const unavailable503: Step = { reply: { status: 503, raw: '', headers: { 'content-length': '0' } } }
const reset: Step = { error: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }
const hang: Step = { hang: true }
const times = (s: Step, n: number): Step[] => Array.from({ length: n }, () => s)

export const OK = 'success'
/**
 * Per-attempt timeout of the timeout scenarios, ms: the good attempt after a hang must beat it
 * on a loaded machine (2 shared cores), so it is generous; it only costs waiting, not CPU.
 */
const TIMEOUT = 300

/** A cell's expectation: the outcome and the attempts of the faulted operation. */
type Expect = [outcome: string, attempts: number]

export interface Scenario {
  name: string
  steps: Step[]
  safe: Expect
  unsafe: Expect
  /** Per-scenario transport options (timeouts). */
  options?: Partial<CognitoOptions>
  /** Caller behaviour. */
  abort?: 'during-backoff' | 'second-attempt-in-flight'
}

export const SCENARIOS: Scenario[] = [
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
  { name: 'timeout then success', steps: [hang], options: { timeout: TIMEOUT }, safe: [OK, 2], unsafe: ['TimeoutError', 1] },
  { name: 'timeout every time', steps: times(hang, 3), options: { timeout: TIMEOUT }, safe: ['TimeoutError', 3], unsafe: ['TimeoutError', 1] },
  { name: 'abort from the caller during the retry backoff', steps: [throttled], abort: 'during-backoff', safe: ['AbortError', 1], unsafe: ['AbortError', 1] },
  { name: 'abort from the caller while the retry is in flight', steps: [throttled, hang], abort: 'second-attempt-in-flight', options: { timeout: 60_000 }, safe: ['AbortError', 2], unsafe: ['AbortError', 2] },
  { name: 'LimitExceededException (never retried)', steps: [service('LimitExceededException', 'Attempt limit exceeded, please try after some time.')], safe: ['LimitExceededException', 1], unsafe: ['LimitExceededException', 1] },
  { name: 'NotAuthorizedException (never retried)', steps: [service('NotAuthorizedException', 'Incorrect username or password.')], safe: ['NotAuthorizedException', 1], unsafe: ['NotAuthorizedException', 1] },
]

/** One operation family: how to build a client and perform the call under test. */
export interface Family<Env = unknown> {
  name: string
  /** The operation the faults are injected into. */
  op: string
  unsafe: boolean
  /**
   * Build the client (with `options`, which carry the fetch, signal and retry settings) and do
   * any setup calls; faults are armed only after this resolves.
   */
  make(options: Partial<CognitoOptions>, env: Env): Promise<Made> | Made
  /** Expectation overrides for this family (e.g. what a wrong-shape body does to a non-auth call). */
  expect?: Partial<Record<string, readonly [outcome: string, attempts: number]>>
}

export interface Made {
  client: Cognito
  run: () => Promise<unknown>
  /** Check the state after a successful run. */
  expectSuccess: (result: unknown) => void
}

/** Every piece of credential state a Cognito instance may hold. */
const STATE_KEYS = ['idToken', 'accessToken', 'refreshToken', 'expiresAt', 'tokenType', 'deviceKey', 'deviceGroupKey', 'devicePassword', 'deviceCredentials']
export const snapshot = (c: Cognito): Record<string, unknown> =>
  Object.fromEntries(STATE_KEYS.map((k) => [k, structuredClone((c as unknown as Record<string, unknown>)[k])]))

/** Transport options of a cell, and the controller the caller aborts with. */
export function cellOptions(sc: Scenario): { options: Partial<CognitoOptions>; ctl: AbortController } {
  const ctl = new AbortController()
  const options: Partial<CognitoOptions> = { retry: { random: () => 0 }, signal: ctl.signal, ...sc.options }
  if (sc.abort === 'during-backoff') {
    // the backoff is computed right after the failed attempt: abort there, with a 60 s delay the
    // test would sit through if the abort did not stop the retry at once
    options.retry = { throttleBaseDelay: 60_000, random: () => (ctl.abort(new Error('user navigated away')), 1) }
  }
  return { options, ctl }
}

/** Run the call and assert outcome, attempts and state. */
export async function judge(family: Family<any>, sc: Scenario, made: Made, attempts: () => number): Promise<void> {
  const before = snapshot(made.client)
  const [want, wantAttempts] = family.expect?.[sc.name] ?? (family.unsafe ? sc.unsafe : sc.safe)
  let outcome: string
  let result: unknown
  let error: unknown
  try {
    result = await made.run()
    outcome = OK
  } catch (e) {
    error = e
    outcome = isCognitoError(e) ? e.name : `untyped ${String(e)}`
  }
  const where = `${family.name} × ${sc.name}`
  assert.equal(outcome, want, `${where}: outcome (${error instanceof Error ? error.message : ''})`)
  assert.equal(attempts(), wantAttempts, `${where}: attempts of ${family.op}`)
  if (outcome === OK) made.expectSuccess(result)
  else assert.deepEqual(snapshot(made.client), before, `${where}: credentials must be unchanged after a failed call`)
}

/** Expectation overrides: a user read whose answer lacks Username is not a valid answer. */
export const USER_READ_SHAPES = {
  'valid JSON of the wrong shape (token is a number)': ['ResponseError', 1],
  'valid JSON of the wrong shape (neither result nor challenge)': ['ResponseError', 1],
} as const
/** Expectation overrides: operations whose response members are all optional accept any object. */
export const ALL_OPTIONAL = {
  'valid JSON of the wrong shape (token is a number)': ['success', 1],
  'valid JSON of the wrong shape (neither result nor challenge)': ['success', 1],
} as const

/**
 * Register the matrix: one test per family, one subtest per scenario, and a closing line saying
 * how many cells survived (`label` names the harness: MockAgent or the local pool).
 */
export function runMatrix<F extends Family<any>>(label: string, families: readonly F[], runCell: (family: F, sc: Scenario) => Promise<void>): void {
  let survived = 0
  after(() => console.log(`fault matrix (${label}): ${survived} scenarios survived`))
  for (const family of families) {
    test(`fault matrix: ${family.name}`, async (t) => {
      for (const sc of SCENARIOS) {
        await t.test(sc.name, { timeout: 20_000 }, async () => {
          await runCell(family, sc)
          survived++
        })
      }
    })
  }
}

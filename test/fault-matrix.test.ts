/**
 * Fault matrix, MockAgent backend (Node only: undici MockAgent). Every operation family × every
 * fault in ./support/fault-scenarios.ts, table-driven: outcome, attempts and credential state
 * per cell.
 *
 * Faults are MockAgent interceptors matched on the operation's X-Amz-Target, consumed in order,
 * in front of a persistent interceptor that answers like Cognito (./support/stub-pool.ts, which
 * verifies SRP signatures independently). A body cut off mid-stream cannot be expressed as a
 * MockAgent reply, so the injected fetch truncates the body of a reply marked `x-test-cut` and
 * then errors the stream with undici's own `TypeError: terminated`, which is what a dropped
 * connection produces.
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { MockAgent, fetch as undiciFetch } from 'undici'
import { Cognito, type CognitoOptions } from '../src/index.ts'
import { stubPool, type Reply } from './support/stub-pool.ts'
import { cutOff, targetOf } from './support/faults.ts'
import { SCENARIOS, asReply, cellOptions, judge, type Family, type Made, type Scenario } from './support/fault-scenarios.ts'

const ORIGIN = 'https://cognito-idp.us-east-1.amazonaws.com'
const POOL = 'us-east-1_FaultPool1'
const PASSWORD = 'Fault-matrix p4ss!'
const USER_ID = '7d1e5c9a-0000-4000-8000-00000000beef'
const OLD = { idToken: 'old.id.token', accessToken: 'old.access.token', refreshToken: 'old-refresh-token' }

/** The MockAgent backend's families also provide the Cognito-like responder behind the faults. */
type MockFamily = Family<never> & { make(options: Partial<CognitoOptions>): Made & { handle: (op: string, body: unknown) => Reply } }

function srpSignIn(options: Partial<CognitoOptions>) {
  const pool = stubPool({ poolName: 'FaultPool1', userId: USER_ID, password: PASSWORD })
  const client = new Cognito({ userPoolId: POOL, clientId: 'faultclient1', username: 'carol@example.com', ...OLD, ...options })
  return {
    client,
    handle: pool.handle,
    run: () => client.authenticate(PASSWORD),
    expectSuccess: () => {
      assert.equal(client.accessToken, pool.tokens.AccessToken)
      assert.equal(client.idToken, pool.tokens.IdToken)
      assert.equal(client.refreshToken, pool.tokens.RefreshToken)
    },
  }
}

/** Families grow as features land (refresh, profile, admin). */
const FAMILIES: MockFamily[] = [
  { name: 'sign-in (InitiateAuth USER_SRP_AUTH)', op: 'InitiateAuth', unsafe: false, make: srpSignIn },
  { name: 'challenge answer (RespondToAuthChallenge PASSWORD_VERIFIER)', op: 'RespondToAuthChallenge', unsafe: true, make: srpSignIn },
  {
    name: 'sign-in (InitiateAuth USER_PASSWORD_AUTH)',
    op: 'InitiateAuth',
    unsafe: false,
    make(options) {
      const s = srpSignIn(options)
      return { ...s, run: () => s.client.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' }) }
    },
  },
]

async function runCell(family: MockFamily, sc: Scenario): Promise<void> {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const origin = agent.get(ORIGIN)
  let attempts = 0
  const { options, ctl } = cellOptions(sc)
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const op = targetOf(init)
    if (op === family.op) attempts++
    const pending = undiciFetch(url, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>
    if (op === family.op && attempts === 2 && sc.abort === 'second-attempt-in-flight') ctl.abort(new Error('user gave up'))
    const res = await pending
    return res.headers.get('x-test-cut') ? cutOff(res) : res
  }
  const made = family.make({ ...options, fetch })
  // faults first (consumed in order), then the persistent Cognito-like responder
  for (const step of sc.steps) {
    const i = origin.intercept({ path: '/', method: 'POST', headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${family.op}` } })
    if ('error' in step) i.replyWithError(step.error)
    else if ('hang' in step) i.reply(200, '{}').delay(120_000)
    else {
      const r = 'service' in step ? asReply(step.service) : 'cut' in step ? { ...step.cut, headers: { ...step.cut.headers, 'x-test-cut': '1' } } : step.reply
      i.reply(r.status, r.raw ?? (r.body === undefined ? '' : JSON.stringify(r.body)), { headers: r.headers ?? {} })
    }
  }
  origin
    .intercept({ path: '/', method: 'POST' })
    .reply((req) => {
      const r = made.handle(targetOf({ headers: req.headers as Record<string, string> }), JSON.parse(String(req.body)))
      return { statusCode: r.status, data: r.raw ?? JSON.stringify(r.body), responseOptions: { headers: r.headers ?? {} } }
    })
    .persist()
  try {
    await judge(family, sc, made, () => attempts)
  } finally {
    await agent.close()
  }
}

let survived = 0
after(() => console.log(`fault matrix (MockAgent): ${survived} scenarios survived`))

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

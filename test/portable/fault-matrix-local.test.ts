/**
 * Fault matrix, local-pool backend (portable: the pool's fetch handler, no sockets). The same
 * table as the MockAgent backend (../support/fault-scenarios.ts), but every good answer comes
 * from the local pool: real SRP verification with its TIMESTAMP check, real RS256 tokens, real
 * refresh tokens, SigV4 verified for admin calls. Cognito errors are injected with the pool's own
 * `failNext`; transport faults (reset, cut-off body, hang, HTML 502 …) with
 * ../support/faults.ts in front of the pool's handler. Faults are armed only after each family's
 * setup calls (the sign-in before a refresh or a GetUser).
 */
import assert from 'node:assert/strict'
import { ChallengeError, Cognito, type CognitoOptions } from '../../src/index.ts'
import { AdminCognito } from '../../src/admin.ts'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { faultyFetch, type Fault } from '../support/faults.ts'
import { USER_READ_SHAPES, cellOptions, judge, runMatrix, type Family, type Scenario } from '../support/fault-scenarios.ts'

const PASSWORD = 'Local-fault-p4ss!'
const CREDENTIALS = { accessKeyId: 'AKIDLOCALFAULTS01', secretAccessKey: 'local/fault/matrix/secret/0123456789' }

type LocalFamily = Family<LocalPool>
const jwt = (t: string | undefined): boolean => typeof t === 'string' && t.split('.').length === 3

function client(options: Partial<CognitoOptions>, pool: LocalPool): Cognito {
  return new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'frank', endpoint: pool.endpoint, ...options })
}
/** A client signed in before the faults are armed (USER_PASSWORD_AUTH: a cheap setup). */
async function signedIn(options: Partial<CognitoOptions>, pool: LocalPool): Promise<Cognito> {
  const c = client(options, pool)
  await c.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })
  return c
}

const FAMILIES: LocalFamily[] = [
  {
    name: 'local pool: sign-in (InitiateAuth USER_SRP_AUTH)',
    op: 'InitiateAuth',
    unsafe: false,
    make(options, pool) {
      const c = client(options, pool)
      return { client: c, run: () => c.authenticate(PASSWORD), expectSuccess: () => assert.ok(jwt(c.accessToken)) }
    },
  },
  {
    name: 'local pool: challenge answer (RespondToAuthChallenge PASSWORD_VERIFIER)',
    op: 'RespondToAuthChallenge',
    unsafe: true,
    make(options, pool) {
      const c = client(options, pool)
      return { client: c, run: () => c.authenticate(PASSWORD), expectSuccess: () => assert.ok(jwt(c.accessToken)) }
    },
  },
  {
    name: 'local pool: challenge answer (RespondToAuthChallenge SOFTWARE_TOKEN_MFA)',
    op: 'RespondToAuthChallenge',
    unsafe: true,
    async make(options, pool) {
      pool.setMfa('frank', { totp: true, preferred: 'SOFTWARE_TOKEN_MFA' })
      const c = client(options, pool)
      // the sign-in that raises the challenge happens before the faults are armed
      await c.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' }).then(
        () => assert.fail('expected the TOTP challenge'),
        (e: unknown) => assert.ok(e instanceof ChallengeError, String(e)),
      )
      const code = await pool.totpCode('frank')
      return { client: c, run: () => c.respondToSoftwareTokenMfaChallenge(code), expectSuccess: () => assert.ok(jwt(c.accessToken)) }
    },
  },
  {
    name: 'local pool: refresh (InitiateAuth REFRESH_TOKEN_AUTH)',
    op: 'InitiateAuth',
    unsafe: false,
    async make(options, pool) {
      const c = await signedIn(options, pool)
      const refresh = c.refreshToken
      return {
        client: c,
        run: () => c.renewAccessToken(),
        expectSuccess: () => {
          assert.ok(jwt(c.accessToken))
          assert.equal(c.refreshToken, refresh, 'the refresh token is kept')
        },
      }
    },
  },
  {
    name: 'local pool: profile read (GetUser)',
    op: 'GetUser',
    unsafe: false,
    expect: USER_READ_SHAPES,
    async make(options, pool) {
      const c = await signedIn(options, pool)
      return { client: c, run: () => c.getUser(), expectSuccess: (u) => assert.equal((u as { username: string }).username, 'frank') }
    },
  },
  {
    name: 'local pool: admin read (AdminGetUser, SigV4 verified)',
    op: 'AdminGetUser',
    unsafe: false,
    expect: USER_READ_SHAPES,
    make(options, pool) {
      const c = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, credentials: CREDENTIALS, ...options })
      return { client: c, run: () => c.adminGetUser('frank'), expectSuccess: (u) => assert.equal((u as { username: string }).username, 'frank') }
    },
  },
]

async function runCell(family: LocalFamily, sc: Scenario): Promise<void> {
  // a fresh pool per cell: failNext entries an unsafe operation did not consume must not leak
  const pool = createLocalPool({ shareKeys: true, credentials: CREDENTIALS, users: [{ username: 'frank', password: PASSWORD, attributes: { email: 'frank@example.com' } }] })
  await pool.ready
  const { options, ctl } = cellOptions(sc)
  const ff = faultyFetch(pool.fetch as (u: string, i: RequestInit) => Promise<Response>, family.op, [], (n) => {
    if (n === 2 && sc.abort === 'second-attempt-in-flight') queueMicrotask(() => ctl.abort(new Error('user gave up')))
  })
  const made = await family.make({ ...options, fetch: ff.fetch }, pool)
  // arm the faults: service errors through the pool's failNext, the rest in front of it
  ff.attempts = 0
  ff.faults = sc.steps.map((s): Fault | undefined => ('service' in s ? undefined : s))
  for (const s of sc.steps) if ('service' in s) pool.failNext(family.op, { type: s.service.type, status: s.service.status, message: s.service.message })
  await judge(family, sc, made, () => ff.attempts)
}

runMatrix('local pool', FAMILIES, runCell)


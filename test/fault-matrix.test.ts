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
import assert from 'node:assert/strict'
import { MockAgent, fetch as undiciFetch } from 'undici'
import { ChallengeError, Cognito, type CognitoOptions } from '../src/index.ts'
import { AdminCognito } from '../src/admin.ts'
import { fakeJwt, json, stubPool, type Reply } from './support/stub-pool.ts'
import { cutOff, targetOf } from './support/faults.ts'
import { ALL_OPTIONAL, USER_READ_SHAPES, asReply, cellOptions, judge, runMatrix, type Family, type Made, type Scenario } from './support/fault-scenarios.ts'

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

const CREDENTIALS = { accessKeyId: 'AKIDFAULTMATRIX', secretAccessKey: 'fault/matrix/secret/key/0123456789abcdef' }
const CAROL = { Username: USER_ID, UserAttributes: [{ Name: 'sub', Value: USER_ID }, { Name: 'email', Value: 'carol@example.com' }] }
/** A client holding tokens from an earlier sign-in, answering `op` with `reply`. */
function signedIn(options: Partial<CognitoOptions>, reply: Record<string, Reply>, admin = false) {
  const pool = stubPool({ poolName: 'FaultPool1', userId: USER_ID, password: PASSWORD })
  const base = { userPoolId: POOL, clientId: 'faultclient1', username: 'carol@example.com', ...OLD, ...options }
  const client = admin ? new AdminCognito({ ...base, credentials: CREDENTIALS }) : new Cognito(base)
  return { client, handle: (op: string, body: unknown) => reply[op] ?? pool.handle(op, body) }
}

/** Families grow as features land (refresh, profile, admin). */
const FAMILIES: MockFamily[] = [
  { name: 'sign-in (InitiateAuth USER_SRP_AUTH)', op: 'InitiateAuth', unsafe: false, make: srpSignIn },
  { name: 'challenge answer (RespondToAuthChallenge PASSWORD_VERIFIER)', op: 'RespondToAuthChallenge', unsafe: true, make: srpSignIn },
  {
    name: 'sign-in (InitiateAuth USER_PASSWORD_AUTH)',
    op: 'InitiateAuth',
    // the password is checked at once: an MFA user is sent a code, a wrong password counts
    unsafe: true,
    make(options) {
      const s = srpSignIn(options)
      return { ...s, run: () => s.client.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' }) }
    },
  },
  {
    name: 'refresh (InitiateAuth REFRESH_TOKEN_AUTH)',
    op: 'InitiateAuth',
    unsafe: false,
    make(options) {
      const fresh = { AccessToken: fakeJwt({ token_use: 'access', username: USER_ID, n: 'refreshed' }), IdToken: fakeJwt({ token_use: 'id', n: 'refreshed' }) }
      const { client, handle } = signedIn(options, { InitiateAuth: json(200, { AuthenticationResult: { ...fresh, ExpiresIn: 3600, TokenType: 'Bearer' }, ChallengeParameters: {} }) })
      return {
        client,
        handle,
        run: () => client.renewAccessToken(),
        expectSuccess: () => {
          assert.equal(client.accessToken, fresh.AccessToken)
          assert.equal(client.refreshToken, OLD.refreshToken, 'the refresh token is kept')
        },
      }
    },
  },
  {
    name: 'challenge answer (RespondToAuthChallenge SOFTWARE_TOKEN_MFA)',
    op: 'RespondToAuthChallenge',
    unsafe: true,
    make(options) {
      const pool = stubPool({ poolName: 'FaultPool1', userId: USER_ID, password: PASSWORD })
      const client = new Cognito({ userPoolId: POOL, clientId: 'faultclient1', username: 'carol@example.com', ...OLD, ...options })
      const handle = (op: string, body: any): Reply =>
        op === 'InitiateAuth'
          ? json(200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 'mfa-session-1', ChallengeParameters: { USER_ID_FOR_SRP: USER_ID, FRIENDLY_DEVICE_NAME: 'phone' } })
          : body?.ChallengeResponses?.SOFTWARE_TOKEN_MFA_CODE === '123456' && body?.Session === 'mfa-session-1'
            ? json(200, { AuthenticationResult: { ...pool.tokens, ExpiresIn: 3600, TokenType: 'Bearer' }, ChallengeParameters: {} })
            : json(400, { __type: 'CodeMismatchException', message: 'Invalid code or auth state for the user.' })
      return {
        client,
        handle,
        // the sign-in that raises the challenge is not faulted (it is InitiateAuth); the answer is
        run: async () => {
          await client.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' }).catch((e: unknown) => {
            if (!(e instanceof ChallengeError)) throw e
          })
          return client.respondToSoftwareTokenMfaChallenge('123456')
        },
        expectSuccess: () => assert.equal(client.accessToken, pool.tokens.AccessToken),
      }
    },
  },
  {
    name: 'profile read (GetUser)',
    op: 'GetUser',
    unsafe: false,
    expect: USER_READ_SHAPES,
    make(options) {
      const { client, handle } = signedIn(options, { GetUser: json(200, CAROL) })
      return { client, handle, run: () => client.getUser(), expectSuccess: (u) => assert.equal((u as { username: string }).username, USER_ID) }
    },
  },
  {
    name: 'profile update (UpdateUserAttributes)',
    op: 'UpdateUserAttributes',
    unsafe: true,
    expect: ALL_OPTIONAL,
    make(options) {
      const { client, handle } = signedIn(options, { UpdateUserAttributes: json(200, { CodeDeliveryDetailsList: [] }) })
      return { client, handle, run: () => client.updateProfile({ given_name: 'Carol' }), expectSuccess: (r) => assert.ok(Array.isArray(r)) }
    },
  },
  {
    name: 'admin read (AdminGetUser, SigV4)',
    op: 'AdminGetUser',
    unsafe: false,
    expect: USER_READ_SHAPES,
    make(options) {
      const { client, handle } = signedIn(options, { AdminGetUser: json(200, { ...CAROL, Enabled: true, UserStatus: 'CONFIRMED' }) }, true)
      return { client, handle, run: () => (client as AdminCognito).adminGetUser('carol'), expectSuccess: (u) => assert.equal((u as { username: string }).username, USER_ID) }
    },
  },
  {
    name: 'admin create (AdminCreateUser, SigV4)',
    op: 'AdminCreateUser',
    unsafe: true,
    expect: ALL_OPTIONAL,
    make(options) {
      const { client, handle } = signedIn(options, { AdminCreateUser: json(200, { User: { Username: 'dan', Attributes: [], Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' } }) }, true)
      return { client, handle, run: () => (client as AdminCognito).adminCreateUser('dan'), expectSuccess: (u) => assert.equal((u as { username: string }).username, 'dan') }
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

runMatrix('MockAgent', FAMILIES, runCell)


/**
 * Threat protection's `UserContextData` (the browser fingerprint `EncodedData` and the user's
 * `IpAddress`): every operation whose model input takes it gets it from the function's
 * `userContextData` option — the sign-in requests (InitiateAuth and each RespondToAuthChallenge),
 * SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword and ConfirmForgotPassword — and
 * the Admin twins of a server-side sign-in, which take ContextData instead, refuse it before any request. Against
 * the local pool (which checks every body against the service model) and a stub; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AdminCognito, adminAuthenticate, createAdminClient, withAdminAuth } from '../../src/admin.ts'
import {
  ArgumentError,
  authenticate,
  Cognito,
  confirmForgotPassword,
  confirmSignUp,
  createClient,
  initiateForgotPassword,
  register,
  resendConfirmationCode,
  respondToEmailOtpChallenge,
  signIn,
  userAuth,
} from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { PW } from '../support/local.ts'

const CONTEXT = { IpAddress: '203.0.113.7', EncodedData: 'eyJwYXlsb2FkIjoiZmluZ2VycHJpbnQifQ' }

/** A local pool and a client whose fetch records each request's operation and body. */
function setup() {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  const sent: Array<{ op: string; body: Record<string, unknown> }> = []
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const op = String(new Headers(init?.headers).get('x-amz-target')).split('.')[1]!
    sent.push({ op, body: JSON.parse(String(init?.body)) })
    return pool.fetch(url, init)
  }
  const options = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch, retry: false as const }
  return { pool, client: createClient(options), options, sent }
}

test('every request of an SRP sign-in and of a USER_AUTH code sign-in carries the userContextData given', async () => {
  const { pool, client, sent } = setup()
  const srp = await authenticate(client, { username: 'alice', password: PW, userContextData: CONTEXT })
  assert.ok(srp.tokens)
  assert.deepEqual(sent.map((s) => s.op), ['InitiateAuth', 'RespondToAuthChallenge'])
  const step = await userAuth(client, { username: 'alice', preferred: 'EMAIL_OTP', userContextData: CONTEXT })
  const done = await respondToEmailOtpChallenge(client, step.challenge!, pool.lastCode('alice', 'OTP')!, { userContextData: CONTEXT })
  assert.ok(done.tokens)
  assert.equal(sent.length, 4)
  for (const s of sent) assert.deepEqual(s.body['UserContextData'], CONTEXT, s.op)
})

test('the one-call signIn sends it with both of its requests', async () => {
  const { options, sent } = setup()
  assert.ok((await signIn({ ...options, username: 'alice', password: PW, userContextData: CONTEXT })).accessToken)
  assert.deepEqual(sent.map((s) => s.op), ['InitiateAuth', 'RespondToAuthChallenge'])
  for (const s of sent) assert.deepEqual(s.body['UserContextData'], CONTEXT, s.op)
})

test('sign-up, its confirmation, a new code and the password reset carry the userContextData given', async () => {
  const { pool, client, sent } = setup()
  const up = await register(client, 'pat', PW, { attributes: { email: 'pat@example.com' }, userContextData: CONTEXT })
  await resendConfirmationCode(client, 'pat', { userContextData: CONTEXT })
  await confirmSignUp(client, 'pat', pool.lastCode('pat', 'SignUp')!, { session: up.Session, userContextData: CONTEXT })
  await initiateForgotPassword(client, 'alice', { userContextData: CONTEXT })
  await confirmForgotPassword(client, 'alice', pool.lastCode('alice', 'ForgotPassword')!, 'N3w-passw0rd!', { userContextData: CONTEXT })
  assert.deepEqual(sent.map((s) => s.op), ['SignUp', 'ResendConfirmationCode', 'ConfirmSignUp', 'ForgotPassword', 'ConfirmForgotPassword'])
  for (const s of sent) assert.deepEqual(s.body['UserContextData'], CONTEXT, s.op)
  // left out, it is not sent
  await initiateForgotPassword(client, 'alice')
  assert.equal('UserContextData' in sent.at(-1)!.body, false)
})

test('the class passes userContextData through its sign-in and account methods', async () => {
  const { sent, options } = setup()
  const alice = new Cognito({ ...options, username: 'alice' })
  await alice.authenticate(PW, { userContextData: CONTEXT })
  await alice.initiateForgotPassword({ userContextData: CONTEXT })
  assert.deepEqual(sent.map((s) => s.op), ['InitiateAuth', 'RespondToAuthChallenge', 'ForgotPassword'])
  for (const s of sent) assert.deepEqual(s.body['UserContextData'], CONTEXT, s.op)
})

test('a userContextData that is not an object of strings is an ArgumentError naming it, before any request', async () => {
  const { client, sent } = setup()
  for (const bad of ['203.0.113.7', { IpAddress: 7 }]) {
    const named = (e: unknown) => e instanceof ArgumentError && /"userContextData/.test((e as Error).message)
    await assert.rejects(authenticate(client, { username: 'alice', password: PW, userContextData: bad as never }), named)
    await assert.rejects(userAuth(client, { username: 'alice', userContextData: bad as never }), named)
    await assert.rejects(initiateForgotPassword(client, 'alice', { userContextData: bad as never }), named)
    await assert.rejects(register(client, 'pat', PW, { userContextData: bad as never }), named)
    await assert.rejects(confirmForgotPassword(client, 'alice', '123456', 'N3w-passw0rd!', { userContextData: bad as never }), named)
  }
  assert.equal(sent.length, 0)
})

test("a server-side sign-in refuses userContextData before any request: the Admin twins take contextData instead", async () => {
  const { pool, client, options, sent } = setup()
  const adminSent: Array<Record<string, unknown>> = []
  const recording = createAdminClient({
    userPoolId: pool.poolId,
    credentials: pool.credentials,
    endpoint: pool.endpoint,
    retry: false,
    fetch: async (url, init) => (adminSent.push(JSON.parse(String(init?.body))), pool.fetch(url, init)),
  })
  const serverSide = withAdminAuth(client, recording)
  const named = (e: unknown) => e instanceof ArgumentError && /"userContextData"/.test(e.message) && /"contextData"/.test(e.message) && !e.message.includes(CONTEXT.EncodedData)
  await assert.rejects(authenticate(serverSide, { username: 'alice', password: PW, flow: 'USER_PASSWORD_AUTH', userContextData: CONTEXT }), named)
  await assert.rejects(authenticate(serverSide, { username: 'alice', password: PW, userContextData: CONTEXT }), named)
  // refused by its type too (a cast here would hide the type losing that)
  // @ts-expect-error adminAuthenticate's input has no userContextData
  await assert.rejects(adminAuthenticate(recording, client, { username: 'alice', password: PW, userContextData: CONTEXT }), named)
  const admin = new AdminCognito({ ...options, username: 'alice', credentials: pool.credentials })
  await assert.rejects(admin.authenticate(PW, { userContextData: CONTEXT }), named)
  assert.equal(admin.accessToken, undefined)
  assert.equal(adminSent.length + sent.length, 0, 'no request')
  // without it, the same sign-ins go through
  assert.ok((await authenticate(serverSide, { username: 'alice', password: PW, flow: 'USER_PASSWORD_AUTH' })).tokens)
  assert.ok((await admin.authenticate(PW)).accessToken)
})

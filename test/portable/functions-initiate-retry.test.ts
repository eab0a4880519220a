/**
 * Retry safety of the InitiateAuth requests that send a code or consume a one-time value whatever
 * the user's MFA, against the local pool: Cognito processes the request (the custom-challenge
 * trigger runs and sends its code, the sign-up Session is used up) but its answer is lost behind an
 * HTTP 500. Such a request must not be sent again; an SRP start or a plain USER_AUTH start
 * (nothing sent yet) is. A password sign-in (USER_PASSWORD_AUTH, USER_AUTH preferring PASSWORD)
 * is checked at once, so a user with SMS or email MFA is sent a code: it is sent once too.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, confirmSignUp, createClient, customAuth, InternalErrorException, register, userAuth, type CognitoClient } from '../../src/index.ts'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'

const PASSWORD = 'Retry-safe-p4ss!'

/** A fetch in front of the pool: the pool answers, but the answer to the first InitiateAuth is replaced by a 500. */
function losingFirstAnswer(pool: LocalPool): { fetch: typeof fetch; sent: () => number } {
  let sent = 0
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const res = await pool.fetch(input, init)
    if (new Headers(init?.headers).get('x-amz-target')?.endsWith('.InitiateAuth') && ++sent === 1) {
      return new Response('{"__type":"InternalErrorException","message":"Internal error"}', { status: 500, headers: { 'content-type': 'application/x-amz-json-1.1' } })
    }
    return res
  }
  return { fetch: fetch as typeof globalThis.fetch, sent: () => sent }
}

async function setup(options: Parameters<typeof createLocalPool>[0] = {}): Promise<{ pool: LocalPool; client: CognitoClient; sent: () => number }> {
  const pool = createLocalPool({ ...options, users: [{ username: 'sam', password: PASSWORD, attributes: { email: 'sam@example.com', phone_number: '+15555550100' }, mfa: ['SMS_MFA'] }] })
  await pool.ready
  const lossy = losingFirstAnswer(pool)
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: lossy.fetch, retry: { random: () => 0 } })
  return { pool, client, sent: lossy.sent }
}

test('customAuth: the InitiateAuth that ran the custom-challenge trigger (which sends the code) is not sent again', async () => {
  let rounds = 0
  const { client, sent } = await setup({
    customAuth: () => {
      rounds++
      return { challenge: { parameters: { hint: 'code sent by email' }, answer: '4242' } }
    },
  })
  await assert.rejects(customAuth(client, { username: 'sam' }), InternalErrorException)
  assert.equal(sent(), 1, 'InitiateAuth sent once')
  assert.equal(rounds, 1, 'the trigger ran once')
})

test('userAuth with the Session of ConfirmSignUp: that one-time Session is not sent again after a lost answer', async () => {
  const { pool, client, sent } = await setup()
  const plain = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch })
  const up = await register(plain, 'nina', PASSWORD, { attributes: { email: 'nina@example.com' } })
  const confirmed = await confirmSignUp(plain, 'nina', pool.lastCode('nina', 'SignUp')!, { session: up.Session })
  assert.ok(confirmed.Session, 'ConfirmSignUp gave a Session')
  await assert.rejects(userAuth(client, { username: 'nina', session: confirmed.Session }), InternalErrorException)
  assert.equal(sent(), 1, 'InitiateAuth sent once')
})

test('password sign-ins: the InitiateAuth that checked the password and sent the SMS code is not sent again', async () => {
  for (const start of [
    (c: CognitoClient) => authenticate(c, { username: 'sam', password: PASSWORD, flow: 'USER_PASSWORD_AUTH' }),
    (c: CognitoClient) => userAuth(c, { username: 'sam', preferred: 'PASSWORD', password: PASSWORD }),
  ]) {
    const { pool, client, sent } = await setup()
    await assert.rejects(start(client), InternalErrorException)
    assert.equal(sent(), 1, 'InitiateAuth sent once')
    assert.equal(pool.messages.filter((m) => m.medium === 'SMS' && m.purpose === 'MFA').length, 1, 'one SMS code sent')
  }
})

test('starts that send nothing yet are still retried after a lost answer: SRP, and USER_AUTH without a preference', async () => {
  for (const start of [
    (c: CognitoClient) => authenticate(c, { username: 'sam', password: PASSWORD }),
    (c: CognitoClient) => authenticate(c, { username: 'sam', password: PASSWORD, flow: 'CUSTOM_AUTH' }),
    (c: CognitoClient) => userAuth(c, { username: 'sam', preferred: 'PASSWORD_SRP', password: PASSWORD }),
    (c: CognitoClient) => userAuth(c, { username: 'sam' }),
  ]) {
    const { client, sent } = await setup({ customAuth: () => ({ issueTokens: true }) })
    const step = await start(client)
    assert.equal(sent(), 2, 'InitiateAuth retried once')
    assert.ok(step.challenge, 'the sign-in went on')
  }
})

/**
 * A sign-in sent through the generic entry points (`call`, `send`, `user.call`, `admin.send`) is
 * sent once after an answer of unknown outcome (HTTP 500, a lost connection, a timeout): an
 * InitiateAuth / AdminInitiateAuth may send the password or make Cognito send a code, and these
 * entry points do not read the flow, so every one is treated as unsafe (the sign-in functions,
 * which know the flow, still retry an SRP start or a refresh; `retryUnsafe: true` opts in here).
 * Before, they went by a list without InitiateAuth, and a USER_PASSWORD_AUTH through `call()` sent
 * the password three times against a Cognito answering 500. Throttling is still retried.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { call, Cognito, createClient, InternalErrorException, send } from '../../src/index.ts'
import { createAdminClient } from '../../src/admin.ts'
import { CLIENT, NOW, POOL } from '../support/signin-data.ts'

/** A Cognito that answers every request with a 500, counting the attempts. */
function failing() {
  let attempts = 0
  const fetch = async (): Promise<Response> => {
    attempts++
    return new Response('{"__type":"InternalErrorException"}', { status: 500, headers: { 'x-amzn-requestid': 'r1' } })
  }
  return { fetch, attempts: () => attempts }
}

const retry = { random: () => 0 }
const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }

/** [what, AuthFlow, AuthParameters, extra input, attempts expected] */
const CASES: Array<[string, string, Record<string, string>, Record<string, string>, number]> = [
  ['USER_PASSWORD_AUTH (the password is checked at once)', 'USER_PASSWORD_AUTH', { USERNAME: 'alice', PASSWORD: 'Corr3ct-horse!' }, {}, 1],
  ['USER_AUTH preferring PASSWORD', 'USER_AUTH', { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Corr3ct-horse!' }, {}, 1],
  ['USER_AUTH preferring EMAIL_OTP (the code is sent at once)', 'USER_AUTH', { USERNAME: 'alice', PREFERRED_CHALLENGE: 'EMAIL_OTP' }, {}, 1],
  ['USER_AUTH with the Session of ConfirmSignUp', 'USER_AUTH', { USERNAME: 'alice' }, { Session: 'session-of-confirm-sign-up' }, 1],
  ['CUSTOM_AUTH without SRP (the trigger sends the first code)', 'CUSTOM_AUTH', { USERNAME: 'alice' }, {}, 1],
  ['USER_SRP_AUTH (the flow is not read here)', 'USER_SRP_AUTH', { USERNAME: 'alice', SRP_A: 'abcdef' }, {}, 1],
  ['REFRESH_TOKEN_AUTH (the flow is not read here)', 'REFRESH_TOKEN_AUTH', { REFRESH_TOKEN: 'refresh-token' }, {}, 1],
]

for (const [what, AuthFlow, AuthParameters, extra, expected] of CASES) {
  test(`InitiateAuth ${what} through call(), send() and user.call() is sent ${expected === 1 ? 'once' : '3 times'} against a Cognito answering 500`, async () => {
    const input = { ClientId: CLIENT, AuthFlow, AuthParameters, ...extra }
    for (const [how, run] of [
      ['call()', (f: typeof fetch) => call(createClient({ userPoolId: POOL, clientId: CLIENT, fetch: f, now: () => NOW, retry }), 'InitiateAuth', input as never)],
      ['send()', (f: typeof fetch) => send('InitiateAuth', input, { region: 'us-east-1', fetch: f, retry })],
      ['user.call()', (f: typeof fetch) => new Cognito({ userPoolId: POOL, clientId: CLIENT, fetch: f, retry, accessToken: 'x' }).call('InitiateAuth', input as never)],
    ] as const) {
      const cognito = failing()
      await assert.rejects(run(cognito.fetch as typeof fetch), InternalErrorException)
      assert.equal(cognito.attempts(), expected, `${how}: ${what}`)
    }
  })
}

test('AdminInitiateAuth through admin.send() is sent once against a Cognito answering 500', async () => {
  for (const [AuthFlow, AuthParameters, expected] of [
    ['ADMIN_USER_PASSWORD_AUTH', { USERNAME: 'alice', PASSWORD: 'Corr3ct-horse!' }, 1],
    ['USER_SRP_AUTH', { USERNAME: 'alice', SRP_A: 'abcdef' }, 1],
  ] as const) {
    const cognito = failing()
    const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: cognito.fetch, retry })
    await assert.rejects(admin.send('AdminInitiateAuth', { UserPoolId: POOL, ClientId: CLIENT, AuthFlow, AuthParameters }), InternalErrorException)
    assert.equal(cognito.attempts(), expected, AuthFlow)
  }
})

test('opting in: retryUnsafe retries a generic InitiateAuth after a 500; throttling is retried without it', async () => {
  const input = { ClientId: CLIENT, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'alice', SRP_A: 'abcdef' } }
  const cognito = failing()
  await assert.rejects(send('InitiateAuth', input, { region: 'us-east-1', fetch: cognito.fetch as typeof fetch, retry, retryUnsafe: true }), InternalErrorException)
  assert.equal(cognito.attempts(), 3)
  let throttled = 0
  const busy = async (): Promise<Response> => (throttled++, new Response('{"__type":"TooManyRequestsException"}', { status: 400, headers: { 'x-amzn-requestid': 'r2' } }))
  await assert.rejects(send('InitiateAuth', { ...input, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Corr3ct-horse!' } }, { region: 'us-east-1', fetch: busy as typeof fetch, retry }))
  assert.equal(throttled, 3, 'Cognito refuses a throttled request before doing any work')
})

/**
 * What every function does with what it is given before anything is sent: a value that did not
 * come from `createClient` is refused with an ArgumentError naming the client, for every exported
 * function that takes one (the cases of test/support/function-cases.ts cover them all).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authFetch, createClient, createTokenSource, respondToNewPasswordChallenge, respondToSmsMfaChallenge, type Challenge, type CognitoClient } from '../../src/index.ts'
import * as fx from '../../src/functions/index.ts'
import { functionCases, NO_CLIENT } from '../support/function-cases.ts'
import { noFetch, refused } from '../support/function-replay.ts'
import { CLIENT, POOL } from '../support/signin-data.ts'

const options = { userPoolId: POOL, clientId: CLIENT, fetch: noFetch }
const cases = functionCases(options)
/** Looks like a client (same fields, frozen) but was not made by createClient. */
const impostor: CognitoClient = Object.freeze({ userPoolId: POOL, clientId: CLIENT })

for (const [name, calls] of Object.entries(cases)) {
  if (NO_CLIENT.includes(name)) continue
  test(`${name} refuses a client that createClient did not make`, async () => {
    assert.ok(calls.length, `${name} has a case`)
    for (const { run } of calls) {
      await refused(() => run(impostor), '"client" must come from createClient()')
      await refused(() => run({ ...createClient(options) }), '"client" must come from createClient()')
    }
  })
}

test('every function that returns a promise rejects it rather than throwing (ArgumentErrors arrive as rejections, as send() gives them)', async () => {
  const sync: string[] = []
  const settle = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    let p: Promise<unknown>
    try {
      p = run()
    } catch {
      sync.push(name)
      return
    }
    await assert.rejects(p)
  }
  for (const [name, calls] of Object.entries(cases)) {
    // createTokenSource is a factory, like createClient: it refuses a bad client when called, synchronously
    if (!NO_CLIENT.includes(name) && name !== 'createTokenSource') for (const { run } of calls) await settle(name, () => run(impostor))
  }
  const client = createClient(options)
  const sms: Challenge = { name: 'SMS_MFA', parameters: {}, session: 'S', username: 'alice', availableChallenges: undefined }
  await settle('respondToSmsMfaChallenge with a bad code', () => respondToSmsMfaChallenge(client, sms, '12ab'))
  await settle('respondToNewPasswordChallenge with an SMS_MFA challenge', () => respondToNewPasswordChallenge(client, sms, 'N3w-passw0rd!'))
  assert.deepEqual(sync, [])
})

test('a challenge without parameters, or with a Session that is not a string, is refused with an ArgumentError before any request', async () => {
  const client = createClient(options)
  await refused(() => respondToNewPasswordChallenge(client, { name: 'NEW_PASSWORD_REQUIRED', username: 'alice' } as never, 'N3w-passw0rd!'), '"challenge"')
  await refused(() => respondToSmsMfaChallenge(client, { name: 'SMS_MFA', parameters: {}, session: 42, username: 'alice' } as never, '123456'), '"challenge"')
})

test('a null input or options object is refused with an ArgumentError naming it, before any request (never "Cannot read properties of null")', async () => {
  const client = createClient(options)
  const ch = (name: string): Challenge => ({ name, parameters: {}, session: 'S', username: 'alice', availableChallenges: undefined })
  const T = 'access-token'
  const none = null as never
  const named: Array<[string, () => unknown]> = [
    ['"input"', () => fx.authenticate(client, none)],
    ['"input"', () => fx.customAuth(client, none)],
    ['"input"', () => fx.userAuth(client, none)],
    ['"input"', () => fx.call(client, 'GetUser', none)],
    ['"options"', () => fx.signIn(none)],
    ['"options"', () => fx.renewAccessToken(client, 'refresh-token', none)],
    ['"options"', () => fx.respondToSoftwareTokenMfaChallenge(client, ch('SOFTWARE_TOKEN_MFA'), '123456', none)],
    ['"options"', () => fx.respondToNewPasswordChallenge(client, ch('NEW_PASSWORD_REQUIRED'), 'N3w-passw0rd!', none)],
    ['"attributes"', () => fx.respondToNewPasswordChallenge(client, ch('NEW_PASSWORD_REQUIRED'), 'N3w-passw0rd!', { attributes: none })],
    ['"attributes.age"', () => fx.respondToNewPasswordChallenge(client, ch('NEW_PASSWORD_REQUIRED'), 'N3w-passw0rd!', { attributes: { age: 42 as never } })],
    ['"options"', () => fx.selectChallenge(client, ch('SELECT_CHALLENGE'), 'EMAIL_OTP', none)],
    ['"options"', () => fx.respondToWebAuthnChallenge(client, ch('WEB_AUTHN'), { id: 'cred-1' }, none)],
    ['"options"', () => fx.setupSoftwareTokenMfa(client, ch('MFA_SETUP'), none)],
    ['"options"', () => fx.verifySoftwareTokenMfaSetup(client, ch('MFA_SETUP'), '123456', none)],
    ['"options"', () => fx.confirmDevice(client, T, { deviceKey: 'k', deviceGroupKey: 'g' }, none)],
    ['"options"', () => fx.listDevices(client, T, none)],
    ['"options"', () => fx.listWebAuthnCredentials(client, T, none)],
    ['"options"', () => fx.associateSoftwareToken(client, T, none)],
    ['"options"', () => fx.getUser(client, T, none)],
    ['"options"', () => fx.updateProfile(client, T, { given_name: 'Alice' }, undefined, none)],
    ['"options"', () => fx.register(client, 'alice', 'Corr3ct-horse!', none)],
    ['"options"', () => fx.confirmSignUp(client, 'alice', '123456', none)],
    ['"options"', () => fx.resendConfirmationCode(client, 'alice', none)],
    ['"options"', () => fx.initiateForgotPassword(client, 'alice', none)],
    ['"options"', () => fx.confirmForgotPassword(client, 'alice', '123456', 'N3w-passw0rd!', none)],
    ['"options"', () => fx.sendVerification(client, T, 'email', none)],
    ['"options"', () => fx.validateVerification(client, T, '123456', 'email', none)],
    ['"stored"', () => createTokenSource(client, none)],
    ['"refreshToken"', () => createTokenSource(client, undefined as never)],
    ['"onRenew"', () => createTokenSource(client, { refreshToken: 'refresh-token', onRenew: 'persist' as never })],
    ['"accessToken"', () => createTokenSource(client, { refreshToken: 'refresh-token', accessToken: 7 as never })],
    ['"idToken"', () => createTokenSource(client, { refreshToken: 'refresh-token', idToken: {} as never })],
    ['"source"', () => authFetch(none)],
    ['"options"', () => authFetch(createTokenSource(client, { refreshToken: 'refresh-token' }), none)],
    ['"fetch"', () => authFetch(createTokenSource(client, { refreshToken: 'refresh-token' }), { fetch: 'fetch' as never })],
    ['"reauthenticate"', () => authFetch(createTokenSource(client, { refreshToken: 'refresh-token' }), { reauthenticate: true as never })],
    ['"allowedOrigins"', () => authFetch(createTokenSource(client, { refreshToken: 'refresh-token' }), { allowedOrigins: 'https://api.example.com' as never })],
  ]
  for (const [name, run] of named) await refused(run, name)
})

test('sign-in credentials of the wrong shape are refused with an ArgumentError naming them, before any request (not a wrong device proof or a TypeError mid-sign-in)', async () => {
  const client = createClient(options)
  const up = { username: 'alice', password: 'Corr3ct-horse-battery!' }
  // a newDevice (no devicePassword) passed where the confirmed credentials belong: a likely mistake
  await refused(() => fx.authenticate(client, { ...up, device: { deviceKey: 'us-east-1_0b2c6f1e', deviceGroupKey: '-nNwnPidS' } as never }), '"device"')
  await refused(() => fx.authenticate(client, { ...up, srp: {} as never }), '"srp"')
  await refused(() => fx.authenticate(client, { ...up, deviceOf: 'store' as never }), '"deviceOf"')
  await refused(() => fx.authenticate(client, { ...up, webauthn: 'passkey' as never }), '"webauthn"')
  await refused(() => fx.userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: 'passkey' as never }), '"webauthn"')
})

test('a "signal" that is not an AbortSignal is refused with an ArgumentError, on the client and per call, before any request', async () => {
  const bogus = { aborted: false } as unknown as AbortSignal
  assert.throws(() => createClient({ ...options, signal: bogus }), (e: unknown) => e instanceof TypeError && /"signal" must be an AbortSignal/.test((e as Error).message))
  const client = createClient(options)
  await refused(() => fx.getUser(client, 'access-token', { signal: bogus }), '"signal" must be an AbortSignal')
  await refused(() => fx.initiateForgotPassword(client, 'alice', { signal: bogus }), '"signal" must be an AbortSignal')
  await refused(() => fx.authenticate(client, { username: 'alice', password: 'pw', signal: bogus }), '"signal" must be an AbortSignal')
  await refused(() => fx.renewAccessToken(client, 'refresh-token', { signal: bogus }), '"signal" must be an AbortSignal')
  await refused(() => fx.revokeToken(client, 'refresh-token', { signal: bogus }), '"signal" must be an AbortSignal')
})

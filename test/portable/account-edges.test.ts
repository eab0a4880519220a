/**
 * Edge cases of the account functions and their `Cognito` methods, against the local pool (a
 * server that really checks tokens, codes and the model's ranges) or, where the local pool cannot
 * play the part, an injected `fetch` whose answers are shaped like the service model's outputs:
 * arguments refused before any request, state kept or dropped as the docs say.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, changePassword, Cognito, confirmSignUp, createClient, listDevices, listWebAuthnCredentials, register, setUserMfaPreference } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PW = 'Corr3ct-horse!'

/** A local pool with `alice` (password PW) and the options of a client on it. */
async function poolWithAlice() {
  const pool = createLocalPool({ shareKeys: true })
  await pool.addUser({ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } })
  return { pool, opts: { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false as const } }
}

/** An ArgumentError naming `name`, of `code`. */
const argError = (name: string, code = 'ERR_INVALID_ARG_TYPE') => (e: unknown) => {
  assert.ok(e instanceof ArgumentError, `expected an ArgumentError, got ${String(e)}`)
  assert.ok(e.message.includes(`"${name}"`), e.message)
  assert.equal(e.code, code)
  return true
}

test('a Cognito holding only a refresh token renews the access token before an account call, as checkToken does', async () => {
  const { pool, opts } = await poolWithAlice()
  const first = new Cognito({ ...opts, username: 'alice' })
  await first.authenticate(PW)
  const later = new Cognito({ ...opts, username: 'alice', refreshToken: first.refreshToken! })
  const me = await later.getUser()
  assert.equal(me.username, 'alice')
  assert.ok(later.accessToken, 'the renewed access token is held')
  await later.changePassword(PW, 'N3w-horse-battery!')
  assert.deepEqual(pool.calls.map((c) => c.operation).slice(-3), ['InitiateAuth', 'GetUser', 'ChangePassword'])
})

test('listDevices and listWebAuthnCredentials refuse a page size outside the model\'s range (0–60, 0–20) before any request', async () => {
  const { pool, opts } = await poolWithAlice()
  const user = new Cognito({ ...opts, username: 'alice' })
  await user.authenticate(PW)
  const client = createClient(opts)
  const token = user.accessToken!
  const before = pool.calls.length
  for (const limit of [61, -1, 1.5, NaN, '10' as never]) {
    await assert.rejects(listDevices(client, token, { limit }), argError('limit', 'ERR_INVALID_ARG_VALUE'), String(limit))
    await assert.rejects(user.listDevices({ limit }), argError('limit', 'ERR_INVALID_ARG_VALUE'), String(limit))
  }
  for (const maxResults of [21, -1, 2.5]) {
    await assert.rejects(listWebAuthnCredentials(client, token, { maxResults }), argError('maxResults', 'ERR_INVALID_ARG_VALUE'), String(maxResults))
    await assert.rejects(user.listWebAuthnCredentials({ maxResults }), argError('maxResults', 'ERR_INVALID_ARG_VALUE'), String(maxResults))
  }
  assert.equal(pool.calls.length, before, 'nothing was sent')
  // the bounds themselves are sent
  assert.deepEqual((await listDevices(client, token, { limit: 60 })).Devices, [])
  assert.deepEqual((await user.listDevices({ limit: 0 })).Devices, [])
  // (a stub answer shaped like the model's ListWebAuthnCredentialsResponse, to see what is sent)
  const sent: unknown[] = []
  const passkeys = createClient({ ...opts, fetch: async (_url: string, init: RequestInit) => (sent.push(JSON.parse(String(init.body)).MaxResults), new Response('{"Credentials":[]}', { headers: { 'content-type': 'application/x-amz-json-1.1' } })) })
  for (const maxResults of [0, 20]) assert.deepEqual(await listWebAuthnCredentials(passkeys, token, { maxResults }), { Credentials: [] })
  assert.deepEqual(sent, [0, 20])
})

test('confirmDevice refuses a non-boolean `remember` before ConfirmDevice is sent: the new device stays to be confirmed', async () => {
  const pool = createLocalPool({ shareKeys: true, deviceTracking: { deviceOnlyRememberedOnUserPrompt: true } })
  await pool.addUser({ username: 'alice', password: PW })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false, username: 'alice' })
  await user.authenticate(PW)
  const nd = user.newDevice
  assert.ok(nd, 'the pool issued a new device')
  const before = pool.calls.length
  await assert.rejects(user.confirmDevice({ name: 'laptop', remember: 'yes' as never }), argError('remember'))
  assert.equal(pool.calls.length, before, 'nothing was sent')
  assert.deepEqual(user.newDevice, nd)
  assert.equal(user.deviceCredentials, undefined)
  await assert.rejects(user.confirmDevice(null as never), argError('options'))
})

/**
 * A Cognito that answers each operation with `answers[operation]` (shaped like the model's output)
 * and records the bodies it was sent. The local pool has no passwordless sign-up to play the part.
 */
function answering(answers: Record<string, object>) {
  const sent: Array<{ operation: string; body: Record<string, unknown> }> = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const operation = new Headers(init.headers).get('x-amz-target')!.split('.')[1]!
    sent.push({ operation, body: JSON.parse(String(init.body)) })
    return new Response(JSON.stringify(answers[operation]), { headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }
  return { sent, opts: { userPoolId: 'eu-west-1_AbCdEf123', clientId: '4example5client6id7abc', fetch, retry: false as const } }
}

test('passwordless accounts: register without a password (SignUp without Password), changePassword without the previous one (setting a first password)', async () => {
  // the model: SignUp's Password and ChangePassword's PreviousPassword are optional, for pools with passwordless sign-in
  const signUp = { UserConfirmed: false, UserSub: '5f0b6c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b', CodeDeliveryDetails: { Destination: 'e***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }, Session: 'AYABeSignUpSessionExample0123456789' }
  const { sent, opts } = answering({ SignUp: signUp, ChangePassword: {} })
  const client = createClient(opts)
  assert.deepEqual(await register(client, 'erin', undefined, { attributes: { email: 'erin@example.com' } }), signUp)
  assert.equal(await changePassword(client, 'access-token-erin', undefined, 'Fir5t-passw0rd!'), undefined)
  const user = new Cognito(opts)
  assert.deepEqual(await user.register('erin', undefined), signUp)
  assert.deepEqual(sent.map((s) => [s.operation, 'Password' in s.body, 'PreviousPassword' in s.body]), [['SignUp', false, false], ['ChangePassword', false, false], ['SignUp', false, false]])
  assert.equal(sent[1]!.body['ProposedPassword'], 'Fir5t-passw0rd!')
  // a password that is given must still be a non-empty string
  await assert.rejects(register(client, 'erin', ''), argError('password'))
  await assert.rejects(changePassword(client, 'access-token-erin', '', 'Fir5t-passw0rd!'), argError('previousPassword'))
  await assert.rejects(changePassword(client, 'access-token-erin', 'Old-passw0rd!', undefined as never), argError('proposedPassword'))
  assert.equal(sent.length, 3)
})

test('UserObj.save: an attribute changed while a save is on its way is sent by the next save, not taken as saved', async () => {
  const { pool, opts } = await poolWithAlice()
  const user = new Cognito({ ...opts, username: 'alice' })
  await user.authenticate(PW)
  const me = await user.getUser()
  me.attributes['given_name'] = 'Alice'
  const saving = me.save()
  me.attributes['family_name'] = 'Liddell' // typed while the first save is in flight
  await saving
  assert.equal(pool.user('alice')!.attributes['given_name'], 'Alice')
  assert.equal(pool.user('alice')!.attributes['family_name'], undefined)
  await me.save()
  assert.equal(pool.user('alice')!.attributes['family_name'], 'Liddell')
  const calls = pool.calls.length
  assert.deepEqual(await me.save(), [], 'nothing left to send')
  assert.equal(pool.calls.length, calls)
})

test('every account method of the class takes a `signal`: an aborted one ends the call before anything is sent', async () => {
  const { pool, opts } = await poolWithAlice()
  const user = new Cognito({ ...opts, username: 'alice' })
  await user.authenticate(PW)
  const signal = AbortSignal.abort()
  const o = { signal }
  const calls: Array<[string, () => Promise<unknown>]> = [
    ['initiateForgotPassword', () => user.initiateForgotPassword(o)],
    ['confirmForgotPassword', () => user.confirmForgotPassword('123456', 'N3w-horse-battery!', o)],
    ['changePassword', () => user.changePassword(PW, 'N3w-horse-battery!', o)],
    ['sendVerification', () => user.sendVerification('email', o)],
    ['validateVerification', () => user.validateVerification('123456', 'email', o)],
    ['register', () => user.register('bob', PW, o)],
    ['confirmSignUp', () => user.confirmSignUp('123456', 'bob', o)],
    ['resendConfirmationCode', () => user.resendConfirmationCode('bob', o)],
    ['getUser', () => user.getUser(o)],
    ['updateProfile', () => user.updateProfile({ given_name: 'Al' }, undefined, o)],
    ['deleteUserAttributes', () => user.deleteUserAttributes(['given_name'], undefined, o)],
    ['deleteUser', () => user.deleteUser(o)],
    ['associateSoftwareToken', () => user.associateSoftwareToken(o)],
    ['verifySoftwareToken', () => user.verifySoftwareToken('123456', undefined, o)],
    ['setUserMfaPreference', () => user.setUserMfaPreference({ softwareToken: false }, o)],
  ]
  const before = pool.calls.length
  for (const [name, run] of calls) await assert.rejects(run(), (e: unknown) => e instanceof Error && e.name === 'AbortError', name)
  assert.equal(pool.calls.length, before, 'nothing was sent')
  assert.ok(user.accessToken, 'the tokens are kept')
  await assert.rejects(user.associateSoftwareToken('x' as never), argError('options'))
})

test('Cognito.register refuses attributes that are not a record (a string or an array would be spread into attributes "0", "1", …)', async () => {
  const { pool, opts } = await poolWithAlice()
  const user = new Cognito(opts)
  const before = pool.calls.length
  for (const attributes of ['abc', ['email']]) await assert.rejects(user.register('bob', PW, { attributes: attributes as never }), argError('attributes'), JSON.stringify(attributes))
  assert.equal(pool.calls.length, before, 'nothing was sent')
  assert.equal(user.username, undefined)
})

test('confirmSignUp refuses a forceAliasCreation that is not a boolean, before the code is used up', async () => {
  const { pool, opts } = await poolWithAlice()
  const client = createClient(opts)
  await register(client, 'bob', PW, { attributes: { email: 'bob@example.com' } })
  const code = pool.lastCode('bob', 'SignUp')!
  const before = pool.calls.length
  await assert.rejects(confirmSignUp(client, 'bob', code, { forceAliasCreation: 'true' as never }), argError('forceAliasCreation'))
  await assert.rejects(new Cognito(opts).confirmSignUp(code, 'bob', { forceAliasCreation: 1 as never }), argError('forceAliasCreation'))
  assert.equal(pool.calls.length, before, 'nothing was sent')
  await confirmSignUp(client, 'bob', code, { forceAliasCreation: false })
  assert.equal(pool.user('bob')!.status, 'CONFIRMED')
})

test('deleteUser whose first answer is lost: it is not sent again, the caller learns the outcome is unknown; a second deleteUser() finds the user gone and forgets the dead tokens', async () => {
  const { pool, opts } = await poolWithAlice()
  let lost = false
  // the pool deletes the user, but its answer is replaced by a 500: the outcome is unknown to the client
  const lossy = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const res = await pool.fetch(input, init)
    if (!lost && new Headers(init?.headers).get('x-amz-target')?.endsWith('.DeleteUser')) {
      lost = true
      return new Response('{"__type":"InternalErrorException","message":"Internal error"}', { status: 500, headers: { 'content-type': 'application/x-amz-json-1.1' } })
    }
    return res
  }
  const user = new Cognito({ ...opts, fetch: lossy as typeof fetch, retry: { random: () => 0 }, username: 'alice' })
  await user.authenticate(PW)
  await assert.rejects(user.deleteUser(), { name: 'InternalErrorException' })
  assert.deepEqual(pool.calls.map((c) => c.operation).slice(-1), ['DeleteUser'], 'sent once')
  assert.notEqual(user.accessToken, undefined, 'the tokens are kept while the outcome is unknown')
  // the app chooses to try again: the user is gone, and the dead tokens are forgotten all the same
  await assert.rejects(user.deleteUser(), { name: 'NotAuthorizedException' })
  assert.equal(user.accessToken, undefined, 'the access token is forgotten')
  assert.equal(user.refreshToken, undefined, 'the refresh token is forgotten')
})

test('setUserMfaPreference turns passkey MFA on or off (WebAuthnMfaSettings, no preference); a non-boolean is refused before sending', async () => {
  const bodies: Array<Record<string, unknown>> = []
  const fetch = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    bodies.push(JSON.parse(String(init?.body)))
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r1' } })
  }
  const client = createClient({ userPoolId: 'us-east-1_Af1', clientId: 'c', fetch, retry: false })
  await setUserMfaPreference(client, 'tok', { softwareToken: true, webAuthn: true })
  await setUserMfaPreference(client, 'tok', { webAuthn: false })
  assert.deepEqual(bodies, [
    { AccessToken: 'tok', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true }, WebAuthnMfaSettings: { Enabled: true } },
    { AccessToken: 'tok', WebAuthnMfaSettings: { Enabled: false } },
  ])
  await assert.rejects(setUserMfaPreference(client, 'tok', { webAuthn: 'yes' as unknown as boolean }), argError('preferences.webAuthn'))
  assert.equal(bodies.length, 2, 'nothing sent for the refused call')
})

test('deleteUser forgets the device credentials too: they belonged to the deleted user', async () => {
  const pool = createLocalPool({ shareKeys: true, deviceTracking: { deviceOnlyRememberedOnUserPrompt: false } })
  await pool.addUser({ username: 'alice', password: PW })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false, username: 'alice' })
  await user.authenticate(PW)
  await user.confirmDevice({ name: 'laptop' })
  assert.ok(user.deviceCredentials, 'a confirmed device is held')
  await user.deleteUser()
  assert.equal(user.deviceCredentials, undefined)
  assert.equal(user.accessToken, undefined)
})

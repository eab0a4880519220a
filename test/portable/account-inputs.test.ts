/**
 * Inputs of the account functions that Cognito takes only in one shape, refused before anything is
 * sent with an ArgumentError naming them: `clientMetadata` (a map of strings, in every function that
 * sends it), page tokens (non-empty strings), a device name (at most 1,024 characters, the model's
 * DeviceNameType), and request headers and options that are not objects. Each call goes to an
 * injected `fetch` that records what would have been sent.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ArgumentError,
  Cognito,
  confirmDevice,
  confirmForgotPassword,
  confirmSignUp,
  createClient,
  initiateForgotPassword,
  listDevices,
  listWebAuthnCredentials,
  register,
  renewAccessToken,
  resendConfirmationCode,
  send,
  sendVerification,
  updateProfile,
} from '../../src/index.ts'

const POOL = 'us-east-1_AbC123'

/** A client whose `fetch` records each request and answers `{}` (the shape of an empty output). */
function recording() {
  const sent: string[] = []
  const fetch = async (_url: string, init: RequestInit) => {
    const op = new Headers(init.headers).get('x-amz-target')!.split('.')[1]!
    sent.push(op)
    // the members an answer must carry, where the function checks them
    return new Response(op === 'ListWebAuthnCredentials' ? '{"Credentials":[]}' : '{}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' } })
  }
  return { sent, client: createClient({ userPoolId: POOL, clientId: 'client1', clientSecret: 'shh', fetch, retry: false }), fetch }
}

/** An ArgumentError whose message names `name`, of `code`. */
const named = (name: string, code = 'ERR_INVALID_ARG_TYPE') => (e: unknown) => {
  assert.ok(e instanceof ArgumentError, `expected an ArgumentError, got ${String(e)}`)
  assert.ok(e.message.includes(`"${name}`), e.message)
  assert.equal(e.code, code)
  return true
}

test('every account function that sends ClientMetadata refuses one that is not a map of strings, before any request', async () => {
  const { sent, client } = recording()
  const calls: [string, (m: never) => Promise<unknown>][] = [
    ['initiateForgotPassword', (m) => initiateForgotPassword(client, 'alice', { clientMetadata: m })],
    ['confirmForgotPassword', (m) => confirmForgotPassword(client, 'alice', '123456', 'N3w-passw0rd!', { clientMetadata: m })],
    ['register', (m) => register(client, 'alice', 'Passw0rd-long!', { clientMetadata: m })],
    ['confirmSignUp', (m) => confirmSignUp(client, 'alice', '123456', { clientMetadata: m })],
    ['resendConfirmationCode', (m) => resendConfirmationCode(client, 'alice', { clientMetadata: m })],
    ['sendVerification', (m) => sendVerification(client, 'token', 'email', { clientMetadata: m })],
    ['updateProfile', (m) => updateProfile(client, 'token', { name: 'Alice' }, undefined, { clientMetadata: m })],
    ['renewAccessToken', (m) => renewAccessToken(client, 'refresh', { username: 'alice', clientMetadata: m })],
    ['renewAccessToken with rotation', (m) => renewAccessToken(client, 'refresh', { rotation: true, clientMetadata: m })],
  ]
  for (const [what, call] of calls) {
    await assert.rejects(call({ source: 7 } as never), named('clientMetadata.source'), what)
    await assert.rejects(call('source=web' as never), named('clientMetadata'), what)
    await assert.rejects(call(['web'] as never), named('clientMetadata'), what)
  }
  assert.deepEqual(sent, [], 'nothing was sent')
  // a map of strings is sent as it is
  await initiateForgotPassword(client, 'alice', { clientMetadata: { source: 'web' } })
  assert.deepEqual(sent, ['ForgotPassword'])
})

test('a page token that is not a non-empty string is refused, naming it, before any request', async () => {
  const { sent, client } = recording()
  for (const bad of [7, '', { token: 'x' }]) {
    await assert.rejects(listDevices(client, 'token', { paginationToken: bad as never }), named('paginationToken'), String(bad))
    await assert.rejects(listWebAuthnCredentials(client, 'token', { nextToken: bad as never }), named('nextToken'), String(bad))
  }
  assert.deepEqual(sent, [])
  await listDevices(client, 'token', { paginationToken: 'page-2' })
  await listWebAuthnCredentials(client, 'token', { nextToken: 'page-2' })
  assert.deepEqual(sent, ['ListDevices', 'ListWebAuthnCredentials'])
})

test('confirmDevice refuses a name over 1,024 characters (counted as characters, not UTF-16 units) before making a verifier', async () => {
  const { sent, client } = recording()
  const device = { deviceKey: 'us-east-1_0a1b2c3d-0000-4000-8000-000000000000', deviceGroupKey: '-group' }
  await assert.rejects(confirmDevice(client, 'token', device, { name: 'x'.repeat(1025) }), named('name', 'ERR_INVALID_ARG_VALUE'))
  assert.deepEqual(sent, [])
  // 1,024 emoji are 2,048 UTF-16 units but 1,024 characters, as Cognito counts them: sent
  const out = await confirmDevice(client, 'token', device, { name: '\u{1F511}'.repeat(1024) })
  assert.equal(out.deviceKey, device.deviceKey)
  await confirmDevice(client, 'token', device, { name: 'x'.repeat(1024) })
  assert.deepEqual(sent, ['ConfirmDevice', 'ConfirmDevice'])
})

test('headers must be an object of strings, and options an object, each named in the error', async () => {
  const { sent, fetch } = recording()
  assert.throws(() => createClient({ userPoolId: POOL, clientId: 'c', fetch, headers: { 'x-app': 1 } as never }), named('headers.x-app'))
  assert.throws(() => createClient({ userPoolId: POOL, clientId: 'c', fetch, headers: 'x-app: 1' as never }), named('headers'))
  await assert.rejects(send('GetUser', {}, null as never), named('options'))
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch, headers: [] as never }), named('headers'))
  for (const bad of [undefined, null, [], 'us-east-1_AbC123']) assert.throws(() => new Cognito(bad as never), named('options'), String(bad))
  assert.deepEqual(sent, [])
})

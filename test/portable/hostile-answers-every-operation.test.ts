/**
 * Every exported function against answers a broken proxy or a captive portal gives with HTTP 200:
 * an HTML page, JSON that is not an object, truncated JSON, a body over the cap, an error envelope
 * (`{"__type":…}`, an error whose status was rewritten), and bodies of the wrong shape for the
 * operation. Each must end in a typed error (a `ResponseError` for what is not the operation's
 * answer), never a plain `TypeError` from deep inside and never a success: a
 * ConfirmForgotPassword "succeeding" on an error envelope tells the user a password was changed
 * when it was not. The cases come from test/support/function-cases.ts, so a new function gets
 * them too.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CognitoError, createClient, isCognitoError, ResponseError, type ClientOptions } from '../../src/index.ts'
import * as fx from '../../src/functions/index.ts'
import { adminGetUser, createAdminClient } from '../../src/admin.ts'
import { functionCases } from '../support/function-cases.ts'
import { CLIENT, NOW, POOL } from '../support/signin-data.ts'

const CT = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r1' }
let answer: () => Response = () => new Response('{}', { status: 200, headers: CT })
const fetch = (async () => answer()) as typeof globalThis.fetch
const options: ClientOptions = { userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW, retry: false, maxResponseBytes: 4096 }
const cases = functionCases(options)

const HOSTILE: Array<[string, () => Response]> = [
  ['an HTML page', () => new Response('<html><body>Sign in to the Wi-Fi</body></html>', { status: 200, headers: { 'content-type': 'text/html' } })],
  ['a JSON array', () => new Response('[]', { status: 200, headers: CT })],
  ['JSON null', () => new Response('null', { status: 200, headers: CT })],
  ['truncated JSON', () => new Response('{"Username":"al', { status: 200, headers: CT })],
  ['a body over the cap', () => new Response('{"x":"' + 'a'.repeat(10_000) + '"}', { status: 200, headers: CT })],
  ['an error envelope with status 200', () => new Response('{"__type":"NotAuthorizedException","message":"Invalid session for the user."}', { status: 200, headers: CT })],
]

for (const [what, response] of HOSTILE) {
  test(`every function, answered ${what} with HTTP 200: a ResponseError, never a success`, async () => {
    answer = response
    const client = createClient(options)
    const wrong: string[] = []
    for (const [name, calls] of Object.entries(cases)) {
      for (const { operation, run } of calls) {
        const out = await run(client).then(
          (v) => `resolved ${JSON.stringify(v)?.slice(0, 60)}`,
          (e: unknown) => (e instanceof ResponseError ? undefined : `${(e as Error)?.name}: ${(e as Error)?.message}`),
        )
        if (out) wrong.push(`${name} (${operation}): ${out}`)
      }
    }
    assert.deepEqual(wrong, [])
  })
}

test('the error envelope is a ResponseError that says so, not the error it names (a rewritten status cannot be trusted)', async () => {
  answer = HOSTILE[5]![1]
  const e = await fx.confirmForgotPassword(createClient(options), 'alice', '123456', 'N3w-passw0rd!').catch((x: unknown) => x)
  assert.ok(e instanceof ResponseError, String(e))
  assert.match(e.message, /HTTP 200/)
  assert.match(e.message, /NotAuthorizedException/)
})

test('an error named only by its x-amzn-ErrorType header, with status 200, is a ResponseError too: with a body that would pass as the answer ({}) or an HTML page', async () => {
  for (const body of ['{}', '<html>Bad gateway</html>']) {
    answer = () => new Response(body, { status: 200, headers: { ...CT, 'x-amzn-errortype': 'NotAuthorizedException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/' } })
    const e = await fx.confirmForgotPassword(createClient(options), 'alice', '123456', 'N3w-passw0rd!').then((v) => ({ resolved: v }), (x: unknown) => x)
    assert.ok(e instanceof ResponseError, `${body}: ${e instanceof Error ? e.message : JSON.stringify(e)}`)
    assert.match(e.message, /NotAuthorizedException \(HTTP 200\)/)
  }
})

/** [function, operation, the 200 body, why it is not the operation's answer] */
const SHAPES: Array<[string, (c: ReturnType<typeof createClient>) => Promise<unknown>, string, string]> = [
  ['getUser', (c) => fx.getUser(c, 't'), '{"Username":"alice"}', 'GetUser without the required UserAttributes'],
  ['getUser', (c) => fx.getUser(c, 't'), '{"Username":"alice","UserAttributes":{"email":"a@example.com"}}', 'GetUser with UserAttributes not a list'],
  ['getUser', (c) => fx.getUser(c, 't'), '{"UserAttributes":[{"Name":"email","Value":"a@example.com"}]}', 'GetUser without the required Username (its attribute list present)'],
  ['getDevice', (c) => fx.getDevice(c, 't', 'dk'), '{}', 'GetDevice without the required Device'],
  ['getDevice', (c) => fx.getDevice(c, 't', 'dk'), '{"Device":"laptop"}', 'GetDevice with Device not an object'],
  ['listDevices', (c) => fx.listDevices(c, 't'), '{"Devices":{"DeviceKey":"dk"}}', 'ListDevices with Devices not a list'],
  ['listWebAuthnCredentials', (c) => fx.listWebAuthnCredentials(c, 't'), '{}', 'ListWebAuthnCredentials without the required Credentials'],
  ['listWebAuthnCredentials', (c) => fx.listWebAuthnCredentials(c, 't'), '{"Credentials":"none"}', 'ListWebAuthnCredentials with Credentials not a list'],
  ['startWebAuthnRegistration', (c) => fx.startWebAuthnRegistration(c, 't'), '{}', 'StartWebAuthnRegistration without the required CredentialCreationOptions'],
  ['register', (c) => fx.register(c, 'alice', 'Corr3ct-horse!'), '{}', 'SignUp without the required UserConfirmed and UserSub'],
  ['register', (c) => fx.register(c, 'alice', 'Corr3ct-horse!'), '{"UserConfirmed":"false","UserSub":"5f1c"}', 'SignUp with UserConfirmed not a boolean'],
  ['register', (c) => fx.register(c, 'alice', 'Corr3ct-horse!'), '{"UserConfirmed":false}', 'SignUp without the required UserSub'],
  ['associateSoftwareToken', (c) => fx.associateSoftwareToken(c, 't'), '{"Session":"AYABsession-of-twenty"}', 'AssociateSoftwareToken without SecretCode'],
  ['verifySoftwareToken', (c) => fx.verifySoftwareToken(c, 't', '123456'), '{}', 'VerifySoftwareToken without Status (the code may have been taken: not "false")'],
  ['verifySoftwareTokenMfaSetup', (c) => fx.verifySoftwareTokenMfaSetup(c, { name: 'MFA_SETUP', parameters: {}, session: 'AYAB', username: 'alice', availableChallenges: undefined }, '123456'), '{}', 'VerifySoftwareToken without Status (not "wrong code")'],
  ['updateProfile', (c) => fx.updateProfile(c, 't', { given_name: 'Alice' }), '{"CodeDeliveryDetailsList":{"Destination":"a***"}}', 'UpdateUserAttributes with CodeDeliveryDetailsList not a list'],
]

for (const [name, run, body, why] of SHAPES) {
  test(`${name}: ${why} is a ResponseError naming the operation`, async () => {
    answer = () => new Response(body, { status: 200, headers: CT })
    const e = await run(createClient(options)).then((v) => ({ resolved: v }), (x: unknown) => x)
    assert.ok(e instanceof ResponseError, `${why}: ${e instanceof Error ? `${e.name}: ${e.message}` : JSON.stringify(e)}`)
    const op = why.split(' ')[0]!
    assert.ok(e.message.includes(op), `"${e.message}" names ${op}`)
  })
}

test('the well-formed answers still pass (the shape checks accept what Cognito sends)', async () => {
  const c = createClient(options)
  const ok: Array<[string, () => Promise<unknown>]> = [
    ['{"Username":"alice","UserAttributes":[]}', () => fx.getUser(c, 't')],
    ['{"Device":{"DeviceKey":"dk"}}', () => fx.getDevice(c, 't', 'dk')],
    ['{}', () => fx.listDevices(c, 't')],
    ['{"Devices":[]}', () => fx.listDevices(c, 't')],
    ['{"Credentials":[]}', () => fx.listWebAuthnCredentials(c, 't')],
    ['{"CredentialCreationOptions":{"challenge":"abc"}}', () => fx.startWebAuthnRegistration(c, 't')],
    ['{"UserConfirmed":false,"UserSub":"5f1c"}', () => fx.register(c, 'alice', 'Corr3ct-horse!')],
    ['{"Status":"SUCCESS"}', () => fx.verifySoftwareToken(c, 't', '123456')],
    ['{"Status":"ERROR"}', () => fx.verifySoftwareToken(c, 't', '123456')],
    ['{}', () => fx.updateProfile(c, 't', { given_name: 'Alice' })],
  ]
  for (const [body, run] of ok) {
    answer = () => new Response(body, { status: 200, headers: CT })
    await run()
  }
  answer = () => new Response('{"Status":"ERROR"}', { status: 200, headers: CT })
  assert.equal(await fx.verifySoftwareToken(c, 't', '123456'), false)
  answer = () => new Response('{"Status":"SUCCESS"}', { status: 200, headers: CT })
  assert.equal(await fx.verifySoftwareToken(c, 't', '123456'), true)
})

test('admin: the error envelope with status 200 is a ResponseError too (AdminGetUser)', async () => {
  const admin = createAdminClient({ userPoolId: POOL, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }, fetch, retry: false })
  answer = () => new Response('{"__type":"UserNotFoundException","message":"User does not exist.","Username":"alice"}', { status: 200, headers: CT })
  const e = await adminGetUser(admin, 'alice').catch((x: unknown) => x)
  assert.ok(e instanceof ResponseError && isCognitoError(e) && e instanceof CognitoError, String(e))
})

test('admin lists: ListUsers, ListGroups and AdminListGroupsForUser answering a list that is not a list are ResponseErrors naming the operation, not "no users"', async () => {
  const { getUsers, getGroups, adminListGroupsForUser } = await import('../../src/admin.ts')
  const admin = createAdminClient({ userPoolId: POOL, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }, fetch, retry: false })
  const runs: Array<[string, string, () => Promise<unknown>]> = [
    ['ListUsers', '{"Users":{"Username":"alice"}}', () => getUsers(admin)],
    ['ListGroups', '{"Groups":"admins"}', () => getGroups(admin)],
    ['AdminListGroupsForUser', '{"Groups":{"GroupName":"admins"}}', () => adminListGroupsForUser(admin, 'alice')],
  ]
  for (const [op, body, run] of runs) {
    answer = () => new Response(body, { status: 200, headers: CT })
    const e = await run().then((v) => ({ resolved: v }), (x: unknown) => x)
    assert.ok(e instanceof ResponseError && e.message.includes(op), `${op}: ${e instanceof Error ? e.message : JSON.stringify(e)}`)
  }
  // a page without the list is an empty page, as Cognito sends one
  answer = () => new Response('{}', { status: 200, headers: CT })
  assert.deepEqual((await getUsers(admin)).users, [])
})

test("the transport's own errors name the operation: a proxy's page, a body over the cap, a lost connection, a timeout", async () => {
  const client = (f: typeof globalThis.fetch = fetch) => createClient({ ...options, fetch: f, timeout: 20 })
  for (const [what, response] of HOSTILE) {
    answer = response
    const e = await fx.confirmForgotPassword(client(), 'alice', '123456', 'N3w-passw0rd!').catch((x: unknown) => x)
    assert.ok(e instanceof ResponseError && e.message.startsWith('ConfirmForgotPassword: '), `${what}: ${String(e)}`)
  }
  const reset = (async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) })
  }) as typeof globalThis.fetch
  const n = await fx.changePassword(client(reset), 't', 'Old-passw0rd!', 'N3w-passw0rd!').catch((x: unknown) => x)
  assert.ok(n instanceof CognitoError && n.name === 'NetworkError' && n.message.startsWith('ChangePassword: '), String(n))
  const never = ((_u: string, init: RequestInit) => new Promise((_ok, no) => init.signal!.addEventListener('abort', () => no(init.signal!.reason)))) as typeof globalThis.fetch
  const t = await fx.getUser(client(never), 't').catch((x: unknown) => x)
  assert.ok(t instanceof CognitoError && t.name === 'TimeoutError' && t.message.startsWith('GetUser: '), String(t))
  // Cognito's own errors keep Cognito's message
  answer = () => new Response('{"__type":"CodeMismatchException","message":"Invalid verification code provided, please try again."}', { status: 400, headers: CT })
  await assert.rejects(fx.confirmForgotPassword(client(), 'alice', '123456', 'N3w-passw0rd!'), { name: 'CodeMismatchException', message: 'Invalid verification code provided, please try again.' })
})

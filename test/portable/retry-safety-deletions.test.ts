/**
 * Operations whose second run answers differently from their first: a deletion, a sign-out
 * everywhere, an admin confirmation. When the first attempt did the work and its answer was lost
 * (HTTP 500, a dropped connection, a timeout), a retry gets Cognito's "already gone" answer
 * (NotAuthorizedException "User does not exist.", ResourceNotFoundException, "User cannot be
 * confirmed. Current status is CONFIRMED"), and the app would be told the call failed for a reason
 * that is not true. So they are sent once: the caller gets the failure of unknown outcome
 * (here InternalErrorException, `retryable`) and decides. Throttling is still retried, since
 * Cognito refuses a throttled request before doing any work.
 * Before, each was retried and the caller got the misleading second answer.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { call, Cognito, createClient, deleteUser, deleteWebAuthnCredential, forgetDevice, InternalErrorException, logout, send } from '../../src/index.ts'
import { adminConfirmSignUp, adminDeleteUser, createAdminClient } from '../../src/admin.ts'
import { CLIENT, NOW, POOL } from '../support/signin-data.ts'

const CT = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r1' }
/** What Cognito answers a repeat of each operation whose first run succeeded. */
const AGAIN: Record<string, [string, string]> = {
  DeleteUser: ['NotAuthorizedException', 'User does not exist.'],
  GlobalSignOut: ['NotAuthorizedException', 'Access Token has been revoked'],
  ForgetDevice: ['ResourceNotFoundException', 'Device does not exist.'],
  DeleteWebAuthnCredential: ['ResourceNotFoundException', 'Credential not found.'],
  AdminDeleteUser: ['UserNotFoundException', 'User does not exist.'],
  AdminConfirmSignUp: ['NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'],
  AdminForgetDevice: ['ResourceNotFoundException', 'Device does not exist.'],
  DeleteGroup: ['ResourceNotFoundException', 'Group not found.'],
}

/** A Cognito that does the work on the first request and loses its answer (a 500); a repeat gets the "already done" error. */
function lostAnswer(first: () => Response = () => new Response('{"__type":"InternalErrorException","message":"Internal error"}', { status: 500, headers: CT })) {
  const attempts: Record<string, number> = {}
  const fetch = async (_u: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const op = (new Headers(init?.headers).get('x-amz-target') ?? '').split('.')[1]!
    attempts[op] = (attempts[op] ?? 0) + 1
    if (attempts[op] === 1) return first()
    const [type, message] = AGAIN[op]!
    return new Response(JSON.stringify({ __type: type, message }), { status: 400, headers: CT })
  }
  return { fetch: fetch as typeof globalThis.fetch, attempts }
}

const retry = { random: () => 0 }
const KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }
const T = 'access-token'

test('the functions: DeleteUser, GlobalSignOut, ForgetDevice, DeleteWebAuthnCredential are sent once after a 500, and the 500 is what the caller gets', async () => {
  const runs: Array<[string, (c: ReturnType<typeof createClient>) => Promise<unknown>]> = [
    ['DeleteUser', (c) => deleteUser(c, T)],
    ['GlobalSignOut', (c) => logout(c, T)],
    ['ForgetDevice', (c) => forgetDevice(c, T, 'us-east-1_device')],
    ['DeleteWebAuthnCredential', (c) => deleteWebAuthnCredential(c, T, 'cred-1')],
  ]
  for (const [op, run] of runs) {
    const cognito = lostAnswer()
    const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch: cognito.fetch, now: () => NOW, retry })
    await assert.rejects(run(client), InternalErrorException, `${op}: the outcome is unknown, not "${AGAIN[op]![0]}"`)
    assert.deepEqual(cognito.attempts, { [op]: 1 }, op)
  }
})

test('a timeout of DeleteUser is not followed by a second DeleteUser', async () => {
  let attempts = 0
  const fetch = (async (_u: string, init: RequestInit): Promise<Response> => {
    attempts++
    if (attempts === 1) return new Promise((_ok, no) => init.signal!.addEventListener('abort', () => no(new DOMException('aborted', 'AbortError'))))
    return new Response('{"__type":"NotAuthorizedException","message":"User does not exist."}', { status: 400, headers: CT })
  }) as typeof globalThis.fetch
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch, timeout: 20, retry })
  await assert.rejects(deleteUser(client, T), { name: 'TimeoutError' })
  assert.equal(attempts, 1)
})

test('the Cognito class: deleteUser() and logout() after a lost answer keep the tokens and say the outcome is unknown', async () => {
  for (const [op, run] of [
    ['DeleteUser', (u: Cognito) => u.deleteUser()],
    ['GlobalSignOut', (u: Cognito) => u.logout()],
  ] as const) {
    const cognito = lostAnswer()
    const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, fetch: cognito.fetch, retry, accessToken: T })
    await assert.rejects(run(user), InternalErrorException, op)
    assert.deepEqual(cognito.attempts, { [op]: 1 }, op)
    assert.equal(user.accessToken, T, `${op}: the tokens are kept until the outcome is known`)
  }
})

test('the generic entry points: call(), send(), user.call() send these once too', async () => {
  for (const op of ['DeleteUser', 'GlobalSignOut', 'ForgetDevice', 'DeleteWebAuthnCredential'] as const) {
    const input = { AccessToken: T, DeviceKey: 'k', CredentialId: 'c' }
    for (const [how, run] of [
      ['call()', (f: typeof fetch) => call(createClient({ userPoolId: POOL, clientId: CLIENT, fetch: f, retry }), op, input as never)],
      ['send()', (f: typeof fetch) => send(op, input, { region: 'us-east-1', fetch: f, retry })],
      ['user.call()', (f: typeof fetch) => new Cognito({ userPoolId: POOL, clientId: CLIENT, fetch: f, retry }).call(op, input as never)],
    ] as const) {
      const cognito = lostAnswer()
      await assert.rejects(run(cognito.fetch), InternalErrorException, `${how} ${op}`)
      assert.deepEqual(cognito.attempts, { [op]: 1 }, `${how} ${op}`)
    }
  }
})

test('admin: AdminDeleteUser, AdminConfirmSignUp, AdminForgetDevice and DeleteGroup are sent once after a 500', async () => {
  const runs: Array<[string, (a: ReturnType<typeof createAdminClient>) => Promise<unknown>]> = [
    ['AdminDeleteUser', (a) => adminDeleteUser(a, 'alice')],
    ['AdminConfirmSignUp', (a) => adminConfirmSignUp(a, 'alice')],
    ['AdminForgetDevice', (a) => a.send('AdminForgetDevice', { UserPoolId: POOL, Username: 'alice', DeviceKey: 'k' })],
    ['DeleteGroup', (a) => a.send('DeleteGroup', { UserPoolId: POOL, GroupName: 'g' })],
  ]
  for (const [op, run] of runs) {
    const cognito = lostAnswer()
    const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: cognito.fetch, retry })
    await assert.rejects(run(admin), InternalErrorException, op)
    assert.deepEqual(cognito.attempts, { [op]: 1 }, op)
  }
})

test('safe operations are still retried (DeleteUserAttributes, RevokeToken, UpdateDeviceStatus), and throttling still is for the unsafe ones', async () => {
  for (const op of ['DeleteUserAttributes', 'RevokeToken', 'UpdateDeviceStatus']) {
    let attempts = 0
    const f = (async () => (attempts++, new Response('{"__type":"InternalErrorException"}', { status: 500, headers: CT }))) as typeof fetch
    await assert.rejects(send(op, {}, { region: 'us-east-1', fetch: f, retry }), InternalErrorException)
    assert.equal(attempts, 3, op)
  }
  let throttled = 0
  const busy = (async () => (throttled++, new Response('{"__type":"TooManyRequestsException"}', { status: 400, headers: CT }))) as typeof fetch
  await assert.rejects(deleteUser(createClient({ userPoolId: POOL, clientId: CLIENT, fetch: busy, retry: { random: () => 0, throttleBaseDelay: 1 } }), T))
  assert.equal(throttled, 3)
})

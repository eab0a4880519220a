/**
 * `cognito-edge/identity-js` users against the local pool (through `pool.fetch`, no sockets): the
 * behaviour the README side-by-side tests do not reach — sessions from storage and refreshes,
 * sign-out with revocation, the wrap of refresh callbacks, callbacks an app left out, TOTP without
 * an explicit MFA type, EMAIL_OTP, signed-in TOTP set-up, user data edge cases, USER_PASSWORD_AUTH
 * with a remembered device, the transport options (signal, fetchOptions.credentials, user agent),
 * the legacy MFA switch on the wire — and the two library functions this entry added options to
 * (`deviceOf` of the sign-in flows, `validationData` of `register`). Portable: node, bun, deno.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, createClient, register } from '../../src/index.ts'
import { AuthenticationDetails, CognitoRefreshToken, CognitoUser, CognitoUserPool, appendToCognitoUserAgent, type IAuthenticationCallback } from '../../src/identity-js.ts'
import { createLocalPool, type LocalPoolOptions } from '../../src/local/index.ts'

const PW = 'Corr3ct-horse!'
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com', nickname: 'al' } }

/** A local pool, the identity-js pool over it (own storage), and a recorder of what was sent. */
function setup(options: LocalPoolOptions = {}, extra: Record<string, unknown> = {}) {
  const sent: Array<{ op: string; body: any; headers: Headers; credentials: unknown }> = []
  const local = createLocalPool({ shareKeys: true, users: [alice], ...options })
  const fetch = (url: string, init: RequestInit): Promise<Response> => {
    const headers = new Headers(init.headers)
    sent.push({ op: headers.get('x-amz-target')!.split('.')[1]!, body: JSON.parse(String(init.body)), headers, credentials: init.credentials })
    return local.fetch(url, init)
  }
  const m = new Map<string, string>()
  const Storage = { setItem: (k: string, v: string) => void m.set(k, v), getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
  const pool = new CognitoUserPool({ UserPoolId: local.poolId, ClientId: local.clientId, endpoint: local.endpoint, fetch, Storage, retry: false, ...extra })
  return { local, pool, sent, m, user: (name = 'alice') => new CognitoUser({ Username: name, Pool: pool }) }
}

/** The outcome of a sign-in step: the callback that ran and its arguments. */
function callbacks(extra: Partial<IAuthenticationCallback> = {}): { cb: IAuthenticationCallback; next: Promise<[string, any[]]> } {
  let done: (v: [string, any[]]) => void
  const next = new Promise<[string, any[]]>((r) => (done = r))
  const on = (name: string) => (...a: any[]) => done([name, a])
  const cb: IAuthenticationCallback = { onSuccess: on('onSuccess'), onFailure: on('onFailure'), mfaRequired: on('mfaRequired'), totpRequired: on('totpRequired'), mfaSetup: on('mfaSetup'), selectMFAType: on('selectMFAType'), customChallenge: on('customChallenge'), newPasswordRequired: on('newPasswordRequired'), ...extra }
  return { cb, next }
}

const node = <T>(f: (cb: (err: any, v?: any) => void) => void): Promise<T> => new Promise((resolve, reject) => f((err, v) => (err ? reject(err) : resolve(v))))

async function signedIn(s: ReturnType<typeof setup>, name = 'alice'): Promise<CognitoUser> {
  const u = s.user(name)
  const { cb, next } = callbacks()
  u.authenticateUser(new AuthenticationDetails({ Username: name, Password: PW }), cb)
  const [which, args] = await next
  assert.equal(which, 'onSuccess', String(args[0]?.message))
  return u
}

test('getSession: from memory, from storage, refreshed (with the device key) when expired; errors when nothing is stored', async () => {
  const s = setup({ deviceTracking: true })
  const u = await signedIn(s)
  assert.equal(await node((cb) => u.getSession(cb)), u.getSignInUserSession(), 'the valid session in memory')
  const current = s.pool.getCurrentUser()!
  const stored = await node<any>((cb) => current.getSession(cb))
  assert.equal(stored.getAccessToken().getJwtToken(), u.getSignInUserSession()!.getAccessToken().getJwtToken())
  // expired (per the stored drift): refreshed with REFRESH_TOKEN_AUTH and the remembered device's key
  s.m.set('CognitoIdentityServiceProvider.' + s.local.clientId + '.alice.clockDrift', '-7200')
  s.sent.length = 0
  const fresh = s.pool.getCurrentUser()!
  const refreshed = await node<any>((cb) => fresh.getSession(cb, { clientMetadata: { why: 'expired' } }))
  assert.equal(refreshed.isValid(), true)
  assert.deepEqual(s.sent.map((c) => [c.op, c.body.AuthFlow, c.body.AuthParameters.DEVICE_KEY === u.deviceKey, c.body.ClientMetadata?.why]), [['InitiateAuth', 'REFRESH_TOKEN_AUTH', true, 'expired']])
  // expired without a refresh token, and nothing stored at all
  s.m.set('CognitoIdentityServiceProvider.' + s.local.clientId + '.alice.clockDrift', '-7200')
  s.m.set('CognitoIdentityServiceProvider.' + s.local.clientId + '.alice.refreshToken', '')
  await assert.rejects(node((cb) => s.pool.getCurrentUser()!.getSession(cb)), /Cannot retrieve a new session\. Please authenticate\./)
  await assert.rejects(node((cb) => s.user('bob').getSession(cb)), /Local storage is missing an ID Token, Please authenticate/)
  const nameless = s.user()
  nameless.username = null as any
  await assert.rejects(node((cb) => nameless.getSession(cb)), /Username is null/)
})

test('refreshSession: the pool wraps the callback; a refused refresh token clears the stored tokens', async () => {
  const wrapped: string[] = []
  const s = setup({}, {})
  const pool = new CognitoUserPool({ UserPoolId: s.local.poolId, ClientId: s.local.clientId, endpoint: s.local.endpoint, fetch: s.local.fetch, Storage: s.pool.storage }, (cb) => (err, v) => (wrapped.push(err ? 'err' : 'ok'), cb(err, v)))
  const u = new CognitoUser({ Username: 'alice', Pool: pool })
  const { cb, next } = callbacks()
  u.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), cb)
  await next
  await node((cb) => u.refreshSession(u.getSignInUserSession()!.getRefreshToken(), cb))
  const err: any = await node((cb) => u.refreshSession(new CognitoRefreshToken({ RefreshToken: 'revoked' }), cb)).catch((e) => e)
  assert.equal(err.code, 'NotAuthorizedException')
  assert.deepEqual(wrapped, ['ok', 'err'])
  assert.equal(pool.getCurrentUser(), null, 'the stored tokens are gone')
})

test('signOut with a callback revokes the refresh token (RevokeToken), then forgets the session; without a session it reports why', async () => {
  const s = setup()
  const u = await signedIn(s)
  s.sent.length = 0
  const err = await new Promise((r) => u.signOut(r as () => void))
  assert.equal(err, undefined)
  assert.deepEqual(s.sent.map((c) => c.op), ['RevokeToken'])
  assert.equal(s.pool.getCurrentUser(), null)
  const again: any = await new Promise((r) => u.signOut(r as () => void))
  assert.match(again.message, /Local storage is missing an ID Token/)
  // RevokeToken fails: the error is reported, in acij's shape, and the session is forgotten anyway
  const v = await signedIn(s)
  s.local.failNext('RevokeToken', { status: 400, type: 'UnauthorizedException', message: 'Token revocation is not enabled.' })
  const failed: any = await new Promise((r) => v.signOut(r as () => void))
  assert.deepEqual([failed.code, failed.message], ['UnauthorizedException', 'Token revocation is not enabled.'])
  assert.equal(v.getSignInUserSession(), null)
  assert.equal(s.pool.getCurrentUser(), null)
})

test('a challenge the app has no callback for goes to onFailure; a throwing callback is not reported to onFailure', async () => {
  const s = setup({ users: [{ ...alice, mfa: ['SOFTWARE_TOKEN_MFA'], totpSecret: SECRET }] })
  const u = s.user()
  const { cb, next } = callbacks({ totpRequired: undefined } as object)
  u.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), cb)
  const [which, [err]] = await next
  assert.equal(which, 'onFailure')
  assert.equal(err.challengeName, 'SOFTWARE_TOKEN_MFA')
  assert.equal(u.challengeName, 'SOFTWARE_TOKEN_MFA', 'the challenge stays answerable')
  // the code without the MFA type: the pending challenge's type is used
  const done = callbacks()
  u.sendMFACode(await s.local.totpCode('alice'), done.cb)
  assert.equal((await done.next)[0], 'onSuccess')
  assert.equal(u.challengeName, undefined)
})

test('a custom challenge started by one instance is answered by another, given its Session (a server between two requests)', async () => {
  const s = setup({ customAuth: ({ results }) => (results.at(-1) ? { issueTokens: true } : { challenge: { parameters: { q: '2+2' }, answer: '4' } }) })
  const first = s.user()
  const start = callbacks()
  first.initiateAuth(new AuthenticationDetails({ Username: 'alice' }), start.cb)
  assert.deepEqual(await start.next, ['customChallenge', [{ q: '2+2', USERNAME: 'alice' }]])
  const saved = first.Session!
  assert.ok(saved.length > 20)
  const second = s.user()
  second.Session = saved
  const done = callbacks()
  second.sendCustomChallengeAnswer('4', done.cb)
  assert.equal((await done.next)[0], 'onSuccess')
  // without a pending Session Cognito has nothing to match the answer to
  const none = callbacks()
  s.user().sendCustomChallengeAnswer('4', none.cb)
  assert.deepEqual([(await none.next)[1][0].code, s.sent.at(-1)!.body.Session], ['NotAuthorizedException', undefined])
})

test('EMAIL_OTP goes to mfaRequired and is answered with sendMFACode(code, cb, "EMAIL_OTP")', async () => {
  const s = setup({ users: [{ ...alice, mfa: ['EMAIL_OTP'] }] })
  const u = s.user()
  const first = callbacks()
  u.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), first.cb)
  const [which, args] = await first.next
  assert.deepEqual([which, args[0], args[1].CODE_DELIVERY_DELIVERY_MEDIUM], ['mfaRequired', 'EMAIL_OTP', 'EMAIL'])
  const wrong = callbacks()
  u.sendMFACode('000000', wrong.cb, 'EMAIL_OTP')
  assert.equal((await wrong.next)[1][0].code, 'CodeMismatchException')
  const done = callbacks()
  u.sendMFACode(s.local.lastCode('alice', 'MFA')!, done.cb, 'EMAIL_OTP')
  assert.equal((await done.next)[0], 'onSuccess')
})

test('TOTP set-up while signed in: associateSoftwareToken, verifySoftwareToken gives Cognito\'s status; a malformed code is InvalidParameterException', async () => {
  const s = setup()
  const u = await signedIn(s)
  const secret = await new Promise<string>((resolve, reject) => u.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }))
  const bad = callbacks()
  u.verifySoftwareToken('12a', 'phone', bad.cb)
  assert.equal((await bad.next)[1][0].code, 'InvalidParameterException')
  const { totp } = await import('../../src/local/index.ts')
  const ok = callbacks()
  u.verifySoftwareToken(await totp(secret, s.local.now()), 'phone', ok.cb)
  assert.deepEqual(await ok.next, ['onSuccess', [{ Status: 'SUCCESS' }]])
  // verified, not yet enabled (setUserMfaPreference does that, as with Cognito)
  assert.equal(await node((cb) => u.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb)), 'SUCCESS')
  assert.deepEqual(s.local.user('alice')!.mfa, ['SOFTWARE_TOKEN_MFA'])
  assert.deepEqual(await node((cb) => u.getMFAOptions(cb)), undefined)
})

test('verifySoftwareToken with an empty friendlyDeviceName works as with acij (Cognito takes an empty FriendlyDeviceName), signed in or during MFA_SETUP', async () => {
  const { totp } = await import('../../src/local/index.ts')
  const s = setup()
  const u = await signedIn(s)
  const secret = await new Promise<string>((resolve, reject) => u.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }))
  const ok = callbacks()
  u.verifySoftwareToken(await totp(secret, s.local.now()), '', ok.cb)
  assert.deepEqual(await ok.next, ['onSuccess', [{ Status: 'SUCCESS' }]])
  // the MFA_SETUP path took it already
  const r = setup({ mfa: 'ON' })
  const v = r.user()
  const setupStep = callbacks()
  v.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), setupStep.cb)
  assert.equal((await setupStep.next)[0], 'mfaSetup')
  const code = await new Promise<string>((resolve, reject) => v.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }))
  const done = callbacks()
  v.verifySoftwareToken(await totp(code, r.local.now()), '', done.cb)
  assert.equal((await done.next)[0], 'onSuccess')
})

test('calls that need a session say "User is not authenticated"; a corrupt cached user data is dropped', async () => {
  const s = setup()
  const u = s.user()
  for (const call of [(cb: any) => u.getUserAttributes(cb), (cb: any) => u.getUserData(cb), (cb: any) => u.deleteUser(cb), (cb: any) => u.changePassword('a', 'b', cb)]) {
    await assert.rejects(node(call), /^NotAuthenticatedError: User is not authenticated$/)
  }
  const v = await signedIn(s)
  s.m.set(v.userDataKey, '{not json')
  await assert.rejects(node((cb) => v.getUserData(cb)), SyntaxError)
  assert.equal(s.m.has(v.userDataKey), false)
  assert.equal((await node<any>((cb) => v.getUserData(cb))).Username, 'alice')
  const page: any = await new Promise((resolve, reject) => v.listDevices(1, 'bm9uZQ', { onSuccess: resolve, onFailure: reject })).catch((e) => e)
  assert.ok(page.Devices || page.code, 'a page, or the pool refusing the token')
  assert.equal(s.sent.at(-1)!.body.PaginationToken, 'bm9uZQ')
})

test('USER_PASSWORD_AUTH sends the remembered device key from storage; an unknown flow type fails', async () => {
  const s = setup({ deviceTracking: true, clients: [{ explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }] })
  const first = await signedIn(s)
  const u = s.user()
  u.setAuthenticationFlowType('USER_PASSWORD_AUTH')
  assert.equal(u.getAuthenticationFlowType(), 'USER_PASSWORD_AUTH')
  s.sent.length = 0
  const { cb, next } = callbacks()
  u.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), cb)
  assert.equal((await next)[0], 'onSuccess')
  assert.equal(s.sent[0]!.body.AuthParameters.DEVICE_KEY, first.deviceKey)
  const forgot = callbacks()
  s.user().forgetDevice(forgot.cb as any)
  await forgot.next
  assert.equal(s.m.has(`CognitoIdentityServiceProvider.${s.local.clientId}.alice.deviceKey`), true, 'no session: nothing forgotten')
})

test('transport options: an aborted signal ends the call; fetchOptions.credentials and an appended user agent are sent', async () => {
  const ctl = new AbortController()
  ctl.abort()
  const s = setup({}, { signal: ctl.signal })
  const { cb, next } = callbacks()
  s.user().authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), cb)
  const [which, [err]] = await next
  assert.deepEqual([which, err.name], ['onFailure', 'AbortError'])
  const c = setup({}, { fetchOptions: { credentials: 'include' } })
  appendToCognitoUserAgent('identity-js-test/1.0')
  await signedIn(c)
  assert.equal(c.sent[0]!.credentials, 'include')
  assert.match(c.sent[0]!.headers.get('x-amz-user-agent')!, /identity-js-test\/1\.0/)
})

test('enableMFA / disableMFA send SetUserSettings with the SMS option, as the Cognito API reference describes it', async () => {
  const s = setup()
  const u = await signedIn(s)
  // the local pool does not implement SetUserSettings; answer it as Cognito documents (an empty object)
  const pool = new CognitoUserPool({ UserPoolId: s.local.poolId, ClientId: s.local.clientId, endpoint: s.local.endpoint, Storage: s.pool.storage, fetch: async (url, init) => {
    const body = JSON.parse(String(init.body))
    if (new Headers(init.headers).get('x-amz-target')!.endsWith('SetUserSettings')) return new Response(JSON.stringify({ seen: body.MFAOptions }), { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r1' } })
    return s.local.fetch(url, init)
  } })
  const v = new CognitoUser({ Username: 'alice', Pool: pool })
  v.setSignInUserSession(u.getSignInUserSession()!)
  assert.equal(await node((cb) => v.enableMFA(cb)), 'SUCCESS')
  assert.equal(await node((cb) => v.disableMFA(cb)), 'SUCCESS')
})

test('library functions: deviceOf finds the device by Cognito\'s username; register sends validationData', async () => {
  const local = createLocalPool({ shareKeys: true, usernameAttributes: ['email'], deviceTracking: true, users: [{ ...alice, username: 'alice@example.com' }] })
  const client = createClient({ userPoolId: local.poolId, clientId: local.clientId, endpoint: local.endpoint, fetch: local.fetch })
  const step = await authenticate(client, { username: 'alice@example.com', password: PW })
  const { confirmDevice } = await import('../../src/index.ts')
  const device = await confirmDevice(client, step.tokens!.accessToken, step.tokens!.newDevice!)
  const asked: string[] = []
  const again = await authenticate(client, { username: 'alice@example.com', password: PW, deviceOf: (name) => (asked.push(name), device) })
  const internal = step.tokens ? step.username : undefined
  assert.deepEqual(asked, [internal], 'asked once, with the internal username')
  assert.match(String(internal), /^[0-9a-f-]{36}$/)
  assert.equal((await import('../../src/index.ts')).decodePayload(again.tokens!.accessToken)!['device_key'], device.deviceKey)
  const seen: any[] = []
  const c2 = createClient({ userPoolId: local.poolId, clientId: local.clientId, endpoint: local.endpoint, fetch: (u, i) => (seen.push(JSON.parse(String(i.body))), local.fetch(u, i)) })
  await register(c2, 'bob@example.com', PW, { validationData: { invite: 'X1', n: 2 } })
  assert.deepEqual(seen[0].ValidationData, [{ Name: 'invite', Value: 'X1' }, { Name: 'n', Value: '2' }])
})

test('a remembered device Cognito no longer knows is cleared from storage at the refusal, as acij does: the next sign-in does not send it again', async () => {
  const s = setup({ deviceTracking: true })
  const first = await signedIn(s)
  const key = `CognitoIdentityServiceProvider.${s.local.clientId}.alice.deviceKey`
  const stale = first.deviceKey!
  assert.equal(s.m.get(key), stale, 'the device was confirmed and stored')
  // forgotten from another browser
  await node((cb) => first.forgetDevice({ onSuccess: (r: string) => cb(null, r), onFailure: cb }))
  s.m.set(key, stale) // this browser's storage still holds it
  s.m.set(`CognitoIdentityServiceProvider.${s.local.clientId}.alice.randomPasswordKey`, 'stale-password')
  s.m.set(`CognitoIdentityServiceProvider.${s.local.clientId}.alice.deviceGroupKey`, 'stale-group')
  // the user mistypes the password: the device is refused first, then the password
  const wrong = callbacks()
  s.user().authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Wr0ng-horse!' }), wrong.cb)
  assert.equal((await wrong.next)[0], 'onFailure')
  assert.deepEqual(s.sent.slice(-2).map((c) => [c.op, c.body.ChallengeResponses.DEVICE_KEY]), [['RespondToAuthChallenge', stale], ['RespondToAuthChallenge', undefined]])
  assert.equal(s.m.has(key), false, 'the refused device is no longer stored')
  s.sent.length = 0
  const again = callbacks()
  s.user().authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), again.cb)
  assert.equal((await again.next)[0], 'onSuccess')
  assert.deepEqual(s.sent.filter((c) => c.op !== 'ConfirmDevice').map((c) => [c.op, (c.body.AuthParameters ?? c.body.ChallengeResponses)?.DEVICE_KEY]), [['InitiateAuth', undefined], ['RespondToAuthChallenge', undefined]])
})

/**
 * Secret hygiene, checked mechanically (Node only: util.inspect and console patching).
 *
 * Every flow below runs with recognisable secrets: the password, the client secret, the tokens
 * Cognito hands out, the SRP private value `a` (known through an injected rng) and, once device
 * tracking lands, the device password. The test captures every error's message, String(err),
 * err.stack, JSON.stringify(err), util.inspect(err) (depth Infinity, with and without hidden
 * properties), JSON.stringify / String / util.inspect of every Cognito instance involved, and
 * everything written through console.* while the flows ran. It fails when any secret appears in
 * any of them, in clear or as hex / base64 / base64url (the SRP value also as decimal and as
 * Cognito's signed hex).
 *
 * Tokens are what a successful call returns, so the AuthResult value itself is not scanned; the
 * instance that holds them is.
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { inspect, format } from 'node:util'
import { ChallengeError, Cognito, authFetch, type CognitoOptions } from '../src/index.ts'
import { AdminCognito } from '../src/admin.ts'
import { createVerifier } from '../src/jwt.ts'
import { DEFAULT_PRIVATE_BYTES, N, padHex } from '../src/srp.ts'
import { cognitoError, fakeJwt, json, stubPool, toResponse, type Reply } from './support/stub-pool.ts'
import { targetOf } from './support/faults.ts'

const POOL = 'ap-southeast-2_HygienePool'
const PASSWORD = 'pw-SECRET-7c1f9e2a Correct Horse'
/** Short passwords are common, and V8 quotes a short invalid JSON text in full in its SyntaxError. */
const SHORT_PASSWORD = 'Sh0rt!pw9'
const CLIENT_SECRET = 'cs-SECRET-0b4e8d1f5a9c3e7d2b6f'
const TOKENS = {
  IdToken: fakeJwt({ token_use: 'id', 'cognito:username': 'hyg-user' }, 'idsig-SECRET-4d2a9f0e7b'),
  AccessToken: fakeJwt({ token_use: 'access', username: 'hyg-user' }, 'atsig-SECRET-9e8d7c6b5a'),
  RefreshToken: 'rt-SECRET-eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0',
}
/** Cognito passwords have no whitespace (pattern [\S]+): the local-pool flows use these. */
const LOCAL_PW = 'pw-SECRET-Local-7c1f!A1'
const LOCAL_NEW_PW = 'np-SECRET-Local-3e9a!B2'
const NEW_PASSWORD = 'np-SECRET-3e9a7c1b New Horse'
const DEVICE_PASSWORD = 'dp-SECRET-Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=='
const DEVICE = { deviceKey: 'ap-southeast-2_d3v1ce00-0000-4000-8000-000000000001', deviceGroupKey: '-hygDevGroup1' }
const AWS = { accessKeyId: 'AKIDHYGIENE00000001', secretAccessKey: 'sak-SECRET-wJalrXUtnFEMI/K7MDENG+bPxRfiCY' }
const A_BYTES = Uint8Array.from({ length: DEFAULT_PRIVATE_BYTES }, (_, i) => (i * 131 + 7) & 0xff) // an rng returns the size asked for
const a = BigInt('0x' + Buffer.from(A_BYTES).toString('hex')) % N

/** Every form a secret could take in text. */
function forms(name: string, s: string): Array<[string, string]> {
  const b = Buffer.from(s, 'utf8')
  return [s, b.toString('hex'), b.toString('base64').replace(/=+$/, ''), b.toString('base64url')].map((f) => [name, f])
}
const NEEDLES: Array<[string, string]> = [
  ...forms('password', PASSWORD),
  ...forms('short password', SHORT_PASSWORD),
  ...forms('client secret', CLIENT_SECRET),
  ...forms('new password', NEW_PASSWORD),
  ...forms('local password', LOCAL_PW),
  ...forms('local new password', LOCAL_NEW_PW),
  ...forms('device password', DEVICE_PASSWORD),
  ...forms('AWS secret access key', AWS.secretAccessKey),
  ...forms('id token', TOKENS.IdToken),
  ...forms('id token signature', 'idsig-SECRET-4d2a9f0e7b'),
  ...forms('access token', TOKENS.AccessToken),
  ...forms('access token signature', 'atsig-SECRET-9e8d7c6b5a'),
  ...forms('refresh token', TOKENS.RefreshToken),
  ...forms('expired access token signature', 'expsig-SECRET-77aa88bb99'),
  ['SRP a (hex)', a.toString(16)],
  ['SRP a (padHex)', padHex(a)],
  ['SRP a (decimal)', a.toString(10)],
  ['SRP a (base64)', Buffer.from(A_BYTES).toString('base64').replace(/=+$/, '')],
  ['SRP a (hex of rng bytes)', Buffer.from(A_BYTES).toString('hex')],
]
/** Secrets registered by later flows (device password …). */
export function addSecret(name: string, s: string): void {
  NEEDLES.push(...forms(name, s))
}

const captured: Array<{ where: string; text: string }> = []
const instances: Cognito[] = []
const capture = (where: string, text: unknown): void => void captured.push({ where, text: String(text) })

function captureError(flow: string, err: unknown): void {
  const e = err as Error
  capture(`${flow}: err.message`, e?.message)
  capture(`${flow}: String(err)`, String(err))
  capture(`${flow}: err.stack`, e?.stack)
  capture(`${flow}: JSON.stringify(err)`, JSON.stringify(err))
  capture(`${flow}: util.inspect(err)`, inspect(err, { depth: Infinity }))
  capture(`${flow}: util.inspect(err, showHidden)`, inspect(err, { depth: Infinity, showHidden: true }))
}

// console is patched for the whole file: flows must not print anything secret (or at all)
const CONSOLE = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const
const original = Object.fromEntries(CONSOLE.map((m) => [m, console[m]]))
let consoleLines = 0
for (const m of CONSOLE) {
  ;(console as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
    consoleLines++
    capture(`console.${m}`, format(...args))
  }
}
after(() => Object.assign(console, original))

const rng = (): Uint8Array => A_BYTES.slice()

function client(fetch: NonNullable<CognitoOptions['fetch']>, extra: Partial<CognitoOptions> = {}): Cognito {
  const c = new Cognito({ userPoolId: POOL, clientId: 'hygieneclient', username: 'hyg@example.com', clientSecret: CLIENT_SECRET, rng, fetch, retry: false, ...extra })
  instances.push(c)
  return c
}

const EXPIRED_ACCESS = fakeJwt({ token_use: 'access', username: 'hyg-user', exp: 1_000_000_000 }, 'expsig-SECRET-77aa88bb99')
const signedInOpts = { idToken: TOKENS.IdToken, accessToken: TOKENS.AccessToken, refreshToken: TOKENS.RefreshToken }
/** A refresh endpoint answering `reply` (and nothing else). */
const refreshing = (reply: Reply) => async (_u: string, i: RequestInit): Promise<Response> => {
  assert.equal(JSON.parse(String(i.body)).AuthFlow, 'REFRESH_TOKEN_AUTH')
  return toResponse(reply)
}
function admin(fetch: NonNullable<CognitoOptions['fetch']>): AdminCognito {
  const a = new AdminCognito({ userPoolId: POOL, clientId: 'hygieneclient', username: 'hyg-user', clientSecret: CLIENT_SECRET, credentials: AWS, fetch, retry: false })
  instances.push(a)
  return a
}

/** A local pool whose client has the recognisable client secret, and admin credentials. */
async function localPool() {
  const { createLocalPool } = await import('../src/local/index.ts')
  const pool = createLocalPool({ shareKeys: true, deviceTracking: true, credentials: AWS, clients: [{ clientSecret: CLIENT_SECRET }] })
  await pool.ready
  const verifier = createVerifier({ userPoolId: pool.poolId, clientId: pool.clientId, tokenUse: null, endpoint: pool.endpoint, fetch: pool.fetch as never })
  const make = (username: string, extra: Partial<CognitoOptions> = {}) => {
    const c = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username, clientSecret: CLIENT_SECRET, endpoint: pool.endpoint, fetch: pool.fetch, verifier, ...extra })
    instances.push(c)
    return c
  }
  return { pool, make }
}

/** Every flow the library has, against the local pool, with the recognisable secrets. */
async function localPoolLife(): Promise<void> {
  const { pool, make } = await localPool()
  const user = make('lee')
  await user.register('lee', LOCAL_PW, { attributes: { email: 'lee@example.com' } })
  await user.confirmSignUp(pool.lastCode('lee', 'SignUp')!, 'lee')
  await user.authenticate(LOCAL_PW)
  const device = await user.confirmDevice({ name: 'hygiene phone', remember: true })
  addSecret('local device password', device.devicePassword)
  await user.renewAccessToken()
  await user.verifyTokens()
  await user.changePassword(LOCAL_PW, LOCAL_NEW_PW)
  // a later sign-in with the remembered device (DEVICE_SRP_AUTH), and a wrong device password
  const again = make('lee', { ...device })
  await again.authenticate(LOCAL_NEW_PW)
  await make('lee', { ...device, devicePassword: DEVICE_PASSWORD }).authenticate(LOCAL_NEW_PW).catch((e) => captureError('local pool wrong device password', e))
  // forgot password → reset back to the first password; the admin sets it again
  await again.initiateForgotPassword()
  await again.confirmForgotPassword(pool.lastCode('lee', 'ForgotPassword')!, LOCAL_PW)
  const adm = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, clientSecret: CLIENT_SECRET, endpoint: pool.endpoint, fetch: pool.fetch, credentials: AWS })
  instances.push(adm)
  await adm.adminSetUserPassword('lee', LOCAL_NEW_PW, { permanent: true })
  await adm.adminGetUser('lee')
  await user.logout()
  await again.renewAccessToken().catch((e) => captureError('local pool refresh after sign-out', e))
}

const pool = (o: Partial<Parameters<typeof stubPool>[0]> = {}) => stubPool({ poolName: 'HygienePool', userId: 'hyg-user', password: PASSWORD, tokens: TOKENS, ...o })
const always = (r: Reply) => async (): Promise<Response> => toResponse(r)

/** name → a flow that may throw; every thrown error is captured. Flows grow as features land. */
const FLOWS: Array<[string, () => Promise<unknown>]> = [
  ['SRP sign-in', () => client(pool().fetch).authenticate(PASSWORD)],
  ['SRP sign-in, wrong password', () => client(pool().fetch).authenticate(PASSWORD + 'x')],
  ['USER_PASSWORD_AUTH sign-in', () => client(pool().fetch).authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['USER_PASSWORD_AUTH, wrong password', () => client(pool().fetch).authenticate('nope ' + PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['signed-in instance re-authenticates and fails', async () => {
    const c = client(pool().fetch)
    await c.authenticate(PASSWORD)
    const fail = always(cognitoError('NotAuthorizedException', 'Incorrect username or password.'))
    const d = client(fail, { idToken: TOKENS.IdToken, accessToken: TOKENS.AccessToken, refreshToken: TOKENS.RefreshToken })
    return d.authenticate(PASSWORD)
  }],
  ['hostile B = N', () => client(pool({ challenge: (cp) => ({ ...cp, SRP_B: N.toString(16) }) }).fetch).authenticate(PASSWORD)],
  ['hostile SECRET_BLOCK', () => client(pool({ challenge: (cp) => ({ ...cp, SECRET_BLOCK: '%%%' }) }).fetch).authenticate(PASSWORD)],
  ['PASSWORD_VERIFIER to USER_PASSWORD_AUTH', () => client(pool({ verifierForPasswordAuth: true }).fetch).authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['challenge (NEW_PASSWORD_REQUIRED)', () => client(always(json(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeParameters: { USER_ID_FOR_SRP: 'hyg-user', requiredAttributes: '[]', userAttributes: '{}' }, Session: 'sess' }))).authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['network error', () => client(async () => { throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') }) }).authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['timeout', () => client((_u, i) => new Promise((_r, j) => i.signal?.addEventListener('abort', () => j(i.signal?.reason))), { timeout: 5 }).authenticate(PASSWORD)],
  ['abort', () => client(async () => new Response('{}'), {}).authenticate(PASSWORD, { signal: AbortSignal.abort() })],
  ['broken proxy: 200 with a bare token as body', () => client(always({ status: 200, raw: TOKENS.RefreshToken, headers: {} })).authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['broken proxy: 200 with the password echoed', () => client(always({ status: 200, raw: PASSWORD, headers: {} })).authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['broken proxy: 200 with a short password echoed', () => client(always({ status: 200, raw: SHORT_PASSWORD, headers: {} })).authenticate(SHORT_PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['broken proxy: 400 with the password echoed', () => client(always({ status: 400, raw: PASSWORD, headers: {} })).authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['truncated token response', () => client(always({ status: 200, raw: `{"AuthenticationResult":{"AccessToken":"${TOKENS.AccessToken}","RefreshToken":"${TOKENS.RefreshToken}`, headers: {} })).authenticate(PASSWORD)],
  ['wrong-shape token response', () => client(always(json(200, { AuthenticationResult: { AccessToken: TOKENS.AccessToken, IdToken: 5 } }))).authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })],
  ['refresh (REFRESH_TOKEN_AUTH with SECRET_HASH)', () => client(refreshing(json(200, { AuthenticationResult: { AccessToken: TOKENS.AccessToken, IdToken: TOKENS.IdToken, ExpiresIn: 3600, TokenType: 'Bearer' } })), signedInOpts).renewAccessToken()],
  ['refresh revoked', () => client(refreshing(cognitoError('NotAuthorizedException', 'Refresh Token has been revoked')), signedInOpts).renewAccessToken()],
  ['authFetch: refresh revoked, re-authenticates with the password', async () => {
    const p = pool()
    const c = client(async (u, i) => (JSON.parse(String(i.body)).AuthFlow === 'REFRESH_TOKEN_AUTH' ? toResponse(cognitoError('NotAuthorizedException', 'Refresh Token has been revoked')) : p.fetch(u, i)), { ...signedInOpts, accessToken: EXPIRED_ACCESS })
    const api = authFetch(c, { password: PASSWORD, fetch: async () => new Response('ok') })
    return api('https://api.example.com/')
  }],
  ['authFetch: re-authentication fails', async () => {
    const c = client(always(cognitoError('NotAuthorizedException', 'Incorrect username or password.')), { ...signedInOpts, accessToken: EXPIRED_ACCESS })
    return authFetch(c, { password: PASSWORD, fetch: async () => new Response('ok') })('https://api.example.com/')
  }],
  ['device: sign-in offers a device, confirmDevice generates its password', async () => {
    const p = pool({ device: { ...DEVICE, devicePassword: 'unused' }, offerDevice: true })
    const c = client(async (u, i) => (targetOf(i) === 'ConfirmDevice' ? toResponse(json(200, { UserConfirmationNecessary: true })) : targetOf(i) === 'UpdateDeviceStatus' ? toResponse(cognitoError('InvalidParameterException', 'Invalid device key given.')) : p.fetch(u, i)), { rng: (n) => new Uint8Array(n).fill(0x5a) })
    await c.authenticate(PASSWORD)
    const creds = await c.confirmDevice({ name: 'hygiene laptop' })
    addSecret('generated device password', creds.devicePassword)
    return c.confirmDevice({ name: 'again' }).catch(() => c.rememberDevice(true))
  }],
  ['device: sign-in with a remembered device (DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER)', () => client(pool({ device: { ...DEVICE, devicePassword: DEVICE_PASSWORD } }).fetch, { ...DEVICE, devicePassword: DEVICE_PASSWORD }).authenticate(PASSWORD)],
  ['device: the device password is wrong', () => client(pool({ device: { ...DEVICE, devicePassword: 'another device password' } }).fetch, { ...DEVICE, devicePassword: DEVICE_PASSWORD }).authenticate(PASSWORD)],
  ['NEW_PASSWORD_REQUIRED answered, new password refused', async () => {
    let n = 0
    const c = client(async () => toResponse(n++ === 0 ? json(200, { ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeParameters: { USER_ID_FOR_SRP: 'hyg-user', requiredAttributes: '[]', userAttributes: '{}' }, Session: 'sess-np' }) : cognitoError('InvalidPasswordException', 'Password does not conform to policy: Password not long enough')))
    await c.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' }).catch((e) => { if (!(e instanceof ChallengeError)) throw e })
    return c.newPasswordChallenge(PASSWORD, NEW_PASSWORD)
  }],
  ['changePassword refused', () => client(always(cognitoError('NotAuthorizedException', 'Incorrect username or password.')), signedInOpts).changePassword(PASSWORD, NEW_PASSWORD)],
  ['logout', () => client(always(json(200, {})), signedInOpts).logout()],
  ['admin: signature rejected', () => admin(always(cognitoError('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.'))).adminGetUser('hyg-user')],
  ['admin: set a user password', () => admin(always(json(200, {}))).adminSetUserPassword('hyg-user', NEW_PASSWORD, { permanent: true })],
  ['admin: sign-in (ADMIN_USER_PASSWORD_AUTH) fails', () => admin(always(cognitoError('NotAuthorizedException', 'Incorrect username or password.'))).adminAuthenticate(PASSWORD)],
  ['local pool: a whole life (sign-up … device sign-in, refresh, password changes, admin, sign-out)', () => localPoolLife()],
  ['local pool: wrong passwords until the lockout', async () => {
    const { pool, make } = await localPool()
    await pool.addUser({ username: 'kim', password: LOCAL_PW, attributes: { email: 'kim@example.com' } })
    const c = make('kim')
    for (let i = 0; i < 6; i++) await c.authenticate(SHORT_PASSWORD).catch((e) => captureError('local pool lockout attempt', e))
    return c.authenticate(LOCAL_PW)
  }],
  ['argument error: empty password', () => client(pool().fetch).authenticate('')],
  ['argument error: bad flow', () => client(pool().fetch).authenticate(PASSWORD, { flow: 'PLAIN' as never })],
  ['argument error: bad client secret type', async () => new Cognito({ userPoolId: POOL, clientId: 'c', clientSecret: 42 as never })],
]

let flowsRun = 0
test('secret hygiene: no secret in any error, instance rendering or console output', async () => {
  const outcome: Record<string, string> = {}
  for (const [name, flow] of FLOWS) {
    try {
      await flow()
      outcome[name] = 'ok'
    } catch (err) {
      captureError(name, err)
      outcome[name] = (err as Error)?.name
    }
    flowsRun++
  }
  // the flows did what they are named for (the scan below is not run on vacuous failures)
  const want: Record<string, string> = {
    'SRP sign-in': 'ok',
    'SRP sign-in, wrong password': 'NotAuthorizedException',
    'refresh (REFRESH_TOKEN_AUTH with SECRET_HASH)': 'ok',
    'authFetch: refresh revoked, re-authenticates with the password': 'ok',
    'device: sign-in with a remembered device (DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER)': 'ok',
    'device: the device password is wrong': 'NotAuthorizedException',
    'NEW_PASSWORD_REQUIRED answered, new password refused': 'InvalidPasswordException',
    'admin: set a user password': 'ok',
    'admin: signature rejected': 'InvalidSignatureException',
    'local pool: a whole life (sign-up … device sign-in, refresh, password changes, admin, sign-out)': 'ok',
    'local pool: wrong passwords until the lockout': 'NotAuthorizedException',
  }
  for (const [name, o] of Object.entries(want)) assert.equal(outcome[name], o, name)
  for (const [i, c] of instances.entries()) {
    capture(`instance ${i}: JSON.stringify`, JSON.stringify(c))
    capture(`instance ${i}: String`, String(c))
    capture(`instance ${i}: util.inspect`, inspect(c, { depth: Infinity, showHidden: true }))
    capture(`instance ${i}: Object.entries`, JSON.stringify(Object.entries(c)))
    capture(`instance ${i}: pendingChallenge`, JSON.stringify(c.pendingChallenge ?? null))
  }
  // the flows really ran and produced material to scan (this test cannot pass vacuously)
  assert.ok(instances.some((c) => c.accessToken === TOKENS.AccessToken), 'some flow signed in with the marked tokens')
  assert.ok(captured.length >= FLOWS.length * 3, `captured ${captured.length} texts`)
  const leaks: string[] = []
  for (const { where, text } of captured) {
    for (const [secret, needle] of NEEDLES) if (text.includes(needle)) leaks.push(`${secret} in ${where}`)
  }
  original['log']!.call(console, `secret hygiene: ${flowsRun} flows, ${captured.length} texts scanned (${consoleLines} console lines), ${leaks.length} secrets leaked`)
  assert.deepEqual(leaks, [])
})

test('secret hygiene: the scanner finds a planted secret (self-check)', () => {
  const err = new Error('oops', { cause: { body: Buffer.from(PASSWORD).toString('base64') } })
  const text = inspect(err, { depth: Infinity })
  assert.ok(NEEDLES.some(([, n]) => text.includes(n)))
})

test('secret hygiene: a challenge error keeps its Session readable but out of util.inspect, hidden properties included', async () => {
  const { UnknownChallengeError, challengeErrorOf } = await import('../src/challenge-errors.ts')
  const session = 'AYABeSESSION-7f3c9a1e5b'
  const errors = [
    new ChallengeError('SMS_MFA', { CODE_DELIVERY_DESTINATION: '+1***' }, session),
    challengeErrorOf({ name: 'NEW_PASSWORD_REQUIRED', parameters: {}, session, username: 'u' } as never),
    new UnknownChallengeError('FUTURE_CHALLENGE', {}, session, undefined, { ChallengeName: 'FUTURE_CHALLENGE', Session: session }),
  ]
  for (const e of errors) {
    assert.equal(e.session, session, e.name)
    for (const text of [inspect(e, { depth: Infinity, showHidden: true }), inspect(e), JSON.stringify(e), String(e), e.stack]) assert.equal(text?.includes(session), false, `${e.name}: ${text}`)
  }
  assert.equal((errors[2] as InstanceType<typeof UnknownChallengeError>).challenge['Session'], session)
})

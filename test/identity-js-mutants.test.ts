/**
 * `cognito-edge/identity-js` behaviour that the README side-by-side tests leave unguarded (found by
 * mutation testing, `scripts/mutate.mjs`), run with the real amazon-cognito-identity-js 6.3.21 and
 * with `cognito-edge/identity-js` in the same run against a local pool each (see the harness): a
 * behaviour difference is a test failure. Node only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CognitoUserPool } from '../src/identity-js.ts'
import type { CustomAuthHandler, LocalClientConfig } from '../src/local/index.ts'
import { envOf, LIBS, recorder, sideBySide, signIn, type Lib } from './support/identity-js-side-by-side.ts'

const PW = 'Corr3ct-horse!'
/** The user of most scenarios. */
const USER = { username: 'username', password: PW, attributes: { email: 'email@mydomain.com' } }
/** A custom-auth Lambda: one question, tokens once it is answered right. */
const twoPlusTwo: CustomAuthHandler = ({ results }) => (results.at(-1) === true ? { issueTokens: true } : { challenge: { parameters: { question: '2+2' }, answer: '4' } })
const FLOWS: LocalClientConfig['explicitAuthFlows'] = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']

/**
 * An app's own storage (given to the pool and the user: acij's user does not take the pool's), and
 * its map; `failWrites`: every write throws, as Safari's localStorage in private mode.
 */
function storage(failWrites = false) {
  const m = new Map<string, string>()
  const setItem = (k: string, v: string): void => {
    if (failWrites) throw new Error('QuotaExceededError')
    m.set(k, String(v))
  }
  return [m, { setItem, getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }] as const
}

/** A pool's `onCall` that records each sign-in request's AuthFlow or ChallengeName in `ops`. */
/** USER signed in on library `L` into a fresh recording storage, with a console recorder. */
async function signedInUser(L: Lib) {
  const env = await envOf({ users: [USER] })
  const [stored, Storage] = storage()
  return { env, ...recorder(), stored, Storage, cognitoUser: await signIn(L, env, 'username', PW, Storage) }
}

/** Where both libraries cache USER's user data. */
const userDataKey = (env: { poolData: { ClientId: string } }): string => `CognitoIdentityServiceProvider.${env.poolData.ClientId}.username.userData`

const authSteps = (ops: string[]) => (c: { operation: string; request: unknown }) => {
  const r = c.request as { ChallengeName?: string; AuthFlow?: string } | undefined
  if (/Auth/.test(c.operation) && r) ops.push(String(r.ChallengeName ?? r.AuthFlow))
}

sideBySide('signing in with an email as username and SMS MFA: SRP names the user at the challenge, USER_PASSWORD_AUTH keeps the name given', async (L) => {
  const env = await envOf({
    usernameAttributes: ['email'],
    users: [{ username: 'email@mydomain.com', password: PW, attributes: { email: 'email@mydomain.com', phone_number: '+15555555555' }, mfa: ['SMS_MFA'] }],
    clients: [{ explicitAuthFlows: FLOWS }],
  })
  const { console, after } = recorder()
  const pool = new L.CognitoUserPool(env.poolData)
  // the internal username is a generated uuid: shown by its kind
  const name = (n: string): string => (n === env.pool.user('email@mydomain.com')!.username ? 'internal name' : n)
  for (const flow of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH']) {
    const cognitoUser = new L.CognitoUser({ Username: 'email@mydomain.com', Pool: pool })
    cognitoUser.setAuthenticationFlowType(flow)
    await new Promise<void>((resolve) => {
      cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'email@mydomain.com', Password: PW }), {
        onSuccess: () => {
          console.log(`${flow} signed in as ${name(cognitoUser.getUsername())}, stored as ${name(pool.getCurrentUser()!.getUsername())}`)
          resolve()
        },
        onFailure: (err) => (console.log(`${flow} failed: ${err.message}`), resolve()),
        mfaRequired: function () {
          console.log(`${flow} mfaRequired as ${name(cognitoUser.getUsername())}`)
          cognitoUser.sendMFACode(env.pool.lastCode('email@mydomain.com', 'MFA')!, this)
        },
      })
    })
  }
  return after(4)
})

/**
 * An email-as-username pool that remembers devices, its user signed in once per round (`[label,
 * flow]`), by one user object or a new one each round; each round shows the AuthFlow / ChallengeName
 * sequence sent and the name the object and the storage end up with.
 */
const emailDeviceRounds = async (L: Lib, rounds: ReadonlyArray<readonly [string, string]>, oneObject: boolean): Promise<string[]> => {
  const ops: string[] = []
  const env = await envOf({
    usernameAttributes: ['email'],
    users: [{ username: 'email@mydomain.com', password: PW, attributes: { email: 'email@mydomain.com' } }],
    deviceTracking: true,
    clients: [{ explicitAuthFlows: FLOWS }],
    onCall: authSteps(ops),
  })
  const { console, after } = recorder()
  const pool = new L.CognitoUserPool(env.poolData)
  const name = (n: string | undefined): string => (n === env.pool.user('email@mydomain.com')!.username ? 'internal name' : String(n))
  const userObject = () => new L.CognitoUser({ Username: 'email@mydomain.com', Pool: pool })
  let cognitoUser = userObject()
  for (const [label, flow] of rounds) {
    if (!oneObject) cognitoUser = userObject()
    cognitoUser.setAuthenticationFlowType(flow)
    await new Promise<void>((resolve) => {
      cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'email@mydomain.com', Password: PW }), {
        onSuccess: () => (console.log(`${label}: ${ops.splice(0).join(' ')}; signed in as ${name(cognitoUser.getUsername())}, stored as ${name(pool.getCurrentUser()?.getUsername())}`), resolve()),
        onFailure: (err) => (console.log(`${label} failed: ${err.message}`), resolve()),
      })
    })
  }
  return after(rounds.length)
}

sideBySide('USER_PASSWORD_AUTH with an email as username on a remembered device: device SRP on the next sign-in, the name given kept', (L) =>
  emailDeviceRounds(L, [['first', 'USER_PASSWORD_AUTH'], ['second', 'USER_PASSWORD_AUTH']], false),
)

sideBySide('a sign-in on a remembered device that fails for another reason (an unknown app client) is reported, and the device stays remembered', async (L) => {
  const ops: string[] = []
  const env = await envOf({
    users: [USER],
    deviceTracking: true,
    clients: [{ explicitAuthFlows: FLOWS }],
    onCall: authSteps(ops),
  })
  const { console, after } = recorder()
  const [stored, Storage] = storage()
  const pool = new L.CognitoUserPool({ ...env.poolData, Storage })
  const signIn = (round: string): Promise<void> =>
    new Promise((resolve) => {
      const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: pool, Storage })
      cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH')
      cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
        onSuccess: () => (console.log(`${round}: ${ops.splice(0).join(' ')}; signed in`), resolve()),
        onFailure: (err) => (console.log(`${round}: ${ops.splice(0).join(' ')}; ${err.code}: ${err.message.replace(env.poolData.ClientId, '<client>')}`), resolve()),
      })
    })
  await signIn('first')
  env.pool.failNext('InitiateAuth', { status: 400, type: 'ResourceNotFoundException', message: `User pool client ${env.poolData.ClientId} does not exist.` })
  await signIn('second')
  console.log('device still stored: ' + stored.has(`CognitoIdentityServiceProvider.${env.poolData.ClientId}.username.deviceKey`))
  await signIn('third')
  return after(4)
})

const b64url = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url')
/** An unsigned JWT-shaped token with `claims` (acij never verifies). */
const jwt = (claims: object): string => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2ln`

test('a session is valid only while both tokens are unexpired, and not at the second of expiry, as with acij', () => {
  const t = Math.floor(Date.now() / 1000)
  // [access exp, id exp, clock drift]; the drift moves the corrected clock to the expiry second
  const cases: Array<[number, number, number]> = [
    [t + 3600, t + 3600, 0],
    [t + 3600, t - 3600, 0],
    [t - 3600, t + 3600, 0],
    [t + 100, t + 3600, -100],
    [t + 3600, t + 100, -100],
  ]
  const [acij, ours] = LIBS.map(([, L]) =>
    cases.map(([access, id, ClockDrift]) => {
      const data = { AccessToken: new L.CognitoAccessToken({ AccessToken: jwt({ exp: access, iat: t }) }), IdToken: new L.CognitoIdToken({ IdToken: jwt({ exp: id, iat: t }) }), ClockDrift }
      // acij's constructor takes ClockDrift, though its types leave it out
      return new L.CognitoUserSession(data as ConstructorParameters<Lib['CognitoUserSession']>[0]).isValid()
    }),
  )
  assert.deepEqual(acij, [true, false, false, false, false])
  assert.deepEqual(ours, acij)
})

test('the default storage is window.localStorage once a test write to it works (the test key removed), else the in-memory one, as with acij', () => {
  const g = globalThis as { window?: unknown }
  // acij's pool keeps its storage as `storage`, though its types leave it out
  const storageOf = (L: Lib): unknown => (new L.CognitoUserPool({ UserPoolId: 'us-east-1_Storage1', ClientId: 'storageclient' }) as unknown as { storage: unknown }).storage
  try {
    const seen = LIBS.map(([, L]) => {
      const [written, working] = storage()
      const [, full] = storage(true)
      g.window = { localStorage: working }
      const a = storageOf(L)
      g.window = { localStorage: full }
      return [a === working, [...written.keys()], storageOf(L) === full]
    })
    assert.deepEqual(seen[0], [true, [], false])
    assert.deepEqual(seen[1], seen[0])
  } finally {
    delete g.window
  }
})

sideBySide('a new device is the user object\'s and the storage\'s; signing out leaves only the device in storage (not the cached user data)', async (L) => {
  const env = await envOf({ users: [USER], deviceTracking: true })
  const { console, after } = recorder()
  const [stored, Storage] = storage()
  const pool = new L.CognitoUserPool({ ...env.poolData, Storage })
  const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: pool, Storage })
  const key = (name: string): string => `CognitoIdentityServiceProvider.${env.poolData.ClientId}.username.${name}`
  await new Promise<void>((resolve) => cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), { onSuccess: () => resolve(), onFailure: (err) => (console.log(err.message), resolve()) }))
  const u = cognitoUser as unknown as Record<string, unknown>
  for (const [field, name] of [['deviceKey', 'deviceKey'], ['deviceGroupKey', 'deviceGroupKey'], ['randomPassword', 'randomPasswordKey']]) {
    console.log(`${field} as stored: ${typeof u[field!] === 'string' && u[field!] === stored.get(key(name!))}`)
  }
  await new Promise<void>((resolve) => cognitoUser.getUserData((err) => (console.log(`user data: ${err ? err.message : 'cached ' + stored.has(key('userData'))}`), resolve())))
  cognitoUser.signOut()
  console.log('left in storage: ' + [...stored.keys()].map((k) => k.replace(env.poolData.ClientId, '<client>')).sort().join(' '))
  return after(5)
})

test('CookieStorage takes sameSite none with Secure, and lax or strict without it, as acij does', () => {
  const options = [{ sameSite: 'none' }, { sameSite: 'none', secure: true }, { sameSite: 'lax', secure: false }, { sameSite: 'strict', secure: false }, { sameSite: 'none', secure: false }] as const
  const [acij, ours] = LIBS.map(([, L]) =>
    options.map((o) => {
      try {
        // acij keeps the options as `sameSite` and `secure`, though its types leave them out
        const c = new L.CookieStorage(o as ConstructorParameters<Lib['CookieStorage']>[0]) as unknown as { sameSite: unknown; secure: unknown }
        return `${c.sameSite} ${c.secure}`
      } catch (e) {
        return (e as Error).message
      }
    }),
  )
  assert.deepEqual(acij, ['none true', 'none true', 'lax false', 'strict false', 'sameSite = None requires the Secure attribute in latest browser versions.'])
  assert.deepEqual(ours, acij)
})

sideBySide('setSignInUserSession stores the session: the pool\'s current user is that user, with that session', async (L) => {
  const env = await envOf({ users: [USER] })
  const { console, after } = recorder()
  const first = await signIn(L, env, 'username', PW)
  const [, Storage] = storage()
  const pool = new L.CognitoUserPool({ ...env.poolData, Storage })
  const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: pool, Storage })
  const session = first.getSignInUserSession()!
  cognitoUser.setSignInUserSession(session)
  const current = pool.getCurrentUser()
  console.log('current user: ' + current?.getUsername())
  current?.getSession((err: Error | null, s: InstanceType<Lib['CognitoUserSession']> | null) => console.log(err ? err.message : `same tokens: ${s!.getAccessToken().getJwtToken() === session.getAccessToken().getJwtToken()}`))
  return after(2)
})

sideBySide('a stored clock drift is read back as the decimal number written: a session valid by it is used without a refresh', async (L) => {
  const env = await envOf({ users: [USER] })
  const { console, after } = recorder()
  const [stored, Storage] = storage()
  await signIn(L, env, 'username', PW, Storage)
  // a device clock about an hour behind: tokens of 3600 s are valid for 100 s more by the stored drift
  stored.set(`CognitoIdentityServiceProvider.${env.poolData.ClientId}.username.clockDrift`, '-3500')
  const before = env.pool.calls.length
  // (acij's session has getClockDrift, though its types leave it out)
  new L.CognitoUserPool({ ...env.poolData, Storage }).getCurrentUser()!.getSession((err: Error | null, s: InstanceType<Lib['CognitoUserSession']> | null) =>
    console.log(err ? err.message : `valid ${s!.isValid()}, drift ${(s as unknown as { getClockDrift(): number }).getClockDrift()}, requests ${env.pool.calls.length - before}`),
  )
  // tokens stored without a drift (by an app of its own): none
  stored.delete(`CognitoIdentityServiceProvider.${env.poolData.ClientId}.username.clockDrift`)
  new L.CognitoUserPool({ ...env.poolData, Storage }).getCurrentUser()!.getSession((err: Error | null, s: InstanceType<Lib['CognitoUserSession']> | null) =>
    console.log(err ? err.message : `no stored drift: drift ${(s as unknown as { getClockDrift(): number }).getClockDrift()}`),
  )
  return after(2)
})

test('a UserPoolId of up to 55 characters is taken, a longer one refused, as acij does', () => {
  const seen = LIBS.map(([, L]) =>
    [45, 46].map((n) => {
      try {
        return new L.CognitoUserPool({ UserPoolId: `us-east-1_${'a'.repeat(n)}`, ClientId: 'lengthclient' }).getUserPoolId().length
      } catch (e) {
        return (e as Error).message
      }
    }),
  )
  assert.deepEqual(seen[0], [55, 'Invalid UserPoolId format.'])
  assert.deepEqual(seen[1], seen[0])
})

test('a relative endpoint where there is no page (a server) is refused when the pool is made, naming "endpoint"', () => {
  assert.equal((globalThis as { location?: unknown }).location, undefined)
  assert.throws(() => new CognitoUserPool({ UserPoolId: 'us-east-1_Relative1', ClientId: 'relativeclient', endpoint: '/cognito' }), { name: 'ArgumentError', code: 'ERR_INVALID_ARG_VALUE', message: /"endpoint"/ })
})

sideBySide('refreshSession stores the new tokens: the current user from storage has them', async (L) => {
  const { env, console, after, Storage, cognitoUser } = await signedInUser(L)
  const old = cognitoUser.getSignInUserSession()!
  env.tick()
  cognitoUser.refreshSession(old.getRefreshToken(), (err: Error | null, session: InstanceType<Lib['CognitoUserSession']>) => {
    if (err) return console.log(err.message)
    const fresh = session.getAccessToken().getJwtToken()
    new L.CognitoUserPool({ ...env.poolData, Storage }).getCurrentUser()!.getSession((e: Error | null, s: InstanceType<Lib['CognitoUserSession']> | null) =>
      console.log(e ? e.message : `new token: ${fresh !== old.getAccessToken().getJwtToken()}, stored: ${s!.getAccessToken().getJwtToken() === fresh}`),
    )
  })
  return after(1)
})

sideBySide('signOut(callback) revokes only revocable tokens (an access token with origin_jti): a session without it signs out with no request', async (L) => {
  const env = await envOf({ users: [USER] })
  const { console, after } = recorder()
  const [stored, Storage] = storage()
  const pool = new L.CognitoUserPool({ ...env.poolData, Storage })
  const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: pool, Storage })
  // tokens issued before Cognito added token revocation: no origin_jti claim
  const t = Math.floor(Date.now() / 1000)
  const claims = { sub: 'sub-1', exp: t + 3600, iat: t, 'cognito:username': 'username' }
  cognitoUser.setSignInUserSession(
    new L.CognitoUserSession({ IdToken: new L.CognitoIdToken({ IdToken: jwt(claims) }), AccessToken: new L.CognitoAccessToken({ AccessToken: jwt({ ...claims, token_use: 'access' }) }), RefreshToken: new L.CognitoRefreshToken({ RefreshToken: 'legacy-refresh-token' }) }),
  )
  const before = env.pool.calls.length
  cognitoUser.signOut(((err?: Error) => console.log(`signed out: ${err ? err.message : 'no error'}, requests ${env.pool.calls.length - before}, tokens left ${stored.size}`)) as () => void)
  return after(1)
})

sideBySide('getUserData of a user read from storage before getSession: not authenticated, and the cached user data is dropped', async (L) => {
  const { env, console, after, stored, Storage, cognitoUser } = await signedInUser(L)
  const key = userDataKey(env)
  await new Promise<void>((resolve) => cognitoUser.getUserData((err) => (console.log(`cached: ${err ? err.message : stored.has(key)}`), resolve())))
  const fresh = new L.CognitoUserPool({ ...env.poolData, Storage }).getCurrentUser()!
  fresh.getUserData((err) => console.log(`before getSession: ${err ? err.message : 'data'}, cached ${stored.has(key)}`))
  return after(2)
})

sideBySide('getAttributeVerificationCode hands Cognito\'s answer to inputVerificationCode when the app has one, else onSuccess("SUCCESS")', async (L) => {
  const env = await envOf({ users: [USER] })
  const { console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  await new Promise<void>((resolve) =>
    cognitoUser.getAttributeVerificationCode('email', {
      onSuccess: (r) => (console.log('onSuccess ' + r), resolve()),
      onFailure: (e) => (console.log(e.message), resolve()),
      inputVerificationCode: (data) => (console.log('inputVerificationCode ' + JSON.stringify(data)), resolve()),
    }),
  )
  cognitoUser.getAttributeVerificationCode('email', { onSuccess: (r) => console.log('without it: onSuccess ' + r), onFailure: (e) => console.log(e.message) })
  return after(2)
})

test('CookieStorage cookies expire exactly `expires` days from now, as acij writes them', (t) => {
  // a clock at the last millisecond of a second: an expiry off by even a few ms shows in the cookie's date
  t.mock.timers.enable({ apis: ['Date'], now: 1_800_000_000_999 })
  const g = globalThis as { document?: unknown }
  try {
    const [acij, ours] = LIBS.map(([, L]) => {
      const written: string[] = []
      g.document = { get cookie() { return '' }, set cookie(c: string) { written.push(c) } }
      for (const expires of [1, 365, 3650]) new L.CookieStorage({ expires, secure: false }).setItem('k', 'v')
      return written
    })
    assert.deepEqual(acij, ['k=v; path=/; expires=Sat, 16 Jan 2027 08:00:00 GMT', 'k=v; path=/; expires=Sat, 15 Jan 2028 08:00:00 GMT', 'k=v; path=/; expires=Mon, 12 Jan 2037 08:00:00 GMT'])
    assert.deepEqual(ours, acij)
  } finally {
    delete g.document
  }
})

test('new CognitoUser without data, a Username or a Pool throws acij\'s error (never a TypeError)', () => {
  const seen = LIBS.map(([, L]) => {
    const pool = new L.CognitoUserPool({ UserPoolId: 'us-east-1_Users1', ClientId: 'usersclient' })
    return [undefined, null, {}, { Username: 'alice' }, { Pool: pool }].map((data) => {
      try {
        return new L.CognitoUser(data as never).getUsername()
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`
      }
    })
  })
  assert.deepEqual(seen[0], Array(5).fill('Error: Username and Pool information are required.'))
  assert.deepEqual(seen[1], seen[0])
})

sideBySide('authenticateUser with the CUSTOM_AUTH flow type: the password is checked by SRP first, then the custom challenge', async (L) => {
  const ops: string[] = []
  const env = await envOf({
    users: [USER],
    customAuth: twoPlusTwo,
    onCall: authSteps(ops),
  })
  const { console, after } = recorder()
  const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
  cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH')
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
    onSuccess: () => console.log('signed in: ' + ops.join(' ')),
    onFailure: (err) => console.log(`failed: ${err.message} after ${ops.join(' ')}`),
    customChallenge: function (parameters) {
      console.log('customChallenge ' + JSON.stringify(parameters) + ' after ' + ops.join(' '))
      cognitoUser.sendCustomChallengeAnswer('4', this)
    },
  })
  return after(2)
})

sideBySide('passwordless custom auth on a remembered device: the answer carries the device key', async (L) => {
  const sent: string[] = []
  const env = await envOf({
    users: [USER],
    deviceTracking: true,
    customAuth: twoPlusTwo,
    onCall: (c) => {
      const r = c.request as { ChallengeName?: string; ChallengeResponses?: Record<string, string> } | undefined
      if (r?.ChallengeName === 'CUSTOM_CHALLENGE') sent.push(r.ChallengeResponses?.['DEVICE_KEY'] ? 'with DEVICE_KEY' : 'without DEVICE_KEY')
    },
  })
  const { console, after } = recorder()
  const [, Storage] = storage()
  const pool = new L.CognitoUserPool({ ...env.poolData, Storage })
  for (const round of ['first', 'second']) {
    const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: pool, Storage })
    cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH')
    await new Promise<void>((resolve) =>
      cognitoUser.initiateAuth(new L.AuthenticationDetails({ Username: 'username' }), {
        onSuccess: () => (console.log(`${round}: answer sent ${sent.splice(0).join(' ')}`), resolve()),
        onFailure: (err) => (console.log(`${round} failed: ${err.message}`), resolve()),
        customChallenge: function () {
          cognitoUser.sendCustomChallengeAnswer('4', this)
        },
      }),
    )
  }
  return after(2)
})

sideBySide('TOTP set-up during sign-in (MFA_SETUP): associateSoftwareToken keeps the Session Cognito answered with, for verifySoftwareToken', async (L) => {
  const env = await envOf({ mfa: 'ON', users: [USER] })
  const { console, after } = recorder()
  const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
  // acij keeps the challenge Session as `Session`, though its types leave it out
  const session = (): unknown => (cognitoUser as unknown as { Session: unknown }).Session
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
    onSuccess: () => console.log('signed in'),
    onFailure: (err) => console.log('failed: ' + err.message),
    mfaSetup: () => {
      const before = session()
      cognitoUser.associateSoftwareToken({
        associateSecretCode: () => console.log(`associateSecretCode; Session ${session() === before ? 'unchanged' : 'replaced'}`),
        onFailure: (err) => console.log('failed: ' + err.message),
      })
    },
  })
  return after(1)
})

sideBySide('an SRP sign-in with an email as username, on a device the same user object remembered from a USER_PASSWORD_AUTH sign-in: the user becomes Cognito\'s internal name', (L) =>
  emailDeviceRounds(L, [['USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH'], ['USER_SRP_AUTH', 'USER_SRP_AUTH']], true),
)

sideBySide('an SMS code sent by another user object that was given the pending Session (a server that keeps only the Session): sendMFACode without an MFA type answers SMS_MFA', async (L) => {
  const env = await envOf({ users: [{ ...USER, attributes: { ...USER.attributes, phone_number: '+15555555555' }, mfa: ['SMS_MFA'] }] })
  const { console, after } = recorder()
  const pool = new L.CognitoUserPool(env.poolData)
  const first = new L.CognitoUser({ Username: 'username', Pool: pool })
  // acij keeps the challenge Session as `Session`, though its types leave it out
  type WithSession = { Session: string | null }
  first.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
    onSuccess: () => console.log('the first object signed in'),
    onFailure: (err) => console.log('failed: ' + err.message),
    mfaRequired: (name) => {
      console.log('mfaRequired ' + name)
      const second = new L.CognitoUser({ Username: 'username', Pool: pool })
      ;(second as unknown as WithSession).Session = (first as unknown as WithSession).Session
      second.sendMFACode(env.pool.lastCode('username', 'MFA')!, {
        onSuccess: (session) => console.log(`the second object signed in: ${session.isValid()}, stored as ${pool.getCurrentUser()?.getUsername()}`),
        onFailure: (err) => console.log(`the second object failed: ${err.code}: ${err.message}`),
      })
    },
  })
  return after(2)
})

sideBySide('completeNewPasswordChallenge sets the attributes given with a value (and leaves out one left undefined)', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: PW, status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'alice@example.com' } }] })
  const { console, after } = recorder()
  const cognitoUser = new L.CognitoUser({ Username: 'alice', Pool: new L.CognitoUserPool(env.poolData) })
  const callbacks = {
    onSuccess: () => {
      const { given_name, family_name } = env.pool.user('alice')!.attributes
      console.log(`signed in, status ${env.pool.user('alice')!.status}, given_name ${given_name}, family_name ${family_name}`)
    },
    onFailure: (err: any) => console.log(`failed: ${err.code}: ${err.message}`),
    newPasswordRequired: () => cognitoUser.completeNewPasswordChallenge('N3w-horse!!', { given_name: 'Alice', family_name: undefined }, callbacks),
  }
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'alice', Password: PW }), callbacks)
  return after(1)
})

sideBySide('setSignInUserSession forgets the cached user data: getUserData afterwards asks Cognito again', async (L) => {
  const { env, console, after, stored, cognitoUser } = await signedInUser(L)
  const key = userDataKey(env)
  const getUsers = (): number => env.pool.calls.filter((c) => c.operation === 'GetUser').length
  cognitoUser.getUserData((err) => {
    if (err) return console.log('failed: ' + err.message)
    console.log(`cached: ${stored.has(key)}, GetUser requests ${getUsers()}`)
    cognitoUser.setSignInUserSession(cognitoUser.getSignInUserSession()!)
    console.log(`cached after setSignInUserSession: ${stored.has(key)}`)
    cognitoUser.getUserData((err2) => console.log(err2 ? 'failed: ' + err2.message : `GetUser requests ${getUsers()}`))
  })
  return after(3)
})

sideBySide('globalSignOut forgets the stored tokens: no current user afterwards, nothing left in storage (no device was remembered)', async (L) => {
  const { env, console, after, stored, Storage, cognitoUser } = await signedInUser(L)
  console.log(`stored before: ${[...stored.keys()].map((k) => k.split('.').pop()).sort().join(' ')}`)
  cognitoUser.globalSignOut({
    onSuccess: (msg) => {
      const pool = new L.CognitoUserPool({ ...env.poolData, Storage })
      console.log(`${msg}; current user ${pool.getCurrentUser()?.getUsername() ?? 'none'}; stored after: ${[...stored.keys()].map((k) => k.split('.').pop()).sort().join(' ') || 'nothing'}`)
    },
    onFailure: (err) => console.log('failed: ' + err.message),
  })
  return after(2)
})

sideBySide('refreshSession on a user object named by an email alias refreshes as the last signed-in user: the object takes Cognito\'s internal name', async (L) => {
  const env = await envOf({ usernameAttributes: ['email'], users: [{ username: 'email@mydomain.com', password: PW, attributes: { email: 'email@mydomain.com' } }] })
  const { console, after } = recorder()
  const [, Storage] = storage()
  const first = await signIn(L, env, 'email@mydomain.com', PW, Storage)
  const name = (n: string | undefined): string => (n === env.pool.user('email@mydomain.com')!.username ? 'internal name' : String(n))
  const byAlias = new L.CognitoUser({ Username: 'email@mydomain.com', Pool: new L.CognitoUserPool({ ...env.poolData, Storage }), Storage })
  byAlias.refreshSession(first.getSignInUserSession()!.getRefreshToken(), (err: any) => console.log(err ? 'failed: ' + err.message : `refreshed as ${name(byAlias.getUsername())}`))
  return after(1)
})

sideBySide('an SRP sign-in that stops at SMS MFA, on a device the same user object remembered from a USER_PASSWORD_AUTH sign-in with an email: mfaRequired sees Cognito\'s internal name', async (L) => {
  const env = await envOf({
    usernameAttributes: ['email'],
    users: [{ username: 'email@mydomain.com', password: PW, attributes: { email: 'email@mydomain.com', phone_number: '+15555555555' }, mfa: ['SMS_MFA'] }],
    // a device the user is not asked to remember: MFA is not skipped on it
    deviceTracking: { deviceOnlyRememberedOnUserPrompt: true },
    clients: [{ explicitAuthFlows: FLOWS }],
  })
  const { console, after } = recorder()
  const pool = new L.CognitoUserPool(env.poolData)
  const name = (n: string): string => (n === env.pool.user('email@mydomain.com')!.username ? 'internal name' : n)
  const cognitoUser = new L.CognitoUser({ Username: 'email@mydomain.com', Pool: pool })
  for (const flow of ['USER_PASSWORD_AUTH', 'USER_SRP_AUTH']) {
    cognitoUser.setAuthenticationFlowType(flow)
    await new Promise<void>((resolve) => {
      cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'email@mydomain.com', Password: PW }), {
        onSuccess: () => (console.log(`${flow} signed in`), resolve()),
        onFailure: (err) => (console.log(`${flow} failed: ${err.message}`), resolve()),
        mfaRequired: function () {
          console.log(`${flow} mfaRequired as ${name(cognitoUser.getUsername())}`)
          cognitoUser.sendMFACode(env.pool.lastCode('email@mydomain.com', 'MFA')!, this)
        },
      })
    })
  }
  return after(4)
})

sideBySide('SRP sign-ins with an email as username, a new user object each: the second uses the device stored under Cognito\'s internal name (device SRP)', (L) =>
  emailDeviceRounds(L, [['first', 'USER_SRP_AUTH'], ['second', 'USER_SRP_AUTH']], false),
)

sideBySide('getCachedDeviceKeyAndPassword loads the device stored for the user into a new user object', async (L) => {
  const env = await envOf({ users: [USER], deviceTracking: true })
  const { console, after } = recorder()
  const [stored, Storage] = storage()
  const pool = new L.CognitoUserPool({ ...env.poolData, Storage })
  await new Promise<void>((resolve) => new L.CognitoUser({ Username: 'username', Pool: pool, Storage }).authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), { onSuccess: () => resolve(), onFailure: (err) => (console.log(err.message), resolve()) }))
  const key = (name: string): string => `CognitoIdentityServiceProvider.${env.poolData.ClientId}.username.${name}`
  const u = new L.CognitoUser({ Username: 'username', Pool: pool, Storage }) as unknown as Record<string, unknown> & { getCachedDeviceKeyAndPassword(): void }
  u.getCachedDeviceKeyAndPassword()
  for (const [field, name] of [['deviceKey', 'deviceKey'], ['deviceGroupKey', 'deviceGroupKey'], ['randomPassword', 'randomPasswordKey']]) {
    console.log(`${field} as stored: ${typeof u[field!] === 'string' && u[field!] === stored.get(key(name!))}`)
  }
  return after(3)
})

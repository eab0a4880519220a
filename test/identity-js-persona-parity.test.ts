/**
 * What an app written against amazon-cognito-identity-js 6.3.21 reads beyond its README's use
 * cases, compared side by side with the real package against the local pool: the errors apps
 * switch on (`code`, `name`, `message`, one callback), the less-used members (`getUsername`,
 * `getAuthenticationFlowType`, `getSignInUserSession`, `signUp`'s `result.user`), `refreshSession`,
 * `listDevices` pages, custom challenges answered wrong then right, `getCurrentUser()` after
 * `signOut()` and with two app clients in one storage, storage after each step of a sign-in with
 * TOTP and a new device, and, without a pool, `isValid` around expiry and clock drift and the
 * cookie lines `CookieStorage` writes for each option. Node only (acij needs sockets).
 */
import { after as afterAll, test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../src/local/index.ts'
import { listen, type LocalServer } from '../src/local/server.ts'
import { envOf, LIBS, recorder, sideBySide, signIn, type Lib } from './support/identity-js-side-by-side.ts'

const PW = 'Corr3ct-horse!'
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
/** What an app switching on errors reads (`statusCode` aside: acij leaves it unset, cognito-edge gives the HTTP status). */
const shown = (err: any): string => (err ? `${err.code}|${err.name}|${err.message}` : 'ok')

/** A Web Storage stand-in the scenario can look into. */
function mapStorage() {
  const m = new Map<string, string>()
  return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, String(v)), removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
}

/** The keys of a storage (client id elided) and the form of each value: a JWT, an integer, or text. */
const storageForm = (m: Map<string, string>, clientId: string): string =>
  [...m]
    .map(([k, v]) => `${k.replace(`CognitoIdentityServiceProvider.${clientId}.`, '')}=${/^eyJ/.test(v) ? 'jwt' : /^-?\d+$/.test(v) ? 'int' : v === 'alice' ? v : v ? 'text' : 'empty'}`)
    .sort()
    .join(' ')

/** A sign-in that ends in `onFailure`, with the callback count. */
function failedSignIn(title: string, seed: object, username: string, password: string, flow?: string): void {
  sideBySide(title, async (L) => {
    const env = await envOf(seed)
    const { console, after } = recorder()
    const cognitoUser = new L.CognitoUser({ Username: username, Pool: new L.CognitoUserPool(env.poolData) })
    if (flow) cognitoUser.setAuthenticationFlowType(flow)
    cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: () => console.log('signed in'),
      onFailure: (err: any) => console.log(`${flow ?? 'USER_SRP_AUTH'}: ${shown(err)}`),
    })
    return after(1)
  })
}

for (const flow of [undefined, 'USER_PASSWORD_AUTH']) {
  failedSignIn(`a wrong password is NotAuthorizedException (${flow ?? 'SRP'})`, { users: [{ username: 'alice', password: PW }] }, 'alice', 'Wr0ng-horse!', flow)
  failedSignIn(`an unknown user is UserNotFoundException on a legacy client (${flow ?? 'SRP'})`, { users: [], clients: [{ preventUserExistenceErrors: 'LEGACY' }] }, 'bob', PW, flow)
  failedSignIn(`an unconfirmed user is UserNotConfirmedException (${flow ?? 'SRP'})`, { users: [{ username: 'alice', password: PW, status: 'UNCONFIRMED' }] }, 'alice', PW, flow)
  failedSignIn(`a user whose password was reset is PasswordResetRequiredException (${flow ?? 'SRP'})`, { users: [{ username: 'alice', password: PW, status: 'RESET_REQUIRED' }] }, 'alice', PW, flow)
}

sideBySide('wrong codes are CodeMismatchException, then LimitExceededException; an old code is ExpiredCodeException; one callback each', async (L) => {
  const env = await envOf({ users: ['bob', 'carol'].map((username) => ({ username, password: PW, status: 'UNCONFIRMED' as const, attributes: { email: `${username}@example.com` } })) })
  const { console, after } = recorder()
  const userPool = new L.CognitoUserPool(env.poolData)
  const bob = new L.CognitoUser({ Username: 'bob', Pool: userPool })
  for (let i = 0; i < 6; i++) await new Promise<void>((resolve) => bob.confirmRegistration('000000', true, (err) => (console.log(`try ${i}: ${shown(err)}`), resolve())))
  const carol = new L.CognitoUser({ Username: 'carol', Pool: userPool })
  await new Promise<void>((resolve) => carol.resendConfirmationCode(() => resolve()))
  const code = env.pool.lastCode('carol')!
  for (let i = 0; i < 2 * 60 * 25; i++) env.tick() // 25 hours: sign-up codes last 24
  carol.confirmRegistration(code, true, (err) => console.log(`a day later: ${shown(err)}`))
  return after(7)
})

sideBySide('before sign-in: the getters, and "User is not authenticated" from each call that needs a session, once', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: PW }] })
  const { console, after } = recorder()
  const cognitoUser = new L.CognitoUser({ Username: 'alice', Pool: new L.CognitoUserPool(env.poolData) })
  console.log(`session ${cognitoUser.getSignInUserSession()}, username ${cognitoUser.getUsername()}, flow ${cognitoUser.getAuthenticationFlowType()}`)
  cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH')
  console.log(`flow ${cognitoUser.getAuthenticationFlowType()}`)
  // the message is acij's; the error's class and code are cognito-edge's (see the migration guide)
  const node = (name: string) => (err: any, result: any) => console.log(`${name}: ${err.message}, ${result}`)
  const handlers = (name: string) => ({ onSuccess: () => console.log(`${name}: success`), onFailure: (err: any) => console.log(`${name}: ${err.message}`) })
  cognitoUser.getUserAttributes(node('getUserAttributes'))
  cognitoUser.getUserData(node('getUserData'))
  cognitoUser.getMFAOptions(node('getMFAOptions'))
  cognitoUser.changePassword(PW, 'N3w-horse!!', node('changePassword'))
  cognitoUser.deleteUser(node('deleteUser'))
  cognitoUser.listDevices(10, null, handlers('listDevices'))
  cognitoUser.getDevice(handlers('getDevice'))
  cognitoUser.globalSignOut(handlers('globalSignOut'))
  const events = await after(10)
  return [...events.slice(0, 2), ...events.slice(2).sort()]
})

sideBySide("signUp's result: user (a CognitoUser of the pool, with its storage, not signed in), userConfirmed, userSub, codeDeliveryDetails", async (L) => {
  const env = await envOf({})
  const { console, after } = recorder()
  const Storage = mapStorage()
  const userPool = new L.CognitoUserPool({ ...env.poolData, Storage })
  userPool.signUp('bob', PW, [new L.CognitoUserAttribute({ Name: 'email', Value: 'bob@example.com' })], null as any, (err: any, result: any) => {
    if (err) return console.log(shown(err))
    const { user } = result
    console.log(`keys ${Object.keys(result)}, confirmed ${result.userConfirmed}, sub ${result.userSub === env.pool.user('bob')!.sub}, delivery ${JSON.stringify(result.codeDeliveryDetails)}`)
    console.log(`user ${user instanceof L.CognitoUser} ${user.getUsername()} ${user.pool === userPool} ${user.storage === Storage} ${user.getSignInUserSession()} ${user.getAuthenticationFlowType()}`)
    userPool.signUp('bob', PW, [], [], (err: any, result: any) => console.log(`again: ${shown(err)}, ${result}`))
  })
  return after(3)
})

const servers: LocalServer[] = []
afterAll(() => Promise.all(servers.map((s) => s.close())))
let clients = 0

sideBySide('two app clients sharing one storage: each pool has its own current user, and signOut on one leaves the other', async (L) => {
  const [web, admin] = [`webclient${++clients}`, `adminclient${clients}`]
  const pool = createLocalPool({ shareKeys: true, clients: [{ clientId: web }, { clientId: admin }], users: [{ username: 'alice', password: PW }, { username: 'bob', password: PW }] })
  const server = await listen(pool, { port: 0 })
  servers.push(server)
  const { console, after } = recorder()
  const Storage = mapStorage()
  const [webPool, adminPool] = [web, admin].map((ClientId) => new L.CognitoUserPool({ UserPoolId: pool.poolId, ClientId, endpoint: server.url, Storage }))
  const signInTo = (userPool: InstanceType<Lib['CognitoUserPool']>, Username: string) =>
    new Promise<InstanceType<Lib['CognitoUser']>>((resolve, reject) => {
      const user = new L.CognitoUser({ Username, Pool: userPool, Storage })
      user.authenticateUser(new L.AuthenticationDetails({ Username, Password: PW }), { onSuccess: () => resolve(user), onFailure: reject })
    })
  const alice = await signInTo(webPool!, 'alice')
  await signInTo(adminPool!, 'bob')
  const current = () => `${webPool!.getCurrentUser()?.getUsername() ?? null} / ${adminPool!.getCurrentUser()?.getUsername() ?? null}, ${Storage.m.size} keys`
  console.log(`signed in: ${current()}`)
  alice.signOut()
  console.log(`alice signed out: ${current()}, her session ${alice.getSignInUserSession()}`)
  adminPool!.getCurrentUser()!.getSession((err: any, session: any) => console.log(`bob: ${shown(err)}, ${session?.isValid()}, ${session?.getIdToken().payload['cognito:username']}`))
  alice.getSession((err: any, session: any) => console.log(`alice: ${err?.message}, ${session}`))
  return after(4)
})

sideBySide('refreshSession: the callback comes after the call returns, with the stored new session; a refused token clears storage, one callback', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: PW }] })
  const { console, after } = recorder()
  const Storage = mapStorage()
  const cognitoUser = await signIn(L, env, 'alice', PW, Storage)
  const old = cognitoUser.getSignInUserSession()!
  let returned = false
  cognitoUser.refreshSession(old.getRefreshToken(), (err: any, session: any) => {
    console.log(`returned first: ${returned}, ${shown(err)}, valid ${session.isValid()}, the user's: ${session === cognitoUser.getSignInUserSession()}, same refresh token ${session.getRefreshToken().getToken() === old.getRefreshToken().getToken()}`)
    console.log(`stored: ${storageForm(Storage.m, env.poolData.ClientId)}`)
    cognitoUser.refreshSession(new L.CognitoRefreshToken({ RefreshToken: 'revoked-or-made-up' }), (err: any, session: any) => {
      console.log(`refused: ${shown(err)}, ${session}, stored: ${storageForm(Storage.m, env.poolData.ClientId) || 'nothing'}`)
    })
  })
  returned = true
  return after(3)
})

sideBySide('listDevices pages: a limit gives a PaginationToken, which gives the rest', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: PW }], deviceTracking: true })
  const { console, after } = recorder()
  for (let i = 0; i < 2; i++) await signIn(L, env, 'alice', PW, mapStorage())
  const cognitoUser = await signIn(L, env, 'alice', PW, mapStorage())
  const page = (token: string | null) =>
    new Promise<any>((resolve) => cognitoUser.listDevices(2, token, { onSuccess: resolve, onFailure: (err: any) => resolve({ Devices: [shown(err)] }) }))
  const first = await page(null)
  console.log(`first: ${first.Devices.length} devices, keys ${Object.keys(first)}, device keys ${Object.keys(first.Devices[0]).sort()}`)
  const rest = await page(first.PaginationToken)
  console.log(`rest: ${rest.Devices.length} devices, keys ${Object.keys(rest)}`)
  return after(2)
})

sideBySide('custom challenge answered wrong then right signs in; three wrong answers end in NotAuthorizedException', async (L) => {
  const env = await envOf({
    users: [{ username: 'alice', password: PW }],
    customAuth: ({ results }) => (results.at(-1) === true ? { issueTokens: true } : results.length >= 3 ? { failAuthentication: true } : { challenge: { parameters: { round: String(results.length) }, answer: '42' } }),
  })
  const { console, after } = recorder()
  const Storage = mapStorage()
  const run = (answers: string[]) =>
    new Promise<void>((resolve) => {
      const cognitoUser = new L.CognitoUser({ Username: 'alice', Pool: new L.CognitoUserPool({ ...env.poolData, Storage }), Storage })
      cognitoUser.initiateAuth(new L.AuthenticationDetails({ Username: 'alice' }), {
        onSuccess: (session: any) => (console.log(`signed in: ${session.isValid()}, stored: ${storageForm(Storage.m, env.poolData.ClientId)}`), resolve()),
        onFailure: (err: any) => (console.log(`failed: ${shown(err)}`), resolve()),
        customChallenge(parameters: any) {
          console.log(`challenge ${JSON.stringify(parameters)}`)
          cognitoUser.sendCustomChallengeAnswer(answers.shift()!, this)
        },
      })
    })
  await run(['41', '42'])
  Storage.clear()
  await run(['1', '2', '3'])
  return after(7)
})

sideBySide('storage after each step: TOTP challenge, signed in with a new device, user data, sign-out (the device stays)', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: PW, mfa: ['SOFTWARE_TOKEN_MFA'], totpSecret: TOTP_SECRET }], deviceTracking: true })
  const { console, after } = recorder()
  const Storage = mapStorage()
  const form = () => storageForm(Storage.m, env.poolData.ClientId) || 'nothing'
  const cognitoUser = new L.CognitoUser({ Username: 'alice', Pool: new L.CognitoUserPool({ ...env.poolData, Storage }), Storage })
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'alice', Password: PW }), {
    onSuccess: (_session: any, userConfirmationNecessary: any) => {
      console.log(`signed in (${userConfirmationNecessary}): ${form()}`)
      cognitoUser.getUserData((err: any) => {
        console.log(`user data (${shown(err)}): ${form()}`)
        cognitoUser.signOut()
        console.log(`signed out: ${form()}`)
      })
    },
    onFailure: (err: any) => console.log(shown(err)),
    totpRequired(challengeName: any) {
      console.log(`${challengeName}: ${form()}`)
      env.tick()
      env.pool.totpCode('alice').then((code) => cognitoUser.sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA'))
    },
  })
  return after(4)
})

/** Run `f` with each package: [acij's, ours]. */
const both = <T>(f: (L: Lib) => T): T[] => LIBS.map(([, L]) => f(L))

test('isValid around expiry, with stored, measured, odd and missing clock drifts, as with acij', () => {
  const now = Math.floor(Date.now() / 1000)
  const jwt = (claims: object) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`
  // ClockDrift and getClockDrift are in acij's code, not in its type declarations
  const [acij, ours] = both((L: any) => {
    const rows: unknown[] = []
    for (const drift of [undefined, 0, 5, -5, 3600, -3600, NaN, null, '10']) {
      for (const left of [-1, 0, 1, 10]) {
        const session = new L.CognitoUserSession({
          IdToken: new L.CognitoIdToken({ IdToken: jwt({ exp: now + left, iat: now - 5 }) }),
          AccessToken: new L.CognitoAccessToken({ AccessToken: jwt({ exp: now + 100, iat: now - 3 }) }),
          ClockDrift: drift as number,
        })
        rows.push([String(drift), left, session.isValid(), session.getClockDrift()])
      }
    }
    const bare = new L.CognitoUserSession({ IdToken: new L.CognitoIdToken({ IdToken: jwt({}) }), AccessToken: new L.CognitoAccessToken({ AccessToken: jwt({}) }) })
    rows.push(['no exp or iat', bare.isValid(), bare.getClockDrift()])
    return rows
  })
  // the fixture exercises drift: acij keeps a token that expired 1 s ago valid on a clock 5 s ahead, not without drift
  assert.deepEqual([(acij as unknown[][])[8], (acij as unknown[][])[4]], [['5', -1, true, 5], ['0', -1, false, 0]])
  assert.deepEqual(ours, acij)
})

test('CookieStorage writes the same cookie lines as acij for each option (attribute names compared without case)', () => {
  const g = globalThis as { document?: unknown }
  const options: object[] = [{}, { domain: 'example.com' }, { path: '/app' }, { expires: 1 }, { expires: 0 }, { expires: 1.5 }, { expires: undefined }, { secure: false }, { sameSite: 'lax' }, { sameSite: 'strict', secure: false }, { sameSite: 'none' }, { domain: '', path: '' }, { sameSite: 'Lax' }, { sameSite: 'none', secure: false }]
  const [acij, ours] = both((L) =>
    options.map((o) => {
      const lines: string[] = []
      // expiry as minutes from now, so both runs compare
      g.document = {}
      Object.defineProperty(g.document, 'cookie', { get: () => '', set: (line: string) => void lines.push(line.replace(/expires=([^;]*)/i, (_, d) => `expires=+${Math.round((Date.parse(d) - Date.now()) / 60_000)}m`).toLowerCase()) })
      try {
        const storage = new L.CookieStorage(o)
        storage.setItem('CognitoIdentityServiceProvider.c.alice.idToken', 'token')
        storage.removeItem('CognitoIdentityServiceProvider.c.alice.idToken')
        return [JSON.stringify(o), lines]
      } catch (e) {
        return [JSON.stringify(o), `throws ${(e as Error).message}`]
      } finally {
        delete g.document
      }
    }),
  )
  assert.deepEqual(acij![0], ['{}', ['cognitoidentityserviceprovider.c.alice.idtoken=token; path=/; expires=+525600m; secure', 'cognitoidentityserviceprovider.c.alice.idtoken=; path=/; expires=+-1440m; secure']])
  assert.deepEqual(ours, acij)
})

/**
 * Storage migration, both ways, with the real amazon-cognito-identity-js 6.3.21: a user signed in
 * by one package into a storage object is signed in for the other one sharing that object (same
 * keys, same values): `getCurrentUser().getSession()` returns a valid session, attributes are read,
 * an expired session is refreshed, the remembered device skips MFA with device SRP, and the
 * cached user data is read. Also through cookies (`CookieStorage`, with a stand-in
 * `document.cookie`), and the keys each package writes are compared. Node only (acij needs sockets).
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../src/local/index.ts'
import { listen, type LocalServer } from '../src/local/server.ts'
import { LIBS, type Lib } from './support/identity-js-side-by-side.ts'

const [[, acij], [, ours]] = LIBS as [[string, Lib], [string, Lib]]
const PW = 'Corr3ct-horse!'
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

/** A Web Storage stand-in the test can look into. */
function mapStorage() {
  const m = new Map<string, string>()
  return { m, setItem: (k: string, v: string) => void m.set(k, String(v)), getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
}

const servers: LocalServer[] = []
after(() => Promise.all(servers.map((s) => s.close())))

let clientN = 0
async function setup() {
  let offset = 0
  const clientId = `storageclient${++clientN}`
  const pool = createLocalPool({ shareKeys: true, clock: () => Date.now() + offset, deviceTracking: true, clients: [{ clientId }], users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com', nickname: 'al' }, mfa: ['SOFTWARE_TOKEN_MFA'], totpSecret: SECRET }] })
  const server = await listen(pool, { port: 0 })
  servers.push(server)
  const poolData = { UserPoolId: pool.poolId, ClientId: clientId, endpoint: server.url }
  return { pool, poolData, tick: () => void (offset += 30_000) }
}

type Setup = Awaited<ReturnType<typeof setup>>

/** Sign in with `L` into `Storage`, answering TOTP when asked; resolves with the challenges seen. */
function signIn(L: Lib, s: Setup, Storage: any): Promise<string[]> {
  const seen: string[] = []
  const user = new L.CognitoUser({ Username: 'alice', Pool: new L.CognitoUserPool({ ...s.poolData, Storage }), Storage })
  return new Promise((resolve, reject) => {
    user.authenticateUser(new L.AuthenticationDetails({ Username: 'alice', Password: PW }), {
      onSuccess: () => resolve(seen),
      onFailure: reject,
      totpRequired() {
        seen.push('SOFTWARE_TOKEN_MFA')
        s.tick()
        s.pool.totpCode('alice').then((code) => user.sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA'))
      },
    })
  })
}

const node = <T>(f: (cb: (err: any, v?: any) => void) => void): Promise<T> => new Promise((resolve, reject) => f((err, v) => (err ? reject(err) : resolve(v))))

/** Cache the user data with `L` (getUserData after getSession), as an app that read it would have. */
async function cacheUserData(L: Lib, s: Setup, Storage: any): Promise<void> {
  const user = new L.CognitoUserPool({ ...s.poolData, Storage }).getCurrentUser()!
  await node((cb) => user.getSession(cb))
  await node((cb) => user.getUserData(cb))
}

/** What the other package sees in the shared storage: the current user's session, attributes, user data, a refresh. */
async function takeOver(L: Lib, s: Setup, Storage: ReturnType<typeof mapStorage>) {
  const pool = new L.CognitoUserPool({ ...s.poolData, Storage })
  const user = pool.getCurrentUser()
  assert.ok(user, 'getCurrentUser() finds the user the other package signed in')
  const session = await node<any>((cb) => user.getSession(cb))
  assert.equal(session.isValid(), true)
  const attributes = await node<any[]>((cb) => user.getUserAttributes(cb))
  const data = await node<any>((cb) => user.getUserData(cb))
  // an expired session (the clock drift says so) is refreshed by getSession
  const drift = `CognitoIdentityServiceProvider.${s.poolData.ClientId}.${user.getUsername()}.clockDrift`
  Storage.setItem(drift, '-7200')
  const fresh = new L.CognitoUserPool({ ...s.poolData, Storage }).getCurrentUser()!
  const before = s.pool.calls.length
  const refreshed = await node<any>((cb) => fresh.getSession(cb))
  const ops = s.pool.calls.slice(before).map((c) => c.operation)
  return { username: user.getUsername(), attributes: attributes.map((a) => `${a.getName()}=${a.getValue()}`), dataUser: data.Username, refreshedValid: refreshed.isValid(), ops, newAccess: refreshed.getAccessToken().getJwtToken() !== session.getAccessToken().getJwtToken() }
}

for (const [from, to, fromName, toName] of [
  [acij, ours, 'amazon-cognito-identity-js', 'cognito-edge/identity-js'],
  [ours, acij, 'cognito-edge/identity-js', 'amazon-cognito-identity-js'],
] as const) {
  test(`signed in with ${fromName}, still signed in with ${toName} (and the device skips MFA)`, async () => {
    const s = await setup()
    const shared = mapStorage()
    assert.deepEqual(await signIn(from, s, shared), ['SOFTWARE_TOKEN_MFA'])
    await cacheUserData(from, s, shared)
    const seen = await takeOver(to, s, shared)
    assert.equal(seen.username, 'alice')
    assert.ok(seen.attributes.includes('email=alice@example.com') && seen.attributes.includes('nickname=al'))
    assert.equal(seen.dataUser, 'alice', 'the cached user data written by the other package is read')
    assert.deepEqual(seen.ops, ['InitiateAuth'], 'one REFRESH_TOKEN_AUTH')
    assert.equal(seen.refreshedValid, true)
    assert.equal(seen.newAccess, true)
    // the device the first package confirmed is used by the second: MFA skipped, device SRP answered
    const before = s.pool.calls.length
    assert.deepEqual(await signIn(to, s, shared), [], 'no MFA on the remembered device')
    assert.deepEqual(s.pool.calls.slice(before).map((c) => c.operation), ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge', 'RespondToAuthChallenge'])
    // and back: the first package reads what the second wrote
    const back = await takeOver(from, s, shared)
    assert.equal(back.refreshedValid, true)
  })
}

test('both packages write the same keys, with values of the same form', async () => {
  const stores: Array<Map<string, string>> = []
  for (const L of [acij, ours]) {
    const s = await setup()
    const st = mapStorage()
    await signIn(L, s, st)
    await cacheUserData(L, s, st)
    stores.push(new Map([...st.m].map(([k, v]) => [k.replace(/storageclient\d+/, '<client>'), v])))
  }
  const [a, b] = stores as [Map<string, string>, Map<string, string>]
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort())
  assert.equal(a.size, 9, [...a.keys()].join())
  const form = (k: string, v: string): string =>
    /Token$/.test(k) && !/refresh/.test(k) ? `${v.split('.').length}-part JWT` : /clockDrift$/.test(k) ? (/^-?\d+$/.test(v) ? 'integer' : v) : /userData$/.test(k) ? Object.keys(JSON.parse(v)).sort().join() : /(deviceKey|deviceGroupKey|LastAuthUser)$/.test(k) ? v.replace(/[0-9a-f-]{36}/, '<uuid>').replace(/^-[\w-]+$/, '<group>') : v.length > 20 ? 'secret' : v
  for (const [k, v] of a) assert.equal(form(k, b.get(k)!), form(k, v), k)
})

/** A `document.cookie` stand-in: parses what is written, honours expiry, serves `name=value; …`. */
function cookieJar() {
  const jar = new Map<string, string>()
  return {
    jar,
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    },
    set cookie(line: string) {
      const [pair, ...attrs] = line.split(/;\s*/)
      const i = pair!.indexOf('=')
      const expires = attrs.find((a) => /^expires=/i.test(a))
      if (expires && Date.parse(expires.slice(8)) < Date.now()) jar.delete(pair!.slice(0, i))
      else jar.set(pair!.slice(0, i), pair!.slice(i + 1))
    },
  }
}

test('CookieStorage: cookies written by either package are read by the other', async () => {
  const g = globalThis as { document?: unknown }
  const document = cookieJar()
  g.document = document
  try {
    for (const [from, to] of [
      [acij, ours],
      [ours, acij],
    ] as const) {
      const s = await setup()
      const storage = (L: Lib) => new L.CookieStorage({ domain: 'example.com', secure: true, sameSite: 'strict' })
      await signIn(from, s, storage(from))
      assert.ok(document.jar.size >= 8, 'tokens, drift, last user and device in cookies')
      const pool = new to.CognitoUserPool({ ...s.poolData, Storage: storage(to) })
      const user = pool.getCurrentUser()!
      const session = await node<any>((cb) => user.getSession(cb))
      assert.equal(session.getIdToken().decodePayload()['cognito:username'], 'alice')
      user.signOut()
      assert.equal(pool.getCurrentUser(), null, 'signOut removed the cookies the other package wrote')
      document.jar.clear()
    }
  } finally {
    delete g.document
  }
})

test("getSession's, getUserData's and signOut's refreshes go through the pool's wrapRefreshSessionCallback, as with acij", async () => {
  for (const L of [acij, ours]) {
    const s = await setup()
    const st = mapStorage()
    await signIn(L, s, st)
    const wrapped: string[] = []
    const wrap = (target: (err: any, result?: any) => void) => {
      wrapped.push('wrapped')
      return (err: any, result?: any) => (wrapped.push(err ? 'failed' : 'refreshed'), target(err, result))
    }
    const pool = new L.CognitoUserPool({ ...s.poolData, Storage: st }, wrap)
    // a valid session: no refresh, no wrapper
    const user = pool.getCurrentUser()!
    assert.equal((await node<any>((cb) => user.getSession(cb))).isValid(), true)
    assert.deepEqual(wrapped, [])
    // an expired one: refreshed through the wrapper
    st.setItem(`CognitoIdentityServiceProvider.${s.poolData.ClientId}.${user.getUsername()}.clockDrift`, '-7200')
    const expired = pool.getCurrentUser()!
    assert.equal((await node<any>((cb) => expired.getSession(cb))).isValid(), true)
    assert.deepEqual(wrapped, ['wrapped', 'refreshed'], L === acij ? 'acij' : 'cognito-edge')
    // getUserData({ bypassCache }) refreshes the session through it too
    await node((cb) => expired.getUserData(cb))
    await node((cb) => expired.getUserData(cb, { bypassCache: true }))
    assert.deepEqual(wrapped.splice(0), ['wrapped', 'refreshed', 'wrapped', 'refreshed'])
    // and so does signOut(callback) on an expired session, before revoking
    st.setItem(`CognitoIdentityServiceProvider.${s.poolData.ClientId}.${user.getUsername()}.clockDrift`, '-7200')
    const leaving = pool.getCurrentUser()!
    await new Promise<void>((resolve, reject) => leaving.signOut((err?: any) => (err ? reject(err) : resolve())))
    assert.deepEqual(wrapped, ['wrapped', 'refreshed'])
    assert.equal(pool.getCurrentUser(), null)
  }
})

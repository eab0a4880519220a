/**
 * `cognito-edge/identity-js` values, without a pool: tokens and sessions (validity, clock drift),
 * `AuthenticationDetails`, `CognitoUserAttribute`, the error shape, the pool's constructor
 * checks, `CookieStorage` (over a stand-in `document.cookie`), `WordArray`, the user agent, the
 * default storage, and secret hygiene (no token, password or Session in `JSON.stringify`).
 * Portable: runs on node, bun and deno.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, CognitoServiceError, ExpiredSessionError, NetworkError, NotAuthorizedException, TimeoutError } from '../../src/index.ts'
import {
  AuthenticationDetails,
  CognitoAccessToken,
  CognitoIdToken,
  CognitoRefreshToken,
  CognitoUser,
  CognitoUserAttribute,
  CognitoUserPool,
  CognitoUserSession,
  CookieStorage,
  UserAgent,
  WordArray,
  appendToCognitoUserAgent,
} from '../../src/identity-js.ts'
import { acijError } from '../../src/identity-js/errors.ts'

const b64url = (o: object): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
/** An unsigned JWT-shaped token with `claims` (signature irrelevant: acij never verifies). */
const jwt = (claims: object): string => `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url(claims)}.c2ln`
const now = (): number => Math.floor(Date.now() / 1000)
const POOL = { UserPoolId: 'us-east-1_Values1', ClientId: 'valuesclient' }

test('tokens decode their payload, unverified; a non-JWT decodes to {}', () => {
  const id = new CognitoIdToken({ IdToken: jwt({ sub: 's1', exp: 200, iat: 100, 'cognito:username': 'alice' }) })
  assert.equal(id.getExpiration(), 200)
  assert.equal(id.getIssuedAt(), 100)
  assert.equal(id.payload['cognito:username'], 'alice')
  assert.deepEqual(id.decodePayload(), id.payload)
  assert.deepEqual(new CognitoAccessToken({ AccessToken: 'not.a-jwt' }).payload, {})
  assert.deepEqual(new CognitoAccessToken().payload, {})
  assert.equal(new CognitoAccessToken().getJwtToken(), '')
  const rt = new CognitoRefreshToken({ RefreshToken: 'opaque' })
  assert.equal(rt.getToken(), 'opaque')
  rt.token = 'other'
  assert.equal(rt.getToken(), 'other')
  id.jwtToken = 'x'
  assert.equal(id.getJwtToken(), 'x')
  assert.equal(new CognitoRefreshToken().getToken(), '')
})

test('a session: valid while both tokens are unexpired on the drift-corrected clock', () => {
  const t = now()
  const mk = (exp: number, iat: number, ClockDrift?: number) =>
    new CognitoUserSession({ IdToken: new CognitoIdToken({ IdToken: jwt({ exp, iat }) }), AccessToken: new CognitoAccessToken({ AccessToken: jwt({ exp, iat }) }), ClockDrift })
  assert.equal(mk(t + 3600, t).isValid(), true)
  assert.equal(mk(t - 1, t - 3600, 0).isValid(), false)
  // without a drift, one is measured from iat: old tokens count as just issued (acij's rule)
  assert.equal(mk(t - 1, t - 3600).isValid(), true)
  // tokens issued by a server two hours ahead: the drift measured on arrival keeps them valid
  const ahead = mk(t + 7200 + 3600, t + 7200)
  assert.ok(Math.abs(ahead.getClockDrift() + 7200) <= 1)
  assert.equal(ahead.isValid(), true)
  // a stored drift of 0 for the same tokens: the local clock says they are valid too (exp in the future)
  assert.equal(mk(t + 10, t - 3590, 0).isValid(), true)
  assert.equal(mk(t + 10, t - 3590, -20).isValid(), false)
  assert.equal(mk(t + 3600, t).getRefreshToken().getToken(), '', 'no refresh token: an empty one')
  assert.throws(() => new CognitoUserSession({ IdToken: undefined as any, AccessToken: new CognitoAccessToken() }), /Id token and Access Token must be present/)
})

test('AuthenticationDetails: validation data wins over client metadata; the password never serialises', () => {
  const d = new AuthenticationDetails({ Username: 'alice', Password: 'pw-SECRET-1', ClientMetadata: { a: '1' } })
  assert.equal(d.getUsername(), 'alice')
  assert.equal(d.getPassword(), 'pw-SECRET-1')
  assert.equal(d.password, 'pw-SECRET-1')
  assert.deepEqual(d.metadata(), { a: '1' })
  assert.deepEqual(new AuthenticationDetails({ Username: 'a', ValidationData: { v: '2' }, ClientMetadata: { a: '1' } }).metadata(), { v: '2' })
  assert.deepEqual(d.getValidationData(), {})
  assert.deepEqual(d.getAuthParameters(), {})
  assert.deepEqual(d.getClientMetadata(), { a: '1' })
  assert.ok(!JSON.stringify(d).includes('SECRET'))
  assert.ok(!String(Object.keys(d)).includes('password'))
})

test('CognitoUserAttribute: getters, chained setters, JSON', () => {
  const a = new CognitoUserAttribute({ Name: 'email', Value: 'a@example.com' })
  assert.equal(a.setName('nickname').setValue('al').toString(), '{"Name":"nickname","Value":"al"}')
  assert.equal(a.getName(), 'nickname')
  assert.equal(a.getValue(), 'al')
  assert.deepEqual(new CognitoUserAttribute().toJSON(), { Name: '', Value: '' })
})

test("errors in acij's shape: code and name are Cognito's, the typed class stays", () => {
  const e = acijError(new NotAuthorizedException('Incorrect username or password.', { status: 400 })) as any
  assert.deepEqual([e.code, e.name, e.message, e.statusCode], ['NotAuthorizedException', 'NotAuthorizedException', 'Incorrect username or password.', 400])
  assert.ok(e instanceof NotAuthorizedException)
  const unknown = acijError(new CognitoServiceError('SomeNewException', 'new')) as any
  assert.equal(unknown.code, 'SomeNewException')
  assert.equal((acijError(new NetworkError('fetch failed')) as any).code, 'NetworkError')
  const arg = acijError(new ArgumentError('"code" must be digits')) as any
  assert.deepEqual([arg.code, arg.name], ['InvalidParameterException', 'InvalidParameterException'])
  assert.ok(arg instanceof ArgumentError)
  // an expired challenge Session is the NotAuthorizedException Cognito sent
  const cause = new NotAuthorizedException('Invalid session for the user, session is expired.')
  assert.equal(acijError(new ExpiredSessionError('session expired', { cause })), cause)
  const other = new TimeoutError('slow')
  assert.equal((acijError(other) as any).code, 'ERR_TIMEOUT', 'errors acij has no name for keep theirs')
  assert.equal(acijError('text'), 'text')
})

test("the pool's constructor: acij's checks and messages", () => {
  assert.throws(() => new CognitoUserPool({ UserPoolId: '', ClientId: 'x' }), /^Error: Both UserPoolId and ClientId are required\.$/)
  assert.throws(() => new CognitoUserPool(undefined as any), /Both UserPoolId and ClientId are required/)
  assert.throws(() => new CognitoUserPool({ UserPoolId: 'nounderscore', ClientId: 'x' }), /^Error: Invalid UserPoolId format\.$/)
  assert.throws(() => new CognitoUserPool({ UserPoolId: `us-east-1_${'a'.repeat(50)}`, ClientId: 'x' }), /Invalid UserPoolId format/)
  const pool = new CognitoUserPool(POOL)
  assert.equal(pool.getUserPoolId(), POOL.UserPoolId)
  assert.equal(pool.getUserPoolName(), 'Values1')
  assert.equal(pool.getClientId(), 'valuesclient')
  assert.equal(pool.advancedSecurityDataCollectionFlag, true)
  assert.equal(new CognitoUserPool({ ...POOL, AdvancedSecurityDataCollectionFlag: false }).advancedSecurityDataCollectionFlag, false)
  assert.deepEqual(pool.client, { userPoolId: POOL.UserPoolId, clientId: POOL.ClientId }, 'the pool carries a cognito-edge client')
  assert.throws(() => new CognitoUser({ Username: 'a' } as any), /Username and Pool information are required/)
})

test('the default storage: one in-memory store shared by every pool (no window.localStorage here); users default to their pool\'s storage', () => {
  const a = new CognitoUserPool(POOL)
  const b = new CognitoUserPool({ ...POOL, ClientId: 'other' })
  assert.equal(a.storage, b.storage)
  a.storage.setItem('k', 'v')
  assert.equal(b.storage.getItem('k'), 'v')
  a.storage.removeItem('k')
  assert.equal(b.storage.getItem('k'), null)
  b.storage.setItem('k2', 'v')
  b.storage.clear()
  assert.equal(a.storage.getItem('k2'), null)
  const own = { getItem: () => null, setItem() {}, removeItem() {}, clear() {} }
  const pool = new CognitoUserPool({ ...POOL, Storage: own })
  assert.equal(new CognitoUser({ Username: 'a', Pool: pool }).storage, own)
  assert.equal(pool.getCurrentUser(), null)
})

test('CookieStorage: expires is a number of days, as acij types it; anything else is refused when the storage is made, before a cookie is written', () => {
  const g = globalThis as { document?: unknown }
  const written: string[] = []
  g.document = {
    get cookie() {
      return ''
    },
    set cookie(line: string) {
      written.push(line)
    },
  }
  try {
    // '7' was taken as 7 days, '' as 0 (every token cookie deleted as it was written), 'soon' and NaN as "expires=Invalid Date"
    for (const bad of ['7', '', 'soon', NaN, Infinity, new Date('soon'), true, {}]) {
      assert.throws(() => new CookieStorage({ expires: bad as never }), (e: unknown) => e instanceof ArgumentError && /expires/.test((e as Error).message) && /number of days/.test((e as Error).message), String(bad))
    }
    assert.deepEqual(written, [])
    // a number, negative or fractional, a Date (acij's cookie library takes one), and null /
    // undefined (a session cookie) are acij's values
    const at = new Date(Date.UTC(2031, 4, 6, 7, 8, 9))
    for (const ok of [7, 0.5, -1, at, null, undefined]) new CookieStorage({ expires: ok as never }).setItem('k', 'v')
    assert.equal(written.length, 6)
    assert.match(written[0]!, /; expires=[^;]+ GMT;/)
    assert.match(written[3]!, /; expires=Tue, 06 May 2031 07:08:09 GMT;/)
    assert.doesNotMatch(written[4]!, /expires/)
    assert.doesNotMatch(written[5]!, /expires/)
  } finally {
    delete g.document
  }
})

test('CookieStorage: options, defaults and checks as acij has them; cookies written, read, removed, cleared', () => {
  const g = globalThis as { document?: unknown }
  const written: string[] = []
  const jar = new Map<string, string>()
  g.document = {
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    },
    set cookie(line: string) {
      written.push(line)
      const [pair] = line.split('; ')
      const [k, v] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)]
      if (/expires=([^;]+)/.test(line) && Date.parse(/expires=([^;]+)/.exec(line)![1]!) < Date.now()) jar.delete(k)
      else jar.set(k, v)
    },
  }
  try {
    const defaults = new CookieStorage()
    assert.deepEqual([defaults.domain, defaults.path, defaults.expires, defaults.secure, defaults.sameSite], [undefined, '/', 365, true, null])
    assert.throws(() => new CookieStorage({ sameSite: 'loose' as any }), /must be "lax", "strict" or "none"/)
    assert.throws(() => new CookieStorage({ sameSite: 'none', secure: false }), /sameSite = None requires the Secure attribute/)
    const c = new CookieStorage({ domain: '.example.com', path: '/app', expires: 2, sameSite: 'lax' })
    assert.equal(c.setItem('CognitoIdentityServiceProvider.c.alice@example.com.idToken', 'a=b c'), 'a=b c')
    assert.match(written.at(-1)!, /^CognitoIdentityServiceProvider\.c\.alice%40example\.com\.idToken=a%3Db%20c; path=\/app; expires=[^;]+ GMT; domain=\.example\.com; secure; samesite=lax$/)
    assert.equal(c.getItem('CognitoIdentityServiceProvider.c.alice@example.com.idToken'), 'a=b c')
    assert.equal(c.getItem('missing'), null)
    new CookieStorage({ expires: undefined, secure: false } as object).setItem('session', '1')
    assert.equal(written.at(-1), 'session=1; path=/', 'no expires: a session cookie; secure off')
    jar.set('bad', '%E0%A4%A')
    assert.equal(c.getItem('bad'), '%E0%A4%A', 'a malformed escape is returned as it is')
    c.removeItem('session')
    assert.equal(c.getItem('session'), null)
    c.clear()
    assert.equal(jar.size, 0)
  } finally {
    delete g.document
  }
})

test('CookieStorage: a ";" in path or domain ends the attribute, as acij\'s cookie library writes it, so no attribute can be added through them', () => {
  const g = globalThis as { document?: unknown }
  const written: string[] = []
  g.document = { set cookie(line: string) { written.push(line) }, get cookie() { return '' } }
  try {
    // a path taken from the page's URL may hold a ";" (\`/app;jsessionid=…\`, or one an attacker's link put there)
    const c = new CookieStorage({ path: '/app;domain=example.com', domain: 'app.example.com; samesite=none', expires: null as never })
    c.setItem('k', 'v')
    assert.equal(written.at(-1), 'k=v; path=/app; domain=app.example.com; secure')
    c.path = '/x; expires=Fri, 31 Dec 9999 23:59:59 GMT'
    c.removeItem('k')
    assert.match(written.at(-1)!, /^k=; path=\/x; expires=[^;]+ GMT; domain=app\.example\.com; secure$/)
  } finally {
    delete g.document
  }
})

test('CookieStorage: a cookie with no "=" is a cookie of that name with an empty value, as acij\'s cookie library reads it (not a value under a name one character shorter)', () => {
  const g = globalThis as { document?: unknown }
  g.document = { cookie: 'CognitoIdentityServiceProvider.c.LastAuthUserX; a=1' }
  try {
    const c = new CookieStorage()
    assert.equal(c.getItem('CognitoIdentityServiceProvider.c.LastAuthUser'), null)
    assert.equal(c.getItem('CognitoIdentityServiceProvider.c.LastAuthUserX'), '')
    assert.equal(c.getItem('a'), '1')
  } finally {
    delete g.document
  }
})

test('the types module is types only (nothing of it reaches a bundle)', async () => {
  assert.deepEqual(Object.keys(await import('../../src/identity-js/types.ts')), [])
})

test('WordArray and the user agent', () => {
  const w = new WordArray().random(6)
  assert.equal(w.sigBytes, 6)
  assert.match(w.toString(), /^[0-9a-f]{12}$/)
  assert.equal(new WordArray([0x01020304, 0x05060708], 6).toString(), '010203040506')
  assert.equal(new WordArray(['16909060']).toString(), '01020304')
  const before = new UserAgent().userAgent
  appendToCognitoUserAgent('')
  appendToCognitoUserAgent('values-test/1')
  appendToCognitoUserAgent('values-test/1')
  assert.equal(new UserAgent().userAgent, before ? `${before} values-test/1` : 'values-test/1')
})

test('no token, password, device secret or Session in JSON.stringify of a user, its session or its pool', () => {
  const token = jwt({ exp: now() + 3600, iat: now(), sub: 'tok-SECRET' })
  const pool = new CognitoUserPool({ ...POOL, ClientId: 'hygiene' })
  const user = new CognitoUser({ Username: 'alice', Pool: pool })
  user.setSignInUserSession(new CognitoUserSession({ IdToken: new CognitoIdToken({ IdToken: token }), AccessToken: new CognitoAccessToken({ AccessToken: token }), RefreshToken: new CognitoRefreshToken({ RefreshToken: 'rt-SECRET' }) }))
  user.Session = 'session-SECRET'
  user.randomPassword = 'device-SECRET'
  const text = JSON.stringify(user) + JSON.stringify(user.getSignInUserSession()) + JSON.stringify(pool) + String(user)
  assert.ok(!text.includes(token) && !text.includes('rt-SECRET') && !text.includes('session-SECRET') && !text.includes('device-SECRET'), text)
  assert.equal(user.Session, 'session-SECRET')
  assert.equal(user.randomPassword, 'device-SECRET')
  assert.equal(user.userDataKey, 'CognitoIdentityServiceProvider.hygiene.alice.userData')
  user.signOut()
})

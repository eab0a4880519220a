/**
 * Differential checks of `cognito-edge/identity-js` against the real amazon-cognito-identity-js
 * 6.3.21, outside its README's use cases: the same code runs with both packages and what each
 * returns (or writes to a stand-in `document.cookie`) is compared. Covers token payloads in the
 * encodings acij reads, and `CookieStorage` where acij's cookie library is lenient (no `document`
 * during server rendering, `expires: null`), and a refresh on a `CognitoUser` that is not the
 * LastAuthUser (both refresh as the LastAuthUser and store there). Node only (acij is CommonJS with Node's Buffer).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { envOf, LIBS, recorder, sideBySide, signIn, type Lib } from './support/identity-js-side-by-side.ts'

/** Run `f` with each package and return [acij's, ours], each a value or `throws <name>: <message>`. */
function both<T>(f: (L: Lib) => T): [T | string, T | string] {
  const out = LIBS.map(([, L]) => {
    try {
      return f(L)
    } catch (e) {
      return `throws ${(e as Error).name}: ${(e as Error).message}`
    }
  })
  return out as [T | string, T | string]
}

const json = (o: unknown): string => JSON.stringify(o)
// payloads as apps' own fixtures and mocks write them: btoa output (standard alphabet, padded)
const std = (o: unknown): string => Buffer.from(json(o)).toString('base64')

test('token payloads acij decodes (standard base64, padding, stray whitespace) decode the same', () => {
  const now = Math.floor(Date.now() / 1000)
  // '?>' in a value puts '+' and '/' in the standard alphabet's output; one claim forces padding
  const claims = { sub: 'a?>b', name: 'Zoë ?>>', exp: now + 3600, iat: now, 'cognito:username': 'alice' }
  for (const token of [`hdr.${std(claims)}.sig`, `hdr.${std({ exp: now + 60, iat: now, n: 1 })}.sig`, `hdr.\n${std(claims)} .sig`]) {
    assert.match(token, /[+/=\s]/, 'the fixture is not base64url')
    const [acij, ours] = both((L) => {
      const id = new L.CognitoIdToken({ IdToken: token })
      const session = new L.CognitoUserSession({ IdToken: id, AccessToken: new L.CognitoAccessToken({ AccessToken: token }) })
      return { payload: id.payload, exp: id.getExpiration(), iat: id.getIssuedAt(), decoded: id.decodePayload(), valid: session.isValid() }
    })
    assert.equal((acij as { valid: boolean }).valid, true, 'acij reads the token')
    assert.deepEqual(ours, acij)
  }
})

/** A `document.cookie` stand-in recording each line written (expiry honoured when reading). */
function cookieDocument() {
  const written: string[] = []
  const jar = new Map<string, string>()
  return {
    written,
    jar,
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    },
    set cookie(line: string) {
      written.push(line)
      const [pair, ...attrs] = line.split(/;\s*/)
      const name = pair!.slice(0, pair!.indexOf('='))
      const expires = attrs.find((a) => /^expires=/i.test(a))
      if (expires && Date.parse(expires.slice(8)) <= Date.now()) jar.delete(name)
      else jar.set(name, pair!.slice(name.length + 1))
    },
  }
}

/** Run `f` with each package over its own cookie document (none with `withDocument: false`). */
function withCookies<T>(f: (L: Lib, doc: ReturnType<typeof cookieDocument>) => T, withDocument = true): [T | string, T | string] {
  const g = globalThis as { document?: unknown }
  try {
    return both((L) => {
      const doc = cookieDocument()
      if (withDocument) g.document = doc
      else delete g.document
      return f(L, doc)
    })
  } finally {
    delete g.document
  }
}

test('CookieStorage without a document (server rendering): nothing stored, no current user, no crash, as with acij', () => {
  const poolData = { UserPoolId: 'us-east-1_Ssr1', ClientId: 'ssrclient' }
  const [acij, ours] = withCookies((L) => {
    const Storage = new L.CookieStorage({ domain: 'example.com' })
    const pool = new L.CognitoUserPool({ ...poolData, Storage })
    return { read: Storage.getItem('CognitoIdentityServiceProvider.ssrclient.LastAuthUser'), current: pool.getCurrentUser(), set: (Storage.setItem('k', 'v'), Storage.getItem('k')), removed: (Storage.removeItem('k'), 'ok') }
  }, false)
  assert.deepEqual(acij, { read: null, current: null, set: null, removed: 'ok' })
  assert.deepEqual(ours, acij)
})

test('CookieStorage with expires: null writes session cookies, as acij does (not cookies that expire at once)', () => {
  const [acij, ours] = withCookies((L, doc) => {
    const Storage = new L.CookieStorage({ expires: null as unknown as number, secure: false })
    Storage.setItem('CognitoIdentityServiceProvider.c.alice.idToken', 'token')
    return { written: doc.written, read: Storage.getItem('CognitoIdentityServiceProvider.c.alice.idToken') }
  })
  assert.deepEqual(acij, { written: ['CognitoIdentityServiceProvider.c.alice.idToken=token; path=/'], read: 'token' })
  assert.deepEqual(ours, acij)
})

test('CookieStorage with expires as a Date writes that moment, as acij does; a string is refused before any cookie (acij throws at the first setItem)', () => {
  const at = new Date(Date.UTC(2031, 4, 6, 7, 8, 9))
  const [acij, ours] = withCookies((L, doc) => {
    new L.CookieStorage({ expires: at as unknown as number, secure: false }).setItem('k', 'v')
    let refused: string | undefined
    try {
      new L.CookieStorage({ expires: '7' as unknown as number, secure: false }).setItem('k', 'w')
    } catch (e) {
      refused = (e as Error).constructor.name
    }
    return { written: doc.written, refused: refused !== undefined }
  })
  assert.deepEqual(acij, { written: ['k=v; path=/; expires=Tue, 06 May 2031 07:08:09 GMT'], refused: true })
  assert.deepEqual(ours, acij)
})

sideBySide('deleteAttributes with an empty list succeeds (Cognito takes it), then the cached user data is refreshed', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: 'Corr3ct-horse!', attributes: { email: 'alice@example.com', nickname: 'al' } }] })
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'alice', 'Corr3ct-horse!')
  const before = env.pool.calls.length
  // an app deleting the fields a form cleared: none this time
  cognitoUser.deleteAttributes([], (err, result) => {
    if (err) alert((err as any).code + ': ' + err.message)
    else console.log('call result: ' + result + ', sent: ' + env.pool.calls.slice(before).map((c) => c.operation).join())
  })
  return after(1)
})

test('CookieStorage names cookies as acij does, so a key with + & $ # ^ ` | ( ) is one cookie for both packages', () => {
  // usernames that are e-mail addresses with plus-addressing, and Cognito allows the rest
  const key = 'CognitoIdentityServiceProvider.c.al+ice#1$&^`|(x)@example.com.idToken'
  const [acij, ours] = withCookies((L, doc) => {
    new L.CookieStorage().setItem(key, 'v')
    return doc.written.map((line) => line.slice(0, line.indexOf('=')))
  })
  assert.deepEqual(ours, acij)
  // signed in with acij, then a refresh and a sign-out with cognito-edge: acij's cookie is the one replaced, then removed
  const g = globalThis as { document?: unknown }
  const doc = cookieDocument()
  g.document = doc
  try {
    const [a, b] = LIBS.map(([, L]) => new L.CookieStorage())
    a!.setItem(key, 'old')
    b!.setItem(key, 'new')
    assert.equal(a!.getItem(key), 'new', 'acij reads the refreshed value')
    assert.equal(doc.jar.size, 1)
    b!.removeItem(key)
    assert.equal(doc.jar.size, 0, 'signing out leaves no token cookie behind')
  } finally {
    delete g.document
  }
})

/**
 * Where each package sends a SignUp for a pool built with `endpoint` (a page at `href` when given),
 * through a stand-in global fetch that answers as Cognito does for a taken username.
 */
async function signUpUrls(endpoint: unknown, href?: string): Promise<[string, string]> {
  const g = globalThis as { fetch: typeof fetch; location?: unknown }
  const realFetch = g.fetch
  const urls: string[] = []
  g.fetch = (async (url: string | URL) => {
    urls.push(href ? new URL(String(url), href).href : String(url))
    return new Response(JSON.stringify({ __type: 'UsernameExistsException', message: 'User already exists' }), { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }) as typeof fetch
  if (href) g.location = { href }
  try {
    const codes: string[] = []
    for (const [, L] of LIBS) {
      const pool = new L.CognitoUserPool({ UserPoolId: 'eu-west-1_Endpoint1', ClientId: 'endpointclient', endpoint: endpoint as string })
      codes.push(await new Promise<string>((resolve) => pool.signUp('alice', 'Corr3ct-horse!', [], [], (err) => resolve((err as { code?: string })?.code ?? 'no error'))))
    }
    assert.deepEqual(codes, ['UsernameExistsException', 'UsernameExistsException'])
    return urls as [string, string]
  } finally {
    g.fetch = realFetch
    delete g.location
  }
}

test('an empty or null endpoint means the regional endpoint, as with acij (a config value left blank)', async () => {
  for (const endpoint of ['', null]) {
    const [acij, ours] = await signUpUrls(endpoint)
    assert.equal(acij, 'https://cognito-idp.eu-west-1.amazonaws.com/')
    assert.equal(ours, acij, JSON.stringify(endpoint))
  }
})

test("a relative endpoint (a same-origin proxy) is the page's, as acij's fetch resolves it in a browser", async () => {
  const [acij, ours] = await signUpUrls('/cognito-proxy/', 'https://app.example.com/account/login')
  assert.equal(acij, 'https://app.example.com/cognito-proxy/')
  assert.equal(ours, acij)
})

sideBySide('completeNewPasswordChallenge with attributes left undefined or null (an optional form field) signs in, as with acij', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: 'Corr3ct-horse!', status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'alice@example.com' } }] })
  const { alert, console, after } = recorder()
  const cognitoUser = new L.CognitoUser({ Username: 'alice', Pool: new L.CognitoUserPool(env.poolData) })
  const form: Record<string, string | undefined> = { given_name: undefined, family_name: undefined }
  const callbacks = {
    onSuccess: () => console.log('signed in, status ' + env.pool.user('alice')!.status + ', given_name ' + env.pool.user('alice')!.attributes['given_name']),
    onFailure: (err: any) => alert(err.code + ': ' + err.message),
    newPasswordRequired: () => cognitoUser.completeNewPasswordChallenge('N3w-horse!!', { given_name: form['given_name'], family_name: null }, callbacks),
  }
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'alice', Password: 'Corr3ct-horse!' }), callbacks)
  return after(1)
})

sideBySide('attributes given as { Name } or { Name, Value: null } end up empty, as with acij (it sends them without a value)', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: 'Corr3ct-horse!', attributes: { email: 'alice@example.com', nickname: 'al', given_name: 'Alice' } }] })
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'alice', 'Corr3ct-horse!')
  const userPool = new L.CognitoUserPool(env.poolData)
  const cleared = [{ Name: 'nickname' }, { Name: 'given_name', Value: null }] as any[]
  cognitoUser.updateAttributes(cleared, (err: any, result) => {
    if (err) return alert(err.code + ': ' + err.message)
    const { nickname, given_name } = env.pool.user('alice')!.attributes
    console.log('update: ' + result + ', nickname ' + JSON.stringify(nickname) + ', given_name ' + JSON.stringify(given_name))
    userPool.signUp('bob', 'Corr3ct-horse!', [{ Name: 'email', Value: 'bob@example.com' }, ...cleared], null as any, (err: any) => {
      if (err) return alert(err.code + ': ' + err.message)
      const { nickname, given_name } = env.pool.user('bob')!.attributes
      console.log('sign-up: nickname ' + JSON.stringify(nickname) + ', given_name ' + JSON.stringify(given_name))
    })
  })
  return after(2)
})

test('CookieStorage reads a cookie value a server wrote in double quotes without its quotes, as acij does', () => {
  const [acij, ours] = withCookies((L, doc) => {
    doc.jar.set('CognitoIdentityServiceProvider.c.LastAuthUser', '"alice"')
    return new L.CookieStorage().getItem('CognitoIdentityServiceProvider.c.LastAuthUser')
  })
  assert.equal(acij, 'alice')
  assert.equal(ours, acij)
})

sideBySide('getSession answers before it returns when no request is needed (a valid stored session, or nothing stored), as acij does', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: 'Corr3ct-horse!' }] })
  const { console, after } = recorder()
  const kept = new Map<string, string>()
  const Storage = { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => void kept.set(k, v), removeItem: (k: string) => void kept.delete(k), clear: () => kept.clear() }
  await signIn(L, env, 'alice', 'Corr3ct-horse!', Storage)
  const userPool = new L.CognitoUserPool({ ...env.poolData, Storage })
  // a page reload: a new user object reads the stored session; code on the next line reads what the callback set
  const users = [userPool.getCurrentUser()!, new L.CognitoUser({ Username: 'bob', Pool: userPool })]
  for (const user of users) {
    let seen = 'the callback has not run yet'
    user.getSession((err: any, session: any) => {
      seen = err ? 'error: ' + err.message : 'valid: ' + session.isValid()
    })
    console.log('on the next line: ' + seen)
  }
  // a callback that throws throws out of getSession, as with acij (no request was needed)
  try {
    users[0]!.getSession(() => {
      throw new Error('the app callback threw')
    })
    console.log('nothing thrown')
  } catch (e) {
    console.log('thrown to the caller: ' + (e as Error).message)
  }
  return after(3)
})

sideBySide("refreshSession on a CognitoUser other than the LastAuthUser: both packages refresh with the object's own refresh token and store the result under the LastAuthUser's keys", async (L) => {
  const PW = 'Passw0rd!-diff'
  const env = await envOf({ users: [{ username: 'alice', password: PW }, { username: 'bob', password: PW }] })
  const { console, after } = recorder()
  const m = new Map<string, string>()
  const Storage = { setItem: (k: string, v: string) => void m.set(k, String(v)), getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
  const bob = await signIn(L, env, 'bob', PW, Storage)
  await signIn(L, env, 'alice', PW, Storage)
  const prefix = `CognitoIdentityServiceProvider.${env.poolData.ClientId}`
  // whose access token a stored entry holds
  const owner = (k: string): string => {
    const t = m.get(`${prefix}.${k}.accessToken`)
    return t ? JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString())['username'] : 'none'
  }
  const bobRefresh = bob.getSignInUserSession()!.getRefreshToken()
  env.tick()
  bob.refreshSession(bobRefresh, (err: Error | null, session: any) => {
    if (err) return console.log('failed: ' + err.message)
    const mine = JSON.parse(Buffer.from(session.getAccessToken().getJwtToken().split('.')[1], 'base64url').toString())['username']
    console.log(`object now ${bob.getUsername()}, session of ${mine}, LastAuthUser ${m.get(`${prefix}.LastAuthUser`)}, alice's keys hold ${owner('alice')}, bob's keys hold ${owner('bob')}`)
    console.log(`stored refresh token under alice's keys is bob's: ${m.get(`${prefix}.alice.refreshToken`) === bobRefresh.getToken()}`)
    // a refused refresh token on that object clears the LastAuthUser's stored tokens, in both
    bob.refreshSession(new L.CognitoRefreshToken({ RefreshToken: 'revoked-or-made-up' }), (e: any) => {
      console.log(`refused: ${e?.code}, alice's keys hold ${owner('alice')}, bob's keys hold ${owner('bob')}, LastAuthUser ${m.get(`${prefix}.LastAuthUser`) ?? 'none'}`)
    })
  })
  return after(3)
})

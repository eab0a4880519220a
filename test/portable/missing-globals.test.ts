/**
 * A runtime without a web global the library needs (React Native without polyfills, Jest's jsdom,
 * an `http:` page where `crypto.subtle` is undefined, older Safari): each call that needs it
 * raises a MissingGlobalError naming it and pointing to the docs, before any request that depends
 * on it, and leaves the instance's tokens and pending challenge as they were. The globals are
 * hidden around the library's steps only; the stub and the local pool work with them present.
 * Portable: src/ and test/support/ only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, authFetch, Cognito, createClient, createTokenSource, decodePayload, initiateForgotPassword, localStorageStore, MissingGlobalError, NetworkError, signIn } from '../../src/index.ts'
import { createVerifier } from '../../src/jwt.ts'
import { AuthenticationDetails, CognitoUser, CognitoUserPool, WordArray } from '../../src/identity-js.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { hidden, serve } from '../support/hide-globals.ts'
import { claims, forgeKeys, poolJwks, signRs256 } from '../support/jwt-forge.ts'
import { stubPool } from '../support/stub-pool.ts'

const POOL = 'us-east-1_Ex4mpl3Pl'
const PW = 'Corr3ct-horse!'
const stub = () => stubPool({ poolName: 'Ex4mpl3Pl', userId: 'alice', password: PW })

/** The error every case expects: typed, naming what is missing and where the docs say what to do. */
function missing(name: string): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof MissingGlobalError, `a MissingGlobalError, got ${String(e)}`)
    assert.equal(e.code, 'ERR_MISSING_GLOBAL')
    assert.equal(e.name, 'MissingGlobalError')
    // raised by the transport, it starts with the operation's name, as its other errors do
    assert.ok(new RegExp(`^(\\w+: )?${name} is missing`).test(e.message), e.message)
    assert.match(e.message, /runtimes\.md/)
    assert.equal(e.retryable, false)
    return true
  }
}

const ctx = { region: 'us-east-1', userPoolId: POOL, clientId: 'client1', now: Math.floor(Date.now() / 1000) }
const accessToken = (): string => signRs256(claims(ctx, 'access'), forgeKeys().pool)
const jwksFetch = () => {
  const calls: string[] = []
  const fetch = async (url: string): Promise<Response> => (calls.push(url), new Response(JSON.stringify(poolJwks())))
  return { calls, fetch }
}

for (const g of ['crypto.subtle', 'crypto.getRandomValues', 'crypto', 'TextEncoder', 'atob', 'btoa']) {
  test(`an SRP sign-in without ${g} is a MissingGlobalError before any request; USER_PASSWORD_AUTH needs none of it`, async () => {
    const s = stub()
    const o = { userPoolId: POOL, clientId: 'client1', fetch: serve(s.fetch), retry: false as const }
    const name = g === 'crypto' ? 'crypto.subtle' : g
    await hidden([g], async () => {
      await assert.rejects(signIn({ ...o, username: 'alice', password: PW }), missing(name))
      assert.deepEqual(s.calls, [], 'nothing was sent')
      const step = await authenticate(createClient(o), { username: 'alice', password: PW, flow: 'USER_PASSWORD_AUTH' })
      assert.ok(step.tokens?.accessToken)
    })
    // the same call signs in once the global is there (a polyfill installed after the import counts)
    assert.ok((await signIn({ ...o, username: 'alice', password: PW })).accessToken)
  })
}

test('a SECRET_HASH call without crypto.subtle is a MissingGlobalError before any request', async () => {
  const pool = createLocalPool({ clients: [{ clientSecret: 'the-client-secret' }], users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  const seen: string[] = []
  const fetch = serve(async (u: string, init: RequestInit) => (seen.push(String(new Headers(init.headers).get('x-amz-target'))), pool.fetch(u, init)))
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, clientSecret: 'the-client-secret', endpoint: pool.endpoint, fetch, retry: false })
  // first with WebCrypto (which also lets the pool make its keys before anything is hidden)
  assert.ok(await initiateForgotPassword(client, 'alice'))
  await hidden(['crypto.subtle'], async () => {
    await assert.rejects(initiateForgotPassword(client, 'alice'), missing('crypto.subtle'))
    await assert.rejects(authenticate(client, { username: 'alice', password: PW, flow: 'USER_PASSWORD_AUTH' }), missing('crypto.subtle'))
  })
  assert.deepEqual(seen, ['AWSCognitoIdentityProviderService.ForgotPassword'], 'nothing was sent without it')
})

test('the Cognito class without crypto.subtle: its tokens and its pending challenge are left as they were', async () => {
  const pool = createLocalPool({
    clients: [{ clientSecret: 'the-client-secret' }],
    users: [{ username: 'alice', password: PW }, { username: 'dave', password: 'Temp-passw0rd1', status: 'FORCE_CHANGE_PASSWORD' }],
  })
  const o = { userPoolId: pool.poolId, clientId: pool.clientId, clientSecret: 'the-client-secret', endpoint: pool.endpoint, fetch: serve(pool.fetch), retry: false as const }
  const alice = new Cognito({ ...o, username: 'alice' })
  await alice.authenticate(PW)
  const tokens = [alice.accessToken, alice.idToken, alice.refreshToken]
  const dave = new Cognito({ ...o, username: 'dave' })
  await assert.rejects(dave.authenticate('Temp-passw0rd1'), (e: any) => e.challengeName === 'NEW_PASSWORD_REQUIRED')
  await hidden(['crypto.subtle'], async () => {
    await assert.rejects(alice.authenticate(PW), missing('crypto.subtle'))
    await assert.rejects(alice.renewAccessToken(), missing('crypto.subtle'))
    // the answer needs SECRET_HASH: refused before it is sent, so the challenge can still be answered
    await assert.rejects(dave.newPasswordChallenge('Temp-passw0rd1', 'New-passw0rd2'), missing('crypto.subtle'))
  })
  assert.deepEqual([alice.accessToken, alice.idToken, alice.refreshToken], tokens)
  assert.equal(dave.pendingChallenge?.name, 'NEW_PASSWORD_REQUIRED')
  await dave.newPasswordChallenge('Temp-passw0rd1', 'New-passw0rd2')
  assert.ok(dave.accessToken)
})

// The verifier is a server's module and stays within its size budget without the missing-global
// check: it uses the globals as they are. What it promises without one is only that no token is
// accepted (docs/runtimes.md says so, and which globals it needs).
for (const g of ['crypto.subtle', 'TextEncoder', 'TextDecoder', 'atob', 'AbortSignal.timeout']) {
  test(`jwt verify without ${g} never accepts the token (it needs the global; the docs say so)`, async () => {
    const j = jwksFetch()
    const v = createVerifier({ userPoolId: POOL, clientId: 'client1', tokenUse: 'access', fetch: j.fetch })
    const token = accessToken()
    await hidden([g], () => assert.rejects(v.verify(token)))
    // with the global back, a verifier (a new one: a failed JWKS fetch has a cooldown) accepts it
    assert.equal((await createVerifier({ userPoolId: POOL, clientId: 'client1', tokenUse: 'access', fetch: j.fetch }).verify(token)).username, 'alice')
  })
}

test('no global fetch and none given: a MissingGlobalError naming fetch, not a NetworkError, never retried', async () => {
  const token = accessToken()
  await hidden(['fetch'], async () => {
    await assert.rejects(signIn({ userPoolId: POOL, clientId: 'client1', username: 'alice', password: PW }), missing('fetch'))
    await assert.rejects(authenticate(createClient({ userPoolId: POOL, clientId: 'client1' }), { username: 'alice', password: PW, flow: 'USER_PASSWORD_AUTH' }), missing('fetch'))
    // the verifier (see above) says which URL it could not fetch, with the runtime's error as the cause
    await assert.rejects(createVerifier({ userPoolId: POOL, clientId: 'client1', tokenUse: 'access' }).verify(token), (e: any) => e.code === 'ERR_JWKS' && /fetch failed/.test(e.message))
    const api = authFetch(createTokenSource(createClient({ userPoolId: POOL, clientId: 'client1' }), { accessToken: token, refreshToken: 'r' }))
    await assert.rejects(api('https://api.example.com/me'), missing('fetch'))
  })
})

for (const g of ['AbortController', 'Headers']) {
  test(`no ${g}: a MissingGlobalError naming it (not a ReferenceError, nor a refused "headers" option)`, async () => {
    const s = stub()
    await hidden([g], async () => {
      await assert.rejects(signIn({ userPoolId: POOL, clientId: 'client1', fetch: s.fetch, username: 'alice', password: PW }), missing(g))
    })
    assert.deepEqual(s.calls, [])
  })
}

test('no TextDecoder: an answer read as a stream is a MissingGlobalError, not a lost connection retried; a token is not taken for one without expiry', async () => {
  const s = stub()
  const o = { userPoolId: POOL, clientId: 'client1', fetch: serve(s.fetch) }
  await hidden(['TextDecoder'], async () => {
    await assert.rejects(authenticate(createClient(o), { username: 'alice', password: PW, flow: 'USER_PASSWORD_AUTH' }), missing('TextDecoder'))
    assert.equal(s.calls.length, 1, 'not retried')
    assert.throws(() => decodePayload(accessToken()), missing('TextDecoder'))
  })
})

test('authFetch without Request and ReadableStream globals (Jest jsdom): requests are sent, a POST redirect with a stream body is returned', async () => {
  const token = accessToken()
  const sent: Array<[string, string | null]> = []
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    sent.push([String(input), new Headers(init?.headers).get('authorization')])
    return String(input).endsWith('/post') ? new Response(null, { status: 307, headers: { location: '/elsewhere' } }) : new Response('ok')
  }
  const api = authFetch(createTokenSource(createClient({ userPoolId: POOL, clientId: 'client1' }), { accessToken: token, refreshToken: 'r' }), { fetch: serve(fetch) })
  await hidden(['Request', 'ReadableStream'], async () => {
    assert.equal(await (await api('https://api.example.com/me')).text(), 'ok')
    // a stream (told by its shape) cannot be sent twice: the 307 is the answer
    const body = { getReader() {} } as unknown as BodyInit
    assert.equal((await api('https://api.example.com/post', { method: 'POST', body })).status, 307)
  })
  assert.deepEqual(sent, [['https://api.example.com/me', 'Bearer ' + token], ['https://api.example.com/post', 'Bearer ' + token]])
})

test('a URL without host (React Native without a URL polyfill): a lost connection is still a NetworkError naming the host', async () => {
  const Real = URL
  class NativeUrl extends Real {
    override get host(): string { throw new Error('URL.host is not implemented') }
    override get hostname(): string { throw new Error('URL.hostname is not implemented') }
  }
  const fetch = async (): Promise<Response> => { throw new TypeError('Network request failed') }
  globalThis.URL = NativeUrl as typeof URL
  try {
    await assert.rejects(
      authenticate(createClient({ userPoolId: POOL, clientId: 'client1', fetch, retry: false }), { username: 'alice', password: PW, flow: 'USER_PASSWORD_AUTH' }),
      (e: any) => e instanceof NetworkError && /cognito-idp\.us-east-1\.amazonaws\.com/.test(e.message),
    )
  } finally {
    globalThis.URL = Real
  }
})

test('amazon-cognito-identity-js API without crypto.subtle: onFailure gets the MissingGlobalError; WordArray without getRandomValues', async () => {
  const s = stub()
  const pool = new CognitoUserPool({ UserPoolId: POOL, ClientId: 'client1', fetch: s.fetch })
  const user = new CognitoUser({ Username: 'alice', Pool: pool })
  const err = await hidden(['crypto.subtle'], () => new Promise((resolve) => user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), { onSuccess: () => resolve(undefined), onFailure: resolve })))
  assert.ok(missing('crypto.subtle')(err))
  assert.deepEqual(s.calls, [])
  await hidden(['crypto.getRandomValues'], () => assert.throws(() => new WordArray().random(16), missing('crypto.getRandomValues')))
  assert.equal(new WordArray().random(6).toString().length, 12)
})

test('localStorageStore() where there is no localStorage (React Native, Node, a Worker) names it', async () => {
  await hidden(['localStorage'], () => assert.throws(() => localStorageStore(), missing('localStorage')))
})

test('no TextDecoder, answers without a body stream (React Native 0.74 to 0.84): the class and the acij API refuse a sign-in before sending it; the functions sign in', async () => {
  const s = stub()
  // React Native's fetch: no body stream, only text()
  const rnFetch = async (url: string, init: RequestInit): Promise<Response> => {
    const r = await s.fetch(url, init)
    const text = await r.text()
    return { status: r.status, ok: r.ok, headers: r.headers, type: 'basic', body: null, text: async () => text } as unknown as Response
  }
  const o = { userPoolId: POOL, clientId: 'client1', fetch: rnFetch, retry: false as const }
  const user = new Cognito({ ...o, username: 'alice' })
  const acij = new CognitoUser({ Username: 'alice', Pool: new CognitoUserPool({ UserPoolId: POOL, ClientId: 'client1', fetch: rnFetch }) })
  acij.setAuthenticationFlowType('USER_PASSWORD_AUTH')
  await hidden(['TextDecoder'], async () => {
    await assert.rejects(user.authenticate(PW, { flow: 'USER_PASSWORD_AUTH' }), missing('TextDecoder'))
    assert.equal(user.accessToken, undefined)
    const err = await new Promise((resolve) => acij.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), { onSuccess: () => resolve(undefined), onFailure: resolve }))
    assert.ok(missing('TextDecoder')(err))
    assert.equal(acij.getSignInUserSession(), null)
    assert.deepEqual(s.calls, [], 'no password was sent for tokens that could not be kept')
    // the functions need no TextDecoder to sign in: the tokens come back with their expiry
    assert.ok((await authenticate(createClient(o), { username: 'alice', password: PW, flow: 'USER_PASSWORD_AUTH' })).tokens?.expiresAt)
  })
  await user.authenticate(PW, { flow: 'USER_PASSWORD_AUTH' })
  assert.ok(user.accessToken)
})

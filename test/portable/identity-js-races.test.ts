/**
 * `cognito-edge/identity-js` in a single-page app that does several things at once while
 * `getSession` refreshes expired tokens: a sign-out, a second `getSession`, another user signing
 * in. The local pool answers; the refresh is held until the test releases it (no timers).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NotAuthenticatedError } from '../../src/index.ts'
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from '../../src/identity-js.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { holding } from '../support/local.ts'
import { fakeJwt } from '../support/stub-pool.ts'

const PW = 'Corr3ct-horse!'

async function signedInWithExpiredAccess() {
  const local = createLocalPool({ users: [{ username: 'ivy', password: PW }, { username: 'max', password: PW }] })
  const sent: string[] = []
  const net = holding((u, i) => (sent.push(String(i?.body)), local.fetch(u, i)))
  const m = new Map<string, string>()
  const Storage = { setItem: (k: string, v: string) => void m.set(k, v), getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
  const pool = new CognitoUserPool({ UserPoolId: local.poolId, ClientId: local.clientId, endpoint: local.endpoint, fetch: net.fetch, Storage })
  const user = new CognitoUser({ Username: 'ivy', Pool: pool })
  await new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: 'ivy', Password: PW }), { onSuccess: resolve, onFailure: reject }))
  // a page loaded an hour later: the stored access token has expired, the refresh token is good
  const now = Math.floor(Date.now() / 1000)
  m.set(`CognitoIdentityServiceProvider.${local.clientId}.ivy.accessToken`, fakeJwt({ token_use: 'access', username: 'ivy', iat: now - 3700, exp: now - 100 }))
  return { local, pool, net, m, sent }
}

const sessionOf = (user: CognitoUser) => new Promise<CognitoUserSession>((resolve, reject) => user.getSession((err: Error | null, s: CognitoUserSession | null) => (err ? reject(err) : resolve(s!))))
const signIn = (pool: CognitoUserPool, name: string) => new Promise<CognitoUserSession>((resolve, reject) => new CognitoUser({ Username: name, Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: name, Password: PW }), { onSuccess: resolve, onFailure: reject }))
/** The stored token, clock drift and LastAuthUser entries. */
const tokensIn = (m: Map<string, string>) => Object.fromEntries([...m].filter(([k]) => /Token|LastAuthUser|clockDrift/.test(k)))

test('identity-js: a sign-out while getSession refreshes the tokens is not undone when the refresh answers', async () => {
  const { pool, net, m } = await signedInWithExpiredAccess()
  const [session, held] = await net.start(/REFRESH_TOKEN_AUTH/, () => new Promise<CognitoUserSession>((resolve, reject) => pool.getCurrentUser()!.getSession((err: Error | null, s: CognitoUserSession | null) => (err ? reject(err) : resolve(s!)))))
  // the user clicks "Sign out" meanwhile (another CognitoUser of the same pool, as apps get it)
  pool.getCurrentUser()!.signOut()
  assert.equal(pool.getCurrentUser(), null)
  held.release()
  await assert.rejects(session, NotAuthenticatedError)
  assert.equal(pool.getCurrentUser(), null, 'still signed out')
  assert.deepEqual([...m.keys()].filter((k) => /Token|LastAuthUser/.test(k)), [], 'no token stored again')
})

test('identity-js: getSession still refreshes and stores the tokens when nobody signs out', async () => {
  const { pool, net, m } = await signedInWithExpiredAccess()
  const [session, held] = await net.start(/REFRESH_TOKEN_AUTH/, () => new Promise<CognitoUserSession>((resolve, reject) => pool.getCurrentUser()!.getSession((err: Error | null, s: CognitoUserSession | null) => (err ? reject(err) : resolve(s!)))))
  held.release()
  const s = await session
  assert.ok(s.isValid())
  assert.equal(pool.getCurrentUser()?.getUsername(), 'ivy')
  assert.equal([...m.entries()].find(([k]) => k.endsWith('.ivy.accessToken'))?.[1], s.getAccessToken().getJwtToken())
})

test('identity-js: two getSession calls at once with an expired access token send one refresh, and both get the same session', async () => {
  const { pool, net, m, sent } = await signedInWithExpiredAccess()
  const held = net.hold(/REFRESH_TOKEN_AUTH/)
  // two parts of the page ask at once, each through its own CognitoUser (as getCurrentUser() gives them)
  const first = sessionOf(pool.getCurrentUser()!)
  const second = sessionOf(pool.getCurrentUser()!)
  await held.sent
  held.release()
  const [a, b] = await Promise.all([first, second])
  assert.equal(a, b, 'the same session')
  assert.equal(sent.filter((body) => body.includes('REFRESH_TOKEN_AUTH')).length, 1, 'one refresh')
  assert.equal(m.get(`CognitoIdentityServiceProvider.${pool.getClientId()}.ivy.accessToken`), a.getAccessToken().getJwtToken())
  // the next one after it is a refresh of its own, not a share of one that has ended
  m.set(`CognitoIdentityServiceProvider.${pool.getClientId()}.ivy.accessToken`, fakeJwt({ token_use: 'access', username: 'ivy', exp: 1 }))
  assert.notEqual(await sessionOf(pool.getCurrentUser()!), a)
  assert.equal(sent.filter((body) => body.includes('REFRESH_TOKEN_AUTH')).length, 2)
})

test('identity-js: another user signing in while getSession refreshes stays signed in when the refresh answers', async () => {
  const { pool, net, m } = await signedInWithExpiredAccess()
  const [session, held] = await net.start(/REFRESH_TOKEN_AUTH/, () => sessionOf(pool.getCurrentUser()!))
  // meanwhile someone else signs in on this page (same storage, same pool)
  await signIn(pool, 'max')
  const stored = tokensIn(m)
  held.release()
  await assert.rejects(session, NotAuthenticatedError)
  assert.equal(pool.getCurrentUser()?.getUsername(), 'max', 'the new sign-in is not undone')
  assert.deepEqual(tokensIn(m), stored, 'nothing stored over it')
})

test('identity-js: a refresh refused while another user signed in leaves that user signed in', async () => {
  const { local, pool, net, m } = await signedInWithExpiredAccess()
  const [session, held] = await net.start(/REFRESH_TOKEN_AUTH/, () => sessionOf(pool.getCurrentUser()!))
  await signIn(pool, 'max')
  const stored = tokensIn(m)
  local.failNext('InitiateAuth', { type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' })
  held.release()
  await assert.rejects(session, { name: 'NotAuthorizedException' })
  assert.equal(pool.getCurrentUser()?.getUsername(), 'max')
  assert.deepEqual(tokensIn(m), stored)
})

test('identity-js: the same user signing in again while getSession refreshes keeps the new sign-in\'s tokens', async () => {
  const { pool, net, m } = await signedInWithExpiredAccess()
  const [session, held] = await net.start(/REFRESH_TOKEN_AUTH/, () => sessionOf(pool.getCurrentUser()!))
  const again = await signIn(pool, 'ivy')
  const stored = tokensIn(m)
  held.release()
  await assert.rejects(session, NotAuthenticatedError)
  assert.deepEqual(tokensIn(m), stored)
  assert.equal((await sessionOf(pool.getCurrentUser()!)).getRefreshToken().getToken(), again.getRefreshToken().getToken())
})

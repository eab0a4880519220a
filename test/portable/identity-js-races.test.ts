/**
 * `cognito-edge/identity-js` in a single-page app that does several things at once: a sign-out
 * while `getSession` refreshes expired tokens. The local pool answers; the refresh is held until
 * the test releases it (no timers).
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
  const local = createLocalPool({ users: [{ username: 'ivy', password: PW }] })
  const net = holding(local.fetch)
  const m = new Map<string, string>()
  const Storage = { setItem: (k: string, v: string) => void m.set(k, v), getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
  const pool = new CognitoUserPool({ UserPoolId: local.poolId, ClientId: local.clientId, endpoint: local.endpoint, fetch: net.fetch, Storage })
  const user = new CognitoUser({ Username: 'ivy', Pool: pool })
  await new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: 'ivy', Password: PW }), { onSuccess: resolve, onFailure: reject }))
  // a page loaded an hour later: the stored access token has expired, the refresh token is good
  const now = Math.floor(Date.now() / 1000)
  m.set(`CognitoIdentityServiceProvider.${local.clientId}.ivy.accessToken`, fakeJwt({ token_use: 'access', username: 'ivy', iat: now - 3700, exp: now - 100 }))
  return { pool, net, m }
}

test('identity-js: a sign-out while getSession refreshes the tokens is not undone when the refresh answers', async () => {
  const { pool, net, m } = await signedInWithExpiredAccess()
  const held = net.hold(/REFRESH_TOKEN_AUTH/)
  const session = new Promise<CognitoUserSession>((resolve, reject) => pool.getCurrentUser()!.getSession((err: Error | null, s: CognitoUserSession | null) => (err ? reject(err) : resolve(s!))))
  session.catch(() => {})
  await held.sent
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
  const held = net.hold(/REFRESH_TOKEN_AUTH/)
  const session = new Promise<CognitoUserSession>((resolve, reject) => pool.getCurrentUser()!.getSession((err: Error | null, s: CognitoUserSession | null) => (err ? reject(err) : resolve(s!))))
  await held.sent
  held.release()
  const s = await session
  assert.ok(s.isValid())
  assert.equal(pool.getCurrentUser()?.getUsername(), 'ivy')
  assert.equal([...m.entries()].find(([k]) => k.endsWith('.ivy.accessToken'))?.[1], s.getAccessToken().getJwtToken())
})

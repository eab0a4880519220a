/**
 * Secret hygiene of `cognito-edge/identity-js`, checked with Node's util.inspect (depth Infinity,
 * with and without hidden properties), String and JSON.stringify: after a sign-in with a remembered
 * device, a pending challenge and a failed sign-in, no password, token, device secret or challenge
 * Session appears in the user, its session, its pool, its authentication details or the error
 * `onFailure` received. (Storage holds the tokens: that is its job, and acij's keys require it.)
 * Node only (util.inspect).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from '../src/identity-js.ts'
import { createLocalPool } from '../src/local/index.ts'

const PW = 'pw-SECRET-Hyg-7c1f!A1'

test('no password, token, device secret or Session in what an app could log', async () => {
  const local = createLocalPool({ shareKeys: true, deviceTracking: true, users: [{ username: 'alice', password: PW, attributes: { email: 'a@example.com' } }, { username: 'bob', password: PW, mfa: ['SOFTWARE_TOKEN_MFA'], totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }] })
  const pool = new CognitoUserPool({ UserPoolId: local.poolId, ClientId: local.clientId, endpoint: local.endpoint, fetch: local.fetch })
  const details = new AuthenticationDetails({ Username: 'alice', Password: PW })
  const alice = new CognitoUser({ Username: 'alice', Pool: pool })
  const session: any = await new Promise((resolve, reject) => alice.authenticateUser(details, { onSuccess: resolve, onFailure: reject }))
  const bob = new CognitoUser({ Username: 'bob', Pool: pool })
  await new Promise<void>((resolve, reject) => bob.authenticateUser(new AuthenticationDetails({ Username: 'bob', Password: PW }), { onSuccess: () => reject(new Error('no MFA?')), onFailure: reject, totpRequired: () => resolve() }))
  const error: any = await new Promise((resolve) => new CognitoUser({ Username: 'alice', Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW + 'x' }), { onSuccess: () => resolve(null), onFailure: resolve }))
  assert.equal(error.code, 'NotAuthorizedException')
  const secrets = {
    password: PW,
    'id token': session.getIdToken().getJwtToken(),
    'access token': session.getAccessToken().getJwtToken(),
    'refresh token': session.getRefreshToken().getToken(),
    'device secret': alice.randomPassword!,
    'challenge Session': bob.Session!,
  }
  for (const [name, v] of Object.entries(secrets)) assert.ok(typeof v === 'string' && v.length > 8, `${name} is known`)
  const views: string[] = []
  for (const o of [alice, bob, session, pool, details, error]) {
    views.push(inspect(o, { depth: Infinity }), inspect(o, { depth: Infinity, showHidden: true }), String(o), JSON.stringify(o) ?? '')
  }
  for (const [name, v] of Object.entries(secrets)) for (const view of views) assert.ok(!view.includes(v), `${name} appears in ${view.slice(0, 200)}`)
})

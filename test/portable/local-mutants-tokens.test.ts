/**
 * The local pool's tokens (src/local/tokens.ts) at the edges a mutation round found unguarded:
 * when access and refresh tokens expire, the rotation grace period's end, a device-bound refresh
 * token used without its device, another pool's token, a disabled user's token. Over the wire
 * only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, manualClock, signedFor, srpLogin } from '../support/local.ts'

const DAY = 86400_000

async function tokens(pool: LocalPool, name = 'alice'): Promise<Record<string, any>> {
  const r = await srpLogin(pool, name, PW)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return r.body.AuthenticationResult
}
const refresh = (pool: LocalPool, token: string, extra: Record<string, string> = {}) =>
  call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: token, ...extra } })

test('an access token is expired from its exp second on (RFC 7519: "on or after which the JWT MUST NOT be accepted")', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  const t = await tokens(pool)
  clock.advance(3600_000 - 1)
  assert.equal((await call(pool, 'GetUser', { AccessToken: t.AccessToken })).status, 200)
  clock.advance(1)
  const e = await errorOf(pool, 'GetUser', { AccessToken: t.AccessToken })
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', 'Access Token has expired'])
})

test('a refresh token works for its validity (30 days by default) and is expired after', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  const first = await tokens(pool)
  clock.advance(30 * DAY)
  assert.equal((await refresh(pool, first.RefreshToken)).status, 200, 'at exactly 30 days')
  const second = await tokens(pool)
  clock.advance(30 * DAY + 1)
  const r = await refresh(pool, second.RefreshToken)
  assert.deepEqual([r.body.__type, r.body.message], ['NotAuthorizedException', 'Refresh Token has expired'])
})

test('with rotation, the old refresh token is accepted until the grace period ends, and refused after', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, clients: [{ refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 10 } }], users: [{ username: 'alice', password: PW }] })
  const t = await tokens(pool)
  const rotate = (token: string) => call(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: token })
  assert.equal((await rotate(t.RefreshToken)).status, 200)
  clock.advance(10_000)
  assert.equal((await rotate(t.RefreshToken)).status, 200, 'at exactly the end of the grace period')
  clock.advance(1)
  const r = await rotate(t.RefreshToken)
  assert.equal(r.body.__type, 'RefreshTokenReuseException')
  // and a rotating client takes no REFRESH_TOKEN_AUTH at all, as Cognito's developer guide says
  const old = await refresh(pool, (await rotate((await tokens(pool)).RefreshToken)).body.AuthenticationResult.RefreshToken)
  assert.deepEqual([old.body.__type, /GetTokensFromRefreshToken/.test(old.body.message)], ['InvalidParameterException', true])
})

test('a refresh token of a tracked device needs that DEVICE_KEY', async () => {
  const pool = createLocalPool({ shareKeys: true, deviceTracking: true, users: [{ username: 'alice', password: PW }] })
  const t = await tokens(pool)
  const { DeviceKey } = t.NewDeviceMetadata
  const r = await refresh(pool, t.RefreshToken)
  assert.deepEqual([r.body.__type, r.body.message], ['NotAuthorizedException', 'Invalid Refresh Token'])
  assert.equal((await refresh(pool, t.RefreshToken, { DEVICE_KEY: DeviceKey })).status, 200)
})

test("another pool's access token is refused, even when both pools sign with the same keys", async () => {
  const mine = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  const other = createLocalPool({ shareKeys: true, poolId: 'us-east-1_Other0001', users: [{ username: 'bob', password: PW }] })
  assert.notEqual(other.poolId, mine.poolId)
  const t = await tokens(mine)
  const e = await errorOf(other, 'GetUser', { AccessToken: t.AccessToken })
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', 'Invalid Access Token'])
})

test("a disabled user's access token is refused with NotAuthorizedException", async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  const t = await tokens(pool)
  const disable = { UserPoolId: pool.poolId, Username: 'alice' }
  assert.equal((await call(pool, 'AdminDisableUser', disable, await signedFor(pool, 'AdminDisableUser', disable))).status, 200)
  assert.equal((await errorOf(pool, 'GetUser', { AccessToken: t.AccessToken })).type, 'NotAuthorizedException')
})

test('a challenge Session lives its 3 minutes (AuthSessionValidity default) to the millisecond, and is expired after', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: ['alice', 'bob'].map((username) => ({ username, password: PW, status: 'FORCE_CHANGE_PASSWORD' as const })) })
  const answer = (username: string, Session: string) => ({ ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: pool.clientId, Session, ChallengeResponses: { USERNAME: username, NEW_PASSWORD: 'N3w-password!' } })
  const a = (await srpLogin(pool, 'alice', PW)).body.Session
  const b = (await srpLogin(pool, 'bob', PW)).body.Session
  clock.advance(180_000)
  assert.equal((await call(pool, 'RespondToAuthChallenge', answer('alice', a))).status, 200, 'at exactly 3 minutes')
  clock.advance(1)
  const e = await errorOf(pool, 'RespondToAuthChallenge', answer('bob', b))
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', 'Invalid session for the user, session is expired.'])
})

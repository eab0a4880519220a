/**
 * The local pool's refresh-token rotation as Cognito documents it (RefreshTokenRotationType):
 * with RetryGracePeriodSeconds 0 a successful GetTokensFromRefreshToken invalidates the token it
 * was given at once, even for a request already on its way (two browser tabs renewing at the
 * same moment: one wins); with a grace period the original token stays good for
 * GetTokensFromRefreshToken retries until the period ends. Portable: the pool in process.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { call, manualClock, PW, srpLogin } from '../support/local.ts'

async function poolWith(grace: number) {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, clients: [{ refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: grace } }], users: [{ username: 'alice', password: PW }] })
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const rotate = (token: string) => call(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: token })
  return { clock, t, rotate }
}

test('grace 0: two rotations of one refresh token sent at the same moment: one wins, the other is RefreshTokenReuseException', async () => {
  const { t, rotate } = await poolWith(0)
  const [a, b] = await Promise.all([rotate(t.RefreshToken), rotate(t.RefreshToken)])
  assert.deepEqual([a.status, b.status].sort(), [200, 400])
  const lost = a.status === 400 ? a : b
  assert.equal(lost.body.__type, 'RefreshTokenReuseException')
  // and the same token later, at the same instant, is refused too
  assert.equal((await rotate(t.RefreshToken)).body.__type, 'RefreshTokenReuseException')
})

test('grace 10 s: the replaced refresh token rotates again within the grace period (a retry), not after it', async () => {
  const { clock, t, rotate } = await poolWith(10)
  const [a, b] = await Promise.all([rotate(t.RefreshToken), rotate(t.RefreshToken)])
  assert.deepEqual([a.status, b.status], [200, 200], 'both tabs renew')
  clock.advance(5_000)
  const retry = await rotate(t.RefreshToken)
  assert.equal(retry.status, 200, 'a retry within the grace period')
  const fresh = [a, b, retry].map((r) => r.body.AuthenticationResult.RefreshToken as string)
  assert.equal(new Set([...fresh, t.RefreshToken]).size, 4, 'each rotation gives a new refresh token')
  for (const token of fresh) assert.equal((await rotate(token)).status, 200, 'every token issued is good')
  clock.advance(5_001)
  assert.equal((await rotate(t.RefreshToken)).body.__type, 'RefreshTokenReuseException', 'after the grace period, counted from the first rotation')
})

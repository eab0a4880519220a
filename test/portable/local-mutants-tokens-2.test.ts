/**
 * The local pool's refresh-token rotation when the app client gives no `retryGracePeriodSeconds`:
 * no grace period (DescribeUserPoolClient reports 0), so the rotated-out token is refused at once,
 * as Cognito does with RetryGracePeriodSeconds 0. Found by a mutation round over
 * src/local/tokens.ts (a default of 1 s survived). Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, manualClock, signedFor, srpLogin } from '../support/local.ts'

test('rotation without a retryGracePeriodSeconds: the rotated-out refresh token is refused at once', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, clients: [{ refreshTokenRotation: { enabled: true } }], users: [{ username: 'alice', password: PW }] })
  const describe = { UserPoolId: pool.poolId, ClientId: pool.clientId }
  const d = await call(pool, 'DescribeUserPoolClient', describe, await signedFor(pool, 'DescribeUserPoolClient', describe))
  assert.equal(d.body.UserPoolClient.RefreshTokenRotation.RetryGracePeriodSeconds, 0)
  const login = await srpLogin(pool, 'alice', PW)
  const first = login.body.AuthenticationResult.RefreshToken
  const rotate = (token: string) => call(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: token })
  const r1 = await rotate(first)
  assert.equal(r1.status, 200)
  assert.notEqual(r1.body.AuthenticationResult.RefreshToken, first)
  // the same instant: no grace period to retry in
  const again = await rotate(first)
  assert.equal(again.body.__type, 'RefreshTokenReuseException')
  // the new one works
  assert.equal((await rotate(r1.body.AuthenticationResult.RefreshToken)).status, 200)
})

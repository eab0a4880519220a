/**
 * Clock skew: the local clock is 10 minutes wrong. Cognito rejects a PASSWORD_VERIFIER answer
 * whose TIMESTAMP is stale (NotAuthorizedException "Incorrect username or password."), so the
 * client must take the time from the server's `Date` header. The stub (./support/stub-pool.ts)
 * keeps a server clock, sends it as `Date`, checks the TIMESTAMP against it within 5 minutes
 * (an assumption: Cognito's window is unpublished) and verifies the SRP signature
 * independently. Both clocks are fixed values, so nothing here depends on real time.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, NotAuthorizedException } from '../../src/index.ts'
import { stubPool } from '../support/stub-pool.ts'

const SERVER_NOW = Date.UTC(2026, 10, 26, 12, 0, 0)
const TEN_MINUTES = 10 * 60_000
const PASSWORD = 'skewed clock pw 1'

function setup(localOffset: number, dateHeader = true) {
  const pool = stubPool({ poolName: 'SkewPool', userId: 'skew-user', password: PASSWORD, serverNow: () => SERVER_NOW, dateHeader })
  const seen: Array<[number, number]> = []
  const user = new Cognito({
    userPoolId: 'us-east-2_SkewPool',
    clientId: 'skewclient',
    username: 'skew-user',
    fetch: pool.fetch,
    now: () => SERVER_NOW + localOffset,
    onServerDate: (server, local) => void seen.push([server, local]),
  })
  return { pool, user, seen }
}

for (const [label, offset] of [['behind', -TEN_MINUTES], ['ahead', TEN_MINUTES]] as const) {
  test(`clock skew: local clock 10 minutes ${label}, no Date header → the stale TIMESTAMP is rejected (control)`, async () => {
    const { user, pool } = setup(offset, false)
    await assert.rejects(user.authenticate(PASSWORD), NotAuthorizedException)
    assert.deepEqual(pool.calls, ['InitiateAuth', 'RespondToAuthChallenge'])
    assert.equal(user.clockSkew, 0)
  })

  test(`clock skew: local clock 10 minutes ${label}, corrected from the Date header → signed in`, async () => {
    const { user, seen } = setup(offset)
    const r = await user.authenticate(PASSWORD)
    assert.equal(user.clockSkew, -offset, 'skew = server − local')
    // token expiry is computed on the corrected clock: one hour after the server's now
    assert.equal(r.expiresAt, SERVER_NOW + 3_600_000)
    assert.equal(user.expiresAt, SERVER_NOW + 3_600_000)
    assert.equal(seen.length, 2, "the caller's own onServerDate hook still runs")
    assert.equal(seen[0]![0], SERVER_NOW)
  })
}

test('clock skew: offsets under a minute are ignored', async () => {
  const { user } = setup(-59_000)
  await user.authenticate(PASSWORD)
  assert.equal(user.clockSkew, 0)
  assert.equal(user.expiresAt, SERVER_NOW - 59_000 + 3_600_000)
})

/**
 * The local pool's upkeep (src/local/sweep.ts) at the edges a mutation round found unguarded:
 * a sweep must never forget a revocation whose refresh token can still be presented; it runs
 * once a minute of pool time or 1,000 requests have passed, whichever comes first; unconfirmed
 * devices go once no access token of their sign-in can be valid (a day, Cognito's longest access
 * token); at most 10,000 unanswered SRP exchanges are kept. Over the pool's fetch handler; the
 * sizes of internal tables are read from the pool's state (src/local/state.ts), as in
 * test/hostile/pool-bounded-state.test.ts. Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { stateOfPool, type PoolState } from '../../src/local/state.ts'
import { PW, call, manualClock, srpStart } from '../support/local.ts'

const MINUTE = 60_000
const DAY = 86400_000
const alice = { username: 'alice', password: PW }

const state = (pool: LocalPool): PoolState => stateOfPool.get(pool)!
/** A request that changes nothing in the pool (ListUsers without a signature is refused). */
const idle = (pool: LocalPool) => call(pool, 'ListUsers', { UserPoolId: pool.poolId })
const signIn = async (pool: LocalPool) => {
  const r = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  return r.body.AuthenticationResult
}
const refresh = (pool: LocalPool, token: string) =>
  call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: token } })

test('a revoked refresh token stays revoked after the sweeps of the days that follow', async () => {
  // RevokeToken: "After a token is revoked, you can't use the revoked token"; GlobalSignOut
  // "invalidates the identity, access, and refresh tokens" (API reference). The refresh token
  // itself is valid for 30 days, so its revocation must outlive the day an access token lives.
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [alice] })
  const revoked = await signIn(pool)
  assert.equal((await call(pool, 'RevokeToken', { ClientId: pool.clientId, Token: revoked.RefreshToken })).status, 200)
  const signedOut = await signIn(pool)
  assert.equal((await call(pool, 'GlobalSignOut', { AccessToken: signedOut.AccessToken })).status, 200)
  for (const days of [1, 2, 10]) {
    clock.set(manualClock().now() + days * DAY + 2 * MINUTE)
    await idle(pool) // more than a minute since the last request: the pool sweeps
    for (const t of [revoked, signedOut]) {
      const r = await refresh(pool, t.RefreshToken)
      assert.deepEqual([r.body.__type, r.body.message], ['NotAuthorizedException', 'Refresh Token has been revoked'], `${days} days on`)
    }
  }
})

type Clock = ReturnType<typeof manualClock>

/**
 * An SRP exchange opened at t0 (it expires at t0 + 300 s) survives a sweep at t0 + 299 s; then
 * `short` brings the pool just short of its next sweep, with the exchange expired, and `due` one
 * step further. The expired exchange is still held after `short` and swept by `due`.
 */
async function sweptWhenDue(short: (pool: LocalPool, clock: Clock) => Promise<void>, due: (pool: LocalPool, clock: Clock) => Promise<void>): Promise<void> {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [alice] })
  await srpStart(pool, 'alice')
  clock.advance(299_000)
  await idle(pool)
  assert.equal(state(pool).srps.size, 1, 'a live exchange survives a sweep')
  await short(pool, clock)
  assert.equal(state(pool).srps.size, 1, 'no sweep yet')
  await due(pool, clock)
  assert.equal(state(pool).srps.size, 0, 'swept')
}

test('the pool sweeps once a full minute of pool time has passed since the last sweep', async () => {
  await sweptWhenDue(
    async (pool, clock) => {
      clock.advance(MINUTE - 1) // 59.999 s after the last sweep
      await idle(pool)
    },
    async (pool, clock) => {
      clock.advance(1)
      await idle(pool)
    },
  )
})

test('the pool sweeps at the 1,000th request after the last sweep even when the clock barely moves', async () => {
  await sweptWhenDue(
    async (pool, clock) => {
      clock.advance(2_000) // two seconds after the last sweep
      for (let i = 1; i < 1_000; i++) await idle(pool)
    },
    (pool) => idle(pool).then(() => undefined),
  )
})

test('an unconfirmed device is kept a day after its sign-in, the longest an access token that could confirm it lives, and not a minute more', async () => {
  // access tokens live 5 minutes to 1 day (TokenValidityUnitsType / AccessTokenValidity, API
  // reference); ConfirmDevice needs an access token of the sign-in that offered the device
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, deviceTracking: true, users: [alice] })
  const t = await signIn(pool)
  assert.ok(t.NewDeviceMetadata?.DeviceKey)
  const devices = () => [...state(pool).users.values()].find((u) => u.username === 'alice')!.devices
  assert.equal(devices().size, 1)
  clock.advance(DAY)
  await idle(pool) // a sweep, exactly a day after the sign-in
  assert.equal(devices().size, 1, 'kept while an access token of its sign-in might be valid')
  clock.advance(MINUTE)
  await idle(pool)
  assert.equal(devices().size, 0, 'dropped once none can be')
})

test('at most 10,000 unanswered SRP exchanges are kept: the oldest goes first, the newest still signs in', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const first = await srpStart(pool, 'alice')
  // 9,999 more open exchanges: copies of a real one under fresh SECRET_BLOCK keys (10,000 real
  // SRP starts would cost half a minute); the table keeps insertion order, like the pool's own
  const srps = state(pool).srps
  const [, entry] = [...srps][0]!
  for (let i = 1; i < 10_000; i++) srps.set(`filler-${i}`, { ...entry })
  assert.equal(srps.size, 10_000)
  const newest = await srpStart(pool, 'alice')
  assert.equal(srps.size, 10_000, 'still 10,000 after one more')
  assert.equal(srps.has(first.init.body.ChallengeParameters.SECRET_BLOCK), false, 'the oldest was dropped')
  const late = await call(pool, 'RespondToAuthChallenge', await first.answer(PW))
  assert.deepEqual([late.body.__type, late.body.message], ['NotAuthorizedException', 'Incorrect username or password.'])
  assert.equal((await call(pool, 'RespondToAuthChallenge', await newest.answer(PW))).status, 200)
})

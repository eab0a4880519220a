/**
 * Clock skew: the local clock is 10 minutes wrong. Cognito rejects a PASSWORD_VERIFIER answer
 * whose TIMESTAMP is stale (NotAuthorizedException "Incorrect username or password."), so the
 * client must take the time from the server's `Date` header. The stub (./support/stub-pool.ts)
 * keeps a server clock, sends it as `Date`, checks the TIMESTAMP against it within 5 minutes
 * (an assumption: Cognito's window is unpublished) and verifies the SRP signature
 * independently.
 *
 * The correction applies to the default clock (an injected `now` is taken as the truth), so the
 * local clock is made wrong by replacing `Date.now` for the duration of each test. Both clocks
 * are fixed values: nothing here depends on real time.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, NotAuthorizedException } from '../../src/index.ts'
import { fakeJwt, stubPool } from '../support/stub-pool.ts'

const SERVER_NOW = Date.UTC(2026, 10, 26, 12, 0, 0)
const TEN_MINUTES = 10 * 60_000
const PASSWORD = 'skewed clock pw 1'

/** Run `fn` with the local clock at SERVER_NOW + offset (mutable through the returned setter). */
async function withLocalClock<T>(offset: number, fn: (advance: (ms: number) => void) => Promise<T>): Promise<T> {
  const real = Date.now
  let t = SERVER_NOW + offset
  Date.now = () => t
  try {
    return await fn((ms) => void (t += ms))
  } finally {
    Date.now = real
  }
}

function setup(dateHeader = true, serverNow = () => SERVER_NOW) {
  const exp = Math.floor(SERVER_NOW / 1000) + 3600
  const pool = stubPool({
    poolName: 'SkewPool',
    userId: 'skew-user',
    password: PASSWORD,
    serverNow,
    dateHeader,
    tokens: { IdToken: fakeJwt({ token_use: 'id', exp }), AccessToken: fakeJwt({ token_use: 'access', username: 'skew-user', exp }), RefreshToken: 'skew-refresh' },
  })
  const seen: Array<[number, number]> = []
  const user = new Cognito({
    userPoolId: 'us-east-2_SkewPool',
    clientId: 'skewclient',
    username: 'skew-user',
    fetch: pool.fetch,
    onServerDate: (server, local) => void seen.push([server, local]),
  })
  return { pool, user, seen }
}

for (const [label, offset] of [['behind', -TEN_MINUTES], ['ahead', TEN_MINUTES]] as const) {
  test(`clock skew: local clock 10 minutes ${label}, no Date header → the stale TIMESTAMP is rejected (control)`, async () => {
    await withLocalClock(offset, async () => {
      const { user, pool } = setup(false)
      await assert.rejects(user.authenticate(PASSWORD), NotAuthorizedException)
      assert.deepEqual(pool.calls, ['InitiateAuth', 'RespondToAuthChallenge'])
      assert.equal(user.clockSkew, 0)
    })
  })

  test(`clock skew: local clock 10 minutes ${label}, corrected from the Date header → signed in`, async () => {
    await withLocalClock(offset, async () => {
      const { user, seen } = setup()
      const r = await user.authenticate(PASSWORD)
      assert.equal(user.clockSkew, -offset, 'skew = server − local')
      // token expiry is computed on the corrected clock: one hour after the server's now
      assert.equal(r.expiresAt, SERVER_NOW + 3_600_000)
      assert.equal(user.expiresAt, SERVER_NOW + 3_600_000)
      assert.equal(seen.length, 2, "the caller's own onServerDate hook still runs")
      assert.equal(seen[0]![0], SERVER_NOW)
    })
  })
}

test('clock skew: token expiry checks use the corrected clock (local clock 10 minutes behind)', async () => {
  await withLocalClock(-TEN_MINUTES, async (advance) => {
    const { user } = setup()
    await user.authenticate(PASSWORD)
    // 55 minutes later the token has 5 minutes left on the server's clock but 15 on the local one
    advance(55 * 60_000)
    assert.equal(await user.checkToken({ renew: false, margin: 600 }), true, 'expires within the 10-minute margin on the server clock')
    assert.equal(await user.checkToken({ renew: false, margin: 60 }), false)
  })
})

test('clock skew: offsets under a minute are ignored', async () => {
  await withLocalClock(-59_000, async () => {
    const { user } = setup()
    await user.authenticate(PASSWORD)
    assert.equal(user.clockSkew, 0)
    assert.equal(user.expiresAt, SERVER_NOW - 59_000 + 3_600_000)
  })
})

test('clock skew: an injected clock is taken as the truth', async () => {
  const { pool } = setup()
  const user = new Cognito({ userPoolId: 'us-east-2_SkewPool', clientId: 'skewclient', username: 'skew-user', fetch: pool.fetch, now: () => SERVER_NOW + 30_000 })
  await user.authenticate(PASSWORD)
  assert.equal(user.clockSkew, 0)
  assert.equal(user.expiresAt, SERVER_NOW + 30_000 + 3_600_000)
})

/* The same against the local pool, whose TIMESTAMP check uses its own clock (300 s window). */
test('clock skew: against the local pool running 10 minutes ahead of the local clock', async () => {
  const { createLocalPool } = await import('../../src/local/index.ts')
  await withLocalClock(0, async () => {
    // access tokens of half an hour: a margin can tell the two clocks apart (it is an hour at most)
    const pool = createLocalPool({ shareKeys: true, clock: () => SERVER_NOW + TEN_MINUTES, clients: [{ accessTokenValidity: 1800 }], users: [{ username: 'ivy', password: 'Skew-p4ss!word' }] })
    const stripDate = async (u: RequestInfo | URL, i?: RequestInit): Promise<Response> => {
      const r = await pool.fetch(u, i)
      const h = new Headers(r.headers)
      h.delete('date')
      return new Response(r.body, { status: r.status, headers: h })
    }
    // control: without the Date header the TIMESTAMP is 10 minutes stale for the pool
    const blind = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'ivy', endpoint: pool.endpoint, fetch: stripDate })
    await assert.rejects(blind.authenticate('Skew-p4ss!word'), NotAuthorizedException)
    // with it, the client corrects its clock from the first answer and signs in
    const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'ivy', endpoint: pool.endpoint, fetch: pool.fetch })
    await user.authenticate('Skew-p4ss!word')
    assert.equal(user.clockSkew, TEN_MINUTES)
    // the pool's token has 30 minutes left on the pool clock, 40 on the local one: a 35-minute
    // margin tells the two apart
    assert.equal(await user.checkToken({ renew: false, margin: 35 * 60 }), true, 'expiry judged on the corrected clock')
    assert.equal(await user.checkToken({ renew: false, margin: 25 * 60 }), false)
  })
})

/* The functional signIn() corrects its clock the same way (no class, no state beyond the call). */
for (const [label, offset] of [['behind', -TEN_MINUTES], ['ahead', TEN_MINUTES]] as const) {
  test(`clock skew: signIn() with the local clock 10 minutes ${label} takes the time from the Date header`, async () => {
    const { signIn } = await import('../../src/index.ts')
    await withLocalClock(offset, async () => {
      const seen: number[] = []
      const opts = { userPoolId: 'us-east-2_SkewPool', clientId: 'skewclient', username: 'skew-user', password: PASSWORD }
      // control: without the Date header the TIMESTAMP is 10 minutes stale
      await assert.rejects(signIn({ ...opts, fetch: setup(false).pool.fetch }), NotAuthorizedException)
      const r = await signIn({ ...opts, fetch: setup().pool.fetch, onServerDate: (server) => void seen.push(server) })
      assert.equal(r.expiresAt, SERVER_NOW + 3_600_000, 'expiry on the server clock')
      assert.deepEqual(seen, [SERVER_NOW, SERVER_NOW], "the caller's own onServerDate hook still runs")
    })
  })
}

test('clock skew: signIn() ignores offsets under a minute and takes an injected clock as the truth', async () => {
  const { signIn } = await import('../../src/index.ts')
  const opts = { userPoolId: 'us-east-2_SkewPool', clientId: 'skewclient', username: 'skew-user', password: PASSWORD }
  await withLocalClock(-59_000, async () => {
    assert.equal((await signIn({ ...opts, fetch: setup().pool.fetch })).expiresAt, SERVER_NOW - 59_000 + 3_600_000)
  })
  const injected = await signIn({ ...opts, fetch: setup().pool.fetch, now: () => SERVER_NOW + 30_000 })
  assert.equal(injected.expiresAt, SERVER_NOW + 30_000 + 3_600_000)
  // an injected clock 10 minutes off is not corrected: its stale TIMESTAMP is refused
  await assert.rejects(signIn({ ...opts, fetch: setup().pool.fetch, now: () => SERVER_NOW - TEN_MINUTES }), NotAuthorizedException)
})

test('clock skew: renewAccessToken() takes the time from the Date header too (expiresAt on the server clock, as AuthResult promises)', async () => {
  const { createLocalPool } = await import('../../src/local/index.ts')
  const { createClient, renewAccessToken, signIn } = await import('../../src/index.ts')
  await withLocalClock(0, async () => {
    const pool = createLocalPool({ clock: () => SERVER_NOW + TEN_MINUTES, users: [{ username: 'jay', password: 'Skew-p4ss!word' }] })
    const opts = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch }
    const { refreshToken } = await signIn({ ...opts, username: 'jay', password: 'Skew-p4ss!word' })
    const seen: number[] = []
    const r = await renewAccessToken(createClient({ ...opts, onServerDate: (server) => void seen.push(server) }), refreshToken!)
    assert.equal(r.expiresAt, SERVER_NOW + TEN_MINUTES + r.expiresIn * 1000, 'expiry on the pool clock')
    assert.deepEqual(seen, [SERVER_NOW + TEN_MINUTES], "the caller's own onServerDate hook runs")
  })
})

test('clock skew: a token source judges expiry on the clock its renewals learned (local clock 10 minutes behind the pool)', async () => {
  const { createLocalPool } = await import('../../src/local/index.ts')
  const { createClient, createTokenSource, signIn } = await import('../../src/index.ts')
  await withLocalClock(0, async (advance) => {
    const pool = createLocalPool({ clock: () => SERVER_NOW + TEN_MINUTES, users: [{ username: 'kim', password: 'Skew-p4ss!word' }] })
    const opts = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch }
    const { refreshToken } = await signIn({ ...opts, username: 'kim', password: 'Skew-p4ss!word' })
    const source = createTokenSource(createClient(opts), { refreshToken: refreshToken! })
    assert.equal(await source.checkToken({}), true, 'no access token yet: renewed')
    const first = source.accessToken
    const lifetime = (JSON.parse(atob(first!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).exp * 1000) - (SERVER_NOW + TEN_MINUTES)
    // 30 s before the true expiry by the pool's clock: inside the 60 s margin, though the local clock says 10.5 minutes are left
    advance(lifetime - 30_000)
    assert.equal(await source.checkToken({}), true, 'renewed on the corrected clock')
  })
})

/**
 * A local pool serving a long test run stays flat in memory: expired SRP exchanges, Sessions,
 * codes, messages, refresh tokens, revocations and lockouts of unknown names are swept by the
 * pool's own clock, and the call log, the message log and the table of open Sessions keep only
 * their newest entries. Portable: the pool's fetch handler and web globals only; the sizes of
 * the internal tables are read from the pool's state (src/local/state.ts).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, manualClock, srpStart } from '../support/local.ts'

/** The documented sizes: the newest 5,000 calls, 2,000 messages and 10,000 open Sessions. */
const CALL_LOG_LIMIT = 5_000
const MESSAGE_LOG_LIMIT = 2_000
const OPEN_SESSION_LIMIT = 10_000

const MINUTE = 60_000
const DAY = 86400_000

/** The sizes of the pool's logs and tables (its internal state, loaded only when asked for). */
async function sizes(pool: LocalPool) {
  const { stateOfPool } = await import('../../src/local/state.ts')
  const s = stateOfPool.get(pool)!
  const alice = [...s.users.values()].find((u) => u.username === 'alice')!
  return {
    calls: pool.calls.length,
    messages: pool.messages.length,
    sessions: s.sessions.size,
    srps: s.srps.size,
    refreshTokens: s.refreshTokens.size,
    revokedOrigins: s.revokedOrigins.size,
    userOrigins: alice.origins.size,
    codes: alice.codes.size,
    unknownLockouts: s.unknownLockouts.size,
  }
}

test('logs and open Sessions keep only their newest entries, even when the clock stands still', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  // USER_AUTH without a preferred challenge opens a Session each time, and nothing answers them
  for (let i = 0; i < OPEN_SESSION_LIMIT + 1500; i++) {
    await call(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  }
  for (let i = 0; i < MESSAGE_LOG_LIMIT + 500; i++) await call(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'alice' })
  assert.equal(pool.calls.length, CALL_LOG_LIMIT, 'the call log holds the newest calls only')
  assert.equal(pool.messages.length, MESSAGE_LOG_LIMIT, 'the message log holds the newest messages only')
  const open = (await sizes(pool)).sessions
  assert.ok(open <= OPEN_SESSION_LIMIT, `${open} open Sessions`)
  // the newest entries are the ones kept, and the pool still works
  assert.equal(pool.calls.at(-1)!.operation, 'ForgotPassword')
  const code = pool.lastCode('alice', 'ForgotPassword')!
  assert.equal((await call(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: 'alice', ConfirmationCode: code, Password: 'N3w-password!' })).status, 200)
})

test('expired exchanges, Sessions, codes, messages, tokens, revocations and lockouts are swept by the pool clock', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  const signIn = () => call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 20; i++) await srpStart(pool, 'alice') // never answered
    for (let i = 0; i < 20; i++) await call(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
    const tokens = (await signIn()).body.AuthenticationResult
    for (let i = 0; i < 10; i++) await signIn()
    await call(pool, 'GlobalSignOut', { AccessToken: tokens.AccessToken })
    await call(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'alice' })
    for (let i = 0; i < 10; i++) await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: `nobody${round}-${i}`, PASSWORD: 'Wrong-pass-1!' } })
    const grown = await sizes(pool)
    assert.ok(grown.srps >= 20 && grown.sessions >= 20 && grown.refreshTokens >= 11 && grown.unknownLockouts >= 10, JSON.stringify(grown))
    // 40 days later (past every expiry: exchanges 5 min, Sessions 3 min, codes 1 h, messages a
    // day, refresh tokens 30 days and a week's grace) one request lets the pool sweep
    clock.advance(40 * DAY)
    await call(pool, 'ListUsers', {})
    const swept = await sizes(pool)
    assert.deepEqual(swept, { calls: swept.calls, messages: 0, sessions: 0, srps: 0, refreshTokens: 0, revokedOrigins: 0, userOrigins: 0, codes: 0, unknownLockouts: 0 })
  }
  // what is still live is kept: a Session a minute old, a fresh refresh token
  const fresh = (await signIn()).body.AuthenticationResult
  const open = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  clock.advance(2 * MINUTE)
  await call(pool, 'ListUsers', {})
  assert.equal((await call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: fresh.RefreshToken } })).status, 200)
  const answer = await call(pool, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: pool.clientId, Session: open.body.Session, ChallengeResponses: { USERNAME: 'alice', ANSWER: 'PASSWORD', PASSWORD: PW } })
  assert.equal(answer.status, 200, JSON.stringify(answer.body))
})

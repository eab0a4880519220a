/**
 * When a token counts as expiring, to the millisecond: `isExpiring`'s margin is whole seconds; a
 * token source that has not renewed yet takes the local clock as it is; after a renewal it judges
 * expiry on Cognito's clock, learned from the answer's `Date` header (here 10 minutes ahead), and
 * renews exactly `margin` seconds before `exp` by that clock. The answers have the shape of a
 * REFRESH_TOKEN_AUTH AuthenticationResult (no RefreshToken). Portable (injected fetch and clock).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createClient, createTokenSource, isExpiring } from '../../src/index.ts'
import { CLIENT, NOW, POOL, REFRESH, token } from '../support/signin-data.ts'

const TEN_MINUTES = 600_000

/** A pool answering every refresh with an hour-long token; its clock (and Date header) is `serverNow()`. */
function refresher(serverNow: () => number) {
  const sent: string[] = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    sent.push(String(JSON.parse(String(init.body)).AuthFlow))
    const exp = Math.floor(serverNow() / 1000) + 3600
    const body = { AuthenticationResult: { AccessToken: token('access', { exp }), IdToken: token('id', { exp }), TokenType: 'Bearer', ExpiresIn: 3600 } }
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `r-${sent.length}`, date: new Date(serverNow()).toUTCString() }
    return new Response(JSON.stringify(body), { status: 200, headers })
  }
  return { fetch, sent }
}

test('isExpiring: due exactly margin seconds before exp (or expiresAt), not a millisecond earlier', () => {
  const exp = NOW / 1000 + 3600
  assert.equal(isExpiring({ exp }, undefined, exp * 1000 - 60_001), false)
  assert.equal(isExpiring({ exp }, undefined, exp * 1000 - 60_000), true)
  assert.equal(isExpiring({ exp }, undefined, exp * 1000 - 30_001, 30), false)
  assert.equal(isExpiring({ exp }, undefined, exp * 1000 - 30_000, 30), true)
  assert.equal(isExpiring(undefined, NOW, NOW - 60_001), false)
  assert.equal(isExpiring(undefined, NOW, NOW - 60_000), true)
})

test('a token source that has not renewed yet judges expiry on the local clock as it is', async () => {
  let t = 0
  const pool = refresher(() => t)
  const exp = NOW / 1000 + 3600
  const source = createTokenSource(createClient({ userPoolId: POOL, clientId: CLIENT, fetch: pool.fetch, now: () => t, retry: false }), { refreshToken: REFRESH, accessToken: token('access', { exp }) })
  t = exp * 1000 - 60_001
  assert.equal(await source.checkToken({}), false)
  assert.deepEqual(pool.sent, [])
  t = exp * 1000 - 60_000
  assert.equal(await source.checkToken({}), true)
  assert.deepEqual(pool.sent, ['REFRESH_TOKEN_AUTH'])
})

test("after a renewal, a token source renews exactly 60 s before exp by Cognito's clock (10 minutes ahead)", async () => {
  const real = Date.now
  let local = NOW
  Date.now = () => local
  try {
    const pool = refresher(() => local + TEN_MINUTES)
    // no `now` given: the client reads Date.now and learns Cognito's offset from each answer
    const source = createTokenSource(createClient({ userPoolId: POOL, clientId: CLIENT, fetch: pool.fetch, retry: false }), { refreshToken: REFRESH })
    assert.equal(await source.checkToken({}), true, 'no access token: renewed')
    const expMs = (NOW + TEN_MINUTES) + 3600_000
    // the local clock reads 10 minutes less than Cognito's: 60 s before exp by Cognito's clock is this
    local = expMs - TEN_MINUTES - 60_001
    assert.equal(await source.checkToken({}), false, 'one millisecond before the margin')
    local += 1
    assert.equal(await source.checkToken({}), true, 'at the margin')
    assert.deepEqual(pool.sent, ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN_AUTH'])
  } finally {
    Date.now = real
  }
})

/**
 * The local pool's SRP exchange (src/local/srp-exchange.ts), at the edges a mutation round found
 * unguarded: a user with no password, a missing PASSWORD_CLAIM_SECRET_BLOCK, an answer naming
 * another user or through another client, the SECRET_BLOCK's lifetime and the TIMESTAMP window's edge. Over the wire only
 * (the pool's fetch handler); portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, manualClock, srpStart } from '../support/local.ts'

const INCORRECT = 'Incorrect username or password.'

test('USER_SRP_AUTH for a user who has no password fails like a wrong password', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'carol', attributes: { email: 'carol@example.com' } }] })
  const s = await srpStart(pool, 'carol')
  assert.equal(s.init.status, 400)
  assert.deepEqual([s.init.body.__type, s.init.body.message], ['NotAuthorizedException', INCORRECT])
})

test('a PASSWORD_VERIFIER answer without PASSWORD_CLAIM_SECRET_BLOCK is InvalidParameterException naming it', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  const s = await srpStart(pool, 'alice')
  const answer = (await s.answer(PW)) as { ChallengeResponses: Record<string, string> }
  delete answer.ChallengeResponses['PASSWORD_CLAIM_SECRET_BLOCK']
  const e = await errorOf(pool, 'RespondToAuthChallenge', answer)
  assert.equal(e.type, 'InvalidParameterException')
  assert.equal(e.message, 'Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK')
})

test("a PASSWORD_VERIFIER answer whose USERNAME names another user is refused, even with that exchange's right signature", async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }, { username: 'bob', password: PW }] })
  const s = await srpStart(pool, 'alice')
  const e = await errorOf(pool, 'RespondToAuthChallenge', await s.answer(PW, { USERNAME: 'bob' }))
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', INCORRECT])
})

test('the SECRET_BLOCK is good for 5 minutes on the pool clock, and refused after', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  const inTime = await srpStart(pool, 'alice')
  clock.advance(300_000)
  assert.equal((await call(pool, 'RespondToAuthChallenge', await inTime.answer(PW))).status, 200, 'at exactly 5 minutes')
  const late = await srpStart(pool, 'alice')
  clock.advance(300_001)
  const e = await errorOf(pool, 'RespondToAuthChallenge', await late.answer(PW))
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', INCORRECT])
})

test('a TIMESTAMP exactly timestampWindowSeconds away is accepted; one second more is refused with a message naming the window', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, timestampWindowSeconds: 120, users: [{ username: 'alice', password: PW }] })
  const edge = await srpStart(pool, 'alice')
  assert.equal((await call(pool, 'RespondToAuthChallenge', await edge.answer(PW, {}, new Date(clock.now() - 120_000)))).status, 200)
  const past = await srpStart(pool, 'alice')
  const e = await errorOf(pool, 'RespondToAuthChallenge', await past.answer(PW, {}, new Date(clock.now() + 121_000)))
  assert.equal(e.type, 'NotAuthorizedException')
  assert.match(e.message, /TIMESTAMP is more than 120 seconds/)
})

test('a SECRET_BLOCK answered through another app client is refused, even with the right signature', async () => {
  const pool = createLocalPool({ shareKeys: true, clients: [{}, { clientId: 'secondclient00000000000000' }], users: [{ username: 'alice', password: PW }] })
  const s = await srpStart(pool, 'alice')
  const e = await errorOf(pool, 'RespondToAuthChallenge', { ...(await s.answer(PW)), ClientId: 'secondclient00000000000000' })
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', INCORRECT])
  assert.equal((await call(pool, 'RespondToAuthChallenge', await s.answer(PW))).status, 200, 'its own client still can')
})

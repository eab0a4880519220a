/**
 * A client whose clock is a day off signs in with the right password: the stale TIMESTAMP is
 * refused with its own message, and such answers never count as failed passwords, so the user is
 * not locked out by them. Portable: the pool's fetch handler and web globals only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, manualClock, srpStart } from '../support/local.ts'

const DAY = 86400_000

test('a stale TIMESTAMP with the right password is its own error and does not count as a failed password', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  for (let i = 0; i < 8; i++) {
    const s = await srpStart(pool, 'alice')
    const e = await errorOf(pool, 'RespondToAuthChallenge', await s.answer(PW, {}, new Date(clock.now() - DAY)))
    assert.equal(e.type, 'NotAuthorizedException')
    assert.notEqual(e.message, 'Incorrect username or password.', 'not worded as a wrong password')
    assert.notEqual(e.message, 'Password attempts exceeded', `attempt ${i + 1}: stale clocks do not lock the user out`)
    assert.match(e.message, /TIMESTAMP/)
  }
  // a clock a day ahead is the same
  const ahead = await srpStart(pool, 'alice')
  assert.match((await errorOf(pool, 'RespondToAuthChallenge', await ahead.answer(PW, {}, new Date(clock.now() + DAY)))).message, /TIMESTAMP/)
  // with the clock fixed, the right password signs in at once
  const s = await srpStart(pool, 'alice')
  assert.equal((await call(pool, 'RespondToAuthChallenge', await s.answer(PW))).status, 200)
})

test('an unknown user with a stale TIMESTAMP gets the same answer as a known one', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  const known = await srpStart(pool, 'alice')
  const unknown = await srpStart(pool, 'nobody')
  const a = await errorOf(pool, 'RespondToAuthChallenge', await known.answer(PW, {}, new Date(clock.now() - DAY)))
  const b = await errorOf(pool, 'RespondToAuthChallenge', await unknown.answer(PW, {}, new Date(clock.now() - DAY)))
  assert.deepEqual(b, a)
})

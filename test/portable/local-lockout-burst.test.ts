/**
 * The local pool's lockout under a burst of concurrent wrong passwords. Each attempt is checked
 * against the lockout when it arrives, then its password is verified (asynchronous work); an
 * attempt whose verification ends after a concurrent one started the lockout is refused as
 * Cognito refuses attempts during a lockout, "Password attempts exceeded", and is not counted
 * ("Lockout behavior for failed sign-in attempts", Cognito developer guide: attempts during a
 * lockout do not lengthen later ones). Before, every attempt of the burst was counted, so ten
 * concurrent wrong passwords locked the user out for 32 s instead of 1 s. Over the wire; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, manualClock, srpLogin, srpStart } from '../support/local.ts'

const WRONG = 'Wrong-pass1!'
const BURST = 10

/** The answers' messages, counted. */
const tally = (messages: string[]) => messages.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {})

test('password flow: ten concurrent wrong passwords lock the user out for one second, as five in a row do', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  const attempt = (password: string) => call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: password } })
  const answers = await Promise.all(Array.from({ length: BURST }, () => attempt(WRONG)))
  assert.deepEqual(tally(answers.map((r) => r.body.message)), { 'Incorrect username or password.': 4, 'Password attempts exceeded': 6 })
  assert.equal((await attempt(PW)).body.message, 'Password attempts exceeded', 'locked right after the burst')
  clock.advance(1000)
  const r = await attempt(PW)
  assert.equal(r.status, 200, `the lockout of five failures is over after 1 s: ${JSON.stringify(r.body)}`)
})

test('SRP: ten concurrent wrong proofs lock the user out for one second, as five in a row do', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  // ten exchanges started one after the other, answered all at once
  const bodies = []
  for (let i = 0; i < BURST; i++) bodies.push(await (await srpStart(pool, 'alice')).answer(WRONG))
  const answers = await Promise.all(bodies.map((b) => call(pool, 'RespondToAuthChallenge', b)))
  assert.deepEqual(tally(answers.map((r) => r.body.message)), { 'Incorrect username or password.': 4, 'Password attempts exceeded': 6 })
  clock.advance(1000)
  const r = await srpLogin(pool, 'alice', PW)
  assert.equal(r.status, 200, `the lockout of five failures is over after 1 s: ${JSON.stringify(r.body)}`)
})

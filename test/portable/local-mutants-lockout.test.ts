/**
 * The local pool's password lockout (src/local/lockout.ts) at the edge a mutation round found
 * unguarded: the instant the first lockout ends. Cognito locks a user out for one second after
 * five failed sign-ins ("Lockout behavior for failed sign-in attempts", Cognito developer guide);
 * on the pool's clock that second is over exactly 1000 ms later. Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, manualClock, srpLogin } from '../support/local.ts'

test('the first lockout lasts exactly one second: refused just before it ends, the right password works at 1000 ms and resets the count', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  for (let i = 1; i <= 5; i++) {
    const r = await srpLogin(pool, 'alice', 'Wrong-pass1!')
    assert.equal(r.body.message, i < 5 ? 'Incorrect username or password.' : 'Password attempts exceeded', `failure ${i}`)
  }
  clock.advance(999)
  assert.equal((await srpLogin(pool, 'alice', PW)).body.message, 'Password attempts exceeded', 'at 999 ms')
  clock.advance(1)
  const r = await srpLogin(pool, 'alice', PW)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.ok(r.body.AuthenticationResult.AccessToken)
  // that sign-in, the instant the lockout ended, started the count again: a wrong password is one failure
  assert.equal((await srpLogin(pool, 'alice', 'Wrong-pass1!')).body.message, 'Incorrect username or password.')
})

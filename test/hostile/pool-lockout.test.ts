/**
 * Lockout after failed passwords follows Cognito's documented behaviour, on the pool's own clock:
 * after five failures a temporary lockout of 1 s that doubles with each further failure (2^(n-5)
 * s), capped at about 15 minutes; attempts during a lockout are refused and do not lengthen it;
 * a successful sign-in after a lockout, or 15 minutes without attempts, starts the count again.
 * With PreventUserExistenceErrors ENABLED an unknown user is locked out the same way and its
 * challenge has the same shape. Portable: the pool's fetch handler and web globals only.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, manualClock, srpStart } from '../support/local.ts'

const EXCEEDED = 'Password attempts exceeded'
const INCORRECT = 'Incorrect username or password.'

function passwordLogin(pool: LocalPool, username: string, password: string, clientId = pool.clientId): Promise<{ status: number; message: string | undefined }> {
  return call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }).then((r) => ({ status: r.status, message: r.body.message }))
}

test('temporary lockouts start at one second and double with each failure', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  for (let i = 1; i <= 4; i++) assert.equal((await passwordLogin(pool, 'alice', `Wrong-${i}a!`)).message, INCORRECT)
  assert.equal((await passwordLogin(pool, 'alice', 'Wrong-5a!')).message, EXCEEDED, 'the fifth failure locks for 1 s')
  assert.equal((await passwordLogin(pool, 'alice', PW)).message, EXCEEDED, 'locked: even the right password')
  clock.advance(1_100)
  assert.equal((await passwordLogin(pool, 'alice', 'Wrong-6a!')).message, EXCEEDED, 'the sixth failure locks for 2 s')
  clock.advance(1_100)
  assert.equal((await passwordLogin(pool, 'alice', PW)).message, EXCEEDED, 'still inside the 2 s lockout')
  // attempts during a lockout do not lengthen it
  for (let i = 0; i < 5; i++) await passwordLogin(pool, 'alice', 'Wrong-in-lockout-1!')
  clock.advance(1_000)
  assert.equal((await passwordLogin(pool, 'alice', PW)).status, 200, 'the lockout is over: the right password signs in')
  // the success reset the count: four failures are just wrong passwords again
  for (let i = 1; i <= 4; i++) assert.equal((await passwordLogin(pool, 'alice', `Again-${i}a!`)).message, INCORRECT)
})

test('the lockout is capped at about 15 minutes, and 15 quiet minutes reset the count', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  // 20 failures, each after the previous lockout ended (2^15 s would be nine hours), with one
  // refused attempt in the middle of each lockout, so 15 quiet minutes never pass
  for (let n = 1; n <= 20; n++) {
    assert.notEqual((await passwordLogin(pool, 'alice', 'Wrong-pass-1!')).status, 200)
    const lockout = n >= 5 ? Math.min(2 ** (n - 5), 900) * 1000 : 0
    clock.advance(lockout / 2)
    if (lockout) assert.equal((await passwordLogin(pool, 'alice', PW)).message, EXCEEDED)
    clock.advance(lockout / 2 + 10)
  }
  clock.advance(-20)
  assert.equal((await passwordLogin(pool, 'alice', PW)).message, EXCEEDED, 'locked for the full 900 s')
  clock.advance(30)
  assert.equal((await passwordLogin(pool, 'alice', PW)).status, 200, 'no longer than 900 s')
  // fresh count; four failures, then 15 minutes without attempts: the count starts again
  for (let i = 1; i <= 4; i++) await passwordLogin(pool, 'alice', 'Wrong-pass-2!')
  clock.advance(15 * 60_000)
  for (let i = 1; i <= 4; i++) assert.equal((await passwordLogin(pool, 'alice', 'Wrong-pass-3!')).message, INCORRECT)
})

test('PreventUserExistenceErrors ENABLED: an unknown user is locked out like a known one, and its challenge looks the same', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW }] })
  const seen: Record<string, Array<string | undefined>> = { alice: [], nobody: [] }
  for (let i = 1; i <= 6; i++) {
    for (const name of ['alice', 'nobody']) seen[name]!.push((await passwordLogin(pool, name, `Wrong-${i}a!`)).message)
  }
  assert.deepEqual(seen['nobody'], seen['alice'])
  assert.deepEqual(seen['alice'], [INCORRECT, INCORRECT, INCORRECT, INCORRECT, EXCEEDED, EXCEEDED])
  // SRP: the unknown user's lockout shows at the answer, as a known user's does
  const s = await srpStart(pool, 'nobody')
  assert.equal((await call(pool, 'RespondToAuthChallenge', await s.answer(PW))).body.message, EXCEEDED)
  // the simulated PASSWORD_VERIFIER challenge has the shape of a real one
  const shape = (cp: Record<string, string>) => Object.fromEntries(Object.entries(cp).map(([k, v]) => [k, /^[0-9a-f]+$/.test(v) ? `hex${v[0] === '0' ? '0' : ''}` : v.length > 100 ? 'long' : typeof v]))
  for (let i = 0; i < 20; i++) {
    const known = (await srpStart(pool, 'alice')).init.body
    const unknown = (await srpStart(pool, `nobody${i}`)).init.body
    assert.deepEqual(Object.keys(unknown).sort(), Object.keys(known).sort())
    assert.deepEqual(shape({ ...unknown.ChallengeParameters, USERNAME: 'x', USER_ID_FOR_SRP: 'x' }), shape({ ...known.ChallengeParameters, USERNAME: 'x', USER_ID_FOR_SRP: 'x' }))
  }
  // in a pool that signs in by email, an unknown email gets a stable sub-like USER_ID_FOR_SRP, as a real user does
  const byEmail = createLocalPool({ shareKeys: true, usernameAttributes: ['email'], users: [{ username: 'bob@example.com', password: PW }] })
  const real = (await srpStart(byEmail, 'bob@example.com')).init.body.ChallengeParameters
  const fake = (await srpStart(byEmail, 'eve@example.com')).init.body.ChallengeParameters
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
  assert.match(real.USER_ID_FOR_SRP, UUID)
  assert.match(fake.USER_ID_FOR_SRP, UUID)
  assert.equal(fake.USERNAME, fake.USER_ID_FOR_SRP)
  assert.equal((await srpStart(byEmail, 'eve@example.com')).init.body.ChallengeParameters.USER_ID_FOR_SRP, fake.USER_ID_FOR_SRP, 'stable per name')
})

test('LEGACY clients still say UserNotFoundException, and lockouts never touch unknown names there', async () => {
  const pool = createLocalPool({ shareKeys: true, clients: [{ clientId: 'legacyclient', preventUserExistenceErrors: 'LEGACY' }] })
  for (let i = 0; i < 7; i++) {
    const r = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'legacyclient', AuthParameters: { USERNAME: 'nobody', PASSWORD: 'Wrong-pass-1!' } })
    assert.equal(r.body.__type, 'UserNotFoundException')
  }
})

/**
 * Signing in right after sign-up (passwordless sign-up): SignUp's `Session` goes to ConfirmSignUp,
 * whose own `Session` then signs the user in with USER_AUTH. `confirmSignUp` must forward it (a
 * model input it used to drop), and the local pool gives the confirmation's Session only for the
 * sign-up's own one ("The optional session ID from a SignUp API request", ConfirmSignUp API
 * reference). Against the local pool; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito, confirmSignUp, createClient, register, userAuth } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { call, ok, PW } from '../support/local.ts'

/** A pool allowing one-time codes, a client over its fetch, and the ConfirmSignUp bodies sent. */
function setup() {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  const confirms: Record<string, unknown>[] = []
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const target = new Headers(init?.headers).get('x-amz-target') ?? ''
    if (target.endsWith('.ConfirmSignUp')) confirms.push(JSON.parse(String(init?.body)))
    return pool.fetch(url, init)
  }
  const options = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch, retry: false as const }
  return { pool, client: createClient(options), options, confirms }
}

test("confirmSignUp forwards register()'s Session, and the confirmation's Session signs the passwordless user in", async () => {
  const { pool, client, confirms } = setup()
  const up = await register(client, 'pat', undefined, { attributes: { email: 'pat@example.com' } })
  assert.ok(up.Session, 'SignUp gave a Session')
  const confirmed = await confirmSignUp(client, 'pat', pool.lastCode('pat', 'SignUp')!, { session: up.Session })
  assert.equal(confirms[0]?.['Session'], up.Session, 'ConfirmSignUp carried the sign-up Session')
  assert.ok(confirmed.Session, 'ConfirmSignUp answered with a Session')
  const step = await userAuth(client, { username: 'pat', session: confirmed.Session })
  assert.ok(step.tokens?.accessToken, 'signed in without a password or a second code')
})

test('the class forwards the Session given to confirmSignUp', async () => {
  const { pool, options, confirms } = setup()
  const bob = new Cognito(options)
  const up = await bob.register('bob', PW, { attributes: { email: 'bob@example.com' } })
  const confirmed = await bob.confirmSignUp(pool.lastCode('bob', 'SignUp')!, undefined, { session: up.Session! })
  assert.equal(confirms[0]?.['Session'], up.Session)
  await bob.userAuth({ session: confirmed.Session! })
  assert.ok(bob.accessToken)
})

test('a session that is not a string is an ArgumentError naming it, before any request', async () => {
  const { client, confirms } = setup()
  await assert.rejects(confirmSignUp(client, 'pat', '123456', { session: 42 as never }), (e: unknown) => e instanceof ArgumentError && /"session"/.test((e as Error).message))
  assert.equal(confirms.length, 0)
})

test("local pool: ConfirmSignUp answers with a Session only for the sign-up's own Session; the user is confirmed either way", async () => {
  const { pool } = setup()
  const signUp = (name: string) => ok(pool, 'SignUp', { ClientId: pool.clientId, Username: name, Password: PW, UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }] })
  const confirm = (name: string, session?: unknown) => ok(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: name, ConfirmationCode: pool.lastCode(name, 'SignUp'), ...(session === undefined ? {} : { Session: session }) })
  await signUp('cara')
  assert.equal((await confirm('cara')).Session, undefined, 'no SignUp Session sent: none given')
  assert.equal(pool.user('cara')!.status, 'CONFIRMED')
  await signUp('dan')
  const eve = await signUp('eve')
  assert.equal((await confirm('dan', eve.Session)).Session, undefined, "another user's sign-up Session: none given")
  assert.equal(pool.user('dan')!.status, 'CONFIRMED')
  const own = await confirm('eve', eve.Session)
  assert.ok(own.Session, "the user's own sign-up Session: a Session to sign in with")
  const r = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'eve' }, Session: own.Session })
  assert.ok(r.body.AuthenticationResult?.AccessToken)
})

test("local pool: a sign-up Session buys a Session only on the app client it was given by, and until it expires (its last millisecond included)", async () => {
  let t = Date.UTC(2026, 0, 1)
  const pool = createLocalPool({ clock: () => t, clients: [{ clientId: 'signupclienta00000000000000' }, { clientId: 'signupclientb00000000000000' }] })
  const [a, b] = ['signupclienta00000000000000', 'signupclientb00000000000000']
  const signUp = (name: string, client = a) => ok(pool, 'SignUp', { ClientId: client, Username: name, Password: PW, UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }] })
  const confirm = (name: string, session: unknown, client = a) => ok(pool, 'ConfirmSignUp', { ClientId: client, Username: name, ConfirmationCode: pool.lastCode(name, 'SignUp'), Session: session })
  // given by client a, sent with client b: confirmed, without a Session
  const fay = await signUp('fay')
  assert.equal((await confirm('fay', fay.Session, b)).Session, undefined, "another app client's sign-up Session: none given")
  assert.equal(pool.user('fay')!.status, 'CONFIRMED')
  // the default session validity, 180 s: still valid at its last millisecond, not one after
  const gus = await signUp('gus')
  t += 180_000
  assert.ok((await confirm('gus', gus.Session)).Session, 'a Session at the last millisecond of the sign-up one')
  const hal = await signUp('hal')
  t += 180_001
  assert.equal((await confirm('hal', hal.Session)).Session, undefined, 'an expired sign-up Session: none given')
  assert.equal(pool.user('hal')!.status, 'CONFIRMED')
})

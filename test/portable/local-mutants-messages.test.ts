/**
 * Codes and messages of the local pool (src/local/messages.ts) at the edges a mutation round found
 * unguarded: how long an attribute-verification code is valid, when the lock after too many wrong
 * codes ends and that the count starts again after it, an unknown user at a code check on a
 * LEGACY client, and whose code the test API's `lastCode` reads. Over the wire and the test API
 * only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, errorOf, manualClock, ok, srpLogin } from '../support/local.ts'

const DAY = 86400_000

test('an attribute verification code is valid for 24 hours: it works at 24 h and is expired 1 ms later', async () => {
  // "The verification code or link is valid for 24 hours" (developer guide, "Configuring email or
  // phone verification").
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com', email_verified: 'false' } }] })
  const token = async () => (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult.AccessToken as string
  const request = async () => {
    await ok(pool, 'GetUserAttributeVerificationCode', { AccessToken: await token(), AttributeName: 'email' })
    return pool.lastCode('alice', 'VerifyAttribute')!
  }
  const verify = async (Code: string) => errorOf(pool, 'VerifyUserAttribute', { AccessToken: await token(), AttributeName: 'email', Code })

  const late = await request()
  clock.advance(DAY + 1)
  assert.equal((await verify(late)).type, 'ExpiredCodeException')
  assert.equal(pool.user('alice')!.attributes['email_verified'], 'false')

  const onTime = await request()
  clock.advance(DAY)
  await ok(pool, 'VerifyUserAttribute', { AccessToken: await token(), AttributeName: 'email', Code: onTime })
  assert.equal(pool.user('alice')!.attributes['email_verified'], 'true')
})

test('too many wrong codes lock code checks for lockoutSeconds exactly; after the lock the count starts again', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, maxCodeAttempts: 3, lockoutSeconds: 60 })
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'carol', Password: PW, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] })
  const right = pool.lastCode('carol', 'SignUp')!
  const wrong = right === '000000' ? '111111' : '000000'
  const confirm = (code: string) => errorOf(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'carol', ConfirmationCode: code })
  const LIMIT = 'LimitExceededException'
  assert.deepEqual([(await confirm(wrong)).type, (await confirm(wrong)).type, (await confirm(wrong)).type], ['CodeMismatchException', 'CodeMismatchException', LIMIT])
  clock.advance(60_000 - 1)
  assert.equal((await confirm(right)).type, LIMIT, 'still locked 1 ms before the end')
  clock.advance(1)
  // the lock is over: two more wrong codes are mismatches again (the third would lock anew)
  assert.deepEqual([(await confirm(wrong)).type, (await confirm(wrong)).type], ['CodeMismatchException', 'CodeMismatchException'])
  await ok(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'carol', ConfirmationCode: right })
  assert.equal(pool.user('carol')!.status, 'CONFIRMED')
})

test('an unknown user at ConfirmSignUp or ConfirmForgotPassword: UserNotFoundException on a LEGACY client, CodeMismatchException otherwise', async () => {
  // PreventUserExistenceErrors (API reference, CreateUserPoolClient): "LEGACY - This setting
  // returns UserNotFoundException errors"; with ENABLED, confirmation-code operations answer as a
  // wrong code would (developer guide, "Managing user existence error responses").
  const pool = createLocalPool({ clients: [{}, { clientId: 'legacy', preventUserExistenceErrors: 'LEGACY' }] })
  for (const [ClientId, type] of [[pool.clientId, 'CodeMismatchException'], ['legacy', 'UserNotFoundException']]) {
    assert.equal((await errorOf(pool, 'ConfirmSignUp', { ClientId, Username: 'nobody', ConfirmationCode: '123456' })).type, type, ClientId)
    assert.equal((await errorOf(pool, 'ConfirmForgotPassword', { ClientId, Username: 'nobody', ConfirmationCode: '123456', Password: PW })).type, type, ClientId)
  }
})

test("lastCode reads the named user's last code, of the purpose asked for", async () => {
  const pool = createLocalPool({ users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'alice' })
  const reset = pool.lastCode('alice', 'ForgotPassword')
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bob', Password: PW, UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] })
  const bobs = pool.messages.at(-1)!
  assert.equal(bobs.username, 'bob')
  assert.equal(pool.lastCode('alice'), reset, "bob's later code is not alice's")
  assert.equal(pool.lastCode('alice', 'SignUp'), undefined, 'alice was sent no sign-up code')
  assert.equal(pool.lastCode('bob', 'ForgotPassword'), undefined, 'bob was sent no reset code')
  assert.equal(pool.lastCode('bob', 'SignUp'), bobs.code)
})

/**
 * Where an app's tests depend on the local pool answering as Cognito does, and it used not to:
 * - an unconfirmed user is told so whatever the password (an AWS engineer, amazon-cognito-identity-js#288:
 *   "Yes, this is the intended behavior"; still so in aws/aws-sdk-js#4608 and aws-amplify/amplify-js#11209),
 *   so an app's "go to the confirmation page" branch is reached with a mistyped password too;
 * - SignUp's `Session` comes only from an app client that allows USER_AUTH (aws/aws-sdk-js-v3#6724:
 *   none until ALLOW_USER_AUTH was enabled), so an app that assumes one is caught;
 * - a ListUsers PaginationToken is good only with the Filter it was issued for (aws/aws-sdk-js#3705:
 *   "Paging Marker is Invalid for Request" until the filter was passed again), so a paginator that
 *   drops the Filter after the first page is caught.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, signedFor, srpStart, type Raw } from '../support/local.ts'

async function admin(pool: LocalPool, op: string, input: Record<string, unknown>): Promise<Raw> {
  const body = { UserPoolId: pool.poolId, ...input }
  return call(pool, op, body, await signedFor(pool, op, body))
}

test('an unconfirmed user gets UserNotConfirmedException with a wrong password too, in every password flow', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'una', password: PW, status: 'UNCONFIRMED' }] })
  const wrong = 'Wr0ng-password!'
  const plain = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'una', PASSWORD: wrong } })
  assert.equal(plain.type, 'UserNotConfirmedException')
  const adminFlow = await admin(pool, 'AdminInitiateAuth', { AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'una', PASSWORD: wrong } })
  assert.equal(adminFlow.body.__type, 'UserNotConfirmedException')
  // SRP: refused at InitiateAuth or, at the latest, at the wrong proof
  const srp = await srpStart(pool, 'una')
  const srpError = srp.init.status === 200 ? (await call(pool, 'RespondToAuthChallenge', await srp.answer(wrong))).body.__type : srp.init.body.__type
  assert.equal(srpError, 'UserNotConfirmedException')
  // and the right password still says the same
  assert.equal((await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'una', PASSWORD: PW } })).type, 'UserNotConfirmedException')
  // these attempts did not lock the user out: once confirmed, the right password signs in
  for (let i = 0; i < 6; i++) await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'una', PASSWORD: wrong } })
  assert.equal((await admin(pool, 'AdminConfirmSignUp', { Username: 'una' })).status, 200)
  const signedIn = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'una', PASSWORD: PW } })
  assert.equal(signedIn.status, 200)
  assert.ok(signedIn.body.AuthenticationResult?.AccessToken)
})

test('SignUp answers with a Session only from an app client that allows USER_AUTH', async () => {
  const pool = createLocalPool({
    shareKeys: true,
    clients: [{}, { clientId: 'srponlyclient0000000000000', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
  })
  const signUp = (clientId: string, name: string) => call(pool, 'SignUp', { ClientId: clientId, Username: name, Password: PW, UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }] })
  const withUserAuth = await signUp(pool.clientId, 'ann')
  assert.equal(withUserAuth.status, 200)
  assert.ok(withUserAuth.body.Session, 'a client with USER_AUTH (all flows by default) gets a Session')
  const without = await signUp('srponlyclient0000000000000', 'ben')
  assert.equal(without.status, 200)
  assert.equal(without.body.UserConfirmed, false)
  assert.ok(without.body.UserSub)
  assert.equal('Session' in without.body, false, 'no Session from a client without ALLOW_USER_AUTH')
  // confirming still works, and gives no Session either
  const confirmed = await call(pool, 'ConfirmSignUp', { ClientId: 'srponlyclient0000000000000', Username: 'ben', ConfirmationCode: pool.lastCode('ben', 'SignUp') })
  assert.equal(confirmed.status, 200)
  assert.equal(confirmed.body.Session, undefined)
})

test('a ListUsers PaginationToken is refused with another Filter, and good with the same one', async () => {
  const users = Array.from({ length: 5 }, (_, i) => ({ username: `user${i}`, attributes: { email: `user${i}@example.com`, name: i < 3 ? 'team-a' : 'team-b' } }))
  const pool = createLocalPool({ shareKeys: true, users })
  const first = await admin(pool, 'ListUsers', { Limit: 1, Filter: 'email ^= "user"' })
  assert.equal(first.status, 200)
  const token = first.body.PaginationToken
  assert.ok(token)
  const dropped = await admin(pool, 'ListUsers', { Limit: 1, PaginationToken: token })
  assert.deepEqual([dropped.status, dropped.body.__type], [400, 'InvalidParameterException'], 'the Filter left out')
  const other = await admin(pool, 'ListUsers', { Limit: 1, Filter: 'name = "team-a"', PaginationToken: token })
  assert.deepEqual([other.status, other.body.__type], [400, 'InvalidParameterException'], 'another Filter')
  const same = await admin(pool, 'ListUsers', { Limit: 1, Filter: 'email ^= "user"', PaginationToken: token })
  assert.equal(same.status, 200)
  assert.deepEqual(same.body.Users.map((u: { Username: string }) => u.Username), ['user1'])
  // without a Filter, a token works without one (and AttributesToGet or Limit may change between pages)
  const plain = await admin(pool, 'ListUsers', { Limit: 2 })
  const next = await admin(pool, 'ListUsers', { Limit: 3, AttributesToGet: ['email'], PaginationToken: plain.body.PaginationToken })
  assert.equal(next.status, 200)
  assert.deepEqual(next.body.Users.map((u: { Username: string }) => u.Username), ['user2', 'user3', 'user4'])
})

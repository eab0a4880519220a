/**
 * The local pool's user-side account operations (src/local/account.ts) at the edges a mutation
 * round found unguarded: ConfirmSignUp when the attribute its code was sent to is gone,
 * ResendConfirmationCode for a confirmed user, ForgotPassword for a disabled user and for one
 * still holding an administrator's temporary password, and which attributes
 * GetUserAttributeVerificationCode sends a code for, and what ChangePassword answers during a
 * lockout. Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, ok, signedFor, srpLogin } from '../support/local.ts'

async function admin(pool: LocalPool, op: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const body = { UserPoolId: pool.poolId, ...input }
  const r = await call(pool, op, body, await signedFor(pool, op, body))
  assert.equal(r.status, 200, `${op}: ${JSON.stringify(r.body)}`)
  return r.body
}

const attributesOf = async (pool: LocalPool, name: string): Promise<Record<string, string>> =>
  Object.fromEntries((await admin(pool, 'AdminGetUser', { Username: name })).UserAttributes.map((a: { Name: string; Value: string }) => [a.Name, a.Value]))

test('ConfirmSignUp marks verified only an attribute the user still has: with the email deleted, there is no email_verified', async () => {
  const pool = createLocalPool({ shareKeys: true })
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'carol', Password: PW, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] })
  const code = pool.lastCode('carol', 'SignUp')!
  await admin(pool, 'AdminDeleteUserAttributes', { Username: 'carol', UserAttributeNames: ['email'] })
  await ok(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'carol', ConfirmationCode: code })
  const attrs = await attributesOf(pool, 'carol')
  assert.equal((await admin(pool, 'AdminGetUser', { Username: 'carol' })).UserStatus, 'CONFIRMED')
  assert.deepEqual([attrs['email'], attrs['email_verified']], [undefined, undefined], 'no email, so nothing says it was verified')
})

test('ResendConfirmationCode for a confirmed user is InvalidParameterException "User is already confirmed."', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com', email_verified: 'true' } }] })
  const e = await errorOf(pool, 'ResendConfirmationCode', { ClientId: pool.clientId, Username: 'alice' })
  assert.deepEqual([e.type, e.message], ['InvalidParameterException', 'User is already confirmed.'])
  assert.equal(pool.lastCode('alice'), undefined, 'no code was sent')
})

test('ForgotPassword for a disabled user is NotAuthorizedException "User is disabled.", and sends no code', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com', email_verified: 'true' } }] })
  await admin(pool, 'AdminDisableUser', { Username: 'alice' })
  const e = await errorOf(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'alice' })
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', 'User is disabled.'])
  assert.equal(pool.lastCode('alice', 'ForgotPassword'), undefined)
})

// "If the user status is FORCE_CHANGE_PASSWORD, then users can't use the ForgotPassword API and
// they don't receive the verification code" (https://repost.aws/knowledge-center/cognito-forgot-password);
// the answer, from captures in aws-amplify/amplify-flutter#3048 and #424 and
// aws/aws-aspnet-cognito-identity-provider#37 (a user with a verified email):
const CURRENT_STATE = ['NotAuthorizedException', 'User password cannot be reset in the current state.']

test('ForgotPassword for a user with a temporary password (FORCE_CHANGE_PASSWORD) is refused and sends no code, even with a verified email', async () => {
  const pool = createLocalPool({ shareKeys: true })
  await admin(pool, 'AdminCreateUser', { Username: 'dave', TemporaryPassword: 'Temp-pass-1!', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'dave@example.com' }, { Name: 'email_verified', Value: 'true' }] })
  const e = await errorOf(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'dave' })
  assert.deepEqual([e.type, e.message], CURRENT_STATE)
  assert.equal(pool.lastCode('dave', 'ForgotPassword'), undefined, 'no code was sent')
  const r = await srpLogin(pool, 'dave', 'Temp-pass-1!')
  assert.equal(r.body.ChallengeName, 'NEW_PASSWORD_REQUIRED', 'the temporary password still signs in, to be replaced')
})

test('a reset code sent before an administrator set a temporary password does not reset it: the user keeps FORCE_CHANGE_PASSWORD', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com', email_verified: 'true' } }] })
  await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'alice' })
  const code = pool.lastCode('alice', 'ForgotPassword')!
  await admin(pool, 'AdminSetUserPassword', { Username: 'alice', Password: 'Temp-pass-1!', Permanent: false })
  const e = await errorOf(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: 'alice', ConfirmationCode: code, Password: 'N3w-password!' })
  assert.deepEqual([e.type, e.message], CURRENT_STATE)
  assert.equal((await admin(pool, 'AdminGetUser', { Username: 'alice' })).UserStatus, 'FORCE_CHANGE_PASSWORD')
  assert.equal((await srpLogin(pool, 'alice', 'Temp-pass-1!')).body.ChallengeName, 'NEW_PASSWORD_REQUIRED')
})

test('GetUserAttributeVerificationCode sends codes for email and phone_number only, and only when the user has one', async () => {
  // "email" and "phone_number" are the attributes Cognito verifies (developer guide, "Verifying
  // contact information at sign-up"); other attributes have no code to send
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com', name: 'Alice' } }] })
  const token = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult.AccessToken
  const codeFor = (AttributeName: string) => errorOf(pool, 'GetUserAttributeVerificationCode', { AccessToken: token, AttributeName })
  assert.equal((await codeFor('name')).type, 'InvalidParameterException', 'name is not a verifiable attribute, though alice has one')
  assert.equal((await codeFor('phone_number')).type, 'InvalidParameterException', 'alice has no phone number')
  assert.equal(pool.lastCode('alice', 'VerifyAttribute'), undefined, 'nothing was sent')
  const sent = await ok(pool, 'GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email' })
  assert.deepEqual([sent.CodeDeliveryDetails.AttributeName, sent.CodeDeliveryDetails.DeliveryMedium], ['email', 'EMAIL'])
})

test('ChangePassword with wrong previous passwords ends in LimitExceededException, while the sign-in lockout is NotAuthorizedException', async () => {
  // captured by an AWS engineer for both operations (aws-amplify/aws-sdk-android#627): ChangePassword
  // "LimitExceededException: Attempt limit exceeded, please try after some time.", a failed
  // sign-in NotAuthorizedException; the model declares LimitExceededException for ChangePassword
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  const at = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult.AccessToken
  const change = (previous: string) => errorOf(pool, 'ChangePassword', { AccessToken: at, PreviousPassword: previous, ProposedPassword: 'N3w-password!' })
  const answers: string[] = []
  for (let i = 0; i < 5; i++) answers.push((await change('Wrong-one1!')).type)
  assert.deepEqual(answers, ['NotAuthorizedException', 'NotAuthorizedException', 'NotAuthorizedException', 'NotAuthorizedException', 'LimitExceededException'])
  const locked = await change(PW)
  assert.deepEqual([locked.type, locked.message], ['LimitExceededException', 'Attempt limit exceeded, please try after some time.'])
  const signIn = await srpLogin(pool, 'alice', PW)
  assert.deepEqual([signIn.body.__type, signIn.body.message], ['NotAuthorizedException', 'Password attempts exceeded'])
})

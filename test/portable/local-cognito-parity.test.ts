/**
 * Places where the local pool answered differently from real Cognito, each pinned to where
 * Cognito's behaviour is documented: the service model's error lists and members, the API
 * reference and developer guide, and public captures of Cognito's answers.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, ok, signedFor, srpLogin } from '../support/local.ts'

const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }

test('RevokeToken answers client failures with UnauthorizedException, the only authorisation error its model declares', async () => {
  // the service model lists TooManyRequests, InternalError, Unauthorized, InvalidParameter,
  // UnsupportedOperation, UnsupportedTokenType, Forbidden and OperationNotEnabled for RevokeToken:
  // neither NotAuthorizedException nor ResourceNotFoundException
  const secret = 'sek0123456789abcdefghijklmnop'
  const pool = createLocalPool({ shareKeys: true, users: [alice], clients: [{}, { clientId: 'secretclient', clientSecret: secret }] })
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const t2 = (await srpLogin(pool, 'alice', PW, { clientId: 'secretclient', secret })).body.AuthenticationResult
  const unknown = await errorOf(pool, 'RevokeToken', { Token: t.RefreshToken, ClientId: 'nosuchclient' })
  assert.equal(unknown.type, 'UnauthorizedException')
  const other = await errorOf(pool, 'RevokeToken', { Token: t.RefreshToken, ClientId: 'secretclient', ClientSecret: secret })
  assert.equal(other.type, 'UnauthorizedException')
  const wrong = await errorOf(pool, 'RevokeToken', { Token: t2.RefreshToken, ClientId: 'secretclient', ClientSecret: 'wrong0123456789abcdefghijklmnop' })
  assert.equal(wrong.type, 'UnauthorizedException')
  const none = await errorOf(pool, 'RevokeToken', { Token: t2.RefreshToken, ClientId: 'secretclient' })
  assert.equal(none.type, 'UnauthorizedException')
  assert.ok(!wrong.message.includes(secret.slice(0, 8)))
  // nothing was revoked by the refused calls; the right client and secret still revoke
  const refresh = (rt: string, clientId: string, extra = {}) => call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: rt, ...extra } })
  assert.equal((await refresh(t.RefreshToken, pool.clientId)).status, 200)
  assert.deepEqual(await ok(pool, 'RevokeToken', { Token: t2.RefreshToken, ClientId: 'secretclient', ClientSecret: secret }), {})
})

test('AdminCreateUser: a TemporaryPassword must conform to the pool password policy; a generated one always does', async () => {
  // API reference, AdminCreateUser TemporaryPassword: "This password must conform to the
  // password policy that you specified when you created the user pool."
  // password sign-in only: with one-time codes allowed, no password would be generated
  const pool = createLocalPool({ shareKeys: true, passwordPolicy: { minimumLength: 24 }, allowedFirstAuthFactors: ['PASSWORD'] })
  const admin = async (input: Record<string, unknown>) => call(pool, 'AdminCreateUser', input, await signedFor(pool, 'AdminCreateUser', input))
  const weak = await admin({ UserPoolId: pool.poolId, Username: 'dan', TemporaryPassword: 'x', MessageAction: 'SUPPRESS' })
  assert.deepEqual([weak.status, weak.body.__type], [400, 'InvalidPasswordException'])
  assert.equal(pool.user('dan'), undefined, 'nothing created')
  const short = await admin({ UserPoolId: pool.poolId, Username: 'dan', TemporaryPassword: 'Temp-pass-1!', MessageAction: 'SUPPRESS' })
  assert.equal(short.body.__type, 'InvalidPasswordException', 'the policy asks for 24 characters')
  // without TemporaryPassword the pool makes one, and it meets this policy: the user can change it
  const made = await admin({ UserPoolId: pool.poolId, Username: 'erin', UserAttributes: [{ Name: 'email', Value: 'erin@example.com' }], DesiredDeliveryMediums: ['EMAIL'] })
  assert.equal(made.status, 200)
  const temp = pool.lastCode('erin', 'Invitation')!
  assert.ok(temp.length >= 24, temp.length.toString())
  const ch = await srpLogin(pool, 'erin', temp)
  assert.equal(ch.body.ChallengeName, 'NEW_PASSWORD_REQUIRED')
})

test('a pool with email or phone aliases refuses usernames in that format, on SignUp and AdminCreateUser', async () => {
  // developer guide (user pool attributes): "If you select email address as an alias, Amazon
  // Cognito doesn't accept a user name that matches a valid email address format. Similarly, if
  // you select phone number as an alias, Amazon Cognito doesn't accept a user name ... that
  // matches a valid phone number format." The email message is Cognito's, as captured in
  // aws-amplify/amplify-js#8800 and amazon-archives/awsmobile-cli#178.
  const pool = createLocalPool({ shareKeys: true, aliasAttributes: ['email', 'phone_number'] })
  const email = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bob@example.com', Password: PW, UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] })
  assert.deepEqual([email.type, email.message], ['InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.'])
  const phone = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: '+15555550100', Password: PW })
  assert.equal(phone.type, 'InvalidParameterException')
  const input = { UserPoolId: pool.poolId, Username: 'carol@example.com', MessageAction: 'SUPPRESS' }
  const admin = await errorOf(pool, 'AdminCreateUser', input, await signedFor(pool, 'AdminCreateUser', input))
  assert.equal(admin.type, 'InvalidParameterException')
  assert.equal(pool.user('bob@example.com'), undefined)
  // a plain username with the email as an alias is how such a pool is used
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bob', Password: PW, UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] })
  // a pool with only preferred_username as an alias takes an email-shaped username
  const plain = createLocalPool({ shareKeys: true, aliasAttributes: ['preferred_username'] })
  await ok(plain, 'SignUp', { ClientId: plain.clientId, Username: 'dan@example.com', Password: PW })
})

test('confirming an email another user holds as a verified alias: AliasExistsException, unless ForceAliasCreation moves it', async () => {
  // the model lists AliasExistsException for ConfirmSignUp and VerifyUserAttribute and gives
  // ConfirmSignUp a ForceAliasCreation member; the API reference: "If set to False, the API will
  // throw an AliasExistsException error", if True it migrates the alias to the confirmed user.
  // Message as captured in public client code: "An account with the phone_number already exists."
  const pool = createLocalPool({ shareKeys: true, aliasAttributes: ['email'], users: [alice] })
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bob', Password: PW, UserAttributes: [{ Name: 'email', Value: 'Alice@example.com' }] })
  const code = pool.lastCode('bob', 'SignUp')!
  const e = await errorOf(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'bob', ConfirmationCode: code })
  assert.deepEqual([e.type, e.message], ['AliasExistsException', 'An account with the email already exists.'])
  assert.equal(pool.user('bob')!.status, 'UNCONFIRMED')
  assert.equal(pool.user('alice@example.com')!.username, 'alice', 'the alias still signs alice in')
  // the same code, forced: bob is confirmed and takes the alias
  await ok(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'bob', ConfirmationCode: code, ForceAliasCreation: true })
  assert.equal(pool.user('alice@example.com')!.username, 'bob')
  assert.equal(pool.user('alice')!.attributes['email_verified'], 'false')
  // alice verifies the address again (VerifyUserAttribute has no force): refused
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  await ok(pool, 'GetUserAttributeVerificationCode', { AccessToken: t.AccessToken, AttributeName: 'email' })
  const v = await errorOf(pool, 'VerifyUserAttribute', { AccessToken: t.AccessToken, AttributeName: 'email', Code: pool.lastCode('alice', 'VerifyAttribute')! })
  assert.equal(v.type, 'AliasExistsException')
  assert.equal(pool.user('alice')!.attributes['email_verified'], 'false')
})

test('VerifySoftwareToken with a wrong code: EnableSoftwareTokenMFAException with Cognito\'s message', async () => {
  // the message as Cognito sends it, seen by aws-amplify/amplify-ui's end-to-end sign-in tests
  // ("Then I see 'Code mismatch and fail enable Software Token MFA'") and mapped by public client code
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  await ok(pool, 'AssociateSoftwareToken', { AccessToken: t.AccessToken })
  const right = await pool.totpCode('alice')
  const e = await errorOf(pool, 'VerifySoftwareToken', { AccessToken: t.AccessToken, UserCode: right === '000000' ? '111111' : '000000' })
  assert.deepEqual([e.type, e.message], ['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'])
})

test('AdminDisableUser revokes the access tokens the user holds: enabled again, the old ones stay refused', async () => {
  // API reference, AdminDisableUser: "Deactivates a user profile and revokes all access tokens
  // for the user." Refresh tokens are not named: after AdminEnableUser they mint working tokens.
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const admin = async (op: string) => {
    const input = { UserPoolId: pool.poolId, Username: 'alice' }
    assert.equal((await call(pool, op, input, await signedFor(pool, op, input))).status, 200)
  }
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  assert.equal((await call(pool, 'GetUser', { AccessToken: t.AccessToken })).status, 200)
  await admin('AdminDisableUser')
  await admin('AdminEnableUser')
  const e = await errorOf(pool, 'GetUser', { AccessToken: t.AccessToken })
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', 'Access Token has been revoked'])
  const r = await ok(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: t.RefreshToken } })
  assert.equal((await call(pool, 'GetUser', { AccessToken: r.AuthenticationResult.AccessToken })).status, 200)
  const again = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  assert.equal((await call(pool, 'GetUser', { AccessToken: again.AccessToken })).status, 200)
})

test('PreventUserExistenceErrors ENABLED: a disabled user with a wrong password gets "Incorrect username or password."', async () => {
  // developer guide, managing user existence errors (ENABLED): "If a user is disabled and the
  // password is incorrect, the error will also indicate that either the username or password is
  // incorrect." Only the right password learns that the account is disabled.
  const pool = createLocalPool({ shareKeys: true, users: [alice, { ...alice, username: 'bob', enabled: false, attributes: {} }], clients: [{}, { clientId: 'legacyclient', preventUserExistenceErrors: 'LEGACY' }] })
  const password = (pw: string, clientId = pool.clientId) => errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'bob', PASSWORD: pw } })
  assert.deepEqual(await password('Wrong-pass1!'), { type: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 })
  assert.equal((await password(PW)).message, 'User is disabled.')
  // SRP: the challenge comes as for anyone; the answer tells
  const wrong = await srpLogin(pool, 'bob', 'Wrong-pass1!')
  assert.deepEqual([wrong.body.__type, wrong.body.message], ['NotAuthorizedException', 'Incorrect username or password.'])
  const right = await srpLogin(pool, 'bob', PW)
  assert.deepEqual([right.body.__type, right.body.message], ['NotAuthorizedException', 'User is disabled.'])
  // LEGACY clients reveal it at once, as before
  assert.equal((await password('Wrong-pass1!', 'legacyclient')).message, 'User is disabled.')
})

test('changing an email to one another user signs in with is AliasExistsException (UpdateUserAttributes, AdminUpdateUserAttributes)', async () => {
  // the model lists AliasExistsException for UpdateUserAttributes and AdminUpdateUserAttributes:
  // an email that is another user's username (email as username) or verified alias cannot be
  // given to a second user, or a sign-in by that address would reach either
  const pool = createLocalPool({ shareKeys: true, usernameAttributes: ['email'], users: [{ username: 'ann@example.com', password: PW }, { username: 'ben@example.com', password: PW }] })
  const t = (await srpLogin(pool, 'ben@example.com', PW)).body.AuthenticationResult
  const e = await errorOf(pool, 'UpdateUserAttributes', { AccessToken: t.AccessToken, UserAttributes: [{ Name: 'email', Value: 'ANN@example.com' }] })
  assert.equal(e.type, 'AliasExistsException')
  assert.equal(pool.user('ann@example.com')!.attributes['email'], 'ann@example.com')
  assert.equal(pool.user('ben@example.com')!.attributes['email'], 'ben@example.com', 'nothing changed')
  await ok(pool, 'UpdateUserAttributes', { AccessToken: t.AccessToken, UserAttributes: [{ Name: 'email', Value: 'ben2@example.com' }] })
  // an alias pool: an admin marking the address verified for a second user
  const aliases = createLocalPool({ shareKeys: true, aliasAttributes: ['email'], users: [alice, { username: 'bob', password: PW }] })
  const input = { UserPoolId: aliases.poolId, Username: 'bob', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }] }
  const a = await errorOf(aliases, 'AdminUpdateUserAttributes', input, await signedFor(aliases, 'AdminUpdateUserAttributes', input))
  assert.equal(a.type, 'AliasExistsException')
  assert.equal(aliases.user('alice@example.com')!.username, 'alice')
})

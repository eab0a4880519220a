import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AwsClient } from 'aws4fetch'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, jwtPart, manualClock, ok, srpLogin } from '../support/local.ts'

const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }
const creds = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret-key' }

/** A SigV4-signed admin call (aws4fetch signs; the pool recomputes the signature). */
async function admin(pool: LocalPool, op: string, input: Record<string, unknown>, c = creds): Promise<{ status: number; body: any }> {
  const aws = new AwsClient({ ...c, service: 'cognito-idp', region: pool.region })
  const req = await aws.sign(pool.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` },
    body: JSON.stringify({ UserPoolId: pool.poolId, ...input }),
  })
  const res = await pool.fetch(req)
  return { status: res.status, body: await res.json() }
}

test('sign-up, the emailed code, confirmation, and the password policy', async () => {
  const pool = createLocalPool({ shareKeys: true })
  const weak = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'carol', Password: 'alllowercase1!', UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] })
  assert.deepEqual(weak, { type: 'InvalidPasswordException', message: 'Password did not conform with policy: Password must have uppercase characters', status: 400 })
  assert.equal(pool.user('carol'), undefined, 'nothing created on failure')
  const up = await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'carol', Password: PW, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] })
  assert.equal(up.UserConfirmed, false)
  assert.deepEqual(up.CodeDeliveryDetails, { Destination: 'c***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' })
  assert.equal(up.UserSub, pool.user('carol')!.sub)
  assert.equal((await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'carol', Password: PW })).type, 'UsernameExistsException')
  // not confirmed yet: SRP proves the password, then UserNotConfirmedException
  assert.equal((await srpLogin(pool, 'carol', PW)).body.__type, 'UserNotConfirmedException')
  assert.equal((await errorOf(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'carol', ConfirmationCode: '000000' === pool.lastCode('carol') ? '111111' : '000000' })).type, 'CodeMismatchException')
  await ok(pool, 'ResendConfirmationCode', { ClientId: pool.clientId, Username: 'carol' })
  const code = pool.lastCode('carol', 'SignUp')!
  await ok(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'carol', ConfirmationCode: code })
  assert.equal(pool.user('carol')!.status, 'CONFIRMED')
  assert.equal(pool.user('carol')!.attributes['email_verified'], 'true')
  assert.equal((await errorOf(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'carol', ConfirmationCode: code })).message, 'User cannot be confirmed. Current status is CONFIRMED')
  const t = (await srpLogin(pool, 'carol', PW)).body.AuthenticationResult
  assert.equal(jwtPart(t.IdToken).email_verified, true)
})

test('codes expire, and too many wrong codes give LimitExceededException', async () => {
  const clock = manualClock(Date.now())
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, maxCodeAttempts: 3, users: [alice] })
  await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'alice' })
  const code = pool.lastCode('alice', 'ForgotPassword')!
  const wrong = code === '000000' ? '111111' : '000000'
  const confirm = (c: string) => errorOf(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: 'alice', ConfirmationCode: c, Password: 'N3w-password!' })
  assert.equal((await confirm(wrong)).type, 'CodeMismatchException')
  assert.equal((await confirm(wrong)).type, 'CodeMismatchException')
  const limit = await confirm(wrong)
  assert.deepEqual(limit, { type: 'LimitExceededException', message: 'Attempt limit exceeded, please try after some time.', status: 400 })
  assert.equal((await confirm(code)).type, 'LimitExceededException', 'locked even with the right code')
  assert.equal((await srpLogin(pool, 'alice', PW)).status, 200, 'the old password still works')
  clock.advance(3601_000)
  assert.equal((await confirm(code)).type, 'ExpiredCodeException')
  await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'alice' })
  await ok(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: 'alice', ConfirmationCode: pool.lastCode('alice')!, Password: 'N3w-password!' })
  assert.equal((await srpLogin(pool, 'alice', PW)).body.__type, 'NotAuthorizedException')
  assert.equal((await srpLogin(pool, 'alice', 'N3w-password!')).status, 200)
})

test('forgot password hides unknown users unless LEGACY', async () => {
  const pool = createLocalPool({ shareKeys: true, clients: [{}, { clientId: 'legacy', preventUserExistenceErrors: 'LEGACY' }] })
  const r = await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'ghost@example.com' })
  assert.equal(r.CodeDeliveryDetails.DeliveryMedium, 'EMAIL')
  assert.equal(pool.messages.length, 0)
  assert.equal((await errorOf(pool, 'ForgotPassword', { ClientId: 'legacy', Username: 'ghost' })).type, 'UserNotFoundException')
})

test('change password, attributes, verification codes and deleting the user', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const at = t.AccessToken
  assert.equal((await errorOf(pool, 'ChangePassword', { AccessToken: at, PreviousPassword: 'Wrong-one1!', ProposedPassword: 'N3w-password!' })).message, 'Incorrect username or password.')
  assert.equal((await errorOf(pool, 'ChangePassword', { AccessToken: at, PreviousPassword: PW, ProposedPassword: 'NoDigits-here' })).type, 'InvalidPasswordException')
  await ok(pool, 'ChangePassword', { AccessToken: at, PreviousPassword: PW, ProposedPassword: 'N3w-password!' })
  assert.equal((await srpLogin(pool, 'alice', 'N3w-password!')).status, 200)
  const upd = await ok(pool, 'UpdateUserAttributes', { AccessToken: at, UserAttributes: [{ Name: 'email', Value: 'alice@new.example' }, { Name: 'name', Value: 'Alice' }] })
  assert.equal(upd.CodeDeliveryDetailsList[0].Destination, 'a***@n***')
  assert.equal(pool.user('alice')!.attributes['email_verified'], 'false')
  assert.equal((await errorOf(pool, 'UpdateUserAttributes', { AccessToken: at, UserAttributes: [{ Name: 'shoe_size', Value: '9' }] })).type, 'InvalidParameterException')
  await ok(pool, 'GetUserAttributeVerificationCode', { AccessToken: at, AttributeName: 'email' })
  assert.equal((await errorOf(pool, 'VerifyUserAttribute', { AccessToken: at, AttributeName: 'email', Code: 'nope' })).type, 'CodeMismatchException')
  await ok(pool, 'VerifyUserAttribute', { AccessToken: at, AttributeName: 'email', Code: pool.lastCode('alice', 'VerifyAttribute')! })
  assert.equal(pool.user('alice')!.attributes['email_verified'], 'true')
  await ok(pool, 'DeleteUserAttributes', { AccessToken: at, UserAttributeNames: ['name'] })
  const me = await ok(pool, 'GetUser', { AccessToken: at })
  assert.equal(me.UserAttributes.find((a: any) => a.Name === 'name'), undefined)
  assert.equal(me.UserAttributes.find((a: any) => a.Name === 'email').Value, 'alice@new.example')
  await ok(pool, 'DeleteUser', { AccessToken: at })
  assert.equal(pool.user('alice'), undefined)
  assert.equal((await errorOf(pool, 'GetUser', { AccessToken: at })).type, 'NotAuthorizedException')
})

test('admin operations need SigV4, verified when the pool has credentials', async () => {
  const pool = createLocalPool({ shareKeys: true, credentials: creds, users: [alice] })
  assert.equal((await errorOf(pool, 'AdminGetUser', { UserPoolId: pool.poolId, Username: 'alice' })).type, 'MissingAuthenticationTokenException')
  const forged = await admin(pool, 'AdminGetUser', { Username: 'alice' }, { ...creds, secretAccessKey: 'wrong' })
  assert.equal(forged.body.__type, 'InvalidSignatureException')
  const stranger = await admin(pool, 'AdminGetUser', { Username: 'alice' }, { ...creds, accessKeyId: 'AKIDOTHER' })
  assert.equal(stranger.body.__type, 'UnrecognizedClientException')
  const got = await admin(pool, 'AdminGetUser', { Username: 'alice' })
  assert.equal(got.status, 200)
  assert.equal(got.body.UserStatus, 'CONFIRMED')
  assert.equal(got.body.Enabled, true)
  // without configured credentials, the pool generates its own: they sign
  const open = createLocalPool({ shareKeys: true, users: [alice] })
  assert.equal((await admin(open, 'AdminGetUser', { Username: 'alice' }, open.credentials)).status, 200)
  assert.equal((await errorOf(open, 'AdminGetUser', { UserPoolId: open.poolId, Username: 'alice' }, { authorization: 'Bearer x' })).type, 'IncompleteSignatureException')
})

test('admin lifecycle: create with a temporary password, disable/enable, reset, set password, groups, list', async () => {
  // password sign-in only: with one-time codes allowed, AdminCreateUser makes no temporary password
  const pool = createLocalPool({ shareKeys: true, credentials: creds, allowedFirstAuthFactors: ['PASSWORD'] })
  const created = await admin(pool, 'AdminCreateUser', { Username: 'dave', UserAttributes: [{ Name: 'email', Value: 'dave@example.com' }, { Name: 'email_verified', Value: 'true' }], DesiredDeliveryMediums: ['EMAIL'] })
  assert.equal(created.body.User.UserStatus, 'FORCE_CHANGE_PASSWORD')
  const temp = pool.lastCode('dave', 'Invitation')!
  assert.equal((await admin(pool, 'AdminCreateUser', { Username: 'dave' })).body.__type, 'UsernameExistsException')
  const ch = await srpLogin(pool, 'dave', temp)
  assert.equal(ch.body.ChallengeName, 'NEW_PASSWORD_REQUIRED')
  await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: pool.clientId, Session: ch.body.Session, ChallengeResponses: { USERNAME: 'dave', NEW_PASSWORD: PW } })
  // disabled users cannot sign in or refresh; enabled again, they can
  const t = (await srpLogin(pool, 'dave', PW)).body.AuthenticationResult
  assert.equal((await admin(pool, 'AdminDisableUser', { Username: 'dave' })).status, 200)
  const dis = await srpLogin(pool, 'dave', PW)
  assert.deepEqual([dis.body.__type, dis.body.message], ['NotAuthorizedException', 'User is disabled.'])
  assert.equal((await call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: t.RefreshToken } })).body.message, 'User is disabled.')
  await admin(pool, 'AdminEnableUser', { Username: 'dave' })
  assert.equal((await srpLogin(pool, 'dave', PW)).status, 200)
  // groups appear in tokens, ordered by precedence
  assert.equal((await admin(pool, 'CreateGroup', { GroupName: 'editors', Precedence: 2 })).status, 200)
  await admin(pool, 'CreateGroup', { GroupName: 'admins', Precedence: 1, Description: 'all powers' })
  assert.equal((await admin(pool, 'CreateGroup', { GroupName: 'admins' })).body.__type, 'GroupExistsException')
  await admin(pool, 'AdminAddUserToGroup', { Username: 'dave', GroupName: 'editors' })
  await admin(pool, 'AdminAddUserToGroup', { Username: 'dave', GroupName: 'admins' })
  assert.equal((await admin(pool, 'AdminAddUserToGroup', { Username: 'dave', GroupName: 'nope' })).body.__type, 'ResourceNotFoundException')
  assert.deepEqual(jwtPart((await srpLogin(pool, 'dave', PW)).body.AuthenticationResult.AccessToken)['cognito:groups'], ['admins', 'editors'])
  assert.deepEqual((await admin(pool, 'AdminListGroupsForUser', { Username: 'dave' })).body.Groups.map((g: any) => g.GroupName), ['admins', 'editors'])
  assert.equal((await admin(pool, 'GetGroup', { GroupName: 'admins' })).body.Group.Description, 'all powers')
  assert.ok((await admin(pool, 'ListGroups', { Limit: 1 })).body.NextToken)
  await admin(pool, 'AdminRemoveUserFromGroup', { Username: 'dave', GroupName: 'editors' })
  assert.deepEqual(pool.user('dave')!.groups, ['admins'])
  // reset: PasswordResetRequiredException until the emailed code is used
  await admin(pool, 'AdminResetUserPassword', { Username: 'dave' })
  assert.equal((await srpLogin(pool, 'dave', PW)).body.__type, 'PasswordResetRequiredException')
  await ok(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: 'dave', ConfirmationCode: pool.lastCode('dave', 'ForgotPassword')!, Password: 'An0ther-pass!' })
  assert.equal((await srpLogin(pool, 'dave', 'An0ther-pass!')).status, 200)
  await admin(pool, 'AdminSetUserPassword', { Username: 'dave', Password: 'Perm4nent-pass!', Permanent: true })
  assert.equal((await srpLogin(pool, 'dave', 'Perm4nent-pass!')).status, 200)
  await admin(pool, 'AdminSetUserPassword', { Username: 'dave', Password: 'Temp0rary-pass!', Permanent: false })
  assert.equal((await srpLogin(pool, 'dave', 'Temp0rary-pass!')).body.ChallengeName, 'NEW_PASSWORD_REQUIRED')
  // attributes, listing, confirming, MFA, admin auth, sign-out, delete
  await admin(pool, 'AdminUpdateUserAttributes', { Username: 'dave', UserAttributes: [{ Name: 'given_name', Value: 'Dave' }] })
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'erin', Password: PW })
  assert.equal((await admin(pool, 'ListUsers', { Filter: 'given_name = "Dave"' })).body.Users.map((u: any) => u.Username).join(), 'dave')
  assert.equal((await admin(pool, 'ListUsers', { Filter: 'cognito:user_status = "UNCONFIRMED"' })).body.Users[0].Username, 'erin')
  assert.equal((await admin(pool, 'ListUsers', { Filter: 'username ^= "da"', AttributesToGet: ['email'] })).body.Users[0].Attributes.length, 1)
  assert.equal((await admin(pool, 'ListUsers', { Filter: 'bogus' })).body.message, 'Error while parsing filter.')
  assert.ok((await admin(pool, 'ListUsers', { Limit: 1 })).body.PaginationToken)
  await admin(pool, 'AdminConfirmSignUp', { Username: 'erin' })
  assert.equal(pool.user('erin')!.status, 'CONFIRMED')
  assert.equal((await admin(pool, 'AdminConfirmSignUp', { Username: 'erin' })).body.__type, 'NotAuthorizedException')
  const auth = await admin(pool, 'AdminInitiateAuth', { ClientId: pool.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'erin', PASSWORD: PW } })
  assert.ok(auth.body.AuthenticationResult.AccessToken)
  assert.equal((await admin(pool, 'AdminInitiateAuth', { ClientId: pool.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'erin', PASSWORD: 'bad' } })).body.__type, 'NotAuthorizedException')
  const secret = pool.setMfa('erin', { totp: true, preferred: 'SOFTWARE_TOKEN_MFA' })!
  assert.match(secret, /^[A-Z2-7]+$/)
  const mfa = await admin(pool, 'AdminInitiateAuth', { ClientId: pool.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'erin', PASSWORD: PW } })
  assert.equal(mfa.body.ChallengeName, 'SOFTWARE_TOKEN_MFA')
  const done = await admin(pool, 'AdminRespondToAuthChallenge', { ClientId: pool.clientId, ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: mfa.body.Session, ChallengeResponses: { USERNAME: 'erin', SOFTWARE_TOKEN_MFA_CODE: await pool.totpCode('erin') } })
  assert.ok(done.body.AuthenticationResult)
  await admin(pool, 'AdminSetUserMFAPreference', { Username: 'erin', SoftwareTokenMfaSettings: { Enabled: false } })
  assert.deepEqual(pool.user('erin')!.mfa, [])
  await admin(pool, 'AdminUserGlobalSignOut', { Username: 'erin' })
  assert.equal((await errorOf(pool, 'GetUser', { AccessToken: done.body.AuthenticationResult.AccessToken })).message, 'Access Token has been revoked')
  await admin(pool, 'AdminDeleteUserAttributes', { Username: 'dave', UserAttributeNames: ['given_name'] })
  assert.equal(pool.user('dave')!.attributes['given_name'], undefined)
  assert.equal((await admin(pool, 'AdminListDevices', { Username: 'dave' })).body.Devices.length, 0)
  assert.equal((await admin(pool, 'AdminForgetDevice', { Username: 'dave', DeviceKey: 'us-east-1_0000' })).body.__type, 'ResourceNotFoundException')
  await admin(pool, 'AdminDeleteUser', { Username: 'dave' })
  assert.equal((await admin(pool, 'AdminGetUser', { Username: 'dave' })).body.__type, 'UserNotFoundException')
  assert.equal((await admin(pool, 'AdminGetUser', { UserPoolId: 'us-east-1_Other', Username: 'erin' })).body.__type, 'ResourceNotFoundException')
  const client = (await admin(pool, 'DescribeUserPoolClient', { ClientId: pool.clientId })).body.UserPoolClient
  assert.equal(client.ClientId, pool.clientId)
  assert.equal(client.PreventUserExistenceErrors, 'ENABLED')
})

test('explicit auth flows restrict what a client may use', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice], clients: [{ explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }] })
  const e = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  assert.deepEqual([e.type, e.message], ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'])
  assert.equal((await srpLogin(pool, 'alice', PW)).status, 200)
  assert.equal((await errorOf(pool, 'InitiateAuth', { AuthFlow: 'ADMIN_NO_SRP_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })).type, 'InvalidParameterException')
})

test('client updates reset omitted settings like Cognito; identity providers; group membership listing', async () => {
  const pool = createLocalPool({ shareKeys: true, credentials: creds, users: [{ ...alice, groups: ['g1'] }], clients: [{ preventUserExistenceErrors: 'LEGACY', accessTokenValidity: 600 }] })
  const upd = await admin(pool, 'UpdateUserPoolClient', { ClientId: pool.clientId, ClientName: 'renamed', AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'hours' }, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 5 } })
  assert.equal(upd.status, 200)
  assert.equal(upd.body.UserPoolClient.ClientName, 'renamed')
  assert.equal(upd.body.UserPoolClient.AccessTokenValidity, 120)
  assert.equal(upd.body.UserPoolClient.PreventUserExistenceErrors, 'ENABLED', 'omitted: back to the default')
  assert.equal(upd.body.UserPoolClient.RefreshTokenRotation.Feature, 'ENABLED')
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  assert.equal(t.ExpiresIn, 7200)
  const idp = { ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'x', authorize_scopes: 'email' }, AttributeMapping: { email: 'email' } }
  assert.equal((await admin(pool, 'CreateIdentityProvider', idp)).body.IdentityProvider.ProviderType, 'Google')
  assert.equal((await admin(pool, 'CreateIdentityProvider', idp)).body.__type, 'DuplicateProviderException')
  await admin(pool, 'UpdateIdentityProvider', { ProviderName: 'Google', AttributeMapping: { email: 'email', name: 'name' } })
  assert.deepEqual((await admin(pool, 'DescribeIdentityProvider', { ProviderName: 'Google' })).body.IdentityProvider.AttributeMapping, { email: 'email', name: 'name' })
  assert.equal((await admin(pool, 'DescribeIdentityProvider', { ProviderName: 'Nope' })).body.__type, 'ResourceNotFoundException')
  assert.deepEqual((await admin(pool, 'ListUsersInGroup', { GroupName: 'g1' })).body.Users.map((u: any) => u.Username), ['alice'])
  await admin(pool, 'DeleteGroup', { GroupName: 'g1' })
  assert.deepEqual(pool.user('alice')!.groups, [])
  assert.equal((await admin(pool, 'AdminGetDevice', { Username: 'alice', DeviceKey: 'us-east-1_0000' })).body.__type, 'ResourceNotFoundException')
})

test('without a verified email or phone, ForgotPassword is refused and AdminResetUserPassword resets without a code', async () => {
  const pool = createLocalPool({ shareKeys: true, credentials: creds, users: [{ username: 'frank', password: PW, attributes: { email: 'frank@example.com', email_verified: 'false' } }] })
  const message = 'Cannot reset password for the user as there is no registered/verified email or phone_number'
  assert.deepEqual(await errorOf(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'frank' }), { type: 'InvalidParameterException', message, status: 400 })
  assert.equal(pool.user('frank')!.status, 'CONFIRMED', 'a refused ForgotPassword leaves the user as it was')
  // AdminResetUserPassword deactivates the password in any case and sends a code only "if ... a
  // verified phone number exists for the user, or ... a verified email exists" (API reference)
  const reset = await admin(pool, 'AdminResetUserPassword', { Username: 'frank' })
  assert.equal(reset.status, 200)
  assert.equal(pool.user('frank')!.status, 'RESET_REQUIRED')
  assert.equal(pool.messages.length, 0, 'no code was sent')
  assert.equal((await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'frank', PASSWORD: PW } })).type, 'PasswordResetRequiredException')
})

test('list operations page by their token: the last page names none, a bad token is refused', async () => {
  const pool = createLocalPool({ shareKeys: true, credentials: creds, users: [{ username: 'gina', password: PW, groups: ['a', 'b', 'c'] }, { username: 'hank', password: PW }] })
  const first = await admin(pool, 'ListGroups', { Limit: 2 })
  assert.deepEqual(first.body.Groups.map((g: any) => g.GroupName), ['a', 'b'])
  assert.ok(first.body.NextToken)
  const last = await admin(pool, 'ListGroups', { Limit: 2, NextToken: first.body.NextToken })
  assert.deepEqual(last.body.Groups.map((g: any) => g.GroupName), ['c'])
  assert.equal('NextToken' in last.body, false)
  const users = await admin(pool, 'ListUsers', { Limit: 2 })
  assert.equal(users.body.Users.length, 2)
  assert.equal('PaginationToken' in users.body, false)
  const bad = await admin(pool, 'ListUsersInGroup', { GroupName: 'a', NextToken: 'x' })
  assert.deepEqual([bad.status, bad.body.__type, bad.body.message], [400, 'InvalidParameterException', 'Invalid pagination token.'])
})

/**
 * Writes the issue-4 fixtures (fixtures/account-*.json, fixtures/admin-*.json).
 *
 * No real user pool was available, so these are CONSTRUCTED, and each file says so in `source`:
 * request and response bodies follow the shapes of model/cognito-idp.model.json (a test checks
 * every body against the model); status codes, headers and error bodies follow the real captures
 * in protocol.md §5 (HTTP 400, `{"__type","message"}`, `x-amzn-ErrorType: Name:`,
 * `x-amzn-ErrorMessage`, `x-amzn-RequestId`); error messages are the ones protocol.md §2.6 cites
 * where a capture exists. SECRET_HASH values are computed here (HMAC-SHA256, protocol.md §2.1).
 * Tokens are JWT-shaped with a placeholder signature (the tests never verify them).
 *
 * Run: `npx tsx scripts/make-account-fixtures.ts`
 */
import { createHmac } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('../fixtures/', import.meta.url))
export const POOL = 'eu-west-1_AbCdEf123'
export const CLIENT = '4example5client6id7abc'
export const SECRET = 'example-client-secret-1234567890'
const DATE = 'Thu, 26 Nov 2026 12:00:00 GMT'

const secretHash = (username: string): string => createHmac('sha256', SECRET).update(username + CLIENT).digest('base64')
const b64u = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url')
const jwt = (claims: Record<string, unknown>): string =>
  `${b64u({ kid: 'example-kid-1', alg: 'RS256' })}.${b64u(claims)}.${Buffer.from('placeholder-signature').toString('base64url')}`
const tokens = (username: string, sub: string) => ({
  AccessToken: jwt({ sub, iss: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`, client_id: CLIENT, token_use: 'access', scope: 'aws.cognito.signin.user.admin', exp: 1795000000, iat: 1794996400, username }),
  ExpiresIn: 3600,
  TokenType: 'Bearer',
  RefreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.placeholder-encrypted-refresh-token',
  IdToken: jwt({ sub, aud: CLIENT, iss: `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`, token_use: 'id', 'cognito:username': username, exp: 1795000000, iat: 1794996400 }),
})

let n = 0
const rid = (): string => `5d7a${String(++n).padStart(4, '0')}-1c2b-4e3f-9a8b-7c6d5e4f3a2b`
const ok = (body?: unknown) => ({
  status: 200,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': rid(), date: DATE },
  ...(body === undefined ? {} : { body }),
})
const err = (name: string, message: string) => ({
  status: 400,
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': rid(),
    'x-amzn-errortype': `${name}:`,
    'x-amzn-errormessage': message,
    date: DATE,
  },
  body: { __type: name, message },
})
const req = (operation: string, body: unknown, headers?: Record<string, string>) => ({ operation, ...(headers ? { headers } : {}), body })
const SIGNED = { authorization: '$any', 'x-amz-date': '$any' }

const CONSTRUCTED =
  'Constructed by scripts/make-account-fixtures.ts (no live pool): bodies follow the shapes of model/cognito-idp.model.json; ' +
  'status, headers and error bodies follow the real captures in protocol.md §5 (items 1, 2, 8, 9, 13)'
const email = { Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }
const ALICE_SUB = '7f3e9a52-1b4c-4d7e-8f21-3a6b9c0d2e41'
const BOB_SUB = '2c9b1f0e-8a7d-4e6c-b5a4-93f2e1d0c8b7'
const CREATED = 1794990000

function write(name: string, description: string, interactions: unknown[], source = CONSTRUCTED): void {
  writeFileSync(dir + name, JSON.stringify({ source, description, interactions }, null, 2) + '\n')
}

/* ---------------- user side ---------------- */

write('account-forgot-password.json', 'Forgot-password story with a client secret: code sent, wrong code, weak password, right code, sign-in with the new password', [
  { request: req('ForgotPassword', { ClientId: CLIENT, Username: 'alice', SecretHash: secretHash('alice'), ClientMetadata: { source: 'web' } }), response: ok({ CodeDeliveryDetails: email }) },
  {
    request: req('ConfirmForgotPassword', { ClientId: CLIENT, Username: 'alice', SecretHash: secretHash('alice'), ConfirmationCode: '123455', Password: 'N3w-Passw0rd!' }),
    response: err('CodeMismatchException', 'Invalid verification code provided, please try again.'),
  },
  {
    request: req('ConfirmForgotPassword', { ClientId: CLIENT, Username: 'alice', SecretHash: secretHash('alice'), ConfirmationCode: '123456', Password: 'short' }),
    response: err('InvalidPasswordException', 'Password did not conform with policy: Password not long enough'),
  },
  {
    request: req('ConfirmForgotPassword', { ClientId: CLIENT, Username: 'alice', SecretHash: secretHash('alice'), ConfirmationCode: '123456', Password: 'N3w-Passw0rd!' }),
    response: ok({}),
  },
  {
    request: req('InitiateAuth', { ClientId: CLIENT, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'N3w-Passw0rd!', SECRET_HASH: secretHash('alice') } }),
    response: ok({ AuthenticationResult: tokens('alice', ALICE_SUB), ChallengeParameters: {} }),
  },
])

write('account-forgot-password-expired.json', 'ConfirmForgotPassword with an expired code (headers as in the capture of protocol.md §5 item 2)', [
  { request: req('ForgotPassword', { ClientId: CLIENT, Username: 'alice' }), response: ok({ CodeDeliveryDetails: email }) },
  {
    request: req('ConfirmForgotPassword', { ClientId: CLIENT, Username: 'alice', ConfirmationCode: '654321', Password: 'N3w-Passw0rd!' }),
    response: err('ExpiredCodeException', 'Invalid code provided, please request a code again.'),
  },
])

write(
  'account-forgot-password-unknown-user.json',
  'User-existence hiding: with PreventUserExistenceErrors ENABLED, ForgotPassword for an unknown user answers 200 with a simulated CodeDeliveryDetails; a LEGACY pool answers UserNotFoundException',
  [
    { request: req('ForgotPassword', { ClientId: CLIENT, Username: 'nobody' }), response: ok({ CodeDeliveryDetails: { Destination: 'n***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }) },
    { request: req('ForgotPassword', { ClientId: CLIENT, Username: 'nobody' }), response: err('UserNotFoundException', 'Username/client id combination not found.') },
  ],
  CONSTRUCTED + '; the ENABLED / LEGACY behaviour is documented in the managing-errors page cited in protocol.md §2.6 and §5 item 19',
)

write('account-limit-exceeded.json', 'LimitExceededException on ForgotPassword: exactly one attempt, never retried (protocol.md §2.7)', [
  { request: req('ForgotPassword', { ClientId: CLIENT, Username: 'alice' }), response: err('LimitExceededException', 'Attempt limit exceeded, please try after some time.') },
])

write('account-change-password.json', 'Signed-in password change: sign in, wrong previous password, password breaking the policy, success', [
  {
    request: req('InitiateAuth', { ClientId: CLIENT, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Old-Passw0rd!' } }),
    response: ok({ AuthenticationResult: tokens('alice', ALICE_SUB), ChallengeParameters: {} }),
  },
  { request: req('ChangePassword', { AccessToken: '$any', PreviousPassword: 'Wrong-Passw0rd!', ProposedPassword: 'N3w-Passw0rd!' }), response: err('NotAuthorizedException', 'Incorrect username or password.') },
  { request: req('ChangePassword', { AccessToken: '$any', PreviousPassword: 'Old-Passw0rd!', ProposedPassword: 'short' }), response: err('InvalidPasswordException', 'Password did not conform with policy: Password not long enough') },
  { request: req('ChangePassword', { AccessToken: '$any', PreviousPassword: 'Old-Passw0rd!', ProposedPassword: 'N3w-Passw0rd!' }), response: ok({}) },
])

write('account-email-change.json', 'Email change + verification: update, wrong code, resend, right code, read back verified', [
  {
    request: req('UpdateUserAttributes', { AccessToken: 'access-token-alice', UserAttributes: [{ Name: 'email', Value: 'alice@new.example.com' }] }),
    response: ok({ CodeDeliveryDetailsList: [{ Destination: 'a***@n***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }] }),
  },
  { request: req('VerifyUserAttribute', { AccessToken: 'access-token-alice', AttributeName: 'email', Code: '111111' }), response: err('CodeMismatchException', 'Invalid verification code provided, please try again.') },
  { request: req('GetUserAttributeVerificationCode', { AccessToken: 'access-token-alice', AttributeName: 'email' }), response: ok({ CodeDeliveryDetails: { Destination: 'a***@n***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }) },
  { request: req('VerifyUserAttribute', { AccessToken: 'access-token-alice', AttributeName: 'email', Code: '222222' }), response: ok({}) },
  {
    request: req('GetUser', { AccessToken: 'access-token-alice' }),
    response: ok({ Username: 'alice', UserAttributes: [{ Name: 'sub', Value: ALICE_SUB }, { Name: 'email', Value: 'alice@new.example.com' }, { Name: 'email_verified', Value: 'true' }] }),
  },
])

write('account-registration.json', 'Registration: SignUp hashes the name being registered (not the client\'s username), expired code, resend, confirm, then a duplicate', [
  {
    request: req('SignUp', {
      ClientId: CLIENT,
      Username: 'carol',
      SecretHash: secretHash('carol'),
      Password: 'Car0l-Passw0rd!',
      UserAttributes: [
        { Name: 'email', Value: 'carol@example.com' },
        { Name: 'name', Value: 'Carol' },
        { Name: 'custom:team', Value: '7' },
        { Name: 'custom:newsletter', Value: 'false' },
        { Name: 'locale', Value: 'fr' },
      ],
      ClientMetadata: { campaign: 'spring' },
    }),
    response: ok({ UserConfirmed: false, CodeDeliveryDetails: { Destination: 'c***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }, UserSub: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', Session: 'AYABeExampleSessionOfSignUpForConfirmSignUp01' }),
  },
  { request: req('ConfirmSignUp', { ClientId: CLIENT, Username: 'carol', SecretHash: secretHash('carol'), ConfirmationCode: '135790' }), response: err('ExpiredCodeException', 'Invalid code provided, please request a code again.') },
  { request: req('ResendConfirmationCode', { ClientId: CLIENT, Username: 'carol', SecretHash: secretHash('carol') }), response: ok({ CodeDeliveryDetails: { Destination: 'c***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }) },
  // the SignUp Session sent back: ConfirmSignUp then answers with the Session USER_AUTH takes
  { request: req('ConfirmSignUp', { ClientId: CLIENT, Username: 'carol', SecretHash: secretHash('carol'), ConfirmationCode: '246801', ForceAliasCreation: false, Session: 'AYABeExampleSessionOfSignUpForConfirmSignUp01' }), response: ok({ Session: 'AYABeExampleSessionForUserAuthAfterSignUp0123' }) },
  { request: req('SignUp', { ClientId: CLIENT, Username: 'carol', SecretHash: secretHash('carol'), Password: 'Car0l-Passw0rd!', UserAttributes: [] }), response: err('UsernameExistsException', 'User already exists') },
])

write('account-registration-no-username.json', 'Registration on a client without a username and without a secret: confirmSignUp then uses the registered name', [
  { request: req('SignUp', { ClientId: CLIENT, Username: 'dave', Password: 'Dav3-Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'dave@example.com' }] }), response: ok({ UserConfirmed: false, UserSub: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' }) },
  { request: req('ConfirmSignUp', { ClientId: CLIENT, Username: 'dave', ConfirmationCode: '112233' }), response: ok({}) },
])

write('account-unconfirmed.json', 'Sign-in of a user who never confirmed sign-up', [
  {
    request: req('InitiateAuth', { ClientId: CLIENT, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dave', PASSWORD: 'Dav3-Passw0rd!' } }),
    response: err('UserNotConfirmedException', 'User is not confirmed.'),
  },
])

write('account-profile.json', 'Profile: GetUser into a UserObj, save only the changed attribute, delete an attribute, delete the user', [
  {
    request: req('GetUser', { AccessToken: 'access-token-alice' }),
    response: ok({
      Username: 'alice',
      UserAttributes: [
        { Name: 'sub', Value: ALICE_SUB },
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'phone_number_verified', Value: 'false' },
        { Name: 'given_name', Value: 'Alice' },
        { Name: 'custom:team', Value: '7' },
      ],
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    }),
  },
  { request: req('UpdateUserAttributes', { AccessToken: 'access-token-alice', UserAttributes: [{ Name: 'custom:team', Value: '8' }] }), response: ok({}) },
  { request: req('DeleteUserAttributes', { AccessToken: 'access-token-alice', UserAttributeNames: ['custom:team', 'given_name'] }), response: ok({}) },
  { request: req('DeleteUser', { AccessToken: 'access-token-alice' }), response: ok() },
])

write('account-mfa-settings.json', 'TOTP setup: associate, wrong code, right code, MFA preference', [
  { request: req('AssociateSoftwareToken', { AccessToken: 'access-token-alice' }), response: ok({ SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }) },
  { request: req('VerifySoftwareToken', { AccessToken: 'access-token-alice', UserCode: '000000', FriendlyDeviceName: 'Alice phone' }), response: err('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA') },
  { request: req('VerifySoftwareToken', { AccessToken: 'access-token-alice', UserCode: '492039', FriendlyDeviceName: 'Alice phone' }), response: ok({ Status: 'SUCCESS' }) },
  {
    request: req('SetUserMFAPreference', { AccessToken: 'access-token-alice', SMSMfaSettings: { Enabled: false, PreferredMfa: false }, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
    response: ok({}),
  },
  { request: req('VerifySoftwareToken', { AccessToken: 'access-token-alice', UserCode: '492039' }), response: ok({ Status: 'ERROR' }) },
])

write('account-call.json', 'Low-level call(): an access-token operation gets the token injected, an unauthenticated one is sent as given', [
  { request: req('ListDevices', { AccessToken: 'access-token-alice', Limit: 10 }), response: ok({ Devices: [] }) },
  { request: req('RevokeToken', { Token: 'refresh-token-alice', ClientId: CLIENT }), response: ok({}) },
])

/* ---------------- admin (SigV4) ---------------- */

write('admin-new-user-story.json', 'Admin creates a user with a temporary password; the user signs in, gets NEW_PASSWORD_REQUIRED, answers it and is signed in', [
  {
    request: req(
      'AdminCreateUser',
      { UserPoolId: POOL, Username: 'bob', TemporaryPassword: 'Temp0rary-Pass!', UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }, { Name: 'email_verified', Value: 'true' }], DesiredDeliveryMediums: ['EMAIL'] },
      SIGNED,
    ),
    response: ok({
      User: {
        Username: 'bob',
        Attributes: [{ Name: 'sub', Value: BOB_SUB }, { Name: 'email', Value: 'bob@example.com' }, { Name: 'email_verified', Value: 'true' }],
        UserCreateDate: CREATED,
        UserLastModifiedDate: CREATED,
        Enabled: true,
        UserStatus: 'FORCE_CHANGE_PASSWORD',
      },
    }),
  },
  {
    request: req('InitiateAuth', { ClientId: CLIENT, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'Temp0rary-Pass!' } }),
    response: ok({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ChallengeParameters: { USER_ID_FOR_SRP: 'bob', requiredAttributes: '[]', userAttributes: '{"email_verified":"true","email":"bob@example.com"}' },
      Session: 'AYABeNewPasswordRequiredExampleSession0123456789',
    }),
  },
  {
    request: req('RespondToAuthChallenge', { ClientId: CLIENT, ChallengeName: 'NEW_PASSWORD_REQUIRED', ChallengeResponses: { USERNAME: 'bob', NEW_PASSWORD: 'B0b-Own-Passw0rd!' }, Session: 'AYABeNewPasswordRequiredExampleSession0123456789' }),
    response: ok({ AuthenticationResult: tokens('bob', BOB_SUB), ChallengeParameters: {} }),
  },
], CONSTRUCTED + '; the NEW_PASSWORD_REQUIRED challenge parameters follow the capture of protocol.md §5 item 7')

const bobAttrs = [{ Name: 'sub', Value: BOB_SUB }, { Name: 'email', Value: 'bob@example.com' }, { Name: 'email_verified', Value: 'true' }, { Name: 'given_name', Value: 'Bob' }]
write('admin-users.json', 'Admin user management on one user, every request SigV4-signed', [
  {
    request: req('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }, SIGNED),
    response: ok({ Username: 'bob', UserAttributes: bobAttrs, UserCreateDate: CREATED, UserLastModifiedDate: CREATED + 60, Enabled: true, UserStatus: 'CONFIRMED', PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] }),
  },
  { request: req('AdminUpdateUserAttributes', { UserPoolId: POOL, Username: 'bob', UserAttributes: [{ Name: 'given_name', Value: 'Robert' }] }, SIGNED), response: ok({}) },
  { request: req('AdminDisableUser', { UserPoolId: POOL, Username: 'bob' }, SIGNED), response: ok({}) },
  { request: req('AdminEnableUser', { UserPoolId: POOL, Username: 'bob' }, SIGNED), response: ok({}) },
  { request: req('AdminConfirmSignUp', { UserPoolId: POOL, Username: 'bob' }, SIGNED), response: ok({}) },
  { request: req('AdminResetUserPassword', { UserPoolId: POOL, Username: 'bob', ClientMetadata: { reason: 'support-ticket' } }, SIGNED), response: ok({}) },
  { request: req('AdminSetUserPassword', { UserPoolId: POOL, Username: 'bob', Password: 'P3rmanent-Pass!', Permanent: true }, SIGNED), response: ok({}) },
  { request: req('AdminSetUserPassword', { UserPoolId: POOL, Username: 'bob', Password: 'Temp0rary-Pass2!', Permanent: false }, SIGNED), response: ok({}) },
  { request: req('AdminSetUserMFAPreference', { UserPoolId: POOL, Username: 'bob', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }, SIGNED), response: ok({}) },
  { request: req('AdminAddUserToGroup', { UserPoolId: POOL, Username: 'bob', GroupName: 'editors' }, SIGNED), response: ok() },
  {
    request: req('AdminListGroupsForUser', { UserPoolId: POOL, Username: 'bob', Limit: 60 }, SIGNED),
    response: ok({ Groups: [{ GroupName: 'editors', UserPoolId: POOL, Precedence: 2, CreationDate: CREATED, LastModifiedDate: CREATED }], NextToken: 'next-groups-page-token-1' }),
  },
  {
    request: req('AdminListGroupsForUser', { UserPoolId: POOL, Username: 'bob', Limit: 60, NextToken: 'next-groups-page-token-1' }, SIGNED),
    response: ok({ Groups: [{ GroupName: 'readers', UserPoolId: POOL, CreationDate: CREATED, LastModifiedDate: CREATED }] }),
  },
  { request: req('AdminRemoveUserFromGroup', { UserPoolId: POOL, Username: 'bob', GroupName: 'editors' }, SIGNED), response: ok() },
  { request: req('AdminDeleteUser', { UserPoolId: POOL, Username: 'bob' }, SIGNED), response: ok() },
])

const listedUser = (name: string, sub: string) => ({ Username: name, Attributes: [{ Name: 'sub', Value: sub }, { Name: 'email', Value: `${name}@example.com` }], UserCreateDate: CREATED, UserLastModifiedDate: CREATED, Enabled: true, UserStatus: 'CONFIRMED' })
write('admin-list.json', 'ListUsers with Filter / Limit / AttributesToGet over two pages; GetGroup; ListGroups over two pages', [
  {
    request: req('ListUsers', { UserPoolId: POOL, Filter: 'email ^= "a"', Limit: 2, AttributesToGet: ['sub', 'email'] }, SIGNED),
    response: ok({ Users: [listedUser('alice', ALICE_SUB), listedUser('anna', '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d')], PaginationToken: 'users-page-2-token' }),
  },
  {
    request: req('ListUsers', { UserPoolId: POOL, Filter: 'email ^= "a"', Limit: 2, AttributesToGet: ['sub', 'email'], PaginationToken: 'users-page-2-token' }, SIGNED),
    response: ok({ Users: [listedUser('arthur', '6f5e4d3c-2b1a-4098-a7b6-c5d4e3f2a1b0')] }),
  },
  {
    request: req('GetGroup', { UserPoolId: POOL, GroupName: 'editors' }, SIGNED),
    response: ok({ Group: { GroupName: 'editors', UserPoolId: POOL, Description: 'Can edit', RoleArn: 'arn:aws:iam::123456789012:role/editors', Precedence: 2, LastModifiedDate: CREATED + 10, CreationDate: CREATED } }),
  },
  { request: req('ListGroups', { UserPoolId: POOL }, SIGNED), response: ok({ Groups: [{ GroupName: 'editors', UserPoolId: POOL }], NextToken: 'groups-page-2-token' }) },
  { request: req('ListGroups', { UserPoolId: POOL, NextToken: 'groups-page-2-token' }, SIGNED), response: ok({ Groups: [{ GroupName: 'readers', UserPoolId: POOL }] }) },
])

const idp = { UserPoolId: POOL, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'google-client-id', authorize_scopes: 'openid email' }, AttributeMapping: { email: 'email' }, LastModifiedDate: CREATED, CreationDate: CREATED }
const appClient = { UserPoolId: POOL, ClientName: 'web', ClientId: CLIENT, LastModifiedDate: CREATED, CreationDate: CREATED, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], PreventUserExistenceErrors: 'ENABLED' }
write('admin-idp-client.json', 'Identity providers and app clients, plus call() for a SigV4 operation and for an access-token one', [
  {
    request: req('CreateIdentityProvider', { UserPoolId: POOL, ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'google-client-id', authorize_scopes: 'openid email' }, AttributeMapping: { email: 'email' } }, SIGNED),
    response: ok({ IdentityProvider: idp }),
  },
  { request: req('DescribeIdentityProvider', { UserPoolId: POOL, ProviderName: 'Google' }, SIGNED), response: ok({ IdentityProvider: idp }) },
  { request: req('UpdateIdentityProvider', { UserPoolId: POOL, ProviderName: 'Google', AttributeMapping: { email: 'email', name: 'name' } }, SIGNED), response: ok({ IdentityProvider: { ...idp, AttributeMapping: { email: 'email', name: 'name' } } }) },
  { request: req('DescribeUserPoolClient', { UserPoolId: POOL, ClientId: CLIENT }, SIGNED), response: ok({ UserPoolClient: appClient }) },
  {
    request: req('UpdateUserPoolClient', { UserPoolId: POOL, ClientId: CLIENT, ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], PreventUserExistenceErrors: 'ENABLED' }, SIGNED),
    response: ok({ UserPoolClient: appClient }),
  },
  { request: req('DescribeUserPool', { UserPoolId: POOL }, SIGNED), response: ok({ UserPool: { Id: POOL, Name: 'example-pool', MfaConfiguration: 'OPTIONAL' } }) },
  { request: req('GetUser', { AccessToken: 'access-token-bob' }), response: ok({ Username: 'bob', UserAttributes: [{ Name: 'sub', Value: BOB_SUB }] }) },
])

write('admin-auth.json', 'adminAuthenticate (ADMIN_USER_PASSWORD_AUTH with a client secret) → SOFTWARE_TOKEN_MFA → AdminRespondToAuthChallenge → tokens with NewDeviceMetadata', [
  {
    request: req('AdminInitiateAuth', { UserPoolId: POOL, ClientId: CLIENT, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob@example.com', PASSWORD: 'B0b-Own-Passw0rd!', SECRET_HASH: secretHash('bob@example.com') } }, SIGNED),
    response: ok({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: { FRIENDLY_DEVICE_NAME: 'Bob phone', USER_ID_FOR_SRP: 'bob', USERNAME: 'bob' }, Session: 'AYABeSoftwareTokenMfaExampleSession0123456789' }),
  },
  {
    request: req(
      'AdminRespondToAuthChallenge',
      { UserPoolId: POOL, ClientId: CLIENT, ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeResponses: { USERNAME: 'bob', SOFTWARE_TOKEN_MFA_CODE: '123456', SECRET_HASH: secretHash('bob') }, Session: 'AYABeSoftwareTokenMfaExampleSession0123456789' },
      SIGNED,
    ),
    response: ok({ AuthenticationResult: { ...tokens('bob', BOB_SUB), NewDeviceMetadata: { DeviceGroupKey: '-nNwnPidS', DeviceKey: 'eu-west-1_b2ed4f4b-0c1d-4e2f-8a3b-4c5d6e7f8a9b' } }, ChallengeParameters: {} }),
  },
], CONSTRUCTED + '; the SOFTWARE_TOKEN_MFA challenge follows protocol.md §5 item 17 and the NewDeviceMetadata item 6')

write('admin-auth-srp.json', 'authenticate({ flow: USER_PASSWORD_AUTH }) on AdminCognito is sent as AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH; first a disabled user is refused, then a success', [
  {
    request: req('AdminInitiateAuth', { UserPoolId: POOL, ClientId: CLIENT, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'B0b-Own-Passw0rd!' } }, SIGNED),
    response: err('NotAuthorizedException', 'User is disabled.'),
  },
  {
    request: req('AdminInitiateAuth', { UserPoolId: POOL, ClientId: CLIENT, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD: 'B0b-Own-Passw0rd!' } }, SIGNED),
    response: ok({ AuthenticationResult: tokens('bob', BOB_SUB), ChallengeParameters: {} }),
  },
])

write('admin-rejected-credentials.json', 'Credentials the server rejects: an unknown access key, then a wrong secret key', [
  { request: req('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }, SIGNED), response: err('UnrecognizedClientException', 'The security token included in the request is invalid.') },
  {
    request: req('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }, SIGNED),
    response: err('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'),
  },
], 'Constructed by scripts/make-account-fixtures.ts: UnrecognizedClientException and InvalidSignatureException are AWS-wide errors of the JSON protocols, not in the Cognito model; names and messages are those AWS JSON-protocol services return for an unknown access key and a bad signature. Headers follow protocol.md §5 item 2')

write('admin-sigv4-golden.json', 'AdminGetUser signed with the AWS documentation example keys at 20150830T123600Z: the Authorization header must equal the value in runtimes.md §3', [
  {
    request: req(
      'AdminGetUser',
      { UserPoolId: 'us-east-1_abc', Username: 'alice' },
      { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=a779ad30565e646ccf9188179918f298eae04a0e3aa484dab59ae7876fde4ead', 'x-amz-date': '20150830T123600Z' },
    ),
    response: ok({ Username: 'alice', UserAttributes: [{ Name: 'sub', Value: ALICE_SUB }], Enabled: true, UserStatus: 'CONFIRMED' }),
  },
], 'Request signature from runtimes.md §3 (aws4fetch 1.0.20 signing this exact AdminGetUser body with the AWS SigV4 documentation keys AKIDEXAMPLE / wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, identical on five runtimes); the response is constructed from the model shape AdminGetUserResponse')

write('admin-retry-resign.json', 'A throttled signed call is retried and re-signed (a fresh x-amz-date and signature per attempt)', [
  { request: req('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }, SIGNED), response: err('TooManyRequestsException', 'Rate exceeded') },
  { request: req('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }, SIGNED), response: ok({ Username: 'bob', UserAttributes: [{ Name: 'sub', Value: BOB_SUB }], Enabled: true, UserStatus: 'CONFIRMED' }) },
], CONSTRUCTED + '; TooManyRequestsException "Rate exceeded" with HTTP 400 as in protocol.md §5 item 12')

console.log('fixtures written')

/**
 * Passwords, registration, verification, profile, MFA settings and `call()` on the user-side
 * Cognito client, replayed from fixtures with every request asserted.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ArgumentError,
  CodeMismatchException,
  Cognito,
  EnableSoftwareTokenMFAException,
  ExpiredCodeException,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthenticatedError,
  NotAuthorizedException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
  type CognitoOptions,
} from '../../src/index.ts'
import { CLIENT, fixtures, POOL, SECRET } from '../support/account-fixtures.ts'
import { replay } from '../support/replay.ts'

/** A client on a fixture; retries have no delay so a wrongly retried error shows up at once. */
function setup(name: string, options: Partial<CognitoOptions> = {}) {
  const fx = fixtures[name]
  assert.ok(fx, name)
  const r = replay(fx)
  // the fixtures' tokens were minted at iat 1794996400: run on that clock, not the wall clock
  const client = new Cognito({ userPoolId: POOL, clientId: CLIENT, fetch: r.fetch, retry: { random: () => 0 }, now: () => 1794996400_000 + 60_000, ...options })
  return { client, r }
}

const noFetch = async (): Promise<Response> => assert.fail('no request may be made')
const isService = (cls: { errorName: string }, message?: string) => (e: unknown) => {
  assert.ok(e instanceof Error && e.name === cls.errorName, `expected ${cls.errorName}, got ${String(e)}`)
  assert.ok(e instanceof (cls as unknown as new () => Error))
  assert.equal((e as { status?: number }).status, 400)
  assert.equal((e as { retryable?: boolean }).retryable, false)
  if (message !== undefined) assert.equal(e.message, message)
  return true
}

test('story: forgot password → wrong code → weak password → new password → sign in (client secret)', async () => {
  const { client, r } = setup('account-forgot-password', { username: 'alice', clientSecret: SECRET })
  const where = await client.initiateForgotPassword({ clientMetadata: { source: 'web' } })
  assert.deepEqual(where, { Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' })
  await assert.rejects(client.confirmForgotPassword('123455', 'N3w-Passw0rd!'), isService(CodeMismatchException, 'Invalid verification code provided, please try again.'))
  await assert.rejects(client.confirmForgotPassword('123456', 'short'), isService(InvalidPasswordException))
  await client.confirmForgotPassword('123456', 'N3w-Passw0rd!')
  const res = await client.authenticate('N3w-Passw0rd!', { flow: 'USER_PASSWORD_AUTH' })
  assert.equal(client.accessToken, res.accessToken)
  r.done()
  for (const s of r.seen) assert.equal(s.headers['authorization'], undefined, 'no Authorization header on user-side calls')
  assert.ok(!JSON.stringify(client).includes('Passw0rd') && !String(client).includes('Passw0rd'))
})

test('forgot password: an expired code is ExpiredCodeException with Cognito\'s request id', async () => {
  const { client, r } = setup('account-forgot-password-expired', { username: 'alice' })
  await client.initiateForgotPassword()
  await assert.rejects(client.confirmForgotPassword('654321', 'N3w-Passw0rd!'), (e: unknown) => {
    assert.ok(e instanceof ExpiredCodeException)
    assert.match(e.requestId ?? '', /^5d7a/)
    return true
  })
  r.done()
})

test('forgot password on a pool that hides user existence "succeeds" for an unknown user; a LEGACY pool says UserNotFound', async () => {
  const { client, r } = setup('account-forgot-password-unknown-user', { username: 'nobody' })
  // PreventUserExistenceErrors = ENABLED: a simulated delivery, indistinguishable from a real one
  assert.equal((await client.initiateForgotPassword())?.DeliveryMedium, 'EMAIL')
  await assert.rejects(client.initiateForgotPassword(), isService(UserNotFoundException))
  r.done()
})

test('LimitExceededException is never retried, even with retries enabled', async () => {
  const { client, r } = setup('account-limit-exceeded', { username: 'alice', retry: { maxAttempts: 5, random: () => 0 } })
  await assert.rejects(client.initiateForgotPassword(), isService(LimitExceededException, 'Attempt limit exceeded, please try after some time.'))
  assert.equal(r.seen.length, 1)
  r.done()
})

test('story: signed-in password change (wrong previous, policy violation, success); tokens untouched by failures', async () => {
  const { client, r } = setup('account-change-password', { username: 'alice' })
  await client.authenticate('Old-Passw0rd!', { flow: 'USER_PASSWORD_AUTH' })
  const token = client.accessToken
  await assert.rejects(client.changePassword('Wrong-Passw0rd!', 'N3w-Passw0rd!'), isService(NotAuthorizedException, 'Incorrect username or password.'))
  await assert.rejects(client.changePassword('Old-Passw0rd!', 'short'), isService(InvalidPasswordException))
  assert.equal(client.accessToken, token)
  await client.changePassword('Old-Passw0rd!', 'N3w-Passw0rd!')
  assert.equal((r.seen[3]?.body as { AccessToken?: string }).AccessToken, token, 'the signed-in user\'s access token is sent')
  r.done()
})

test('story: email change + verification, then the profile shows the verified address', async () => {
  const { client, r } = setup('account-email-change', { username: 'alice', accessToken: 'access-token-alice' })
  const sent = await client.updateProfile({ email: 'alice@new.example.com' })
  assert.deepEqual(sent, [{ Destination: 'a***@n***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }])
  await assert.rejects(client.validateVerification('111111'), isService(CodeMismatchException))
  assert.equal((await client.sendVerification())?.Destination, 'a***@n***.com')
  assert.deepEqual(await client.validateVerification('222222', 'email'), {})
  const me = await client.getUser()
  assert.equal(me.attributes['email'], 'alice@new.example.com')
  assert.equal(me.emailVerified, true)
  r.done()
})

test('registration: SecretHash over the name being registered, base + custom attributes, expired code, resend, confirm, duplicate', async () => {
  const { client, r } = setup('account-registration', { username: 'alice', clientSecret: SECRET })
  const base = Object.freeze({ email: 'carol@example.com', name: 'Carol' })
  const custom = Object.freeze({ team: 7, newsletter: false })
  client.setBaseAttributes(base).addCustomAttributes(custom)
  const out = await client.register('carol', 'Car0l-Passw0rd!', { attributes: Object.freeze({ locale: 'fr' }), clientMetadata: { campaign: 'spring' } })
  assert.equal(out.UserConfirmed, false)
  assert.equal(out.CodeDeliveryDetails?.Destination, 'c***@e***.com')
  assert.deepEqual(custom, { team: 7, newsletter: false }, 'caller objects are not modified')
  assert.equal(client.username, 'alice', 'an instance that has a username keeps it')
  await assert.rejects(client.confirmSignUp('135790', 'carol'), isService(ExpiredCodeException))
  assert.equal((await client.resendConfirmationCode('carol'))?.AttributeName, 'email')
  const confirmed = await client.confirmSignUp('246801', 'carol', { forceAliasCreation: false, session: out.Session })
  assert.equal(confirmed.Session, 'AYABeExampleSessionForUserAuthAfterSignUp0123')
  const again = new Cognito({ userPoolId: POOL, clientId: CLIENT, username: 'alice', clientSecret: SECRET, fetch: r.fetch })
  await assert.rejects(again.register('carol', 'Car0l-Passw0rd!'), isService(UsernameExistsException))
  r.done()
})

test('registration without a username on the client: register sets it and confirmSignUp uses it', async () => {
  const { client, r } = setup('account-registration-no-username')
  await client.register('dave', 'Dav3-Passw0rd!', { attributes: { email: 'dave@example.com' } })
  assert.equal(client.username, 'dave')
  await client.confirmSignUp('112233')
  r.done()
})

test('an unconfirmed user cannot sign in (UserNotConfirmedException)', async () => {
  const { client, r } = setup('account-unconfirmed', { username: 'dave' })
  await assert.rejects(client.authenticate('Dav3-Passw0rd!', { flow: 'USER_PASSWORD_AUTH' }), isService(UserNotConfirmedException, 'User is not confirmed.'))
  assert.equal(client.accessToken, undefined)
  r.done()
})

test('profile: getUser → UserObj (lifted flags, attrMap), save sends only the change, deleteUserAttributes, delete', async () => {
  const { client, r } = setup('account-profile', { username: 'alice', accessToken: 'access-token-alice' })
  const attrMap = { 'custom:team': 'team' }
  const me = await client.getUser({ attrMap })
  assert.equal(me.username, 'alice')
  assert.equal(me.sub, '7f3e9a52-1b4c-4d7e-8f21-3a6b9c0d2e41')
  assert.equal(me.emailVerified, true)
  assert.equal(me.phoneNumberVerified, false)
  assert.deepEqual(me.attributes, { email: 'alice@example.com', given_name: 'Alice', team: '7' })
  assert.equal(me.metadata.preferredMfaSetting, 'SOFTWARE_TOKEN_MFA')
  assert.deepEqual(me.metadata.userMfaSettingList, ['SOFTWARE_TOKEN_MFA'])
  assert.equal(String(me), 'UserObj(alice)')
  me.attributes['team'] = '8'
  assert.deepEqual(await me.save(), [])
  assert.deepEqual(await me.save(), [], 'nothing changed: no request')
  await client.deleteUserAttributes(['team', 'given_name'], attrMap)
  await me.delete()
  assert.equal(client.accessToken, undefined, 'a deleted user\'s tokens are forgotten')
  r.done()
})

test('MFA settings: associate (secret + otpauth URI), wrong code, verify, preference, ERROR status', async () => {
  const { client, r } = setup('account-mfa-settings', { username: 'alice', accessToken: 'access-token-alice' })
  const setup1 = await client.associateSoftwareToken()
  assert.equal(setup1.secretCode, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
  assert.equal(setup1.otpauthUri('Example App'), 'otpauth://totp/Example%20App:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example%20App')
  assert.equal(setup1.otpauthUri(undefined, 'a@b.c'), 'otpauth://totp/a%40b.c?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
  await assert.rejects(client.verifySoftwareToken('000000', 'Alice phone'), isService(EnableSoftwareTokenMFAException))
  assert.equal(await client.verifySoftwareToken('492039', 'Alice phone'), true)
  await client.setUserMfaPreference({ sms: false, softwareToken: true })
  assert.equal(await client.verifySoftwareToken('492039'), false)
  r.done()
})

test('call(): access token injected for access-token operations, nothing added for unauthenticated ones', async () => {
  const { client, r } = setup('account-call', { username: 'alice', accessToken: 'access-token-alice' })
  const out = await client.call('ListDevices', { Limit: 10 })
  assert.deepEqual(out.Devices, [])
  await client.call('RevokeToken', { Token: 'refresh-token-alice', ClientId: CLIENT })
  r.done()
  // @ts-expect-error AdminGetUser is a SigV4 operation: not callable on the user-side client
  await assert.rejects(client.call('AdminGetUser', { UserPoolId: POOL, Username: 'x' }), (e: unknown) => e instanceof ArgumentError && /AdminCognito/.test(e.message))
})

test('bad input is refused before any request, naming the argument', async () => {
  const c = new Cognito({ userPoolId: POOL, clientId: CLIENT, fetch: noFetch })
  const arg = (name: string) => (e: unknown) => e instanceof ArgumentError && e.message.includes(`"${name}"`)
  await assert.rejects(c.initiateForgotPassword(), arg('username'))
  await assert.rejects(c.resendConfirmationCode(), arg('username'))
  await assert.rejects(c.confirmForgotPassword('', 'x'), arg('code'))
  await assert.rejects(c.register('bob', ''), arg('password'))
  await assert.rejects(c.register('bob', 'pw', { attributes: { age: {} as never } }), arg('attributes.age'))
  await assert.rejects(c.changePassword('a', 'b'), (e: unknown) => e instanceof NotAuthenticatedError && /ChangePassword/.test(e.message))
  await assert.rejects(c.getUser(), NotAuthenticatedError)
  const signedIn = new Cognito({ userPoolId: POOL, clientId: CLIENT, fetch: noFetch, accessToken: 't' })
  await assert.rejects(signedIn.changePassword('', 'b'), arg('previousPassword'))
  await assert.rejects(signedIn.validateVerification('1', ''), arg('attribute'))
  await assert.rejects(signedIn.verifySoftwareToken('12345'), arg('code'))
  await assert.rejects(signedIn.verifySoftwareToken('123456', ''), arg('deviceName'))
  await assert.rejects(signedIn.deleteUserAttributes([]), arg('names'))
  await assert.rejects(signedIn.setUserMfaPreference({ sms: true, preferred: 'SOFTWARE_TOKEN' }), arg('preferences.preferred'))
  await assert.rejects(signedIn.setUserMfaPreference({ sms: 'yes' as never }), arg('preferences.sms'))
  assert.throws(() => c.addCustomAttributes({ x: null as never }), arg('attributes.x'))
})

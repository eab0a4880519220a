/**
 * The account functions — passwords, registration, attribute verification, profile, MFA
 * settings and `call` — replayed from the recorded account fixtures with every request asserted:
 * what each returns, SecretHash over the right name, the access token sent (a string or a
 * function returning it), the service errors the fixtures hold and the arguments refused.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  associateSoftwareToken,
  authenticate,
  call,
  changePassword,
  CodeMismatchException,
  confirmForgotPassword,
  confirmSignUp,
  createClient,
  deleteUser,
  deleteUserAttributes,
  EnableSoftwareTokenMFAException,
  ExpiredCodeException,
  getUser,
  initiateForgotPassword,
  InvalidPasswordException,
  LimitExceededException,
  NotAuthorizedException,
  register,
  resendConfirmationCode,
  sendVerification,
  setUserMfaPreference,
  updateProfile,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
  validateVerification,
  verifySoftwareToken,
  type ClientOptions,
} from '../../src/index.ts'
import { CLIENT, fixtures, POOL, SECRET } from '../support/account-fixtures.ts'
import { answerOf, checkSecretHashes, noFetch, refused, secretHashOf, tokensFrom } from '../support/function-replay.ts'
import { replay } from '../support/replay.ts'

/** The account fixtures' tokens were minted at iat 1794996400: run on that clock. */
const NOW = 1794996400_000 + 60_000
const TOKEN = 'access-token-alice'

/** A client on a named account fixture; retries have no delay so a wrongly retried error shows up at once. */
function setup(name: string, options: Partial<ClientOptions> = {}) {
  const fx = fixtures[name]
  assert.ok(fx, name)
  const r = replay(fx)
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch: r.fetch, retry: { random: () => 0 }, now: () => NOW, ...options })
  return { client, fx, ...r }
}

/** A Cognito service error of class `cls` (status 400, not retryable), with `message` when given. */
const isService = (cls: { errorName: string }, message?: string) => (e: unknown) => {
  assert.ok(e instanceof (cls as unknown as new () => Error), `expected ${cls.errorName}, got ${String(e)}`)
  assert.equal(e.name, cls.errorName)
  assert.equal((e as { status?: number }).status, 400)
  assert.equal((e as { retryable?: boolean }).retryable, false)
  if (message !== undefined) assert.equal(e.message, message)
  return true
}

/** The AccessToken of every request sent. */
const tokensSent = (seen: Array<{ body: unknown }>): unknown[] => seen.map((s) => (s.body as { AccessToken?: string }).AccessToken)

test('forgot password with a client secret: code sent, wrong code, weak password, new password, sign-in with it', async () => {
  const { client, done, seen, fx } = setup('account-forgot-password', { clientSecret: SECRET })
  const where = await initiateForgotPassword(client, 'alice', { clientMetadata: { source: 'web' } })
  assert.deepEqual(where, { Destination: 'a***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' })
  await assert.rejects(confirmForgotPassword(client, 'alice', '123455', 'N3w-Passw0rd!'), isService(CodeMismatchException, 'Invalid verification code provided, please try again.'))
  await assert.rejects(confirmForgotPassword(client, 'alice', '123456', 'short'), isService(InvalidPasswordException))
  assert.equal(await confirmForgotPassword(client, 'alice', '123456', 'N3w-Passw0rd!'), undefined)
  const step = await authenticate(client, { username: 'alice', password: 'N3w-Passw0rd!', flow: 'USER_PASSWORD_AUTH' })
  assert.deepEqual(step, { tokens: tokensFrom(answerOf(fx), NOW), username: undefined })
  done()
  const hash = await secretHashOf('alice', CLIENT, SECRET)
  for (const s of seen.slice(0, 4)) assert.equal((s.body as { SecretHash?: string }).SecretHash, hash, `${s.operation} SecretHash over the username`)
  assert.deepEqual(await checkSecretHashes(seen, CLIENT, SECRET), ['alice'])
  for (const s of seen) assert.equal(s.headers['authorization'], undefined, 'no Authorization header on user-side calls')
})

test('forgot password: an expired code is ExpiredCodeException with Cognito\'s request id', async () => {
  const { client, done } = setup('account-forgot-password-expired')
  await initiateForgotPassword(client, 'alice')
  await assert.rejects(confirmForgotPassword(client, 'alice', '654321', 'N3w-Passw0rd!'), (e: unknown) => {
    assert.ok(e instanceof ExpiredCodeException)
    assert.match(e.requestId ?? '', /^5d7a/)
    return true
  })
  done()
})

test('forgot password for an unknown user: a simulated delivery where existence is hidden, UserNotFoundException on a LEGACY pool', async () => {
  const { client, done } = setup('account-forgot-password-unknown-user')
  assert.deepEqual(await initiateForgotPassword(client, 'nobody'), { Destination: 'n***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' })
  await assert.rejects(initiateForgotPassword(client, 'nobody'), isService(UserNotFoundException))
  done()
})

test('LimitExceededException is never retried, even with retries enabled', async () => {
  const { client, done, seen } = setup('account-limit-exceeded', { retry: { maxAttempts: 5, random: () => 0 } })
  await assert.rejects(initiateForgotPassword(client, 'alice'), isService(LimitExceededException, 'Attempt limit exceeded, please try after some time.'))
  assert.equal(seen.length, 1)
  done()
})

test('changePassword with the signed-in user\'s token (string or function): wrong previous, weak new, success', async () => {
  const { client, done, seen, fx } = setup('account-change-password')
  const { tokens } = await authenticate(client, { username: 'alice', password: 'Old-Passw0rd!', flow: 'USER_PASSWORD_AUTH' })
  assert.deepEqual(tokens, tokensFrom(answerOf(fx, 0), NOW))
  const token = tokens.accessToken
  await assert.rejects(changePassword(client, token, 'Wrong-Passw0rd!', 'N3w-Passw0rd!'), isService(NotAuthorizedException, 'Incorrect username or password.'))
  await assert.rejects(changePassword(client, async () => token, 'Old-Passw0rd!', 'short'), isService(InvalidPasswordException))
  assert.equal(await changePassword(client, () => token, 'Old-Passw0rd!', 'N3w-Passw0rd!'), undefined)
  done()
  assert.deepEqual(tokensSent(seen), [undefined, token, token, token])
})

test('email change and verification, then GetUser shows the verified address', async () => {
  const { client, done, seen, fx } = setup('account-email-change')
  assert.deepEqual(await updateProfile(client, TOKEN, { email: 'alice@new.example.com' }), [{ Destination: 'a***@n***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' }])
  await assert.rejects(validateVerification(client, TOKEN, '111111'), isService(CodeMismatchException))
  assert.deepEqual(await sendVerification(client, TOKEN), { Destination: 'a***@n***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' })
  assert.deepEqual(await validateVerification(client, () => TOKEN, '222222', 'email'), {})
  assert.deepEqual(await getUser(client, TOKEN), answerOf(fx))
  done()
  assert.deepEqual(tokensSent(seen), Array(5).fill(TOKEN))
})

test('registration: SecretHash over the name registered, attributes as strings, expired code, resend, confirm, duplicate', async () => {
  const { client, done, seen, fx } = setup('account-registration', { clientSecret: SECRET })
  const attributes = Object.freeze({ email: 'carol@example.com', name: 'Carol', 'custom:team': 7, 'custom:newsletter': false, locale: 'fr' })
  const up = await register(client, 'carol', 'Car0l-Passw0rd!', { attributes, clientMetadata: { campaign: 'spring' } })
  assert.deepEqual(up, answerOf(fx, 0))
  await assert.rejects(confirmSignUp(client, 'carol', '135790'), isService(ExpiredCodeException))
  assert.deepEqual(await resendConfirmationCode(client, 'carol'), { Destination: 'c***@e***.com', DeliveryMedium: 'EMAIL', AttributeName: 'email' })
  const confirmed = await confirmSignUp(client, 'carol', '246801', { forceAliasCreation: false, session: up.Session })
  assert.equal(confirmed.Session, 'AYABeExampleSessionForUserAuthAfterSignUp0123')
  await assert.rejects(register(client, 'carol', 'Car0l-Passw0rd!'), isService(UsernameExistsException))
  done()
  const hash = await secretHashOf('carol', CLIENT, SECRET)
  for (const s of seen) assert.equal((s.body as { SecretHash?: string }).SecretHash, hash, s.operation)
})

test('registration without a client secret sends no SecretHash', async () => {
  const { client, done, seen } = setup('account-registration-no-username')
  const out = await register(client, 'dave', 'Dav3-Passw0rd!', { attributes: { email: 'dave@example.com' } })
  assert.deepEqual(out, { UserConfirmed: false, UserSub: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e' })
  assert.deepEqual(await confirmSignUp(client, 'dave', '112233'), {})
  done()
  for (const s of seen) assert.ok(!('SecretHash' in (s.body as object)), s.operation)
})

test('an unconfirmed user cannot sign in (UserNotConfirmedException)', async () => {
  const { client, done } = setup('account-unconfirmed')
  await assert.rejects(authenticate(client, { username: 'dave', password: 'Dav3-Passw0rd!', flow: 'USER_PASSWORD_AUTH' }), isService(UserNotConfirmedException, 'User is not confirmed.'))
  done()
})

test('profile: getUser as Cognito returns it, updateProfile and deleteUserAttributes through attrMap, deleteUser', async () => {
  const { client, done, seen, fx } = setup('account-profile')
  const attrMap = { 'custom:team': 'team' }
  const me = await getUser(client, TOKEN)
  assert.deepEqual(me, answerOf(fx, 0))
  assert.deepEqual(await updateProfile(client, TOKEN, { team: 8 }, attrMap), [])
  assert.equal(await deleteUserAttributes(client, TOKEN, ['team', 'given_name'], attrMap), undefined)
  assert.equal(await deleteUser(client, async () => TOKEN), undefined)
  done()
  assert.deepEqual(tokensSent(seen), Array(4).fill(TOKEN))
})

test('MFA settings: associate (secret and otpauth URIs), wrong code, verify, preference, a verification that says ERROR', async () => {
  const { client, done } = setup('account-mfa-settings')
  const s = await associateSoftwareToken(client, TOKEN, { label: 'alice' })
  assert.equal(s.secretCode, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
  assert.equal(s.session, undefined)
  assert.equal(s.otpauthUri('Example App'), 'otpauth://totp/Example%20App:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example%20App')
  assert.equal(s.otpauthUri(undefined, 'a@b.c'), 'otpauth://totp/a%40b.c?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
  await assert.rejects(verifySoftwareToken(client, TOKEN, '000000', 'Alice phone'), isService(EnableSoftwareTokenMFAException))
  assert.equal(await verifySoftwareToken(client, TOKEN, '492039', 'Alice phone'), true)
  assert.equal(await setUserMfaPreference(client, TOKEN, { sms: false, softwareToken: true }), undefined)
  assert.equal(await verifySoftwareToken(client, TOKEN, '492039'), false)
  done()
})

test('call(): any user-side operation as given; a SigV4 operation is refused', async () => {
  const { client, done } = setup('account-call')
  assert.deepEqual(await call(client, 'ListDevices', { AccessToken: TOKEN, Limit: 10 }), { Devices: [] })
  assert.deepEqual(await call(client, 'RevokeToken', { Token: 'refresh-token-alice', ClientId: CLIENT }), {})
  done()
  // @ts-expect-error AdminGetUser is a SigV4 operation: not callable with a user-side client
  await refused(() => call(client, 'AdminGetUser', { UserPoolId: POOL, Username: 'x' }), '"operation" is unknown or needs createAdminClient', 'ERR_INVALID_ARG_VALUE')
})

test('account arguments are refused before any request (and before the token function is called), naming the argument', async () => {
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch: noFetch })
  const token = () => assert.fail('the token is asked for only once the arguments are accepted')
  await refused(() => initiateForgotPassword(client, ''), '"username"')
  await refused(() => resendConfirmationCode(client, undefined as never), '"username"')
  await refused(() => confirmForgotPassword(client, 'alice', '', 'x'), '"code"')
  await refused(() => confirmForgotPassword(client, 'alice', '123456', ''), '"password"')
  await refused(() => confirmSignUp(client, 'alice', ''), '"code"')
  await refused(() => register(client, 'bob', ''), '"password"')
  await refused(() => register(client, '', 'pw'), '"username"')
  await refused(() => register(client, 'bob', 'pw', { attributes: { age: {} as never } }), '"attributes.age"')
  await refused(() => changePassword(client, token, '', 'b'), '"previousPassword"')
  await refused(() => changePassword(client, token, 'a', ''), '"proposedPassword"')
  await refused(() => changePassword(client, '', 'a', 'b'), '"accessToken"')
  await refused(() => changePassword(client, () => '', 'a', 'b'), '"accessToken"')
  await refused(() => getUser(client, undefined as never), '"accessToken"')
  await refused(() => validateVerification(client, token, '1', ''), '"attribute"')
  await refused(() => validateVerification(client, token, '', 'email'), '"code"')
  await refused(() => sendVerification(client, token, ''), '"attribute"')
  await refused(() => verifySoftwareToken(client, token, '12345'), '"code" must be 6 digits', 'ERR_INVALID_ARG_VALUE')
  // a number of 6 digits is not told it must be 6 digits
  await refused(() => verifySoftwareToken(client, token, 123456 as never), '"code" must be a non-empty string', 'ERR_INVALID_ARG_TYPE')
  await refused(() => verifySoftwareToken(client, token, '123456', ''), '"deviceName"')
  await refused(() => deleteUserAttributes(client, token, []), '"names"')
  await refused(() => deleteUserAttributes(client, token, ['ok', '']), '"names"')
  await refused(() => updateProfile(client, token, { x: null as never }), '"attributes.x"')
  await refused(() => setUserMfaPreference(client, token, { sms: true, preferred: 'SOFTWARE_TOKEN' }), '"preferences.preferred"', 'ERR_INVALID_ARG_VALUE')
  await refused(() => setUserMfaPreference(client, token, { sms: 'yes' as never }), '"preferences.sms"')
})

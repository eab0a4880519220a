/**
 * Smaller differences between the local pool's codes, MFA and devices rooms and Cognito, each
 * pinned to where Cognito's behaviour is documented or captured. Node only (the model is read
 * from disk).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../src/local/index.ts'
import { validateError, validateOutput } from './support/model.ts'
import { PW, call, errorOf, ok, signedFor, srpLogin } from './support/local.ts'

const signUp = (pool: ReturnType<typeof createLocalPool>, username: string, attributes: Record<string, string>) =>
  ok(pool, 'SignUp', { ClientId: pool.clientId, Username: username, Password: PW, UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) })

test('SignUp sends its code to an auto-verified attribute, the phone when both are, and ConfirmSignUp verifies only that one', async () => {
  // developer guide, "Configuring email or phone verification": "If verification is selected as
  // required for email or phone, the verification code or link is automatically sent when a user
  // signs up", and "If a user signs up with both a phone number and an email address, and your
  // user pool settings require verification of both attributes, a verification code is sent via
  // SMS to the phone. The email address is not verified"
  // (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-email-phone-verification.html)
  const both = createLocalPool({ shareKeys: true, autoVerifiedAttributes: ['email', 'phone_number'] })
  const r = await signUp(both, 'carol', { email: 'carol@example.com', phone_number: '+15555550123' })
  assert.deepEqual(r.CodeDeliveryDetails, { Destination: '+*******0123', DeliveryMedium: 'SMS', AttributeName: 'phone_number' })
  assert.equal(both.messages.at(-1)!.destination, '+15555550123')
  await ok(both, 'ConfirmSignUp', { ClientId: both.clientId, Username: 'carol', ConfirmationCode: both.lastCode('carol', 'SignUp') })
  assert.equal(both.user('carol')!.attributes['phone_number_verified'], 'true')
  assert.notEqual(both.user('carol')!.attributes['email_verified'], 'true', 'the email was not verified by the SMS code')
  // nothing auto-verified (or not an attribute the user has): no code at sign-up
  const cases: Array<[ReturnType<typeof createLocalPool>, Record<string, string>]> = [
    [createLocalPool({ shareKeys: true, autoVerifiedAttributes: [] }), { email: 'dave@example.com', phone_number: '+15555550124' }],
    [createLocalPool({ shareKeys: true }), { phone_number: '+15555550124' }], // the default auto-verifies email only
  ]
  for (const [pool, attrs] of cases) {
    const none = await signUp(pool, 'dave', attrs)
    assert.equal(none.CodeDeliveryDetails, undefined)
    assert.deepEqual(validateOutput('SignUp', none), [])
    assert.equal(pool.messages.length, 0)
  }
})

test('SetUserMFAPreference: enabling TOTP before a verified token is refused with Cognito\'s captured message', async () => {
  // aws/aws-sdk-js-v3#4645: "InvalidParameterException: User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  const { AccessToken } = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const e = await errorOf(pool, 'SetUserMFAPreference', { AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })
  assert.deepEqual([e.type, e.message], ['InvalidParameterException', 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA'])
  assert.equal((await call(pool, 'GetUser', { AccessToken })).body.UserMFASettingList, undefined)
})

test('AdminGetDevice and AdminListDevices: an unknown user is ResourceNotFoundException, the only not-found error their models declare', async () => {
  // the service model (and the API reference's Errors sections) list InternalError,
  // InvalidParameter, InvalidUserPoolConfiguration, NotAuthorized, OperationNotEnabled,
  // ResourceNotFound and TooManyRequests for both; AdminForgetDevice and AdminUpdateDeviceStatus
  // do declare UserNotFoundException, and keep it
  const pool = createLocalPool({ shareKeys: true, deviceTracking: true })
  const admin = async (op: string, input: Record<string, unknown>) => call(pool, op, input, await signedFor(pool, op, input))
  const who = { UserPoolId: pool.poolId, Username: 'nobody' }
  for (const [op, input] of [['AdminGetDevice', { ...who, DeviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000' }], ['AdminListDevices', who]] as const) {
    const r = await admin(op, input)
    assert.equal(r.body.__type, 'ResourceNotFoundException', op)
    assert.deepEqual(validateError(op, r.body), [])
  }
  const forget = await admin('AdminForgetDevice', { ...who, DeviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000' })
  assert.equal(forget.body.__type, 'UserNotFoundException')
})

test('a pool with MFA OFF has no TOTP: AssociateSoftwareToken and VerifySoftwareToken answer SoftwareTokenMFANotFoundException', async () => {
  // developer guide, "TOTP software token MFA": "If you haven't activated TOTP software token MFA
  // for the user pool, Amazon Cognito can't use the token to associate or verify users. In this
  // case, users receive a SoftwareTokenMFANotFoundException exception with the description
  // Software Token MFA has not been enabled by the userPool."
  // (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html)
  const pool = createLocalPool({ shareKeys: true, mfa: 'OFF', users: [{ username: 'alice', password: PW }] })
  const { AccessToken } = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  for (const [op, input] of [['AssociateSoftwareToken', { AccessToken }], ['VerifySoftwareToken', { AccessToken, UserCode: '123456' }]] as const) {
    const r = await call(pool, op, input)
    assert.deepEqual([r.body.__type, r.body.message], ['SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the userPool.'], op)
    assert.deepEqual(validateError(op, r.body), [])
  }
})

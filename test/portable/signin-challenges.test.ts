import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ArgumentError,
  ChallengeError,
  CodeMismatchException,
  CustomChallengeError,
  EmailOtpChallengeError,
  ExpiredSessionError,
  ForceChangePasswordError,
  MfaChallengeError,
  MfaSetupChallengeError,
  NotAuthenticatedError,
  ResponseError,
  SelectChallengeError,
  SelectMfaTypeChallengeError,
  SmsMfaChallengeError,
  SoftwareTokenMfaChallengeError,
  UnknownChallengeError,
  WebAuthnChallengeError,
} from '../../src/index.ts'
import { checkSrp, userFor } from '../support/signin.ts'
import { PASSWORD, SECRET, SUB } from '../support/signin-data.ts'
import srpSecret from '../../fixtures/signin-srp-secret.json' with { type: 'json' }
import newPassword from '../../fixtures/signin-new-password.json' with { type: 'json' }
import newPasswordFirst from '../../fixtures/signin-new-password-first.json' with { type: 'json' }
import totpRetry from '../../fixtures/signin-totp-retry.json' with { type: 'json' }
import smsMfa from '../../fixtures/signin-sms-mfa.json' with { type: 'json' }
import emailOtp from '../../fixtures/signin-email-otp.json' with { type: 'json' }
import selectMfa from '../../fixtures/signin-select-mfa-type.json' with { type: 'json' }
import mfaSetup from '../../fixtures/signin-mfa-setup.json' with { type: 'json' }
import custom from '../../fixtures/signin-custom.json' with { type: 'json' }
import customSrp from '../../fixtures/signin-custom-srp.json' with { type: 'json' }
import unknown from '../../fixtures/signin-unknown-challenge.json' with { type: 'json' }
import expired from '../../fixtures/signin-expired-session.json' with { type: 'json' }
import uaEmail from '../../fixtures/signin-user-auth-select-email.json' with { type: 'json' }
import uaSrp from '../../fixtures/signin-user-auth-select-srp.json' with { type: 'json' }
import uaWebauthn from '../../fixtures/signin-user-auth-webauthn.json' with { type: 'json' }
import uaSms from '../../fixtures/signin-user-auth-sms-otp.json' with { type: 'json' }
import uaSignup from '../../fixtures/signin-user-auth-after-signup.json' with { type: 'json' }
import uaPassword from '../../fixtures/signin-user-auth-password.json' with { type: 'json' }

/** Run `fn`, which must reject with an instance of `cls`; returns the error. */
async function caught<T>(p: Promise<unknown>, cls: abstract new (...a: never[]) => T): Promise<T> {
  try {
    await p
  } catch (e) {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`)
    return e as T
  }
  return assert.fail('expected a rejection')
}

test('SRP with a client secret: hashes the typed name first, then the internal USERNAME', async () => {
  const { user, done, seen } = userFor(srpSecret, { clientSecret: SECRET })
  const r = await user.authenticate(PASSWORD)
  done()
  assert.equal(checkSrp(srpSecret, seen).length, 1)
  assert.equal(r.accessToken, user.accessToken)
  assert.equal(user.internalUsername, SUB)
  assert.equal(user.pendingChallenge, undefined)
})

test('NEW_PASSWORD_REQUIRED: typed error with required attributes, answered with the held Session', async () => {
  const { user, done, seen } = userFor(newPassword)
  const e = await caught(user.authenticate(PASSWORD), ForceChangePasswordError)
  assert.ok(e instanceof ChallengeError)
  assert.equal(e.challengeName, 'NEW_PASSWORD_REQUIRED')
  assert.deepEqual(e.requiredAttributes, ['name'])
  assert.equal(e.userAttributes['email'], 'alice@example.com')
  assert.ok(e.session)
  assert.ok(!JSON.stringify(e).includes(e.session!), 'the session is not serialised')
  // a missing required attribute is the caller's mistake, caught before any request
  await assert.rejects(user.newPasswordChallenge(PASSWORD, 'N3w-passw0rd!'), (x: unknown) => x instanceof ArgumentError && x.message.includes('"attributes.name"'))
  const r = await user.newPasswordChallenge(PASSWORD, 'N3w-passw0rd!', { attributes: { name: 'Alice' }, clientMetadata: { app: 'test' } })
  done()
  assert.equal(checkSrp(newPassword, seen).length, 1, 'exactly one SRP run')
  assert.equal(user.idToken, r.idToken)
})

test('newPasswordChallenge without a pending challenge signs in first (pycognito shape)', async () => {
  const { user, done } = userFor(newPasswordFirst)
  await user.newPasswordChallenge(PASSWORD, 'N3w-passw0rd!', { attributes: { name: 'Alice' }, clientMetadata: { app: 'test' } })
  done()
  assert.ok(user.accessToken)
})

test('SOFTWARE_TOKEN_MFA: a wrong code keeps the session for a retry; SECRET_HASH over the internal name', async () => {
  const { user, done, seen } = userFor(totpRetry, { clientSecret: SECRET })
  const e = await caught(user.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  assert.ok(e instanceof MfaChallengeError)
  assert.equal(e.challengeParameters['FRIENDLY_DEVICE_NAME'], 'phone')
  await assert.rejects(user.respondToSoftwareTokenMfaChallenge('000000'), CodeMismatchException)
  assert.equal(user.pendingChallenge?.name, 'SOFTWARE_TOKEN_MFA')
  assert.equal(user.accessToken, undefined)
  await user.respondToSoftwareTokenMfaChallenge('123456')
  done()
  checkSrp(totpRetry, seen)
  assert.ok(user.accessToken)
  assert.equal(user.pendingChallenge, undefined)
})

test('SMS_MFA after USER_PASSWORD_AUTH', async () => {
  const { user, done } = userFor(smsMfa)
  const e = await caught(user.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' }), SmsMfaChallengeError)
  assert.equal(e.challengeParameters['CODE_DELIVERY_DESTINATION'], '+********1234')
  await assert.rejects(user.respondToSmsMfaChallenge('12ab'), ArgumentError)
  await assert.rejects(user.respondToEmailOtpChallenge('123456'), NotAuthenticatedError, 'the wrong continuation is refused')
  await user.respondToSmsMfaChallenge('246810')
  done()
  assert.ok(user.accessToken)
})

test('EMAIL_OTP MFA', async () => {
  const { user, done, seen } = userFor(emailOtp)
  await caught(user.authenticate(PASSWORD), EmailOtpChallengeError)
  await user.respondToEmailOtpChallenge('13579246')
  done()
  checkSrp(emailOtp, seen)
  assert.ok(user.accessToken)
})

test('SELECT_MFA_TYPE lists the options, then the chosen MFA challenge follows', async () => {
  const { user, done } = userFor(selectMfa)
  const e = await caught(user.authenticate(PASSWORD), SelectMfaTypeChallengeError)
  assert.deepEqual(e.options, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'])
  await assert.rejects(user.selectMfaType('TOTP' as never), ArgumentError)
  await caught(user.selectMfaType('SOFTWARE_TOKEN_MFA'), SoftwareTokenMfaChallengeError)
  await user.respondToSoftwareTokenMfaChallenge('654321')
  done()
  assert.ok(user.accessToken)
})

test('MFA_SETUP: associate a TOTP secret through the Session, verify it, finish the sign-in', async () => {
  const { user, done } = userFor(mfaSetup)
  const e = await caught(user.authenticate(PASSWORD), MfaSetupChallengeError)
  assert.deepEqual(e.options, ['SOFTWARE_TOKEN_MFA'])
  const { secretCode, uri } = await user.setupSoftwareTokenMfa({ issuer: 'My App' })
  assert.equal(secretCode, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
  assert.equal(uri, 'otpauth://totp/My%20App:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=My%20App')
  await user.verifySoftwareTokenMfaSetup('112233', { friendlyDeviceName: 'phone' })
  done()
  assert.ok(user.accessToken)
})

test('CUSTOM_AUTH without SRP: a wrong answer yields a new challenge, then ANSWER + ClientMetadata', async () => {
  const { user, done } = userFor(custom)
  const e = await caught(user.customAuth(), CustomChallengeError)
  assert.equal(e.challengeParameters['question'], 'captcha-1')
  const again = await caught(user.respondToCustomChallenge('wrong'), CustomChallengeError)
  assert.equal(again.challengeParameters['question'], 'captcha-2')
  await user.respondToCustomChallenge('right', { source: 'test' })
  done()
  assert.ok(user.accessToken)
})

test('CUSTOM_AUTH with SRP: CHALLENGE_NAME=SRP_A, verifier answered with the Session, then the custom challenge', async () => {
  const { user, done, seen } = userFor(customSrp)
  await caught(user.authenticate(PASSWORD, { flow: 'CUSTOM_AUTH' }), CustomChallengeError)
  await user.respondToCustomChallenge('4242')
  done()
  assert.equal(checkSrp(customSrp, seen).length, 1)
})

test('an unknown challenge is a typed error carrying the raw challenge, answerable generically', async () => {
  const { user, done } = userFor(unknown)
  const e = await caught(user.authenticate(PASSWORD), UnknownChallengeError)
  assert.equal(e.challengeName, 'ADMIN_NO_SRP_AUTH')
  assert.equal(e.challenge['ChallengeName'], 'ADMIN_NO_SRP_AUTH')
  assert.deepEqual(e.challengeParameters, { USERNAME: SUB, hint: 'x' })
  assert.ok(!Object.keys(e).includes('challenge'), 'the raw challenge (with its Session) is not enumerable')
  await assert.rejects(user.respondToChallenge('SMS_MFA', {}), NotAuthenticatedError)
  await user.respondToChallenge('ADMIN_NO_SRP_AUTH', { PASSWORD })
  done()
  assert.ok(user.accessToken)
})

test('an expired Session becomes ExpiredSessionError and the challenge is dropped', async () => {
  const { user, done } = userFor(expired)
  await caught(user.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  const e = await caught(user.respondToSoftwareTokenMfaChallenge('123456'), ExpiredSessionError)
  done()
  assert.equal(e.code, 'ERR_SESSION_EXPIRED')
  assert.equal((e.cause as Error).name, 'NotAuthorizedException')
  assert.equal(user.pendingChallenge, undefined)
  await assert.rejects(user.respondToSoftwareTokenMfaChallenge('123456'), NotAuthenticatedError)
})

test('USER_AUTH: SELECT_CHALLENGE lists AvailableChallenges; EMAIL_OTP chosen and answered', async () => {
  const { user, done } = userFor(uaEmail)
  const e = await caught(user.userAuth(), SelectChallengeError)
  assert.deepEqual(e.availableChallenges, ['PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'])
  assert.deepEqual(e.options, ['PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'])
  await caught(user.selectChallenge('EMAIL_OTP'), EmailOtpChallengeError)
  await user.respondToEmailOtpChallenge('86420975')
  done()
  assert.ok(user.accessToken)
})

test('USER_AUTH: PASSWORD_SRP chosen, SRP proof verified independently', async () => {
  const { user, done, seen } = userFor(uaSrp)
  await caught(user.userAuth(), SelectChallengeError)
  await assert.rejects(user.selectChallenge('PASSWORD_SRP'), ArgumentError, 'a password is needed')
  await user.selectChallenge('PASSWORD_SRP', { password: PASSWORD })
  done()
  assert.equal(checkSrp(uaSrp, seen).length, 1)
})

test('USER_AUTH preferring WEB_AUTHN calls the caller-supplied assertion function', async () => {
  const { user, done } = userFor(uaWebauthn)
  let got: Record<string, unknown> | undefined
  await user.userAuth({
    preferred: 'WEB_AUTHN',
    webauthn: async (opts) => {
      got = opts
      return { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'Y2hhbGxlbmdl', authenticatorData: 'YXV0aA', signature: 'c2ln' }, clientExtensionResults: {} }
    },
  })
  done()
  assert.equal(got?.['rpId'], 'example.com')
  assert.ok(user.accessToken)
})

test('USER_AUTH WEB_AUTHN without a function raises WebAuthnChallengeError; answerable later', async () => {
  const { user, done } = userFor(uaWebauthn)
  await caught(user.userAuth({ preferred: 'WEB_AUTHN' }), WebAuthnChallengeError)
  await user.respondToWebAuthnChallenge({ id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'Y2hhbGxlbmdl', authenticatorData: 'YXV0aA', signature: 'c2ln' }, clientExtensionResults: {} })
  done()
})

test('USER_AUTH preferring SMS_OTP answers with SMS_OTP_CODE', async () => {
  const { user, done } = userFor(uaSms)
  await caught(user.userAuth({ preferred: 'SMS_OTP' }), SmsMfaChallengeError)
  await user.respondToSmsMfaChallenge('97531864')
  done()
})

test('USER_AUTH right after sign-up with the sign-up Session, and with PASSWORD preferred', async () => {
  const a = userFor(uaSignup)
  await a.user.userAuth({ session: 'AYABeExampleSession-0020-opaque-server-state' })
  a.done()
  const b = userFor(uaPassword)
  await assert.rejects(b.user.userAuth({ preferred: 'PASSWORD' }), ArgumentError)
  await assert.rejects(b.user.userAuth({ preferred: 'OTP' as never }), ArgumentError)
  await b.user.userAuth({ preferred: 'PASSWORD', password: PASSWORD })
  b.done()
  assert.ok(b.user.accessToken)
})

test('continuation methods without a pending challenge fail clearly before any request', async () => {
  const { user, seen } = userFor({ source: 'none', interactions: [] })
  await assert.rejects(user.respondToSoftwareTokenMfaChallenge('123456'), NotAuthenticatedError)
  await assert.rejects(user.setupSoftwareTokenMfa(), NotAuthenticatedError)
  await assert.rejects(user.selectChallenge('EMAIL_OTP'), NotAuthenticatedError)
  await assert.rejects(user.respondToChallenge('', {}), ArgumentError)
  await assert.rejects(user.authenticate(PASSWORD, { flow: 'ADMIN' as never }), ArgumentError)
  assert.equal(seen.length, 0)
})

test('WEB_AUTHN with CREDENTIAL_REQUEST_OPTIONS that is not JSON is a ResponseError, not a crash', async () => {
  const fixture = JSON.parse(JSON.stringify({ ...uaWebauthn, interactions: uaWebauthn.interactions.slice(0, 1) }))
  fixture.interactions[0].response.body.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS = '<html>'
  const { user, done } = userFor(fixture)
  let called = false
  await assert.rejects(user.userAuth({ preferred: 'WEB_AUTHN', webauthn: async () => (called = true) }), ResponseError)
  done()
  assert.equal(called, false)
})

test('a challenge saved from pendingChallenge can be answered by another instance (stateless servers)', async () => {
  const first = userFor({ ...totpRetry, interactions: totpRetry.interactions.slice(0, 2) }, { clientSecret: SECRET })
  await caught(first.user.authenticate(PASSWORD), SoftwareTokenMfaChallengeError)
  first.done()
  const saved = JSON.parse(JSON.stringify(first.user.pendingChallenge))
  const second = userFor({ ...totpRetry, interactions: totpRetry.interactions.slice(3) }, { clientSecret: SECRET })
  assert.throws(() => second.user.resumeChallenge({} as never), ArgumentError)
  second.user.resumeChallenge(saved)
  await second.user.respondToSoftwareTokenMfaChallenge('123456')
  second.done()
  assert.ok(second.user.accessToken)
})

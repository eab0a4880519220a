/**
 * The functions that answer a sign-in's challenges (`respondTo…`, `selectChallenge`,
 * `selectMfaType`, `setupSoftwareTokenMfa`, `verifySoftwareTokenMfaSetup`), replayed from the
 * recorded fixtures with every request asserted: each challenge descriptor, each next step, the
 * Session sent back, SECRET_HASH over the internal name, and the error cases the fixtures hold.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  authenticate,
  CodeMismatchException,
  customAuth,
  ExpiredSessionError,
  respondToChallenge,
  respondToCustomChallenge,
  respondToEmailOtpChallenge,
  respondToNewPasswordChallenge,
  respondToSmsMfaChallenge,
  respondToSoftwareTokenMfaChallenge,
  respondToWebAuthnChallenge,
  selectChallenge,
  selectMfaType,
  setupSoftwareTokenMfa,
  userAuth,
  verifySoftwareTokenMfaSetup,
  type AuthStep,
  type Challenge,
  type CognitoClient,
} from '../../src/index.ts'
import { answerOf, assertion, checkSecretHashes, clientFor, offlineClient, refused, tokensFrom } from '../support/function-replay.ts'
import { checkSrp } from '../support/signin.ts'
import { CLIENT, PASSWORD, SECRET, SUB, TYPED } from '../support/signin-data.ts'
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


/**
 * The step must be the challenge recorded in the fixture's answer `i` (name, parameters, Session
 * and raw answer), for `username`; returns the challenge.
 */
function challengeOf(step: AuthStep, fixture: unknown, i: number, username = SUB): Challenge {
  const answer = answerOf(fixture, i)
  assert.ok(step.challenge, `expected a challenge, got tokens`)
  assert.deepEqual(step.challenge, {
    name: answer['ChallengeName'],
    parameters: answer['ChallengeParameters'],
    session: answer['Session'],
    username,
    availableChallenges: answer['AvailableChallenges'],
  })
  assert.deepEqual(step.response, answer)
  return step.challenge
}

/** The step must be the fixture's final tokens, for the internal username. */
const finished = (step: AuthStep, fixture: unknown): void => assert.deepEqual(step, { tokens: tokensFrom(answerOf(fixture)), username: SUB })

// Sign-ins with one challenge for the caller: start, the recorded challenge, one answer, tokens.
const oneAnswer: Array<{ title: string; fixture: unknown; start: (c: CognitoClient) => Promise<AuthStep>; at: number; answer: (c: CognitoClient, ch: Challenge) => Promise<AuthStep> }> = [
  { title: 'EMAIL_OTP MFA after SRP', fixture: emailOtp, start: (c) => authenticate(c, { username: TYPED, password: PASSWORD }), at: 1, answer: (c, ch) => respondToEmailOtpChallenge(c, ch, '13579246') },
  {
    title: 'CUSTOM_AUTH with SRP: CHALLENGE_NAME=SRP_A, the verifier answered with the Session, then the custom challenge',
    fixture: customSrp,
    start: (c) => authenticate(c, { username: TYPED, password: PASSWORD, flow: 'CUSTOM_AUTH' }),
    at: 1,
    answer: (c, ch) => respondToCustomChallenge(c, ch, '4242'),
  },
  { title: 'USER_AUTH preferring SMS_OTP is answered with SMS_OTP_CODE', fixture: uaSms, start: (c) => userAuth(c, { username: TYPED, preferred: 'SMS_OTP' }), at: 0, answer: (c, ch) => respondToSmsMfaChallenge(c, ch, '97531864') },
]
for (const { title, fixture, start, at, answer } of oneAnswer) {
  test(title, async () => {
    const { client, done, seen } = clientFor(fixture)
    finished(await answer(client, challengeOf(await start(client), fixture, at)), fixture)
    done()
    // the SRP proof, where one was sent, verified by the independent server
    assert.equal(checkSrp(fixture, seen).length, 'srp' in (fixture as object) ? 1 : 0)
  })
}

test('SOFTWARE_TOKEN_MFA (client secret): a wrong code leaves the challenge answerable; SECRET_HASH over the internal name', async () => {
  const { client, done, seen } = clientFor(totpRetry, { clientSecret: SECRET })
  const ch = challengeOf(await authenticate(client, { username: TYPED, password: PASSWORD }), totpRetry, 1)
  assert.equal(ch.parameters['FRIENDLY_DEVICE_NAME'], 'phone')
  await assert.rejects(respondToSoftwareTokenMfaChallenge(client, ch, '000000'), CodeMismatchException)
  finished(await respondToSoftwareTokenMfaChallenge(client, ch, '123456'), totpRetry)
  done()
  assert.equal(checkSrp(totpRetry, seen).length, 1)
  assert.deepEqual(await checkSecretHashes(seen, CLIENT, SECRET), [TYPED, SUB, SUB, SUB])
})

test('a challenge is plain data: saved as JSON, it is answered by another client (stateless servers)', async () => {
  const first = clientFor({ ...totpRetry, interactions: totpRetry.interactions.slice(0, 2) }, { clientSecret: SECRET })
  const step = await authenticate(first.client, { username: TYPED, password: PASSWORD })
  first.done()
  const saved: Challenge = JSON.parse(JSON.stringify(step.challenge))
  const second = clientFor({ ...totpRetry, interactions: totpRetry.interactions.slice(3) }, { clientSecret: SECRET })
  finished(await respondToSoftwareTokenMfaChallenge(second.client, saved, '123456'), totpRetry)
  second.done()
})

test('NEW_PASSWORD_REQUIRED: a missing required attribute is refused before any request; answered with the Session', async () => {
  const { client, done, seen } = clientFor(newPassword)
  const ch = challengeOf(await authenticate(client, { username: TYPED, password: PASSWORD }), newPassword, 1)
  await refused(() => respondToNewPasswordChallenge(client, ch, 'N3w-passw0rd!'), '"attributes.name"')
  await refused(() => respondToNewPasswordChallenge(client, ch, 'N3w-passw0rd!', { attributes: { name: '' } }), '"attributes.name"')
  assert.equal(seen.length, 2)
  finished(await respondToNewPasswordChallenge(client, ch, 'N3w-passw0rd!', { attributes: { name: 'Alice' }, clientMetadata: { app: 'test' } }), newPassword)
  done()
  assert.equal(checkSrp(newPassword, seen).length, 1, 'exactly one SRP run')
})

test('ClientMetadata goes on every request of a sign-in that passes it', async () => {
  const { client, done } = clientFor(newPasswordFirst)
  const clientMetadata = { app: 'test' }
  const ch = challengeOf(await authenticate(client, { username: TYPED, password: PASSWORD, clientMetadata }), newPasswordFirst, 1)
  finished(await respondToNewPasswordChallenge(client, ch, 'N3w-passw0rd!', { attributes: { name: 'Alice' }, clientMetadata }), newPasswordFirst)
  done()
})

test('SMS_MFA after USER_PASSWORD_AUTH; a bad code or the wrong answer function is refused before any request', async () => {
  const { client, done, seen } = clientFor(smsMfa)
  const ch = challengeOf(await authenticate(client, { username: TYPED, password: PASSWORD, flow: 'USER_PASSWORD_AUTH' }), smsMfa, 0)
  assert.equal(ch.parameters['CODE_DELIVERY_DESTINATION'], '+********1234')
  await refused(() => respondToSmsMfaChallenge(client, ch, '12ab'), '"code"', 'ERR_INVALID_ARG_VALUE')
  await refused(() => respondToEmailOtpChallenge(client, ch, '246810'), '"challenge" must be a EMAIL_OTP challenge', 'ERR_INVALID_ARG_VALUE')
  assert.equal(seen.length, 1)
  finished(await respondToSmsMfaChallenge(client, ch, '246810'), smsMfa)
  done()
})

test('SELECT_MFA_TYPE: an unknown type is refused; the chosen MFA challenge follows with the internal name', async () => {
  const { client, done } = clientFor(selectMfa)
  const ch = challengeOf(await authenticate(client, { username: TYPED, password: PASSWORD }), selectMfa, 1)
  assert.equal(ch.parameters['MFAS_CAN_CHOOSE'], '["SMS_MFA","SOFTWARE_TOKEN_MFA"]')
  await refused(() => selectMfaType(client, ch, 'TOTP' as never), '"type"', 'ERR_INVALID_ARG_VALUE')
  const totp = challengeOf(await selectMfaType(client, ch, 'SOFTWARE_TOKEN_MFA'), selectMfa, 2)
  finished(await respondToSoftwareTokenMfaChallenge(client, totp, '654321'), selectMfa)
  done()
})

test('MFA_SETUP: associate through the Session, verify with the Session it returned, finish the sign-in', async () => {
  const { client, done } = clientFor(mfaSetup)
  const ch = challengeOf(await authenticate(client, { username: TYPED, password: PASSWORD }), mfaSetup, 1)
  const setup = await setupSoftwareTokenMfa(client, ch, { issuer: 'My App' })
  assert.equal(setup.secretCode, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
  // the label defaults to the challenge's username
  assert.equal(setup.uri, `otpauth://totp/My%20App:${SUB}?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=My%20App`)
  assert.deepEqual(setup.challenge, { ...ch, session: 'AYABeExampleSession-0008-opaque-server-state' })
  assert.equal(ch.session, 'AYABeExampleSession-0007-opaque-server-state', 'the caller\'s challenge is not modified')
  finished(await verifySoftwareTokenMfaSetup(client, setup.challenge, '112233', { friendlyDeviceName: 'phone' }), mfaSetup)
  done()
})

test('CUSTOM_AUTH without SRP: a wrong answer yields a new challenge with a new Session; ClientMetadata on the last answer', async () => {
  const { client, done } = clientFor(custom)
  const first = challengeOf(await customAuth(client, { username: TYPED }), custom, 0)
  assert.equal(first.parameters['question'], 'captcha-1')
  const again = challengeOf(await respondToCustomChallenge(client, first, 'wrong'), custom, 1)
  assert.equal(again.parameters['question'], 'captcha-2')
  finished(await respondToCustomChallenge(client, again, 'right', { clientMetadata: { source: 'test' } }), custom)
  done()
})

test('a challenge the library does not know is answered with respondToChallenge', async () => {
  const { client, done } = clientFor(unknown)
  const ch = challengeOf(await authenticate(client, { username: TYPED, password: PASSWORD }), unknown, 1)
  assert.deepEqual(ch.parameters, { USERNAME: SUB, hint: 'x' })
  await refused(() => respondToChallenge(client, ch, null as never), '"responses"')
  finished(await respondToChallenge(client, ch, { PASSWORD }), unknown)
  done()
})

test('an expired Session is ExpiredSessionError, caused by Cognito\'s NotAuthorizedException', async () => {
  const { client, done } = clientFor(expired)
  const ch = challengeOf(await authenticate(client, { username: TYPED, password: PASSWORD }), expired, 1)
  await assert.rejects(respondToSoftwareTokenMfaChallenge(client, ch, '123456'), (e: unknown) => {
    assert.ok(e instanceof ExpiredSessionError, String(e))
    assert.equal(e.code, 'ERR_SESSION_EXPIRED')
    assert.equal((e.cause as Error).name, 'NotAuthorizedException')
    assert.equal((e.cause as Error).message, 'Invalid session for the user.')
    return true
  })
  done()
})

test('USER_AUTH: SELECT_CHALLENGE lists AvailableChallenges; EMAIL_OTP chosen and answered', async () => {
  const { client, done } = clientFor(uaEmail)
  const select = challengeOf(await userAuth(client, { username: TYPED }), uaEmail, 0)
  assert.deepEqual(select.availableChallenges, ['PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'])
  await refused(() => selectChallenge(client, select, 'OTP' as never), '"challenge"', 'ERR_INVALID_ARG_VALUE')
  const otp = challengeOf(await selectChallenge(client, select, 'EMAIL_OTP'), uaEmail, 1)
  finished(await respondToEmailOtpChallenge(client, otp, '86420975'), uaEmail)
  done()
})

test('USER_AUTH: PASSWORD_SRP chosen (a password is required), SRP proof verified independently', async () => {
  const { client, done, seen } = clientFor(uaSrp)
  const select = challengeOf(await userAuth(client, { username: TYPED }), uaSrp, 0)
  await refused(() => selectChallenge(client, select, 'PASSWORD_SRP'), '"password"')
  finished(await selectChallenge(client, select, 'PASSWORD_SRP', { password: PASSWORD }), uaSrp)
  done()
  assert.equal(checkSrp(uaSrp, seen).length, 1)
})

test('WEB_AUTHN without an assertion function is a challenge step, answered with the credential object or its JSON', async () => {
  for (const credential of [assertion, JSON.stringify(assertion)]) {
    const { client, done } = clientFor(uaWebauthn)
    const ch = challengeOf(await userAuth(client, { username: TYPED, preferred: 'WEB_AUTHN' }), uaWebauthn, 0)
    await refused(() => respondToWebAuthnChallenge(client, ch, null as never), '"credential"')
    finished(await respondToWebAuthnChallenge(client, ch, credential), uaWebauthn)
    done()
  }
})

test('each answer function refuses a challenge of another name, a non-challenge and a bad code, before any request', async () => {
  const client = offlineClient()
  const of = (name: string): Challenge => ({ name, parameters: {}, session: 'S', username: SUB, availableChallenges: undefined })
  const answers: Array<[string, (ch: Challenge) => Promise<AuthStep | unknown>]> = [
    ['SOFTWARE_TOKEN_MFA', (ch) => respondToSoftwareTokenMfaChallenge(client, ch, '123456')],
    ['SMS_MFA or SMS_OTP', (ch) => respondToSmsMfaChallenge(client, ch, '123456')],
    ['EMAIL_OTP', (ch) => respondToEmailOtpChallenge(client, ch, '123456')],
    ['NEW_PASSWORD_REQUIRED', (ch) => respondToNewPasswordChallenge(client, ch, 'N3w-passw0rd!')],
    ['CUSTOM_CHALLENGE', (ch) => respondToCustomChallenge(client, ch, 'answer')],
    ['SELECT_MFA_TYPE', (ch) => selectMfaType(client, ch, 'SMS_MFA')],
    ['SELECT_CHALLENGE', (ch) => selectChallenge(client, ch, 'EMAIL_OTP')],
    ['WEB_AUTHN', (ch) => respondToWebAuthnChallenge(client, ch, assertion)],
    ['MFA_SETUP', (ch) => setupSoftwareTokenMfa(client, ch)],
    ['MFA_SETUP', (ch) => verifySoftwareTokenMfaSetup(client, ch, '123456')],
  ]
  for (const [names, answer] of answers) {
    await refused(() => answer(of('DEVICE_SRP_AUTH')), `"challenge" must be a ${names} challenge`, 'ERR_INVALID_ARG_VALUE')
    for (const junk of [null, {}, { name: 'SMS_MFA' }, 'SMS_MFA']) await refused(() => answer(junk as never), '"challenge" must be a challenge from a sign-in step')
  }
  await refused(() => respondToChallenge(client, {} as never, {}), '"challenge" must be a challenge from a sign-in step')
  const codes: Array<(code: string) => Promise<unknown>> = [
    (code) => respondToSoftwareTokenMfaChallenge(client, of('SOFTWARE_TOKEN_MFA'), code),
    (code) => respondToSmsMfaChallenge(client, of('SMS_MFA'), code),
    (code) => respondToEmailOtpChallenge(client, of('EMAIL_OTP'), code),
    (code) => verifySoftwareTokenMfaSetup(client, of('MFA_SETUP'), code),
  ]
  for (const answer of codes) {
    for (const bad of ['12ab', '123', '12345678901', ' 123456']) await refused(() => answer(bad), '"code" must be digits', 'ERR_INVALID_ARG_VALUE')
    // a number is all digits: "must be digits" would send its reader looking at the wrong thing
    await refused(() => answer(123456 as never), '"code" must be a non-empty string', 'ERR_INVALID_ARG_TYPE')
  }
  await refused(() => respondToCustomChallenge(client, of('CUSTOM_CHALLENGE'), ''), '"answer"')
  await refused(() => respondToNewPasswordChallenge(client, of('NEW_PASSWORD_REQUIRED'), ''), '"newPassword"')
})

/**
 * Cases the mutation round over the typed challenge errors (src/challenge-errors.ts) found
 * unguarded: which class, `name` and `challengeName` each challenge gets from
 * `challengeErrorOf` (what the `Cognito` class throws), a `userAttributes` parameter that is
 * JSON but not an object, and (seed-2 round) the raw answer an UnknownChallengeError keeps.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as E from '../../src/index.ts'
import { challengeErrorOf } from '../../src/challenge-errors.ts'
import { SUB } from '../support/signin-data.ts'
import { answerOf } from '../support/function-replay.ts'
import unknownChallenge from '../../fixtures/signin-unknown-challenge.json' with { type: 'json' }

const challenge = (name: string, parameters: Record<string, string> = {}, availableChallenges?: string[]) => ({ name, parameters, session: 'AYABeExampleSession-0001-opaque-server-state', username: SUB, availableChallenges })

test('challengeErrorOf gives each challenge its class, its name and the challenge name', () => {
  // the class of each challenge, by name (each class is named as it is exported)
  const cases: Array<[string, keyof typeof E]> = [
    ['NEW_PASSWORD_REQUIRED', 'ForceChangePasswordError'],
    ['SMS_MFA', 'SmsMfaChallengeError'],
    ['SMS_OTP', 'SmsMfaChallengeError'],
    ['SOFTWARE_TOKEN_MFA', 'SoftwareTokenMfaChallengeError'],
    ['EMAIL_OTP', 'EmailOtpChallengeError'],
    ['SELECT_MFA_TYPE', 'SelectMfaTypeChallengeError'],
    ['MFA_SETUP', 'MfaSetupChallengeError'],
    ['SELECT_CHALLENGE', 'SelectChallengeError'],
    ['CUSTOM_CHALLENGE', 'CustomChallengeError'],
    ['WEB_AUTHN', 'WebAuthnChallengeError'],
    ['DEVICE_SRP_AUTH', 'DeviceChallengeError'],
    ['DEVICE_PASSWORD_VERIFIER', 'DeviceChallengeError'],
    ['PASSWORD_VERIFIER', 'ChallengeError'],
    ['SOMETHING_NEW', 'UnknownChallengeError'],
  ]
  for (const [name, errorName] of cases) {
    const e = challengeErrorOf(challenge(name))
    assert.ok(e instanceof E.ChallengeError, name)
    assert.equal(e.constructor, E[errorName], `${name}: class`)
    assert.equal(e.name, errorName, `${name}: name`)
    assert.equal(e.challengeName, name, `${name}: challengeName`)
    assert.equal(e.session, 'AYABeExampleSession-0001-opaque-server-state', `${name}: session`)
    const mfa = ['SMS_MFA', 'SMS_OTP', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'].includes(name)
    assert.equal(e instanceof E.MfaChallengeError, mfa, `${name}: an MFA code challenge`)
  }
})

test('an MfaChallengeError made directly is named MfaChallengeError', () => {
  const e = new E.MfaChallengeError('SMS_MFA', {}, 'AYABeExampleSession-0001-opaque-server-state')
  assert.equal(e.name, 'MfaChallengeError')
  assert.equal(e.challengeName, 'SMS_MFA')
})

test('the choice challenges carry their options: AvailableChallenges, MFAS_CAN_CHOOSE, MFAS_CAN_SETUP', () => {
  const select = challengeErrorOf(challenge('SELECT_CHALLENGE', {}, ['PASSWORD_SRP', 'EMAIL_OTP'])) as E.SelectChallengeError
  assert.deepEqual(select.options, ['PASSWORD_SRP', 'EMAIL_OTP'])
  assert.deepEqual(select.availableChallenges, ['PASSWORD_SRP', 'EMAIL_OTP'])
  const choose = challengeErrorOf(challenge('SELECT_MFA_TYPE', { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]' })) as E.SelectMfaTypeChallengeError
  assert.deepEqual(choose.options, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'])
  const setup = challengeErrorOf(challenge('MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' })) as E.MfaSetupChallengeError
  assert.deepEqual(setup.options, ['SOFTWARE_TOKEN_MFA'])
})

test('NEW_PASSWORD_REQUIRED: userAttributes that are JSON but not an object give {}', () => {
  for (const userAttributes of ['null', '5', '"alice"', 'true', 'not json']) {
    const e = challengeErrorOf(challenge('NEW_PASSWORD_REQUIRED', { userAttributes, requiredAttributes: '["userAttributes.name"]' })) as E.ForceChangePasswordError
    assert.deepEqual(e.userAttributes, {}, userAttributes)
    assert.deepEqual(e.requiredAttributes, ['name'])
  }
  const e = challengeErrorOf(challenge('NEW_PASSWORD_REQUIRED', { userAttributes: '{"email":"alice@example.com"}' })) as E.ForceChangePasswordError
  assert.deepEqual(e.userAttributes, { email: 'alice@example.com' })
})

test('UnknownChallengeError keeps Cognito\'s whole answer as `challenge`, out of JSON and spreads (it holds the Session)', () => {
  // the unknown-challenge answer of fixtures/signin-unknown-challenge.json (interaction 1)
  const raw = answerOf(unknownChallenge, 1)
  const c = challenge(raw['ChallengeName'] as string, raw['ChallengeParameters'] as Record<string, string>)
  const e = challengeErrorOf(c, raw) as E.UnknownChallengeError
  assert.ok(e instanceof E.UnknownChallengeError)
  assert.equal(e.challenge, raw)
  assert.equal(Object.keys(e).includes('challenge'), false)
  assert.equal(JSON.stringify(e).includes('AYABe'), false)
})

/**
 * Cases the mutation round over the challenge functions (src/functions/challenges.ts) found
 * unguarded: a challenge value with only its name, only its username or only its parameters
 * wrong, respondToChallenge without responses, SELECT_CHALLENGE answered with PASSWORD (tokens at
 * once, for the challenge's user), SELECT_MFA_TYPE answered with EMAIL_OTP, an
 * AssociateSoftwareToken answer without a SecretCode and a VerifySoftwareToken answer whose Status
 * is not SUCCESS. Each replays an exchange derived from a recorded fixture, with every request
 * asserted.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  CodeMismatchException,
  ResponseError,
  respondToChallenge,
  respondToSmsMfaChallenge,
  selectChallenge,
  selectMfaType,
  setupSoftwareTokenMfa,
  verifySoftwareTokenMfaSetup,
  type Challenge,
} from '../../src/index.ts'
import { answerOf, clientFor, offlineClient, refused, tokensFrom } from '../support/function-replay.ts'
import type { Fixture, Interaction } from '../support/replay.ts'
import { PASSWORD, SUB } from '../support/signin-data.ts'
import mfaSetup from '../../fixtures/signin-mfa-setup.json' with { type: 'json' }
import selectMfa from '../../fixtures/signin-select-mfa-type.json' with { type: 'json' }
import emailOtp from '../../fixtures/signin-email-otp.json' with { type: 'json' }
import uaEmail from '../../fixtures/signin-user-auth-select-email.json' with { type: 'json' }
import uaPassword from '../../fixtures/signin-user-auth-password.json' with { type: 'json' }

const recorded = (f: unknown, i: number): Interaction => structuredClone((f as Fixture).interactions[i]!)

/** The challenge the fixture's answer `i` holds, as a sign-in step gives it. */
const challengeAt = (f: unknown, i: number): Challenge => {
  const a = answerOf(f, i)
  return { name: a['ChallengeName'] as string, parameters: a['ChallengeParameters'] as Record<string, string>, session: a['Session'] as string, username: SUB, availableChallenges: undefined }
}

test('a challenge value with only a non-string name, without a username, or without parameters, is refused before any request', async () => {
  const client = offlineClient()
  const msg = '"challenge" must be a challenge from a sign-in step'
  // the name is the only thing wrong: respondToChallenge takes any name, so only the shape check stops it
  await refused(() => respondToChallenge(client, { name: 7, parameters: {}, session: 'S', username: SUB } as never, { ANSWER: 'x' }), msg)
  // the username is the only thing missing
  await refused(() => respondToSmsMfaChallenge(client, { name: 'SMS_MFA', parameters: {}, session: 'S' } as never, '123456'), msg)
  await refused(() => respondToChallenge(client, { name: 'CUSTOM_CHALLENGE', parameters: {}, session: 'S', username: 7 } as never, { ANSWER: 'x' }), msg)
  // the parameters are the only thing wrong (seed-2 round)
  for (const parameters of [undefined, null, 'USERNAME=alice', ['x']]) {
    await refused(() => respondToChallenge(client, { name: 'CUSTOM_CHALLENGE', parameters, session: 'S', username: SUB } as never, { ANSWER: 'x' }), msg)
  }
})

test('respondToChallenge without responses is refused, naming them, before any request', async () => {
  const client = offlineClient()
  const ch = { ...challengeAt(uaEmail, 0), name: 'CUSTOM_CHALLENGE' }
  for (const responses of [undefined, null, 'ANSWER=blue']) await refused(() => respondToChallenge(client, ch, responses as never), '"responses" must be an object')
})

test('SELECT_CHALLENGE answered with PASSWORD: tokens at once, for the user the challenge named', async () => {
  // the SELECT_CHALLENGE of signin-user-auth-select-email.json answered with PASSWORD (the pool
  // offering it); Cognito's answer is the tokens of signin-user-auth-password.json
  const select = { ...challengeAt(uaEmail, 0), availableChallenges: ['PASSWORD', 'EMAIL_OTP'] }
  const ask = recorded(uaEmail, 1)
  ;(ask.request.body as { ChallengeResponses: Record<string, string> }).ChallengeResponses = { USERNAME: SUB, ANSWER: 'PASSWORD', PASSWORD }
  ask.response = recorded(uaPassword, 0).response
  const { client, done } = clientFor({ source: 'derived in this test from fixtures/signin-user-auth-select-email.json and fixtures/signin-user-auth-password.json', interactions: [ask] })
  const step = await selectChallenge(client, select, 'PASSWORD', { password: PASSWORD })
  assert.deepEqual(step, { tokens: tokensFrom(answerOf(uaPassword, 0)), username: SUB })
  done()
})

test('SELECT_MFA_TYPE answered with EMAIL_OTP sends ANSWER=EMAIL_OTP and gives the EMAIL_OTP challenge', async () => {
  // the SELECT_MFA_TYPE answer of signin-select-mfa-type.json, choosing EMAIL_OTP; Cognito's next
  // challenge is the EMAIL_OTP challenge of signin-email-otp.json
  const ask = recorded(selectMfa, 2)
  ;(ask.request.body as { ChallengeResponses: Record<string, string> }).ChallengeResponses['ANSWER'] = 'EMAIL_OTP'
  ask.response = recorded(emailOtp, 1).response
  const fixture: Fixture = { source: 'derived in this test from fixtures/signin-select-mfa-type.json and fixtures/signin-email-otp.json', interactions: [ask] }
  const { client, done } = clientFor(fixture)
  const step = await selectMfaType(client, challengeAt(selectMfa, 1), 'EMAIL_OTP')
  assert.equal(step.challenge?.name, 'EMAIL_OTP')
  assert.equal(step.challenge?.session, answerOf(emailOtp, 1)['Session'])
  done()
})

test('MFA_SETUP: an AssociateSoftwareToken answer without a SecretCode is a ResponseError', async () => {
  // the model makes SecretCode optional: an answer without it cannot be set up
  const associate = recorded(mfaSetup, 2)
  delete (associate.response.body as Record<string, unknown>)['SecretCode']
  const { client, done } = clientFor({ source: 'derived in this test from fixtures/signin-mfa-setup.json (SecretCode removed)', interactions: [associate] })
  await assert.rejects(setupSoftwareTokenMfa(client, challengeAt(mfaSetup, 1)), (e: unknown) => {
    assert.ok(e instanceof ResponseError, String(e))
    return true
  })
  done()
})

test('MFA_SETUP: a VerifySoftwareToken Status other than SUCCESS is CodeMismatchException, and the sign-in is not answered', async () => {
  // VerifySoftwareTokenResponseType is SUCCESS or ERROR in the service model
  const verify = recorded(mfaSetup, 3)
  verify.response.body = { Status: 'ERROR' }
  const { client, done } = clientFor({ source: 'derived in this test from fixtures/signin-mfa-setup.json (Status ERROR)', interactions: [verify] })
  const ch = { ...challengeAt(mfaSetup, 1), session: answerOf(mfaSetup, 2)['Session'] as string }
  await assert.rejects(verifySoftwareTokenMfaSetup(client, ch, '112233', { friendlyDeviceName: 'phone' }), (e: unknown) => {
    assert.ok(e instanceof CodeMismatchException, String(e))
    return true
  })
  // no RespondToAuthChallenge followed (the replay refuses an extra request)
  done()
})

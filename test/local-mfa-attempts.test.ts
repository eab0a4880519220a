/**
 * Wrong TOTP and MFA codes at the local pool, against Cognito's documented behaviour: each wrong
 * code keeps its operation's error (EnableSoftwareTokenMFAException at VerifySoftwareToken,
 * CodeMismatchException at RespondToAuthChallenge) and leaves the Session usable; the fifth
 * failure starts the sign-in lockout ("After five unsuccessful attempts to present an MFA code,
 * Amazon Cognito begins the exponential-timeout lockout process", Cognito developer guide,
 * user-pool-settings-mfa.html), answered with NotAuthorizedException "Password attempts exceeded",
 * an error both operations' models declare (LimitExceededException is in neither). Every error is
 * also checked against the service model. Node only (the model is read from disk).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, totp, type LocalPool } from '../src/local/index.ts'
import { validateError } from './support/model.ts'
import { PW, call, manualClock, ok, srpLogin } from './support/local.ts'

const EXCEEDED = 'Password attempts exceeded'
const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com', phone_number: '+15555550100' } }

/** Call `op` and return its error name and message, after checking the error against the model. */
async function refusal(pool: LocalPool, op: string, input: unknown): Promise<[string, string]> {
  const r = await call(pool, op, input)
  assert.notEqual(r.status, 200, `${op} unexpectedly succeeded`)
  assert.deepEqual(validateError(op, r.body), [])
  return [r.body.__type, r.body.message]
}

/** A six-digit code that is not the authenticator's code for now, the step before or the step after. */
async function wrongCode(secret: string, now: number): Promise<string> {
  const near = new Set([await totp(secret, now - 30_000), await totp(secret, now), await totp(secret, now + 30_000)])
  let n = 0
  while (near.has(String(n).padStart(6, '0'))) n++
  return String(n).padStart(6, '0')
}

test('VerifySoftwareToken: wrong codes are EnableSoftwareTokenMFAException; the fifth starts the sign-in lockout, never LimitExceededException', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [alice] })
  const { AccessToken } = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  // wrong codes of another kind (a password reset) do not use up the TOTP attempts
  await ok(pool, 'ForgotPassword', { ClientId: pool.clientId, Username: 'alice' })
  const resetCode = pool.lastCode('alice', 'ForgotPassword')!
  for (let i = 0; i < 4; i++) {
    await call(pool, 'ConfirmForgotPassword', { ClientId: pool.clientId, Username: 'alice', ConfirmationCode: resetCode === '000000' ? '111111' : '000000', Password: 'N3w-passw0rd!' })
  }
  const { SecretCode } = await ok(pool, 'AssociateSoftwareToken', { AccessToken })
  const verify = (code: string) => ({ AccessToken, UserCode: code })
  const wrong = await wrongCode(SecretCode, clock.now())
  for (let i = 1; i <= 4; i++) {
    assert.deepEqual(await refusal(pool, 'VerifySoftwareToken', verify(wrong)), ['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'], `wrong code ${i}`)
  }
  assert.deepEqual(await refusal(pool, 'VerifySoftwareToken', verify(wrong)), ['NotAuthorizedException', EXCEEDED])
  assert.deepEqual(await refusal(pool, 'VerifySoftwareToken', verify(await totp(SecretCode, clock.now()))), ['NotAuthorizedException', EXCEEDED], 'locked: even the right code')
  assert.equal((await srpLogin(pool, 'alice', PW)).body.message, EXCEEDED, 'the lockout is the sign-in lockout')
  clock.advance(1_100)
  assert.deepEqual(await ok(pool, 'VerifySoftwareToken', verify(await totp(SecretCode, clock.now()))), { Status: 'SUCCESS' })
})

test('VerifySoftwareToken with an MFA_SETUP Session: the Session survives wrong codes and is spent when the lockout starts', async () => {
  const clock = manualClock()
  const setupOf = async () => {
    const pool = createLocalPool({ shareKeys: true, clock: clock.now, mfa: 'ON', users: [alice] })
    const setup = await ok(pool, 'AssociateSoftwareToken', { Session: (await srpLogin(pool, 'alice', PW)).body.Session })
    return { pool, setup, wrong: await wrongCode(setup.SecretCode, clock.now()) }
  }
  // four wrong codes, then the right one: the setup goes on
  const first = await setupOf()
  for (let i = 0; i < 4; i++) assert.equal((await refusal(first.pool, 'VerifySoftwareToken', { Session: first.setup.Session, UserCode: first.wrong }))[0], 'EnableSoftwareTokenMFAException')
  const verified = await ok(first.pool, 'VerifySoftwareToken', { Session: first.setup.Session, UserCode: await totp(first.setup.SecretCode, clock.now()) })
  assert.equal(verified.Status, 'SUCCESS')
  assert.ok((await ok(first.pool, 'RespondToAuthChallenge', { ChallengeName: 'MFA_SETUP', ClientId: first.pool.clientId, Session: verified.Session, ChallengeResponses: { USERNAME: 'alice' } })).AuthenticationResult)
  // five wrong codes: locked, and the Session is spent for good
  const second = await setupOf()
  for (let i = 0; i < 4; i++) await refusal(second.pool, 'VerifySoftwareToken', { Session: second.setup.Session, UserCode: second.wrong })
  assert.deepEqual(await refusal(second.pool, 'VerifySoftwareToken', { Session: second.setup.Session, UserCode: second.wrong }), ['NotAuthorizedException', EXCEEDED])
  clock.advance(1_100)
  assert.deepEqual(await refusal(second.pool, 'VerifySoftwareToken', { Session: second.setup.Session, UserCode: await totp(second.setup.SecretCode, clock.now()) }), ['NotAuthorizedException', 'Invalid session for the user.'])
})

test('the SOFTWARE_TOKEN_MFA challenge: CodeMismatchException keeps the Session past three wrong codes; the fifth locks and ends it', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ ...alice, mfa: ['SOFTWARE_TOKEN_MFA' as const], totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }] })
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
  const answer = (session: string, code: string) => ({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: pool.clientId, Session: session, ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code } })
  const challenge = async () => {
    const r = await srpLogin(pool, 'alice', PW)
    assert.equal(r.body.ChallengeName, 'SOFTWARE_TOKEN_MFA')
    return r.body.Session as string
  }
  // four wrong codes on one Session, then the right code signs in
  let session = await challenge()
  const wrong = await wrongCode(secret, clock.now())
  for (let i = 0; i < 4; i++) assert.deepEqual(await refusal(pool, 'RespondToAuthChallenge', answer(session, wrong)), ['CodeMismatchException', 'Invalid code or auth state for the user.'])
  assert.ok((await ok(pool, 'RespondToAuthChallenge', answer(session, await totp(secret, clock.now())))).AuthenticationResult)
  // a new sign-in (the right password) does not give four more guesses: only tokens reset the count
  clock.advance(30_000)
  session = await challenge()
  for (let i = 0; i < 4; i++) await refusal(pool, 'RespondToAuthChallenge', answer(session, wrong))
  session = await challenge()
  assert.deepEqual(await refusal(pool, 'RespondToAuthChallenge', answer(session, wrong)), ['NotAuthorizedException', EXCEEDED], 'the fifth wrong code in a row, across sign-ins')
  assert.equal((await srpLogin(pool, 'alice', PW)).body.message, EXCEEDED, 'locked: even the right password')
  clock.advance(1_100)
  assert.deepEqual(await refusal(pool, 'RespondToAuthChallenge', answer(session, await totp(secret, clock.now()))), ['NotAuthorizedException', 'Invalid session for the user.'], 'the Session ended with the lockout')
  assert.ok((await ok(pool, 'RespondToAuthChallenge', answer(await challenge(), await totp(secret, clock.now())))).AuthenticationResult)
})

test('SMS_MFA: the same five-code rule; a completed SMS MFA marks the phone number verified (developer guide, SMS text message MFA)', async () => {
  const clock = manualClock()
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, users: [{ ...alice, attributes: { ...alice.attributes, phone_number_verified: 'false' }, mfa: ['SMS_MFA' as const] }] })
  const answer = (session: string, code: string) => ({ ChallengeName: 'SMS_MFA', ClientId: pool.clientId, Session: session, ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE: code } })
  const first = await srpLogin(pool, 'alice', PW)
  assert.equal(first.body.ChallengeName, 'SMS_MFA')
  const code = pool.lastCode('alice', 'MFA')!
  const wrong = code === '000000' ? '111111' : '000000'
  for (let i = 0; i < 4; i++) assert.equal((await refusal(pool, 'RespondToAuthChallenge', answer(first.body.Session, wrong)))[0], 'CodeMismatchException')
  assert.equal(pool.user('alice')!.attributes['phone_number_verified'], 'false')
  assert.ok((await ok(pool, 'RespondToAuthChallenge', answer(first.body.Session, code))).AuthenticationResult)
  assert.equal(pool.user('alice')!.attributes['phone_number_verified'], 'true')
  const second = await srpLogin(pool, 'alice', PW)
  for (let i = 0; i < 4; i++) await refusal(pool, 'RespondToAuthChallenge', answer(second.body.Session, wrong))
  assert.deepEqual(await refusal(pool, 'RespondToAuthChallenge', answer(second.body.Session, wrong)), ['NotAuthorizedException', EXCEEDED])
})

/**
 * USER_AUTH (choice-based sign-in) for a name no user has, on an app client with
 * PreventUserExistenceErrors ENABLED. Cognito's developer guide ("Managing user existence error
 * responses", https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html):
 * every flow except USER_AUTH gets a generic authentication failure, and "Amazon Cognito responds
 * to requests for choice-based authentication with a random selection from the challenge types
 * allowed in the user pool". The pool answers with such a selection, stable per name, and every
 * answer to it fails the way a wrong secret fails for a real user; nothing is sent. Node only (the
 * model is read from disk).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../src/local/index.ts'
import { calculateA, generatePrivateValue } from '../src/srp.ts'
import { validateError, validateOutput } from './support/model.ts'
import { PW, call, ok } from './support/local.ts'

const EXCEEDED = 'Password attempts exceeded'
const INCORRECT = 'Incorrect username or password.'
const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }

const start = (pool: LocalPool, username: string, extra: Record<string, string> = {}) =>
  call(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: username, ...extra } })

const respond = (pool: LocalPool, name: string, session: string, responses: Record<string, string>) =>
  call(pool, 'RespondToAuthChallenge', { ChallengeName: name, ClientId: pool.clientId, Session: session, ChallengeResponses: responses })

/** A name whose decoy offers `challenge` (and not `not`). */
async function nameOffering(pool: LocalPool, challenge: string, not?: string): Promise<string> {
  for (let i = 0; ; i++) {
    const offered: string[] = (await start(pool, `nobody${i}`)).body.AvailableChallenges
    if (offered.includes(challenge) && !(not && offered.includes(not))) return `nobody${i}`
  }
}

test('an unknown name gets SELECT_CHALLENGE with a random selection of the pool\'s challenge types, stable per name, shaped like a real user\'s', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const real = await start(pool, 'alice')
  const seen = new Set<string>()
  for (let i = 0; i < 24; i++) {
    const r = await start(pool, `nobody${i}`)
    assert.equal(r.status, 200, JSON.stringify(r.body))
    assert.deepEqual(validateOutput('InitiateAuth', r.body), [])
    assert.deepEqual(Object.keys(r.body).sort(), Object.keys(real.body).sort())
    assert.equal(r.body.ChallengeName, 'SELECT_CHALLENGE')
    const offered: string[] = r.body.AvailableChallenges
    assert.ok(offered.length > 0)
    assert.deepEqual(offered, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'].filter((c) => offered.includes(c)), 'in the order a real user\'s come')
    assert.equal(offered.includes('PASSWORD'), offered.includes('PASSWORD_SRP'), 'a password gives both')
    assert.deepEqual((await start(pool, `NOBODY${i}`)).body.AvailableChallenges, offered, 'stable per name')
    seen.add(offered.join())
  }
  assert.ok(seen.size > 1, 'a random selection, not one fixed answer')
  // only the pool's allowed first factors appear
  const emailOnly = createLocalPool({ shareKeys: true, allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] })
  for (let i = 0; i < 8; i++) assert.ok((await start(emailOnly, `nobody${i}`)).body.AvailableChallenges.every((c: string) => c !== 'SMS_OTP'))
  // LEGACY clients still tell: UserNotFoundException
  const legacy = createLocalPool({ shareKeys: true, clients: [{ clientId: 'legacyclient', preventUserExistenceErrors: 'LEGACY' }] })
  const r = await call(legacy, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: 'legacyclient', AuthParameters: { USERNAME: 'nobody' } })
  assert.equal(r.body.__type, 'UserNotFoundException')
})

test('an EMAIL_OTP decoy sends nothing and fails like a wrong code, with the same lockout as a real user', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const name = await nameOffering(pool, 'EMAIL_OTP')
  const trace = async (username: string): Promise<string[]> => {
    const sel = (await start(pool, username)).body
    const otp = await respond(pool, 'SELECT_CHALLENGE', sel.Session, { USERNAME: username, ANSWER: 'EMAIL_OTP' })
    assert.equal(otp.status, 200)
    assert.deepEqual(validateOutput('RespondToAuthChallenge', otp.body), [])
    assert.equal(otp.body.ChallengeName, 'EMAIL_OTP')
    assert.equal(otp.body.ChallengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL')
    assert.match(otp.body.ChallengeParameters.CODE_DELIVERY_DESTINATION, /^.\*\*\*@.\*\*\*$/)
    const out: string[] = []
    for (let i = 0; i < 6; i++) {
      const r = await respond(pool, 'EMAIL_OTP', otp.body.Session, { USERNAME: username, EMAIL_OTP_CODE: '000000' === pool.lastCode('alice', 'OTP') ? '111111' : '000000' })
      assert.deepEqual(validateError('RespondToAuthChallenge', r.body), [])
      out.push(`${r.body.__type}: ${r.body.message}`)
    }
    return out
  }
  const sent = pool.messages.length
  const decoy = await trace(name)
  assert.equal(pool.messages.filter((m) => m.destination.includes('nobody')).length, 0, 'nothing sent for the decoy')
  assert.equal(pool.messages.length, sent)
  assert.deepEqual(decoy, await trace('alice'), 'the same answers as a real user who types wrong codes')
  assert.deepEqual(decoy.slice(3), [`CodeMismatchException: Invalid code or auth state for the user.`, `NotAuthorizedException: ${EXCEEDED}`, `NotAuthorizedException: Invalid session for the user.`])
})

test('PASSWORD and PASSWORD_SRP decoys fail as a wrong password does; an unoffered answer is refused as for a real user', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const name = await nameOffering(pool, 'PASSWORD')
  const sel = (await start(pool, name)).body
  const pw = await respond(pool, 'SELECT_CHALLENGE', sel.Session, { USERNAME: name, ANSWER: 'PASSWORD', PASSWORD: PW })
  assert.deepEqual([pw.body.__type, pw.body.message], ['NotAuthorizedException', INCORRECT])
  // PREFERRED_CHALLENGE straight to SRP: a simulated PASSWORD_VERIFIER that no password answers
  const srp = await start(pool, name, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: calculateA(generatePrivateValue()).toString(16) })
  assert.equal(srp.body.ChallengeName, 'PASSWORD_VERIFIER')
  assert.deepEqual(Object.keys(srp.body.ChallengeParameters).sort(), ['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP'])
  // PREFERRED_CHALLENGE PASSWORD: fails at once, like USER_PASSWORD_AUTH for an unknown name
  const direct = await start(pool, name, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW })
  assert.deepEqual([direct.body.__type, direct.body.message], ['NotAuthorizedException', INCORRECT])
  // a challenge the decoy did not offer, and another user's name on the decoy's Session
  const other = await nameOffering(pool, 'EMAIL_OTP', 'SMS_OTP')
  const sel2 = (await start(pool, other)).body
  assert.equal((await respond(pool, 'SELECT_CHALLENGE', sel2.Session, { USERNAME: other, ANSWER: 'SMS_OTP' })).body.__type, 'InvalidParameterException')
  assert.deepEqual((await respond(pool, 'SELECT_CHALLENGE', sel2.Session, { USERNAME: 'alice', ANSWER: 'EMAIL_OTP' })).body.message, INCORRECT)
  assert.equal((await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: pool.clientId, Session: sel2.Session, ChallengeResponses: { USERNAME: other, ANSWER: 'EMAIL_OTP' } })).ChallengeName, 'EMAIL_OTP')
})

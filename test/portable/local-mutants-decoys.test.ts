/**
 * The local pool's USER_AUTH decoys (src/local/decoys.ts) at the edges a mutation round found
 * unguarded. Cognito's developer guide ("Managing user existence error responses") says an app
 * client that hides user existence answers choice-based sign-in for an unknown name with "a random
 * selection from the challenge types allowed in the user pool"; so a decoy must draw from every
 * allowed type and from nothing else, and must answer exactly as a real user's challenge does, or
 * the difference tells that the name has no user. Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call } from '../support/local.ts'

const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }

const start = (pool: LocalPool, username: string, extra: Record<string, string> = {}) =>
  call(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: username, ...extra } })

const respond = (pool: LocalPool, name: string, session: string, responses: Record<string, string>) =>
  call(pool, 'RespondToAuthChallenge', { ChallengeName: name, ClientId: pool.clientId, Session: session, ChallengeResponses: responses })

test('the decoy selection draws from every first factor the pool allows, SMS_OTP included', async () => {
  const pool = createLocalPool({ shareKeys: true, allowedFirstAuthFactors: ['PASSWORD', 'SMS_OTP'] })
  const seen = new Set<string>()
  // each name picks SMS_OTP with probability 1/2 or more: 40 names all missing it is a 2^-40 chance
  for (let i = 0; i < 40; i++) for (const c of (await start(pool, `nobody${i}`)).body.AvailableChallenges as string[]) seen.add(c)
  assert.deepEqual([...seen].sort(), ['PASSWORD', 'PASSWORD_SRP', 'SMS_OTP'])
})

test('PREFERRED_CHALLENGE for a type the pool does not allow: a decoy answers as a real user does, never with that challenge', async () => {
  // the default pool does not allow WEB_AUTHN, so no user, real or not, may get a passkey challenge
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const shape = async (name: string) => {
    const r = await start(pool, name, { PREFERRED_CHALLENGE: 'WEB_AUTHN' })
    assert.ok(!(r.body.AvailableChallenges ?? []).includes('WEB_AUTHN'), name)
    return [r.status, r.body.ChallengeName, r.body.__type]
  }
  const real = await shape('alice')
  assert.notEqual(real[1], 'WEB_AUTHN')
  for (const name of ['nobody0', 'nobody1', 'nobody2', 'nobody3']) assert.deepEqual(await shape(name), real, name)
})

test('an EMAIL_OTP answer without EMAIL_OTP_CODE is the same missing-parameter error for a decoy as for a real user', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  let name = ''
  for (let i = 0; !name; i++) if ((await start(pool, `nobody${i}`)).body.AvailableChallenges.includes('EMAIL_OTP')) name = `nobody${i}`
  const answers: Array<[string, string]> = []
  for (const username of ['alice', name]) {
    const otp = await start(pool, username, { PREFERRED_CHALLENGE: 'EMAIL_OTP' })
    assert.equal(otp.body.ChallengeName, 'EMAIL_OTP', username)
    const r = await respond(pool, 'EMAIL_OTP', otp.body.Session, { USERNAME: username })
    answers.push([r.body.__type, r.body.message])
  }
  assert.deepEqual(answers[0], ['InvalidParameterException', 'Missing required parameter EMAIL_OTP_CODE'])
  assert.deepEqual(answers[1], answers[0])
})

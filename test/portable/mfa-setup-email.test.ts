/**
 * Email MFA set up during sign-in (MFA_SETUP answered with `EMAIL`), as docs/mfa.md describes it
 * and Amplify does it: the local pool offers EMAIL_OTP in MFAS_CAN_SETUP, sends a code to the
 * answered address, and the right EMAIL_OTP code finishes the sign-in with email MFA on.
 * Against the local pool, through the library's functions; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, createClient, ExpiredSessionError, respondToChallenge, setupSoftwareTokenMfa, respondToEmailOtpChallenge, type AuthStep } from '../../src/index.ts'
import { createLocalPool, type LocalUserSeed } from '../../src/local/index.ts'
import { call, ok, PW, signedFor } from '../support/local.ts'
import { totp } from '../../src/local/crypto.ts'

function setup(users: LocalUserSeed[] = [{ username: 'alice', password: PW }], aliasAttributes?: Array<'email'>) {
  const pool = createLocalPool({ shareKeys: true, mfa: 'ON', users, ...(aliasAttributes ? { aliasAttributes } : {}) })
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch, retry: false })
  return { pool, client }
}

/** The MFA_SETUP challenge of alice's password sign-in. */
async function mfaSetup(client: ReturnType<typeof createClient>): Promise<Extract<AuthStep, { challenge: object }>['challenge']> {
  const step = await authenticate(client, { username: 'alice', password: PW })
  assert.equal(step.challenge?.name, 'MFA_SETUP')
  return step.challenge!
}

test('MFA_SETUP offers email, and answering with an address sets up email MFA: a code goes there, the right one signs in', async () => {
  const { pool, client } = setup()
  const challenge = await mfaSetup(client)
  assert.ok(JSON.parse(challenge.parameters['MFAS_CAN_SETUP']!).includes('EMAIL_OTP'), 'email MFA can be set up')
  const otp = await respondToChallenge(client, challenge, { EMAIL: 'alice@example.com' })
  assert.equal(otp.challenge?.name, 'EMAIL_OTP')
  assert.equal(otp.challenge!.parameters['CODE_DELIVERY_DELIVERY_MEDIUM'], 'EMAIL')
  assert.equal(pool.messages.at(-1)?.destination, 'alice@example.com')
  const wrong = pool.lastCode('alice', 'MFA') === '000000' ? '111111' : '000000'
  await assert.rejects(respondToEmailOtpChallenge(client, otp.challenge!, wrong), { name: 'CodeMismatchException' })
  assert.deepEqual(pool.user('alice')!.mfa, [], 'nothing turned on by a wrong code')
  const done = await respondToEmailOtpChallenge(client, otp.challenge!, pool.lastCode('alice', 'MFA')!)
  assert.ok(done.tokens?.accessToken)
  const alice = pool.user('alice')!
  assert.deepEqual(alice.mfa, ['EMAIL_OTP'])
  assert.equal(alice.attributes['email'], 'alice@example.com')
  assert.equal(alice.attributes['email_verified'], 'true')
  // the next sign-in asks for an email code
  assert.equal((await authenticate(client, { username: 'alice', password: PW })).challenge?.name, 'EMAIL_OTP')
})

test('MFA_SETUP with an address that is not one is refused, and nothing is sent', async () => {
  const { pool, client } = setup()
  const challenge = await mfaSetup(client)
  const sent = pool.messages.length
  await assert.rejects(respondToChallenge(client, challenge, { EMAIL: 'not-an-address' }), { name: 'InvalidParameterException' })
  assert.equal(pool.messages.length, sent)
})

test("MFA_SETUP with an address another user signs in with is refused before anything is sent, and the user's email stays as it was", async () => {
  const bob = { username: 'bob', password: PW, attributes: { email: 'bob@example.com' } }
  for (const alice of [{ username: 'alice', password: PW }, { username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }]) {
    const { pool, client } = setup([alice, bob], ['email'])
    const challenge = await mfaSetup(client)
    const sent = pool.messages.length
    await assert.rejects(respondToChallenge(client, challenge, { EMAIL: 'Bob@example.com' }), { name: 'AliasExistsException' })
    assert.equal(pool.messages.length, sent, 'no code sent')
    assert.equal(pool.user('alice')!.attributes['email'], alice.attributes?.email)
    assert.equal(pool.user('bob')!.attributes['email_verified'], 'true', "bob's alias untouched")
  }
})

test("until its code is given, an email MFA set-up leaves the user's email as it was (none, or the old one)", async () => {
  for (const alice of [{ username: 'alice', password: PW }, { username: 'alice', password: PW, attributes: { email: 'old@example.com' } }]) {
    const { pool, client } = setup([alice])
    const otp = await respondToChallenge(client, await mfaSetup(client), { EMAIL: 'new@example.com' })
    assert.equal(otp.challenge?.name, 'EMAIL_OTP')
    assert.equal(pool.messages.at(-1)?.destination, 'new@example.com')
    const attrs = pool.user('alice')!.attributes
    if (alice.attributes) assert.deepEqual([attrs['email'], attrs['email_verified']], ['old@example.com', 'true'])
    else assert.ok(!('email' in attrs), `no email yet: ${JSON.stringify(attrs)}`)
  }
})

test('MFA_SETUP answered with neither an address nor a verified authenticator is refused, and nothing is sent', async () => {
  const { pool, client } = setup()
  const challenge = await mfaSetup(client)
  const sent = pool.messages.length
  // the pool's "Invalid session for the user.", as the library reports it
  await assert.rejects(respondToChallenge(client, challenge, {}), ExpiredSessionError)
  assert.equal(pool.messages.length, sent)
})

test('MFA_SETUP answered after an authenticator was verified in its Session finishes with the authenticator, even with an EMAIL: no second set-up, no code sent', async () => {
  const { pool, client } = setup()
  const challenge = await mfaSetup(client)
  const { secretCode, challenge: next } = await setupSoftwareTokenMfa(client, challenge)
  const verified = await ok(pool, 'VerifySoftwareToken', { Session: next.session, UserCode: await totp(secretCode, pool.now()) })
  const sent = pool.messages.length
  const r = await ok(pool, 'RespondToAuthChallenge', { ClientId: pool.clientId, ChallengeName: 'MFA_SETUP', Session: verified['Session'], ChallengeResponses: { USERNAME: 'alice', EMAIL: 'alice@example.com' } })
  assert.ok(r['AuthenticationResult']?.AccessToken, 'signed in')
  assert.equal(pool.messages.length, sent, 'no code sent')
  assert.deepEqual(pool.user('alice')!.mfa, ['SOFTWARE_TOKEN_MFA'])
  assert.equal(pool.user('alice')!.attributes['email'], undefined)
})

test('an address another user made their sign-in alias while the code was on its way is refused when the code comes back: one address, one user', async () => {
  const { pool, client } = setup([{ username: 'alice', password: PW }, { username: 'bob', password: PW }], ['email'])
  const otp = await respondToChallenge(client, await mfaSetup(client), { EMAIL: 'shared@example.com' })
  // meanwhile bob gets the address, verified: free then, alice had not proved it yet
  const update = { UserPoolId: pool.poolId, Username: 'bob', UserAttributes: [{ Name: 'email', Value: 'shared@example.com' }, { Name: 'email_verified', Value: 'true' }] }
  assert.equal((await call(pool, 'AdminUpdateUserAttributes', update, await signedFor(pool, 'AdminUpdateUserAttributes', update))).status, 200)
  await assert.rejects(respondToEmailOtpChallenge(client, otp.challenge!, pool.lastCode('alice', 'MFA')!), { name: 'AliasExistsException' })
  const alice = pool.user('alice')!
  assert.deepEqual([alice.attributes['email'], alice.mfa], [undefined, []], 'alice neither has the address nor email MFA')
  assert.equal(pool.user('bob')!.attributes['email_verified'], 'true')
})

/**
 * A server answers a challenge in a second HTTP request: the pending challenge goes to a cookie
 * or a session store as JSON and comes back through `resumeChallenge()`. What comes back is
 * outside data; a value that is no challenge is the caller's mistake, refused before any request,
 * by the same rule as the functions' `Challenge`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito, createClient, respondToSoftwareTokenMfaChallenge, SoftwareTokenMfaChallengeError } from '../../src/index.ts'
import { createLocalPool, totp } from '../../src/local/index.ts'

const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const SECRET = 'server-side-client-secret-0123456789abcdefghijklmnop'

test('resumeChallenge refuses what the functions refuse as a challenge (parameters that are not an object, an empty username), before any request', async () => {
  let sent = 0
  const fetch = async (): Promise<Response> => { sent++; throw new Error('no request expected') }
  const opts = { userPoolId: 'us-east-1_LocalPool1', clientId: 'localclient000000000000000', username: 'ann', endpoint: 'http://127.0.0.1:1/', fetch, retry: false as const }
  const client = createClient(opts)
  for (const parameters of [null, ['x'], 'USER_ID_FOR_SRP=ann']) {
    const junk = { name: 'SOFTWARE_TOKEN_MFA', parameters, session: 'S'.repeat(40), username: 'ann' }
    await assert.rejects(respondToSoftwareTokenMfaChallenge(client, junk as never, '123456'), ArgumentError)
    assert.throws(() => new Cognito(opts).resumeChallenge(junk as never), (e: unknown) => e instanceof ArgumentError && /"challenge"/.test(e.message), `parameters ${JSON.stringify(parameters)}`)
  }
  assert.throws(() => new Cognito(opts).resumeChallenge({ name: 'SOFTWARE_TOKEN_MFA', parameters: {}, session: 'S'.repeat(40), username: '' } as never), ArgumentError)
  await assert.rejects(respondToSoftwareTokenMfaChallenge(client, { name: 'SOFTWARE_TOKEN_MFA', parameters: {}, session: 'S'.repeat(40), username: '' } as never, '123456'), ArgumentError)
  assert.equal(sent, 0)
})

test('a pending challenge saved as JSON in one request is answered in the next, with a client secret and an email sign-in name, and the tokens renew from a cookie', async () => {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0)
  const pool = createLocalPool({ clock: () => now, usernameAttributes: ['email'], clients: [{ clientSecret: SECRET }], users: [{ username: 'ann@example.com', password: 'Ann-pass-1!', totpSecret: TOTP, mfa: ['SOFTWARE_TOKEN_MFA'], preferredMfa: 'SOFTWARE_TOKEN_MFA' }] })
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, clientSecret: SECRET, endpoint: pool.endpoint, fetch: pool.fetch, retry: false as const, now: () => now }
  const first = new Cognito({ ...opts, username: 'ann@example.com' })
  await assert.rejects(first.authenticate('Ann-pass-1!'), SoftwareTokenMfaChallengeError)
  const cookie = JSON.stringify(first.pendingChallenge)
  const second = new Cognito({ ...opts, username: 'ann@example.com' })
  second.resumeChallenge(JSON.parse(cookie))
  const t = await second.respondToSoftwareTokenMfaChallenge(await totp(TOTP, now))
  // a later request: only the tokens from the cookie, no sign-in name; SECRET_HASH over the internal name
  now += 2 * 3600_000
  const later = new Cognito({ ...opts, accessToken: t.accessToken, idToken: t.idToken, refreshToken: t.refreshToken! })
  assert.equal(await later.checkToken(), true)
  assert.notEqual(later.accessToken, t.accessToken)
  assert.equal(JSON.stringify(later).includes(t.refreshToken!), false)
})

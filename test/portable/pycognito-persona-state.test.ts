/**
 * A pycognito script ported to the `Cognito` class: the instance state each call writes (the
 * parity table's "writes" column), also when a call fails or does not do what was asked, against
 * the local pool (real SRP, real tokens, real TOTP codes).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, NotAuthenticatedError, NotAuthorizedException, SoftwareTokenMfaChallengeError } from '../../src/index.ts'
import { createLocalPool, totp } from '../../src/local/index.ts'

const TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

test('a token renewal while a new sign-in waits for its MFA code keeps that challenge: the code can still be answered', async () => {
  // a script signed in earlier; its access token has expired when it signs in again (step-up)
  let now = Date.UTC(2026, 0, 5, 9, 0, 0)
  const pool = createLocalPool({ clock: () => now, users: [{ username: 'tom', password: 'Tom-pass-1!', totpSecret: TOTP, mfa: ['SOFTWARE_TOKEN_MFA'], preferredMfa: 'SOFTWARE_TOKEN_MFA' }] })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'tom', endpoint: pool.endpoint, fetch: pool.fetch, now: () => now, retry: false })
  await assert.rejects(user.authenticate('Tom-pass-1!'), SoftwareTokenMfaChallengeError)
  await user.respondToSoftwareTokenMfaChallenge(await totp(TOTP, now))
  const firstRefresh = user.refreshToken
  now += 2 * 3600_000
  await assert.rejects(user.authenticate('Tom-pass-1!'), SoftwareTokenMfaChallengeError)
  const pending = user.pendingChallenge
  assert.equal(pending?.name, 'SOFTWARE_TOKEN_MFA')
  // meanwhile the script (or authFetch) uses the old session: the expired access token is renewed
  assert.equal((await user.getUser()).username, 'tom')
  assert.equal(user.refreshToken, firstRefresh, 'the renewal used the old session')
  assert.equal(user.pendingChallenge, pending, 'the renewal must not drop the sign-in waiting for its code')
  // a TOTP step later, so the code differs from the one already used
  now += 30_000
  const r = await user.respondToSoftwareTokenMfaChallenge(await totp(TOTP, now))
  assert.equal(user.accessToken, r.accessToken)
  assert.notEqual(user.refreshToken, firstRefresh, 'the answered challenge brought a new session')
  assert.equal(user.pendingChallenge, undefined)
})

test('a renewal keeps a pending challenge; a sign-in that ends with tokens drops it', async () => {
  const pool = createLocalPool({ users: [{ username: 'ann', password: 'Ann-pass-1!', totpSecret: TOTP, mfa: ['SOFTWARE_TOKEN_MFA'], preferredMfa: 'SOFTWARE_TOKEN_MFA' }, { username: 'bo', password: 'Bo-pass-1!' }] })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'bo', endpoint: pool.endpoint, fetch: pool.fetch, retry: false as const })
  await user.authenticate('Bo-pass-1!')
  user.username = 'ann'
  await assert.rejects(user.authenticate('Ann-pass-1!'), SoftwareTokenMfaChallengeError)
  await user.renewAccessToken()
  assert.equal(user.pendingChallenge?.name, 'SOFTWARE_TOKEN_MFA')
  user.username = 'bo'
  await user.authenticate('Bo-pass-1!')
  assert.equal(user.pendingChallenge, undefined, 'a finished sign-in replaces the challenge it abandoned')
})

test('newPasswordChallenge for a user Cognito asks no new password of: an error, not a silent success; the password stays, the sign-in is kept', async () => {
  // pycognito's new_password_challenge failed here too (KeyError on the missing ChallengeName)
  const pool = createLocalPool({ users: [{ username: 'carol', password: 'Carol-pass-1!' }] })
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, username: 'carol', endpoint: pool.endpoint, fetch: pool.fetch, retry: false as const }
  const user = new Cognito(opts)
  await assert.rejects(user.newPasswordChallenge('Carol-pass-1!', 'Carol-new-1!'), (e: unknown) => e instanceof NotAuthenticatedError && /NEW_PASSWORD_REQUIRED/.test(e.message))
  assert.ok(user.accessToken && user.refreshToken, 'the sign-in it made is kept')
  assert.equal(user.pendingChallenge, undefined)
  await assert.rejects(new Cognito(opts).authenticate('Carol-new-1!'), NotAuthorizedException)
  await new Cognito(opts).authenticate('Carol-pass-1!')
})

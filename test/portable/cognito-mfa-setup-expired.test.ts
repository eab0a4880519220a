/**
 * `Cognito.setupSoftwareTokenMfa()` (MFA_SETUP, step 1) with an expired Session drops the pending
 * challenge, as every other answer of the class does: the sign-in has to start again, and the
 * continuation methods say so (NotAuthenticatedError) instead of sending the dead Session.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, ExpiredSessionError, MfaSetupChallengeError, NotAuthenticatedError } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PASSWORD = 'Mfa-setup-p4ss!'

test('setupSoftwareTokenMfa with an expired Session: ExpiredSessionError, and the MFA_SETUP challenge is dropped', async () => {
  let now = Date.UTC(2026, 10, 20, 12)
  const pool = createLocalPool({ mfa: 'ON', clock: () => now, users: [{ username: 'mia', password: PASSWORD }] })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'mia', endpoint: pool.endpoint, fetch: pool.fetch, now: () => now, retry: false })
  await assert.rejects(user.authenticate(PASSWORD), MfaSetupChallengeError)
  assert.equal(user.pendingChallenge?.name, 'MFA_SETUP')
  now += 600_000
  await assert.rejects(user.setupSoftwareTokenMfa(), ExpiredSessionError)
  assert.equal(user.pendingChallenge, undefined, 'the expired challenge is not kept')
  await assert.rejects(user.setupSoftwareTokenMfa(), NotAuthenticatedError)
  await assert.rejects(user.verifySoftwareTokenMfaSetup('123456'), NotAuthenticatedError)
})

test('setupSoftwareTokenMfa that succeeds keeps MFA_SETUP pending, with the Session AssociateSoftwareToken returned', async () => {
  let now = Date.UTC(2026, 10, 20, 12)
  const pool = createLocalPool({ mfa: 'ON', clock: () => now, users: [{ username: 'mia', password: PASSWORD }] })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'mia', endpoint: pool.endpoint, fetch: pool.fetch, now: () => now, retry: false })
  await assert.rejects(user.authenticate(PASSWORD), MfaSetupChallengeError)
  const before = user.pendingChallenge!.session
  const r = await user.setupSoftwareTokenMfa({ issuer: 'App' })
  assert.ok(r.secretCode && r.uri.startsWith('otpauth://totp/'))
  assert.equal(user.pendingChallenge?.name, 'MFA_SETUP')
  assert.notEqual(user.pendingChallenge?.session, before, 'the new Session is held')
})

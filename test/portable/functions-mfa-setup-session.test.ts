/**
 * MFA_SETUP during sign-in, against the local pool: its two requests outside RespondToAuthChallenge
 * (AssociateSoftwareToken and VerifySoftwareToken, both with the challenge's Session) report an
 * expired Session as every other challenge step does, with ExpiredSessionError: sign in again.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, createClient, ExpiredSessionError, NotAuthorizedException, setupSoftwareTokenMfa, verifySoftwareTokenMfaSetup } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { totp } from '../../src/local/crypto.ts'

const PASSWORD = 'Mfa-setup-p4ss!'

async function mfaSetup() {
  let now = Date.UTC(2026, 10, 20, 12)
  const pool = createLocalPool({ mfa: 'ON', clock: () => now, users: [{ username: 'mia', password: PASSWORD }] })
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch, now: () => now })
  const step = await authenticate(client, { username: 'mia', password: PASSWORD })
  assert.equal(step.challenge?.name, 'MFA_SETUP')
  return { client, challenge: step.challenge!, later: (s: number) => (now += s * 1000), now: () => now }
}

const expired = (e: unknown): boolean => {
  assert.ok(e instanceof ExpiredSessionError, `expected ExpiredSessionError, got ${String(e)}`)
  assert.ok(e.cause instanceof NotAuthorizedException)
  return true
}

test('setupSoftwareTokenMfa with an expired Session: ExpiredSessionError, Cognito\'s error as the cause', async () => {
  const { client, challenge, later } = await mfaSetup()
  later(600)
  await assert.rejects(setupSoftwareTokenMfa(client, challenge), expired)
})

test('verifySoftwareTokenMfaSetup with an expired Session: ExpiredSessionError, Cognito\'s error as the cause', async () => {
  const { client, challenge, later, now } = await mfaSetup()
  const setup = await setupSoftwareTokenMfa(client, challenge)
  later(600)
  await assert.rejects(verifySoftwareTokenMfaSetup(client, setup.challenge, await totp(setup.secretCode, now())), expired)
})

/**
 * `Cognito` session behaviour no other test guarded, found by mutation testing
 * (`scripts/mutate.mjs` on src/cognito-session.ts): what `resumeChallenge` refuses, `verifyTokens`
 * with one token missing, and what a continuation with no pending challenge says. No request is
 * made: a stand-in `fetch` counts them.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito, NotAuthenticatedError } from '../../src/index.ts'

const ids = { userPoolId: 'us-east-1_AbC123', clientId: 'client1', username: 'alice' }

/** A Cognito whose `fetch` only counts requests. */
function cognito(extra: Record<string, unknown> = {}) {
  const sent: string[] = []
  const fetch = async (url: string): Promise<Response> => (sent.push(url), new Response('{}', { status: 400 }))
  return { sent, user: new Cognito({ ...ids, fetch, retry: false, ...extra }) }
}

test('resumeChallenge refuses anything but a saved pendingChallenge, naming "challenge", and holds nothing', () => {
  const { user } = cognito()
  const good = { name: 'SOFTWARE_TOKEN_MFA', username: 'alice', session: 'opaque-session', parameters: {}, availableChallenges: undefined }
  for (const bad of [null, { ...good, name: '' }, { ...good, username: '' }, { ...good, session: 42 }, { ...good, parameters: undefined }]) {
    assert.throws(() => user.resumeChallenge(bad as never), (e: unknown) => e instanceof ArgumentError && /"challenge"/.test(e.message), JSON.stringify(bad))
    assert.equal(user.pendingChallenge, undefined)
  }
  user.resumeChallenge(good)
  assert.deepEqual(user.pendingChallenge, good)
})

test('verifyTokens with only one of the two tokens is NotAuthenticatedError, before any JWKS request', async () => {
  for (const held of [{ accessToken: 'a.b.c' }, { idToken: 'a.b.c' }]) {
    const { user, sent } = cognito(held)
    await assert.rejects(user.verifyTokens(), (e: unknown) => e instanceof NotAuthenticatedError && /verifyTokens/.test(e.message), Object.keys(held)[0])
    assert.deepEqual(sent, [])
  }
})

test('a continuation with no pending challenge says which challenge it answers', async () => {
  const { user, sent } = cognito()
  await assert.rejects(user.respondToSoftwareTokenMfaChallenge('123456'), (e: unknown) => e instanceof NotAuthenticatedError && e.message === 'SOFTWARE_TOKEN_MFA: no pending SOFTWARE_TOKEN_MFA challenge')
  await assert.rejects(user.respondToEmailOtpChallenge('123456'), (e: unknown) => e instanceof NotAuthenticatedError && e.message === 'EMAIL_OTP: no pending EMAIL_OTP challenge')
  assert.deepEqual(sent, [])
})

/**
 * Edges of reading and answering sign-in steps (functions/auth-flow): a prepared `srp` must hold
 * both a bigint `a` and a bigint `A`; the shortest lifetime Cognito can state (ExpiresIn 1) is kept,
 * not replaced by the one-hour fallback; and CREDENTIAL_REQUEST_OPTIONS that are not JSON are a
 * ResponseError caused by the parse failure, with the passkey function never called. The answers
 * have the shape of the recorded fixtures (signin-user-auth-webauthn.json, a REFRESH_TOKEN_AUTH
 * AuthenticationResult). Portable (injected fetch).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createClient, renewAccessToken, ResponseError, authenticate, userAuth } from '../../src/index.ts'
import { offlineClient, refused } from '../support/function-replay.ts'
import { CLIENT, NOW, POOL, token } from '../support/signin-data.ts'

const json = (body: unknown): Response => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' } })

test('"srp" needs a bigint a and a bigint A: either one missing is refused before any request', async () => {
  for (const srp of [{ a: 5n, A: 'ff' }, { a: 'ff', A: 5n }, { a: 5n }]) {
    await refused(() => authenticate(offlineClient(), { username: 'alice', password: 'p', srp: srp as never }), '"srp" must come from createSrpSession()')
  }
})

test('ExpiresIn 1 is a one-second lifetime; 0 falls back to an hour', async () => {
  for (const [stated, kept] of [[1, 1], [0, 3600]] as const) {
    const fetch = async (): Promise<Response> => json({ AuthenticationResult: { AccessToken: token('access'), IdToken: token('id'), TokenType: 'Bearer', ExpiresIn: stated } })
    const r = await renewAccessToken(createClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW, retry: false }), 'refresh-token')
    assert.deepEqual([r.expiresIn, r.expiresAt], [kept, NOW + kept * 1000], `ExpiresIn ${stated}`)
  }
})

test('WEB_AUTHN options that are not JSON: a ResponseError whose cause is the SyntaxError; no passkey asked', async () => {
  const fetch = async (): Promise<Response> => json({ ChallengeName: 'WEB_AUTHN', ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: '<html>' }, Session: 'AYABeWebAuthnSession' })
  let asked = 0
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch, now: () => NOW, retry: false })
  await assert.rejects(userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: async () => (asked++, {}) }), (e: unknown) => {
    assert.ok(e instanceof ResponseError)
    assert.equal(e.message, 'bad CREDENTIAL_REQUEST_OPTIONS')
    assert.ok(e.cause instanceof SyntaxError, 'the parse failure is the cause')
    return true
  })
  assert.equal(asked, 0)
})

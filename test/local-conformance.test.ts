/**
 * Every exchange the local pool answers conforms to the service model: requests the library
 * sends (validateRequest), 200 bodies (validateOutput) and errors (`__type` among the
 * operation's modelled errors or the AWS-wide common ones, validateError). Driven by the demo
 * (one user's whole life) and the pool's error paths. Node only (the model is read from disk).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { runDemo } from '../src/demo.ts'
import { createLocalPool } from '../src/local/index.ts'
import { validateError, validateOutput, validateRequest } from './support/model.ts'
import { call, errorOf, srpLogin, srpStart } from './support/local.ts'

function checker(): { onCall: (c: { operation: string; status: number; request: unknown; response: unknown }) => void; problems: string[]; seen: Set<string> } {
  const problems: string[] = []
  const seen = new Set<string>()
  return {
    problems,
    seen,
    onCall({ operation, status, request, response }) {
      if (!operation) return
      seen.add(`${operation}:${status === 200 ? 'ok' : (response as { __type?: string })?.__type}`)
      const bad = [
        ...(request !== undefined && status !== 400 ? validateRequest(operation, request) : []),
        ...(status === 200 ? validateOutput(operation, response) : validateError(operation, response)),
      ]
      problems.push(...bad)
    },
  }
}

test('the demo: every request, response and error conforms to the model', async () => {
  const c = checker()
  const r = await runDemo(() => {}, { onCall: c.onCall, shareKeys: true })
  assert.equal(r.ok, true)
  assert.deepEqual(c.problems, [])
  assert.ok(c.seen.size >= 14, [...c.seen].join(' '))
})

test('error paths: each error is one the operation can return, shaped like the model', async () => {
  const c = checker()
  const pool = createLocalPool({ shareKeys: true, onCall: c.onCall, maxPasswordAttempts: 2, users: [{ username: 'alice', password: 'Corr3ct-horse!', attributes: { email: 'alice@example.com' } }] })
  await srpLogin(pool, 'alice', 'Wrong-pass1!')
  await srpLogin(pool, 'alice', 'Wrong-pass2!')
  await srpLogin(pool, 'nobody', 'Wrong-pass1!')
  const s = await srpStart(pool, 'alice')
  const ans = await s.answer('Corr3ct-horse!')
  ;(ans['ChallengeResponses'] as Record<string, string>)['TIMESTAMP'] = 'yesterday'
  await call(pool, 'RespondToAuthChallenge', ans)
  await errorOf(pool, 'ConfirmSignUp', { ClientId: pool.clientId, Username: 'alice', ConfirmationCode: '123456' })
  await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'bob', Password: 'short' })
  await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'alice', Password: 'Corr3ct-horse!' })
  await errorOf(pool, 'GetUser', { AccessToken: 'a.b.c' })
  await errorOf(pool, 'ForgotPassword', { ClientId: 'missing', Username: 'alice' })
  await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  await errorOf(pool, 'RevokeToken', { ClientId: pool.clientId, Token: 'a.b.c' })
  await errorOf(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: 'x' } })
  await errorOf(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: 'x' })
  await errorOf(pool, 'RespondToAuthChallenge', { ClientId: pool.clientId, ChallengeName: 'SMS_MFA', Session: 'nope', ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE: '1' } })
  assert.deepEqual(c.problems, [])
  assert.ok([...c.seen].some((x) => x.includes('LimitExceeded') || x.includes('NotAuthorized')))
})

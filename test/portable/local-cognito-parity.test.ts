/**
 * Places where the local pool answered differently from real Cognito, each pinned to where
 * Cognito's behaviour is documented: the service model's error lists and members, the API
 * reference and developer guide, and public captures of Cognito's answers.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, ok, signedFor, srpLogin } from '../support/local.ts'

const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }

test('RevokeToken answers client failures with UnauthorizedException, the only authorisation error its model declares', async () => {
  // the service model lists TooManyRequests, InternalError, Unauthorized, InvalidParameter,
  // UnsupportedOperation, UnsupportedTokenType, Forbidden and OperationNotEnabled for RevokeToken:
  // neither NotAuthorizedException nor ResourceNotFoundException
  const secret = 'sek0123456789abcdefghijklmnop'
  const pool = createLocalPool({ shareKeys: true, users: [alice], clients: [{}, { clientId: 'secretclient', clientSecret: secret }] })
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const t2 = (await srpLogin(pool, 'alice', PW, { clientId: 'secretclient', secret })).body.AuthenticationResult
  const unknown = await errorOf(pool, 'RevokeToken', { Token: t.RefreshToken, ClientId: 'nosuchclient' })
  assert.equal(unknown.type, 'UnauthorizedException')
  const other = await errorOf(pool, 'RevokeToken', { Token: t.RefreshToken, ClientId: 'secretclient', ClientSecret: secret })
  assert.equal(other.type, 'UnauthorizedException')
  const wrong = await errorOf(pool, 'RevokeToken', { Token: t2.RefreshToken, ClientId: 'secretclient', ClientSecret: 'wrong0123456789abcdefghijklmnop' })
  assert.equal(wrong.type, 'UnauthorizedException')
  const none = await errorOf(pool, 'RevokeToken', { Token: t2.RefreshToken, ClientId: 'secretclient' })
  assert.equal(none.type, 'UnauthorizedException')
  assert.ok(!wrong.message.includes(secret.slice(0, 8)))
  // nothing was revoked by the refused calls; the right client and secret still revoke
  const refresh = (rt: string, clientId: string, extra = {}) => call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: rt, ...extra } })
  assert.equal((await refresh(t.RefreshToken, pool.clientId)).status, 200)
  assert.deepEqual(await ok(pool, 'RevokeToken', { Token: t2.RefreshToken, ClientId: 'secretclient', ClientSecret: secret }), {})
})

/**
 * The local pool's refresh flows where a mutation round over today's rotation changes
 * (src/local/sign-in.ts, src/local/tokens.ts) found them unguarded: `REFRESH_TOKEN`, the older
 * name of REFRESH_TOKEN_AUTH in AuthFlowType, renews as it does and is refused the same way on a
 * client that rotates; a client whose rotation is configured but not enabled keeps its refresh
 * token reusable and takes REFRESH_TOKEN_AUTH. Over the wire only; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { PW, call, srpLogin } from '../support/local.ts'

const refresh = (pool: ReturnType<typeof createLocalPool>, flow: string, token: string) =>
  call(pool, 'InitiateAuth', { AuthFlow: flow, ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: token } })

test('AuthFlow REFRESH_TOKEN renews like REFRESH_TOKEN_AUTH, and a rotating client refuses both', async () => {
  const plain = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  const t = (await srpLogin(plain, 'alice', PW)).body.AuthenticationResult
  const r = await refresh(plain, 'REFRESH_TOKEN', t.RefreshToken)
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.ok(r.body.AuthenticationResult.AccessToken)
  const rotating = createLocalPool({ shareKeys: true, clients: [{ refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 10 } }], users: [{ username: 'alice', password: PW }] })
  const rt = (await srpLogin(rotating, 'alice', PW)).body.AuthenticationResult.RefreshToken
  for (const flow of ['REFRESH_TOKEN', 'REFRESH_TOKEN_AUTH']) {
    const e = await refresh(rotating, flow, rt)
    assert.deepEqual([e.status, e.body.__type], [400, 'InvalidParameterException'], flow)
    assert.match(e.body.message, /REFRESH_TOKEN_AUTH flow not enabled/)
  }
})

test('rotation configured but not enabled: REFRESH_TOKEN_AUTH works, and GetTokensFromRefreshToken keeps the token good and gives no new one', async () => {
  const pool = createLocalPool({ shareKeys: true, clients: [{ refreshTokenRotation: { enabled: false, retryGracePeriodSeconds: 0 } }], users: [{ username: 'alice', password: PW }] })
  const rt = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult.RefreshToken
  assert.equal((await refresh(pool, 'REFRESH_TOKEN_AUTH', rt)).status, 200)
  for (let i = 0; i < 2; i++) {
    const g = await call(pool, 'GetTokensFromRefreshToken', { ClientId: pool.clientId, RefreshToken: rt })
    assert.equal(g.status, 200, JSON.stringify(g.body))
    assert.equal(g.body.AuthenticationResult.RefreshToken, undefined)
  }
})

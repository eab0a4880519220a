/**
 * `cognito-edge/identity-js` behaviour of its own (where it is deliberately more forgiving than
 * amazon-cognito-identity-js) that no other test guarded, found by mutation testing
 * (`scripts/mutate.mjs`); against the local pool through `pool.fetch`, no sockets. Portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from '../../src/identity-js.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PW = 'Corr3ct-horse!'

test('a stored device key without its group key and secret (storage that lost some keys) is not used: the sign-in goes on and a new device is stored', async () => {
  const local = createLocalPool({ users: [{ username: 'alice', password: PW }], deviceTracking: true })
  const m = new Map<string, string>()
  const Storage = { setItem: (k: string, v: string) => void m.set(k, v), getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
  const pool = new CognitoUserPool({ UserPoolId: local.poolId, ClientId: local.clientId, endpoint: local.endpoint, fetch: local.fetch, Storage, retry: false })
  const key = (name: string): string => `CognitoIdentityServiceProvider.${local.clientId}.alice.${name}`
  const partial = [['deviceKey'], ['deviceKey', 'deviceGroupKey'], ['deviceKey', 'randomPasswordKey']]
  for (const [flow, kept] of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'].flatMap((f) => partial.map((p) => [f, p] as const))) {
    m.clear()
    for (const name of kept) m.set(key(name), name === 'deviceKey' ? 'us-east-1_00000000-0000-4000-8000-000000000000' : 'lost-its-partner')
    const u = new CognitoUser({ Username: 'alice', Pool: pool })
    u.setAuthenticationFlowType(flow)
    const outcome = await new Promise((resolve) => u.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), { onSuccess: () => resolve('onSuccess'), onFailure: (e) => resolve(`onFailure ${e.code}: ${e.message}`) }))
    assert.equal(outcome, 'onSuccess', `${flow} with ${kept}`)
    const device = local.user('alice')!.devices.find((d) => d.deviceKey === m.get(key('deviceKey')))
    assert.ok(device && m.get(key('deviceGroupKey')) && m.get(key('randomPasswordKey')), `${flow} with ${kept}: a new device, stored whole`)
  }
})

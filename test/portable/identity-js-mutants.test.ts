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

/** A local pool that remembers every device, with alice, and the identity-js pool over it (its own storage, `m`). */
function setup() {
  const local = createLocalPool({ users: [{ username: 'alice', password: PW }], deviceTracking: true })
  const m = new Map<string, string>()
  const Storage = { setItem: (k: string, v: string) => void m.set(k, v), getItem: (k: string) => m.get(k) ?? null, removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
  return { local, m, pool: new CognitoUserPool({ UserPoolId: local.poolId, ClientId: local.clientId, endpoint: local.endpoint, fetch: local.fetch, Storage, retry: false }) }
}

test('a stored device key without its group key and secret (storage that lost some keys) is not used: the sign-in goes on and a new device is stored', async () => {
  const { local, m, pool } = setup()
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

test('"this device" of a user read from storage is the device stored for it: getDevice, remember, forget work after a page load', async () => {
  const { local, m, pool } = setup()
  const first = new CognitoUser({ Username: 'alice', Pool: pool })
  await new Promise((resolve, reject) => first.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), { onSuccess: resolve, onFailure: reject }))
  const deviceKey = first.deviceKey
  assert.ok(deviceKey)
  // a page load: the current user from storage, its session from storage (no device in memory)
  const u = pool.getCurrentUser()!
  await new Promise((resolve, reject) => u.getSession((err: unknown, s: unknown) => (err ? reject(err) : resolve(s))))
  const handlers = <T>(run: (cb: { onSuccess: (v: T) => void; onFailure: (e: Error) => void }) => void): Promise<T> => new Promise((resolve, reject) => run({ onSuccess: resolve, onFailure: reject }))
  const got = await handlers<any>((cb) => u.getDevice(cb))
  assert.equal(got.Device.DeviceKey, deviceKey)
  assert.equal(await handlers((cb) => u.setDeviceStatusNotRemembered(cb)), 'SUCCESS')
  assert.equal(local.user('alice')!.devices[0]!.remembered, false)
  assert.equal(await handlers((cb) => pool.getCurrentUser()!.forgetDevice(cb)).catch((e) => e.message), 'User is not authenticated', 'a user without a session cannot')
  assert.equal(await handlers((cb) => u.forgetDevice(cb)), 'SUCCESS')
  assert.deepEqual([local.user('alice')!.devices.length, m.has(`CognitoIdentityServiceProvider.${local.clientId}.alice.deviceKey`)], [0, false])
})

test('completeNewPasswordChallenge without an attribute NEW_PASSWORD_REQUIRED requires: onFailure (InvalidParameterException, as Cognito would answer) naming it, nothing sent', async () => {
  const local = createLocalPool({ users: [{ username: 'alice', password: PW, status: 'FORCE_CHANGE_PASSWORD' }] })
  const sent: string[] = []
  // the local pool requires no attribute; Cognito names the pool's required ones in requiredAttributes
  // as a JSON list of "userAttributes."-prefixed names (RespondToAuthChallenge, NEW_PASSWORD_REQUIRED)
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const op = String(new Headers(init?.headers).get('x-amz-target')).split('.').pop()!
    sent.push(op)
    const res = await local.fetch(input, init)
    const body = (await res.json()) as { ChallengeName?: string; ChallengeParameters?: Record<string, string> }
    if (body.ChallengeName === 'NEW_PASSWORD_REQUIRED') body.ChallengeParameters!['requiredAttributes'] = '["userAttributes.name"]'
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers })
  }
  const pool = new CognitoUserPool({ UserPoolId: local.poolId, ClientId: local.clientId, endpoint: local.endpoint, fetch, retry: false })
  const u = new CognitoUser({ Username: 'alice', Pool: pool })
  const outcome = await new Promise<string>((resolve) =>
    u.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), {
      onSuccess: () => resolve('signed in without the attribute'),
      onFailure: (e) => resolve(`onFailure ${e.code}: ${e.message}`),
      newPasswordRequired(_attributes, required) {
        assert.deepEqual(required, ['name'])
        sent.length = 0
        u.completeNewPasswordChallenge('N3w-horse!!', {}, this)
      },
    }),
  )
  assert.equal(outcome, 'onFailure InvalidParameterException: "attributes.name" is required')
  assert.deepEqual(sent, [])
})

test('a device Cognito forgot (ForgetDevice from another app) but storage still holds is forgotten here too: the sign-in goes on and a new device is stored', async () => {
  const { local, m, pool } = setup()
  const signIn = (): Promise<CognitoUser> => {
    const u = new CognitoUser({ Username: 'alice', Pool: pool })
    return new Promise((resolve, reject) => u.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: PW }), { onSuccess: () => resolve(u), onFailure: reject }))
  }
  const first = await signIn()
  const firstKey = first.deviceKey
  const kept = [...m].filter(([k]) => /\.(deviceKey|deviceGroupKey|randomPasswordKey)$/.test(k))
  assert.equal(kept.length, 3)
  await new Promise((resolve, reject) => first.forgetDevice({ onSuccess: resolve, onFailure: reject }))
  // the other app's storage, which still holds the device
  for (const [k, v] of kept) m.set(k, v)
  const second = await signIn()
  assert.ok(second.deviceKey && second.deviceKey !== firstKey)
  assert.deepEqual(local.user('alice')!.devices.map((d) => d.deviceKey), [second.deviceKey])
  assert.equal(m.get(`CognitoIdentityServiceProvider.${local.clientId}.alice.deviceKey`), second.deviceKey)
})

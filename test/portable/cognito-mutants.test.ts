/**
 * Cases the mutation round over the `Cognito` class's account methods (src/cognito.ts) found
 * unguarded: `confirmDevice` updates the remembered status only when Cognito asks for it
 * (UserConfirmationNecessary) and the caller said what it should be, and `setBaseAttributes`
 * checks the attributes when they are set, not when `register` sends them. Against the local pool.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'

const PW = 'Corr3ct-horse!'

/** A signed-in alice on a pool that tracks devices, with the new device Cognito issued. */
async function signedIn(prompt: boolean) {
  const pool = createLocalPool({ shareKeys: true, deviceTracking: { deviceOnlyRememberedOnUserPrompt: prompt } })
  await pool.addUser({ username: 'alice', password: PW })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false, username: 'alice' })
  await user.authenticate(PW)
  assert.ok(user.newDevice, 'the pool issued a new device')
  const from = pool.calls.length
  return { user, sent: () => pool.calls.slice(from).map((c) => c.operation) }
}

test('confirmDevice: no status update when Cognito does not ask for one, even with `remember`', async () => {
  const { user, sent } = await signedIn(false)
  const out = await user.confirmDevice({ name: 'laptop', remember: true })
  assert.equal(out.userConfirmationNecessary, false)
  assert.deepEqual(sent(), ['ConfirmDevice'])
  assert.equal(user.deviceCredentials?.deviceKey, out.deviceKey)
})

test('confirmDevice: Cognito asks for the status, but without `remember` none is sent', async () => {
  const { user, sent } = await signedIn(true)
  const out = await user.confirmDevice({ name: 'laptop' })
  assert.equal(out.userConfirmationNecessary, true)
  assert.deepEqual(sent(), ['ConfirmDevice'])
})

test('confirmDevice: Cognito asks for the status and `remember` is given: it is sent', async () => {
  const { user, sent } = await signedIn(true)
  const out = await user.confirmDevice({ name: 'laptop', remember: false })
  assert.equal(out.userConfirmationNecessary, true)
  assert.deepEqual(sent(), ['ConfirmDevice', 'UpdateDeviceStatus'])
})

test('setBaseAttributes refuses attributes that register could not send, when they are set, keeping the earlier ones', async () => {
  const pool = createLocalPool()
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false })
  user.setBaseAttributes({ name: 'Alice' })
  const refused = (text: string) => (e: unknown) => e instanceof ArgumentError && e.message.includes(text)
  assert.throws(() => user.setBaseAttributes({ age: {} as never }), refused('"attributes.age" must be a string, a finite number or a boolean'))
  assert.throws(() => user.setBaseAttributes({ age: Number.NaN }), refused('"attributes.age"'))
  assert.throws(() => user.setBaseAttributes(null as never), refused('"attributes" must be an object'))
  assert.throws(() => user.setBaseAttributes('name=Alice' as never), refused('"attributes" must be an object'))
  assert.equal(pool.calls.length, 0)
  await user.register('alice', PW)
  assert.equal(pool.user('alice')?.attributes['name'], 'Alice')
})

test('new Cognito refuses a store that is not a TokenStore, naming it', () => {
  const base = { userPoolId: 'us-east-1_AbC123', clientId: 'client1', fetch: async () => assert.fail('no request') }
  for (const store of [{}, { get: 'x' }, null, 'localStorage', 7]) {
    assert.throws(() => new Cognito({ ...base, store: store as never }), (e: unknown) => e instanceof ArgumentError && e.message === '"store" must be a TokenStore', String(store))
  }
  // a store with get/set/remove is taken
  const m = new Map<string, string>()
  assert.ok(new Cognito({ ...base, store: { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v), remove: async (k) => void m.delete(k) } }))
})

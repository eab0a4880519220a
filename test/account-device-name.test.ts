/**
 * The default DeviceName of confirmDevice: the browser's user agent (at most 1,024 characters, the
 * model's limit), else `cognito-edge`, an empty user agent included. Node-only: it replaces
 * `globalThis.navigator`, which browsers do not let a page do.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authenticate, confirmDevice, createClient } from '../src/index.ts'
import { createLocalPool } from '../src/local/index.ts'

const PW = 'Corr3ct-horse!'

/** The DeviceName a confirmDevice without `name` sends, with `navigator` set to `nav` meanwhile. */
async function defaultName(nav: { userAgent?: string } | undefined): Promise<string | undefined> {
  const pool = createLocalPool({ shareKeys: true, deviceTracking: true })
  await pool.addUser({ username: 'alice', password: PW })
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false })
  const { tokens } = await authenticate(client, { username: 'alice', password: PW })
  assert.ok(tokens?.newDevice)
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator')
  Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true })
  try {
    await confirmDevice(client, tokens.accessToken, tokens.newDevice)
  } finally {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved)
    else delete (globalThis as { navigator?: unknown }).navigator
  }
  return pool.user('alice')?.devices[0]?.name
}

test('confirmDevice without a name: the user agent, cut to 1,024 characters', async () => {
  assert.equal(await defaultName({ userAgent: 'Mozilla/5.0 Test' }), 'Mozilla/5.0 Test')
  assert.equal(await defaultName({ userAgent: 'x'.repeat(2000) }), 'x'.repeat(1024))
})

test('confirmDevice without a name and no usable user agent (none, or an empty one): cognito-edge', async () => {
  assert.equal(await defaultName(undefined), 'cognito-edge')
  assert.equal(await defaultName({}), 'cognito-edge')
  assert.equal(await defaultName({ userAgent: '' }), 'cognito-edge')
})

/**
 * Admin calls from a machine whose clock is off: AWS refuses a SigV4 signature dated more than a
 * few minutes from its own clock (InvalidSignatureException "Signature expired", which the local
 * pool answers beyond 15 minutes with its clock in the `Date` header, as Cognito does). The admin
 * client learns Cognito's clock from that answer and signs the call once more; a clock the caller
 * gives is taken as the truth, and a signature refused for another reason is not sent again.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AdminCognito, createAdminClient } from '../../src/admin.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { InvalidSignatureException, UserNotFoundException } from '../../src/index.ts'

const KEYS = { accessKeyId: 'AKIDSKEW', secretAccessKey: 'skew-secret' }
const HOUR = 3_600_000

/** A local pool whose clock is `offset` ms from this machine's, and a fetch counting the requests. */
function poolAhead(offset: number) {
  const pool = createLocalPool({ credentials: KEYS, clock: () => Date.now() + offset })
  const sent: string[] = []
  const fetch = (url: string, init: RequestInit): Promise<Response> => {
    sent.push(String(new Headers(init.headers).get('x-amz-target')).split('.')[1]!)
    return pool.fetch(url, init)
  }
  return { pool, sent, fetch }
}

for (const offset of [HOUR, -HOUR]) {
  test(`createAdminClient with a clock ${offset > 0 ? 'an hour behind' : 'an hour ahead of'} Cognito's: the refused signature is made once more with Cognito's clock, and later calls are dated right at once`, async () => {
    const { pool, sent, fetch } = poolAhead(offset)
    const dates: number[] = []
    const admin = createAdminClient({ userPoolId: pool.poolId, credentials: KEYS, fetch, retry: false, onServerDate: (server) => dates.push(server) })
    await assert.rejects(admin.send('AdminGetUser', { UserPoolId: pool.poolId, Username: 'nobody' }), UserNotFoundException)
    assert.deepEqual(sent, ['AdminGetUser', 'AdminGetUser'], 'refused once for its date, then answered')
    await assert.rejects(admin.send('AdminGetUser', { UserPoolId: pool.poolId, Username: 'nobody' }), UserNotFoundException)
    assert.equal(sent.length, 3, 'the next call is dated right the first time')
    assert.equal(dates.length, 3, "the caller's onServerDate still sees every answer")
    assert.ok(Math.abs(dates[0]! - (Date.now() + offset)) < 60_000)
  })
}

test('createAdminClient with a clock given: it is the truth, so a signature refused for its date is not sent again', async () => {
  const { pool, sent, fetch } = poolAhead(HOUR)
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials: KEYS, fetch, now: () => Date.now() })
  await assert.rejects(admin.send('AdminGetUser', { UserPoolId: pool.poolId, Username: 'nobody' }), (e: unknown) => e instanceof InvalidSignatureException && /expired/i.test(e.message))
  assert.equal(sent.length, 1)
})

test('a signature refused for a wrong secret key, with the clocks agreeing, is sent once', async () => {
  const { pool, sent, fetch } = poolAhead(0)
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials: { ...KEYS, secretAccessKey: 'not-it' }, fetch })
  await assert.rejects(admin.send('AdminGetUser', { UserPoolId: pool.poolId, Username: 'nobody' }), (e: unknown) => e instanceof InvalidSignatureException && /does not match/.test(e.message))
  assert.equal(sent.length, 1)
})

test('a wrong secret key with the clock off: one more attempt with the learnt clock, then the refusal', async () => {
  const { pool, sent, fetch } = poolAhead(HOUR)
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials: { ...KEYS, secretAccessKey: 'not-it' }, fetch })
  await assert.rejects(admin.send('AdminGetUser', { UserPoolId: pool.poolId, Username: 'nobody' }), (e: unknown) => e instanceof InvalidSignatureException && /does not match/.test(e.message))
  assert.equal(sent.length, 2)
})

test('AdminCognito with the machine clock an hour off: its first admin call goes through after one re-signed attempt', async () => {
  const { pool, sent, fetch } = poolAhead(HOUR)
  const admin = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, credentials: KEYS, fetch, retry: false })
  await admin.adminCreateUser('dora', { attributes: { email: 'dora@example.com' }, temporaryPassword: 'Temp-pass-1!', messageAction: 'SUPPRESS' })
  assert.deepEqual(sent, ['AdminCreateUser', 'AdminCreateUser'])
  assert.ok(Math.abs(admin.clockSkew - HOUR) < 60_000)
  const dora = await admin.adminGetUser('dora')
  assert.equal(dora.username, 'dora')
  assert.equal(sent.length, 3)
})

/**
 * A hostile web page against a developer's local pool: admin (SigV4) operations need the pool's
 * own credentials, which are generated when none are configured, and the CORS preflight does
 * not let another origin send `authorization` unless the pool is told to.
 * Portable: the pool's fetch handler and web globals only (aws4fetch signs, as any AWS client does).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AdminCognito } from '../../src/admin.ts'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { call, signedFor } from '../support/local.ts'

const PW = 'Corr3ct-horse!'

/** An admin call to the pool signed with `creds` (SigV4, as any AWS client signs it). */
async function signed(pool: LocalPool, op: string, input: Record<string, unknown>, creds: { accessKeyId: string; secretAccessKey: string }): Promise<{ status: number; body: any }> {
  const body = { UserPoolId: pool.poolId, ...input }
  return call(pool, op, body, await signedFor(pool, op, body, creds))
}

test('a pool without configured credentials refuses admin calls signed with any other keys', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }] })
  for (const made of [{ accessKeyId: 'AKIDANYTHING', secretAccessKey: 'anything' }, { accessKeyId: pool.credentials.accessKeyId, secretAccessKey: 'guessed' }]) {
    const reset = await signed(pool, 'AdminSetUserPassword', { Username: 'alice', Password: 'Pwned-by-a-page-1', Permanent: true }, made)
    assert.equal(reset.status, 400)
    assert.match(reset.body.__type, /^(UnrecognizedClientException|InvalidSignatureException)$/)
  }
  assert.equal(pool.calls.filter((c) => c.status === 200).length, 0, 'no admin call got through')
  // the pool's own (generated) credentials work, through any AWS client
  const got = await signed(pool, 'AdminGetUser', { Username: 'alice' }, pool.credentials)
  assert.equal(got.status, 200)
  const admin = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, credentials: pool.credentials, retry: false })
  assert.equal((await admin.adminGetUser('alice')).username, 'alice')
})

test('generated credentials are random per pool, read-only, and the secret stays out of the pool\'s JSON', () => {
  const a = createLocalPool({ shareKeys: true })
  const b = createLocalPool({ shareKeys: true })
  assert.match(a.credentials.accessKeyId, /^[A-Z0-9]{20}$/)
  assert.ok(a.credentials.secretAccessKey.length >= 40)
  assert.notEqual(a.credentials.accessKeyId, b.credentials.accessKeyId)
  assert.notEqual(a.credentials.secretAccessKey, b.credentials.secretAccessKey)
  assert.throws(() => ((a as { credentials: unknown }).credentials = { accessKeyId: 'x', secretAccessKey: 'y' }))
  assert.throws(() => ((a.credentials as { secretAccessKey: string }).secretAccessKey = 'y'))
  const secret = a.credentials.secretAccessKey
  for (const shown of [JSON.stringify(a), JSON.stringify(a.credentials), String(a.credentials), JSON.stringify({ ...a })]) {
    assert.ok(!shown.includes(secret), shown)
  }
  assert.ok(JSON.stringify(a.credentials).includes(a.credentials.accessKeyId), 'the access key id may be shown')
  // configured credentials are used as given
  const creds = { accessKeyId: 'AKIDCONFIGURED00001', secretAccessKey: 'configured-secret' }
  assert.equal(createLocalPool({ credentials: creds }).credentials.secretAccessKey, 'configured-secret')
})

test('CORS: another origin may not send authorization unless the pool allows it', async () => {
  const preflight = (pool: LocalPool, asked: string): Promise<Response> =>
    pool.fetch('http://127.0.0.1:9229/', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': asked } })
  const allowed = async (pool: LocalPool, asked: string): Promise<string[]> =>
    ((await preflight(pool, asked)).headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim().toLowerCase())
  const pool = createLocalPool({ shareKeys: true })
  // what a page's SigV4 client asks for: authorization is left out, the rest is allowed
  const sigv4 = 'authorization,content-type,x-amz-date,x-amz-target,x-amz-content-sha256'
  assert.ok(!(await allowed(pool, sigv4)).includes('authorization'))
  assert.ok((await allowed(pool, sigv4)).includes('x-amz-target'))
  // without access-control-request-headers, the default list has no authorization either
  const bare = await pool.fetch('http://127.0.0.1:9229/', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } })
  assert.ok(!(bare.headers.get('access-control-allow-headers') ?? '').toLowerCase().includes('authorization'))
  // a browser client's user-side calls are unaffected
  assert.deepEqual(await allowed(pool, 'content-type,x-amz-target,x-amz-user-agent'), ['content-type', 'x-amz-target', 'x-amz-user-agent'])
  // opting in allows it
  const open = createLocalPool({ shareKeys: true, allowCrossOriginAuthorization: true })
  assert.ok((await allowed(open, sigv4)).includes('authorization'))
})

/**
 * What the first mutation round over src/local/server.ts found unguarded: the edges of listen()'s
 * option ranges and the error codes of a bad option, the 4 MiB ceiling on a request body the
 * listener buffers (a body of exactly 4 MiB reaches the pool whole), the Content-Length of every
 * answer, and which messages `onMessage` announces (not those sent before listen(), and every
 * fresh one after the last announced message has aged out of the pool's log). Real sockets on
 * loopback, node:http where a header must be read as sent.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { Cognito } from '../src/index.ts'
import { ArgumentError } from '../src/errors.ts'
import { createLocalPool, type SentMessage } from '../src/local/index.ts'
import { listen } from '../src/local/server.ts'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One request on its own connection; the answer's headers as node:http read them. */
function raw(base: string, o: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const r = request({ host: url.hostname, port: url.port, method: o.method ?? 'GET', path: o.path ?? '/', headers: o.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }))
    })
    r.on('error', reject)
    r.end(o.body)
  })
}

const target = (op: string): Record<string, string> => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` })
const MiB4 = 4 * 1024 * 1024

test('listen() accepts the edges of every range, and a bad option is an ArgumentError with ERR_INVALID_ARG_VALUE', async () => {
  const pool = createLocalPool({ shareKeys: true })
  const max = 0x7fffffff
  const edge = await listen(pool, { port: 0, maxConnections: 65535, headersTimeout: max, requestTimeout: max, keepAliveTimeout: max })
  try {
    assert.deepEqual(edge.limits, { maxConnections: 65535, headersTimeout: max, requestTimeout: max, keepAliveTimeout: max })
  } finally {
    await edge.close()
  }
  const low = await listen(pool, { port: 0, maxConnections: 1, headersTimeout: 1, requestTimeout: 1, keepAliveTimeout: 1 })
  try {
    assert.deepEqual(low.limits, { maxConnections: 1, headersTimeout: 1, requestTimeout: 1, keepAliveTimeout: 1 })
  } finally {
    await low.close()
  }
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ port: 65536 }, /^"port" must be an integer from 0 to 65535$/],
    [{ maxConnections: 65536 }, /^"maxConnections" must be an integer from 1 to 65535$/],
    [{ keepAliveTimeout: max + 1 }, /^"keepAliveTimeout" must be an integer from 1 to 2147483647$/],
    [{ allowedHosts: ['http://cognito/'] }, /^"allowedHosts" must be an array of host names/],
    [{ headersTimeout: 2, requestTimeout: 1 }, /^"headersTimeout" must not exceed "requestTimeout"$/],
  ]
  for (const [options, message] of cases) {
    await assert.rejects(listen(pool, options as never), (e: Error) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && message.test(e.message), JSON.stringify(options))
  }
})

test('a request body of exactly 4 MiB reaches the pool whole; one byte more is 413 from the listener', async () => {
  // the pool's own limit is raised above 4 MiB, so only the listener's ceiling is in play
  const pool = createLocalPool({ shareKeys: true, maxBodyBytes: 8 * 1024 * 1024, users: [{ username: 'alice', password: 'Corr3ct-horse!' }] })
  const server = await listen(pool, { port: 0 })
  try {
    const json = JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Corr3ct-horse!' } })
    // leading whitespace is valid JSON: a body cut short anywhere loses the object's end
    const exact = ' '.repeat(MiB4 - json.length) + json
    assert.equal(Buffer.byteLength(exact), MiB4)
    const ok = await raw(server.url, { method: 'POST', headers: target('InitiateAuth'), body: exact })
    assert.equal(ok.status, 200, ok.body.slice(0, 300))
    assert.match(JSON.parse(ok.body).AuthenticationResult.AccessToken, /^ey/)
    const over = await raw(server.url, { method: 'POST', headers: target('InitiateAuth'), body: ' ' + exact })
    assert.equal(over.status, 413)
    assert.deepEqual(JSON.parse(over.body), { __type: 'RequestEntityTooLargeException', message: 'Request body is too large' })
  } finally {
    await server.close()
  }
})

test('every answer carries a Content-Length matching its body, as Cognito sends it (not chunked)', async () => {
  const pool = createLocalPool({ shareKeys: true })
  const server = await listen(pool, { port: 0 })
  try {
    const replies = [
      await raw(server.url, { path: `/${pool.poolId}/.well-known/jwks.json` }),
      await raw(server.url, { method: 'POST', headers: target('GetUser'), body: '{"AccessToken": "x"}' }),
      await raw(server.url, { path: '/_local/messages' }),
      await raw(server.url, { headers: { host: 'rebind.example' } }),
    ]
    for (const r of replies) {
      assert.equal(r.headers['transfer-encoding'], undefined, `${r.status} is chunked`)
      assert.equal(r.headers['content-length'], String(Buffer.byteLength(r.body)), `${r.status}`)
    }
  } finally {
    await server.close()
  }
})

test('onMessage announces what the pool sends after listen(), once each, also after the last announced message aged out of the log', async () => {
  let now = Date.parse('2026-12-01T00:00:00Z')
  const pool = createLocalPool({ shareKeys: true, clock: () => now })
  const direct = (username: string): Cognito => new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username, fetch: pool.fetch, retry: false })
  // sent before the listener existed: not the listener's to announce
  await direct('early').register('early', 'Early-passw0rd!', { attributes: { email: 'early@example.com' } })
  assert.equal(pool.messages.length, 1)
  const announced: SentMessage[] = []
  const server = await listen(pool, { port: 0, onMessage: (m) => announced.push(m) })
  try {
    const viaHttp = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'sam', endpoint: server.url, retry: false })
    await viaHttp.register('sam', 'Sam-passw0rd!', { attributes: { email: 'sam@example.com' } })
    assert.deepEqual(announced.map((m) => m.username), ['sam'])
    // eight days on, the pool's next sweep drops every message older than a week (sam's too);
    // two codes are then sent by in-process calls, and the next request over HTTP announces both
    now += 8 * 86400_000
    await direct('ann').register('ann', 'Ann-passw0rd!', { attributes: { email: 'ann@example.com' } })
    await direct('bob').register('bob', 'Bob-passw0rd!', { attributes: { email: 'bob@example.com' } })
    assert.deepEqual(pool.messages.map((m) => m.username), ['ann', 'bob'], 'the sweep dropped the old messages')
    assert.equal((await raw(server.url, { path: `/${pool.poolId}/.well-known/jwks.json` })).status, 200)
    assert.deepEqual(announced.map((m) => m.username), ['sam', 'ann', 'bob'])
  } finally {
    await server.close()
  }
})

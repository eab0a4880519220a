/**
 * The local pool's Node listener (src/local/server.ts), as `cognito-edge local` runs it: the
 * Host check against DNS rebinding, the local-only messages URL a second process uses to finish
 * a sign-up, the reaping of idle and half-sent requests, the connection cap, the default port,
 * and the validation of its options. Real sockets on loopback; node:http requests set the Host
 * header, which fetch cannot.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { networkInterfaces } from 'node:os'
import { Cognito } from '../src/index.ts'
import { ArgumentError } from '../src/errors.ts'
import { createLocalPool, type LocalPool, type SentMessage } from '../src/local/index.ts'
import { DEFAULT_PORT, listen, type LocalServer } from '../src/local/server.ts'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One HTTP request on its own connection, with any Host header. */
function raw(base: string, o: { method?: string; path?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<Reply> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const r = request({ host: o.host ?? url.hostname, port: url.port, method: o.method ?? 'GET', path: o.path ?? '/', headers: o.headers ?? {}, agent: false }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }))
    })
    r.on('error', reject)
    r.end(o.body)
  })
}

const target = (op: string): Record<string, string> => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` })

let pool: LocalPool
let server: LocalServer
const announced: SentMessage[] = []
before(async () => {
  pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: 'Corr3ct-horse!', attributes: { email: 'alice@example.com' } }] })
  server = await listen(pool, { port: 0, allowedHosts: ['cognito', 'pool.test:4726'], onMessage: (m) => announced.push(m) })
})
after(() => server.close())

test('Host: only the bound address, loopback names and allowed names are answered; a rebinding name gets 403 and never reaches the pool', async () => {
  const port = server.port
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`, 'cognito', `pool.test:${port}`]) {
    const r = await raw(server.url, { path: `/${pool.poolId}/.well-known/jwks.json`, headers: { host } })
    assert.equal(r.status, 200, host)
  }
  const before = pool.calls.length
  for (const host of [`evil.example:${port}`, 'attacker.test', `localhost.evil.example:${port}`, `10.0.0.1:${port}`]) {
    const r = await raw(server.url, {
      method: 'POST',
      headers: { ...target('InitiateAuth'), host, origin: 'http://evil.example' },
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'Corr3ct-horse!' } }),
    })
    assert.equal(r.status, 403, host)
    assert.equal(JSON.parse(r.body).__type, 'ForbiddenException')
    assert.match(JSON.parse(r.body).message, /is not allowed.*allowedHosts/)
    assert.equal(r.headers['access-control-allow-origin'], undefined, 'a refused answer carries no CORS header')
  }
  assert.equal(pool.calls.length, before, 'refused requests never reach the pool')
  // a Host Node parses but a URL cannot hold is malformed: 400, as before
  assert.equal((await raw(server.url, { method: 'POST', headers: { ...target('GetUser'), host: 'a b' }, body: '{}' })).status, 400)
})

test('Host: a server bound to every interface answers IP addresses and localhost, not names', async () => {
  const wide = await listen(pool, { port: 0, host: '0.0.0.0' })
  try {
    const path = `/${pool.poolId}/.well-known/jwks.json`
    for (const host of ['192.0.2.7', `127.0.0.1:${wide.port}`, 'localhost', '[fd00::2]:80']) assert.equal((await raw(wide.url, { path, headers: { host } })).status, 200, host)
    assert.equal((await raw(wide.url, { path, headers: { host: 'rebind.example' } })).status, 403)
  } finally {
    await wide.close()
  }
})

test('messages URL: a second client finishes a sign-up with the code read from GET /_local/messages; the listener announces each message once', async () => {
  const sam = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'sam', endpoint: server.url })
  await sam.register('sam', 'Sam-passw0rd!', { attributes: { email: 'sam@example.com' } })
  await sam.resendConfirmationCode()
  const res = await fetch(`${server.messagesUrl}?username=sam&purpose=SignUp`)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('access-control-allow-origin'), null, 'no CORS: a web page cannot read codes')
  assert.equal(res.headers.get('cache-control'), 'no-store')
  const { messages } = (await res.json()) as { messages: SentMessage[] }
  assert.deepEqual(messages.map((m) => [m.username, m.purpose, m.medium, m.destination]), [['sam', 'SignUp', 'EMAIL', 'sam@example.com'], ['sam', 'SignUp', 'EMAIL', 'sam@example.com']])
  assert.match(messages[1]!.code, /^\d{6}$/)
  await sam.confirmSignUp(messages[1]!.code)
  assert.equal(pool.user('sam')!.status, 'CONFIRMED')
  assert.deepEqual(announced.map((m) => m.code), messages.map((m) => m.code), 'each message announced once, in order')
  // the address and alias forms of lastCode() work here too
  const byEmail = (await (await fetch(`${server.messagesUrl}?username=sam%40example.com`)).json()) as { messages: SentMessage[] }
  assert.equal(byEmail.messages.length, 2)
  const all = (await (await fetch(server.messagesUrl)).json()) as { messages: SentMessage[] }
  assert.equal(all.messages.length, pool.messages.length)
  assert.deepEqual(((await (await fetch(`${server.messagesUrl}?purpose=ForgotPassword`)).json()) as { messages: unknown[] }).messages, [])
})

test('messages URL: GET only, no cross-origin callers, known parameters only, and nothing else under /_local/', async () => {
  assert.equal((await raw(server.url, { method: 'POST', path: '/_local/messages', body: '{}' })).status, 405)
  assert.equal((await raw(server.url, { path: '/_local/messages', headers: { origin: 'http://evil.example' } })).status, 403)
  assert.equal((await raw(server.url, { path: '/_local/messages', headers: { 'sec-fetch-site': 'cross-site' } })).status, 403)
  const bad = await raw(server.url, { path: '/_local/messages?user=sam' })
  assert.equal(bad.status, 400)
  assert.match(JSON.parse(bad.body).message, /unknown query parameter "user"/)
  assert.equal((await raw(server.url, { path: '/_local/users' })).status, 404)
})

const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address
test('messages URL: answers loopback peers only, while the pool API answers any allowed peer', { skip: !external && 'no non-loopback IPv4 address on this machine' }, async () => {
  const wide = await listen(pool, { port: 0, host: '0.0.0.0' })
  try {
    const url = `http://${external}:${wide.port}/`
    const refused = await raw(url, { path: '/_local/messages' })
    assert.equal(refused.status, 403)
    assert.match(JSON.parse(refused.body).message, /this machine only/)
    assert.equal((await raw(url, { path: `/${pool.poolId}/.well-known/jwks.json` })).status, 200)
  } finally {
    await wide.close()
  }
})

/** Open `n` sockets that each send `first` (possibly nothing) and then stall; resolves when all are connected or refused. */
async function stalled(port: number, n: number, first = ''): Promise<Array<Socket & { closedAt?: number }>> {
  return Promise.all(
    Array.from({ length: n }, () => {
      const s: Socket & { closedAt?: number } = connect(port, '127.0.0.1')
      s.on('error', () => {})
      s.on('close', () => (s.closedAt = Date.now()))
      s.on('data', () => {})
      return new Promise<typeof s>((resolve) => {
        s.once('connect', () => (first && s.write(first), resolve(s)))
        s.once('close', () => resolve(s))
      })
    }),
  )
}
const until = async (ok: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (ok()) return true
  return ok()
}

test('idle, half-headers and half-body connections are answered 408 and closed once the limits pass; the server keeps serving', async () => {
  const s = await listen(pool, { port: 0, headersTimeout: 300, requestTimeout: 600, keepAliveTimeout: 200 })
  try {
    const t0 = Date.now()
    const sockets = [
      ...(await stalled(s.port, 60)),
      ...(await stalled(s.port, 20, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nX-Slow: `)),
      ...(await stalled(s.port, 20, `POST / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 1000\r\n\r\n{"a":`)),
    ]
    // generous against a loaded machine; without the limits Node keeps them for 60 s and more
    assert.ok(await until(() => sockets.every((x) => x.closedAt), 10_000), `${sockets.filter((x) => !x.closedAt).length} of ${sockets.length} stalled connections still open`)
    assert.ok(sockets.every((x) => x.closedAt! - t0 >= 250), 'nothing is closed before its limit')
    assert.equal((await raw(s.url, { path: `/${pool.poolId}/.well-known/jwks.json` })).status, 200)
  } finally {
    await s.close()
  }
})

test('connections over the cap are dropped at once; once the idle ones are reaped, requests are served again', async () => {
  const s = await listen(pool, { port: 0, maxConnections: 32, headersTimeout: 400, requestTimeout: 800 })
  try {
    const sockets = await stalled(s.port, 400)
    await until(() => sockets.filter((x) => x.closedAt).length >= 400 - 32, 5_000)
    const open = sockets.filter((x) => !x.closedAt).length
    assert.ok(open <= 32, `${open} idle connections held open with a cap of 32`)
    assert.ok(await until(() => sockets.every((x) => x.closedAt), 10_000), 'the idle connections under the cap are reaped too')
    assert.equal((await raw(s.url, { path: `/${pool.poolId}/.well-known/jwks.json` })).status, 200)
  } finally {
    await s.close()
  }
})

test('the default limits reap within 30 s and cap connections; the default port is 4726, not the inspector port 9229', async () => {
  assert.deepEqual(server.limits, { maxConnections: 256, headersTimeout: 10_000, requestTimeout: 20_000, keepAliveTimeout: 5_000 })
  assert.equal(DEFAULT_PORT, 4726)
  // listen() without a port binds the default one (or reports that it is taken)
  const s = await listen(pool).catch((e: NodeJS.ErrnoException & { port?: number }) => e)
  if ('close' in s) {
    assert.equal(s.port, 4726)
    assert.equal(s.url, 'http://127.0.0.1:4726/')
    await s.close()
  } else {
    assert.equal(s.code, 'EADDRINUSE')
    assert.equal(s.port, 4726)
  }
})

test('listen() options are checked: a bad one is an ArgumentError naming it', async () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ port: 70000 }, /"port" must be an integer from 0 to 65535/],
    [{ port: '80' }, /"port"/],
    [{ host: '' }, /"host" must be a non-empty string/],
    [{ allowedHosts: ['a b'] }, /"allowedHosts" must be an array of host names/],
    [{ allowedHosts: 'cognito' }, /"allowedHosts"/],
    [{ maxConnections: 0 }, /"maxConnections" must be an integer from 1/],
    [{ headersTimeout: 5000, requestTimeout: 1000 }, /"headersTimeout" must not exceed "requestTimeout"/],
    [{ requestTimeout: Infinity }, /"requestTimeout"/],
    [{ onMessage: 'print' }, /"onMessage" must be a function/],
  ]
  for (const [options, message] of cases) {
    await assert.rejects(listen(pool, options as never), (e: Error) => e instanceof ArgumentError && message.test(e.message), JSON.stringify(options))
  }
})

/**
 * `authFetch` as an edge API's client uses it: `Request` objects built elsewhere, headers of the
 * app's own, options typed by hand. The app's API is a `fetch` written here that records what
 * reached it (URL, method, redirect mode, headers) and answers redirects the way any HTTP server
 * does (a status and a `Location` header).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authFetch, type TokenSource } from '../../src/index.ts'

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJ0b2tlbl91c2UiOiJhY2Nlc3MifQ.c2lnbmF0dXJl'
/** A source holding a fresh token (checkToken has nothing to renew); counts its checks. */
function source(): TokenSource & { checks: number } {
  return { accessToken: TOKEN, idToken: TOKEN, refreshToken: 'refresh', checks: 0, async checkToken() { this.checks++; return false } }
}

/** The app's API on two origins: `routes` maps a URL to its answer; 404 for anything else. */
function api(routes: Record<string, () => Response>) {
  const seen: Array<{ url: string; method: string; redirect: string; headers: Record<string, string> }> = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init)
    const headers: Record<string, string> = {}
    req.headers.forEach((v, k) => (headers[k] = v))
    seen.push({ url: req.url, method: req.method, redirect: req.redirect, headers })
    return routes[req.url]?.() ?? new Response('not found', { status: 404 })
  }
  return { fetch, seen }
}
const to = (location: string, status = 302) => () => new Response(null, { status, headers: { location } })

for (const mode of ['manual', 'error'] as const) {
  test(`a Request built with redirect: '${mode}' is sent as it is: authFetch follows nothing`, async () => {
    const app = api({ 'https://api.example.com/a': to('https://api.example.com/b'), 'https://api.example.com/b': () => new Response('b') })
    const res = await authFetch(source(), { fetch: app.fetch })(new Request('https://api.example.com/a', { redirect: mode }))
    assert.equal(res.status, 302, 'the redirect itself comes back')
    assert.deepEqual(app.seen.map((s) => [s.url, s.redirect]), [['https://api.example.com/a', mode]], 'one request, with the mode the caller chose')
    assert.equal(app.seen[0]!.headers['authorization'], `Bearer ${TOKEN}`)
  })
}

test('a Request built with the default redirect mode is still followed by authFetch', async () => {
  const app = api({ 'https://api.example.com/a': to('https://api.example.com/b'), 'https://api.example.com/b': () => new Response('b') })
  const res = await authFetch(source(), { fetch: app.fetch })(new Request('https://api.example.com/a'))
  assert.equal(await res.text(), 'b')
  assert.deepEqual(app.seen.map((s) => [s.url, s.redirect, s.headers['authorization']]), [
    ['https://api.example.com/a', 'manual', `Bearer ${TOKEN}`],
    ['https://api.example.com/b', 'manual', `Bearer ${TOKEN}`],
  ])
})

test('a header name or prefix that cannot make an HTTP header is a TypeError when authFetch is built: no renewal, and no token in the message', async () => {
  for (const bad of [{ header: '' }, { header: 'X Token' }, { header: 'Authorization:' }, { prefix: 'Bearer\n' }, { prefix: 'Bearer\r\nX-Injected: 1\r\n' }, { prefix: 'Bearer\u2002' }]) {
    const src = source()
    const app = api({})
    let call: ReturnType<typeof authFetch> | undefined
    let err: unknown
    try {
      call = authFetch(src, { fetch: app.fetch, ...bad })
      await call('https://api.example.com/me')
    } catch (e) {
      err = e
    }
    assert.equal(call, undefined, `${JSON.stringify(bad)} refused when authFetch is built`)
    assert.ok(err instanceof TypeError, `${JSON.stringify(bad)}: ${String(err)}`)
    assert.ok(!err.message.includes(TOKEN), 'the token is not quoted')
    assert.deepEqual([src.checks, app.seen.length], [0, 0], 'no renewal, no request')
  }
  // the defaults and ordinary choices pass
  for (const ok of [{}, { header: 'X-Api-Token', prefix: '' }, { prefix: 'Token ' }]) authFetch(source(), ok)
})

test("with the token in another header, the caller's own Authorization is dropped across origins too, as fetch itself would drop it", async () => {
  const ID = 'the-id-token-the-app-sends-itself'
  const app = api({
    'https://api.example.com/a': to('https://api.example.com/b'),
    'https://api.example.com/b': to('https://cdn.example.net/c'),
    'https://cdn.example.net/c': to('https://partner.example.org/d'),
    'https://partner.example.org/d': () => new Response('d'),
  })
  const call = authFetch(source(), { fetch: app.fetch, header: 'X-Access-Token', prefix: '', allowedOrigins: ['https://cdn.example.net'] })
  const res = await call('https://api.example.com/a', { headers: { Authorization: `Bearer ${ID}`, 'X-Trace': 't1' } })
  assert.equal(await res.text(), 'd')
  assert.deepEqual(app.seen.map((s) => [s.url, s.headers['x-access-token'] ?? null, s.headers['authorization'] ?? null, s.headers['x-trace']]), [
    ['https://api.example.com/a', TOKEN, `Bearer ${ID}`, 't1'],
    ['https://api.example.com/b', TOKEN, `Bearer ${ID}`, 't1'],
    ['https://cdn.example.net/c', TOKEN, `Bearer ${ID}`, 't1'],
    ['https://partner.example.org/d', null, null, 't1'],
  ])
})

test('null options are no options, as fetch takes them: the token is set and redirects are followed', async () => {
  const app = api({ 'https://api.example.com/a': to('https://api.example.com/b'), 'https://api.example.com/b': () => new Response('b') })
  const res = await authFetch(source(), { fetch: app.fetch })('https://api.example.com/a', null as never)
  assert.equal(await res.text(), 'b')
  assert.deepEqual(app.seen.map((s) => [s.url, s.headers['authorization']]), [['https://api.example.com/a', `Bearer ${TOKEN}`], ['https://api.example.com/b', `Bearer ${TOKEN}`]])
})

/**
 * authFetch's rules at their edges, against a plain token source: the default 60 s margin; no
 * token at all re-authenticates without asking the source to renew, or fails before any request;
 * a source that ends up without the token asked for is a NotAuthenticatedError, never a request
 * with "Bearer undefined"; and redirects as the Fetch standard has them: at most 20 followed, a
 * 303 (after any method) and a 301/302 after a POST become a GET without a body, a 301/302 after
 * a PUT keeps it, a 2xx with a Location header (201 Created) is the answer, not a redirect, and
 * so is a 300, 304, 305 or 306 (only 301, 302, 303, 307 and 308 are redirects).
 * Portable (injected fetch).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authFetch, NotAuthenticatedError, type TokenSource } from '../../src/index.ts'

/** A token source holding `tokens`, recording each checkToken call's options. */
function source(tokens: { accessToken?: string; idToken?: string; refreshToken?: string }) {
  const checks: Array<{ margin?: number }> = []
  const s = { ...tokens, checkToken: async (o: { margin?: number }) => void checks.push(o) } as TokenSource & { accessToken?: string }
  return { s, checks }
}

/** A fetch recording `METHOD url body` and answering with `answer(url, n)`. */
function api(answer: (url: string, n: number) => Response) {
  const sent: string[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input)
    sent.push(`${init?.method ?? 'GET'} ${url} ${init?.body ?? '-'}`)
    return answer(url, sent.length)
  }
  return { fetch, sent }
}

const redirect = (status: number, location: string): Response => new Response(null, { status, headers: { location } })

test('the default margin is 60 s', async () => {
  const { s, checks } = source({ accessToken: 'at', refreshToken: 'rt' })
  const a = api(() => new Response('ok'))
  await authFetch(s, { fetch: a.fetch })('https://api.example.com/me')
  assert.deepEqual(checks, [{ margin: 60 }])
})

test('no token at all: re-authentication without a renewal asked, or a NotAuthenticatedError before any request', async () => {
  const { s, checks } = source({})
  const a = api(() => new Response('ok'))
  await assert.rejects(authFetch(s, { fetch: a.fetch })('https://api.example.com/me'), (e: unknown) => e instanceof NotAuthenticatedError && e.message === 'authFetch needs a signed-in user')
  assert.deepEqual([checks, a.sent], [[], []])
  const res = await authFetch(s, { fetch: a.fetch, reauthenticate: async () => void (s.accessToken = 'fresh') })('https://api.example.com/me')
  assert.equal(await res.text(), 'ok')
  assert.deepEqual(checks, [], 'the source is not asked to renew what it does not hold')
  assert.equal(a.sent.length, 1)
})

test('a source left without the token asked for: NotAuthenticatedError naming it, and no request', async () => {
  for (const tokenType of ['access', 'id'] as const) {
    const { s } = source(tokenType === 'access' ? { idToken: 'it', refreshToken: 'rt' } : { accessToken: 'at', refreshToken: 'rt' })
    const a = api(() => new Response('ok'))
    await assert.rejects(authFetch(s, { fetch: a.fetch, tokenType })('https://api.example.com/me'), (e: unknown) => e instanceof NotAuthenticatedError && e.message === `authFetch has no ${tokenType} token`)
    assert.deepEqual(a.sent, [])
  }
})

test('at most 20 redirects are followed: the 21st answer is returned as it is', async () => {
  const { s } = source({ accessToken: 'at', refreshToken: 'rt' })
  // a runaway chain is cut at 30 hops, so a missing cap fails the assertion instead of hanging
  const a = api((_url, n) => (n > 30 ? new Response('runaway') : redirect(302, `/hop${n}`)))
  const res = await authFetch(s, { fetch: a.fetch })('https://api.example.com/hop0')
  assert.equal(res.status, 302)
  assert.equal(a.sent.length, 21)
})

test('303 after a PUT, and 301/302 after a POST, become a GET without a body; 301/302 keep a PUT', async () => {
  const { s } = source({ accessToken: 'at', refreshToken: 'rt' })
  for (const [method, status, next] of [['PUT', 303, 'GET'], ['POST', 302, 'GET'], ['POST', 301, 'GET'], ['PUT', 302, 'PUT'], ['PUT', 301, 'PUT']] as const) {
    const a = api((url) => (url.endsWith('/a') ? redirect(status, '/b') : new Response('ok')))
    await authFetch(s, { fetch: a.fetch })('https://api.example.com/a', { method, body: 'data' })
    assert.deepEqual(a.sent, [`${method} https://api.example.com/a data`, `${next} https://api.example.com/b ${next === 'GET' ? '-' : 'data'}`], `${method} then ${status}`)
  }
})

test('a 2xx carrying a Location header (201 Created) is the answer, not a redirect', async () => {
  const { s } = source({ accessToken: 'at', refreshToken: 'rt' })
  for (const status of [200, 201]) {
    const a = api(() => new Response('{"id":7}', { status, headers: { location: '/items/7' } }))
    const res = await authFetch(s, { fetch: a.fetch })('https://api.example.com/items', { method: 'POST', body: '{}' })
    assert.equal(res.status, status)
    assert.equal(a.sent.length, 1)
  }
})

test('only 301, 302, 303, 307 and 308 are followed: a 300, 304, 305 or 306 with a Location header is the answer', async () => {
  const { s } = source({ accessToken: 'at', refreshToken: 'rt' })
  for (const status of [300, 304, 305, 306]) {
    const a = api(() => new Response(null, { status, headers: { location: '/elsewhere' } }))
    const res = await authFetch(s, { fetch: a.fetch })('https://api.example.com/page', { headers: { 'if-none-match': '"v1"' } })
    assert.equal(res.status, status)
    assert.equal(a.sent.length, 1, `${status} not followed`)
  }
  for (const status of [301, 302, 303, 307, 308]) {
    const a = api((url) => (url.endsWith('/page') ? redirect(status, '/moved') : new Response('ok')))
    await authFetch(s, { fetch: a.fetch })('https://api.example.com/page')
    assert.equal(a.sent.length, 2, `${status} followed`)
  }
})

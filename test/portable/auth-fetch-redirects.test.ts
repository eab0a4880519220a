/**
 * authFetch following redirects itself, as a busy server or page exercises it: a Request input
 * keeps its method and signal on every hop, a body that cannot be sent twice (a stream) is never
 * replayed, and a browser's hidden redirect never makes authFetch send a POST a second time.
 * Portable (injected fetch); the 3xx answers are what any HTTP server sends.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AbortError, authFetch, Cognito } from '../../src/index.ts'

const b64 = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
const token = `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, username: 'u' })}.c2ln`
const user = (): Cognito => new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: token })
const urlOf = (input: RequestInfo | URL): string => (input instanceof Request ? input.url : String(input))

test('a Request input keeps its method on a 307/308: a DELETE is not turned into a GET', async () => {
  const seen: string[] = []
  const api = authFetch(user(), {
    fetch: async (input, init) => {
      seen.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${urlOf(input)}`)
      if (urlOf(input).endsWith('/old')) return new Response(null, { status: 308, headers: { location: '/new' } })
      return new Response('gone')
    },
  })
  assert.equal(await (await api(new Request('https://api.example.com/old', { method: 'DELETE' }))).text(), 'gone')
  assert.deepEqual(seen, ['DELETE https://api.example.com/old', 'DELETE https://api.example.com/new'])
})

test("a Request input's signal still ends the request after a redirect", async () => {
  const ctl = new AbortController()
  const signals: Array<AbortSignal | null | undefined> = []
  const api = authFetch(user(), {
    fetch: async (input, init) => {
      signals.push(init?.signal ?? (input instanceof Request && !signals.length ? input.signal : undefined))
      if (urlOf(input).endsWith('/a')) return new Response(null, { status: 302, headers: { location: '/b' } })
      return new Response('b')
    },
  })
  await api(new Request('https://api.example.com/a', { signal: ctl.signal }))
  assert.equal(signals.length, 2)
  ctl.abort()
  assert.ok(signals.every((s) => s?.aborted), 'every hop got the caller signal')
})

test('a stream body (init.body) is not sent again on a 307: the redirect is returned, as for a Request body', async () => {
  const sent: unknown[] = []
  const api = authFetch(user(), {
    fetch: async (input, init) => {
      // a real fetch reads the stream: it can never be read again
      if (init?.body instanceof ReadableStream) await new Response(init.body).text()
      sent.push(urlOf(input))
      if (urlOf(input).endsWith('/upload')) return new Response(null, { status: 307, headers: { location: '/upload2' } })
      return new Response('stored')
    },
  })
  const body = new Blob(['chunk']).stream()
  const res = await api('https://api.example.com/upload', { method: 'PUT', body, duplex: 'half' } as RequestInit)
  assert.equal(res.status, 307)
  assert.deepEqual(sent, ['https://api.example.com/upload'])
  // a body that can be sent again (string, FormData, Blob) follows the 307
  const form = new FormData()
  form.set('f', 'v')
  assert.equal(await (await api('https://api.example.com/upload', { method: 'POST', body: form })).text(), 'stored')
})

test('a browser (opaque redirect): a GET is sent again for the browser to follow, a POST is never sent twice', async () => {
  const sent: string[] = []
  const api = authFetch(user(), {
    fetch: async (input, init) => {
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
      sent.push(`${method} ${init?.redirect ?? 'follow'}`)
      // what a browser gives a script for redirect: 'manual' (the redirect itself is hidden)
      if (init?.redirect === 'manual') return { type: 'opaqueredirect', status: 0, headers: new Headers() } as unknown as Response
      return new Response('followed')
    },
  })
  assert.equal(await (await api('https://api.example.com/page')).text(), 'followed')
  assert.deepEqual(sent.splice(0), ['GET manual', 'GET follow'])
  const res = await api('https://api.example.com/orders', { method: 'POST', body: '{"buy":1}' })
  assert.equal(res.type, 'opaqueredirect')
  assert.deepEqual(sent.splice(0), ['POST manual'], 'the POST reached the server once')
  const req = await api(new Request('https://api.example.com/orders', { method: 'POST', body: 'x' }))
  assert.equal(req.type, 'opaqueredirect')
  assert.deepEqual(sent, ['POST manual'])
})

test('a browser (opaque redirect) with a custom header: even a GET is not sent again, since the browser would carry that header to wherever the redirect points', async () => {
  for (const header of ['X-Api-Token', 'X-Authorization', 'Authorization-Token']) {
    const sent: string[] = []
    const api = authFetch(user(), {
      header,
      fetch: async (_input, init) => {
        sent.push(`GET ${init?.redirect ?? 'follow'}`)
        if (init?.redirect === 'manual') return { type: 'opaqueredirect', status: 0, headers: new Headers() } as unknown as Response
        return new Response('followed')
      },
    })
    const res = await api('https://api.example.com/page')
    assert.equal(res.type, 'opaqueredirect', header)
    assert.deepEqual(sent, ['GET manual'], `${header}: sent once, the redirect returned as it is`)
  }
})

test('an aborted Request signal rejects with AbortError before anything is sent', async () => {
  let calls = 0
  const api = authFetch(user(), { fetch: async () => (calls++, new Response('')) })
  const ctl = new AbortController()
  ctl.abort()
  await assert.rejects(api('https://api.example.com/x', { signal: ctl.signal }), AbortError)
  assert.equal(calls, 0)
})

test('a POST turned into a GET by a 302 or 303 loses its Content-Type with its body, as fetch does; a 307 keeps both', async () => {
  const seen: Array<[string, string, string | null, unknown]> = []
  const api = authFetch(user(), {
    fetch: async (input, init) => {
      seen.push([urlOf(input), init?.method ?? 'GET', new Headers(init?.headers).get('content-type'), init?.body ?? null])
      const to = { '/form': '/done', '/form2': '/done', '/keep': '/kept' }[new URL(urlOf(input)).pathname]
      const status = urlOf(input).endsWith('/form2') ? 303 : urlOf(input).endsWith('/keep') ? 307 : 302
      return to ? new Response(null, { status, headers: { location: to } }) : new Response('ok')
    },
  })
  const json = { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } }
  for (const path of ['/form', '/form2', '/keep']) await api('https://api.example.com' + path, json)
  assert.deepEqual(seen, [
    ['https://api.example.com/form', 'POST', 'application/json', '{"a":1}'],
    ['https://api.example.com/done', 'GET', null, null],
    ['https://api.example.com/form2', 'POST', 'application/json', '{"a":1}'],
    ['https://api.example.com/done', 'GET', null, null],
    ['https://api.example.com/keep', 'POST', 'application/json', '{"a":1}'],
    ['https://api.example.com/kept', 'POST', 'application/json', '{"a":1}'],
  ])
})

test('allowedOrigins entries are compared as origins: a trailing slash or a path still names the origin; a non-URL fails at once', async () => {
  const sent: Array<[string, string | null]> = []
  const api = authFetch(user(), {
    allowedOrigins: ['https://cdn.example.net/', 'https://media.example.org/assets'],
    fetch: async (input, init) => {
      sent.push([urlOf(input), new Headers(init?.headers).get('authorization')])
      const to = { 'api.example.com': 'https://cdn.example.net/x', 'cdn.example.net': 'https://media.example.org/y', 'media.example.org': 'https://other.example.com/z' }[new URL(urlOf(input)).host]
      return to ? new Response(null, { status: 302, headers: { location: to } }) : new Response('ok')
    },
  })
  await api('https://api.example.com/start')
  assert.deepEqual(
    sent.map(([u, a]) => [u, a !== null]),
    [['https://api.example.com/start', true], ['https://cdn.example.net/x', true], ['https://media.example.org/y', true], ['https://other.example.com/z', false]],
  )
  assert.throws(() => authFetch(user(), { allowedOrigins: ['cdn.example.net'] }), TypeError)
})

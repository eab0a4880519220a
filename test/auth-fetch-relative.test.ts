/**
 * authFetch with a path (`'/api/me'`), as a browser page calls its own API: the path is resolved
 * against the page's location, like fetch does, so it is sent (with the token) instead of
 * failing with "Invalid URL", and the redirect rule still knows the request's origin. Found by
 * examples/browser. Node only: it sets a global `location` for the duration of the test.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { authFetch, Cognito } from '../src/index.ts'

const b64 = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
const token = `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, username: 'u' })}.c2ln`

test('a path is resolved against the page location: sent with the token, and a cross-origin redirect drops it', async (t) => {
  const g = globalThis as { location?: unknown }
  g.location = { href: 'https://app.example.com/account/page' }
  t.after(() => delete g.location)
  const user = new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: token })
  const seen: Array<[string, boolean]> = []
  const api = authFetch(user, {
    fetch: async (input, init) => {
      const url = String(input)
      seen.push([url, new Headers(init?.headers).has('authorization')])
      if (url === '/api/me') return new Response(null, { status: 302, headers: { location: '/api/me2' } })
      if (url === 'https://app.example.com/api/me2') return new Response(null, { status: 302, headers: { location: 'https://evil.example.net/' } })
      return new Response('landed')
    },
  })
  const res = await api('/api/me')
  assert.equal(await res.text(), 'landed')
  assert.deepEqual(seen, [
    ['/api/me', true],
    ['https://app.example.com/api/me2', true],
    ['https://evil.example.net/', false],
  ])
})

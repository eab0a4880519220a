/**
 * authFetch with `redirect: 'follow'` given by the caller (fetch's own default, often written out):
 * authFetch still follows the redirects itself, so the token never goes to another origin, as
 * docs/security.md promises "whatever header carries it". Before, a caller's 'follow' was handed
 * to fetch, which drops only `Authorization` across origins: a token in `X-Token` went along.
 * `error` and `manual` stay the caller's choice. Portable (injected fetch); the 302 and 301 are
 * what any HTTP server sends.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authFetch, Cognito } from '../../src/index.ts'

const b64 = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
const token = `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, username: 'u' })}.c2ln`
const user = (): Cognito => new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: token })

for (const header of ['Authorization', 'X-Token']) {
  test(`redirect: 'follow' from the caller: a redirect to another origin is followed without the token (${header})`, async () => {
    const seen: Array<[string, string | null, RequestRedirect | undefined]> = []
    const api = authFetch(user(), {
      header,
      fetch: async (input, init) => {
        seen.push([String(input), new Headers(init?.headers).get(header), init?.redirect])
        if (String(input).includes('files.example.com')) return new Response('file')
        return new Response(null, { status: 302, headers: { location: 'https://files.example.com/f' } })
      },
    })
    const res = await api('https://api.example.com/f', { redirect: 'follow' })
    assert.equal(await res.text(), 'file')
    assert.deepEqual(seen, [
      ['https://api.example.com/f', `Bearer ${token}`, 'manual'],
      ['https://files.example.com/f', null, 'manual'],
    ])
  })
}

test("redirect: 'error' and 'manual' from the caller are sent as they are", async () => {
  for (const mode of ['error', 'manual'] as const) {
    const modes: Array<RequestRedirect | undefined> = []
    const api = authFetch(user(), { fetch: async (_input, init) => (modes.push(init?.redirect), new Response(null, { status: 301, headers: { location: 'https://files.example.com/f' } })) })
    assert.equal((await api('https://api.example.com/f', { redirect: mode })).status, 301)
    assert.deepEqual(modes, [mode])
  }
})

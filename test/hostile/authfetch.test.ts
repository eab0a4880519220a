/**
 * authFetch against careless callers and hostile APIs: a caller's abort must end its wait for a
 * shared refresh at once (the refresh goes on for the others), and the token must never follow a
 * redirect to another origin, whatever header carries it. Portable (injected fetch).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AbortError, authFetch, Cognito } from '../../src/index.ts'

const CT = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req' }
const b64 = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
const jwt = (claims: Record<string, unknown>): string => `${b64({ alg: 'none' })}.${b64(claims)}.c2ln`
const expiringSoon = (): string => jwt({ exp: Math.floor(Date.now() / 1000) + 10, username: 'u' })

test("a caller's abort rejects that caller promptly while the shared refresh goes on for the others", async () => {
  let release!: () => void
  const refreshDone = new Promise<void>((r) => (release = r))
  const fresh = jwt({ exp: Math.floor(Date.now() / 1000) + 3600, username: 'u' })
  const cognito = async (): Promise<Response> => {
    await refreshDone
    return new Response(JSON.stringify({ AuthenticationResult: { AccessToken: fresh, IdToken: fresh, ExpiresIn: 3600, TokenType: 'Bearer' } }), { status: 200, headers: CT })
  }
  const user = new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: expiringSoon(), refreshToken: 'r', fetch: cognito })
  const sent: string[] = []
  const api = authFetch(user, { fetch: async (_i, init) => (sent.push(new Headers(init?.headers).get('authorization')!), new Response('ok')) })
  const ctl = new AbortController()
  const t0 = Date.now()
  const impatient = api('https://api.example.com/a', { signal: AbortSignal.timeout(50) })
  const patient = api('https://api.example.com/b')
  const aborted = await impatient.then(() => undefined, (e: unknown) => e)
  assert.ok(aborted instanceof AbortError, String(aborted))
  assert.ok(Date.now() - t0 < 1000, 'rejected at the abort, not when the refresh ends')
  release()
  assert.equal((await patient).status, 200)
  assert.deepEqual(sent, [`Bearer ${fresh}`], 'the patient caller got the refreshed token; the aborted one sent nothing')
  ctl.abort()
})

for (const header of ['X-Api-Token', 'Authorization']) {
  test(`the token (${header}) is not sent across a cross-origin redirect; same-origin redirects keep it`, async () => {
    const user = new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: jwt({ exp: Math.floor(Date.now() / 1000) + 3600 }) })
    const seen: Array<[string, string | null]> = []
    const api = authFetch(user, {
      header,
      fetch: async (input, init) => {
        const url = String(input)
        seen.push([url, new Headers(init?.headers).get(header)])
        assert.equal(init?.redirect, 'manual', 'fetch must not follow redirects by itself')
        if (url === 'https://api.example.com/start') return new Response(null, { status: 302, headers: { location: '/next' } })
        if (url === 'https://api.example.com/next') return new Response(null, { status: 307, headers: { location: 'https://evil.example.net/steal' } })
        return new Response('landed')
      },
    })
    const res = await api('https://api.example.com/start')
    assert.equal(await res.text(), 'landed')
    assert.deepEqual(seen.map(([u, t]) => [u, t !== null]), [
      ['https://api.example.com/start', true],
      ['https://api.example.com/next', true],
      ['https://evil.example.net/steal', false],
    ])
  })
}

test('allowedOrigins lets the token follow a redirect to a trusted origin; a request setting redirect itself is sent as it is', async () => {
  const user = new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: jwt({ exp: Math.floor(Date.now() / 1000) + 3600 }) })
  const seen: Array<[string, string | null]> = []
  const api = authFetch(user, {
    header: 'X-Token',
    allowedOrigins: ['https://files.example.com'],
    fetch: async (input, init) => {
      seen.push([String(input), new Headers(init?.headers).get('x-token')])
      return String(input).includes('files') ? new Response('file') : new Response(null, { status: 301, headers: { location: 'https://files.example.com/f' } })
    },
  })
  await api('https://api.example.com/f')
  assert.ok(seen.every(([, t]) => t !== null))
  let mode: RequestRedirect | undefined
  await authFetch(user, { fetch: async (_i, init) => ((mode = init?.redirect), new Response('')) })('https://api.example.com/x', { redirect: 'error' })
  assert.equal(mode, 'error')
})

test('a Request input: its headers, URL and signal are used; its body is not replayed on a 307, and a 303 after its POST is followed as a GET', async () => {
  const user = new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: jwt({ exp: Math.floor(Date.now() / 1000) + 3600 }) })
  const seen: Array<[string, string, string | null, string | null]> = []
  const api = authFetch(user, {
    fetch: async (input, init) => {
      const url = input instanceof Request ? input.url : String(input)
      const h = new Headers(init?.headers)
      seen.push([url, init?.method ?? (input instanceof Request ? input.method : 'GET'), h.get('x-app'), h.get('authorization') && 'token'])
      if (url.endsWith('/temp')) return new Response(null, { status: 307, headers: { location: '/moved' } })
      if (url.endsWith('/form')) return new Response(null, { status: 303, headers: { location: '/done' } })
      return new Response('landed')
    },
  })
  const post = (path: string): Request => new Request('https://api.example.com' + path, { method: 'POST', headers: { 'x-app': '1' }, body: 'data' })
  assert.equal((await api(post('/temp'))).status, 307, 'a stream body cannot be sent again: the redirect is returned')
  assert.equal(await (await api(post('/form'))).text(), 'landed')
  assert.deepEqual(seen, [
    ['https://api.example.com/temp', 'POST', '1', 'token'],
    ['https://api.example.com/form', 'POST', '1', 'token'],
    ['https://api.example.com/done', 'GET', '1', 'token'],
  ])
  const ctl = new AbortController()
  ctl.abort()
  await assert.rejects(api(new Request('https://api.example.com/x', { signal: ctl.signal })), AbortError)
})

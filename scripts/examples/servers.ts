/**
 * The checks of the two server examples, driven with fetch: examples/cloudflare-worker under
 * `wrangler dev` (its `npm run dev`, pointed at the shared pool with `--var`), and
 * examples/node-bff (`node server.js`), whose cookie must keep the refresh token out of the
 * browser.
 * @module
 */
import http from 'node:http'
import path from 'node:path'
import { expect, jsonOf, PASSWORD, type Ctx, type Example } from './context.ts'
import { freePort, start, waitFor } from './proc.ts'

const post = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })

/** The claims of a JWT, unverified (to tell an access token from an ID token in a check). */
const claimsOf = (jwt: unknown): Record<string, unknown> => JSON.parse(Buffer.from(String(jwt).split('.')[1] ?? '', 'base64url').toString('utf8') || '{}')

export const worker: Example = {
  name: 'cloudflare-worker',
  install: true,
  async check(ctx) {
    await ctx.tsc('tsconfig.json')
    const port = await freePort()
    const env = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_LOG_PATH: path.join(ctx.out, 'wrangler-logs'), CI: 'true' }
    const args = ['run', 'dev', '--', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()), '--var', `COGNITO_ENDPOINT:${ctx.pool.endpoint}`, '--show-interactive-dev-session=false']
    const p = start('npm', args, { cwd: ctx.dir, env })
    try {
      const t0 = Date.now()
      await waitFor(p, /Ready on http:\/\/127\.0\.0\.1:\d+/, 90_000)
      const ready = Date.now() - t0
      const base = `http://127.0.0.1:${port}`
      const bad = await post(`${base}/login`, { username: ctx.username, password: 'wrong' })
      expect(bad.status === 401, `POST /login with a wrong password: ${bad.status}, expected 401`)
      const res = await post(`${base}/login`, { username: ctx.username, password: PASSWORD })
      const tokens = await jsonOf(res, 'POST /login')
      expect(res.status === 200 && claimsOf(tokens['accessToken'])['token_use'] === 'access', `POST /login: ${res.status} ${JSON.stringify(tokens).slice(0, 200)}`)
      const me = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${tokens['accessToken']}` } })
      const body = await jsonOf(me, 'GET /me')
      expect(me.status === 200 && body['username'] === ctx.username, `GET /me: ${me.status} ${JSON.stringify(body)}`)
      const idToken = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${tokens['idToken']}` } })
      expect(idToken.status === 401, `GET /me with an ID token: ${idToken.status}, expected 401 (access tokens only)`)
      const none = await fetch(`${base}/me`)
      expect(none.status === 401, `GET /me without a token: ${none.status}, expected 401`)
      return `wrangler dev ready in ${(ready / 1000).toFixed(1)} s; POST /login 200 (401 on a wrong password), GET /me 200 (401 without a token or with an ID token)`
    } catch (e) {
      throw new Error(`${(e as Error).message}\nwrangler printed:\n${p.output().trim().split('\n').slice(-30).join('\n')}`)
    } finally {
      await p.stop()
    }
  },
}

/** A request with a Host header of our choosing (fetch does not let us set one). */
function postWithHost(url: string, host: string, body: unknown): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body)
    const req = http.request(url, { method: 'POST', headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') }))
    })
    req.on('error', reject)
    req.end(text)
  })
}

/** The BFF's answers to a signed-in browser, checked (the session cookie `sid`). */
async function signedInChecks(ctx: Ctx, base: string, sid: string): Promise<void> {
  const asBrowser = { cookie: sid }
  const t1 = await jsonOf(await post(`${base}/auth/token`, {}, asBrowser), 'POST /auth/token')
  const t2 = await jsonOf(await post(`${base}/auth/token`, {}, asBrowser), 'POST /auth/token')
  expect(claimsOf(t1['accessToken'])['token_use'] === 'access' && typeof t1['expiresAt'] === 'number', `POST /auth/token: ${JSON.stringify(t1).slice(0, 200)}`)
  expect(Object.keys(t1).sort().join() === 'accessToken,expiresAt', `POST /auth/token must answer the access token only, got ${Object.keys(t1).join(', ')}`)
  // the pool's 60-second tokens are always within the 60-second margin: each request renews, server-side
  expect(t1['accessToken'] !== t2['accessToken'], 'POST /auth/token did not renew an access token about to expire')
  const me = await fetch(`${base}/api/me`, { headers: asBrowser })
  const body = await jsonOf(me, 'GET /api/me')
  expect(me.status === 200 && body['username'] === ctx.username, `GET /api/me: ${me.status} ${JSON.stringify(body)}`)
  const form = await fetch(`${base}/auth/token`, { method: 'POST', headers: { ...asBrowser, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' })
  expect(form.status === 415, `a form POST (no preflight) must be refused: ${form.status}`)
  const cross = await post(`${base}/auth/token`, {}, { ...asBrowser, origin: 'https://evil.example' })
  expect(cross.status === 403, `a cross-origin POST must be refused: ${cross.status}`)
}

export const bff: Example = {
  name: 'node-bff',
  install: true,
  async check(ctx) {
    await ctx.tsc('tsconfig.json')
    const { clientId, clientSecret } = ctx.pool.secretClient
    const p = start(process.execPath, ['server.js'], { cwd: ctx.dir, env: { ...ctx.env, COGNITO_CLIENT_ID: clientId, COGNITO_CLIENT_SECRET: clientSecret, PORT: '0' } })
    try {
      const base = (await waitFor(p, /BFF listening on (http:\/\/127\.0\.0\.1:\d+)\//, 20_000))[1]!
      const wrong = await post(`${base}/auth/login`, { username: ctx.username, password: 'wrong' })
      expect(wrong.status === 401, `POST /auth/login with a wrong password: ${wrong.status}, expected 401`)
      const login = await post(`${base}/auth/login`, { username: ctx.username, password: PASSWORD })
      const cookie = login.headers.get('set-cookie') ?? ''
      expect(login.status === 204 && (await login.text()) === '', `POST /auth/login: ${login.status}, expected 204 with no body`)
      const attrs = cookie.split(/;\s*/)
      expect(/^sid=[\w-]{40,}$/.test(attrs[0]!) && !attrs[0]!.includes('eyJ'), `the cookie must be an opaque session id, got ${attrs[0]}`)
      for (const a of ['HttpOnly', 'SameSite=Strict', 'Path=/']) expect(attrs.includes(a), `the session cookie lacks ${a}: ${cookie}`)
      expect(!attrs.includes('Secure'), `on localhost the cookie is not Secure (plain http): ${cookie}`)
      const remote = await postWithHost(`${base}/auth/login`, 'app.example.com', { username: ctx.username, password: PASSWORD })
      expect(remote.status === 204 && remote.cookie.split(/;\s*/).includes('Secure'), `on any other host the cookie must be Secure: ${remote.status} ${remote.cookie}`)
      await signedInChecks(ctx, base, attrs[0]!)
      const logout = await post(`${base}/auth/logout`, {}, { cookie: attrs[0]! })
      expect(logout.status === 204 && /^sid=;.*Max-Age=0/.test(logout.headers.get('set-cookie') ?? ''), `POST /auth/logout: ${logout.status} ${logout.headers.get('set-cookie')}`)
      const after = await fetch(`${base}/api/me`, { headers: { cookie: attrs[0]! } })
      expect(after.status === 401, `GET /api/me after logout: ${after.status}, expected 401`)
      return 'login 204 + HttpOnly SameSite=Strict session cookie (Secure off localhost), token renewed server-side, /api/me 200, CSRF refused, logout 401'
    } catch (e) {
      throw new Error(`${(e as Error).message}\nserver.js printed:\n${p.output().trim()}`)
    } finally {
      await p.stop()
    }
  },
}

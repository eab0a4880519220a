// @ts-check
/**
 * A backend-for-frontend on node:http, no framework. The server signs users in (SRP, with the app
 * client's secret, which never reaches the browser) and keeps each user's refresh token in its
 * own memory. The browser holds only a session cookie (HttpOnly, SameSite=Strict, and Secure
 * except on localhost) and, when it asks, a short-lived access token.
 *
 *   POST /auth/login   {"username","password"}  204 and the session cookie; 401 wrong password;
 *                                               409 {"challenge"} when Cognito asks for more (MFA…)
 *   POST /auth/token                            {"accessToken","expiresAt"}: for calling your APIs
 *   GET  /api/me                                the user's profile, fetched here with the session
 *   POST /auth/logout                           revokes the refresh token, clears the cookie
 *   GET  /                                      a page that uses these routes
 *
 *   node server.js     (configuration from the environment: see README.md)
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import {
  authenticate,
  createClient,
  createTokenSource,
  decodePayload,
  getUser,
  NotAuthorizedException,
  revokeToken,
  UserNotFoundException,
} from 'cognito-edge'

const env = process.env
const client = createClient({
  userPoolId: env.COGNITO_USER_POOL_ID ?? 'us-east-1_LocalPool1',
  clientId: env.COGNITO_CLIENT_ID ?? 'localclient000000000000000',
  ...(env.COGNITO_CLIENT_SECRET ? { clientSecret: env.COGNITO_CLIENT_SECRET } : {}),
  // `npx cognito-edge local`; set COGNITO_ENDPOINT= (empty) for a real pool
  ...(env.COGNITO_ENDPOINT !== '' ? { endpoint: env.COGNITO_ENDPOINT ?? 'http://127.0.0.1:4726/' } : {}),
})

/**
 * Signed-in sessions by id. In memory for the example: use a shared store (Redis, a database)
 * when there is more than one server process, and expire idle sessions.
 * @type {Map<string, import('cognito-edge').TokenSource>}
 */
const sessions = new Map()
const COOKIE = 'sid'

/** @param {import('node:http').IncomingMessage} req */
const isLocalhost = (req) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(req.headers.host ?? '')

/** @param {import('node:http').IncomingMessage} req @param {string} value @param {number} [maxAge] */
function cookie(req, value, maxAge) {
  // Secure: HTTPS only. Left out on localhost, where development runs over plain http
  return `${COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/${maxAge === undefined ? '' : `; Max-Age=${maxAge}`}${isLocalhost(req) ? '' : '; Secure'}`
}

/** @param {import('node:http').IncomingMessage} req */
function sessionOf(req) {
  const id = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1]
  const source = id ? sessions.get(id) : undefined
  return source && id ? { id, source } : undefined
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} [body] @param {Record<string, string>} [headers] */
function send(res, status, body, headers = {}) {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, { 'cache-control': 'no-store', ...(text ? { 'content-type': 'application/json' } : {}), ...headers }).end(text)
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<any>} */
async function jsonBody(req) {
  let text = ''
  for await (const chunk of req) if ((text += chunk).length > 10_000) throw new Error('body too large')
  return JSON.parse(text)
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
async function login(req, res) {
  const { username, password } = await jsonBody(req).catch(() => ({}))
  if (typeof username !== 'string' || typeof password !== 'string') return send(res, 400, { error: 'send {"username", "password"}' })
  try {
    const step = await authenticate(client, { username, password })
    if (!step.tokens) return send(res, 409, { challenge: step.challenge.name })
    const { accessToken, idToken, refreshToken } = step.tokens
    // Cognito's internal username: with a client secret, renewing the tokens needs it
    const internal = String(decodePayload(accessToken)?.['username'] ?? username)
    const id = randomBytes(32).toString('base64url')
    sessions.set(id, createTokenSource(client, { refreshToken: /** @type {string} */ (refreshToken), accessToken, idToken, username: internal }))
    send(res, 204, undefined, { 'set-cookie': cookie(req, id) })
  } catch (e) {
    if (e instanceof NotAuthorizedException || e instanceof UserNotFoundException) return send(res, 401, { error: 'wrong username or password' })
    throw e
  }
}

/** @type {Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, session: { id: string, source: import('cognito-edge').TokenSource }) => Promise<void>>} */
const signedIn = {
  async 'POST /auth/token'(_req, res, { source }) {
    await source.checkToken({ margin: 60 }) // renews here, server-side, when it expires within a minute
    const exp = Number(decodePayload(source.accessToken ?? '')?.['exp'])
    send(res, 200, { accessToken: source.accessToken, expiresAt: exp * 1000 })
  },
  async 'GET /api/me'(_req, res, { source }) {
    await source.checkToken({ margin: 60 })
    const me = await getUser(client, /** @type {string} */ (source.accessToken))
    send(res, 200, { username: me.Username, attributes: Object.fromEntries((me.UserAttributes ?? []).map((a) => [a.Name, a.Value])) })
  },
  async 'POST /auth/logout'(req, res, { id, source }) {
    sessions.delete(id)
    if (source.refreshToken) await revokeToken(client, source.refreshToken)
    send(res, 204, undefined, { 'set-cookie': cookie(req, '', 0) })
  },
}

const server = createServer(async (req, res) => {
  const route = `${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`
  const session = sessionOf(req)
  try {
    if (route === 'GET /') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
    // a cross-site request cannot send the cookie (SameSite=Strict); a cross-origin one is refused too
    if (req.headers.origin && new URL(req.headers.origin).host !== req.headers.host) return send(res, 403, { error: 'cross-origin request' })
    if (req.method === 'POST' && req.headers['content-type'] !== 'application/json') return send(res, 415, { error: 'send application/json' })
    if (route === 'POST /auth/login') return await login(req, res)
    const handler = signedIn[route]
    if (!handler) return send(res, 404, { error: 'no such route' })
    if (!session) return send(res, 401, { error: 'not signed in' })
    await handler(req, res, session)
  } catch (e) {
    // a refresh token that Cognito no longer accepts (revoked, expired): the session is over
    if (e instanceof NotAuthorizedException && session) {
      sessions.delete(session.id)
      return send(res, 401, { error: 'session expired: sign in again' }, { 'set-cookie': cookie(req, '', 0) })
    }
    console.error(route, e instanceof Error ? `${e.name}: ${e.message}` : "error")
    send(res, 500, { error: 'internal error' })
  }
})

const PAGE = `<!doctype html><meta charset="utf-8"><title>cognito-edge BFF</title>
<form id="login"><input name="username" placeholder="username" value="alice"> <input name="password" type="password" placeholder="password"> <button>Sign in</button></form>
<button id="me">GET /api/me</button> <button id="logout">Sign out</button><pre id="out"></pre>
<script type="module">
const show = async (res) => (out.textContent = res.status + ' ' + (await res.text()))
const post = (path, body) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })
login.onsubmit = async (e) => { e.preventDefault(); await show(await post('/auth/login', Object.fromEntries(new FormData(login)))) }
me.onclick = async () => show(await fetch('/api/me'))
logout.onclick = async () => show(await post('/auth/logout'))
</script>`

server.listen(Number(env.PORT ?? 3000), env.HOST ?? '127.0.0.1', () => {
  const { address, port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  console.log(`BFF listening on http://${address}:${port}/`)
})

// The page logic: import the browser bundle of the built package, sign in with SRP against the
// pool on another loopback origin (cross-origin, so CORS preflights happen), keep the tokens in
// localStorage, and on a reload restore them instead of signing in again.
import { Cognito } from './cognito-edge.js'

const params = new URL(location.href).searchParams
const endpoint = params.get('pool')
const userPoolId = params.get('poolId')
const clientId = params.get('clientId')
const KEY = 'cognito-edge-check.tokens'

function show(result) {
  window.__result = result
  const status = document.getElementById('status')
  status.textContent = result.ok ? `Signed in as ${result.username} (${result.how})` : `FAILED: ${result.error}`
  status.className = result.ok ? 'ok' : 'fail'
  const dl = document.getElementById('details')
  for (const [k, v] of Object.entries(result)) {
    const dt = document.createElement('dt'); dt.textContent = k
    const dd = document.createElement('dd'); const c = document.createElement('code'); c.textContent = String(v); dd.append(c)
    dl.append(dt, dd)
  }
}

async function main() {
  const stored = localStorage.getItem(KEY)
  if (stored) {
    const t = JSON.parse(stored)
    const user = new Cognito({ userPoolId, clientId, username: 'alice@example.com', endpoint, ...t })
    const claims = JSON.parse(atob(user.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
    return { ok: true, how: 'restored from localStorage after reload', username: user.username, sub: claims.sub, pageOrigin: location.origin, poolOrigin: new URL(endpoint).origin, accessTokenTail: user.accessToken.slice(-12) }
  }
  const user = new Cognito({ userPoolId, clientId, username: 'alice@example.com', endpoint })
  const res = await user.authenticate('Corr3ct horse!')
  localStorage.setItem(KEY, JSON.stringify({ idToken: res.idToken, accessToken: res.accessToken, refreshToken: res.refreshToken }))
  const claims = JSON.parse(atob(res.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))
  return { ok: true, how: 'USER_SRP_AUTH', username: user.username, sub: claims.sub, pageOrigin: location.origin, poolOrigin: new URL(endpoint).origin, accessTokenTail: res.accessToken.slice(-12) }
}

main().then(show, (e) => show({ ok: false, error: `${e && e.name}: ${e && e.message}` }))

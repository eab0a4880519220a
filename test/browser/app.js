// The page logic: import the browser bundle of the built package, sign in with SRP against the
// pool on another loopback origin (cross-origin, so CORS preflights happen), keep the
// tokens in localStorage through the package's localStorageStore adapter, and on a reload
// restore them and verify them (RS256 against the pool's JWKS) instead of signing in again.
import { Cognito, createVerifier, identityJs, localStorageStore } from './cognito-edge.js'

const params = new URL(location.href).searchParams
const endpoint = params.get('pool')
const userPoolId = params.get('poolId')
const clientId = params.get('clientId')
const username = params.get('username')

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
  const verifier = createVerifier({ userPoolId, clientId, tokenUse: null, endpoint })
  const user = new Cognito({ userPoolId, clientId, username, endpoint, store: localStorageStore(), verifier })
  let how = 'restored from localStorage after reload'
  if (!(await user.restore())) {
    await user.authenticate('Corr3ct horse!')
    how = 'USER_SRP_AUTH'
  }
  const { access } = await user.verifyTokens()
  const acij = await identityJsApp()
  return {
    ok: true,
    how,
    username: user.username,
    sub: access.sub,
    verified: 'RS256 against the pool JWKS (cross-origin)',
    storedKeys: Object.keys(localStorage).join(', '),
    pageOrigin: location.origin,
    poolOrigin: new URL(endpoint).origin,
    tokenId: access.jti ?? access.origin_jti,
    identityJs: acij.how,
    identityJsSub: acij.sub,
  }
}

// An amazon-cognito-identity-js style app on cognito-edge/identity-js: its default storage is the
// page's localStorage (acij's keys), so after the reload getCurrentUser().getSession() finds the user.
async function identityJsApp() {
  const { AuthenticationDetails, CognitoUser, CognitoUserPool } = identityJs
  const pool = new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId, endpoint })
  const current = pool.getCurrentUser()
  const node = (f) => new Promise((resolve, reject) => f((err, v) => (err ? reject(err) : resolve(v))))
  if (current) {
    const session = await node((cb) => current.getSession(cb))
    return { how: 'restored from localStorage by getCurrentUser().getSession()', sub: session.getIdToken().payload.sub }
  }
  const user = new CognitoUser({ Username: username, Pool: pool })
  const session = await new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: 'Corr3ct horse!' }), { onSuccess: resolve, onFailure: reject }),
  )
  if (!localStorage.getItem(`CognitoIdentityServiceProvider.${clientId}.LastAuthUser`)) throw new Error('identity-js did not keep the user in localStorage')
  return { how: 'USER_SRP_AUTH', sub: session.getIdToken().payload.sub }
}

main().then(show, (e) => show({ ok: false, error: `${e && e.name}: ${e && e.message}` }))

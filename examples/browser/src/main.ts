/**
 * Sign in with SRP, keep the tokens in localStorage (`localStorageStore`), and call an API with
 * `authFetch`, which sends the access token and renews it before it expires. After a reload the
 * tokens are restored from localStorage: no second sign-in.
 *
 * localStorage is readable by every script on the page: an XSS bug gives the tokens away. When
 * that matters, keep the tokens on a server (see ../node-bff).
 */
import { authFetch, Cognito, localStorageStore, NotAuthorizedException, UserNotFoundException } from 'cognito-edge'

const config = {
  userPoolId: import.meta.env.VITE_COGNITO_USER_POOL_ID,
  clientId: import.meta.env.VITE_COGNITO_CLIENT_ID,
  // set for `npx cognito-edge local`; leave it empty for a real pool
  ...(import.meta.env.VITE_COGNITO_ENDPOINT ? { endpoint: import.meta.env.VITE_COGNITO_ENDPOINT } : {}),
}
const store = localStorageStore()
/** The tokens are stored per user: remember whose they are, to restore them after a reload. */
const LAST_USER = 'example.username'

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T
const form = $<HTMLFormElement>('login')
const status = $('status')

async function signedIn(user: Cognito, how: string): Promise<void> {
  form.hidden = true
  $('session').hidden = false
  $('who').textContent = `Signed in as ${user.username} (${how}).`
  const fetchAsUser = authFetch(user)
  const res = await fetchAsUser('/api/me') // the stand-in API of vite.config.ts
  const api = $('api')
  api.hidden = false
  api.textContent = `GET /api/me → ${res.status}\n${JSON.stringify(await res.json(), null, 2)}`
  $('logout').onclick = async () => {
    await user.logout() // GlobalSignOut, and the stored tokens are removed
    localStorage.removeItem(LAST_USER)
    location.reload()
  }
}

form.onsubmit = async (event) => {
  event.preventDefault()
  const data = new FormData(form)
  const username = String(data.get('username'))
  const user = new Cognito({ ...config, username, store })
  status.textContent = 'Signing in…'
  try {
    await user.authenticate(String(data.get('password')))
  } catch (e) {
    // MFA and other challenges arrive as ChallengeError subclasses: see the docs on challenges
    status.textContent = e instanceof NotAuthorizedException || e instanceof UserNotFoundException ? 'Wrong username or password.' : `Sign-in failed: ${String(e)}`
    return
  }
  localStorage.setItem(LAST_USER, username)
  status.textContent = ''
  await signedIn(user, 'SRP sign-in')
}

const last = localStorage.getItem(LAST_USER)
const user = last ? new Cognito({ ...config, username: last, store }) : undefined
if (user && (await user.restore())) await signedIn(user, 'restored from localStorage')
else form.hidden = false

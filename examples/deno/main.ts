/**
 * Sign a user in on Deno and call an API with `authFetch`, which adds the access token to every
 * request and renews it before it expires. The API is started here too (`Deno.serve`), so the
 * example runs on its own: it accepts only requests whose token `createVerifier` accepts.
 *
 *   deno task start     (the permissions are in deno.json: the network of this machine and five variables)
 */
import { authFetch, Cognito } from 'cognito-edge'
import { createVerifier } from 'cognito-edge/jwt'

const env = (name: string): string | undefined => Deno.env.get(name) || undefined
const userPoolId = env('COGNITO_USER_POOL_ID') ?? 'us-east-1_LocalPool1'
const clientId = env('COGNITO_CLIENT_ID') ?? 'localclient000000000000000'
// `npx cognito-edge local` serves a pool at this endpoint; for a real pool, unset COGNITO_ENDPOINT
const endpoint = Deno.env.has('COGNITO_ENDPOINT') ? env('COGNITO_ENDPOINT') : 'http://127.0.0.1:4726/'
const where = endpoint ? { endpoint } : {}

// ---- the API: a stand-in for your backend
const verifier = createVerifier({ userPoolId, clientId, tokenUse: 'access', ...where })
const api = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, async (request) => {
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''
  try {
    const claims = await verifier.verify(token)
    return Response.json({ hello: claims['username'] })
  } catch {
    return Response.json({ error: 'unauthorized' }, { status: 401 })
  }
})

// ---- the client: sign in (SRP: the password never leaves this process), then call the API
const username = env('COGNITO_USERNAME') ?? 'alice'
const password = env('COGNITO_PASSWORD') ?? prompt(`Password for ${username}:`)
if (!password) throw new Error('no password')
const user = new Cognito({ userPoolId, clientId, username, ...where })
await user.authenticate(password)

const fetchAsUser = authFetch(user)
const res = await fetchAsUser(`http://127.0.0.1:${api.addr.port}/me`)
console.log(`signed in as ${username}; the API answered ${res.status}`, await res.json())
await api.shutdown()
if (!res.ok) Deno.exit(1)

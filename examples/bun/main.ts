/**
 * Sign a user in on Bun with the functions (no class), keep the tokens fresh with
 * `createTokenSource`, and call an API with `authFetch`. The API is started here too
 * (`Bun.serve`), so the example runs on its own: it accepts only requests whose token
 * `createVerifier` accepts.
 *
 *   bun main.ts
 */
import { authFetch, createClient, createTokenSource, signIn } from 'cognito-edge'
import { createVerifier } from 'cognito-edge/jwt'

const userPoolId = Bun.env['COGNITO_USER_POOL_ID'] || 'us-east-1_LocalPool1'
const clientId = Bun.env['COGNITO_CLIENT_ID'] || 'localclient000000000000000'
// `npx cognito-edge local` serves a pool at this endpoint; for a real pool, set COGNITO_ENDPOINT=""
const endpoint = Bun.env['COGNITO_ENDPOINT'] ?? 'http://127.0.0.1:4726/'
const where = endpoint ? { endpoint } : {}

// ---- the API: a stand-in for your backend
const verifier = createVerifier({ userPoolId, clientId, tokenUse: 'access', ...where })
const api = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  async fetch(request) {
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? ''
    const claims = await verifier.verify(token).catch(() => undefined)
    return claims ? Response.json({ hello: claims['username'] }) : Response.json({ error: 'unauthorized' }, { status: 401 })
  },
})

// ---- the client: one call signs in with SRP and returns the tokens (or throws a ChallengeError for MFA…)
const username = Bun.env['COGNITO_USERNAME'] || 'alice'
const password = Bun.env['COGNITO_PASSWORD'] || prompt(`Password for ${username}:`)
if (!password) throw new Error('no password')
const tokens = await signIn({ userPoolId, clientId, username, password, ...where })

// a token source renews the access token from the refresh token when it is about to expire;
// persist tokens.refreshToken (and the rotated ones, onRenew) to resume in a later run
const { accessToken, idToken, refreshToken } = tokens
const source = createTokenSource(createClient({ userPoolId, clientId, ...where }), { accessToken, idToken, refreshToken: refreshToken!, username })
const res = await authFetch(source)(`http://127.0.0.1:${api.port}/me`)
console.log(`signed in as ${username}; the API answered ${res.status}`, await res.json())
api.stop()
if (!res.ok) process.exit(1)

/**
 * A Cloudflare Worker with two routes:
 *   POST /login  {"username", "password"}  SRP sign-in with cognito-edge's functions; answers
 *                                          the tokens, or the challenge Cognito asks for next
 *   GET  /me     Authorization: Bearer <access token>  verified with createVerifier
 *
 * Workers refuse randomness (and fetch, and timers) in global scope, so nothing random is created
 * at the top level: the client is made inside the handler, and the verifier on the first request
 * that needs it (it is then kept, with its JWKS cache, for the isolate's lifetime). The one thing
 * done at the top level is `precomputeSrp()`, which draws nothing: it builds the SRP table and runs
 * the SRP code once at the isolate's start, so that the first sign-in's request does not pay for it.
 */
import { authenticate, createClient, JwtInvalid, NotAuthorizedException, UserNotFoundException } from 'cognito-edge'
import { createVerifier, type JwtVerifier } from 'cognito-edge/jwt'
import { precomputeSrp } from 'cognito-edge/srp'

// startup work, outside the per-request CPU limit (about 25 ms, once per isolate)
precomputeSrp()

export interface Env {
  COGNITO_USER_POOL_ID: string
  COGNITO_CLIENT_ID: string
  /** Set only for a local pool (`npx cognito-edge local`); leave it out for a real pool. */
  COGNITO_ENDPOINT?: string
}

const json = (status: number, body: unknown): Response => Response.json(body, { status })

/** The Env's endpoint, when there is one (an empty string means none). */
const endpointOf = (env: Env): { endpoint?: string } => (env.COGNITO_ENDPOINT ? { endpoint: env.COGNITO_ENDPOINT } : {})

async function login(request: Request, env: Env): Promise<Response> {
  const body = (await request.json().catch(() => null)) as { username?: unknown; password?: unknown } | null
  if (typeof body?.username !== 'string' || typeof body.password !== 'string') return json(400, { error: 'send {"username": "…", "password": "…"}' })
  // inside the handler: creating a client is cheap, and the SRP values are random
  const client = createClient({ userPoolId: env.COGNITO_USER_POOL_ID, clientId: env.COGNITO_CLIENT_ID, ...endpointOf(env) })
  try {
    const step = await authenticate(client, { username: body.username, password: body.password })
    if (step.tokens) {
      const { idToken, accessToken, refreshToken, expiresIn } = step.tokens
      return json(200, { idToken, accessToken, refreshToken, expiresIn })
    }
    // MFA, a new password…: the client answers it (the Session is what it needs to send back)
    const { name, parameters, session } = step.challenge
    return json(200, { challenge: name, parameters, session })
  } catch (e) {
    if (e instanceof NotAuthorizedException || e instanceof UserNotFoundException) return json(401, { error: 'wrong username or password' })
    throw e
  }
}

let verifier: JwtVerifier | undefined

async function me(request: Request, env: Env): Promise<Response> {
  const token = /^Bearer (\S+)$/.exec(request.headers.get('authorization') ?? '')?.[1]
  if (!token) return json(401, { error: 'send Authorization: Bearer <access token>' })
  // a local pool's tokens name the real issuer; `endpoint` tells the verifier where its JWKS is
  verifier ??= createVerifier({ userPoolId: env.COGNITO_USER_POOL_ID, clientId: env.COGNITO_CLIENT_ID, tokenUse: 'access', ...endpointOf(env) })
  try {
    const claims = await verifier.verify(token)
    return json(200, { username: claims['username'], sub: claims.sub, scope: claims['scope'] })
  } catch (e) {
    if (e instanceof JwtInvalid) return json(401, { error: `invalid token: ${e.reason}` })
    throw e
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url)
    if (pathname === '/login' && request.method === 'POST') return login(request, env)
    if (pathname === '/me' && request.method === 'GET') return me(request, env)
    return json(404, { error: 'POST /login or GET /me' })
  },
}

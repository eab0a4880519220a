/**
 * The local pool the docs' blocks run against. A lane is one `listen()` server, started once on
 * a free port, whose pool is recreated from the seed (pool.json) before each block, so no block
 * depends on another's order; blocks run in parallel on several lanes. Behind the same server:
 * `GET /_docs/prompt` (what a block's `prompt()` answers) and the example API that blocks reach
 * as `https://api.example.com/`.
 * @module
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createVerifier } from '../../src/jwt.ts'
import { createLocalPool, type LocalPool, type LocalPoolOptions, type SentMessage } from '../../src/local/index.ts'
import { listen, type LocalServer } from '../../src/local/server.ts'

/** The seed every block starts from: `scripts/docs-check/pool.json`. */
export function readSeed(file: string): LocalPoolOptions {
  const { ['//']: _comment, ...seed } = JSON.parse(readFileSync(file, 'utf8')) as LocalPoolOptions & { '//'?: string }
  return seed
}

/** The regions whose `cognito-idp.<region>.amazonaws.com` a lane answers as (the Host the blocks send). */
const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2',
  'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1',
  'me-south-1', 'me-central-1', 'sa-east-1', 'us-gov-west-1', 'us-gov-east-1',
]

/** Admin keys of the pools of one run (random, given to each block as AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). */
export function runKeys(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'AKIADOCS' + randomBytes(6).toString('hex').toUpperCase(), secretAccessKey: randomBytes(30).toString('base64') }
}

/** One lane: a server and the pool of the block it is running. */
export interface Lane {
  /** The server's base URL (loopback, free port). */
  readonly url: string
  /** Start a fresh pool from the seed; returns the block's environment (admin keys, client secret, the lane). */
  reset(): Promise<Record<string, string>>
  /** The hosts the current block's requests named (`127.0.0.1:4726`, `cognito-idp.us-east-1.amazonaws.com`, …). */
  readonly hosts: ReadonlySet<string>
  close(): Promise<void>
}

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** The user a request is for: the USERNAME of a sign-in or its answer, or the `username` claim of its access token. */
function userOf(request: unknown): string | undefined {
  const r = (request ?? {}) as { AuthParameters?: Record<string, string>; ChallengeResponses?: Record<string, string>; AccessToken?: string }
  const name = r.AuthParameters?.['USERNAME'] ?? r.ChallengeResponses?.['USERNAME']
  if (name) return name
  const payload = r.AccessToken?.split('.')[1]
  if (!payload) return undefined
  try {
    return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { username?: string }).username
  } catch {
    return undefined
  }
}

/** The state of one block's pool. */
interface Current {
  pool: LocalPool
  lastUser: string | undefined
  prompted: Set<string>
  hosts: Set<string>
}

const messageKey = (m: SentMessage): string => JSON.stringify([m.time, m.username, m.purpose, m.destination, m.code])

/** `prompt()`: the newest code not yet returned, else the TOTP code of the user who signed in last. */
async function promptAnswer(c: Current): Promise<Response> {
  const fresh = c.pool.messages.filter((m) => m.purpose !== 'Invitation' && !c.prompted.has(messageKey(m)))
  const newest = fresh[fresh.length - 1]
  if (newest) {
    c.prompted.add(messageKey(newest))
    return new Response(newest.code)
  }
  if (c.lastUser && c.pool.user(c.lastUser)) {
    try {
      return new Response(await c.pool.totpCode(c.lastUser))
    } catch {
      return new Response(`the pool sent no code, and ${c.lastUser} (who signed in last) has no TOTP secret`, { status: 409 })
    }
  }
  return new Response('the pool sent no code, and no user has signed in', { status: 409 })
}

/** The example API (`https://api.example.com/`): any path, answered when the request carries a valid token of the pool. */
async function exampleApi(c: Current, req: Request): Promise<Response> {
  const token = /^Bearer (\S+)$/.exec(req.headers.get('authorization') ?? '')?.[1]
  if (!token) return json(401, { message: 'no Authorization: Bearer <token> header' })
  const { pool } = c
  try {
    const claims = await createVerifier({ userPoolId: pool.poolId, clientId: null, tokenUse: null, endpoint: pool.endpoint, fetch: pool.fetch }).verify(token)
    return json(200, { method: req.method, path: new URL(req.url).pathname, username: claims['username'] ?? claims['cognito:username'], sub: claims.sub, tokenUse: claims.token_use })
  } catch (e) {
    return json(401, { message: `invalid token (${(e as { reason?: string }).reason ?? (e as Error).name})` })
  }
}

/** Open a lane: a server on a free loopback port whose pool is `reset()` before each block. */
export async function openLane(seed: LocalPoolOptions, keys: { accessKeyId: string; secretAccessKey: string }): Promise<Lane> {
  let c: Current | undefined
  const route = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init)
    const url = new URL(req.url)
    if (!c) return json(503, { message: 'no block is running on this lane' })
    if (url.pathname === '/_docs/prompt' && url.hostname === '127.0.0.1') return promptAnswer(c)
    c.hosts.add(url.host)
    if (url.hostname === 'api.example.com') return exampleApi(c, req)
    return c.pool.fetch(req)
  }
  // listen() serves whatever pool is current: its messages, its users, and the router above
  const idle = { messages: [], user: () => undefined }
  const facade = new Proxy({} as LocalPool, { get: (_, key) => (key === 'fetch' ? route : Reflect.get(c?.pool ?? idle, key)) })
  // keep-alive of 15 s (under the 20 s idle limit): a block's synchronous prompt() (a child
  // process) can take the default 5 s on a loaded machine, and a socket the server closes just as
  // the block sends its next request fails that request with "other side closed"
  const server: LocalServer = await listen(facade, { port: 0, keepAliveTimeout: 15_000, allowedHosts: ['api.example.com', ...REGIONS.map((r) => `cognito-idp.${r}.amazonaws.com`)] })
  return {
    url: server.url,
    get hosts() {
      return c?.hosts ?? new Set<string>()
    },
    async reset() {
      const state: Current = { pool: undefined as unknown as LocalPool, lastUser: undefined, prompted: new Set(), hosts: new Set() }
      state.pool = createLocalPool({
        ...seed,
        credentials: keys,
        shareKeys: true,
        onCall: ({ request }) => void (state.lastUser = userOf(request) ?? state.lastUser),
      })
      await state.pool.ready
      c = state
      const secret = state.pool.clients.find((x) => typeof x.clientSecret === 'string')?.clientSecret
      return {
        AWS_ACCESS_KEY_ID: keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        ...(typeof secret === 'string' ? { COGNITO_CLIENT_SECRET: secret } : {}),
        COGNITO_EDGE_DOCS_LANE: server.url,
      }
    },
    close: () => server.close(),
  }
}

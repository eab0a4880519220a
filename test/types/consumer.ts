/**
 * An app that uses every entry point of the package, written as a user writes it. Type-checked
 * against the sources by `npm run typecheck`; test/types-consumers.test.ts compiles the same
 * text against the package's emitted declarations (each `../../src/…` import becomes its
 * `cognito-edge/…` subpath) under the compiler settings users have: a Node app without the DOM
 * lib, a Cloudflare Worker, bundler, node10 and CommonJS resolution, the oldest TypeScript the
 * docs name, all with `skipLibCheck` off. Only globals every runtime's types declare (fetch,
 * Request, Response, AbortSignal, URL); never run.
 */
import {
  authenticate,
  authFetch,
  call,
  ChallengeError,
  Cognito,
  createClient,
  createTokenSource,
  isCognitoError,
  memoryStore,
  NotAuthorizedException,
  respondToSoftwareTokenMfaChallenge,
  signIn,
  type AuthResult,
  type AuthStep,
  type Model,
  type OperationOutput,
} from '../../src/index.ts'
import { calculateU, createSrpSession, deriveKey, precomputeSrp } from '../../src/srp.ts'
import { createVerifier, type JwtClaims } from '../../src/jwt.ts'
import { AdminCognito, adminGetUser, createAdminClient, listAllUsers } from '../../src/admin.ts'
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from '../../src/identity-js.ts'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { DEFAULT_PORT, type ListenOptions } from '../../src/local/server.ts'

const ids = { userPoolId: 'us-east-1_aB12cDe34', clientId: '7ghr5379orhbo88d52vphda6s9' }

export async function functions(): Promise<string | undefined> {
  const client = createClient({ ...ids, fetch: (url, init) => fetch(url, init) })
  const step: AuthStep = await authenticate(client, { username: 'alice', password: 'Passw0rd!', srp: createSrpSession() })
  const done = step.challenge ? await respondToSoftwareTokenMfaChallenge(client, step.challenge, '123456') : step
  if (done.challenge) return done.challenge.name
  const tokens: AuthResult = done.tokens
  const user: OperationOutput<'GetUser'> = await call(client, 'GetUser', { AccessToken: tokens.accessToken })
  const pool: Model.UserPoolType | undefined = undefined
  return [user.Username, user.UserAttributes[0]?.Name, pool, tokens.newDevice?.deviceKey].join()
}

export async function oneCall(): Promise<AuthResult | string> {
  try {
    return await signIn({ ...ids, username: 'alice', password: 'Passw0rd!' })
  } catch (e) {
    if (e instanceof ChallengeError) return e.challengeName
    if (e instanceof NotAuthorizedException) return `${e.name} ${e.status} ${e.requestId} ${e.retryable}`
    if (isCognitoError(e)) return e.code
    throw e
  }
}

export async function theClass(signal: AbortSignal): Promise<Response> {
  const cognito = new Cognito({ ...ids, username: 'alice', store: memoryStore(), signal })
  await cognito.authenticate('Passw0rd!')
  // attributes are read as strings and booleans; a number set here is saved as its decimal string
  const me = await cognito.getUser()
  const age = me.attributes['custom:age']
  me.attributes['custom:age'] = typeof age === 'string' ? Number(age) + 1 : 1
  await me.save()
  const api = authFetch(cognito, { allowedOrigins: ['https://api.example.com'] })
  const source = createTokenSource(createClient(ids), { refreshToken: cognito.refreshToken ?? '' })
  await authFetch(source)(new URL('https://api.example.com/b'))
  await api(new Request('https://api.example.com/c'))
  return api('https://api.example.com/me', { method: 'GET', signal })
}

export async function srpAndJwt(token: string): Promise<JwtClaims> {
  await precomputeSrp()
  const key: Uint8Array = await deriveKey(await calculateU(2n, 3n), 5n)
  const verifier = createVerifier({ ...ids, tokenUse: 'access' })
  const claims = await verifier.verify(token)
  return { ...claims, keyLength: key.length }
}

export async function admin(): Promise<number> {
  const client = createAdminClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } })
  const user = await adminGetUser(client, 'alice')
  let n = 0
  for await (const u of listAllUsers(client, { filter: 'email ^= "a"' })) n += u.Username ? 1 : 0
  const adminCognito = new AdminCognito({ ...ids, username: 'alice', credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) })
  return n + (user.Username ? 1 : 0) + (adminCognito.userPoolId ? 1 : 0)
}

export function identityJs(): void {
  const pool = new CognitoUserPool({ UserPoolId: ids.userPoolId, ClientId: ids.clientId, fetchOptions: { credentials: 'include' } })
  const user = new CognitoUser({ Username: 'alice', Pool: pool })
  user.authenticateUser(new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }), {
    onSuccess: (session) => console.log(session.getIdToken().getJwtToken()),
    onFailure: (err: unknown) => console.log(err),
  })
  console.log(pool.getCurrentUser()?.getUsername())
}

export async function localPool(): Promise<LocalPool> {
  const pool = createLocalPool({ users: [{ username: 'alice', password: 'Passw0rd!' }] })
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch })
  await authenticate(client, { username: 'alice', password: 'Passw0rd!' })
  const res: Response = await pool.fetch(new URL(pool.endpoint), { method: 'POST' })
  const listen: ListenOptions = { port: DEFAULT_PORT }
  console.log(res.status, listen)
  return pool
}

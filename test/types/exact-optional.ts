/**
 * An app compiled with `exactOptionalPropertyTypes` that passes its settings straight from a
 * configuration whose values may be missing (`string | undefined`, as `process.env` gives them):
 * every optional option accepts `undefined`, as the code does at run time. Type-checked against
 * the sources by `npm run typecheck` (whose settings include `exactOptionalPropertyTypes`) and
 * against the emitted declarations by test/types-consumers.test.ts. Never run.
 */
import { authenticate, authFetch, call, Cognito, createClient, signIn, type AuthResult } from '../../src/index.ts'
import { createVerifier } from '../../src/jwt.ts'
import { AdminCognito, adminCreateUser, createAdminClient, listAllUsers } from '../../src/admin.ts'

/** A configuration read at start-up: any value may be missing. */
export interface Config {
  userPoolId: string
  clientId: string
  region?: string | undefined
  endpoint?: string | undefined
  clientSecret?: string | undefined
  timeout?: number | undefined
  deviceKey?: string | undefined
  issuer?: string | undefined
  signal?: AbortSignal | undefined
  maybe?: boolean | undefined
  list?: string[] | undefined
  origins?: string[] | undefined
  flow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | undefined
  headers?: Record<string, string> | undefined
  metadata?: Record<string, string> | undefined
}

export async function strictApp(c: Config, password: string): Promise<AuthResult> {
  const transport = { region: c.region, endpoint: c.endpoint, timeout: c.timeout, signal: c.signal, headers: c.headers, retry: { maxAttempts: c.timeout, maxDelay: c.timeout } }
  const client = createClient({ userPoolId: c.userPoolId, clientId: c.clientId, clientSecret: c.clientSecret, ...transport })
  await authenticate(client, { username: 'alice', password, flow: c.flow, clientMetadata: c.metadata, signal: c.signal })
  const cognito = new Cognito({
    userPoolId: c.userPoolId,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    username: c.deviceKey,
    deviceKey: c.deviceKey,
    deviceGroupKey: c.deviceKey,
    devicePassword: c.deviceKey,
    refreshTokenRotation: c.maybe,
    storeKey: c.deviceKey,
    ...transport,
  })
  await cognito.authenticate(password, { flow: c.flow, clientMetadata: c.metadata, signal: c.signal })
  await cognito.checkToken({ renew: c.maybe, margin: c.timeout })
  await cognito.logout({ signal: c.signal })
  authFetch(cognito, { header: c.endpoint, prefix: c.endpoint, margin: c.timeout, allowedOrigins: c.origins, password: c.clientSecret })
  const verifier = createVerifier({ userPoolId: c.userPoolId, clientId: c.clientId, tokenUse: 'access', issuer: c.issuer, jwksUri: c.endpoint, clockTolerance: c.timeout, cooldown: c.timeout })
  // a verify override left undefined keeps the verifier's check
  await verifier.verify(c.issuer ?? '', { groups: c.list, scope: c.list, clockTolerance: c.timeout })
  // a call's own transport option left undefined keeps the client's
  await call(client, 'GetUser', { AccessToken: 'token' }, { timeout: c.timeout, endpoint: c.endpoint })
  const admin = createAdminClient({ userPoolId: c.userPoolId, ...transport })
  await adminCreateUser(admin, 'bob', { temporaryPassword: c.clientSecret, forceAliasCreation: c.maybe, clientMetadata: c.metadata })
  for await (const u of listAllUsers(admin, { filter: c.endpoint, limit: c.timeout, attributesToGet: c.list })) void u
  void new AdminCognito({ userPoolId: c.userPoolId, clientId: c.clientId, clientSecret: c.clientSecret, ...transport })
  return signIn({ userPoolId: c.userPoolId, clientId: c.clientId, clientSecret: c.clientSecret, username: 'alice', password, deviceKey: c.deviceKey, clientMetadata: c.metadata, ...transport })
}

/**
 * Tokens and sessions of the local pool: the RS256 signing keys and the JWKS, minting ID and
 * access tokens, refresh tokens (rotation and its grace period), checking an access token,
 * revocation (GlobalSignOut, RevokeToken, AdminUserGlobalSignOut), and the challenge `Session`s
 * a sign-in passes through.
 * @module
 */
import { randomBytes } from '../lib/webcrypto.ts'
import { toBase64Url, utf8 } from '../lib/bytes.ts'
import { checkClientSecret, checkSecretHash } from './clients.ts'
import { generateSigningKey, signJwt, verifyJwt, type SigningKey } from './crypto.ts'
import {
  adminUser,
  findUser,
  getClient,
  missing,
  secs,
  sessionId,
  sval,
  uuid,
  type Client,
  type Flow,
  type Operations,
  type PoolState,
  type Refresh,
  type Sess,
  type User,
} from './state.ts'
import { ACCESS_TOKEN_LIMIT, OPEN_SESSION_LIMIT, trimTable } from './sweep.ts'
import { fail } from './wire.ts'

let sharedKeys: Promise<[SigningKey, SigningKey]> | undefined

/** The pool's [ID-token key, access-token key], made on first use (shared across pools with `shareKeys`). */
export function signingKeys(s: PoolState): Promise<[SigningKey, SigningKey]> {
  const make = (): Promise<[SigningKey, SigningKey]> => Promise.all([generateSigningKey(), generateSigningKey()])
  return (s.keys ??= s.options.shareKeys ? (sharedKeys ??= make()) : make())
}

/** The JWKS document: both public keys. */
export async function jwks(s: PoolState): Promise<{ keys: SigningKey['jwk'][] }> {
  const [a, b] = await signingKeys(s)
  return { keys: [a.jwk, b.jwk] }
}

/** The user's groups, lowest precedence first (the order of `cognito:groups`). */
export function groupsOf(s: PoolState, u: User): string[] {
  return [...u.groups].sort((a, b) => (s.groups.get(a)?.Precedence ?? 1e9) - (s.groups.get(b)?.Precedence ?? 1e9))
}

/**
 * A fresh ID and access token for `u`, with claims shaped like Cognito's, as the
 * AuthenticationResult members every token answer has (callers add RefreshToken, NewDeviceMetadata).
 */
async function mint(s: PoolState, u: User, client: Client, o: { origin: string; authTime: number; deviceKey: string | undefined }): Promise<Record<string, unknown>> {
  const [idKey, accessKey] = await signingKeys(s)
  const t = secs(s.now())
  const g = groupsOf(s, u)
  const eventId = uuid()
  const idClaims: Record<string, unknown> = { sub: u.attributes.get('sub') }
  if (g.length) idClaims['cognito:groups'] = g
  for (const [k, v] of u.attributes) {
    if (k === 'sub' || k.startsWith('dev:')) continue
    idClaims[k] = k.endsWith('_verified') ? v === 'true' : v
  }
  Object.assign(idClaims, {
    iss: s.issuer,
    'cognito:username': u.username,
    origin_jti: o.origin,
    aud: client.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: o.authTime,
    exp: t + (client.idTokenValidity ?? 3600),
    iat: t,
    jti: uuid(),
  })
  const accessJti = uuid()
  const accessExp = t + (client.accessTokenValidity ?? 3600)
  u.accessTokens.set(accessJti, accessExp * 1000)
  trimTable(u.accessTokens, ACCESS_TOKEN_LIMIT)
  const accessClaims: Record<string, unknown> = { sub: u.attributes.get('sub') }
  if (g.length) accessClaims['cognito:groups'] = g
  if (o.deviceKey) accessClaims['device_key'] = o.deviceKey
  Object.assign(accessClaims, {
    iss: s.issuer,
    client_id: client.clientId,
    origin_jti: o.origin,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: o.authTime,
    exp: accessExp,
    iat: t,
    jti: accessJti,
    username: u.username,
  })
  const IdToken = await signJwt(idKey, idClaims)
  return { AccessToken: await signJwt(accessKey, accessClaims), ExpiresIn: client.accessTokenValidity ?? 3600, TokenType: 'Bearer', IdToken }
}

/** A refresh token shaped like Cognito's (a JWE-looking opaque string) standing for `r`. */
function newRefreshToken(s: PoolState, r: Omit<Refresh, 'expires' | 'graceUntil'>, client: Client): string {
  const header = toBase64Url(utf8('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}'))
  const token = [header, toBase64Url(randomBytes(256)), toBase64Url(randomBytes(12)), toBase64Url(randomBytes(600)), toBase64Url(randomBytes(16))].join('.')
  s.refreshTokens.set(token, { ...r, expires: s.now() + (client.refreshTokenValidity ?? 30 * 86400) * 1000, graceUntil: undefined })
  return token
}

/** The AuthenticationResult of a completed sign-in: a new origin_jti, ID, access and refresh tokens. */
export async function issueTokens(s: PoolState, u: User, client: Client, deviceKey: string | undefined): Promise<Record<string, unknown>> {
  const origin = uuid()
  u.origins.set(origin, s.now())
  const authTime = secs(s.now())
  const result = await mint(s, u, client, { origin, authTime, deviceKey })
  result['RefreshToken'] = newRefreshToken(s, { username: u.username, clientId: client.clientId, origin, deviceKey, authTime }, client)
  return result
}

function useRefresh(s: PoolState, token: unknown, client: Client, deviceKey: string | undefined): { r: Refresh; u: User } {
  const r = typeof token === 'string' ? s.refreshTokens.get(token) : undefined
  if (!r || r.clientId !== client.clientId) fail('NotAuthorizedException', 'Invalid Refresh Token')
  if (s.revokedOrigins.has(r.origin)) fail('NotAuthorizedException', 'Refresh Token has been revoked')
  if (r.expires < s.now()) fail('NotAuthorizedException', 'Refresh Token has expired')
  if (r.graceUntil !== undefined && r.graceUntil < s.now()) fail('RefreshTokenReuseException', 'Refresh token has already been used.')
  if (r.deviceKey && r.deviceKey !== deviceKey) fail('NotAuthorizedException', 'Invalid Refresh Token')
  const u = findUser(s, r.username)
  if (!u) fail('NotAuthorizedException', 'Invalid Refresh Token')
  if (!u.enabled) fail('NotAuthorizedException', 'User is disabled.')
  return { r, u }
}

/** InitiateAuth REFRESH_TOKEN_AUTH: new ID and access tokens, the same refresh token. */
export async function refreshFlow(s: PoolState, params: Record<string, string>, client: Client): Promise<Record<string, unknown>> {
  const token = params['REFRESH_TOKEN'] ?? missing('REFRESH_TOKEN')
  const { r, u } = useRefresh(s, token, client, params['DEVICE_KEY'])
  await checkSecretHash(client, u.username, params['SECRET_HASH'])
  return { ChallengeParameters: {}, AuthenticationResult: await mint(s, u, client, r) }
}

/** Check an access token for a Cognito API call. */
export async function authAccess(s: PoolState, token: unknown): Promise<{ u: User; claims: Record<string, unknown> }> {
  const [, accessKey] = await signingKeys(s)
  const claims = await verifyJwt(token, [accessKey])
  if (!claims || claims['token_use'] !== 'access' || claims['iss'] !== s.issuer) fail('NotAuthorizedException', 'Invalid Access Token')
  if (typeof claims['exp'] !== 'number' || claims['exp'] * 1000 <= s.now()) fail('NotAuthorizedException', 'Access Token has expired')
  if (s.revokedOrigins.has(String(claims['origin_jti']))) fail('NotAuthorizedException', 'Access Token has been revoked')
  const u = findUser(s, String(claims['username']))
  if (!u || u.attributes.get('sub') !== claims['sub']) fail('NotAuthorizedException', 'Access Token has been revoked')
  if (!u.enabled) fail('NotAuthorizedException', 'User is disabled.')
  // AdminDisableUser revokes every access token the user holds, for good
  if (!u.accessTokens.has(String(claims['jti']))) fail('NotAuthorizedException', 'Access Token has been revoked')
  return { u, claims }
}

/** AdminDisableUser: revoke the access tokens the user holds now (refresh tokens still work once enabled again). */
export function revokeAccessTokens(u: User): void {
  u.accessTokens.clear()
}

/** Revoke every token the user holds (each sign-in's origin_jti). */
export function revokeAll(s: PoolState, u: User): void {
  for (const o of u.origins.keys()) s.revokedOrigins.set(o, s.now())
  u.origins.clear()
}

// ---------------------------------------------------------------- challenge sessions

/** Issue a Session for the next step of `flow`, which answers `expect`. */
export function newSession(s: PoolState, flow: Flow, expect: string, data: Record<string, string> = {}): string {
  const id = sessionId()
  const sess: Sess = { flow, expect, expires: s.now() + (flow.client.authSessionValidity ?? 180) * 1000, data }
  // earlier Session ids of the flow follow it (amazon-cognito-identity-js answers DEVICE_SRP_AUTH
  // with the Session of the MFA step); each challenge can still be answered only once
  flow.sids = [...(flow.sids ?? []), id]
  for (const sid of flow.sids) s.sessions.set(sid, sess)
  trimTable(s.sessions, OPEN_SESSION_LIMIT)
  return id
}

/**
 * The live session `id` expecting one of `expect`. `client` is the app client the request
 * names; requests that carry only a Session (AssociateSoftwareToken, VerifySoftwareToken) name none.
 */
export function takeSession(s: PoolState, id: unknown, expect: string[], client?: Client): Sess {
  const sess = typeof id === 'string' ? s.sessions.get(id) : undefined
  if (!sess || (client && sess.flow.client.clientId !== client.clientId)) fail('NotAuthorizedException', 'Invalid session for the user.')
  if (sess.expires < s.now()) {
    s.sessions.delete(id as string)
    fail('NotAuthorizedException', 'Invalid session for the user, session is expired.')
  }
  if (!expect.includes(sess.expect)) fail('NotAuthorizedException', 'Invalid session for the user.')
  return sess
}

/** GetTokensFromRefreshToken, GlobalSignOut, RevokeToken and AdminUserGlobalSignOut. */
export function tokenOperations(s: PoolState): Operations {
  return {
    async GetTokensFromRefreshToken(input) {
      const client = getClient(s, input['ClientId'])
      checkClientSecret(client, input['ClientSecret'])
      const { r, u } = useRefresh(s, input['RefreshToken'], client, sval(input['DeviceKey']))
      const rotation = client.refreshTokenRotation
      // replaced before the first await, so a request already on its way sees it (two tabs at once);
      // useRefresh refuses it once the grace period, counted from the first rotation, is over: at
      // once with no grace period, and a retry within one rotates again
      const grace = (rotation?.retryGracePeriodSeconds ?? 0) * 1000
      if (rotation?.enabled) r.graceUntil ??= s.now() + (grace || -1)
      const out = await mint(s, u, client, r)
      if (rotation?.enabled) out['RefreshToken'] = newRefreshToken(s, r, client)
      return { AuthenticationResult: out }
    },

    async GlobalSignOut(input) {
      revokeAll(s, (await authAccess(s, input['AccessToken'])).u)
      return {}
    },

    RevokeToken(input) {
      // every client failure is UnauthorizedException: RevokeToken's model declares neither
      // ResourceNotFoundException nor NotAuthorizedException
      const client = s.clients.find((c) => c.clientId === input['ClientId'])
      if (!client) fail('UnauthorizedException', `Client ${String(input['ClientId'])} is not authorized to revoke tokens.`)
      checkClientSecret(client, input['ClientSecret'], 'UnauthorizedException')
      const token = String(input['Token'])
      const r = s.refreshTokens.get(token)
      if (!r) {
        if (token.split('.').length === 3) fail('UnsupportedTokenTypeException', 'Unsupported token type.')
        return {}
      }
      if (r.clientId !== client.clientId) fail('UnauthorizedException', 'Client is not authorized to revoke this token.')
      s.revokedOrigins.set(r.origin, s.now())
      return {}
    },

    AdminUserGlobalSignOut(input) {
      revokeAll(s, adminUser(s, input))
      return {}
    },
  }
}

/**
 * A `CognitoUser`'s session, as functions: the session from memory, storage or a refresh
 * ({@link getSession}, {@link refreshSession}), the access token of calls that need a signed-in
 * user ({@link accessTokenOf}), and signing out locally ({@link signOut}, optionally revoking the
 * refresh token) or everywhere ({@link globalSignOut}).
 * @module
 */
import { NotAuthenticatedError } from '../errors.ts'
import { logout, renewAccessToken, revokeToken } from '../functions/tokens.ts'
import type { AuthResult } from '../functions/auth-flow.ts'
import { given } from './details.ts'
import { acijError, notAuthenticated } from './errors.ts'
import { cacheTokens, clearCachedUser, clearCachedUserData, keyOf, lastUserKey } from './storage.ts'
import { CognitoAccessToken, CognitoIdToken, CognitoRefreshToken, CognitoUserSession } from './tokens.ts'
import type { CognitoUser } from './user.ts'

/** A session of fresh tokens (its clock drift measured now); `refresh` stands in when Cognito sent no refresh token. */
export function sessionOf(t: AuthResult, refresh?: CognitoRefreshToken): CognitoUserSession {
  return new CognitoUserSession({
    IdToken: new CognitoIdToken({ IdToken: t.idToken }),
    AccessToken: new CognitoAccessToken({ AccessToken: t.accessToken }),
    RefreshToken: t.refreshToken ? new CognitoRefreshToken({ RefreshToken: t.refreshToken }) : refresh,
  })
}

/** Make `session` the user's, store it, and forget the cached user data. */
export function setSession(u: CognitoUser, session: CognitoUserSession): void {
  clearCachedUserData(u)
  u.signInUserSession = session
  cacheTokens(u)
}

/**
 * The access token of a valid session.
 * @throws {NotAuthenticatedError} "User is not authenticated", as acij says it
 */
export function accessTokenOf(u: CognitoUser): string {
  const s = u.signInUserSession
  if (!s?.isValid()) throw notAuthenticated()
  return s.getAccessToken().getJwtToken()
}

/**
 * The session as far as it can be had without a request: the one in memory while valid, else the
 * stored one while valid; otherwise the stored refresh token to renew it with. Synchronous, so
 * `CognitoUser.getSession` can answer before it returns, as acij's does.
 * @throws {NotAuthenticatedError} acij's messages: no username, no stored ID token, no refresh token
 */
export function currentSession(u: CognitoUser): CognitoUserSession | CognitoRefreshToken {
  if (u.username == null) throw new NotAuthenticatedError('Username is null. Cannot retrieve a new session')
  if (u.signInUserSession?.isValid()) return u.signInUserSession
  const get = (name: string): string | null => u.storage.getItem(keyOf(u, name))
  const idToken = get('idToken')
  if (!idToken) throw new NotAuthenticatedError('Local storage is missing an ID Token, Please authenticate')
  const refreshToken = new CognitoRefreshToken({ RefreshToken: get('refreshToken') })
  const stored = new CognitoUserSession({
    IdToken: new CognitoIdToken({ IdToken: idToken }),
    AccessToken: new CognitoAccessToken({ AccessToken: get('accessToken') }),
    RefreshToken: refreshToken,
    ClockDrift: parseInt(get('clockDrift') ?? '', 10) || 0,
  })
  if (stored.isValid()) return (u.signInUserSession = stored)
  if (!refreshToken.getToken()) throw new NotAuthenticatedError('Cannot retrieve a new session. Please authenticate.')
  return refreshToken
}

/** The session: {@link currentSession}, refreshed with the stored refresh token when it is not valid. */
export async function getSession(u: CognitoUser, clientMetadata?: Record<string, string>): Promise<CognitoUserSession> {
  const s = currentSession(u)
  return s instanceof CognitoUserSession ? s : refreshThroughPool(u, s, clientMetadata)
}

/** The refreshes on their way, by refresh token: concurrent callers share one. */
const refreshing = /* @__PURE__ */ new Map<string, Promise<CognitoUserSession>>()

/**
 * New tokens from the refresh token (REFRESH_TOKEN_AUTH, with the stored device key), as the last
 * signed-in user; concurrent calls with the same refresh token share one request and get the same
 * session. The answer is stored only when storage still names the same last user with the same
 * refresh token: a refused refresh token (NotAuthorizedException) then clears the stored tokens.
 * @throws {NotAuthenticatedError} "User is not authenticated": a sign-out, or another sign-in (any
 *   user), changed storage while the refresh was on its way; the new tokens are not stored
 */
export async function refreshSession(u: CognitoUser, refreshToken: CognitoRefreshToken, clientMetadata?: Record<string, string>): Promise<CognitoUserSession> {
  const last = u.storage.getItem(lastUserKey(u.keyPrefix))
  if (last) {
    u.username = last
    u.deviceKey = u.storage.getItem(keyOf(u, 'deviceKey'))
  }
  // what the answer applies to: changed meanwhile, the storage is another sign-in's (or none's) now
  const held = (): string => `${u.storage.getItem(lastUserKey(u.keyPrefix))} ${u.storage.getItem(keyOf(u, 'refreshToken'))}`
  const before = held()
  const token = refreshToken.getToken()
  let p = refreshing.get(token)
  if (!p) refreshing.set(token, (p = renewAccessToken(u.pool.client, token, { deviceKey: given(u.deviceKey), clientMetadata: given(clientMetadata) }).then((t) => sessionOf(t, refreshToken)).finally(() => refreshing.delete(token))))
  const s = await p.catch((e) => {
    if (e?.name === 'NotAuthorizedException' && held() === before) clearCachedUser(u)
    throw e
  })
  if (held() !== before) throw notAuthenticated()
  u.signInUserSession = s
  cacheTokens(u)
  return s
}

/**
 * {@link refreshSession} as a promise, the way every refresh of acij's user goes (`getSession`,
 * `signOut`, `getUserData`): through `CognitoUser.refreshSession`, so its outcome is handed to the
 * pool's `wrapRefreshSessionCallback` (Amplify hooks its token-refresh events there), and the
 * caller gets what the wrapped callback is given.
 */
export const refreshThroughPool = (u: CognitoUser, refreshToken: CognitoRefreshToken, clientMetadata?: Record<string, string>): Promise<CognitoUserSession> =>
  new Promise((resolve, reject) => u.refreshSession(refreshToken, (err: unknown, session?: CognitoUserSession) => (err ? reject(err) : resolve(session!)), clientMetadata))

/** Forget the session and the stored tokens (the device stays remembered). */
function clearSession(u: CognitoUser): void {
  u.signInUserSession = null
  clearCachedUser(u)
}

/**
 * Sign out locally; with `revoked`, first revoke the refresh token (RevokeToken, when the tokens
 * are revocable: their access token has `origin_jti`), then forget the session either way and
 * call `revoked` with the error, if any.
 */
export function signOut(u: CognitoUser, revoked?: (err?: unknown) => void): void {
  if (typeof revoked !== 'function') return clearSession(u)
  getSession(u)
    .then(() => revokeIfPossible(u).finally(() => clearSession(u)))
    .then(
      () => revoked(),
      (e) => revoked(acijError(e)),
    )
}

/** RevokeToken on the session's refresh token when it can be revoked. */
async function revokeIfPossible(u: CognitoUser): Promise<void> {
  const s = u.signInUserSession!
  const refreshToken = s.getRefreshToken().getToken()
  if (s.getAccessToken().decodePayload()['origin_jti'] && refreshToken) await revokeToken(u.pool.client, refreshToken)
}

/** GlobalSignOut (every refresh token of the user stops working), then forget the stored tokens. */
export async function globalSignOut(u: CognitoUser): Promise<string> {
  await logout(u.pool.client, accessTokenOf(u))
  clearCachedUser(u)
  return 'SUCCESS'
}

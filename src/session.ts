/**
 * One user's tokens as plain data, and the rules every holder of them follows: what an
 * AuthenticationResult changes (a missing refresh token keeps the old one), the access token's
 * claims (decoded once per token), when it counts as expiring, one renewal shared by concurrent
 * callers (each waiting with its own signal), and the stored form. The `Cognito` class,
 * `createTokenSource` and `authFetch` keep their tokens through these functions.
 * @module
 */
import type { AuthResult } from './functions/auth-flow.ts'
import { decodePayload, isExpiring } from './functions/tokens.ts'
import { isObj, isStr, json } from './lib/guards.ts'
import type { TokenStore } from './store.ts'
import { abortError } from './transport.ts'

/** Tokens as held; the names are those of the stored form. */
export interface TokenState {
  id?: string | undefined
  access?: string | undefined
  refresh?: string | undefined
  type?: string | undefined
  expiresIn?: number | undefined
  expiresAt?: number | undefined
}

/** What a holder of one user's tokens keeps. */
export interface Session {
  tokens: TokenState
  /** Cognito's internal username, once known. */
  user?: string | undefined
  /** The renewal in flight, shared by concurrent callers. */
  renewing?: Promise<AuthResult> | undefined
  /** The access token's payload, decoded once per token (`authFetch` checks expiry before every request). */
  payload?: { token: string | undefined; claims: Record<string, unknown> | undefined } | undefined
}

/** The access token's claims (unverified: for expiry and username hints only). */
export function claimsOf(s: Session): Record<string, unknown> | undefined {
  const token = s.tokens.access
  // decodePayload(undefined) is undefined: no token, no claims
  if (s.payload?.token !== token) s.payload = { token, claims: decodePayload(token!) }
  return s.payload?.claims
}

/** Cognito's internal name for the user the access token held was issued to (its `username` claim), if it names one. */
export function userOf(s: Session): string | undefined {
  const user = claimsOf(s)?.['username']
  return isStr(user) ? user : undefined
}

/** Take the tokens of a sign-in or renewal; the access token's `username` is Cognito's internal name. */
export function keepTokens(s: Session, r: AuthResult): AuthResult {
  r.refreshToken ??= s.tokens.refresh
  s.tokens = { id: r.idToken, access: r.accessToken, refresh: r.refreshToken, type: r.tokenType, expiresIn: r.expiresIn, expiresAt: r.expiresAt }
  s.user = userOf(s) ?? s.user
  return r
}

/**
 * Who a refresh is for, for a holder that knows no better: Cognito's internal username (the
 * SECRET_HASH's, from the access token, else the one held) and the device the tokens were issued
 * to (the access token's `device_key`, else `deviceKey`: a device-tracking pool needs DEVICE_KEY,
 * and refuses a device confirmed since for another sign-in).
 */
export function renewalOf(s: Session, deviceKey: string | undefined): { username: string | undefined; deviceKey: string | undefined } {
  const key = claimsOf(s)?.['device_key']
  return { username: userOf(s) ?? s.user, deviceKey: isStr(key) ? key : deviceKey }
}

/** Whether the access token is missing, has expired or expires within `margin` seconds (see `isExpiring`): a renewal is due. */
export const expiring = (s: Session, now: number, margin?: number): boolean => isExpiring(claimsOf(s), s.tokens.expiresAt, now, margin) || !s.tokens.access

/** Run `renew` once for any number of concurrent callers; a failure leaves the tokens as they were. */
export const renewOnce = (s: Session, renew: () => Promise<AuthResult>): Promise<AuthResult> => (s.renewing ??= renew().finally(() => (s.renewing = undefined)))

/**
 * `start()`'s promise for one caller of shared work: an AbortError as soon as `signal` fires (the
 * work goes on for the others), and nothing started when it has fired already.
 */
export function untilAborted<T>(start: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return start()
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(abortError(signal))
    if (signal.aborted) return abort()
    signal.addEventListener('abort', abort, { once: true })
    start().then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

/** Save the tokens and the internal username under `key`. */
export const saveSession = (store: TokenStore, key: string, s: Session): Promise<void> => store.set(key, JSON.stringify({ ...s.tokens, user: s.user }))

/** The stored form's token fields and their types. */
const STORED = { id: 'string', access: 'string', refresh: 'string', type: 'string', expiresIn: 'number', expiresAt: 'number' }

/**
 * The tokens saved under `key`, or undefined when there are none (or not in the stored form; a
 * field of the wrong type is dropped). A failing store rejects: an outage is not "signed out".
 */
export async function loadSession(store: TokenStore, key: string): Promise<Pick<Session, 'tokens' | 'user'> | undefined> {
  // not JSON, or JSON of no object: `{}`, which has no access token
  const v = json((await store.get(key)) as string)
  if (!isObj(v) || !isStr(v['access'])) return undefined
  const tokens: Record<string, unknown> = {}
  // each field kept only with its stored type: a non-string token or a non-number time is dropped
  for (const [k, type] of Object.entries(STORED)) if (typeof v[k] === type) tokens[k] = v[k]
  return { tokens, user: isStr(v['user']) ? v['user'] : undefined }
}

/**
 * A token source for function-first apps: the tokens of one user, kept fresh from a refresh token
 * with `renewAccessToken`, for `authFetch` (the `Cognito` class is a token source too). The
 * smallest way to call an API as a user who signed in earlier: no SRP, no class.
 * @module
 */
import type { CognitoClient } from './client.ts'
import { configOf } from './client.ts'
import { assertFn, assertOptStr, assertStr, optionsOf } from './errors.ts'
import type { AuthResult } from './functions/auth-flow.ts'
import { decodePayload, isExpiring, renewAccessToken, type RenewOptions } from './functions/tokens.ts'
import { skewOf } from './transport.ts'
import { expiring, keepTokens, renewalOf, renewOnce, type Session } from './session.ts'

/** What `authFetch` needs of a user's tokens. `Cognito` instances and {@link createTokenSource} provide it. */
export interface TokenSource {
  /** The current access token, if any. */
  readonly accessToken: string | undefined
  /** The current ID token, if any. */
  readonly idToken: string | undefined
  /** The refresh token, if any: with one, a missing or expiring access token can be renewed. */
  readonly refreshToken: string | undefined
  /** Renew the tokens when the access token (for {@link createTokenSource}, or the ID token) has expired or expires within `margin` seconds. */
  checkToken(options: { margin?: number | undefined }): Promise<unknown>
}

/** Tokens to start a {@link createTokenSource} from. */
export interface StoredTokens extends Omit<RenewOptions, 'signal' | 'clientMetadata'> {
  /** The refresh token saved after an earlier sign-in. */
  refreshToken: string
  accessToken?: string | undefined
  idToken?: string | undefined
  /** Called with every renewal's tokens (persist the rotated refresh token here). */
  onRenew?: ((tokens: AuthResult) => void | Promise<void>) | undefined
}

/**
 * Keep one user's tokens fresh from a stored refresh token. `checkToken` renews them (once, for
 * any number of concurrent callers) when the access token is missing or expiring, or the ID token
 * is expiring (an app client may give it a shorter lifetime). As in the class, the access token's
 * `username` and `device_key` claims come first (Cognito refuses a renewal sent with another
 * device than the tokens'); `username` and `deviceKey` are used for tokens that carry none.
 * @throws {ArgumentError} no refresh token, a token that is not a string, or `stored` is not an object
 * @example
 * ```ts
 * const tokens = createTokenSource(client, { refreshToken: saved, username: savedUsername })
 * const api = authFetch(tokens)
 * const res = await api('https://api.example.com/me')
 * ```
 */
export function createTokenSource(client: CognitoClient, stored: StoredTokens): TokenSource {
  const now = configOf(client).now
  const { onRenew, refreshToken, accessToken, idToken, ...renew } = optionsOf(stored, 'stored')
  assertStr(refreshToken, 'refreshToken')
  assertOptStr(accessToken, 'accessToken'), assertOptStr(idToken, 'idToken')
  assertFn(onRenew, 'onRenew')
  const s: Session = { tokens: { refresh: refreshToken, access: accessToken, id: idToken }, user: renew.username }
  // Cognito's clock minus ours, learned from each renewal (its expiresAt is on Cognito's clock)
  let skew = 0
  // the last renewal's tokens, and the last that onRenew took: when it throws (a store that is
  // down), the next check offers them again, so a rotated refresh token is never held only in memory
  let last: AuthResult | undefined
  let saved: AuthResult | undefined
  const run = async (): Promise<AuthResult> => {
    if (last === saved) {
      last = keepTokens(s, await renewAccessToken(client, s.tokens.refresh!, { ...renew, ...renewalOf(s, renew.deviceKey) }))
      skew = skewOf(last.expiresAt - last.expiresIn * 1000, now())
    }
    await onRenew?.(last!)
    return (saved = last!)
  }
  const source = {
    async checkToken({ margin }: { margin?: number } = {}) {
      const t = now() + skew
      // the ID token may live shorter than the access token (its own validity): authFetch may send it
      const renew = expiring(s, t, margin) || isExpiring(decodePayload(s.tokens.id!), undefined, t, margin)
      if (renew || last !== saved) await renewOnce(s, run)
      return renew
    },
  }
  // the tokens are non-enumerable getters: JSON.stringify, a spread or a log of the source shows none
  return Object.defineProperties(source, {
    accessToken: { get: () => s.tokens.access },
    idToken: { get: () => s.tokens.id },
    refreshToken: { get: () => s.tokens.refresh },
  }) as typeof source & TokenSource
}

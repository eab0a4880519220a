/**
 * A token source for function-first apps: the tokens of one user, kept fresh from a refresh token
 * with `renewAccessToken`, for `authFetch` (the `Cognito` class is a token source too). The
 * smallest way to call an API as a user who signed in earlier: no SRP, no class.
 * @module
 */
import type { CognitoClient } from './client.ts'
import { configOf } from './client.ts'
import { assertStr } from './errors.ts'
import type { AuthResult } from './functions/auth-flow.ts'
import { decodePayload, isExpiring, renewAccessToken, type RenewOptions } from './functions/tokens.ts'

/** What `authFetch` needs of a user's tokens. `Cognito` instances and {@link createTokenSource} provide it. */
export interface TokenSource {
  /** The current access token, if any. */
  readonly accessToken: string | undefined
  /** The current ID token, if any. */
  readonly idToken: string | undefined
  /** The refresh token, if any: with one, a missing or expiring access token can be renewed. */
  readonly refreshToken: string | undefined
  /** Renew the tokens when the access token has expired or expires within `margin` seconds. */
  checkToken(options: { margin?: number }): Promise<unknown>
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
 * any number of concurrent callers) when the access token is missing or expiring.
 * @throws {ArgumentError} no refresh token
 * @example
 * ```ts
 * const tokens = createTokenSource(client, { refreshToken: saved, username: savedUsername })
 * const api = authFetch(tokens)
 * const res = await api('https://api.example.com/me')
 * ```
 */
export function createTokenSource(client: CognitoClient, stored: StoredTokens): TokenSource {
  assertStr(stored.refreshToken, 'refreshToken')
  const { onRenew, ...renew } = stored
  let t: { accessToken?: string | undefined; idToken?: string | undefined; refreshToken: string; expiresAt?: number } = stored
  let inflight: Promise<unknown> | undefined
  return {
    get accessToken() {
      return t.accessToken
    },
    get idToken() {
      return t.idToken
    },
    get refreshToken() {
      return t.refreshToken
    },
    async checkToken({ margin } = {}) {
      const expired = !t.accessToken || isExpiring(decodePayload(t.accessToken), t.expiresAt, configOf(client).now(), margin)
      if (expired) {
        await (inflight ??= renewAccessToken(client, t.refreshToken, renew)
          .then(async (r) => {
            t = { ...r, refreshToken: r.refreshToken ?? t.refreshToken }
            await onRenew?.(r)
          })
          .finally(() => (inflight = undefined)))
      }
      return expired
    },
  }
}

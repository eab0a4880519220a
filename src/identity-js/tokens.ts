/**
 * The token and session values of `cognito-edge/identity-js`: {@link CognitoIdToken},
 * {@link CognitoAccessToken}, {@link CognitoRefreshToken} and {@link CognitoUserSession}, with
 * amazon-cognito-identity-js's rules: payloads are decoded, never verified (use
 * `cognito-edge/jwt` for that); a session is valid while both tokens are unexpired on the clock
 * corrected by the drift measured when the tokens arrived.
 * @module
 */
import { decodePayload } from '../functions/tokens.ts'

/** Seconds since the epoch, now. */
const nowSeconds = (): number => Math.floor(Date.now() / 1000)

/**
 * A JWT and its decoded (unverified) payload. The token is an accessor over a private field, so
 * `JSON.stringify` and `util.inspect` of a session never print it.
 */
class CognitoJwtToken {
  #token: string
  /** The decoded payload (`{}` when the token is not a JWT). */
  payload: { [key: string]: any }

  constructor(token?: string | null) {
    this.#token = token || ''
    this.payload = this.decodePayload()
  }

  /** The token itself. */
  get jwtToken(): string {
    return this.#token
  }
  /** Replace the token (the payload is not decoded again). */
  set jwtToken(token: string) {
    this.#token = token
  }

  /** The token. */
  getJwtToken(): string {
    return this.jwtToken
  }

  /** The `exp` claim, seconds since the epoch. */
  getExpiration(): number {
    return this.payload['exp']
  }

  /** The `iat` claim, seconds since the epoch. */
  getIssuedAt(): number {
    return this.payload['iat']
  }

  /**
   * Decode the payload again (unverified). Read as acij reads it: base64 of either alphabet,
   * padded or not, stray characters skipped (apps' own fixtures are often `btoa` output).
   */
  decodePayload(): { [id: string]: any } {
    const b64 = (this.jwtToken.split('.')[1] ?? '').replace(/\+/g, '-').replace(/\//g, '_').replace(/[^\w-]/g, '')
    return decodePayload('.' + b64) ?? {}
  }
}

/** An ID token. */
export class CognitoIdToken extends CognitoJwtToken {
  /** @param data - `{ IdToken }`, the JWT */
  constructor(data: { IdToken?: string | null } = {}) {
    super(data.IdToken)
  }
}

/** An access token. */
export class CognitoAccessToken extends CognitoJwtToken {
  /** @param data - `{ AccessToken }`, the JWT */
  constructor(data: { AccessToken?: string | null } = {}) {
    super(data.AccessToken)
  }
}

/** A refresh token (opaque; kept in a private field, like the JWTs). */
export class CognitoRefreshToken {
  #token: string

  /** @param data - `{ RefreshToken }` */
  constructor(data: { RefreshToken?: string | null | undefined } = {}) {
    this.#token = data.RefreshToken || ''
  }

  /** The token (`''` when there is none). */
  get token(): string {
    return this.#token
  }
  /** Replace the token. */
  set token(token: string) {
    this.#token = token
  }

  /** The token. */
  getToken(): string {
    return this.token
  }
}

/** What a session uses of a token (so tokens made by another copy of these classes fit too). */
type TokenLike = Pick<CognitoJwtToken, 'payload' | 'getJwtToken' | 'getExpiration' | 'getIssuedAt' | 'decodePayload'>

/** A signed-in user's tokens, and the clock drift measured when they arrived. */
export class CognitoUserSession {
  /** The ID token. */
  idToken: CognitoIdToken
  /** The access token. */
  accessToken: CognitoAccessToken
  /** The refresh token (empty when the session has none). */
  refreshToken: CognitoRefreshToken
  /** Local clock minus the tokens' issue time, seconds. */
  clockDrift: number

  /**
   * @param data - the tokens, and `ClockDrift` (seconds; measured from the tokens' `iat` when left out)
   * @throws {Error} the ID or access token is missing
   */
  constructor(data: { IdToken: TokenLike; AccessToken: TokenLike; RefreshToken?: Pick<CognitoRefreshToken, 'getToken'> | undefined; ClockDrift?: number | undefined }) {
    const { IdToken, AccessToken, RefreshToken, ClockDrift } = data ?? {}
    if (AccessToken == null || IdToken == null) throw new Error('Id token and Access Token must be present.')
    this.idToken = IdToken as CognitoIdToken
    this.accessToken = AccessToken as CognitoAccessToken
    this.refreshToken = (RefreshToken ?? new CognitoRefreshToken()) as CognitoRefreshToken
    this.clockDrift = ClockDrift === undefined ? this.calculateClockDrift() : ClockDrift
  }

  /** The ID token. */
  getIdToken(): CognitoIdToken {
    return this.idToken
  }

  /** The refresh token. */
  getRefreshToken(): CognitoRefreshToken {
    return this.refreshToken
  }

  /** The access token. */
  getAccessToken(): CognitoAccessToken {
    return this.accessToken
  }

  /** The clock drift, seconds. */
  getClockDrift(): number {
    return this.clockDrift
  }

  /** Local clock minus the earlier `iat` of the two tokens, seconds. */
  calculateClockDrift(): number {
    return nowSeconds() - Math.min(this.accessToken.getIssuedAt(), this.idToken.getIssuedAt())
  }

  /** Whether both tokens are unexpired, on the local clock corrected by the drift. */
  isValid(): boolean {
    const adjusted = nowSeconds() - this.clockDrift
    return adjusted < this.accessToken.getExpiration() && adjusted < this.idToken.getExpiration()
  }
}

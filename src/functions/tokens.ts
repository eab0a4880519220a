/**
 * Tokens, as functions: new ID and access tokens from a refresh token ({@link renewAccessToken},
 * with rotation), revoking a refresh token ({@link revokeToken}), signing out everywhere
 * ({@link logout}), and reading a token's payload without verifying it ({@link decodePayload}).
 * Verification itself is `cognito-edge/jwt`.
 * @module
 */
import { callOf, configOf, request, requestWithToken, UNSAFE_TO_REPEAT, secretHashFor, type CallSignal, type AccessToken, type CognitoClient } from '../client.ts'
import { argError, assertStr, optionsOf } from '../errors.ts'
import { fromBase64Url, strictDecoder } from '../lib/bytes.ts'
import { isObj } from '../lib/guards.ts'
import { clockOf, resultOf, routeAuth, type AuthResult } from './auth-flow.ts'
import type { MetadataOptions } from './passwords.ts'

/** Options of {@link renewAccessToken}. */
export interface RenewOptions extends MetadataOptions {
  /**
   * Cognito's internal username (the access token's `username` claim): needed for SECRET_HASH when
   * the client has a secret and does not rotate refresh tokens.
   */
  username?: string | undefined
  /** The device the tokens were issued to (a remembered device's key, or the `device_key` claim). */
  deviceKey?: string | undefined
  /** The app client rotates refresh tokens: refresh with GetTokensFromRefreshToken (a new refresh token comes back). */
  rotation?: boolean | undefined
}

/**
 * Get new ID and access tokens with the refresh token: REFRESH_TOKEN_AUTH (SECRET_HASH over
 * `username`, DEVICE_KEY when known), or GetTokensFromRefreshToken with `rotation: true`.
 * @returns the new tokens; `refreshToken` is the rotated one, or undefined without rotation
 *   (keep using the old one)
 * @throws {NotAuthorizedException} the refresh token was revoked or expired
 * @example
 * ```ts
 * const { accessToken, expiresAt } = await renewAccessToken(client, storedRefreshToken)
 * ```
 */
export async function renewAccessToken(client: CognitoClient, refreshToken: string, options: RenewOptions = {}): Promise<AuthResult> {
  assertStr(refreshToken, 'refreshToken')
  options = optionsOf(options)
  const { deviceKey, clientMetadata } = options
  const c = configOf(client)
  // the clock of a sign-in: corrected by Cognito's Date unless the client's clock is given
  const { call, now } = clockOf(client, options)
  let r: Record<string, unknown>
  if (options.rotation) {
    r = await request(client, 'GetTokensFromRefreshToken', { RefreshToken: refreshToken, ClientId: client.clientId, ClientSecret: c.secret, DeviceKey: deviceKey, ClientMetadata: clientMetadata }, call, UNSAFE_TO_REPEAT)
  } else {
    const params: Record<string, string> = { REFRESH_TOKEN: refreshToken }
    // secretHash refuses a missing username with the same ArgumentError, before any request
    if (c.secret !== undefined) params['SECRET_HASH'] = (await secretHashFor(client, options.username!))!
    if (deviceKey) params['DEVICE_KEY'] = deviceKey
    r = await routeAuth(client, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: params, ClientMetadata: clientMetadata }, call)
  }
  return resultOf(r, now())
}

/** RevokeToken on the refresh token, and the access tokens it issued. */
export async function revokeToken(client: CognitoClient, refreshToken: string, options?: CallSignal): Promise<void> {
  assertStr(refreshToken, 'refreshToken')
  await request(client, 'RevokeToken', { Token: refreshToken, ClientId: client.clientId, ClientSecret: configOf(client).secret }, callOf(options))
}

/** GlobalSignOut: every refresh token of the user stops working, on every device. */
export async function logout(client: CognitoClient, accessToken: AccessToken, options?: CallSignal): Promise<void> {
  await requestWithToken(client, 'GlobalSignOut', accessToken, {}, options, UNSAFE_TO_REPEAT)
}

/**
 * Decode a JWT payload without verifying it (for expiry and username hints only); undefined when it is not one.
 * @throws {MissingGlobalError} the runtime has no `TextDecoder` (React Native before 0.85)
 */
export function decodePayload(token: string): Record<string, unknown> | undefined {
  // outside the try: a runtime without TextDecoder is told so, not handed "no expiry known"
  const d = strictDecoder()
  try {
    const v: unknown = JSON.parse(d.decode(fromBase64Url(token.split('.')[1] ?? '-')))
    return isObj(v) ? v : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether an access token has expired or expires within `margin` seconds, from its `exp` claim
 * (unverified), else from `expiresAt`; an opaque token with no known expiry counts as valid
 * (Cognito itself will say otherwise). The one rule of the `Cognito` class, `createTokenSource`
 * and `authFetch`. `margin` is at most an hour (Cognito's default access-token lifetime): one given
 * in milliseconds by mistake (60000 for a minute) would renew the tokens before every request.
 * @throws {ArgumentError} `margin` is not a number from 0 to 3600
 */
export function isExpiring(claims: Record<string, unknown> | undefined, expiresAt: number | undefined, now: number, margin = 60): boolean {
  if (typeof margin !== 'number' || !(margin >= 0 && margin <= 3600)) throw argError('"margin" must be 0 to 3600 s', 1)
  const exp = claims?.['exp']
  return now >= (typeof exp === 'number' ? exp * 1000 : (expiresAt ?? Infinity)) - margin * 1000
}

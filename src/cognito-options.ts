/**
 * The options of the `Cognito` class and of its methods.
 * @module
 */
import { checkClientOptions, type Rng } from './client.ts'
import { argError, assertObj, assertOptStr } from './errors.ts'
import type { Challenge, DeviceCredentials, FlowOptions } from './functions/auth-flow.ts'
import type { JwtVerifier } from './jwt.ts'
import { isStr } from './lib/guards.ts'
import type { TokenStore } from './store.ts'
import type { TransportOptions } from './transport.ts'

/** Options of {@link Cognito}. */
export interface CognitoOptions extends TransportOptions {
  /** User pool id, e.g. `us-east-1_AbCdEf123`. The region is taken from it unless `region` is set. */
  userPoolId: string
  /** App client id. */
  clientId: string
  /** The name the user signs in with (username, or an email / phone alias). */
  username?: string | undefined
  /** App client secret, when the client has one: SECRET_HASH is then sent on every call. */
  clientSecret?: string | undefined
  /** Tokens from an earlier session (stored unverified; see `verifyTokens`). */
  idToken?: string | undefined
  /** @see idToken */
  accessToken?: string | undefined
  /** @see idToken */
  refreshToken?: string | undefined
  /** Randomness for SRP private values and device verifiers. Default: `crypto.getRandomValues`. */
  rng?: Rng | undefined
  /** Clock, ms since epoch. Default `Date.now`. */
  now?: (() => number) | undefined
  /** A remembered device (all three or none): enables DEVICE_SRP_AUTH and DEVICE_KEY on refresh. */
  deviceKey?: string | undefined
  /** @see deviceKey */
  deviceGroupKey?: string | undefined
  /** @see deviceKey (a secret: never shown by toJSON, inspect or errors) */
  devicePassword?: string | undefined
  /** The app client rotates refresh tokens: refresh with GetTokensFromRefreshToken. */
  refreshTokenRotation?: boolean | undefined
  /** Where tokens persist (default: a private in-memory store). See `restore()`. */
  store?: TokenStore | undefined
  /** Key of this user's entry in `store`. Default `<clientId>.<username>`. */
  storeKey?: string | undefined
  /**
   * Token verifier for `verifyTokens()` (share one between instances to share its JWKS cache).
   * Default: one for this pool and client, fetching the JWKS from `endpoint` when it is set.
   */
  verifier?: JwtVerifier | undefined
}

/** Options of {@link Cognito.authenticate}. */
export interface AuthenticateOptions extends Pick<FlowOptions, 'clientMetadata' | 'userContextData' | 'signal'> {
  /** `USER_SRP_AUTH` (default), `USER_PASSWORD_AUTH`, or `CUSTOM_AUTH` (custom challenges after an SRP password check). */
  flow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH' | undefined
}

/** Options shared by the challenge continuation methods. */
export type RespondOptions = Pick<FlowOptions, 'clientMetadata' | 'userContextData' | 'signal'>

/** Options of {@link Cognito.userAuth} and {@link Cognito.selectChallenge}. */
export type UserAuthOptions = Pick<FlowOptions, 'clientMetadata' | 'userContextData' | 'signal' | 'password' | 'webauthn'>

/** A challenge waiting for an answer. */
export type PendingChallenge = Challenge

/**
 * Check the options of `new Cognito()`, before anything else happens, and split off the
 * transport options (everything that is not the class's own).
 * @throws {ArgumentError} naming the option
 * @internal
 */
export function checkCognitoOptions(options: CognitoOptions): CognitoOptions & { transport: TransportOptions } {
  // undefined too: the options are required
  assertObj(options ?? 0, 'options')
  // the class's own options are taken out; the rest are transport options
  const { userPoolId: _u, clientId: _c, username, clientSecret: _cs, idToken: _i, accessToken: _a, refreshToken: _r, rng: _n, now: _w, deviceKey: _k, deviceGroupKey: _g, devicePassword: _p, refreshTokenRotation: _t, store, storeKey: _s, verifier: _v, ...transport } = options
  checkClientOptions(options, transport)
  assertOptStr(username, 'username')
  deviceOf(options)
  if (store !== undefined && typeof store?.get !== 'function') throw argError('"store" must be a TokenStore')
  return { ...options, transport }
}

/**
 * The remembered device of the options: all three of `deviceKey`, `deviceGroupKey` and
 * `devicePassword`, or none.
 * @internal
 */
export function deviceOf({ deviceKey, deviceGroupKey, devicePassword }: CognitoOptions): DeviceCredentials | undefined {
  const dev = [deviceKey, deviceGroupKey, devicePassword]
  if (!dev.some((v) => v !== undefined)) return undefined
  if (!dev.every(isStr)) throw argError('"deviceKey", "deviceGroupKey", "devicePassword": all or none')
  return { deviceKey: deviceKey!, deviceGroupKey: deviceGroupKey!, devicePassword: devicePassword! }
}

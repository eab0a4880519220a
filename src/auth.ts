/**
 * Functional sign-in: the SRP steps shared by {@link signIn} and the `Cognito` class, and a
 * tree-shakable `signIn()` for apps that need only an SRP login (no class, no token state).
 * @module
 */
import { ChallengeError, ResponseError } from './errors.ts'
import { createSrpSession, passwordVerifier, poolNameOf, secretHash, type Rng, type SrpSession } from './srp.ts'
import { isStr } from './lib/guards.ts'
import { send, skewOf, type TransportOptions } from './transport.ts'

/** Tokens and metadata of a completed sign-in. */
export interface AuthResult {
  idToken: string
  accessToken: string
  /** Present on sign-in; REFRESH_TOKEN_AUTH responses carry none (the `Cognito` class keeps the old one). */
  refreshToken: string | undefined
  tokenType: string
  /** Lifetime of the access token, seconds. */
  expiresIn: number
  /** Absolute expiry of the access token, ms since epoch (the `Cognito` class corrects its clock by the server's `Date`). */
  expiresAt: number
  /** Set when Cognito asks to confirm a new device (device tracking): pass it to `confirmDevice()`. */
  newDevice: { deviceKey: string; deviceGroupKey: string } | undefined
}

/** One SRP exchange's private value and public `A` (the shape of {@link SrpSession}). A fresh one for every exchange. */
export type SrpState = Pick<SrpSession, 'a' | 'A'>


/** `ChallengeParameters` as a string map (non-strings dropped). */
export function paramsOf(resp: Record<string, unknown>): Record<string, string> {
  const cp = resp['ChallengeParameters']
  const out: Record<string, string> = {}
  if (cp !== null && typeof cp === 'object') for (const [k, v] of Object.entries(cp)) if (typeof v === 'string') out[k] = v
  return out
}

/** A response's challenge: name, parameters, Session and AvailableChallenges, or a ResponseError when it carries none. */
export function challengeOf(resp: Record<string, unknown>): { name: string; parameters: Record<string, string>; session: string | undefined; availableChallenges: string[] | undefined } {
  const name = resp['ChallengeName']
  if (!isStr(name)) throw new ResponseError('no AuthenticationResult or ChallengeName')
  const available = resp['AvailableChallenges']
  return { name, parameters: paramsOf(resp), session: isStr(resp['Session']) ? resp['Session'] : undefined, availableChallenges: Array.isArray(available) ? available.filter(isStr) : undefined }
}

function need(cp: Record<string, string>, key: string): string {
  const v = cp[key]
  if (!isStr(v)) throw new ResponseError(`ChallengeParameters lacks ${key}`)
  return v
}

/**
 * Answer a PASSWORD_VERIFIER (prefix = pool name, id = USER_ID_FOR_SRP, secret = password) or a
 * DEVICE_PASSWORD_VERIFIER (prefix = DeviceGroupKey, id = DeviceKey, secret = device password):
 * `PASSWORD_CLAIM_SECRET_BLOCK`, `PASSWORD_CLAIM_SIGNATURE` and `TIMESTAMP`.
 * @throws {SrpError} unsafe or malformed server values
 */
export async function srpAnswer(cp: Record<string, string>, s: SrpState, prefix: string, id: string, secret: string, date: Date): Promise<Record<string, string>> {
  const block = need(cp, 'SECRET_BLOCK')
  const { signature, timestamp } = await passwordVerifier({ a: s.a, A: s.A, srpB: need(cp, 'SRP_B'), salt: need(cp, 'SALT'), secretBlock: block, prefix, id, secret, date })
  return { PASSWORD_CLAIM_SECRET_BLOCK: block, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp }
}

/** Map an `AuthenticationResult` to {@link AuthResult}. */
export function tokensOf(r: Record<string, unknown>, now: number): AuthResult {
  const { IdToken: idToken, AccessToken: accessToken, RefreshToken: rt, TokenType: tt, ExpiresIn: ei, NewDeviceMetadata: m } = r as Record<string, any>
  if (!isStr(idToken) || !isStr(accessToken)) throw new ResponseError('no IdToken or AccessToken')
  // a lifetime that is not a positive integer (hostile or broken server) falls back to 1 h
  const expiresIn = Number.isSafeInteger(ei) && ei > 0 ? ei : 3600
  return {
    idToken,
    accessToken,
    refreshToken: isStr(rt) ? rt : undefined,
    tokenType: isStr(tt) ? tt : 'Bearer',
    expiresIn,
    expiresAt: now + expiresIn * 1000,
    newDevice: m && isStr(m.DeviceKey) && isStr(m.DeviceGroupKey) ? { deviceKey: m.DeviceKey, deviceGroupKey: m.DeviceGroupKey } : undefined,
  }
}

/** Options of {@link signIn}. */
export interface SignInOptions extends TransportOptions {
  /** User pool id, e.g. `us-east-1_AbC`. */
  userPoolId: string
  /** App client id. */
  clientId: string
  /** The name the user signs in with (username or alias). */
  username: string
  /** The password: used for the SRP proof only, never sent. */
  password: string
  /** App client secret, when the client has one. */
  clientSecret?: string
  /** A remembered device's key (sent as DEVICE_KEY). Device SRP itself needs the `Cognito` class. */
  deviceKey?: string
  /** Passed to Lambda triggers. */
  clientMetadata?: Record<string, string>
  /** Randomness for the SRP private value. */
  rng?: Rng
  /**
   * Clock, ms since epoch, taken as the truth. Default: `Date.now`, corrected by the `Date`
   * header of Cognito's first answer when the two differ by a minute or more (as the `Cognito`
   * class does), so a wrong device clock does not make the SRP TIMESTAMP stale or the returned
   * `expiresAt` wrong.
   */
  now?: () => number
}

/**
 * Sign in with USER_SRP_AUTH (the password never leaves the device) and return the tokens. The
 * smallest way to log a user in: no class, no state.
 *
 * @throws {ChallengeError} when Cognito asks for anything more (MFA, new password, …): answer it
 *   with the `Cognito` class, or with RespondToAuthChallenge using the error's `session`
 * @throws {NotAuthorizedException} wrong password; {@link UserNotFoundException} unknown user
 * @example
 * ```ts
 * const tokens = await signIn({ userPoolId: 'us-east-1_AbC', clientId: '1example', username: 'alice', password })
 * ```
 */
export async function signIn(o: SignInOptions): Promise<AuthResult> {
  const { userPoolId, clientId, username, password, clientSecret, deviceKey, clientMetadata, rng, now: clock, ...transport } = o
  const prefix = poolNameOf(userPoolId)
  let skew = 0
  const now = clock ?? (() => Date.now() + skew)
  const onServerDate: TransportOptions['onServerDate'] = (server, local) => {
    if (!clock) skew = skewOf(server, local)
    transport.onServerDate?.(server, local)
  }
  const call = (op: string, input: object): Promise<Record<string, unknown>> =>
    send(op, { ClientId: clientId, ClientMetadata: clientMetadata, ...input }, { ...transport, onServerDate, userPoolId })
  const withHash = async (p: Record<string, string>): Promise<Record<string, string>> => {
    if (clientSecret) p['SECRET_HASH'] = await secretHash(p['USERNAME']!, clientId, clientSecret)
    if (deviceKey) p['DEVICE_KEY'] = deviceKey
    return p
  }
  const s = createSrpSession(rng)
  let r = await call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', AuthParameters: await withHash({ USERNAME: username, SRP_A: s.A.toString(16) }) })
  if (r['ChallengeName'] === 'PASSWORD_VERIFIER') {
    const cp = paramsOf(r)
    const id = cp['USER_ID_FOR_SRP'] ?? username
    const answer = await srpAnswer(cp, s, prefix, id, password, new Date(now()))
    r = await call('RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: await withHash({ USERNAME: cp['USERNAME'] ?? id, ...answer }),
      Session: r['Session'],
    })
  }
  const result = r['AuthenticationResult']
  if (result && typeof result === 'object') return tokensOf(result as Record<string, unknown>, now())
  const c = challengeOf(r)
  throw new ChallengeError(c.name, c.parameters, c.session, c.availableChallenges)
}

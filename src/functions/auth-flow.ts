/**
 * The sign-in machinery every flow and challenge function shares: reading Cognito's answers
 * (tokens or a challenge), adding USERNAME / SECRET_HASH / DEVICE_KEY to what is sent, and the loop
 * that answers the challenges the library can answer by itself (PASSWORD_VERIFIER, device SRP,
 * WEB_AUTHN) until tokens arrive or a challenge needs the caller.
 * @module
 */
import { callOf, configOf, request, secretHashFor, type AuthSender, type CallSignal, type CognitoClient } from '../client.ts'
import { argError, assertFn, assertStr, assertStrings, ExpiredSessionError, NotAuthorizedException, optionsOf, ResponseError } from '../errors.ts'
import { isObj, isStr } from '../lib/guards.ts'
import { poolNameOf } from '../lib/pool-id.ts'
import { createSrpSession, passwordVerifier, type SrpSession } from '../srp.ts'
import { skewOf, type CallOptions } from '../transport.ts'
import type { UserContextDataType } from '../operations.generated.ts'

/** Tokens and metadata of a completed sign-in. */
export interface AuthResult {
  idToken: string
  accessToken: string
  /** Present on sign-in; REFRESH_TOKEN_AUTH responses carry none (the `Cognito` class keeps the old one). */
  refreshToken: string | undefined
  tokenType: string
  /** Lifetime of the access token, seconds. */
  expiresIn: number
  /** Absolute expiry of the access token, ms since epoch (corrected by the server's `Date` when the clock is off). */
  expiresAt: number
  /** Set when Cognito asks to confirm a new device (device tracking): pass it to `confirmDevice()`. */
  newDevice: { deviceKey: string; deviceGroupKey: string } | undefined
}

/** A challenge waiting for an answer: pass it to the `respondTo…` functions. It holds the Session: keep it server-side. */
export interface Challenge {
  /** Cognito's `ChallengeName`, e.g. `SOFTWARE_TOKEN_MFA`. */
  name: string
  /** Cognito's `ChallengeParameters`. */
  parameters: Record<string, string>
  /** The opaque Session to send back with the answer. */
  session: string | undefined
  /** The USERNAME to answer with: Cognito's internal name when it returned one. */
  username: string
  /** `AvailableChallenges` of a USER_AUTH sign-in. */
  availableChallenges: string[] | undefined
}

/**
 * One step of a sign-in: tokens, or a challenge to answer. `username` on the tokens step is the
 * internal username Cognito answered to, when a challenge was answered on the way.
 */
export type AuthStep =
  | { tokens: AuthResult; username: string | undefined; challenge?: undefined }
  | { challenge: Challenge; tokens?: undefined; /** Cognito's whole answer (it holds the Session). */ response: Record<string, unknown> }

/** One SRP exchange's private value and public `A` (the shape of {@link SrpSession}). A fresh one for every exchange. */
export type SrpState = Pick<SrpSession, 'a' | 'A'>

/** Credentials of a confirmed device: persist them (securely) and pass them to later sign-ins. */
export interface DeviceCredentials {
  deviceKey: string
  deviceGroupKey: string
  /** A secret, like a password. */
  devicePassword: string
}

/**
 * Produces a WebAuthn assertion for Cognito's `CREDENTIAL_REQUEST_OPTIONS` (parsed JSON), e.g. by
 * wrapping `navigator.credentials.get`: the AuthenticationResponseJSON (the credential's
 * `toJSON()`), as an object or already serialised to a JSON string.
 */
export type WebAuthnAssert = (requestOptions: Record<string, unknown>) => Promise<unknown>

/** What a sign-in may need after its first request: the answers the library gives by itself. */
export interface FlowOptions {
  /** Used for the PASSWORD_VERIFIER proof of this call only, never kept or sent. */
  password?: string | undefined
  /** A prepared SRP session (`createSrpSession()`) to send as SRP_A: saves computing A on the critical path. */
  srp?: SrpState | undefined
  /** A remembered device: DEVICE_KEY is sent and DEVICE_SRP_AUTH is answered. */
  device?: DeviceCredentials | undefined
  /**
   * Without `device`: looks the remembered device up by Cognito's username once Cognito names the
   * user (USER_ID_FOR_SRP, before the password proof; or at DEVICE_SRP_AUTH, after a challenge
   * answered with the `respondTo…` functions), for device stores keyed by that name (a user who
   * signs in with an email alias is stored under the internal username).
   */
  deviceOf?: ((username: string) => DeviceCredentials | undefined) | undefined
  /** Answers a WEB_AUTHN challenge. */
  webauthn?: WebAuthnAssert | undefined
  /** Passed to Lambda triggers. */
  clientMetadata?: Record<string, string> | undefined
  /**
   * Sent with every request of this call as `UserContextData`, for threat protection (see
   * `UserContextOptions`). Not kept with a returned challenge: give it again to the call that answers it.
   */
  userContextData?: UserContextDataType | undefined
  /**
   * Called (with no arguments) when Cognito refuses the remembered device as one it no longer knows
   * (forgotten elsewhere): the sign-in goes on without it; delete the stored credentials.
   */
  onDeviceGone?: (() => void) | undefined
  /** Abort this call. */
  signal?: AbortSignal | undefined
}

/** The state of one sign-in call. @internal */
export interface Flow extends FlowOptions {
  /** The name typed by the user, until Cognito names the user itself. */
  username: string
  /** Cognito's internal username, once a challenge named it. */
  user?: string | undefined
  /** DEVICE_KEY to send (a remembered device's, or a bare key). */
  deviceKey?: string | undefined
  /** The clock of this call (corrected by Cognito's `Date` unless the client's clock is given). */
  now: () => number
  /** Transport options of this call. */
  call: AuthCall
  /** A fresh SRP private value and A (the class routes it through its overridable `privateValue()`). */
  newSrp: () => SrpState
  /** The answers the library gives by itself in this flow (see {@link answerAny}). */
  answer: Answerer
}

/** Transport options of a sign-in request; `unsafe`: it makes Cognito send a code (never repeated after an unknown outcome). @internal */
export type AuthCall = CallOptions & { unsafe?: boolean }

/** The answer the library can give by itself to challenge `name`, or undefined when the caller must. @internal */
export type Answerer = (client: CognitoClient, name: unknown, cp: Record<string, string>, user: string, f: Flow) => Promise<Record<string, string> | undefined> | undefined

/**
 * A flow for `username` on `client`: within it, the clock learns Cognito's offset from the `Date`
 * of each answer (when the client's clock is not given), as the `Cognito` class does across calls.
 * @internal
 */
export function flowOf(client: CognitoClient, username: string, o: FlowOptions, newSrp?: () => SrpState): Flow {
  o = optionsOf(o)
  // checked before any request: Cognito would refuse it only after the password proof was built
  assertStrings(o.clientMetadata, 'clientMetadata')
  assertStrings(o.userContextData, 'userContextData')
  return { ...o, username, deviceKey: o.device?.deviceKey, ...clockOf(client, o), newSrp: newSrp ?? (() => createSrpSession(configOf(client).rng)), answer: answerPassword }
}

/**
 * The clock and transport options of one call (a sign-in, a refresh): the clock learns Cognito's
 * offset from the `Date` of each answer, unless the client's clock is given.
 * @internal
 */
export function clockOf(client: CognitoClient, o: CallSignal): Pick<Flow, 'now' | 'call'> {
  const c = configOf(client)
  let skew = 0
  const call = callOf(o)
  if (!c.clockGiven) {
    call.onServerDate = (server, local) => {
      skew = skewOf(server, local)
      c.transport.onServerDate?.(server, local)
    }
  }
  return { now: () => c.now() + skew, call }
}

/**
 * A flow that answers everything the library can (device SRP and WebAuthn too, when given), for
 * the flow and challenge functions; `signIn` answers PASSWORD_VERIFIER only, so its bundle is smaller.
 * @internal
 */
export function fullFlowOf(client: CognitoClient, username: string, o: FlowOptions, newSrp?: () => SrpState): Flow {
  const f: Flow = { ...flowOf(client, username, o, newSrp), answer: answerAny }
  // checked before any request: a wrong shape would only show as a failed proof or a crash mid-sign-in
  const { device: d, srp } = f
  if (d !== undefined && !(isObj(d) && isStr(d.deviceKey) && isStr(d.deviceGroupKey) && isStr(d.devicePassword))) throw argError('"device" must be the credentials confirmDevice() returned')
  if (srp !== undefined && !(typeof srp?.a === 'bigint' && typeof srp.A === 'bigint')) throw argError('"srp" must come from createSrpSession()')
  assertFn(f.deviceOf, 'deviceOf')
  assertFn(f.onDeviceGone, 'onDeviceGone')
  assertFn(f.webauthn, 'webauthn')
  return f
}

/** `ChallengeParameters` as a string map (non-strings dropped). */
export function paramsOf(resp: Record<string, unknown>): Record<string, string> {
  const cp = resp['ChallengeParameters']
  return Object.fromEntries(isObj(cp) ? Object.entries(cp).filter((e) => typeof e[1] == 'string') : []) as Record<string, string>
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

/** The tokens of a response that must carry them (refresh), or a ResponseError. */
export function resultOf(resp: Record<string, unknown>, now: number): AuthResult {
  const r = resp['AuthenticationResult']
  if (!isObj(r)) throw new ResponseError('no AuthenticationResult')
  return tokensOf(r, now)
}

/**
 * Read a sign-in answer: its tokens, or its challenge (USERNAME from the parameters, else the
 * flow's names), or a ResponseError when it carries neither.
 */
export function stepOf(resp: Record<string, unknown>, f: Pick<Flow, 'username' | 'user' | 'now'>): AuthStep {
  const result = resp['AuthenticationResult']
  if (isObj(result)) return { tokens: tokensOf(result, f.now()), username: f.user }
  const name = resp['ChallengeName']
  if (!isStr(name)) throw new ResponseError('no AuthenticationResult or ChallengeName')
  const parameters = paramsOf(resp)
  const available = resp['AvailableChallenges']
  return {
    challenge: {
      name,
      parameters,
      session: isStr(resp['Session']) ? resp['Session'] : undefined,
      username: parameters['USERNAME'] ?? parameters['USER_ID_FOR_SRP'] ?? f.user ?? f.username,
      availableChallenges: Array.isArray(available) ? available.filter(isStr) : undefined,
    },
    response: resp,
  }
}

/** AuthParameters / ChallengeResponses with USERNAME, SECRET_HASH and DEVICE_KEY added. */
async function withUser(client: CognitoClient, username: string, p: Record<string, string>, deviceKey: string | undefined): Promise<Record<string, string>> {
  const out: Record<string, string> = { USERNAME: username, ...p }
  const h = await secretHashFor(client, username)
  if (h) out['SECRET_HASH'] = h
  if (deviceKey) out['DEVICE_KEY'] = deviceKey
  return out
}

/**
 * Send InitiateAuth / RespondToAuthChallenge for the client (with its `ClientId`), ignoring any
 * sender the client routes them through: the default that routing falls back to.
 */
export function sendAuth(client: CognitoClient, operation: 'InitiateAuth' | 'RespondToAuthChallenge', input: Record<string, unknown>, call: AuthCall = {}): Promise<Record<string, unknown>> {
  return request(client, operation, { ClientId: client.clientId, ...input }, call, unsafeAuth(operation, call))
}

/**
 * Whether a sign-in request must not be repeated after an unknown outcome: answering a challenge
 * consumes the Session, and the flow marks the starts that send a password or a code. An explicit
 * boolean, so that a sender with a list of its own (the admin client's) takes the flow's word.
 * @internal
 */
export const unsafeAuth = (operation: string, call: AuthCall): boolean => operation === 'RespondToAuthChallenge' || !!call.unsafe

/** Send InitiateAuth / RespondToAuthChallenge the way the client routes them (see {@link AuthSender}). */
export const routeAuth = (client: CognitoClient, operation: 'InitiateAuth' | 'RespondToAuthChallenge', input: Record<string, unknown>, call: CallOptions): Promise<Record<string, unknown>> =>
  (configOf(client).auth ?? ((op, i, c) => sendAuth(client, op, i, c)))(operation, input, call)

/** Start `authFlow` with InitiateAuth and run the loop. */
export async function initiate(client: CognitoClient, authFlow: string, params: Record<string, string>, f: Flow, session?: string): Promise<AuthStep> {
  const input = async (): Promise<Record<string, unknown>> => ({ AuthFlow: authFlow, AuthParameters: await withUser(client, f.username, params, f.deviceKey), ClientMetadata: f.clientMetadata, UserContextData: f.userContextData, Session: session })
  return loop(client, await sendStep(client, 'InitiateAuth', input, f), f)
}

/** Answer challenge `name` as `f.user` with `answer`, then run the loop. */
export async function respond(client: CognitoClient, name: string, answer: Record<string, string>, session: string | undefined, f: Flow): Promise<AuthStep> {
  return loop(client, await answerOnce(client, name, answer, session, f), f)
}

/** One RespondToAuthChallenge; an expired Session becomes {@link ExpiredSessionError}. */
const answerOnce = (client: CognitoClient, name: string, answer: Record<string, string>, session: string | undefined, f: Flow): Promise<Record<string, unknown>> =>
  withSession(sendStep(client, 'RespondToAuthChallenge', async () => ({ ChallengeName: name, ChallengeResponses: await withUser(client, f.user ?? f.username, answer, f.deviceKey), Session: session, ClientMetadata: f.clientMetadata, UserContextData: f.userContextData }), f))

/**
 * Send one sign-in request, built by `input` with the flow's DEVICE_KEY. A remembered device
 * forgotten elsewhere (another browser, an administrator) is refused with
 * ResourceNotFoundException "Device does not exist." before Cognito acts on the request: it is
 * sent once more without the DEVICE_KEY, and the sign-in goes on without the device (a
 * device-tracking pool then offers a new one as `newDevice`). The flow's `onDeviceGone` is told.
 */
async function sendStep(client: CognitoClient, operation: 'InitiateAuth' | 'RespondToAuthChallenge', input: () => Promise<Record<string, unknown>>, f: Flow): Promise<Record<string, unknown>> {
  try {
    return await routeAuth(client, operation, await input(), f.call)
  } catch (e) {
    if (!(f.deviceKey && (e as Error).name == 'ResourceNotFoundException' && /device/i.test((e as Error).message))) throw e
    f.deviceKey = undefined
    f.onDeviceGone?.()
    return routeAuth(client, operation, await input(), f.call)
  }
}

/**
 * The answer to a request sent with a challenge's Session (RespondToAuthChallenge, and
 * AssociateSoftwareToken / VerifySoftwareToken during MFA_SETUP): an expired or used Session
 * becomes {@link ExpiredSessionError}.
 * @internal
 */
export async function withSession<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer
  } catch (e) {
    // Cognito says "Invalid session for the user[, session is expired]." (NotAuthorizedException)
    if (e instanceof NotAuthorizedException && /session/i.test(e.message)) {
      throw new ExpiredSessionError('session expired: sign in again', { cause: e, status: e.status, requestId: e.requestId })
    }
    throw e
  }
}

/**
 * Answer PASSWORD_VERIFIER (prefix = pool name, id = USER_ID_FOR_SRP, secret = password) or
 * DEVICE_PASSWORD_VERIFIER (prefix = DeviceGroupKey, id = DeviceKey, secret = device password).
 * @throws {SrpError} unsafe or malformed server values
 */
export async function srpAnswer(cp: Record<string, string>, s: SrpState, prefix: string, id: string, secret: string, date: Date): Promise<Record<string, string>> {
  const need = (key: string): string => {
    const v = cp[key]
    if (!isStr(v)) throw new ResponseError(`ChallengeParameters lacks ${key}`)
    return v
  }
  const secretBlock = need('SECRET_BLOCK')
  const { signature, timestamp } = await passwordVerifier({ a: s.a, A: s.A, srpB: need('SRP_B'), salt: need('SALT'), secretBlock, prefix, id, secret, date })
  return { PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp }
}

/** PASSWORD_VERIFIER, with the password of this call; a verifier challenge with no SRP_A sent is a protocol violation. */
const answerPassword: Answerer = (client, name, cp, user, f) => {
  // SRP verifier challenges only ever answer our own SRP_A: anything else is a protocol violation
  if ((name === 'PASSWORD_VERIFIER' || name === 'DEVICE_PASSWORD_VERIFIER') && !f.srp) {
    throw new ResponseError(`${name} challenge in answer to a request that sent no SRP_A`)
  }
  // (f.srp is set here: a PASSWORD_VERIFIER without it has thrown above)
  if (name === 'PASSWORD_VERIFIER' && f.password !== undefined) {
    return srpAnswer(cp, f.srp!, poolNameOf(client.userPoolId), cp['USER_ID_FOR_SRP'] ?? user, f.password, new Date(f.now()))
  }
  return undefined
}

/**
 * The CREDENTIAL answer: an AuthenticationResponseJSON object serialised, a non-empty string sent
 * as it is (the JSON already).
 * @throws {ArgumentError} anything else, naming `name`: `undefined` from a passkey function would
 *   send no CREDENTIAL at all, and Cognito would refuse `null`, an array or a number only after the
 *   challenge's Session was spent
 * @internal
 */
export const credentialOf = (c: unknown, name: string): string => (isObj(c) ? JSON.stringify(c) : (assertStr(c, name), c))

/** Every answer the library gives by itself: the password's, device SRP with the flow's device, WEB_AUTHN with its function. */
const answerAny: Answerer = async (client, name, cp, user, f) => {
  if ((name === 'PASSWORD_VERIFIER' || name === 'DEVICE_SRP_AUTH') && !f.device && f.deviceOf) {
    // Cognito has named the user: the device stored under that name, sent with the password's proof
    // (or, when a challenge function answered the step before, with the device's own)
    f.device = f.deviceOf(user)
    f.deviceKey = f.device?.deviceKey
  }
  const dev = f.device
  if (name === 'DEVICE_SRP_AUTH' && dev) {
    // a fresh private value for the device exchange, never the user's
    f.srp = f.newSrp()
    return { SRP_A: f.srp.A.toString(16) }
  }
  if (name === 'DEVICE_PASSWORD_VERIFIER' && dev && f.srp) {
    return srpAnswer(cp, f.srp, dev.deviceGroupKey, dev.deviceKey, dev.devicePassword, new Date(f.now()))
  }
  if (name === 'WEB_AUTHN' && f.webauthn) {
    let options: unknown, cause: unknown
    try {
      options = JSON.parse(cp['CREDENTIAL_REQUEST_OPTIONS'] ?? '')
    } catch (e) {
      cause = e
    }
    // the passkey function is promised an object (PublicKeyCredentialRequestOptionsJSON)
    if (!isObj(options)) throw new ResponseError('bad CREDENTIAL_REQUEST_OPTIONS', { cause })
    return { CREDENTIAL: credentialOf(await f.webauthn(options), "webauthn's credential") }
  }
  return answerPassword(client, name, cp, user, f)
}

/** Answer what the library can answer until tokens arrive or a challenge needs the caller. */
async function loop(client: CognitoClient, resp: Record<string, unknown>, f: Flow): Promise<AuthStep> {
  const answered: unknown[] = []
  while (!resp['AuthenticationResult']) {
    const name = resp['ChallengeName']
    // each of these comes once, in answer to the request before it: again, in answer to our own
    // answer, the server would have us prove (or ask the passkey) without end
    if (answered.includes(name)) throw new ResponseError(`${name} challenge repeated`)
    const cp = paramsOf(resp)
    const user = cp['USERNAME'] ?? cp['USER_ID_FOR_SRP'] ?? f.user ?? f.username
    const answer = await f.answer(client, name, cp, user, f)
    if (!answer) break
    answered.push(name)
    f.user = user
    resp = await answerOnce(client, name as string, answer, isStr(resp['Session']) ? resp['Session'] : undefined, f)
  }
  return stepOf(resp, f)
}

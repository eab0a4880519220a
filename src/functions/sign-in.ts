/**
 * Starting a sign-in, as functions: {@link authenticate} (SRP, password or custom auth with an SRP
 * password check), {@link customAuth}, {@link userAuth} (choice-based), and {@link signIn}, the
 * one-call SRP login that returns tokens or throws. Each returns an {@link AuthStep}: tokens, or
 * the challenge to answer with the functions of `challenges.ts`.
 * @module
 */
import { createClient, type ClientOptions, type CognitoClient } from '../client.ts'
import { argError, assertFn, assertOptStr, assertStr, ChallengeError, need, optionsOf } from '../errors.ts'
import { flowOf, fullFlowOf, initiate, type AuthResult, type AuthStep, type Flow, type FlowOptions, type SrpState } from './auth-flow.ts'

/** Input of {@link authenticate}. */
export interface AuthenticateInput extends FlowOptions {
  /** The name the user signs in with (username, or an email / phone alias). */
  username: string
  /** The password (for SRP flows it never leaves the device). */
  password: string
  /**
   * `USER_SRP_AUTH` (default: the password never leaves the device), `USER_PASSWORD_AUTH`, or
   * `CUSTOM_AUTH` (custom challenges after an SRP password check).
   */
  flow?: 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH' | 'CUSTOM_AUTH' | undefined
}

/** The flows {@link authenticate} knows. */
const FLOWS = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH']

/**
 * Sign in with the password: SRP by default (USER_SRP_AUTH → PASSWORD_VERIFIER), USER_PASSWORD_AUTH,
 * or CUSTOM_AUTH with an SRP password check first. Device SRP follows automatically when `device`
 * is given.
 * @returns the tokens, or the challenge Cognito asks for next (MFA, new password, …)
 * @throws {NotAuthorizedException} wrong password; {@link UserNotFoundException} unknown user
 * @throws {SrpError} the server's SRP values failed a safety check
 * @example
 * ```ts
 * const step = await authenticate(client, { username: 'alice', password })
 * if (step.challenge) console.log('Cognito asks for', step.challenge.name)
 * else console.log(step.tokens.idToken)
 * ```
 */
export async function authenticate(client: CognitoClient, input: AuthenticateInput, newSrp?: () => SrpState): Promise<AuthStep> {
  input = optionsOf(input, 'input')
  const { username, password, flow = 'USER_SRP_AUTH' } = input
  assertStr(password, 'password')
  if (!FLOWS.includes(flow)) throw argError('"flow" is not supported', 1)
  assertStr(username, 'username')
  const f = fullFlowOf(client, username, input, newSrp)
  // never repeated: the password is checked at once, so a user with SMS or email MFA is sent a code
  // (and a wrong password counts towards the lockout) before an answer that may be lost
  if (flow === 'USER_PASSWORD_AUTH') return (f.call.unsafe = true), initiate(client, flow, { PASSWORD: password }, f)
  const params = srpStart(f)
  if (flow === 'CUSTOM_AUTH') params['CHALLENGE_NAME'] = 'SRP_A'
  return initiate(client, flow, params, f)
}

/** SRP_A of the flow's prepared session, or of a fresh one. */
function srpStart(f: Flow): Record<string, string> {
  // the globals the SRP answer will use (HMAC and SHA-256, the SECRET_BLOCK's base64 both ways,
  // UTF-8), looked up before InitiateAuth is sent: a runtime that lacks one (React Native without
  // a WebCrypto polyfill, an http: page) is told so, and nothing is sent
  need('crypto.subtle'), need('atob'), need('btoa'), need('TextEncoder')
  f.srp ??= f.newSrp()
  return { SRP_A: f.srp.A.toString(16) }
}

/** Input of {@link customAuth}. */
export interface CustomAuthInput extends Omit<FlowOptions, 'password' | 'srp'> {
  /** The name the user signs in with. */
  username: string
}

/**
 * CUSTOM_AUTH without a password: Cognito's Lambda triggers issue CUSTOM_CHALLENGEs, answered with
 * `respondToCustomChallenge`. (With an SRP password check first: `authenticate` with `flow: 'CUSTOM_AUTH'`.)
 */
export async function customAuth(client: CognitoClient, input: CustomAuthInput, newSrp?: () => SrpState): Promise<AuthStep> {
  input = optionsOf(input, 'input')
  assertStr(input.username, 'username')
  const f = fullFlowOf(client, input.username, input, newSrp)
  // the first custom challenge is created (its code typically sent) by the trigger at once: never repeated
  f.call.unsafe = true
  return initiate(client, 'CUSTOM_AUTH', {}, f)
}

/** Choice-based sign-in answers (USER_AUTH). */
export type UserAuthChallenge = 'PASSWORD' | 'PASSWORD_SRP' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN'

/** Input of {@link userAuth}. */
export interface UserAuthInput extends FlowOptions {
  /** The name the user signs in with. */
  username: string
  /** Start this challenge directly when the user can use it (PASSWORD and PASSWORD_SRP need `password`). */
  preferred?: UserAuthChallenge | undefined
  /** The Session of SignUp / ConfirmSignUp, to sign in right after sign-up without a password. */
  session?: string | undefined
}

/**
 * The extra parameters of a USER_AUTH choice (PASSWORD / SRP_A), checked: the same rule for the
 * first request (`PREFERRED_CHALLENGE`, any challenge the library supports) and for an answer to
 * SELECT_CHALLENGE (one of those Cognito `offered`, when the challenge lists them).
 * @internal
 */
export function choiceParams(choice: string, f: Flow, offered: unknown = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']): Record<string, string> {
  // (a saved challenge's list is outside data: a value without `includes` matches nothing)
  if (!(offered as string[]).includes?.(choice)) throw argError(`"challenge" must be one of ${offered}`, 1)
  if (!choice.startsWith('PASSWORD')) return {}
  assertStr(f.password, 'password')
  return choice === 'PASSWORD' ? { PASSWORD: f.password } : srpStart(f)
}

/**
 * Choice-based sign-in (USER_AUTH). With `preferred`, Cognito starts that challenge directly when
 * the user can use it; otherwise it answers SELECT_CHALLENGE (with `availableChallenges`), answered
 * with `selectChallenge`.
 * @example
 * ```ts
 * const step = await userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: (opts) => getPasskeyAssertion(opts) })
 * ```
 */
export async function userAuth(client: CognitoClient, input: UserAuthInput, newSrp?: () => SrpState): Promise<AuthStep> {
  input = optionsOf(input, 'input')
  assertStr(input.username, 'username')
  assertOptStr(input.session, 'session')
  const f = fullFlowOf(client, input.username, input, newSrp)
  const { preferred } = input
  const params = preferred ? { PREFERRED_CHALLENGE: preferred, ...choiceParams(preferred, f) } : {}
  // never repeated: preferring a one-time code makes Cognito send it (email or paid SMS) at once,
  // as does a PASSWORD for a user with MFA, and the Session of ConfirmSignUp can be used only once
  if (preferred?.endsWith('_OTP') || preferred === 'PASSWORD' || input.session !== undefined) f.call.unsafe = true
  return initiate(client, 'USER_AUTH', params, f, input.session)
}

/** Options of {@link signIn}: a client's options and the user's credentials in one object. */
export interface SignInOptions extends ClientOptions {
  /** The name the user signs in with (username or alias). */
  username: string
  /** The password: used for the SRP proof only, never sent. */
  password: string
  /** A remembered device's key (sent as DEVICE_KEY). Device SRP needs `authenticate` with `device`. */
  deviceKey?: string | undefined
  /** Passed to Lambda triggers. */
  clientMetadata?: Record<string, string> | undefined
  /** Sent as `UserContextData` for threat protection (see `UserContextOptions`). */
  userContextData?: FlowOptions['userContextData']
  /** Called when Cognito refuses `deviceKey` as a device it no longer knows (see `FlowOptions`). */
  onDeviceGone?: FlowOptions['onDeviceGone']
}

/**
 * Sign in with USER_SRP_AUTH (the password never leaves the device) and return the tokens: the
 * smallest way to log a user in, in one call.
 * @throws {ChallengeError} when Cognito asks for anything more (MFA, new password, …): answer it
 *   with `authenticate` and the `respondTo…` functions, or with the `Cognito` class
 * @throws {NotAuthorizedException} wrong password; {@link UserNotFoundException} unknown user
 * @example
 * ```ts
 * const tokens = await signIn({ userPoolId: 'us-east-1_AbC', clientId: '1example', username: 'alice', password })
 * ```
 */
export async function signIn(options: SignInOptions): Promise<AuthResult> {
  const { username, password, deviceKey, clientMetadata, userContextData, onDeviceGone, ...config } = optionsOf(options)
  assertStr(username, 'username')
  assertStr(password, 'password')
  assertOptStr(deviceKey, 'deviceKey')
  assertFn(onDeviceGone, 'onDeviceGone')
  const client = createClient(config)
  const f = flowOf(client, username, { password, clientMetadata, userContextData, onDeviceGone })
  f.deviceKey = deviceKey
  const step = await initiate(client, 'USER_SRP_AUTH', srpStart(f), f)
  if (step.tokens) return step.tokens
  const c = step.challenge
  throw new ChallengeError(c.name, c.parameters, c.session, c.availableChallenges)
}

/**
 * Signing in at the local pool: InitiateAuth and AdminInitiateAuth in every flow (SRP, plain
 * password, CUSTOM_AUTH, USER_AUTH with its first factors, refresh), and what follows a proven
 * first factor: a new password, MFA, the device's own proof, then the tokens. Also
 * GetUserAuthFactors and its Admin twin, which list the first factors a user has.
 * @module
 */
import { allowFlow, checkSecretHash } from './clients.ts'
import { decoyUserAuth } from './decoys.ts'
import { deviceForSignIn, refuseForgottenDevice } from './devices.ts'
import { checkPassword, preAuth, refuseDisabled, signedIn, unknownNamePassword } from './lockout.ts'
import { deliveryParams, send } from './messages.ts'
import { enabledMfa, mfaApplies, mfaChallenge } from './mfa.ts'
import { startSrp } from './srp-exchange.ts'
import { adminUser, checkPool, code6, findUser, getClient, INCORRECT, missing, strMap, type Client, type Flow, type In, type Operations, type PoolState, type User } from './state.ts'
import { authAccess, issueTokens, newSession, refreshFlow, takeSession } from './tokens.ts'
import { mfaFields } from './users.ts'
import { passkeyChallenge, passkeyOffered } from './webauthn.ts'
import { fail } from './wire.ts'

/** Tokens for a completed sign-in: new origin_jti, refresh token, device metadata; the flow's Sessions end. */
async function completeSignIn(s: PoolState, flow: Flow): Promise<Record<string, unknown>> {
  const u = flow.user
  const client = flow.client
  for (const sid of flow.sids ?? []) s.sessions.delete(sid)
  const { deviceKey, newDevice } = deviceForSignIn(s, flow)
  const result = await issueTokens(s, u, client, deviceKey)
  signedIn(s, u.lockout)
  return {
    ChallengeParameters: {},
    AuthenticationResult: { ...result, ...(newDevice ? { NewDeviceMetadata: newDevice } : {}) },
  }
}

function unknownUser(client: Client): never {
  if (client.preventUserExistenceErrors === 'LEGACY') fail('UserNotFoundException', 'User does not exist.')
  fail('NotAuthorizedException', INCORRECT)
}

async function passwordAuth(s: PoolState, flow: Flow, password: string): Promise<Record<string, unknown>> {
  refuseForgottenDevice(flow.user, flow.deviceKey)
  await checkPassword(s, flow.user, password)
  return afterPassword(s, flow)
}

export function afterPassword(s: PoolState, flow: Flow): Promise<Record<string, unknown>> {
  const u = flow.user
  if (u.status === 'FORCE_CHANGE_PASSWORD' && s.now() - u.tempPasswordSet > s.policy.temporaryPasswordValidityDays * 86400_000) {
    fail('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.')
  }
  // the failure count starts again only with tokens (completeSignIn), not at the right password:
  // wrong MFA codes count too, and a new sign-in must not buy more guesses (lockout.ts)
  return next(s, flow)
}

/** After the first factor: new password, MFA, device SRP, then tokens. */
export async function next(s: PoolState, flow: Flow): Promise<Record<string, unknown>> {
  const u = flow.user
  refuseDisabled(u)
  if (u.status === 'FORCE_CHANGE_PASSWORD') {
    const attrs = Object.fromEntries([...u.attributes].filter(([k]) => k !== 'sub'))
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ChallengeParameters: { USER_ID_FOR_SRP: u.username, requiredAttributes: '[]', userAttributes: JSON.stringify(attrs) },
      Session: newSession(s, flow, 'NEW_PASSWORD_REQUIRED'),
    }
  }
  if (u.status === 'UNCONFIRMED') fail('UserNotConfirmedException', 'User is not confirmed.')
  // a known, confirmed device: remembered devices skip MFA; the device proves itself last
  const device = flow.deviceKey ? u.devices.get(flow.deviceKey) : undefined
  const known = device?.verifier !== undefined
  if (!flow.skipMfa && !(known && device?.remembered)) {
    const list = enabledMfa(s, u)
    if (list.length === 0 && s.mfaMode === 'ON') {
      return {
        ChallengeName: 'MFA_SETUP',
        // an authenticator app (AssociateSoftwareToken with the Session), or email MFA (answer with EMAIL)
        ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]', USER_ID_FOR_SRP: u.username },
        Session: newSession(s, flow, 'MFA_SETUP'),
      }
    }
    if (list.length) {
      flow.skipMfa = true
      const pick = u.preferred && list.includes(u.preferred) ? u.preferred : list.length === 1 ? list[0] : undefined
      if (pick) return mfaChallenge(s, flow, pick)
      return {
        ChallengeName: 'SELECT_MFA_TYPE',
        ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(list), USER_ID_FOR_SRP: u.username },
        Session: newSession(s, flow, 'SELECT_MFA_TYPE'),
      }
    }
  }
  if (known && !flow.deviceDone) {
    return {
      ChallengeName: 'DEVICE_SRP_AUTH',
      ChallengeParameters: { USERNAME: u.username },
      Session: newSession(s, flow, 'DEVICE_SRP_AUTH'),
    }
  }
  return completeSignIn(s, flow)
}

/** The first factors USER_AUTH offers the user: those the pool allows that the user has (a passkey: see webauthn.ts). */
function userAuthChallenges(s: PoolState, u: User): string[] {
  const out: string[] = []
  if (s.firstFactors.includes('PASSWORD') && u.verifier) out.push('PASSWORD', 'PASSWORD_SRP')
  // one-time codes are passwordless: not for a user MFA applies to (mfa.ts)
  const otp = !mfaApplies(s, u)
  if (otp && s.firstFactors.includes('EMAIL_OTP') && u.attributes.get('email')) out.push('EMAIL_OTP')
  if (otp && s.firstFactors.includes('SMS_OTP') && u.attributes.get('phone_number')) out.push('SMS_OTP')
  if (passkeyOffered(s, u)) out.push('WEB_AUTHN')
  return out
}

/**
 * GetUserAuthFactors / AdminGetUserAuthFactors: the MFA fields of GetUser and
 * ConfiguredUserAuthFactors, "The authentication types that are available to the user with
 * USER_AUTH sign-in" (API reference), i.e. what USER_AUTH offers, PASSWORD_SRP being PASSWORD.
 */
function authFactors(s: PoolState, u: User): Record<string, unknown> {
  const factors = userAuthChallenges(s, u).filter((c) => c !== 'PASSWORD_SRP')
  return { Username: u.username, ...mfaFields(u), ConfiguredUserAuthFactors: factors }
}

export async function chooseFirstFactor(s: PoolState, flow: Flow, answer: string, p: Record<string, string>): Promise<Record<string, unknown>> {
  const u = flow.user
  if (!userAuthChallenges(s, u).includes(answer)) fail('InvalidParameterException', `The challenge ${answer} is not available for this user.`)
  if (answer === 'PASSWORD') return passwordAuth(s, flow, p['PASSWORD'] ?? missing('PASSWORD'))
  if (answer === 'PASSWORD_SRP') return startSrp(s, flow, u.username, p['SRP_A'], flow.client)
  if (answer === 'WEB_AUTHN') return passkeyChallenge(s, flow)
  const email = answer === 'EMAIL_OTP'
  const code = code6()
  const d = send(s, u, email ? 'EMAIL' : 'SMS', 'OTP', code)
  return { ChallengeName: answer, ChallengeParameters: deliveryParams(d), Session: newSession(s, flow, answer, { code }) }
}

export async function customRound(s: PoolState, flow: Flow): Promise<Record<string, unknown>> {
  const custom = flow.custom!
  const decision = await s.options.customAuth!({
    username: flow.user.username,
    attributes: Object.fromEntries(flow.user.attributes),
    results: [...custom.results],
    clientMetadata: flow.meta,
  })
  if ('issueTokens' in decision) return next(s, flow)
  if ('failAuthentication' in decision) fail('NotAuthorizedException', INCORRECT)
  custom.answer = decision.challenge.answer
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ChallengeParameters: { ...decision.challenge.parameters, USERNAME: flow.user.username },
    Session: newSession(s, flow, 'CUSTOM_CHALLENGE'),
  }
}

/** The flows only AdminInitiateAuth takes, and the flows that carry a plain PASSWORD. */
const ADMIN_FLOWS = ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']
const PASSWORD_FLOWS = ['USER_PASSWORD_AUTH', ...ADMIN_FLOWS]

async function initiate(s: PoolState, input: In, admin: boolean): Promise<Record<string, unknown>> {
  const client = getClient(s, input['ClientId'])
  const authFlow = String(input['AuthFlow'])
  const p = strMap(input['AuthParameters'])
  const meta = input['ClientMetadata'] === undefined ? undefined : strMap(input['ClientMetadata'])
  allowFlow(client, authFlow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : authFlow)
  if (authFlow === 'REFRESH_TOKEN_AUTH' || authFlow === 'REFRESH_TOKEN') {
    // "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation
    // enabled" (the developer guide): such a client has the flow disabled, and says so
    if (client.refreshTokenRotation?.enabled) fail('InvalidParameterException', 'REFRESH_TOKEN_AUTH flow not enabled for this client (it rotates refresh tokens: use GetTokensFromRefreshToken)')
    return refreshFlow(s, p, client)
  }
  if (ADMIN_FLOWS.includes(authFlow) !== admin && authFlow !== 'USER_SRP_AUTH' && authFlow !== 'CUSTOM_AUTH' && authFlow !== 'USER_AUTH') {
    fail('InvalidParameterException', `Initiate Auth method not supported.`)
  }
  const name = p['USERNAME'] ?? missing('USERNAME')
  await checkSecretHash(client, name, p['SECRET_HASH'])
  const u = findUser(s, name)
  if (!u && client.preventUserExistenceErrors !== 'LEGACY') {
    // hide that the user does not exist: a simulated SRP challenge, a password that fails like a
    // wrong one, or USER_AUTH's decoy challenges (decoys.ts)
    if (authFlow === 'USER_SRP_AUTH') return startSrp(s, undefined, name, p['SRP_A'], client)
    if (PASSWORD_FLOWS.includes(authFlow)) return unknownNamePassword(s, name, p['PASSWORD'] ?? missing('PASSWORD'))
    if (authFlow === 'USER_AUTH') return decoyUserAuth(s, client, name, p, input['Session'])
  }
  if (!u) unknownUser(client)
  preAuth(u, client.preventUserExistenceErrors !== 'LEGACY' && (authFlow === 'USER_SRP_AUTH' || PASSWORD_FLOWS.includes(authFlow)))
  const flow: Flow = { user: u, client, admin, deviceKey: p['DEVICE_KEY'], meta }
  switch (authFlow) {
    case 'USER_SRP_AUTH':
      return startSrp(s, flow, u.username, p['SRP_A'], client)
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordAuth(s, flow, p['PASSWORD'] ?? missing('PASSWORD'))
    case 'CUSTOM_AUTH':
      if (!s.options.customAuth) fail('InvalidParameterException', 'Custom auth lambda trigger is not configured for the user pool.')
      flow.custom = { results: [], answer: '' }
      // CUSTOM_AUTH with an SRP password check first (CHALLENGE_NAME SRP_A)
      if (p['SRP_A'] !== undefined) return startSrp(s, flow, u.username, p['SRP_A'], client)
      return customRound(s, flow)
    case 'USER_AUTH': {
      // a Session from ConfirmSignUp signs the new user in without a password
      if (input['Session'] !== undefined) {
        const signedUp = takeSession(s, input['Session'], ['SIGNED_UP'], client)
        if (signedUp.flow.user !== u) fail('NotAuthorizedException', 'Invalid session for the user.')
        signedUp.expect = ''
        return completeSignIn(s, flow)
      }
      const available = userAuthChallenges(s, u)
      const preferred = p['PREFERRED_CHALLENGE']
      if (preferred && available.includes(preferred)) return chooseFirstFactor(s, flow, preferred, p)
      return {
        ChallengeName: 'SELECT_CHALLENGE',
        ChallengeParameters: {},
        Session: newSession(s, flow, 'SELECT_CHALLENGE'),
        AvailableChallenges: available,
      }
    }
    default:
      return fail('InvalidParameterException', `Initiate Auth method not supported.`)
  }
}

/** InitiateAuth and AdminInitiateAuth, and the factors a user can sign in with. */
export function signInOperations(s: PoolState): Operations {
  return {
    InitiateAuth: (input) => initiate(s, input, false),
    AdminInitiateAuth: (input) => (checkPool(s, input['UserPoolId']), initiate(s, input, true)),
    GetUserAuthFactors: async (input) => authFactors(s, (await authAccess(s, input['AccessToken'])).u),
    AdminGetUserAuthFactors: (input) => authFactors(s, adminUser(s, input)),
  }
}

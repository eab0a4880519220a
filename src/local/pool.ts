/**
 * An in-memory Cognito user pool that speaks Cognito's wire protocol, verifies SRP for real and
 * issues real RS256 tokens. Portable: web globals only (fetch types, WebCrypto, BigInt).
 * @module
 */
import { bytesToBig, toBase64, toBase64Url } from '../lib/bytes.ts'
import { randomBytes } from '../lib/webcrypto.ts'
import { N } from '../srp.ts'
import { TARGET_PREFIX } from '../transport.ts'
import {
  checkVerifier,
  expectedSignature,
  parseTimestamp,
  safeEqual,
  serverEphemeral,
  stableHex,
  totpStep,
  verifySigV4,
} from './crypto.ts'
import { allowFlow, checkSecretHash, clientOperations, publicCaller } from './clients.ts'
import { checkCode, lastCode, maskEmail, send, sendCode, sendVerify, unknownUserCode } from './messages.ts'
import { deviceForSignIn, deviceOperations } from './devices.ts'
import { enabledMfa, mfaChallenge, mfaOperations, setMfa, totpCode } from './mfa.ts'
import { OPS } from './model.gen.ts'
import { attrList, checkAttributes, checkPolicy, createUser, deleteAttributes, deleteUser, mfaFields, seedUser, setPassword, updateAttributes, userType, view } from './users.ts'
import { authAccess, groupsOf, issueTokens, jwks, newSession, refreshFlow, takeSession, tokenOperations } from './tokens.ts'
import { CORS, PoolError, badRequest, errorResponse, fail, ok, preflight, validateInput } from './wire.ts'
import type { CallRecord, CustomAuthDecision, CustomAuthHandler, FailNextOptions, LocalClientConfig, LocalPool, LocalPoolOptions, LocalUserSeed, LocalUserView, SentMessage } from './options.ts'
import {
  adminUser,
  attrRecord,
  checkPool,
  code6,
  createPoolState,
  findUser,
  getClient,
  INCORRECT,
  missing,
  page,
  strMap,
  sval,
  uuid,
  type Client,
  type Flow,
  type Handler,
  type In,
  type Mfa,
  type Srp,
  type User,
} from './state.ts'

export type { CallRecord, CustomAuthDecision, CustomAuthHandler, FailNextOptions, LocalClientConfig, LocalPool, LocalPoolOptions, LocalUserSeed, LocalUserView, SentMessage }


/**
 * Create an in-memory Cognito user pool.
 *
 * @param options - pool id, clients, users, clock, policies; every field optional
 * @returns the pool: `pool.fetch` is a fetch-compatible handler serving Cognito's API, the JWKS
 *   and the OpenID configuration; the other members are an admin API for tests
 * @example
 * ```ts
 * import { createLocalPool } from 'cognito-edge/local'
 * import { Cognito } from 'cognito-edge'
 *
 * const pool = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct-horse', attributes: { email: 'alice@example.com' } }] })
 * const alice = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch })
 * await alice.authenticate('Corr3ct-horse') // real SRP, verified by the pool
 * ```
 */
export function createLocalPool(options: LocalPoolOptions = {}): LocalPool {
  const s = createPoolState(options)
  const { poolId, region, poolName, issuer, now, policy, mfaMode, fakeKey, clients, users, groups, sessions, providers, srps, messages, calls, faults } = s
  const { maxPasswordAttempts: maxPw, lockoutMs: lockMs, timestampWindowMs: tsWindow, maxBodyBytes: maxBody } = s
  const { autoVerifiedAttributes: autoVerify, firstFactors } = s

  // ---- users













  // ---- clients and secrets








  // ---- tokens






  /** Tokens for a completed sign-in: new origin_jti, refresh token, device metadata. */
  async function signIn(flow: Flow): Promise<Record<string, unknown>> {
    const u = flow.user
    const client = flow.client
    for (const sid of flow.sids ?? []) sessions.delete(sid)
    const { deviceKey, newDevice } = deviceForSignIn(s, flow)
    const result = await issueTokens(s, u, client, deviceKey)
    u.failures = 0
    return {
      ChallengeParameters: {},
      AuthenticationResult: { ...result, ...(newDevice ? { NewDeviceMetadata: newDevice } : {}) },
    }
  }





  // ---- auth flows



  function checkLock(u: User): void {
    if (u.lockedUntil > now()) fail('NotAuthorizedException', 'Password attempts exceeded')
  }

  function badPassword(u: User): never {
    u.failures++
    if (u.failures >= maxPw) {
      u.failures = 0
      u.lockedUntil = now() + lockMs
      fail('NotAuthorizedException', 'Password attempts exceeded')
    }
    fail('NotAuthorizedException', INCORRECT)
  }

  function unknownUser(client: Client): never {
    if (client.preventUserExistenceErrors === 'LEGACY') fail('UserNotFoundException', 'User does not exist.')
    fail('NotAuthorizedException', INCORRECT)
  }

  /** Checks before any password is looked at. */
  function preAuth(u: User): void {
    if (!u.enabled) fail('NotAuthorizedException', 'User is disabled.')
    if (u.status === 'RESET_REQUIRED') fail('PasswordResetRequiredException', 'Password reset required for the user')
  }

  async function passwordAuth(flow: Flow, password: string): Promise<Record<string, unknown>> {
    const u = flow.user
    checkLock(u)
    if (!u.verifier || !(await checkVerifier(u.verifier, poolName, u.username, password))) badPassword(u)
    return afterPassword(flow)
  }

  function afterPassword(flow: Flow): Promise<Record<string, unknown>> {
    const u = flow.user
    if (u.status === 'FORCE_CHANGE_PASSWORD' && policy.temporaryPasswordValidityDays > 0 && now() - u.tempPasswordSet > policy.temporaryPasswordValidityDays * 86400_000) {
      fail('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.')
    }
    u.failures = 0
    return next(flow)
  }

  /** The server's half of an SRP exchange: B (hex) and the single-use SECRET_BLOCK that names it for 5 minutes. */
  function serverSrp(s: Omit<Srp, 'eph' | 'expires'>): { B: string; block: string } {
    const eph = serverEphemeral(s.v)
    const block = toBase64(randomBytes(128))
    srps.set(block, { ...s, eph, expires: now() + 300_000 })
    return { B: eph.B.toString(16), block }
  }

  function srpChallenge(flow: Flow | undefined, A: bigint, v: bigint, salt: string, name: string, clientId: string): Record<string, unknown> {
    const { B, block } = serverSrp({ flow, kind: 'user', A, v, prefix: poolName, id: name, clientId })
    return {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeParameters: { SALT: salt, SECRET_BLOCK: block, SRP_B: B, USERNAME: name, USER_ID_FOR_SRP: name },
    }
  }

  function parseA(hex: unknown): bigint {
    if (typeof hex !== 'string') return missing('SRP_A')
    if (!/^[0-9a-fA-F]{1,1024}$/.test(hex)) fail('InvalidParameterException', 'SRP_A is not a valid hex string')
    const A = BigInt('0x' + hex)
    if (A % N === 0n) fail('InvalidParameterException', 'SRP_A mod N cannot be 0')
    return A
  }

  async function startSrp(flow: Flow | undefined, name: string, srpA: unknown, client: Client): Promise<Record<string, unknown>> {
    const A = parseA(srpA)
    if (!flow) {
      // PreventUserExistenceErrors: a simulated challenge with a stable salt; it can only fail
      const salt = await stableHex(fakeKey, name.toLowerCase())
      return srpChallenge(undefined, A, bytesToBig(randomBytes(384)) % N, salt, name, client.clientId)
    }
    const u = flow.user
    if (!u.verifier) fail('NotAuthorizedException', INCORRECT)
    return srpChallenge(flow, A, u.verifier.v, u.verifier.salt.toString(16), u.username, client.clientId)
  }

  async function verifySrp(cr: Record<string, string>, kind: 'user' | 'device', client: Client): Promise<Srp> {
    const block = cr['PASSWORD_CLAIM_SECRET_BLOCK'] ?? missing('PASSWORD_CLAIM_SECRET_BLOCK')
    const signature = cr['PASSWORD_CLAIM_SIGNATURE'] ?? missing('PASSWORD_CLAIM_SIGNATURE')
    const timestamp = cr['TIMESTAMP'] ?? missing('TIMESTAMP')
    const srp = srps.get(block)
    if (!srp || srp.kind !== kind || srp.clientId !== client.clientId || srp.expires < now()) fail('NotAuthorizedException', INCORRECT)
    const ts = parseTimestamp(timestamp)
    if (ts === undefined) fail('InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.')
    if (kind === 'user' && srp.flow && cr['DEVICE_KEY'] && !srp.flow.user.devices.has(cr['DEVICE_KEY'])) {
      // checked before the SECRET_BLOCK is used up, so clients can retry without the key
      fail('ResourceNotFoundException', 'Device does not exist.')
    }
    srps.delete(block) // single use, whatever the outcome
    const u = srp.flow?.user
    if (u) {
      const named = findUser(s, cr['USERNAME'] ?? '')
      if (named !== u) fail('NotAuthorizedException', INCORRECT)
      preAuth(u) // disabled or reset since InitiateAuth
      checkLock(u)
    }
    const fresh = Math.abs(ts - now()) <= tsWindow
    const expected = await expectedSignature(srp.A, srp.eph, srp.v, srp.prefix, srp.id, block, timestamp)
    if (!fresh || !safeEqual(expected, signature)) {
      if (u && kind === 'user') badPassword(u)
      fail('NotAuthorizedException', INCORRECT)
    }
    return srp
  }



  /** After the first factor: new password, device SRP, MFA, then tokens. */
  async function next(flow: Flow): Promise<Record<string, unknown>> {
    const u = flow.user
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
      if (list.length === 0 && mfaMode === 'ON') {
        return {
          ChallengeName: 'MFA_SETUP',
          ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: u.username },
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
    return signIn(flow)
  }

  function userAuthChallenges(u: User): string[] {
    const out: string[] = []
    if (firstFactors.includes('PASSWORD') && u.verifier) out.push('PASSWORD', 'PASSWORD_SRP')
    if (firstFactors.includes('EMAIL_OTP') && u.attributes.get('email')) out.push('EMAIL_OTP')
    if (firstFactors.includes('SMS_OTP') && u.attributes.get('phone_number')) out.push('SMS_OTP')
    return out
  }

  async function chooseFirstFactor(flow: Flow, answer: string, p: Record<string, string>): Promise<Record<string, unknown>> {
    const u = flow.user
    if (!userAuthChallenges(u).includes(answer)) fail('InvalidParameterException', `The challenge ${answer} is not available for this user.`)
    if (answer === 'PASSWORD') return passwordAuth(flow, p['PASSWORD'] ?? missing('PASSWORD'))
    if (answer === 'PASSWORD_SRP') return startSrp(flow, u.username, p['SRP_A'], flow.client)
    const email = answer === 'EMAIL_OTP'
    const code = code6()
    const d = send(s, u, email ? 'EMAIL' : 'SMS', 'OTP', code)
    flow.skipMfa = true
    return {
      ChallengeName: answer,
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: d['DeliveryMedium']!, CODE_DELIVERY_DESTINATION: d['Destination']! },
      Session: newSession(s, flow, answer, { code }),
    }
  }

  async function customRound(flow: Flow): Promise<Record<string, unknown>> {
    const custom = flow.custom!
    const decision = await options.customAuth!({
      username: flow.user.username,
      attributes: Object.fromEntries(flow.user.attributes),
      results: [...custom.results],
      clientMetadata: flow.meta,
    })
    if ('issueTokens' in decision) {
      flow.skipMfa = false
      return next(flow)
    }
    if ('failAuthentication' in decision) fail('NotAuthorizedException', INCORRECT)
    custom.answer = decision.challenge.answer
    return {
      ChallengeName: 'CUSTOM_CHALLENGE',
      ChallengeParameters: { ...decision.challenge.parameters, USERNAME: flow.user.username },
      Session: newSession(s, flow, 'CUSTOM_CHALLENGE'),
    }
  }

  async function initiate(input: In, admin: boolean): Promise<Record<string, unknown>> {
    const client = getClient(s, input['ClientId'])
    const authFlow = String(input['AuthFlow'])
    const p = strMap(input['AuthParameters'])
    const meta = input['ClientMetadata'] === undefined ? undefined : strMap(input['ClientMetadata'])
    allowFlow(client, authFlow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : authFlow)
    if (authFlow === 'REFRESH_TOKEN_AUTH' || authFlow === 'REFRESH_TOKEN') return refreshFlow(s, p, client)
    const adminFlows = ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']
    if (adminFlows.includes(authFlow) !== admin && authFlow !== 'USER_SRP_AUTH' && authFlow !== 'CUSTOM_AUTH' && authFlow !== 'USER_AUTH') {
      fail('InvalidParameterException', `Initiate Auth method not supported.`)
    }
    const name = p['USERNAME'] ?? missing('USERNAME')
    await checkSecretHash(client, name, p['SECRET_HASH'])
    const u = findUser(s, name)
    if (authFlow === 'USER_SRP_AUTH' && !u && client.preventUserExistenceErrors !== 'LEGACY') return startSrp(undefined, name, p['SRP_A'], client)
    if (!u) unknownUser(client)
    preAuth(u)
    const flow: Flow = { user: u, client, admin, deviceKey: p['DEVICE_KEY'], meta }
    switch (authFlow) {
      case 'USER_SRP_AUTH':
        return startSrp(flow, u.username, p['SRP_A'], client)
      case 'USER_PASSWORD_AUTH':
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        return passwordAuth(flow, p['PASSWORD'] ?? missing('PASSWORD'))
      case 'CUSTOM_AUTH':
        if (!options.customAuth) fail('InvalidParameterException', 'Custom auth lambda trigger is not configured for the user pool.')
        flow.custom = { results: [], answer: '' }
        // CUSTOM_AUTH with an SRP password check first (CHALLENGE_NAME SRP_A)
        if (p['SRP_A'] !== undefined) return startSrp(flow, u.username, p['SRP_A'], client)
        return customRound(flow)
      case 'USER_AUTH': {
        // a Session from ConfirmSignUp signs the new user in without a password
        if (input['Session'] !== undefined) {
          const signedUp = takeSession(s, input['Session'], ['SIGNED_UP'], client)
          if (signedUp.flow.user !== u) fail('NotAuthorizedException', 'Invalid session for the user.')
          signedUp.expect = ''
          return signIn(flow)
        }
        const available = userAuthChallenges(u)
        const preferred = p['PREFERRED_CHALLENGE']
        if (preferred && available.includes(preferred)) return chooseFirstFactor(flow, preferred, p)
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

  async function respond(input: In): Promise<Record<string, unknown>> {
    const client = getClient(s, input['ClientId'])
    const name = String(input['ChallengeName'])
    const cr = strMap(input['ChallengeResponses'])
    const username = cr['USERNAME'] ?? missing('USERNAME')
    await checkSecretHash(client, username, cr['SECRET_HASH'])
    if (name === 'PASSWORD_VERIFIER') {
      const srp = await verifySrp(cr, 'user', client)
      const flow = srp.flow!
      flow.deviceKey = cr['DEVICE_KEY'] ?? flow.deviceKey
      if (flow.custom && flow.custom.results.length === 0 && !flow.custom.answer) return customRound(flow)
      return afterPassword(flow)
    }
    if (name === 'DEVICE_PASSWORD_VERIFIER') {
      const srp = await verifySrp(cr, 'device', client)
      const flow = srp.flow!
      flow.deviceDone = true
      return next(flow)
    }
    const sess = takeSession(s, input['Session'], [name], client)
    const flow = sess.flow
    if (findUser(s, username) !== flow.user) fail('NotAuthorizedException', INCORRECT)
    const u = flow.user
    const done = (): void => void (sess.expect = '')
    const badCode = (): never => {
      sess.failures++
      if (sess.failures >= 3) done()
      fail('CodeMismatchException', 'Invalid code or auth state for the user.')
    }
    switch (name) {
      case 'NEW_PASSWORD_REQUIRED': {
        const pw = cr['NEW_PASSWORD'] ?? missing('NEW_PASSWORD')
        checkPolicy(s, pw)
        const attrs: Record<string, string> = {}
        for (const [k, v] of Object.entries(cr)) if (k.startsWith('userAttributes.')) attrs[k.slice(15)] = v
        checkAttributes(attrs)
        done()
        for (const [k, v] of Object.entries(attrs)) u.attributes.set(k, v)
        await setPassword(s, u, pw)
        u.status = 'CONFIRMED'
        return next(flow)
      }
      case 'DEVICE_SRP_AUTH': {
        const key = cr['DEVICE_KEY'] ?? missing('DEVICE_KEY')
        const d = u.devices.get(key)
        if (!d?.verifier || key !== flow.deviceKey) fail('NotAuthorizedException', 'Cannot initiate DEVICE_SRP_AUTH flow without first authenticating')
        const A = parseA(cr['SRP_A'])
        done()
        const { B, block } = serverSrp({ flow, kind: 'device', A, v: d.verifier.v, prefix: d.groupKey, id: d.key, clientId: client.clientId })
        return {
          ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
          ChallengeParameters: { USERNAME: u.username, SALT: d.verifier.salt.toString(16), SRP_B: B, SECRET_BLOCK: block },
          Session: newSession(s, flow, 'DEVICE_PASSWORD_VERIFIER'),
        }
      }
      case 'SOFTWARE_TOKEN_MFA': {
        const c = cr['SOFTWARE_TOKEN_MFA_CODE'] ?? missing('SOFTWARE_TOKEN_MFA_CODE')
        const step = u.totpSecret ? await totpStep(u.totpSecret, c, now()) : undefined
        if (step === undefined || step <= u.totpLastStep) badCode()
        u.totpLastStep = step!
        done()
        return next(flow)
      }
      case 'SMS_MFA':
      case 'EMAIL_OTP':
      case 'SMS_OTP': {
        const key = name === 'SMS_MFA' ? 'SMS_MFA_CODE' : `${name}_CODE`
        const c = cr[key] ?? missing(key)
        if (!safeEqual(sess.data['code'] ?? '', c)) badCode()
        done()
        return next(flow)
      }
      case 'SELECT_MFA_TYPE': {
        const answer = cr['ANSWER'] ?? missing('ANSWER')
        const list = enabledMfa(s, u)
        if (!list.includes(answer as Mfa)) fail('InvalidParameterException', 'Invalid MFA type selected.')
        done()
        return mfaChallenge(s, flow, answer as Mfa)
      }
      case 'MFA_SETUP': {
        if (sess.data['verified'] !== 'true') fail('NotAuthorizedException', 'Invalid session for the user.')
        done()
        flow.skipMfa = true
        return next(flow)
      }
      case 'SELECT_CHALLENGE': {
        const answer = cr['ANSWER'] ?? missing('ANSWER')
        const out = await chooseFirstFactor(flow, answer, cr)
        done()
        return out
      }
      case 'CUSTOM_CHALLENGE': {
        const answer = cr['ANSWER'] ?? missing('ANSWER')
        done()
        flow.custom!.results.push(safeEqual(flow.custom!.answer, answer))
        return customRound(flow)
      }
      default:
        return fail('InvalidParameterException', `Unsupported challenge ${name}.`)
    }
  }

  // ---- output shapes





  const groupType = (gname: string): Record<string, unknown> => {
    const gr = groups.get(gname)!
    return {
      GroupName: gr.GroupName,
      UserPoolId: poolId,
      ...(gr.Description !== undefined ? { Description: gr.Description } : {}),
      ...(gr.Precedence !== undefined ? { Precedence: gr.Precedence } : {}),
      ...(gr.RoleArn !== undefined ? { RoleArn: gr.RoleArn } : {}),
      CreationDate: gr.created / 1000,
      LastModifiedDate: gr.modified / 1000,
    }
  }


  // ---- bodies shared by a user-side operation and its Admin twin (only how the user is found differs)






  /** The user and the (existing) group an admin group-membership call names. */
  function userAndGroup(input: In): [User, string] {
    const u = adminUser(s, input)
    const gname = String(input['GroupName'])
    if (!groups.has(gname)) fail('ResourceNotFoundException', 'Group not found.')
    return [u, gname]
  }





  function tempPassword(): string {
    return 'Tmp' + toBase64Url(randomBytes(9)).replace(/[-_]/g, 'x') + '1!'
  }

  function listFilter(filter: unknown): (u: User) => boolean {
    if (filter === undefined || filter === '') return () => true
    const m = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(String(filter))
    if (!m) fail('InvalidParameterException', 'Error while parsing filter.')
    const [, attr, op, raw] = m as unknown as [string, string, string, string]
    const allowed = ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'cognito:user_status', 'status', 'sub']
    if (!allowed.includes(attr)) fail('InvalidParameterException', 'Invalid search attribute name.')
    const value = raw.replace(/\\(.)/g, '$1')
    const get = (u: User): string | undefined =>
      attr === 'username' ? u.username : attr === 'cognito:user_status' ? u.status : attr === 'status' ? (u.enabled ? 'Enabled' : 'Disabled') : u.attributes.get(attr)
    return (u) => {
      const v = get(u)
      return v !== undefined && (op === '=' ? v === value : v.startsWith(value))
    }
  }


  // ---- operations

  const handlers: Record<string, Handler> = {
    ...clientOperations(s),
    ...tokenOperations(s),
    ...deviceOperations(s),
    ...mfaOperations(s),
    InitiateAuth: (input) => initiate(input, false),
    RespondToAuthChallenge: (input) => respond(input),
    AdminInitiateAuth: (input) => (checkPool(s, input['UserPoolId']), initiate(input, true)),
    AdminRespondToAuthChallenge: (input) => (checkPool(s, input['UserPoolId']), respond(input)),

    async SignUp(input) {
      const { client, name } = await publicCaller(s, input)
      const password = String(input['Password'] ?? '')
      checkPolicy(s, password)
      const u = await createUser(s, name, password, attrRecord(input['UserAttributes']), 'UNCONFIRMED')
      const delivery = sendCode(s, u, 'SignUp', 'signup', 86400_000)
      return { UserConfirmed: false, UserSub: u.attributes.get('sub'), ...(delivery ? { CodeDeliveryDetails: delivery } : {}), Session: newSession(s, { user: u, client, admin: false }, 'SIGNUP') }
    },

    async ConfirmSignUp(input) {
      const { client, name } = await publicCaller(s, input)
      const u = findUser(s, name)
      if (!u) return unknownUserCode(client)
      if (u.status !== 'UNCONFIRMED') fail('NotAuthorizedException', `User cannot be confirmed. Current status is ${u.status}`)
      checkCode(s, u, 'signup', String(input['ConfirmationCode']))
      u.status = 'CONFIRMED'
      for (const a of autoVerify) if (u.attributes.has(a)) u.attributes.set(`${a}_verified`, 'true')
      u.modified = now()
      return { Session: newSession(s, { user: u, client, admin: false }, 'SIGNED_UP') }
    },

    async ResendConfirmationCode(input) {
      const { client, name } = await publicCaller(s, input)
      const u = findUser(s, name)
      if (!u) {
        if (client.preventUserExistenceErrors === 'LEGACY') fail('UserNotFoundException', 'Username/client id combination not found.')
        return { CodeDeliveryDetails: { Destination: name.includes('@') ? maskEmail(name) : '+*******0000', DeliveryMedium: name.includes('@') ? 'EMAIL' : 'SMS', AttributeName: name.includes('@') ? 'email' : 'phone_number' } }
      }
      if (u.status !== 'UNCONFIRMED') fail('InvalidParameterException', 'User is already confirmed.')
      const delivery = sendCode(s, u, 'SignUp', 'signup', 86400_000)
      if (!delivery) fail('InvalidParameterException', 'No email or phone_number to send the code to.')
      return { CodeDeliveryDetails: delivery }
    },

    async ForgotPassword(input) {
      const { client, name } = await publicCaller(s, input)
      const u = findUser(s, name)
      if (!u) {
        if (client.preventUserExistenceErrors === 'LEGACY') fail('UserNotFoundException', 'Username/client id combination not found.')
        return { CodeDeliveryDetails: { Destination: maskEmail(name.includes('@') ? name : `${name}@example.com`), DeliveryMedium: 'EMAIL', AttributeName: 'email' } }
      }
      if (!u.enabled) fail('NotAuthorizedException', 'User is disabled.')
      const delivery = sendCode(s, u, 'ForgotPassword', 'forgot', 3600_000)
      if (!delivery) fail('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number')
      return { CodeDeliveryDetails: delivery }
    },

    async ConfirmForgotPassword(input) {
      const { client, name } = await publicCaller(s, input)
      const u = findUser(s, name)
      if (!u) return unknownUserCode(client)
      const pw = String(input['Password'])
      checkPolicy(s, pw)
      checkCode(s, u, 'forgot', String(input['ConfirmationCode']))
      await setPassword(s, u, pw)
      if (u.status === 'RESET_REQUIRED' || u.status === 'FORCE_CHANGE_PASSWORD') u.status = 'CONFIRMED'
      u.failures = 0
      u.lockedUntil = 0
      return {}
    },

    async ChangePassword(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      checkLock(u)
      if (!u.verifier || !(await checkVerifier(u.verifier, poolName, u.username, String(input['PreviousPassword'] ?? '')))) badPassword(u)
      const pw = String(input['ProposedPassword'])
      checkPolicy(s, pw)
      await setPassword(s, u, pw)
      u.failures = 0
      return {}
    },

    async GetUser(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      return { Username: u.username, UserAttributes: attrList(u), ...mfaFields(u) }
    },

    async UpdateUserAttributes(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      const list = await updateAttributes(s, u, input['UserAttributes'])
      return list.length ? { CodeDeliveryDetailsList: list } : {}
    },

    async DeleteUserAttributes(input) {
      return deleteAttributes(s, (await authAccess(s, input['AccessToken'])).u, input)
    },

    async GetUserAttributeVerificationCode(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      const attr = String(input['AttributeName'])
      if ((attr !== 'email' && attr !== 'phone_number') || !u.attributes.get(attr)) fail('InvalidParameterException', `Cannot send a code: the user has no ${attr}.`)
      return { CodeDeliveryDetails: sendVerify(s, u, attr) }
    },

    async VerifyUserAttribute(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      const attr = String(input['AttributeName'])
      checkCode(s, u, `verify:${attr}`, String(input['Code']))
      u.attributes.set(`${attr}_verified`, 'true')
      return {}
    },

    async DeleteUser(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      deleteUser(s, u)
      return {}
    },

    // ---- admin (SigV4)

    async AdminCreateUser(input) {
      checkPool(s, input['UserPoolId'])
      const name = String(input['Username'])
      const attrs = attrRecord(input['UserAttributes'])
      const action = input['MessageAction']
      const existing = findUser(s, name)
      if (action === 'RESEND') {
        if (!existing) fail('UserNotFoundException', 'User does not exist.')
        if (existing.status !== 'FORCE_CHANGE_PASSWORD') fail('UnsupportedUserStateException', 'Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.')
      } else if (existing) fail('UsernameExistsException', 'User account already exists')
      const temp = sval(input['TemporaryPassword']) ?? tempPassword()
      checkPolicy(s, temp, true)
      const u = existing ?? (await createUser(s, name, undefined, attrs, 'FORCE_CHANGE_PASSWORD'))
      await setPassword(s, u, temp)
      u.tempPasswordSet = now()
      if (action !== 'SUPPRESS') {
        const mediums = (input['DesiredDeliveryMediums'] as string[] | undefined) ?? ['SMS']
        const medium = mediums.includes('EMAIL') && u.attributes.get('email') ? 'EMAIL' : mediums.includes('SMS') && u.attributes.get('phone_number') ? 'SMS' : undefined
        if (medium) send(s, u, medium, 'Invitation', temp)
      }
      return { User: { ...userType(u), ...mfaFields(u) } }
    },

    async AdminGetUser(input) {
      const u = adminUser(s, input)
      // AdminGetUser is UserType with its list named UserAttributes
      const { Attributes, ...rest } = userType(u)
      return { ...rest, UserAttributes: Attributes, ...mfaFields(u) }
    },

    async AdminDeleteUser(input) {
      deleteUser(s, adminUser(s, input))
      return {}
    },

    async AdminEnableUser(input) {
      adminUser(s, input).enabled = true
      return {}
    },

    async AdminDisableUser(input) {
      const u = adminUser(s, input)
      u.enabled = false
      return {}
    },

    async AdminConfirmSignUp(input) {
      const u = adminUser(s, input)
      if (u.status !== 'UNCONFIRMED') fail('NotAuthorizedException', `User cannot be confirmed. Current status is ${u.status}`)
      u.status = 'CONFIRMED'
      u.modified = now()
      return {}
    },

    async AdminResetUserPassword(input) {
      const u = adminUser(s, input)
      const delivery = sendCode(s, u, 'ForgotPassword', 'forgot', 3600_000)
      if (!delivery) fail('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number')
      u.status = 'RESET_REQUIRED'
      u.modified = now()
      return {}
    },

    async AdminSetUserPassword(input) {
      const u = adminUser(s, input)
      const pw = String(input['Password'])
      const permanent = input['Permanent'] === true
      checkPolicy(s, pw, !permanent)
      await setPassword(s, u, pw)
      u.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD'
      if (!permanent) u.tempPasswordSet = now()
      u.failures = 0
      u.lockedUntil = 0
      return {}
    },

    async AdminUpdateUserAttributes(input) {
      await updateAttributes(s, adminUser(s, input), input['UserAttributes'])
      return {}
    },

    async AdminDeleteUserAttributes(input) {
      return deleteAttributes(s, adminUser(s, input), input)
    },

    async ListUsers(input) {
      checkPool(s, input['UserPoolId'])
      const keep = listFilter(input['Filter'])
      const p = page([...users.values()].filter(keep), input)
      return { Users: p.items.map((u) => userType(u, input['AttributesToGet'])), ...(p.next ? { PaginationToken: p.next } : {}) }
    },

    async CreateGroup(input) {
      checkPool(s, input['UserPoolId'])
      const gname = String(input['GroupName'])
      if (groups.has(gname)) fail('GroupExistsException', 'A group with the name already exists.')
      const t = now()
      groups.set(gname, {
        GroupName: gname,
        ...(input['Description'] !== undefined ? { Description: String(input['Description']) } : {}),
        ...(typeof input['Precedence'] === 'number' ? { Precedence: input['Precedence'] } : {}),
        ...(input['RoleArn'] !== undefined ? { RoleArn: String(input['RoleArn']) } : {}),
        created: t,
        modified: t,
      })
      return { Group: groupType(gname) }
    },

    async GetGroup(input) {
      checkPool(s, input['UserPoolId'])
      const gname = String(input['GroupName'])
      if (!groups.has(gname)) fail('ResourceNotFoundException', 'Group not found.')
      return { Group: groupType(gname) }
    },

    async ListGroups(input) {
      checkPool(s, input['UserPoolId'])
      const p = page([...groups.keys()], input, 'Limit', 'NextToken')
      return { Groups: p.items.map(groupType), ...(p.next ? { NextToken: p.next } : {}) }
    },

    async AdminAddUserToGroup(input) {
      const [u, gname] = userAndGroup(input)
      u.groups.add(gname)
      return {}
    },

    async AdminRemoveUserFromGroup(input) {
      const [u, gname] = userAndGroup(input)
      u.groups.delete(gname)
      return {}
    },

    async AdminListGroupsForUser(input) {
      const u = adminUser(s, input)
      const p = page(groupsOf(s, u), input, 'Limit', 'NextToken')
      return { Groups: p.items.map(groupType), ...(p.next ? { NextToken: p.next } : {}) }
    },

    async CreateIdentityProvider(input) {
      checkPool(s, input['UserPoolId'])
      const name = String(input['ProviderName'])
      if (providers.has(name)) fail('DuplicateProviderException', `A provider with the name ${name} already exists in this user pool.`)
      const t = now()
      const p = {
        UserPoolId: poolId,
        ProviderName: name,
        ProviderType: String(input['ProviderType']),
        ProviderDetails: strMap(input['ProviderDetails']),
        AttributeMapping: strMap(input['AttributeMapping']),
        IdpIdentifiers: (input['IdpIdentifiers'] as string[] | undefined) ?? [],
        LastModifiedDate: t / 1000,
        CreationDate: t / 1000,
      }
      providers.set(name, p)
      return { IdentityProvider: p }
    },

    async DescribeIdentityProvider(input) {
      checkPool(s, input['UserPoolId'])
      const p = providers.get(String(input['ProviderName']))
      if (!p) fail('ResourceNotFoundException', `Identity provider ${String(input['ProviderName'])} does not exist.`)
      return { IdentityProvider: p }
    },

    async UpdateIdentityProvider(input) {
      checkPool(s, input['UserPoolId'])
      const p = providers.get(String(input['ProviderName']))
      if (!p) fail('ResourceNotFoundException', `Identity provider ${String(input['ProviderName'])} does not exist.`)
      if (input['ProviderDetails'] !== undefined) p['ProviderDetails'] = strMap(input['ProviderDetails'])
      if (input['AttributeMapping'] !== undefined) p['AttributeMapping'] = strMap(input['AttributeMapping'])
      if (input['IdpIdentifiers'] !== undefined) p['IdpIdentifiers'] = input['IdpIdentifiers']
      p['LastModifiedDate'] = now() / 1000
      return { IdentityProvider: p }
    },

    async ListUsersInGroup(input) {
      checkPool(s, input['UserPoolId'])
      const gname = String(input['GroupName'])
      if (!groups.has(gname)) fail('ResourceNotFoundException', 'Group not found.')
      const p = page([...users.values()].filter((u) => u.groups.has(gname)), input, 'Limit', 'NextToken')
      return { Users: p.items.map((u) => userType(u)), ...(p.next ? { NextToken: p.next } : {}) }
    },

    async DeleteGroup(input) {
      checkPool(s, input['UserPoolId'])
      const gname = String(input['GroupName'])
      if (!groups.delete(gname)) fail('ResourceNotFoundException', 'Group not found.')
      for (const u of users.values()) u.groups.delete(gname)
      return {}
    },

  }


  // ---- HTTP

  const ready = (async () => {
    for (const seed of options.users ?? []) await seedUser(s, seed)
  })()
  ready.catch(() => {})

  async function wellKnown(path: string, rid: string): Promise<Response> {
    const json = (status: number, body: unknown): Response =>
      new Response(JSON.stringify(body), { status, headers: { ...CORS, 'content-type': 'application/json', 'x-amzn-RequestId': rid } })
    if (path === `/${poolId}/.well-known/jwks.json`) return json(200, await jwks(s))
    if (path === `/${poolId}/.well-known/openid-configuration`) {
      return json(200, {
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        response_types_supported: ['code', 'token'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        claims_supported: ['sub', 'email', 'email_verified', 'phone_number', 'phone_number_verified', 'cognito:username', 'cognito:groups'],
      })
    }
    return json(404, { message: 'Not Found' })
  }


  async function readBody(req: Request): Promise<string | undefined> {
    const declared = Number(req.headers.get('content-length') ?? 0)
    if (declared > maxBody) return undefined
    const buf = new Uint8Array(await req.arrayBuffer())
    if (buf.length > maxBody) return undefined
    return new TextDecoder().decode(buf)
  }

  async function handle(req: Request): Promise<Response> {
    const rid = uuid()
    const url = new URL(req.url)
    if (req.method === 'OPTIONS') return preflight(req)
    if (req.method === 'GET') {
      const res = await wellKnown(url.pathname, rid)
      calls.push({ operation: `GET ${url.pathname.slice(url.pathname.lastIndexOf('/') + 1)}`, status: res.status, requestId: rid, time: now() })
      return res
    }
    const target = req.headers.get('x-amz-target') ?? ''
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : ''
    let input: unknown
    const log = (status: number, error?: string, response?: unknown): void => {
      calls.push({ operation: op || target || '(none)', status, ...(error ? { error } : {}), requestId: rid, time: now() })
      options.onCall?.({ operation: op, status, request: input, response })
    }
    const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (req.method !== 'POST' || url.pathname !== '/' || type !== 'application/x-amz-json-1.1' || !OPS[op]) {
      log(400, 'BadRequest')
      return badRequest(rid, now())
    }
    try {
      await ready
      const fault = faults.find((f) => (f.op === op || f.op === '*') && f.times > 0)
      if (fault) {
        fault.times--
        fail(fault.type, fault.message, fault.status)
      }
      const body = await readBody(req)
      if (body === undefined) fail('RequestEntityTooLargeException', `Request body is larger than ${maxBody} bytes`, 413)
      try {
        input = JSON.parse(body || '{}', (k, v: unknown) => (k === '__proto__' ? undefined : v))
      } catch {
        fail('SerializationException', 'Malformed JSON: the request body could not be parsed')
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) fail('SerializationException', 'The request body must be a JSON object')
      const [auth, shape] = OPS[op]!
      if (auth === 's') {
        const bad = await verifySigV4({ method: req.method, url, headers: req.headers, body }, options.credentials, now())
        if (bad) fail(bad.type, bad.message)
      }
      if (shape) validateInput(shape, input)
      const h = handlers[op]
      if (!h) fail('UnsupportedOperationException', `${op} is not implemented by the cognito-edge local pool`)
      const out = await h(input as In)
      log(200, undefined, out)
      return ok(out, rid, now())
    } catch (e) {
      if (e instanceof PoolError) {
        log(e.status, e.type, { __type: e.type, message: e.message })
        return errorResponse(e.type, e.message, e.status, rid, now())
      }
      log(500, 'InternalErrorException')
      return errorResponse('InternalErrorException', 'Internal error: ' + String((e as Error)?.message ?? e).slice(0, 200), 500, rid, now())
    }
  }

  const pool: LocalPool = {
    fetch: async (input, init) => handle(input instanceof Request && init === undefined ? input : new Request(input, init)),
    poolId,
    region,
    issuer,
    endpoint: `https://cognito-idp.${region}.amazonaws.com/`,
    clientId: clients[0]!.clientId,
    clients,
    ready,
    messages,
    calls,
    addUser: async (seed) => {
      await ready
      return seedUser(s, seed)
    },
    user: (name) => {
      const u = findUser(s, name)
      return u ? view(u) : undefined
    },
    lastCode: (name, purpose) => lastCode(s, name, purpose),
    setMfa: (name, o) => setMfa(s, name, o),
    totpCode: (name, time) => totpCode(s, name, time),
    failNext(operation, o = {}) {
      const type = o.type ?? 'InternalErrorException'
      faults.push({ op: operation, type, status: o.status ?? (type === 'InternalErrorException' ? 500 : 400), message: o.message ?? `Injected ${type}`, times: o.times ?? 1 })
    },
    jwks: () => jwks(s),
    now,
  }
  return pool
}

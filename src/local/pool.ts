/**
 * An in-memory Cognito user pool that speaks Cognito's wire protocol, verifies SRP for real and
 * issues real RS256 tokens. Portable: web globals only (fetch types, WebCrypto, BigInt).
 * @module
 */
import { toBase64Url } from '../lib/bytes.ts'
import { randomBytes } from '../lib/webcrypto.ts'
import { TARGET_PREFIX } from '../transport.ts'
import {
  verifySigV4,
} from './crypto.ts'
import { clientOperations } from './clients.ts'
import { lastCode, send, sendCode } from './messages.ts'
import { deviceOperations } from './devices.ts'
import { mfaOperations, setMfa, totpCode } from './mfa.ts'
import { accountOperations } from './account.ts'
import { challengeOperations } from './challenges.ts'
import { OPS } from './model.gen.ts'
import { signInOperations } from './sign-in.ts'
import { checkPolicy, createUser, deleteAttributes, deleteUser, mfaFields, seedUser, setPassword, updateAttributes, userType, view } from './users.ts'
import { groupsOf, jwks, tokenOperations } from './tokens.ts'
import { CORS, PoolError, badRequest, errorResponse, fail, ok, preflight, validateInput } from './wire.ts'
import type { CallRecord, CustomAuthDecision, CustomAuthHandler, FailNextOptions, LocalClientConfig, LocalPool, LocalPoolOptions, LocalUserSeed, LocalUserView, SentMessage } from './options.ts'
import {
  adminUser,
  attrRecord,
  checkPool,
  createPoolState,
  findUser,
  page,
  strMap,
  sval,
  uuid,
  type Handler,
  type In,
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
  const { poolId, region, issuer, now, clients, users, groups, providers, messages, calls, faults } = s
  const { maxBodyBytes: maxBody } = s

  // ---- clients and secrets

  // ---- auth flows

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
    ...signInOperations(s),
    ...challengeOperations(s),
    ...accountOperations(s),

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

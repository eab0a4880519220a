/**
 * `cognito-edge/admin`: {@link AdminCognito}, the developer-credentials client. Every call is
 * signed with AWS SigV4 (service `cognito-idp`) by aws4fetch. This entry point is the only one
 * that imports aws4fetch, so a login-only bundle never contains a signer.
 * @module
 */
import { AwsV4Signer } from 'aws4fetch'
import { Cognito, type AuthResult, type CognitoOptions } from './cognito.ts'
import { authOf } from './operations.generated.ts'
import { isObj, isStr } from './lib/guards.ts'
import { ArgumentError, assertStr, ResponseError } from './errors.ts'
import type {
  AdminCreateUserRequest,
  AdminCreateUserResponse,
  AdminGetUserResponse,
  AdminListGroupsForUserResponse,
  CallInput,
  CreateIdentityProviderRequest,
  DeliveryMediumType,
  GetGroupResponse,
  GroupType,
  IdentityProviderType,
  ListGroupsResponse,
  ListUsersResponse,
  MessageActionType,
  OperationInput,
  OperationName,
  OperationOutput,
  SigV4OperationName,
  UpdateIdentityProviderRequest,
  UpdateUserPoolClientRequest,
  UserOperationName,
  UserPoolClientType,
  UserType,
} from './operations.generated.ts'
import { regionFromPoolId, send, type CallOptions, type OutgoingRequest, type TransportOptions } from './transport.ts'
import { dictToCognito, GroupObj, mfaSettings, toDate, UserObj, type AttributeInput, type AttrMap, type MfaPreference, type UserMetadata } from './user.ts'

/** AWS credentials (an IAM user's keys, or temporary ones with a session token). */
export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  /** For temporary credentials (STS, Lambda, ECS …). */
  sessionToken?: string
}

/** Options of {@link AdminCognito}. */
export interface AdminCognitoOptions extends CognitoOptions {
  /**
   * Default: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` from
   * `process.env`, where the runtime has one. Kept in a private field; never serialised.
   */
  credentials?: AwsCredentials
}

/** Pool-level input: `UserPoolId` defaults to the client's pool. */
export type PoolInput<T> = Omit<T, 'UserPoolId'> & { UserPoolId?: string | undefined }

/** Options of {@link AdminCognito.adminCreateUser}. */
export interface AdminCreateUserOptions {
  /** Sent only when given; otherwise Cognito generates one. */
  temporaryPassword?: string
  attributes?: Readonly<Record<string, AttributeInput>>
  attrMap?: AttrMap
  /** `SUPPRESS` sends no invitation; `RESEND` re-sends it to an existing user. */
  messageAction?: MessageActionType
  desiredDeliveryMediums?: DeliveryMediumType[]
  forceAliasCreation?: boolean
  clientMetadata?: Record<string, string>
  /** Any other AdminCreateUser members (pycognito's `additional_kwargs`). */
  additional?: Partial<PoolInput<AdminCreateUserRequest>>
}

/** Options of {@link AdminCognito.getUsers}. */
export interface ListUsersOptions {
  /** Cognito's filter syntax, e.g. `email ^= "alice"` or `status = "Enabled"`. */
  filter?: string
  /** Users per page, 1–60 (Cognito's default 60). */
  limit?: number
  /** Only these attributes in each user. */
  attributesToGet?: string[]
  /** From the previous page. */
  paginationToken?: string
  attrMap?: AttrMap
}

type Env = Record<string, string | undefined>

/** Credentials from the options or the environment, or an ArgumentError naming what is missing. */
function resolveCredentials(given: AwsCredentials | undefined): AwsCredentials {
  const env: Env = (globalThis as { process?: { env?: Env } }).process?.env ?? {}
  const c: { [K in keyof AwsCredentials]?: AwsCredentials[K] | undefined } =
    given !== undefined
      ? given
      : { accessKeyId: env['AWS_ACCESS_KEY_ID'], secretAccessKey: env['AWS_SECRET_ACCESS_KEY'], sessionToken: env['AWS_SESSION_TOKEN'] || undefined }
  if (c === null || typeof c !== 'object') throw new ArgumentError('"credentials" must be an object')
  const src = given !== undefined ? ['"credentials.accessKeyId"', '"credentials.secretAccessKey"'] : ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']
  const missing = [c.accessKeyId, c.secretAccessKey].map((v, i) => (typeof v === 'string' && v ? '' : src[i])).filter(Boolean)
  if (missing.length) {
    throw new ArgumentError(`AdminCognito needs AWS credentials: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing (pass "credentials" or set the AWS_* environment variables)`)
  }
  if (c.sessionToken !== undefined && (typeof c.sessionToken !== 'string' || !c.sessionToken)) {
    throw new ArgumentError('"credentials.sessionToken" must be a non-empty string')
  }
  return { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) }
}

/**
 * A SigV4 signer for the transport's `sign` hook (aws4fetch, service `cognito-idp`), called again
 * for every attempt so each retry carries a fresh date. The credentials are read through the
 * closure: they never appear in the signed request except as the access key id.
 */
function sigV4(credentials: () => AwsCredentials, region: () => string, now: () => number): (req: OutgoingRequest) => Promise<OutgoingRequest> {
  return async (req) => {
    const signed = await new AwsV4Signer({
      ...credentials(),
      url: req.url,
      method: req.method,
      headers: req.headers,
      body: req.body,
      service: 'cognito-idp',
      region: region(),
      datetime: new Date(now()).toISOString().replace(/[:-]|\.\d{3}/g, ''),
    }).sign()
    const headers: Record<string, string> = {}
    signed.headers.forEach((v, k) => (headers[k] = v))
    return { ...req, headers }
  }
}

/** Options of {@link createAdminClient}. */
export interface AdminClientOptions extends TransportOptions {
  /** The user pool: its region is the default `region`. Needed unless `region` is given. */
  userPoolId?: string
  /** Default: the `AWS_*` environment variables, as for {@link AdminCognito}. Never serialised. */
  credentials?: AwsCredentials
  /** Clock for the SigV4 date, ms since the epoch. Default `Date.now`. */
  now?: () => number
}

/** Per-call options of {@link AdminClient.send}: the client's region and endpoint stay fixed, since the signature covers them. */
export type AdminCallOptions = Omit<TransportOptions, 'region' | 'endpoint'>

/** The lean admin client of {@link createAdminClient}: one typed, signed call. */
export interface AdminClient {
  /** The region requests are signed for. */
  readonly region: string
  /**
   * Call one SigV4 (developer-credentials) operation, typed from the service model (the types
   * offer only the SigV4 operations; to keep the client small there is no runtime list, and a
   * signature on any other operation is merely redundant). Retries, timeouts and errors are those
   * of every other call; the request is re-signed for each attempt.
   * @throws {CognitoServiceError} Cognito's error, by name
   * @throws {ArgumentError} a malformed operation name or input, before any request
   */
  send<O extends SigV4OperationName>(operation: O, input: OperationInput<O>, options?: AdminCallOptions): Promise<OperationOutput<O>>
}

/**
 * The smallest way to make admin calls: the transport, the SigV4 signer and nothing else (no
 * SRP, no user-side class), for servers and Workers that only manage users. {@link AdminCognito}
 * is the pycognito-style class with named methods, challenges and {@link UserObj}s.
 * @throws {ArgumentError} missing credentials, or no way to tell the region
 * @example
 * ```ts
 * import { createAdminClient } from 'cognito-edge/admin'
 * const admin = createAdminClient({ userPoolId: 'us-east-1_AbC' }) // keys from AWS_* env
 * const { User } = await admin.send('AdminGetUser', { UserPoolId: 'us-east-1_AbC', Username: 'bob' })
 * ```
 */
export function createAdminClient(options: AdminClientOptions = {}): AdminClient {
  if (options === null || typeof options !== 'object') throw new ArgumentError('"options" must be an object')
  const { credentials, userPoolId, now = Date.now, ...transport } = options
  if (typeof now !== 'function') throw new ArgumentError('"now" must be a function')
  const creds = resolveCredentials(credentials)
  if (transport.region === undefined && userPoolId === undefined) throw new ArgumentError('createAdminClient needs "region" or "userPoolId"')
  const region = transport.region ?? regionFromPoolId(userPoolId!)
  const sign = sigV4(() => creds, () => region, now)
  return {
    region,
    send(operation, input, call = {}) {
      const { region: _r, endpoint: _e, ...rest } = (call ?? {}) as TransportOptions
      return send(operation, input, { ...transport, region, ...rest, sign })
    },
  }
}

function withoutCredentials(options: AdminCognitoOptions): CognitoOptions {
  const { credentials: _, ...rest } = options
  return rest
}

// ---- issue 8: hostile list responses ----
/** The objects of a response list (anything else in or instead of the list is dropped). */
const objects = <T>(v: unknown): T[] => (Array.isArray(v) ? v.filter(isObj) : []) as T[]

/**
 * Every item of every page: `page(token)` fetches one page (token undefined for the first). A
 * token seen before is a `ResponseError`: a server repeating it would make the walk endless.
 */
async function* allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next: unknown }>): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>()
  let token: string | undefined
  do {
    const p = await page(token)
    yield* p.items
    token = isStr(p.next) ? p.next : undefined
    if (token !== undefined && seen.has(token)) throw new ResponseError('the server repeated a pagination token')
    if (token !== undefined) seen.add(token)
  } while (token)
}
// ---- end issue 8 ----

function need(v: unknown, name: string): string {
  assertStr(v, name)
  return v
}

/**
 * The admin client: everything {@link Cognito} does, plus pycognito's `admin_*` methods, groups,
 * identity providers, app clients and `call()` for every SigV4 operation. Sign-in goes through
 * AdminInitiateAuth / AdminRespondToAuthChallenge, so every challenge works as for `Cognito`.
 * `username` is optional: pool-level calls do not need one.
 *
 * @example
 * ```ts
 * import { AdminCognito } from 'cognito-edge/admin'
 * const admin = new AdminCognito({ userPoolId: 'us-east-1_AbC', clientId: '1example' }) // keys from AWS_* env
 * await admin.adminCreateUser('bob', { temporaryPassword: 'Temp0rary!', attributes: { email: 'bob@example.com' } })
 * ```
 */
export class AdminCognito extends Cognito {
  readonly #credentials: AwsCredentials
  readonly #region: string

  /** @throws {ArgumentError} missing or malformed credentials (before any request) */
  constructor(options: AdminCognitoOptions) {
    // the base class keeps unknown options as transport options: the keys must not travel there
    super(options !== null && typeof options === 'object' ? withoutCredentials(options) : options)
    this.#credentials = resolveCredentials(options.credentials)
    this.#region = options.region ?? regionFromPoolId(this.userPoolId)
  }

  /** SigV4-sign one attempt (the transport calls it again on each retry, with a fresh date). */
  #sign = sigV4(() => this.#credentials, () => this.#region, () => this.now())

  /** A signed operation; `UserPoolId` defaults to this client's pool (also when given as undefined). */
  #admin<T>(operation: string, input: { UserPoolId?: string | undefined; [member: string]: unknown }, call: CallOptions = {}): Promise<T> {
    const { UserPoolId, ...rest } = input
    return this.request<T>(operation, { UserPoolId: UserPoolId ?? this.userPoolId, ...rest }, { ...call, sign: this.#sign })
  }

  /** `username`, else this client's. */
  #user(username: string | undefined): string {
    return need(username ?? this.username, 'username')
  }

  /** A UserObj whose save / delete act on that user by name. */
  #userObj(username: string, attributes: UserType['Attributes'], metadata: UserMetadata, attrMap: AttrMap | undefined): UserObj {
    return new UserObj(
      username,
      attributes,
      { save: (a, m) => this.adminUpdateProfile(a, m, username).then(() => []), delete: () => this.adminDeleteUser(username) },
      metadata,
      attrMap,
    )
  }

  #fromUserType(u: UserType, attrMap: AttrMap | undefined): UserObj {
    return this.#userObj(
      typeof u.Username === 'string' ? u.Username : '',
      u.Attributes,
      { enabled: u.Enabled, userStatus: u.UserStatus, createDate: toDate(u.UserCreateDate), modifiedDate: toDate(u.UserLastModifiedDate), mfaOptions: u.MFAOptions } as UserMetadata,
      attrMap,
    )
  }

  /** Sends AdminInitiateAuth (USER_PASSWORD_AUTH becomes ADMIN_USER_PASSWORD_AUTH). */
  protected override initiateAuth(input: Record<string, unknown>, call: CallOptions = {}): Promise<Record<string, unknown>> {
    const flow = input['AuthFlow'] === 'USER_PASSWORD_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : input['AuthFlow']
    return this.#admin('AdminInitiateAuth', { ClientId: this.clientId, ...input, AuthFlow: flow }, call)
  }

  /** Sends AdminRespondToAuthChallenge. */
  protected override respondToAuthChallenge(input: Record<string, unknown>, call: CallOptions = {}): Promise<Record<string, unknown>> {
    return this.#admin('AdminRespondToAuthChallenge', { ClientId: this.clientId, ...input }, call)
  }

  /**
   * Sign the user in with the password on the server side (AdminInitiateAuth
   * ADMIN_USER_PASSWORD_AUTH; the app client must allow it). Challenges (new password, MFA …)
   * are raised as for {@link Cognito.authenticate} and answered through AdminRespondToAuthChallenge.
   * @throws {ChallengeError} | {@link NotAuthorizedException} | {@link UserNotConfirmedException}
   */
  async adminAuthenticate(password: string, options: { clientMetadata?: Record<string, string>; signal?: AbortSignal } = {}): Promise<AuthResult> {
    need(password, 'password')
    const username = this.#user(undefined)
    const hash = await this.secretHashFor(username)
    const resp = await this.initiateAuth(
      { AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password, ...(hash ? { SECRET_HASH: hash } : {}) }, ClientMetadata: options.clientMetadata },
      options.signal ? { signal: options.signal } : {},
    )
    return this.handleAuthResponse(resp, username)
  }

  /**
   * Create a user (AdminCreateUser). `TemporaryPassword` is sent only when given.
   * @returns the new user
   * @throws {UsernameExistsException} | {@link InvalidPasswordException}
   */
  async adminCreateUser(username: string, options: AdminCreateUserOptions = {}): Promise<UserObj> {
    need(username, 'username')
    if (options.temporaryPassword !== undefined) need(options.temporaryPassword, 'temporaryPassword')
    const out = await this.#admin<AdminCreateUserResponse>('AdminCreateUser', {
      ...options.additional,
      Username: username,
      TemporaryPassword: options.temporaryPassword,
      UserAttributes: options.attributes ? dictToCognito(options.attributes, options.attrMap) : undefined,
      MessageAction: options.messageAction,
      DesiredDeliveryMediums: options.desiredDeliveryMediums,
      ForceAliasCreation: options.forceAliasCreation,
      ClientMetadata: options.clientMetadata,
    })
    return this.#fromUserType(out.User ?? { Username: username }, options.attrMap)
  }

  /** Read a user (AdminGetUser). @param username - default: this client's */
  async adminGetUser(username?: string, options: { attrMap?: AttrMap } = {}): Promise<UserObj> {
    const out = await this.#admin<AdminGetUserResponse>('AdminGetUser', { Username: this.#user(username) })
    // a body without the required Username is not AdminGetUser's answer (issue 8, fault matrix)
    if (typeof out.Username !== 'string') throw new ResponseError('AdminGetUser response lacks Username')
    return this.#userObj(
      out.Username,
      out.UserAttributes,
      {
        enabled: out.Enabled,
        userStatus: out.UserStatus,
        createDate: toDate(out.UserCreateDate),
        modifiedDate: toDate(out.UserLastModifiedDate),
        preferredMfaSetting: out.PreferredMfaSetting,
        userMfaSettingList: out.UserMFASettingList,
        mfaOptions: out.MFAOptions,
      } as UserMetadata,
      options.attrMap,
    )
  }

  /** Delete a user (AdminDeleteUser). */
  async adminDeleteUser(username?: string): Promise<void> {
    await this.#admin('AdminDeleteUser', { Username: this.#user(username) })
  }

  /** Enable a disabled user (AdminEnableUser). */
  async adminEnableUser(username: string): Promise<void> {
    await this.#admin('AdminEnableUser', { Username: need(username, 'username') })
  }

  /** Disable a user: sign-in then fails with NotAuthorizedException "User is disabled." (AdminDisableUser). */
  async adminDisableUser(username: string): Promise<void> {
    await this.#admin('AdminDisableUser', { Username: need(username, 'username') })
  }

  /** Update a user's attributes (AdminUpdateUserAttributes). @param username - default: this client's */
  async adminUpdateProfile(
    attrs: Readonly<Record<string, AttributeInput>>,
    attrMap?: AttrMap,
    username?: string,
    options: { clientMetadata?: Record<string, string> } = {},
  ): Promise<void> {
    const list = dictToCognito(attrs, attrMap)
    await this.#admin('AdminUpdateUserAttributes', { Username: this.#user(username), UserAttributes: list, ClientMetadata: options.clientMetadata })
  }

  /** Confirm a sign-up without a code (AdminConfirmSignUp). */
  async adminConfirmSignUp(username?: string, options: { clientMetadata?: Record<string, string> } = {}): Promise<void> {
    await this.#admin('AdminConfirmSignUp', { Username: this.#user(username), ClientMetadata: options.clientMetadata })
  }

  /**
   * Reset a user's password (AdminResetUserPassword): the user gets a code and must pick a new
   * password; sign-in raises PasswordResetRequiredException until then.
   */
  async adminResetPassword(username: string, clientMetadata?: Record<string, string>): Promise<void> {
    await this.#admin('AdminResetUserPassword', { Username: need(username, 'username'), ClientMetadata: clientMetadata })
  }

  /**
   * Set a user's password (AdminSetUserPassword). `permanent: false` (default) makes it a
   * temporary password: the next sign-in gets NEW_PASSWORD_REQUIRED.
   * @throws {InvalidPasswordException}
   */
  async adminSetUserPassword(username: string, password: string, options: { permanent?: boolean } = {}): Promise<void> {
    need(username, 'username')
    need(password, 'password')
    await this.#admin('AdminSetUserPassword', { Username: username, Password: password, Permanent: options.permanent === true })
  }

  /** MFA settings of a user (AdminSetUserMFAPreference); same rules as `setUserMfaPreference`. */
  async adminSetUserMfaPreference(username: string, preferences: MfaPreference): Promise<void> {
    await this.#admin('AdminSetUserMFAPreference', { Username: need(username, 'username'), ...mfaSettings(preferences) })
  }

  /**
   * One page of users (ListUsers), with Cognito's `Filter` and attribute selection.
   * @returns the users and the token of the next page (undefined on the last)
   */
  async getUsers(options: ListUsersOptions = {}): Promise<{ users: UserObj[]; paginationToken: string | undefined }> {
    const { filter, limit, attributesToGet, paginationToken, attrMap } = options
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 60)) {
      throw new ArgumentError('"limit" must be an integer from 1 to 60', 'ERR_INVALID_ARG_VALUE')
    }
    const out = await this.#admin<ListUsersResponse>('ListUsers', {
      Filter: filter,
      Limit: limit,
      AttributesToGet: attributesToGet,
      PaginationToken: paginationToken,
    })
    return { users: objects<UserType>(out.Users).map((u) => this.#fromUserType(u, attrMap)), paginationToken: typeof out.PaginationToken === 'string' ? out.PaginationToken : undefined }
  }

  /**
   * Every user, page after page (ListUsers).
   * @example
   * ```ts
   * for await (const user of admin.listAllUsers({ filter: 'status = "Enabled"' })) console.log(user.username)
   * ```
   */
  async *listAllUsers(options: Omit<ListUsersOptions, 'paginationToken'> = {}): AsyncGenerator<UserObj, void, undefined> {
    yield* allPages(async (t) => {
      const page = await this.getUsers(t === undefined ? options : { ...options, paginationToken: t })
      return { items: page.users, next: page.paginationToken }
    })
  }

  /** One group (GetGroup). */
  async getGroup(groupName: string): Promise<GroupObj> {
    const out = await this.#admin<GetGroupResponse>('GetGroup', { GroupName: need(groupName, 'groupName') })
    return new GroupObj(out.Group ?? {})
  }

  /** One page of groups (ListGroups). */
  async getGroups(options: { limit?: number; nextToken?: string } = {}): Promise<{ groups: GroupObj[]; nextToken: string | undefined }> {
    const out = await this.#admin<ListGroupsResponse>('ListGroups', { Limit: options.limit, NextToken: options.nextToken })
    return { groups: objects<GroupType>(out.Groups).map((g) => new GroupObj(g)), nextToken: typeof out.NextToken === 'string' ? out.NextToken : undefined }
  }

  /** Every group, page after page (ListGroups). */
  async *listAllGroups(): AsyncGenerator<GroupObj, void, undefined> {
    yield* allPages(async (t) => {
      const page = await this.getGroups(t === undefined ? {} : { nextToken: t })
      return { items: page.groups, next: page.nextToken }
    })
  }

  /** Add a user to a group (AdminAddUserToGroup). */
  async adminAddUserToGroup(username: string, groupName: string): Promise<void> {
    await this.#admin('AdminAddUserToGroup', { Username: need(username, 'username'), GroupName: need(groupName, 'groupName') })
  }

  /** Remove a user from a group (AdminRemoveUserFromGroup). */
  async adminRemoveUserFromGroup(username: string, groupName: string): Promise<void> {
    await this.#admin('AdminRemoveUserFromGroup', { Username: need(username, 'username'), GroupName: need(groupName, 'groupName') })
  }

  /** Names of every group of a user, all pages (AdminListGroupsForUser). */
  async adminListGroupsForUser(username: string): Promise<string[]> {
    need(username, 'username')
    const names: string[] = []
    const groups = allPages(async (t) => {
      const out = await this.#admin<AdminListGroupsForUserResponse>('AdminListGroupsForUser', { Username: username, Limit: 60, NextToken: t })
      return { items: objects<GroupType>(out.Groups), next: out.NextToken }
    })
    for await (const g of groups) if (isStr(g.GroupName)) names.push(g.GroupName)
    return names
  }

  /** Create a federated identity provider (CreateIdentityProvider). */
  async adminCreateIdentityProvider(input: PoolInput<CreateIdentityProviderRequest>): Promise<IdentityProviderType> {
    const out = await this.#admin<{ IdentityProvider: IdentityProviderType }>('CreateIdentityProvider', input)
    return out.IdentityProvider
  }

  /** Describe an identity provider (DescribeIdentityProvider). */
  async adminDescribeIdentityProvider(providerName: string, userPoolId?: string): Promise<IdentityProviderType> {
    const out = await this.#admin<{ IdentityProvider: IdentityProviderType }>('DescribeIdentityProvider', {
      UserPoolId: userPoolId,
      ProviderName: need(providerName, 'providerName'),
    })
    return out.IdentityProvider
  }

  /** Update an identity provider (UpdateIdentityProvider). */
  async adminUpdateIdentityProvider(
    providerName: string,
    changes: Omit<UpdateIdentityProviderRequest, 'UserPoolId' | 'ProviderName'>,
    userPoolId?: string,
  ): Promise<IdentityProviderType> {
    const out = await this.#admin<{ IdentityProvider: IdentityProviderType }>('UpdateIdentityProvider', {
      ...changes,
      UserPoolId: userPoolId,
      ProviderName: need(providerName, 'providerName'),
    })
    return out.IdentityProvider
  }

  /** An app client's settings (DescribeUserPoolClient). @param clientId - default: this client's */
  async describeUserPoolClient(clientId?: string, userPoolId?: string): Promise<UserPoolClientType> {
    const out = await this.#admin<{ UserPoolClient: UserPoolClientType }>('DescribeUserPoolClient', {
      UserPoolId: userPoolId,
      ClientId: need(clientId ?? this.clientId, 'clientId'),
    })
    return out.UserPoolClient
  }

  /**
   * Update an app client (UpdateUserPoolClient). Cognito resets every setting left out to its
   * default: read it with {@link describeUserPoolClient} and send the whole configuration.
   */
  async adminUpdateUserPoolClient(
    changes: Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId'>,
    options: { clientId?: string; userPoolId?: string } = {},
  ): Promise<UserPoolClientType> {
    const out = await this.#admin<{ UserPoolClient: UserPoolClientType }>('UpdateUserPoolClient', {
      ...changes,
      UserPoolId: options.userPoolId,
      ClientId: need(options.clientId ?? this.clientId, 'clientId'),
    })
    return out.UserPoolClient
  }

  /**
   * Call any operation, typed from the service model: SigV4 operations are signed; the others
   * go as in {@link Cognito.call}.
   * @example
   * ```ts
   * const { UserPool } = await admin.call('DescribeUserPool', { UserPoolId: admin.userPoolId })
   * ```
   */
  override async call<O extends OperationName>(operation: O, input: CallInput<O>, options: TransportOptions = {}): Promise<OperationOutput<O>> {
    if (authOf(operation) !== 'sigv4') return super.call(operation as UserOperationName, input as never, options) as Promise<OperationOutput<O>>
    return this.request(operation, input, { ...options, sign: this.#sign })
  }
}

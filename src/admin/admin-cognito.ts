/**
 * `AdminCognito`, the pycognito-style admin class: everything `Cognito` does, plus pycognito's
 * `admin_*` methods, groups, identity providers and app clients. A facade over the admin functions:
 * it holds the credentials and an admin client, routes sign-in through AdminInitiateAuth, and wraps
 * the functions' plain results in `UserObj` / `GroupObj`.
 * @module
 */
import { Cognito, type AuthResult, type CognitoOptions } from '../cognito.ts'
import { authOf } from '../operations.generated.ts'
import type { CallInput, CreateIdentityProviderRequest, IdentityProviderType, OperationName, OperationOutput, UpdateIdentityProviderRequest, UpdateUserPoolClientRequest, UserOperationName, UserPoolClientType, UserType } from '../operations.generated.ts'
import { optionsOf } from '../errors.ts'
import { isObj, isStr } from '../lib/guards.ts'
import { request } from '../client.ts'
import { checkCall, checkOptions, givenOf, UNSAFE, type CallOptions, type TransportOptions } from '../transport.ts'
import { GroupObj, toDate, UserObj, type AttributeInput, type AttrMap, type MfaPreference, type UserMetadata } from '../user.ts'
import { resignOnce, resolveCredentials, signingRegion, sigV4, type AdminClient, type AwsCredentials, type AwsCredentialsProvider } from './client.ts'
import * as groups from './groups.ts'
import * as config from './pool-config.ts'
import { adminAuthSender } from './sign-in.ts'
import * as users from './users.ts'

/** Options of {@link AdminCognito}. */
export interface AdminCognitoOptions extends CognitoOptions {
  /**
   * Default: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` from `process.env`,
   * where the runtime has one. A function ({@link AwsCredentialsProvider}) is called for every
   * signature, for credentials that rotate. Kept in a private field; never serialised.
   */
  credentials?: AwsCredentials | AwsCredentialsProvider | undefined
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
  /** The admin client the admin functions get: this instance's transport, signed with its credentials. */
  readonly #admin: AdminClient

  /** @throws {ArgumentError} missing or malformed credentials, or no region to sign for (before any request) */
  constructor(options: AdminCognitoOptions) {
    // the base class keeps unknown options as transport options: the keys must not travel there
    const { credentials, ...rest } = (isObj(options) ? options : {}) as AdminCognitoOptions
    super(isObj(options) ? rest : options)
    const region = signingRegion(this.userPoolId, rest)
    const sign = sigV4(resolveCredentials(credentials, 'AdminCognito'), region, () => this.now())
    this.#admin = {
      region,
      userPoolId: this.userPoolId,
      // `unsafe` (a sign-in that makes Cognito send a code) holds whatever the operation; the
      // region and endpoint stay this client's, since the signature covers them
      send: (operation, input, call = {}) => {
        const { region: _r, endpoint: _e, ...rest } = givenOf(call) as TransportOptions
        const c = { ...rest, sign } as CallOptions & { unsafe?: boolean }
        checkOptions(c)
        return resignOnce(() => request(this.client, operation, input, c, c.unsafe ?? UNSAFE.test(operation)), () => this.clockSkew)
      },
    }
  }

  /** `username`, else this client's. */
  #user(username: string | undefined): string {
    return users.need(username ?? this.username, 'username')
  }

  /** A UserObj whose save / delete act on that user by name. */
  #userObj(username: string, attributes: UserType['Attributes'], metadata: UserMetadata, attrMap: AttrMap | undefined): UserObj {
    const actions = { save: (a: Record<string, AttributeInput>, m: AttrMap | undefined) => this.adminUpdateProfile(a, m, username).then(() => []), delete: () => this.adminDeleteUser(username) }
    return new UserObj(username, attributes, actions, metadata, attrMap)
  }

  /** A UserObj of a user as Cognito describes it; `more`: the metadata only AdminGetUser gives. */
  #fromUserType(u: UserType, attrMap: AttrMap | undefined, more?: object): UserObj {
    const meta = { enabled: u.Enabled, userStatus: u.UserStatus, createDate: toDate(u.UserCreateDate), modifiedDate: toDate(u.UserLastModifiedDate), ...more, mfaOptions: u.MFAOptions } as UserMetadata
    return this.#userObj(isStr(u.Username) ? u.Username : '', u.Attributes, meta, attrMap)
  }

  /** Sends AdminInitiateAuth (USER_PASSWORD_AUTH becomes ADMIN_USER_PASSWORD_AUTH). */
  protected override initiateAuth(input: Record<string, unknown>, call: CallOptions = {}): Promise<Record<string, unknown>> {
    return adminAuthSender(this.#admin, this)('InitiateAuth', input, call)
  }

  /** Sends AdminRespondToAuthChallenge. */
  protected override respondToAuthChallenge(input: Record<string, unknown>, call: CallOptions = {}): Promise<Record<string, unknown>> {
    return adminAuthSender(this.#admin, this)('RespondToAuthChallenge', input, call)
  }

  /**
   * Sign the user in on the server side with the password (AdminInitiateAuth
   * ADMIN_USER_PASSWORD_AUTH; the app client must allow it). Challenges are raised as for
   * {@link Cognito.authenticate} and answered through AdminRespondToAuthChallenge.
   * @throws {ChallengeError} | {@link NotAuthorizedException} | {@link UserNotConfirmedException}
   */
  async adminAuthenticate(password: string, options: { clientMetadata?: Record<string, string> | undefined; signal?: AbortSignal | undefined } = {}): Promise<AuthResult> {
    return this.authenticate(password, { ...options, flow: 'USER_PASSWORD_AUTH' })
  }
  /** Create a user (AdminCreateUser); `TemporaryPassword` is sent only when given. @returns the new user */
  async adminCreateUser(username: string, options: users.AdminCreateUserOptions = {}): Promise<UserObj> {
    return this.#fromUserType(await users.adminCreateUser(this.#admin, username, options), options.attrMap)
  }
  /** Read a user (AdminGetUser). @param username - default: this client's */
  async adminGetUser(username?: string, options?: { attrMap?: AttrMap | undefined }): Promise<UserObj> {
    const { attrMap } = optionsOf(options)
    const u = await users.adminGetUser(this.#admin, this.#user(username))
    return this.#fromUserType({ ...u, Attributes: u.UserAttributes } as UserType, attrMap, { preferredMfaSetting: u.PreferredMfaSetting, userMfaSettingList: u.UserMFASettingList })
  }
  /** Delete a user (AdminDeleteUser). @param username - default: this client's */
  async adminDeleteUser(username?: string): Promise<void> {
    return users.adminDeleteUser(this.#admin, this.#user(username))
  }
  /** Enable a disabled user (AdminEnableUser). */
  async adminEnableUser(username: string): Promise<void> {
    return users.adminEnableUser(this.#admin, username)
  }
  /** Disable a user: sign-in then fails with NotAuthorizedException "User is disabled." (AdminDisableUser). */
  async adminDisableUser(username: string): Promise<void> {
    return users.adminDisableUser(this.#admin, username)
  }
  /** Update a user's attributes (AdminUpdateUserAttributes). @param username - default: this client's */
  async adminUpdateProfile(attrs: Readonly<Record<string, AttributeInput>>, attrMap?: AttrMap, username?: string, options?: { clientMetadata?: Record<string, string> | undefined }): Promise<void> {
    return users.adminUpdateProfile(this.#admin, this.#user(username), attrs, attrMap, options)
  }
  /** Confirm a sign-up without a code (AdminConfirmSignUp). */
  async adminConfirmSignUp(username?: string, options?: { clientMetadata?: Record<string, string> | undefined }): Promise<void> {
    return users.adminConfirmSignUp(this.#admin, this.#user(username), options)
  }
  /** Reset a user's password (AdminResetUserPassword): the user must pick a new one with a code. */
  async adminResetPassword(username: string, clientMetadata?: Record<string, string>): Promise<void> {
    return users.adminResetPassword(this.#admin, username, clientMetadata)
  }
  /** Set a user's password (AdminSetUserPassword); temporary unless `permanent: true`. */
  async adminSetUserPassword(username: string, password: string, options?: { permanent?: boolean | undefined }): Promise<void> {
    return users.adminSetUserPassword(this.#admin, username, password, options)
  }
  /** MFA settings of a user (AdminSetUserMFAPreference); same rules as `setUserMfaPreference`. */
  async adminSetUserMfaPreference(username: string, preferences: MfaPreference): Promise<void> {
    return users.adminSetUserMfaPreference(this.#admin, username, preferences)
  }
  /** One page of users (ListUsers). @returns the users and the next page's token (undefined on the last) */
  async getUsers(options: users.ListUsersOptions = {}): Promise<{ users: UserObj[]; paginationToken: string | undefined }> {
    const page = await users.getUsers(this.#admin, options)
    return { ...page, users: page.users.map((u) => this.#fromUserType(u, options.attrMap)) }
  }
  /** Every user, page after page (ListUsers). */
  async *listAllUsers(options: Omit<users.ListUsersOptions, 'paginationToken'> = {}): AsyncGenerator<UserObj, void, undefined> {
    for await (const u of users.listAllUsers(this.#admin, options)) yield this.#fromUserType(u, options.attrMap)
  }
  /** One group (GetGroup). */
  async getGroup(groupName: string): Promise<GroupObj> {
    return new GroupObj(await groups.getGroup(this.#admin, groupName))
  }
  /** One page of groups (ListGroups). */
  async getGroups(options?: { limit?: number | undefined; nextToken?: string | undefined }): Promise<{ groups: GroupObj[]; nextToken: string | undefined }> {
    const page = await groups.getGroups(this.#admin, options)
    return { ...page, groups: page.groups.map((g) => new GroupObj(g)) }
  }
  /** Every group, page after page (ListGroups). */
  async *listAllGroups(): AsyncGenerator<GroupObj, void, undefined> {
    for await (const g of groups.listAllGroups(this.#admin)) yield new GroupObj(g)
  }
  /** Add a user to a group (AdminAddUserToGroup). */
  async adminAddUserToGroup(username: string, groupName: string): Promise<void> {
    return groups.adminAddUserToGroup(this.#admin, username, groupName)
  }
  /** Remove a user from a group (AdminRemoveUserFromGroup). */
  async adminRemoveUserFromGroup(username: string, groupName: string): Promise<void> {
    return groups.adminRemoveUserFromGroup(this.#admin, username, groupName)
  }
  /** Names of every group of a user, all pages (AdminListGroupsForUser). */
  async adminListGroupsForUser(username: string): Promise<string[]> {
    return groups.adminListGroupsForUser(this.#admin, username)
  }
  /** Create a federated identity provider (CreateIdentityProvider). */
  async adminCreateIdentityProvider(input: users.PoolInput<CreateIdentityProviderRequest>): Promise<IdentityProviderType> {
    return config.adminCreateIdentityProvider(this.#admin, input)
  }
  /** Describe an identity provider (DescribeIdentityProvider). */
  async adminDescribeIdentityProvider(providerName: string, userPoolId?: string): Promise<IdentityProviderType> {
    return config.adminDescribeIdentityProvider(this.#admin, providerName, userPoolId)
  }
  /** Update an identity provider (UpdateIdentityProvider). */
  async adminUpdateIdentityProvider(providerName: string, changes: Omit<UpdateIdentityProviderRequest, 'UserPoolId' | 'ProviderName'>, userPoolId?: string): Promise<IdentityProviderType> {
    return config.adminUpdateIdentityProvider(this.#admin, providerName, changes, userPoolId)
  }
  /** An app client's settings (DescribeUserPoolClient). @param clientId - default: this client's */
  async describeUserPoolClient(clientId?: string, userPoolId?: string): Promise<UserPoolClientType> {
    return config.describeUserPoolClient(this.#admin, clientId ?? this.clientId, userPoolId)
  }
  /** Update an app client (UpdateUserPoolClient); settings left out are reset by Cognito: send the whole configuration. */
  async adminUpdateUserPoolClient(changes: Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId'>, options?: { clientId?: string | undefined; userPoolId?: string | undefined }): Promise<UserPoolClientType> {
    const { clientId, userPoolId } = optionsOf(options)
    return config.adminUpdateUserPoolClient(this.#admin, clientId ?? this.clientId, changes, userPoolId)
  }
  /**
   * Call any operation, typed from the service model: SigV4 operations are signed (with this
   * client's region and endpoint, which the signature covers: `options.region` / `endpoint` apply to
   * the others only); the others go as in {@link Cognito.call}.
   * @example
   * ```ts
   * const { UserPool } = await admin.call('DescribeUserPool', { UserPoolId: admin.userPoolId })
   * ```
   */
  override async call<O extends OperationName>(operation: O, input: CallInput<O>, options: TransportOptions = {}): Promise<OperationOutput<O>> {
    if (authOf(operation) !== 'sigv4') return super.call(operation as UserOperationName, input as never, options) as Promise<OperationOutput<O>>
    // any name that is not a user-side operation lands here: checked as createAdminClient's send checks it
    checkCall(operation, input)
    return this.#admin.send(operation as never, (input ?? {}) as never, options)
  }
}

/**
 * Users, as admin functions (SigV4): create, read, update, enable / disable, confirm, reset or set
 * passwords, MFA settings, and list them page by page. Each takes the client of
 * `createAdminClient`; `UserPoolId` defaults to the client's pool. Results are the service model's
 * shapes (`AdminCognito` wraps them in `UserObj`s).
 * @module
 */
import { argError, assertOptStr, assertStr, memberOf, optionsOf, optList, ResponseError } from '../errors.ts'
import { assertBool, checkRanges } from '../lib/checks.ts'
import { isObj, isStr } from '../lib/guards.ts'
import type {
  AdminCreateUserRequest, AdminGetUserResponse, DeliveryMediumType, ListUsersResponse, MessageActionType, UserType,
} from '../operations.generated.ts'
import { dictToCognito, mfaSettings, type AttributeInput, type AttrMap, type MfaPreference } from '../user.ts'
import type { AdminClient } from './client.ts'
import { givenOf } from '../transport.ts'

/** Pool-level input: `UserPoolId` defaults to the client's pool. */
export type PoolInput<T> = Omit<T, 'UserPoolId'> & { UserPoolId?: string | undefined }

/**
 * Send a SigV4 operation with `UserPoolId` defaulting to the client's pool (also when given as undefined).
 * `call.unsafe` (a sign-in that makes Cognito send a code) keeps the request from being repeated
 * after a failure of unknown outcome, whatever the operation.
 * @internal
 */
export function adminSend<T>(admin: AdminClient, operation: string, input: { UserPoolId?: string | undefined; [member: string]: unknown }, call?: { signal?: AbortSignal | undefined; unsafe?: boolean | undefined }): Promise<T> {
  const { UserPoolId, ...rest } = input
  const pool = UserPoolId ?? adminOf(admin).userPoolId
  assertStr(pool, 'userPoolId')
  // only what is set: an undefined `signal` would hide the client's own
  return (admin.send as (o: string, i: object, c?: object) => Promise<T>)(operation, { UserPoolId: pool, ...rest }, { ...(call?.signal && { signal: call.signal }), unsafe: call?.unsafe })
}

/**
 * `admin`, checked to be an admin client (a pycognito-style call that leaves it out passes something else).
 * @internal
 */
export function adminOf(admin: AdminClient): AdminClient {
  if (typeof admin?.send !== 'function') throw argError('"admin" must come from createAdminClient()')
  return admin
}

/** `limit`, checked to be a page size for the admin lists (1 to 60) when given. @internal */
export function pageLimit(limit: unknown): number | undefined {
  checkRanges([['limit', limit, 1, 60]])
  return limit as number | undefined
}

/**
 * The objects of the list `name` of operation `op`'s answer `out` (anything else in the list is
 * dropped; none: an empty page). Something else instead of the list is a ResponseError: not "none".
 * @internal
 */
export const objects = <T>(out: object, op: string, name: string): T[] => (memberOf<unknown[] | undefined>(out, op, name, optList) ?? []).filter(isObj) as T[]

/**
 * Every item of every page: `page(token)` fetches one page (token undefined for the first). A
 * token seen before is a `ResponseError`: a server repeating it would make the walk endless.
 * @internal
 */
export async function* allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next: unknown }>): AsyncGenerator<T, void, undefined> {
  // undefined is added only on the last page, after which the walk ends
  const seen = new Set<string | undefined>()
  let token: string | undefined
  do {
    const p = await page(token)
    yield* p.items
    token = isStr(p.next) ? p.next : undefined
    if (seen.has(token)) throw new ResponseError('the server repeated a pagination token')
    seen.add(token)
  } while (token)
}

/** `v`, checked to be a non-empty string named `name`. @internal */
export function need(v: unknown, name: string): string {
  assertStr(v, name)
  return v
}

/** Options of {@link adminCreateUser}. */
export interface AdminCreateUserOptions {
  /** Sent only when given; otherwise Cognito generates one. */
  temporaryPassword?: string | undefined
  attributes?: Readonly<Record<string, AttributeInput>> | undefined
  attrMap?: AttrMap | undefined
  /** `SUPPRESS` sends no invitation; `RESEND` re-sends it to an existing user. */
  messageAction?: MessageActionType | undefined
  desiredDeliveryMediums?: DeliveryMediumType[] | undefined
  forceAliasCreation?: boolean | undefined
  clientMetadata?: Record<string, string> | undefined
  /** Any other AdminCreateUser members (pycognito's `additional_kwargs`). */
  additional?: Partial<PoolInput<AdminCreateUserRequest>> | undefined
}

/**
 * Create a user (AdminCreateUser). `TemporaryPassword` is sent only when given.
 * @returns the new user as Cognito describes it
 * @throws {UsernameExistsException} | {@link InvalidPasswordException}
 * @example
 * ```ts
 * await adminCreateUser(admin, 'bob', { temporaryPassword: 'Temp0rary!', attributes: { email: 'bob@example.com' } })
 * ```
 */
export async function adminCreateUser(admin: AdminClient, username: string, options: AdminCreateUserOptions = {}): Promise<UserType> {
  options = optionsOf(options)
  need(username, 'username')
  assertOptStr(options.temporaryPassword, 'temporaryPassword')
  const given = {
    Username: username,
    TemporaryPassword: options.temporaryPassword,
    UserAttributes: options.attributes ? dictToCognito(options.attributes, options.attrMap) : undefined,
    MessageAction: options.messageAction,
    DesiredDeliveryMediums: options.desiredDeliveryMediums,
    ForceAliasCreation: options.forceAliasCreation,
    ClientMetadata: options.clientMetadata,
  }
  // an option left out must not blank the member `additional` gives (MessageAction: 'SUPPRESS' …)
  const out = await adminSend<{ User?: UserType }>(admin, 'AdminCreateUser', { ...options.additional, ...givenOf(given) })
  return out.User ?? { Username: username }
}

/**
 * Read a user (AdminGetUser).
 * @throws {ResponseError} an answer without the required `Username`
 */
export async function adminGetUser(admin: AdminClient, username: string): Promise<AdminGetUserResponse> {
  const out = await adminSend<AdminGetUserResponse>(admin, 'AdminGetUser', { Username: need(username, 'username') })
  // a body without the required Username is not AdminGetUser's answer
  memberOf(out, 'AdminGetUser', 'Username', isStr)
  return out
}

/** Delete a user (AdminDeleteUser). */
export async function adminDeleteUser(admin: AdminClient, username: string): Promise<void> {
  await adminSend(admin, 'AdminDeleteUser', { Username: need(username, 'username') })
}

/** Enable a disabled user (AdminEnableUser). */
export async function adminEnableUser(admin: AdminClient, username: string): Promise<void> {
  await adminSend(admin, 'AdminEnableUser', { Username: need(username, 'username') })
}

/** Disable a user: sign-in then fails with NotAuthorizedException "User is disabled." (AdminDisableUser). */
export async function adminDisableUser(admin: AdminClient, username: string): Promise<void> {
  await adminSend(admin, 'AdminDisableUser', { Username: need(username, 'username') })
}

/** Update a user's attributes (AdminUpdateUserAttributes); app names are renamed back through `attrMap`. */
export async function adminUpdateProfile(admin: AdminClient, username: string, attrs: Readonly<Record<string, AttributeInput>>, attrMap?: AttrMap, options: { clientMetadata?: Record<string, string> | undefined } = {}): Promise<void> {
  const list = dictToCognito(attrs, attrMap)
  await adminSend(admin, 'AdminUpdateUserAttributes', { Username: need(username, 'username'), UserAttributes: list, ClientMetadata: optionsOf(options).clientMetadata })
}

/** Confirm a sign-up without a code (AdminConfirmSignUp). */
export async function adminConfirmSignUp(admin: AdminClient, username: string, options: { clientMetadata?: Record<string, string> | undefined } = {}): Promise<void> {
  await adminSend(admin, 'AdminConfirmSignUp', { Username: need(username, 'username'), ClientMetadata: optionsOf(options).clientMetadata })
}

/**
 * Reset a user's password (AdminResetUserPassword): the user gets a code and must pick a new
 * password; sign-in raises PasswordResetRequiredException until then.
 */
export async function adminResetPassword(admin: AdminClient, username: string, clientMetadata?: Record<string, string>): Promise<void> {
  await adminSend(admin, 'AdminResetUserPassword', { Username: need(username, 'username'), ClientMetadata: clientMetadata })
}

/**
 * Set a user's password (AdminSetUserPassword). `permanent: false` (default) makes it a temporary
 * password: the next sign-in gets NEW_PASSWORD_REQUIRED.
 * @throws {InvalidPasswordException}
 */
export async function adminSetUserPassword(admin: AdminClient, username: string, password: string, options: { permanent?: boolean | undefined } = {}): Promise<void> {
  need(username, 'username')
  need(password, 'password')
  const { permanent = false } = optionsOf(options)
  // a truthy non-boolean must not quietly make the password temporary
  assertBool(permanent, 'permanent')
  await adminSend(admin, 'AdminSetUserPassword', { Username: username, Password: password, Permanent: permanent })
}

/** MFA settings of a user (AdminSetUserMFAPreference); same rules as `setUserMfaPreference`. */
export async function adminSetUserMfaPreference(admin: AdminClient, username: string, preferences: MfaPreference): Promise<void> {
  await adminSend(admin, 'AdminSetUserMFAPreference', { Username: need(username, 'username'), ...mfaSettings(preferences) })
}

/** Options of {@link getUsers}. */
export interface ListUsersOptions {
  /** Cognito's filter syntax, e.g. `email ^= "alice"` or `status = "Enabled"`. */
  filter?: string | undefined
  /** Users per page, 1–60 (Cognito's default 60). */
  limit?: number | undefined
  /** Only these attributes in each user. */
  attributesToGet?: string[] | undefined
  /** From the previous page. */
  paginationToken?: string | undefined
  /** App names for attributes (used by `AdminCognito`'s `UserObj`s). */
  attrMap?: AttrMap | undefined
}

/**
 * One page of users (ListUsers), with Cognito's `Filter` and attribute selection.
 * @returns the users and the token of the next page (undefined on the last)
 */
export async function getUsers(admin: AdminClient, options: ListUsersOptions = {}): Promise<{ users: UserType[]; paginationToken: string | undefined }> {
  const { filter, limit, attributesToGet, paginationToken } = optionsOf(options)
  assertOptStr(paginationToken, 'paginationToken')
  const out = await adminSend<ListUsersResponse>(admin, 'ListUsers', { Filter: filter, Limit: pageLimit(limit), AttributesToGet: attributesToGet, PaginationToken: paginationToken })
  return { users: objects<UserType>(out, 'ListUsers', 'Users'), paginationToken: isStr(out.PaginationToken) ? out.PaginationToken : undefined }
}

/**
 * Every user, page after page (ListUsers).
 * @example
 * ```ts
 * for await (const user of listAllUsers(admin, { filter: 'status = "Enabled"' })) console.log(user.Username)
 * ```
 */
export function listAllUsers(admin: AdminClient, options: Omit<ListUsersOptions, 'paginationToken'> = {}): AsyncGenerator<UserType, void, undefined> {
  return allPages(async (t) => {
    const page = await getUsers(admin, t === undefined ? options : { ...options, paginationToken: t })
    return { items: page.users, next: page.paginationToken }
  })
}

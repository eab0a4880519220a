/**
 * Users and attributes of the local pool: creating a user (SignUp, AdminCreateUser, seeds), the
 * password policy, which attributes the pool accepts, changing and deleting attributes,
 * deleting a user, and the shapes a user takes in responses (UserType, attribute lists, MFA
 * fields) and in the test API (LocalUserView).
 * @module
 */
import { toBase64Url } from '../lib/bytes.ts'
import { randomBytes } from '../lib/webcrypto.ts'
import { makeVerifier } from './crypto.ts'
import { newLockout } from './lockout.ts'
import { sendVerify } from './messages.ts'
import type { LocalUserView } from './options.ts'
import { attrRecord, created, findUser, uuid, type In, type PoolState, type Status, type User } from './state.ts'
import { revokeAll } from './tokens.ts'
import { fail } from './wire.ts'

/** A snapshot of a user for the test API, without any secret. */
export function view(u: User): LocalUserView {
  return {
    username: u.username,
    sub: u.attributes.get('sub')!,
    status: u.status,
    enabled: u.enabled,
    attributes: Object.fromEntries(u.attributes),
    groups: [...u.groups],
    mfa: [...u.mfa],
    preferredMfa: u.preferred,
    passkeyMfa: u.passkeyMfa,
    passkeys: [...u.passkeys.keys()],
    devices: [...u.devices.values()].map((d) => ({ deviceKey: d.key, name: d.name, remembered: d.remembered === true, confirmed: d.verifier !== undefined })),
  }
}

/** Refuse a password the pool's policy does not allow, temporary or not. */
export function checkPolicy(s: PoolState, password: string): void {
  const bad = (what: string): never => fail('InvalidPasswordException', `Password did not conform with policy: ${what}`)
  if (typeof password !== 'string' || !password) fail('InvalidParameterException', 'Missing required parameter PASSWORD')
  const policy = s.policy
  if (password.length < policy.minimumLength) bad('Password not long enough')
  if (policy.requireLowercase && !/[a-z]/.test(password)) bad('Password must have lowercase characters')
  if (policy.requireUppercase && !/[A-Z]/.test(password)) bad('Password must have uppercase characters')
  if (policy.requireNumbers && !/[0-9]/.test(password)) bad('Password must have numeric characters')
  if (policy.requireSymbols && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password)) bad('Password must have symbol characters')
}

/** Store a new password as an SRP verifier (the password itself is never kept). */
export async function setPassword(s: PoolState, u: User, password: string): Promise<void> {
  u.verifier = await makeVerifier(s.poolName, u.username, password)
  u.modified = s.now()
}

/** A phone number as Cognito takes it: `+`, the country code and the number, digits only (E.164). */
const PHONE = /^\+\d+$/
/** An email address: one `@` between a non-empty local part and domain, no white space. */
const EMAIL = /^[^\s@]+@[^\s@]+$/

/**
 * Refuse an `email` or `phone_number` value that is not one (Cognito's "Invalid phone number
 * format.", captured; the email message is this pool's wording).
 */
export function checkFormats(values: Record<string, string>): void {
  if (values['phone_number'] !== undefined && !PHONE.test(values['phone_number'])) fail('InvalidParameterException', 'Invalid phone number format.')
  if (values['email'] !== undefined && !EMAIL.test(values['email'])) fail('InvalidParameterException', 'Invalid email address format.')
}

/**
 * Refuse attribute names outside the pool's schema and, when an existing user's attributes
 * `change`, immutable ones (`sub` always), listing every offender the way Cognito does; then
 * malformed values (see {@link checkFormats}).
 */
export function checkAttributes(s: PoolState, names: Iterable<string>, change: boolean, values: Record<string, string> = {}): void {
  const problems: string[] = []
  for (const name of names) {
    const def = s.schema.get(name)
    if (!def) problems.push(`${name}: Attribute does not exist in the schema.\n`)
    else if (name === 'sub' || (change && !def.mutable)) problems.push(`${name}: Attribute cannot be updated.\n`)
  }
  if (problems.length) fail('InvalidParameterException', `Attributes did not conform to the schema: ${problems.join('')}`)
  checkFormats(values)
}

/** Whether a sign-in name has the format of an email address or a phone number. */
const looksLike = (attr: string, name: string): boolean => (attr === 'email' ? name.includes('@') : attr === 'phone_number' && PHONE.test(name))

/**
 * The checks of a new user's name and attributes that need no lookup (see {@link createUser});
 * returns the username attribute the name is the value of, if any.
 */
export function checkNewUser(s: PoolState, name: string, attrs: Record<string, string>): 'email' | 'phone_number' | undefined {
  checkAttributes(s, Object.keys(attrs), false, attrs)
  const usernameAttrs = s.usernameAttributes
  const usingAttr = usernameAttrs.find((a) => looksLike(a, name))
  if (usernameAttrs.length && !usingAttr) {
    fail('InvalidParameterException', `Username should be ${usernameAttrs.includes('email') ? 'an email' : 'a phone number'}.`)
  }
  const alias = s.aliasAttributes.find((a) => looksLike(a, name))
  if (alias === 'email') fail('InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.')
  if (alias) fail('InvalidParameterException', 'Username cannot be of phone number format, since user pool is configured for phone number alias.')
  // the sign-in name is that attribute's value
  if (usingAttr) checkFormats({ [usingAttr]: name })
  return usingAttr
}

/**
 * Create a user; in a pool with username attributes `name` is an email or phone and the internal
 * username is the sub. A pool with an email or phone alias refuses usernames of that format, as
 * Cognito does (the email message is Cognito's; the phone one is this pool's wording).
 */
export async function createUser(s: PoolState, name: string, password: string | undefined, attrs: Record<string, string>, status: Status): Promise<User> {
  const usingAttr = checkNewUser(s, name, attrs)
  const sub = uuid()
  const username = usingAttr ? sub : name
  if (findUser(s, name) || findUser(s, username)) fail('UsernameExistsException', usingAttr ? 'An account with the given email already exists.' : 'User already exists')
  const u = userRecord(s, username, status)
  for (const [k, v] of [['sub', sub], ...Object.entries(attrs)] as const) u.attributes.set(k, v)
  if (usingAttr) u.attributes.set(usingAttr, name)
  if (password !== undefined) await setPassword(s, u, password)
  s.users.set(username.toLowerCase(), u)
  return u
}

/** A user record with no attributes, password or history (createUser fills and stores it). */
export function userRecord(s: PoolState, username: string, status: Status): User {
  const t = s.now()
  return created(s, {
    username,
    attributes: new Map(),
    status,
    enabled: true,
    verifier: undefined,
    tempPasswordSet: status === 'FORCE_CHANGE_PASSWORD' ? t : 0,
    created: t,
    modified: t,
    groups: new Set(),
    mfa: new Set(),
    preferred: undefined,
    passkeyMfa: false,
    totpSecret: undefined,
    totpPending: undefined,
    totpLastStep: -1,
    devices: new Map(),
    deviceGroupKey: '-' + toBase64Url(randomBytes(6)), // 6 bytes: 8 characters, as in a real sample ("-nNwnPidS")
    codes: new Map(),
    lockout: newLockout(),
    codeFailures: 0,
    codeLockedUntil: 0,
    origins: new Map(),
    accessTokens: new Map(),
    passkeys: new Map(),
    passkeyChallenge: undefined,
  })
}

/**
 * Apply a request's attribute list. A changed email or phone number becomes unverified and, when
 * the pool auto-verifies it, gets a code; returns those codes' CodeDeliveryDetails. An address
 * another user signs in with is AliasExistsException.
 */
export function updateAttributes(s: PoolState, u: User, list: unknown): Array<Record<string, string>> {
  const attrs = attrRecord(list)
  checkAttributes(s, Object.keys(attrs), true, attrs)
  // an address another user signs in with (username attribute, or an alias set verified here)
  for (const a of ['email', 'phone_number']) {
    const claimed = (s.usernameAttributes as readonly string[]).includes(a) || attrs[`${a}_verified`] === 'true'
    if (claimed) refuseTaken(s, u, a, attrs[a])
  }
  const deliveries: Array<Record<string, string>> = []
  for (const [k, v] of Object.entries(attrs)) {
    const changed = u.attributes.get(k) !== v
    u.attributes.set(k, v)
    if ((k === 'email' || k === 'phone_number') && changed && attrs[`${k}_verified`] === undefined) {
      u.attributes.set(`${k}_verified`, 'false')
      if (s.autoVerifiedAttributes.includes(k)) deliveries.push(sendVerify(s, u, k))
    }
  }
  u.modified = s.now()
  return deliveries
}

/**
 * Make `u`'s values of `attrs`, about to be verified, its sign-in aliases. When another user holds
 * the same value as a verified alias: AliasExistsException, or with `force` (ConfirmSignUp's
 * ForceAliasCreation) the alias moves to `u` and the other user's value becomes unverified.
 */
export function claimAliases(s: PoolState, u: User, attrs: readonly string[], force: boolean): void {
  const taken: Array<[string, User]> = []
  for (const a of attrs) {
    const o = signInHolder(s, u, a, u.attributes.get(a))
    if (o) taken.push([a, o])
  }
  if (taken.length && !force) aliasExists(taken[0]![0])
  for (const [a, o] of taken) o.attributes.set(`${a}_verified`, 'false')
}

const aliasExists = (attr: string): never => fail('AliasExistsException', `An account with the ${attr} already exists.`)

/** AliasExistsException when another user signs in with `value` of `attr` (see {@link signInHolder}). */
export function refuseTaken(s: PoolState, u: User, attr: string, value: string | undefined): void {
  if (signInHolder(s, u, attr, value)) aliasExists(attr)
}

/** The other user who signs in with `value` of `attr`: as their username attribute, or as a verified alias. */
function signInHolder(s: PoolState, u: User, attr: string, value: string | undefined): User | undefined {
  const asUsername = (s.usernameAttributes as readonly string[]).includes(attr)
  if (!value || (!asUsername && !(s.aliasAttributes as readonly string[]).includes(attr))) return undefined
  const v = value.toLowerCase()
  for (const o of s.users.values()) {
    if (o !== u && o.attributes.get(attr)?.toLowerCase() === v && (asUsername || o.attributes.get(`${attr}_verified`) === 'true')) return o
  }
  return undefined
}

/** DeleteUserAttributes / AdminDeleteUserAttributes: `sub`, username attributes and immutable ones cannot go. */
export function deleteAttributes(s: PoolState, u: User, input: In): Record<string, never> {
  const names = input['UserAttributeNames'] as string[]
  for (const n of names) if (n === 'sub' || (s.usernameAttributes as readonly string[]).includes(n)) fail('InvalidParameterException', `Cannot delete the attribute ${n}.`)
  checkAttributes(s, names, true)
  for (const n of names) u.attributes.delete(n)
  u.modified = s.now()
  return {}
}

/** Delete a user and revoke every token it holds. */
export function deleteUser(s: PoolState, u: User): void {
  revokeAll(s, u)
  s.users.delete(u.username.toLowerCase())
}

// ---------------------------------------------------------------- response shapes

/** The user's attributes as `[{Name, Value}]`, optionally only those named in `only`. */
export const attrList = (u: User, only?: unknown): Array<{ Name: string; Value: string }> =>
  [...u.attributes].filter(([k]) => !Array.isArray(only) || only.includes(k)).map(([Name, Value]) => ({ Name, Value }))

/** UserMFASettingList and PreferredMfaSetting, when the user has MFA. */
export const mfaFields = (u: User): Record<string, unknown> => {
  const list = [...u.mfa]
  return list.length ? { UserMFASettingList: list, ...(u.preferred ? { PreferredMfaSetting: u.preferred } : {}) } : {}
}

/** Cognito's UserType. */
export const userType = (u: User, only?: unknown): Record<string, unknown> => ({
  Username: u.username,
  Attributes: attrList(u, only),
  UserCreateDate: u.created / 1000,
  UserLastModifiedDate: u.modified / 1000,
  Enabled: u.enabled,
  UserStatus: u.status,
})

/**
 * The users a developer seeds (`createLocalPool({ users })`, `pool.addUser`): each seed is checked
 * before anything is created, and every mistake is an ArgumentError naming the seed and its member
 * (a name given twice, an attribute outside the schema, a malformed email or phone number, MFA
 * the user could never answer), never a Cognito error answered to some later request. Then the
 * user is created with its verified contacts, groups and MFA.
 * @module
 */
import { ArgumentError } from '../errors.ts'
import { isObj, isStr } from '../lib/guards.ts'
import type { LocalUserSeed, LocalUserView } from './options.ts'
import { created, type Mfa, type PoolState } from './state.ts'
import { base32Decode } from './crypto.ts'
import { checkNewUser, createUser, view } from './users.ts'
import { PoolError } from './wire.ts'

const SEED_MEMBERS = ['username', 'password', 'attributes', 'status', 'enabled', 'groups', 'totpSecret', 'mfa', 'preferredMfa']
const STATUSES = ['CONFIRMED', 'UNCONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED']
const MFA_TYPES = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']

/**
 * What the pool would answer a request with, as the developer's mistake it is here: an
 * ArgumentError naming the seed, whose `cause` is the pool's refusal (its own message alone).
 */
function asArgument(e: unknown, where: string, name: unknown): unknown {
  if (!(e instanceof PoolError)) return e
  const err = new ArgumentError(`"${where}" ${JSON.stringify(name)}: ${e.message.trim()}`, 'ERR_INVALID_ARG_VALUE')
  Object.defineProperty(err, 'cause', { value: e, enumerable: false, writable: true, configurable: true })
  return err
}

/** Whether `secret` is base32 the pool computes TOTP codes from (the same decoder). */
function decodes(secret: string): boolean {
  try {
    return base32Decode(secret).length > 0
  } catch {
    return false
  }
}

/** The seed's attributes with the contacts it gives marked verified unless it says otherwise. */
function seedAttributes(s: PoolState, seed: LocalUserSeed): Record<string, string> {
  const attrs = { ...seed.attributes }
  if (attrs['email'] !== undefined && attrs['email_verified'] === undefined) attrs['email_verified'] = 'true'
  if (attrs['phone_number'] !== undefined && attrs['phone_number_verified'] === undefined) attrs['phone_number_verified'] = 'true'
  if (s.usernameAttributes.includes('email') && seed.username.includes('@')) attrs['email_verified'] ??= 'true'
  return attrs
}

/** Check one seed (`where` names it: `users[2]`, `seed`); throws an ArgumentError for the first mistake. */
export function checkSeed(s: PoolState, seed: unknown, where: string): asserts seed is LocalUserSeed {
  const fault = (member: string, must: string): never => {
    throw new ArgumentError(`"${where}.${member}" ${must}`, 'ERR_INVALID_ARG_VALUE')
  }
  if (!isObj(seed)) throw new ArgumentError(`"${where}" must be a user seed object, like { username, password }`)
  for (const k of Object.keys(seed)) if (!SEED_MEMBERS.includes(k)) fault(k, `is not a member of a user seed (${SEED_MEMBERS.join(', ')})`)
  const x = seed as unknown as LocalUserSeed
  if (!isStr(x.username)) fault('username', 'must be a non-empty string')
  if (x.password !== undefined && !isStr(x.password)) fault('password', 'must be a non-empty string, or left out for a user without a password')
  const attrs: unknown = x.attributes ?? {}
  if (!isObj(attrs)) fault('attributes', 'must be an object of strings, like { email: "sam@example.com" }')
  for (const [k, v] of Object.entries(attrs as object)) if (typeof v !== 'string') fault(`attributes.${k}`, 'must be a string')
  if (x.status !== undefined && !STATUSES.includes(x.status)) fault('status', `must be one of ${STATUSES.join(', ')}`)
  if (x.enabled !== undefined && typeof x.enabled !== 'boolean') fault('enabled', 'must be a boolean')
  if (x.groups !== undefined && !(Array.isArray(x.groups) && x.groups.every(isStr))) fault('groups', 'must be an array of group names')
  if (x.totpSecret !== undefined && !(typeof x.totpSecret === 'string' && decodes(x.totpSecret))) {
    fault('totpSecret', 'must be a base32 secret, as an authenticator app takes it (e.g. "JBSWY3DPEHPK3PXP")')
  }
  if (x.mfa !== undefined && !(Array.isArray(x.mfa) && x.mfa.every((m) => MFA_TYPES.includes(m)))) fault('mfa', `must be an array of ${MFA_TYPES.join(', ')}`)
  const mfa = new Set<string>([...(x.mfa ?? []), ...(x.totpSecret ? ['SOFTWARE_TOKEN_MFA'] : [])])
  const values = seedAttributes(s, x)
  // the sign-in name is the email or phone number in a pool that signs in with one
  const has = (a: 'email' | 'phone_number'): boolean => !!values[a] || (s.usernameAttributes.includes(a) && (a === 'email' ? x.username.includes('@') : x.username.startsWith('+')))
  if (mfa.has('SOFTWARE_TOKEN_MFA') && !x.totpSecret) fault('mfa', 'has SOFTWARE_TOKEN_MFA but the seed has no "totpSecret" to compute codes with (or call pool.setMfa(name, { totp: true }))')
  if (mfa.has('SMS_MFA') && !has('phone_number')) fault('mfa', 'has SMS_MFA but the user has no phone_number attribute to send codes to')
  if (mfa.has('EMAIL_OTP') && !has('email')) fault('mfa', 'has EMAIL_OTP but the user has no email attribute to send codes to')
  if (x.preferredMfa !== undefined && !mfa.has(x.preferredMfa)) fault('preferredMfa', 'must be an MFA type the seed turns on (in "mfa", or SOFTWARE_TOKEN_MFA with "totpSecret")')
  try {
    checkNewUser(s, x.username, values)
  } catch (e) {
    throw asArgument(e, where, x.username)
  }
}

/** Check the seeds of `createLocalPool({ users })`, and that no name comes twice (names are case-insensitive). */
export function checkSeeds(s: PoolState, seeds: readonly unknown[]): void {
  const names = new Set<string>()
  for (const [i, seed] of seeds.entries()) {
    checkSeed(s, seed, `users[${i}]`)
    const name = seed.username.toLowerCase()
    if (names.has(name)) throw new ArgumentError(`"users[${i}].username" ${JSON.stringify(seed.username)} is given more than once (user names are case-insensitive)`, 'ERR_INVALID_ARG_VALUE')
    names.add(name)
  }
}

/** Check a seed (`addUser`), then create its user. */
export async function seedUser(s: PoolState, seed: LocalUserSeed, where = 'seed'): Promise<LocalUserView> {
  checkSeed(s, seed, where)
  return createSeeded(s, seed, where)
}

/** Create the user of a seed already checked: verified contacts, groups and MFA as given. */
export async function createSeeded(s: PoolState, seed: LocalUserSeed, where: string): Promise<LocalUserView> {
  let u
  try {
    u = await createUser(s, seed.username, seed.password, seedAttributes(s, seed), seed.status ?? 'CONFIRMED')
  } catch (e) {
    // a name already taken: the one mistake only the pool's users can show
    throw asArgument(e, where, seed.username)
  }
  u.enabled = seed.enabled ?? true
  for (const gname of seed.groups ?? []) {
    if (!s.groups.has(gname)) s.groups.set(gname, created(s, { GroupName: gname, created: s.now(), modified: s.now() }))
    u.groups.add(gname)
  }
  if (seed.totpSecret) {
    u.totpSecret = seed.totpSecret
    u.mfa.add('SOFTWARE_TOKEN_MFA')
  }
  for (const m of seed.mfa ?? []) u.mfa.add(m as Mfa)
  u.preferred = seed.preferredMfa
  return view(u)
}

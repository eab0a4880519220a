/**
 * The local pool's shared state: its options with their defaults applied, its clock, its app
 * clients and every map it keeps (users, groups, sessions, SRP exchanges, refresh tokens, logs).
 * Each room of the pool (sign-in, users, codes, devices, MFA, tokens, admin, HTTP) is a set of
 * functions over one {@link PoolState}; nothing else holds pool data. Also the few value helpers
 * every room uses (lookups of users and clients, request-field readers, paging).
 * @module
 */
import { bytesToBig, fromBase64Url, toBase64, toBase64Url, utf8, utf8Decode } from '../lib/bytes.ts'
import { randomBytes } from '../lib/webcrypto.ts'
import { ArgumentError } from '../errors.ts'
import { isStr } from '../lib/guards.ts'
import { poolNameOf, regionFromPoolId } from '../lib/pool-id.ts'
import { base32Encode, type ServerEphemeral, type SigningKey, type Verifier } from './crypto.ts'
import type { CallRecord, LocalClientConfig, LocalPoolOptions, SentMessage } from './options.ts'
import { attributeSchema, checkOptions, firstFactors, passkeyMfaAllowed, recoveryOrder, relyingParty } from './settings.ts'
import { fail } from './wire.ts'

// ---------------------------------------------------------------- records

export type Status = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED'
export type Mfa = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'

/** A device a user signed in from (remembered once ConfirmDevice stored its verifier). */
export interface Device {
  key: string
  groupKey: string
  name: string | undefined
  verifier: Verifier | undefined
  remembered: boolean | undefined
  created: number
  modified: number
  lastAuth: number
}

/** A user of the pool. The password is kept only as an SRP verifier. */
export interface User {
  username: string
  attributes: Map<string, string>
  status: Status
  enabled: boolean
  verifier: Verifier | undefined
  tempPasswordSet: number
  created: number
  modified: number
  groups: Set<string>
  mfa: Set<Mfa>
  preferred: Mfa | undefined
  /** Passkey MFA (WebAuthnMfaSettings) turned on; not one of the `mfa` types (see mfa.ts). */
  passkeyMfa: boolean
  totpSecret: string | undefined
  totpPending: string | undefined
  totpLastStep: number
  devices: Map<string, Device>
  deviceGroupKey: string
  /** Pending codes by kind (signup, forgot, verify:<attr>), with the attribute each was sent to. */
  codes: Map<string, { code: string; expires: number; attr?: string }>
  lockout: Lockout
  codeFailures: number
  codeLockedUntil: number
  /** The origin_jti of each sign-in whose tokens may still be in use, with the sign-in's pool time. */
  origins: Map<string, number>
  /** The jti of each access token issued and not revoked by AdminDisableUser, with its expiry (pool ms). */
  accessTokens: Map<string, number>
  /** Registered passkeys by credential id (base64url); see webauthn.ts. */
  passkeys: Map<string, Passkey>
  /** The StartWebAuthnRegistration challenge waiting for its CompleteWebAuthnRegistration (one at a time). */
  passkeyChallenge: { challenge: string; clientId: string; expires: number } | undefined
}

/** A registered passkey: its public key (a JWK and COSE algorithm) and what ListWebAuthnCredentials shows. */
export interface Passkey {
  id: string
  key: { alg: number; jwk: JsonWebKey }
  signCount: number
  rpId: string
  name: string
  attachment: string | undefined
  transports: string[]
  created: number
}

/** Failed-password bookkeeping of a user, or of a name no user has (see lockout.ts). */
export interface Lockout {
  /** Failed passwords since the count last started (attempts during a lockout are not counted). */
  failures: number
  /** Pool time the current lockout ends; 0 when none. */
  lockedUntil: number
  /** Pool time of the last password attempt, refused ones included. */
  lastAttempt: number
}

/** An app client with its id settled (and a generated secret, when one was asked for). */
export interface Client extends LocalClientConfig {
  clientId: string
}

/** One sign-in in progress, from InitiateAuth to its tokens. */
export interface Flow {
  user: User
  client: Client
  admin: boolean
  deviceKey?: string | undefined
  deviceDone?: boolean
  skipMfa?: boolean
  custom?: { results: boolean[]; answer: string }
  meta?: Record<string, string> | undefined
  /** Every Session id issued in this flow: all point at the flow's current state. */
  sids?: string[]
}

/** A challenge `Session`: the flow it belongs to and the answer it waits for. */
export interface Sess {
  flow: Flow
  expect: string
  expires: number
  data: Record<string, string>
}

/** The server's half of one SRP exchange, named by its SECRET_BLOCK. */
export interface Srp {
  flow: Flow | undefined
  kind: 'user' | 'device'
  A: bigint
  eph: ServerEphemeral
  v: bigint
  prefix: string
  id: string
  expires: number
  clientId: string
  /** For the simulated exchange of an unknown name: that name, whose lockout a wrong answer counts toward. */
  unknownName?: string
}

/** What a refresh token stands for. */
export interface Refresh {
  username: string
  clientId: string
  origin: string
  deviceKey: string | undefined
  authTime: number
  expires: number
  /** Set when a rotation replaced it: still valid until then. */
  graceUntil: number | undefined
}

/** A group of the pool. */
export interface Group {
  GroupName: string
  Description?: string
  Precedence?: number
  RoleArn?: string
  created: number
  modified: number
}

/** A parsed request body. */
export type In = Record<string, unknown>
/** The body of one operation: the parsed request in, the response body out (or a thrown PoolError). */
export type Handler = (input: In) => Promise<unknown> | unknown
/** Operation handlers by operation name; each room contributes its own. */
export type Operations = Record<string, Handler>

// ---------------------------------------------------------------- the state

/** Everything one pool knows. Created once by {@link createPoolState}. */
export interface PoolState {
  readonly options: LocalPoolOptions
  readonly poolId: string
  readonly region: string
  /** The part of the pool id after `_`: SRP's pool name. */
  readonly poolName: string
  readonly issuer: string
  /** The pool's clock, ms since epoch. */
  readonly now: () => number
  readonly policy: Required<NonNullable<LocalPoolOptions['passwordPolicy']>>
  readonly tracking: { challengeRequiredOnNewDevice?: boolean; deviceOnlyRememberedOnUserPrompt?: boolean } | undefined
  readonly maxPasswordAttempts: number
  readonly maxCodeAttempts: number
  readonly lockoutMs: number
  readonly timestampWindowMs: number
  readonly maxBodyBytes: number
  readonly mfaMode: 'OFF' | 'OPTIONAL' | 'ON'
  /** Whether users may turn on passkey MFA (WebAuthn FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION). */
  readonly passkeyMfa: boolean
  readonly usernameAttributes: ReadonlyArray<'email' | 'phone_number'>
  readonly aliasAttributes: ReadonlyArray<'email' | 'phone_number' | 'preferred_username'>
  readonly autoVerifiedAttributes: ReadonlyArray<'email' | 'phone_number'>
  /** Where reset codes may go, in order: the `accountRecovery` option's attributes, else the legacy order (see messages.ts); `adminOnly`: none. */
  readonly recovery: { order: ReadonlyArray<'email' | 'phone_number'>; setting: boolean; adminOnly: boolean }
  readonly firstFactors: ReadonlyArray<'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN'>
  /** The relying party passkeys are bound to, and whether they must verify the user (the `webAuthn` option). */
  readonly webAuthn: { rpId: string; userVerification: 'required' | 'preferred' }
  /** The attributes users may have, by name, with their mutability (see {@link attributeSchema}). */
  readonly schema: ReadonlyMap<string, { mutable: boolean }>
  /** Key of the stable fake salts given to unknown users. */
  readonly fakeKey: Uint8Array
  /** This pool's mark in its page tokens: another pool's tokens are refused (see {@link page}). */
  readonly pageKey: string
  /** The creation order of listed items (users, groups, devices, passkeys): see {@link created}. */
  readonly serials: { last: number; of: WeakMap<object, number> }
  /** What admin (SigV4) requests must be signed with: the configured credentials or generated ones. */
  readonly credentials: Readonly<{ accessKeyId: string; secretAccessKey: string }>
  readonly clients: Client[]
  readonly users: Map<string, User>
  readonly groups: Map<string, Group>
  readonly sessions: Map<string, Sess>
  readonly providers: Map<string, Record<string, unknown>>
  readonly srps: Map<string, Srp>
  /** Lockouts of names no user has, by lowercased name (bounded: see lockout.ts). */
  readonly unknownLockouts: Map<string, Lockout>
  /** A verifier no password matches: checked for unknown names so they cost the same work as known ones. */
  readonly decoyVerifier: Verifier
  readonly refreshTokens: Map<string, Refresh>
  /** Revoked sign-ins (origin_jti) with the pool time of the revocation. */
  readonly revokedOrigins: Map<string, number>
  readonly messages: SentMessage[]
  readonly calls: CallRecord[]
  readonly faults: Array<{ op: string; status: number; type: string; message: string; times: number }>
  /** When the last sweep ran (pool time) and the requests since (see sweep.ts). */
  readonly upkeep: { lastSweep: number; requests: number }
  /** The token-signing key pair; the promise is kept, not its result, so concurrent first requests share one. */
  keys: Promise<[SigningKey, SigningKey]> | undefined
}

/** The state behind each pool object (for tests that look inside; not exported by the package). */
export const stateOfPool: WeakMap<object, PoolState> = new WeakMap()

/** Validate the options (typed errors before anything is served) and build the empty state. */
export function createPoolState(options: LocalPoolOptions): PoolState {
  if (options === null || typeof options !== 'object') throw new ArgumentError('"options" must be an object')
  const poolId = options.poolId ?? 'us-east-1_LocalPool1'
  const region = regionFromPoolId(poolId)
  if (options.clock !== undefined && typeof options.clock !== 'function') throw new ArgumentError('"clock" must be a function returning ms since epoch')
  if (options.customAuth !== undefined && typeof options.customAuth !== 'function') throw new ArgumentError('"customAuth" must be a function')
  for (const k of ['users', 'clients'] as const) {
    const v = options[k]
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => x === null || typeof x !== 'object'))) throw new ArgumentError(`"${k}" must be an array of objects`)
  }
  checkOptions(options)
  const ids = (options.clients ?? []).map((c) => c.clientId).filter((x) => x !== undefined)
  if (new Set(ids).size !== ids.length) throw new ArgumentError('"clients" must have distinct clientIds', 'ERR_INVALID_ARG_VALUE')
  const clock = options.clock ?? Date.now
  const given = options.credentials
  if (given !== undefined && (given === null || typeof given !== 'object' || !isStr(given.accessKeyId) || !isStr(given.secretAccessKey))) {
    throw new ArgumentError('"credentials" must have a non-empty "accessKeyId" and "secretAccessKey" (or leave it out: the pool generates them)')
  }
  return {
    options,
    poolId,
    region,
    poolName: poolNameOf(poolId),
    issuer: (options.issuer ?? `https://cognito-idp.${region}.amazonaws.com/${poolId}`).replace(/\/$/, ''),
    now: () => clock(),
    policy: {
      minimumLength: 8,
      requireUppercase: true,
      requireLowercase: true,
      requireNumbers: true,
      requireSymbols: true,
      ...options.passwordPolicy,
      // PasswordPolicyType (API reference): "Defaults to 7. If you submit a value of 0, Amazon
      // Cognito treats it as a null value and sets TemporaryPasswordValidityDays to its default value."
      temporaryPasswordValidityDays: options.passwordPolicy?.temporaryPasswordValidityDays || 7,
    },
    tracking: options.deviceTracking === true ? {} : options.deviceTracking || undefined,
    maxPasswordAttempts: options.maxPasswordAttempts ?? 5,
    maxCodeAttempts: options.maxCodeAttempts ?? 5,
    lockoutMs: (options.lockoutSeconds ?? 900) * 1000,
    timestampWindowMs: (options.timestampWindowSeconds ?? 300) * 1000,
    maxBodyBytes: options.maxBodyBytes ?? 131072,
    mfaMode: options.mfa ?? 'OPTIONAL',
    passkeyMfa: passkeyMfaAllowed(options.webAuthn),
    webAuthn: relyingParty(options.webAuthn),
    usernameAttributes: options.usernameAttributes ?? [],
    aliasAttributes: options.aliasAttributes ?? [],
    autoVerifiedAttributes: options.autoVerifiedAttributes ?? ['email'],
    recovery: recoveryOrder(options.accountRecovery),
    firstFactors: firstFactors(options.allowedFirstAuthFactors),
    schema: attributeSchema(options.schema),
    fakeKey: randomBytes(32),
    pageKey: toBase64Url(randomBytes(9)),
    serials: { last: 0, of: new WeakMap() },
    credentials: credentialsObject(given ?? generateCredentials()),
    // a generated client id is 16 random bytes in unpadded base32: 26 characters, like Cognito's
    clients: (options.clients ?? [{}]).map((c, i) => ({
      ...c,
      clientId: c.clientId ?? (i === 0 ? 'localclient000000000000000' : base32Encode(randomBytes(16)).toLowerCase()),
      ...(c.clientSecret === true ? { clientSecret: base32Encode(randomBytes(32)).toLowerCase().slice(0, 51) } : {}),
    })),
    users: new Map(),
    groups: new Map(),
    sessions: new Map(),
    providers: new Map(),
    srps: new Map(),
    unknownLockouts: new Map(),
    decoyVerifier: { salt: bytesToBig(randomBytes(16)), v: bytesToBig(randomBytes(384)) },
    refreshTokens: new Map(),
    revokedOrigins: new Map(),
    messages: [],
    calls: [],
    faults: [],
    upkeep: { lastSweep: clock(), requests: 0 },
    keys: undefined,
  }
}

/**
 * Admin credentials for a pool given none, shaped like AWS keys: `AKIALOCAL` and 11 base32
 * characters, and a 40-character base64 secret. Also what `cognito-edge local` writes to its
 * credentials file.
 */
export function generateCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'AKIALOCAL' + base32Encode(randomBytes(8)).slice(0, 11), secretAccessKey: toBase64(randomBytes(30)) }
}

/**
 * The pool's credentials whose JSON, `String()` and Node/Deno inspection show the access key id
 * only; spreading it or reading `secretAccessKey` still gives the secret. The two keys are
 * read-only, but the object is not frozen: the AWS SDK v3 records where credentials came from on
 * the object it is given (`$source`), and failed on a frozen one.
 */
function credentialsObject(c: { accessKeyId: string; secretAccessKey: string }): Readonly<{ accessKeyId: string; secretAccessKey: string }> {
  const { accessKeyId, secretAccessKey } = c
  const shown = (): Record<string, string> => ({ accessKeyId, secretAccessKey: '[hidden]' })
  const out = {} as { accessKeyId: string; secretAccessKey: string }
  Object.defineProperties(out, {
    accessKeyId: { value: accessKeyId, enumerable: true },
    secretAccessKey: { value: secretAccessKey, enumerable: true },
    toJSON: { value: () => ({ accessKeyId }) },
    toString: { value: () => `[local pool credentials ${accessKeyId}]` },
    [Symbol.for('nodejs.util.inspect.custom')]: { value: shown },
    [Symbol.for('Deno.customInspect')]: { value: shown },
  })
  return out
}

// ---------------------------------------------------------------- lookups every room uses

/** A user by sign-in name: username, sub, username attribute or verified alias (case-insensitive). */
export function findUser(s: PoolState, name: string): User | undefined {
  if (typeof name !== 'string' || !name) return undefined
  const lower = name.toLowerCase()
  const direct = s.users.get(lower)
  if (direct) return direct
  for (const u of s.users.values()) {
    if (u.attributes.get('sub') === name) return u
    for (const a of s.usernameAttributes) if (u.attributes.get(a)?.toLowerCase() === lower) return u
    for (const a of s.aliasAttributes) {
      const verified = a === 'preferred_username' || u.attributes.get(`${a}_verified`) === 'true'
      if (verified && u.attributes.get(a)?.toLowerCase() === lower) return u
    }
  }
  return undefined
}

/** Number a new user, group, device or passkey in creation order, the order listings show them in; returns it. */
export function created<T extends object>(s: PoolState, item: T): T {
  s.serials.of.set(item, ++s.serials.last)
  return item
}

/** An item's place in creation order as a page key (see {@link page}): fixed-width, so it sorts as text. */
export const creationKey = (s: PoolState, item: object): string => String(s.serials.of.get(item) ?? 0).padStart(12, '0')

/** The app client a request names, or ResourceNotFoundException. */
export function getClient(s: PoolState, id: unknown): Client {
  const c = s.clients.find((x) => x.clientId === id)
  if (!c) fail('ResourceNotFoundException', `User pool client ${String(id)} does not exist.`)
  return c
}

/** The user an admin request names (`UserPoolId` + `Username`), or UserNotFoundException. */
export function adminUser(s: PoolState, input: In): User {
  checkPool(s, input['UserPoolId'])
  const u = findUser(s, String(input['Username']))
  if (!u) fail('UserNotFoundException', 'User does not exist.')
  return u
}

/** Refuse a request naming another pool. */
export function checkPool(s: PoolState, id: unknown): void {
  if (id !== s.poolId) fail('ResourceNotFoundException', `User pool ${String(id)} does not exist.`)
}

// ---------------------------------------------------------------- value helpers

export const uuid = (): string => globalThis.crypto.randomUUID()
/** A random six-digit code. */
export const code6 = (): string => String(Number(bytesToBig(randomBytes(6)) % 1_000_000n)).padStart(6, '0')
/** ms → whole seconds (JWT times). */
export const secs = (ms: number): number => Math.floor(ms / 1000)
/** A non-empty string field, else undefined. */
export const sval = (v: unknown): string | undefined => (isStr(v) ? v : undefined)
/** The string members of a request map (AuthParameters, ChallengeResponses, ClientMetadata…). */
export const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {}
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x
  return out
}
/** An opaque Session id shaped like Cognito's (`AYABe…`). */
export const sessionId = (): string => 'AYABe' + toBase64Url(randomBytes(120))

/*
 * Error messages. With a public capture (protocol.md §2.6 / §5): "Incorrect username or
 * password.", "Password attempts exceeded", "Refresh Token has been revoked", "Unable to verify
 * secret hash for client <id>", "Client <id> is configured for secret but secret was not received",
 * "User does not exist.", "Invalid code or auth state for the user.", "Invalid code provided,
 * please request a code again.", "Attempt limit exceeded, please try after some time.", the
 * `{"code":"BadRequest",…}` answer to unroutable requests, and the awsJson validator wording.
 * Common in public client code without a capture: "User is not confirmed.", "Password reset
 * required for the user", "Invalid verification code provided, please try again.", "User is
 * disabled.", "Code mismatch and fail enable Software Token MFA", "Username cannot be of email
 * format, since user pool is configured for email alias.", "An account with the <attribute>
 * already exists.". Every other message (access-token and session messages, InvalidParameterException
 * details, SerializationException, the 413 answer) is this pool's own wording: match on `__type`,
 * never on these strings.
 */
export const INCORRECT = 'Incorrect username or password.'

/** A request's `[{ Name, Value }]` attribute list as a record (prototype-free: `__proto__` is just a name). */
export function attrRecord(list: unknown): Record<string, string> {
  const attrs: Record<string, string> = Object.create(null)
  for (const a of (list ?? []) as Array<{ Name: string; Value?: string }>) attrs[a.Name] = a.Value ?? ''
  return attrs
}

/** InvalidParameterException for a missing AuthParameters / ChallengeResponses member. */
export const missing = (name: string): never => fail('InvalidParameterException', `Missing required parameter ${name}`)

/**
 * One page of a listing, with Cognito's paging contract: the token a page names (`tokenKey`:
 * `PaginationToken`, or `NextToken` for groups, devices and passkeys) is opaque, good only for
 * the same `listing` (the operation and what it lists, e.g. `ListUsersInGroup:admins`) of the
 * same pool; any other is InvalidParameterException. Items are ordered by `keyOf` (by default
 * their creation order) and a token carries the last key returned, so deleting or adding items
 * between pages (a clean-up loop that deletes each page) neither skips nor repeats the others. `Limit` 0 or none is the
 * default page size, so a paginator always moves on; the last page names no token.
 */
export function page<T>(
  s: PoolState,
  listing: string,
  items: T[],
  input: In,
  keyOf: (item: T) => string = (item) => creationKey(s, item as object),
  o: { tokenKey?: 'PaginationToken' | 'NextToken'; limit?: number; size?: number } = {},
): { items: T[]; more: Record<string, string> } {
  const tokenKey = o.tokenKey ?? 'PaginationToken'
  const keyed = items.map((item) => [keyOf(item), item] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const token = sval(input[tokenKey])
  let after: string | undefined
  if (token !== undefined) {
    let parts: unknown
    try {
      parts = JSON.parse(utf8Decode(fromBase64Url(token), tokenKey))
    } catch {
      // not one of ours: refused below
    }
    const [key, list, last] = Array.isArray(parts) ? parts : []
    if (key !== s.pageKey || list !== listing || typeof last !== 'string') fail('InvalidParameterException', 'Invalid pagination token.')
    after = last
  }
  const limit = o.limit ?? input['Limit']
  const size = typeof limit === 'number' && limit > 0 ? limit : (o.size ?? 60)
  const rest = after === undefined ? keyed : keyed.filter(([k]) => k > after)
  const shown = rest.slice(0, size)
  const more = rest.length > size ? { [tokenKey]: toBase64Url(utf8(JSON.stringify([s.pageKey, listing, shown[shown.length - 1]![0]]))) } : {}
  return { items: shown.map(([, item]) => item), more }
}

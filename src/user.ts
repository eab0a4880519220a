/**
 * User and group objects (pycognito's `UserObj` / `GroupObj`) and the attribute-mapping helpers
 * (`cognito_to_dict` / `dict_to_cognito`), without pycognito's in-place mutation of inputs.
 * @module
 */
import { argError } from './errors.ts'
import { assertBool } from './lib/checks.ts'
import { isObj as isObject } from './lib/guards.ts'
import type { AttributeType, CodeDeliveryDetailsType, GroupType, MFAOptionType, UserStatusType } from './operations.generated.ts'

/** An attribute value after conversion: Cognito's `"true"` / `"false"` become booleans. */
export type AttributeValue = string | boolean
/** A value the caller may send: numbers and booleans are turned into Cognito's strings. */
export type AttributeInput = string | number | boolean
/**
 * Renames attributes: keys are Cognito names, values the names the app uses
 * (`{ 'custom:team': 'team' }`). Applied in both directions.
 */
export type AttrMap = Readonly<Record<string, string>>


/**
 * Cognito's `[{ Name, Value }]` list → a record keyed by (renamed) attribute name. The strings
 * `"true"` and `"false"` become booleans. The input is not modified.
 *
 * @param list - `UserAttributes` / `Attributes` from a Cognito response
 * @param attrMap - Cognito name → app name
 * @example
 * ```ts
 * cognitoToDict([{ Name: 'email_verified', Value: 'true' }]) // { email_verified: true }
 * ```
 */
export function cognitoToDict(list: readonly AttributeType[] | undefined, attrMap?: AttrMap): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {}
  // hostile responses (issue 8): a non-array list, non-string values, a "__proto__" name
  for (const a of Array.isArray(list) ? list : []) {
    if (!isObject(a) || typeof a.Name !== 'string' || a.Name === '__proto__') continue
    const v = typeof a.Value === 'string' ? a.Value : ''
    out[attrMap?.[a.Name] ?? a.Name] = v === 'true' ? true : v === 'false' ? false : v
  }
  return out
}

/** The reverse of an {@link AttrMap}: app name → Cognito name (prototype-free: `constructor` is just a name). */
export const cognitoNames = (attrMap?: AttrMap): Record<string, string | undefined> =>
  ({ __proto__: null as never, ...Object.fromEntries(Object.entries(attrMap ?? {}).map(([cognito, app]) => [app, cognito])) })

/**
 * A record of attributes → Cognito's `[{ Name, Value }]` list. App names are renamed back to
 * Cognito names through `attrMap`; booleans become `"true"` / `"false"` and numbers their decimal
 * string. `undefined` values are skipped. Neither argument is modified.
 *
 * @throws {ArgumentError} a value that is not a string, finite number or boolean
 * @example
 * ```ts
 * dictToCognito({ team: 7, newsletter: false }, { 'custom:team': 'team' })
 * // [{ Name: 'custom:team', Value: '7' }, { Name: 'newsletter', Value: 'false' }]
 * ```
 */
export function dictToCognito(attributes: Readonly<Record<string, AttributeInput | undefined>>, attrMap?: AttrMap): AttributeType[] {
  if (!isObject(attributes)) throw argError('"attributes" must be an object')
  const back = cognitoNames(attrMap)
  const out: AttributeType[] = []
  for (const [key, v] of Object.entries(attributes)) {
    if (v === undefined) continue
    // String() gives a boolean's "true" / "false" and a finite number's decimal form
    if (!(typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v))) throw argError(`"attributes.${key}" must be a string, a finite number or a boolean`)
    out.push({ Name: back[key] ?? key, Value: String(v) })
  }
  return out
}

/** Prefix every key with `custom:` (unless it already has it). Returns a new object. */
export function customAttributes<T>(attrs: Readonly<Record<string, T>>): Record<string, T> {
  if (!isObject(attrs)) throw argError('"attributes" must be an object')
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.startsWith('custom:') ? k : `custom:${k}`, v]))
}

/** Epoch seconds (Cognito timestamps) → `Date`. */
export const toDate = (s: unknown): Date | undefined => (typeof s === 'number' ? new Date(s * 1000) : undefined)

/** What Cognito says about a user besides its attributes. */
export interface UserMetadata {
  /** Admin responses only. */
  enabled?: boolean
  /** `CONFIRMED`, `FORCE_CHANGE_PASSWORD`, … (admin responses only). */
  userStatus?: UserStatusType
  createDate?: Date
  modifiedDate?: Date
  preferredMfaSetting?: string
  userMfaSettingList?: string[]
  mfaOptions?: MFAOptionType[]
}

/** How a {@link UserObj} saves and deletes itself (set by the client that made it). */
export interface UserActions {
  /** Send the changed attributes; returns where verification codes went. */
  save(attributes: Record<string, AttributeInput>, attrMap: AttrMap | undefined): Promise<CodeDeliveryDetailsType[]>
  /** Delete the user. */
  delete(): Promise<void>
}

/**
 * A Cognito user (pycognito's `UserObj`). `attributes` holds the user's attributes (renamed by
 * `attrMap`, `"true"` / `"false"` as booleans); `sub`, `emailVerified` and `phoneNumberVerified`
 * are lifted out of them. Change `attributes` and call {@link UserObj.save}: only the changed
 * attributes are sent, for *this* user (its own username for admin objects, the owning client's
 * access token for `getUser()` objects).
 *
 * @example
 * ```ts
 * const me = await cognito.getUser()
 * me.attributes.given_name = 'Alice'
 * await me.save()
 * ```
 */
export class UserObj {
  /** Cognito's username (from the response, not from the client). */
  declare readonly username: string
  /** The immutable user id. */
  declare readonly sub: string | undefined
  /** `email_verified`. */
  declare readonly emailVerified: boolean | undefined
  /** `phone_number_verified`. */
  declare readonly phoneNumberVerified: boolean | undefined
  /**
   * Attributes by (renamed) name; edit and {@link save}. As read, strings and booleans (Cognito's
   * `"true"` / `"false"`; a number attribute stays Cognito's string, `"42"`); a number set here is
   * saved as its decimal string.
   */
  declare attributes: Record<string, AttributeInput>
  /** Status, dates and MFA settings. */
  declare readonly metadata: Readonly<UserMetadata>
  /** The renaming applied to `attributes`. */
  declare readonly attrMap: AttrMap | undefined
  #saved: Record<string, AttributeInput>
  readonly #actions: UserActions | undefined

  /**
   * @param username - Cognito's username
   * @param attributeList - Cognito's `[{ Name, Value }]` list (not modified)
   * @param actions - how to save / delete this user; objects without it cannot do either
   */
  constructor(
    username: string,
    attributeList: readonly AttributeType[] | undefined,
    actions?: UserActions,
    metadata: UserMetadata = {},
    attrMap?: AttrMap,
  ) {
    this.username = username
    const data = cognitoToDict(attributeList, attrMap)
    // take attribute `name` (renamed by attrMap) out of `data`: its value when of `type`
    const lift = <T>(name: string, type: string): T | undefined => {
      const key = attrMap?.[name] ?? name
      const v = data[key]
      delete data[key]
      return typeof v === type ? (v as T) : undefined
    }
    this.sub = lift('sub', 'string')
    this.emailVerified = lift('email_verified', 'boolean')
    this.phoneNumberVerified = lift('phone_number_verified', 'boolean')
    this.attributes = data
    // prototype-free, as cognitoNames: a new attribute named "constructor" or "toString" has no saved value
    this.#saved = { __proto__: null as never, ...data }
    this.metadata = { ...metadata }
    this.attrMap = attrMap
    this.#actions = actions
  }

  /**
   * Send the attributes changed since this object was read (or last saved), compared as Cognito stores them
   * (a number's decimal string, a boolean's `"true"` / `"false"`).
   * @throws {ArgumentError} a value that is not a string, finite number or boolean
   * @returns where Cognito sent verification codes (self-service updates of email / phone)
   */
  async save(): Promise<CodeDeliveryDetailsType[]> {
    const changed: Record<string, AttributeInput> = {}
    // compared as Cognito stores them (43 is the "43" read, true the "true"); a value that is none is refused here
    const stored = (k: string, v: AttributeInput | undefined): string | undefined => dictToCognito({ [k]: v })[0]?.Value
    for (const [k, v] of Object.entries(this.attributes)) if (stored(k, this.#saved[k]) !== stored(k, v)) changed[k] = v
    if (!Object.keys(changed).length) return []
    const out = await this.#need().save(changed, this.attrMap)
    // what was sent, not what `attributes` holds now: a change made meanwhile is still to be sent
    // (assigned into the prototype-free record, which stays so)
    Object.assign(this.#saved, changed)
    return out
  }

  /** Delete this user. */
  async delete(): Promise<void> {
    return this.#need().delete()
  }

  #need(): UserActions {
    if (!this.#actions) throw argError('this UserObj was built without a client: it cannot save or delete')
    return this.#actions
  }

  /** @returns `UserObj(<username>)` */
  toString(): string {
    return `UserObj(${this.username})`
  }
}

/**
 * A Cognito group (pycognito's `GroupObj`). The input object is not modified; members other than
 * the lifted ones (e.g. `UserPoolId`) stay in `data`.
 */
export class GroupObj {
  /** `GroupName`. */
  declare readonly groupName: string | undefined
  /** `Description`. */
  declare readonly description: string | undefined
  /** `CreationDate` as a Date. */
  declare readonly creationDate: Date | undefined
  /** `LastModifiedDate` as a Date. */
  declare readonly lastModifiedDate: Date | undefined
  /** `RoleArn`: the IAM role of the group's members in an identity pool. */
  declare readonly roleArn: string | undefined
  /** `Precedence`: lower wins when a user is in several groups. */
  declare readonly precedence: number | undefined
  /** The remaining members of Cognito's `GroupType`. */
  declare readonly data: Readonly<Record<string, unknown>>

  /** @param group - Cognito's `GroupType` (not modified) */
  constructor(group: GroupType) {
    const { GroupName, Description, CreationDate, LastModifiedDate, RoleArn, Precedence, ...rest } = (isObject(group) ? group : {}) as GroupType
    this.groupName = GroupName
    this.description = Description
    this.creationDate = toDate(CreationDate)
    this.lastModifiedDate = toDate(LastModifiedDate)
    this.roleArn = RoleArn
    this.precedence = Precedence
    this.data = rest
  }

  /** @returns `GroupObj(<name>)` */
  toString(): string {
    return `GroupObj(${this.groupName ?? '-'})`
  }
}

/** Preferences of `setUserMfaPreference` / `adminSetUserMfaPreference`. */
export interface MfaPreference {
  /** Enable (true) or disable (false) SMS MFA; leave out to keep it as it is. */
  sms?: boolean | undefined
  /** Enable or disable TOTP (authenticator app) MFA. */
  softwareToken?: boolean | undefined
  /** Enable or disable email MFA (pools on the Essentials / Plus tier). */
  email?: boolean | undefined
  /** The preferred method; must be one that is enabled. Default: the only enabled one. */
  preferred?: 'SMS' | 'SOFTWARE_TOKEN' | 'EMAIL' | undefined
  /**
   * Turn passkey MFA on or off: a passkey sign-in then verifies the user and counts as MFA. It has
   * no preference (it applies only when the passkey is the first factor); keep another method on.
   */
  webAuthn?: boolean | undefined
}

type MfaSetting = { Enabled: boolean; PreferredMfa: boolean }

/** Build SetUserMFAPreference's settings members. @internal */
export function mfaSettings(p: MfaPreference): { SMSMfaSettings?: MfaSetting; SoftwareTokenMfaSettings?: MfaSetting; EmailMfaSettings?: MfaSetting; WebAuthnMfaSettings?: { Enabled: boolean } } {
  if (!isObject(p as unknown)) throw argError('"preferences" must be an object')
  const w = p.webAuthn
  assertBool(w, 'preferences.webAuthn')
  const methods = [
    ['SMS', p.sms, 'SMSMfaSettings', 'sms'],
    ['SOFTWARE_TOKEN', p.softwareToken, 'SoftwareTokenMfaSettings', 'softwareToken'],
    ['EMAIL', p.email, 'EmailMfaSettings', 'email'],
  ] as const
  for (const [, v, , name] of methods) {
    assertBool(v, `preferences.${name}`)
  }
  let preferred = p.preferred
  const enabled = methods.filter((m) => m[1] === true).map((m) => m[0])
  if (preferred !== undefined && !enabled.includes(preferred)) {
    throw argError('"preferences.preferred" must name an MFA method enabled in the same call', 1)
  }
  if (preferred === undefined && enabled.length === 1) preferred = enabled[0]
  const out: Record<string, MfaSetting> = {}
  for (const [key, v, member] of methods) if (v !== undefined) out[member] = { Enabled: v, PreferredMfa: v && preferred === key }
  return w === undefined ? out : { ...out, WebAuthnMfaSettings: { Enabled: w } }
}

/**
 * The pool-wide settings among `createLocalPool`'s options, checked and turned into what the pool
 * keeps: where reset codes go (account recovery), passkeys (relying party, user verification, MFA),
 * the first factors USER_AUTH offers, and the attribute schema.
 * @module
 */
import { ArgumentError } from '../errors.ts'
import { isObj } from '../lib/guards.ts'
import type { LocalPoolOptions } from './options.ts'
import type { PoolState } from './state.ts'

/**
 * The `accountRecovery` option as the attributes reset codes may go to, in priority order; without
 * it, Cognito's legacy order (the phone, then the email). One or two distinct mechanisms, like
 * Cognito's RecoveryMechanisms, or `admin_only` alone: "You can't use admin_only with any other
 * account recovery mechanisms" (developer guide, "Recovering user accounts",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html).
 */
export function recoveryOrder(given: LocalPoolOptions['accountRecovery']): PoolState['recovery'] {
  if (given === undefined) return { order: ['phone_number', 'email'], setting: false, adminOnly: false }
  if (Array.isArray(given) && given.length === 1 && given[0] === 'admin_only') return { order: [], setting: true, adminOnly: true }
  const names = ['verified_email', 'verified_phone_number']
  // distinct names from these two: at most two, so no length ceiling is needed
  if (!Array.isArray(given) || given.length < 1 || new Set(given).size !== given.length || !given.every((n) => names.includes(n))) {
    throw new ArgumentError('"accountRecovery" must be one or both of "verified_email" and "verified_phone_number", in priority order, or ["admin_only"] alone', 'ERR_INVALID_ARG_VALUE')
  }
  return { order: given.map((n) => (n === 'verified_email' ? 'email' : 'phone_number')), setting: true, adminOnly: false }
}

/** The `webAuthn` option: whether its FactorConfiguration lets passkeys be an MFA factor. */
export function passkeyMfaAllowed(given: LocalPoolOptions['webAuthn']): boolean {
  if (given === undefined) return false
  const f: unknown = given?.factorConfiguration
  if (given === null || typeof given !== 'object' || (f !== undefined && f !== 'SINGLE_FACTOR' && f !== 'MULTI_FACTOR_WITH_USER_VERIFICATION')) {
    throw new ArgumentError('"webAuthn.factorConfiguration" must be "SINGLE_FACTOR" or "MULTI_FACTOR_WITH_USER_VERIFICATION"', 'ERR_INVALID_ARG_VALUE')
  }
  return f === 'MULTI_FACTOR_WITH_USER_VERIFICATION'
}

/**
 * The `webAuthn` option's relying party: `relyingPartyId` a host name (Cognito's
 * RelyingPartyIdType is 1 to 127 characters; a scheme, port or path is not a relying party id),
 * default `localhost`; `userVerification` Cognito's UserVerificationType, default `preferred`.
 */
export function relyingParty(given: LocalPoolOptions['webAuthn']): PoolState['webAuthn'] {
  const rpId: unknown = given?.relyingPartyId ?? 'localhost'
  const uv: unknown = given?.userVerification ?? 'preferred'
  if (typeof rpId !== 'string' || rpId.length > 127 || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(rpId)) {
    throw new ArgumentError('"webAuthn.relyingPartyId" must be a lowercase host name of 1 to 127 characters, e.g. "localhost" or "auth.example.com"', 'ERR_INVALID_ARG_VALUE')
  }
  if (uv !== 'required' && uv !== 'preferred') throw new ArgumentError('"webAuthn.userVerification" must be "required" or "preferred"', 'ERR_INVALID_ARG_VALUE')
  return { rpId, userVerification: uv }
}

/** The `allowedFirstAuthFactors` option (Cognito's AllowedFirstAuthFactors); default PASSWORD, EMAIL_OTP and SMS_OTP. */
export function firstFactors(given: LocalPoolOptions['allowedFirstAuthFactors']): PoolState['firstFactors'] {
  const names = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN']
  if (given === undefined) return ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP']
  if (!Array.isArray(given) || !given.every((n) => names.includes(n))) {
    throw new ArgumentError('"allowedFirstAuthFactors" must be an array of "PASSWORD", "EMAIL_OTP", "SMS_OTP" and "WEB_AUTHN"', 'ERR_INVALID_ARG_VALUE')
  }
  return given
}

/** Cognito's standard attributes (every pool has them). */
const STANDARD_ATTRIBUTES = [
  'sub', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
  'website', 'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number',
  'phone_number_verified', 'address', 'updated_at',
]

/** A custom attribute's name: the model's CustomAttributeNameType (1 to 20 characters) after `custom:`. */
const CUSTOM_NAME = /^custom:[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,20}$/u

/**
 * The pool's schema: the standard attributes (mutable, except `sub`) and the `schema` option's
 * declarations, which add custom attributes or set a standard attribute's mutability.
 */
export function attributeSchema(declared: LocalPoolOptions['schema']): Map<string, { mutable: boolean }> {
  const schema = new Map(STANDARD_ATTRIBUTES.map((n) => [n, { mutable: n !== 'sub' }]))
  if (declared === undefined) return schema
  if (!Array.isArray(declared)) throw new ArgumentError('"schema" must be an array of { name, mutable? }')
  for (const [i, a] of declared.entries()) {
    const name: unknown = a?.name
    if (typeof name !== 'string' || name === 'sub' || (!schema.has(name) && !CUSTOM_NAME.test(name))) {
      throw new ArgumentError(`"schema[${i}].name" must be "custom:" and 1 to 20 characters, or a standard attribute other than sub`, 'ERR_INVALID_ARG_VALUE')
    }
    if (a.mutable !== undefined && typeof a.mutable !== 'boolean') throw new ArgumentError(`"schema[${i}].mutable" must be a boolean`)
    schema.set(name, { mutable: a.mutable ?? true })
  }
  return schema
}

/** The members of `createLocalPool`'s options (LocalPoolOptions) and of each app client (LocalClientConfig). */
const POOL_OPTIONS = [
  'poolId', 'issuer', 'clients', 'users', 'clock', 'usernameAttributes', 'aliasAttributes', 'schema', 'accountRecovery',
  'autoVerifiedAttributes', 'webAuthn', 'mfa', 'passwordPolicy', 'deviceTracking', 'maxPasswordAttempts', 'maxCodeAttempts',
  'lockoutSeconds', 'timestampWindowSeconds', 'credentials', 'allowCrossOriginAuthorization', 'customAuth',
  'allowedFirstAuthFactors', 'maxBodyBytes', 'shareKeys', 'onCall',
]
const CLIENT_OPTIONS = [
  'clientId', 'clientName', 'clientSecret', 'preventUserExistenceErrors', 'explicitAuthFlows', 'refreshTokenRotation',
  'accessTokenValidity', 'idTokenValidity', 'refreshTokenValidity', 'authSessionValidity',
]
const POLICY_OPTIONS = ['minimumLength', 'requireUppercase', 'requireLowercase', 'requireNumbers', 'requireSymbols', 'temporaryPasswordValidityDays']

/**
 * Check the options the other helpers here do not: unknown or misplaced members (an app-client
 * setting given to the pool is silently ignored otherwise), enumerations, numbers and flags. Each
 * mistake is an ArgumentError naming the option.
 */
export function checkOptions(o: LocalPoolOptions): void {
  const bad = (name: string, must: string): never => {
    throw new ArgumentError(`"${name}" ${must}`, 'ERR_INVALID_ARG_VALUE')
  }
  const members = (v: Record<string, unknown>, known: string[], where: string, hint: (k: string) => string = () => ''): void => {
    for (const k of Object.keys(v)) if (!known.includes(k)) bad(`${where}${k}`, `is not an option here${hint(k)}; the options are ${known.join(', ')}`)
  }
  const oneOf = (v: unknown, values: string[], name: string): void => {
    if (v !== undefined && !values.includes(v as string)) bad(name, `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`)
  }
  const listOf = (v: unknown, values: string[], name: string): void => {
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => values.includes(x)))) bad(name, `must be an array of ${values.map((x) => JSON.stringify(x)).join(', ')}`)
  }
  const number = (v: unknown, name: string, integer: boolean, min = Number.MIN_VALUE): void => {
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= min && (!integer || Number.isInteger(v)))) bad(name, `must be a ${integer ? 'whole ' : ''}number ${min === Number.MIN_VALUE ? 'above 0' : `of at least ${min}`}`)
  }
  const flag = (v: unknown, name: string): void => {
    if (v !== undefined && typeof v !== 'boolean') bad(name, 'must be true or false')
  }
  members(o as Record<string, unknown>, POOL_OPTIONS, '', (k) => (CLIENT_OPTIONS.includes(k) ? ` (an app-client setting: clients: [{ ${k} }])` : ''))
  oneOf(o.mfa, ['OFF', 'OPTIONAL', 'ON'], 'mfa')
  listOf(o.usernameAttributes, ['email', 'phone_number'], 'usernameAttributes')
  listOf(o.aliasAttributes, ['email', 'phone_number', 'preferred_username'], 'aliasAttributes')
  listOf(o.autoVerifiedAttributes, ['email', 'phone_number'], 'autoVerifiedAttributes')
  // CreateUserPool refuses both: a pool signs in with username attributes or with aliases
  if (o.usernameAttributes?.length && o.aliasAttributes?.length) bad('usernameAttributes', 'and "aliasAttributes" cannot both be set: a Cognito pool has one or the other')
  for (const k of ['maxPasswordAttempts', 'maxCodeAttempts', 'maxBodyBytes'] as const) number(o[k], k, true, 1)
  for (const k of ['lockoutSeconds', 'timestampWindowSeconds'] as const) number(o[k], k, false)
  for (const k of ['allowCrossOriginAuthorization', 'shareKeys'] as const) flag(o[k], k)
  if (o.onCall !== undefined && typeof o.onCall !== 'function') bad('onCall', 'must be a function')
  if (o.issuer !== undefined && !(typeof o.issuer === 'string' && /^https?:\/\/\S+$/.test(o.issuer))) bad('issuer', 'must be an http(s) URL')
  const policy: unknown = o.passwordPolicy
  if (policy !== undefined) {
    if (!isObj(policy)) bad('passwordPolicy', 'must be an object')
    members(policy as Record<string, unknown>, POLICY_OPTIONS, 'passwordPolicy.')
    const p = policy as NonNullable<LocalPoolOptions['passwordPolicy']>
    number(p.minimumLength, 'passwordPolicy.minimumLength', true, 1)
    number(p.temporaryPasswordValidityDays, 'passwordPolicy.temporaryPasswordValidityDays', true, 0)
    for (const k of ['requireUppercase', 'requireLowercase', 'requireNumbers', 'requireSymbols'] as const) flag(p[k], `passwordPolicy.${k}`)
  }
  const tracking: unknown = o.deviceTracking
  if (tracking !== undefined && typeof tracking !== 'boolean') {
    if (!isObj(tracking)) bad('deviceTracking', 'must be true, false or { challengeRequiredOnNewDevice, deviceOnlyRememberedOnUserPrompt }')
    members(tracking as Record<string, unknown>, ['challengeRequiredOnNewDevice', 'deviceOnlyRememberedOnUserPrompt'], 'deviceTracking.')
  }
  for (const [i, c] of (o.clients ?? []).entries()) {
    const at = `clients[${i}].`
    members(c as Record<string, unknown>, CLIENT_OPTIONS, at)
    for (const k of ['clientId', 'clientName'] as const) if (c[k] !== undefined && !(typeof c[k] === 'string' && c[k] !== '')) bad(at + k, 'must be a non-empty string')
    if (c.clientSecret !== undefined && c.clientSecret !== true && !(typeof c.clientSecret === 'string' && c.clientSecret !== '')) bad(at + 'clientSecret', 'must be a non-empty string, or true to generate one')
    oneOf(c.preventUserExistenceErrors, ['ENABLED', 'LEGACY'], at + 'preventUserExistenceErrors')
    if (c.explicitAuthFlows !== undefined && !(Array.isArray(c.explicitAuthFlows) && c.explicitAuthFlows.every((f) => typeof f === 'string'))) bad(at + 'explicitAuthFlows', 'must be an array of flow names, like "ALLOW_USER_SRP_AUTH"')
    for (const k of ['accessTokenValidity', 'idTokenValidity', 'refreshTokenValidity', 'authSessionValidity'] as const) number(c[k], at + k, false)
    const rotation: unknown = c.refreshTokenRotation
    if (rotation !== undefined && !(isObj(rotation) && typeof rotation['enabled'] === 'boolean')) bad(at + 'refreshTokenRotation', 'must be { enabled, retryGracePeriodSeconds? }')
    if (rotation !== undefined) number((rotation as Record<string, unknown>)['retryGracePeriodSeconds'], at + 'refreshTokenRotation.retryGracePeriodSeconds', false, 0)
  }
}

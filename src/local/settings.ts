/**
 * The pool-wide settings among `createLocalPool`'s options, checked and turned into what the pool
 * keeps: where reset codes go (account recovery), passkeys (relying party, user verification, MFA),
 * the first factors USER_AUTH offers, and the attribute schema.
 * @module
 */
import { ArgumentError } from '../errors.ts'
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

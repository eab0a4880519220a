/**
 * The typed challenge errors the `Cognito` class raises (pycognito's `ForceChangePasswordException`,
 * `MFAChallengeException`, …): one class per challenge, each carrying what its answer needs, and
 * {@link challengeErrorOf}, which picks the class for a challenge. The functions return challenges
 * as data instead; `ChallengeError` itself lives in `errors.ts`.
 * @module
 */
import { ChallengeError } from './errors.ts'
import type { Challenge } from './functions/auth-flow.ts'
import { json } from './lib/guards.ts'

/** Parse a JSON string array parameter (`requiredAttributes`, `MFAS_CAN_CHOOSE`, …); `[]` when absent or malformed. */
function jsonList(v: string | undefined): string[] {
  const x = json(v)
  return Array.isArray(x) ? x.filter((e): e is string => typeof e === 'string') : []
}

/**
 * NEW_PASSWORD_REQUIRED (pycognito's `ForceChangePasswordException`): answer with
 * `newPasswordChallenge()`. `requiredAttributes` lists the attributes that must be sent with the
 * new password (names without the `userAttributes.` prefix).
 */
export class ForceChangePasswordError extends ChallengeError {
  /** Attributes Cognito requires with the new password, e.g. `["name"]`. */
  declare readonly requiredAttributes: string[]
  /** The user's current attributes, as Cognito sent them (`userAttributes`). */
  declare readonly userAttributes: Record<string, unknown>
  constructor(p: Record<string, string>, session?: string) {
    super('NEW_PASSWORD_REQUIRED', p, session)
    this.name = 'ForceChangePasswordError'
    this.requiredAttributes = requiredAttributes(p)
    this.userAttributes = json(p['userAttributes'])
  }
}

/** An MFA code is needed (pycognito's `MFAChallengeException`); see the subclasses. */
export class MfaChallengeError extends ChallengeError {
  constructor(name: string, p: Record<string, string>, session?: string) {
    super(name, p, session)
    this.name = 'MfaChallengeError'
  }
}
/** SMS_MFA (or SMS_OTP in USER_AUTH): answer with `respondToSmsMfaChallenge(code)`. */
export class SmsMfaChallengeError extends MfaChallengeError {
  override name = 'SmsMfaChallengeError'
}
/** SOFTWARE_TOKEN_MFA: answer with `respondToSoftwareTokenMfaChallenge(code)`. */
export class SoftwareTokenMfaChallengeError extends MfaChallengeError {
  override name = 'SoftwareTokenMfaChallengeError'
}
/** EMAIL_OTP: answer with `respondToEmailOtpChallenge(code)`. */
export class EmailOtpChallengeError extends MfaChallengeError {
  override name = 'EmailOtpChallengeError'
}

/** A challenge offering a choice (`options`): SELECT_MFA_TYPE, MFA_SETUP or SELECT_CHALLENGE. */
class ChoiceChallengeError extends ChallengeError {
  /** What the user may choose or set up. */
  declare readonly options: string[]
  constructor(name: string, p: Record<string, string>, session: string | undefined, options: string[], available?: string[]) {
    super(name, p, session, available)
    this.options = options
  }
}
/** SELECT_MFA_TYPE: answer with `selectMfaType(...)`; `options` from `MFAS_CAN_CHOOSE`. */
export class SelectMfaTypeChallengeError extends ChoiceChallengeError {
  constructor(p: Record<string, string>, session?: string) {
    super('SELECT_MFA_TYPE', p, session, jsonList(p['MFAS_CAN_CHOOSE']))
    this.name = 'SelectMfaTypeChallengeError'
  }
}
/** MFA_SETUP: `setupSoftwareTokenMfa()` then `verifySoftwareTokenMfaSetup(code)`; `options` from `MFAS_CAN_SETUP`. */
export class MfaSetupChallengeError extends ChoiceChallengeError {
  constructor(p: Record<string, string>, session?: string) {
    super('MFA_SETUP', p, session, jsonList(p['MFAS_CAN_SETUP']))
    this.name = 'MfaSetupChallengeError'
  }
}
/** SELECT_CHALLENGE (USER_AUTH): `selectChallenge(...)`; `options` = `AvailableChallenges`. */
export class SelectChallengeError extends ChoiceChallengeError {
  constructor(p: Record<string, string>, session?: string, available: string[] = []) {
    super('SELECT_CHALLENGE', p, session, available, available)
    this.name = 'SelectChallengeError'
  }
}
/** CUSTOM_CHALLENGE: answer with `respondToCustomChallenge(answer)`. */
export class CustomChallengeError extends ChallengeError {
  constructor(p: Record<string, string>, session?: string) {
    super('CUSTOM_CHALLENGE', p, session)
    this.name = 'CustomChallengeError'
  }
}
/** WEB_AUTHN: `CREDENTIAL_REQUEST_OPTIONS` is in the parameters; answer with `respondToWebAuthnChallenge(credential)`. */
export class WebAuthnChallengeError extends ChallengeError {
  constructor(p: Record<string, string>, session?: string) {
    super('WEB_AUTHN', p, session)
    this.name = 'WebAuthnChallengeError'
  }
}
/** DEVICE_SRP_AUTH arrived but the instance holds no device credentials. */
export class DeviceChallengeError extends ChallengeError {
  constructor(name: string, p: Record<string, string>, session?: string) {
    super(name, p, session)
    this.name = 'DeviceChallengeError'
  }
}
/** A challenge name this library does not know: answer it with `respondToChallenge(name, responses)`. */
export class UnknownChallengeError extends ChallengeError {
  /** The raw challenge response, as Cognito sent it (a private field, since it holds the Session). */
  get challenge(): Readonly<Record<string, unknown>> {
    return this.#raw
  }
  readonly #raw: Readonly<Record<string, unknown>>
  constructor(name: string, p: Record<string, string>, session: string | undefined, available: string[] | undefined, raw: Record<string, unknown>) {
    super(name, p, session, available, `Cognito sent the challenge ${name}, which this library does not know: answer it with respondToChallenge()`)
    this.name = 'UnknownChallengeError'
    this.#raw = raw
  }
}

/** The attributes NEW_PASSWORD_REQUIRED requires with the new password (names without `userAttributes.`). */
export const requiredAttributes = (p: Record<string, string>): string[] => jsonList(p['requiredAttributes']).map((a) => a.replace(/^userAttributes\./, ''))

/** The typed error for a challenge: {@link UnknownChallengeError} for a name this library does not know. */
export function challengeErrorOf(c: Challenge, raw: Record<string, unknown> = {}): ChallengeError {
  const { name: n, parameters: cp, session: s } = c
  switch (n) {
    case 'NEW_PASSWORD_REQUIRED':
      return new ForceChangePasswordError(cp, s)
    case 'SMS_MFA':
    case 'SMS_OTP':
      return new SmsMfaChallengeError(n, cp, s)
    case 'SOFTWARE_TOKEN_MFA':
      return new SoftwareTokenMfaChallengeError(n, cp, s)
    case 'EMAIL_OTP':
      return new EmailOtpChallengeError(n, cp, s)
    case 'SELECT_MFA_TYPE':
      return new SelectMfaTypeChallengeError(cp, s)
    case 'MFA_SETUP':
      return new MfaSetupChallengeError(cp, s)
    case 'SELECT_CHALLENGE':
      return new SelectChallengeError(cp, s, c.availableChallenges)
    case 'CUSTOM_CHALLENGE':
      return new CustomChallengeError(cp, s)
    case 'WEB_AUTHN':
      return new WebAuthnChallengeError(cp, s)
    case 'DEVICE_SRP_AUTH':
    case 'DEVICE_PASSWORD_VERIFIER':
      return new DeviceChallengeError(n, cp, s)
    case 'PASSWORD_VERIFIER':
      return new ChallengeError(n, cp, s, c.availableChallenges)
  }
  return new UnknownChallengeError(n, cp, s, c.availableChallenges, raw)
}

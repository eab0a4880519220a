/* c8 ignore start: types only, nothing here runs */
/**
 * The local pool's public shapes: the options of `createLocalPool`, app-client and user seeds,
 * the records it keeps (sent messages, answered calls) and the `LocalPool` object it returns.
 * Types only; no behaviour.
 * @module
 */
import type { SigningKey } from './crypto.ts'

/** An app client of the local pool. */
export interface LocalClientConfig {
  /** Default: `localclient000000000000000` for the first client, a random 26-character id for the others. */
  clientId?: string
  /** Display name. */
  clientName?: string
  /** The client secret; `true` generates one. Clients with a secret require SECRET_HASH. */
  clientSecret?: string | true
  /** `ENABLED` (default, like new clients) or `LEGACY` (UserNotFoundException is revealed). */
  preventUserExistenceErrors?: 'ENABLED' | 'LEGACY'
  /** `ALLOW_*` flows; default: all flows allowed. */
  explicitAuthFlows?: string[]
  /** Refresh-token rotation for GetTokensFromRefreshToken. */
  refreshTokenRotation?: { enabled: boolean; retryGracePeriodSeconds?: number }
  /** Access-token lifetime, seconds (default 3600). */
  accessTokenValidity?: number
  /** ID-token lifetime, seconds (default 3600). */
  idTokenValidity?: number
  /** Refresh-token lifetime, seconds (default 30 days). */
  refreshTokenValidity?: number
  /** Lifetime of a challenge `Session`, seconds (default 180). */
  authSessionValidity?: number
}

/** A user to create when the pool starts (or with {@link LocalPool.addUser}). */
export interface LocalUserSeed {
  /** The sign-in name. In a pool with `usernameAttributes: ['email']` an email (the internal username is then the sub). */
  username: string
  /** The password; stored as an SRP verifier only. Omit for a user who cannot sign in with a password. */
  password?: string
  /**
   * Attributes (`email`, `phone_number`, `custom:x`…): standard ones, or custom ones the pool's
   * `schema` declares. `email_verified` defaults to "true" when `email` is given, and
   * `phone_number_verified` when `phone_number` is.
   */
  attributes?: Record<string, string>
  /** Default `CONFIRMED`. */
  status?: 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED'
  /** Default true. */
  enabled?: boolean
  /** Group names (created when missing). */
  groups?: string[]
  /** Enable TOTP MFA with this base32 secret. */
  totpSecret?: string
  /** Enabled MFA types. */
  mfa?: Array<'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'>
  /** Preferred MFA type. */
  preferredMfa?: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'
}

/** A message the pool "sent" (read it in tests instead of an inbox). */
export interface SentMessage {
  /** Internal username of the recipient. */
  username: string
  medium: 'EMAIL' | 'SMS'
  /** The unmasked email address or phone number. */
  destination: string
  purpose: 'SignUp' | 'ForgotPassword' | 'VerifyAttribute' | 'Invitation' | 'MFA' | 'OTP'
  /** The code (for an invitation: the temporary password, `''` for a user created without one). */
  code: string
  /** Pool clock, ms. */
  time: number
}

/** One request the pool answered. */
export interface CallRecord {
  operation: string
  status: number
  /** The error name, when the call failed. */
  error?: string
  requestId: string
  time: number
}

/** What a CUSTOM_AUTH challenge function decides for a round. */
export type CustomAuthDecision =
  | { issueTokens: true }
  | { failAuthentication: true }
  | { challenge: { parameters: Record<string, string>; answer: string } }

/**
 * The pluggable CUSTOM_AUTH logic (Cognito's define/create/verify triggers in one function):
 * called at InitiateAuth and after each answer with the results so far.
 */
export type CustomAuthHandler = (input: {
  username: string
  attributes: Record<string, string>
  results: boolean[]
  clientMetadata: Record<string, string> | undefined
}) => CustomAuthDecision | Promise<CustomAuthDecision>

/** Options of {@link createLocalPool}. */
export interface LocalPoolOptions {
  /** Default `us-east-1_LocalPool1`. */
  poolId?: string
  /** Token issuer. Default `https://cognito-idp.<region>.amazonaws.com/<poolId>`, the real form. */
  issuer?: string
  /** App clients. Default: one client without a secret. */
  clients?: LocalClientConfig[]
  /** Users created at start. */
  users?: LocalUserSeed[]
  /** Clock, ms since epoch (tokens, codes, sessions, TIMESTAMP checks). Default `Date.now`. */
  clock?: () => number
  /** Sign in with these attributes instead of a username (internal username = sub). */
  usernameAttributes?: Array<'email' | 'phone_number'>
  /**
   * Also accept these verified attributes as sign-in aliases. Like Cognito, a pool with an email
   * (phone) alias refuses usernames that look like an email address (phone number).
   */
  aliasAttributes?: Array<'email' | 'phone_number' | 'preferred_username'>
  /**
   * The attributes users may have beyond Cognito's standard ones (`name`, `email`, `phone_number`,
   * `locale`… all mutable, `sub` never): declare each custom attribute the app uses, e.g.
   * `[{ name: 'custom:team' }, { name: 'custom:tenant', mutable: false }]`. Default: the standard
   * attributes only, like a new Cognito pool. Any other attribute is refused with Cognito's
   * InvalidParameterException "Attributes did not conform to the schema: <name>: Attribute does
   * not exist in the schema.".
   */
  schema?: Array<{
    /**
     * `custom:<name>` (1 to 20 characters after the prefix) for a custom attribute, or the name
     * of a standard attribute (`email`, `given_name`…) to change its mutability.
     */
    name: string
    /**
     * Whether the attribute can change once the user exists (UpdateUserAttributes,
     * AdminUpdateUserAttributes, DeleteUserAttributes, the NEW_PASSWORD_REQUIRED answer). An
     * immutable attribute can still be given when the user is created. Default true.
     */
    mutable?: boolean
  }>
  /**
   * Where password-reset codes (ForgotPassword, AdminResetUserPassword) go: Cognito's
   * `AccountRecoverySetting`, its mechanisms in priority order, e.g.
   * `['verified_email', 'verified_phone_number']` (what the Cognito console sets). With it, a
   * phone the user also has SMS MFA on, or an email they also have email MFA on, does not qualify.
   * Default: no setting, so Cognito's legacy rule: the verified phone number first, else the
   * verified email, MFA or not. With no channel that qualifies, ForgotPassword answers
   * InvalidParameterException and AdminResetUserPassword resets the password without sending a
   * code. `['admin_only']`: users cannot reset their own passwords, and both operations answer
   * InvalidParameterException (an administrator uses AdminSetUserPassword).
   */
  accountRecovery?: ReadonlyArray<'verified_email' | 'verified_phone_number'> | readonly ['admin_only']
  /** Attributes verified by the sign-up code. Default `['email']`. */
  autoVerifiedAttributes?: Array<'email' | 'phone_number'>
  /**
   * The pool's passkey settings (Cognito's `WebAuthnConfiguration`):
   * - `relyingPartyId`: the relying party passkeys are registered for and signed in to, a host
   *   name. Default `localhost`, so a passkey can be made in a browser page served from
   *   `http://localhost:<port>` (see the docs for the origins the pool accepts).
   * - `userVerification`: `required` (only passkeys that verified the user: PIN, biometrics) or
   *   `preferred`, Cognito's default.
   * - `factorConfiguration`: `MULTI_FACTOR_WITH_USER_VERIFICATION` lets users turn on passkey MFA
   *   (`WebAuthnMfaSettings` of SetUserMFAPreference and AdminSetUserMFAPreference), and a passkey
   *   sign-in with user verification then satisfies MFA; otherwise, the default, Cognito's "not
   *   set", that setting is refused with InvalidParameterException.
   * Passkey sign-in also needs `WEB_AUTHN` in `allowedFirstAuthFactors`.
   */
  webAuthn?: {
    relyingPartyId?: string
    userVerification?: 'required' | 'preferred'
    factorConfiguration?: 'SINGLE_FACTOR' | 'MULTI_FACTOR_WITH_USER_VERIFICATION'
  }
  /** Pool MFA configuration. Default `OPTIONAL`. */
  mfa?: 'OFF' | 'OPTIONAL' | 'ON'
  /** Password policy (Cognito's default: 8 characters, upper, lower, number, symbol). */
  passwordPolicy?: {
    minimumLength?: number
    requireUppercase?: boolean
    requireLowercase?: boolean
    requireNumbers?: boolean
    requireSymbols?: boolean
    /** Days a temporary password signs in; default 7, and 0 means the default, as in Cognito. */
    temporaryPasswordValidityDays?: number
  }
  /** Device tracking; default off. `true` = always remember devices. */
  deviceTracking?: boolean | { challengeRequiredOnNewDevice?: boolean; deviceOnlyRememberedOnUserPrompt?: boolean }
  /**
   * Failed passwords before the first temporary lockout ("Password attempts exceeded"). Default 5,
   * like Cognito: the lockout then lasts 1 s and doubles with each further failure, up to
   * `lockoutSeconds`. Wrong MFA codes, USER_AUTH sign-in codes and VerifySoftwareToken codes
   * count toward the same lockout, as Cognito's MFA lockout does; only a completed sign-in starts
   * the count again. Unknown names are counted the same way on clients that hide whether users
   * exist. Attempts with a stale TIMESTAMP are not failures.
   */
  maxPasswordAttempts?: number
  /** Failed sign-up, password-reset and attribute-verification codes before LimitExceededException. Default 5. */
  maxCodeAttempts?: number
  /**
   * The longest temporary lockout after failed passwords, and how long without any attempt
   * resets the count; also how long too many wrong codes lock code checks. Seconds, default 900
   * (Cognito's "about 15 minutes"). All on the pool's clock.
   */
  lockoutSeconds?: number
  /** Accepted distance between TIMESTAMP and the pool clock, seconds. Default 300. */
  timestampWindowSeconds?: number
  /**
   * The AWS credentials admin (SigV4) operations must be signed with: a request whose signature
   * does not verify against them is refused. Default: generated at random for each pool; read
   * them from {@link LocalPool.credentials}.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string }
  /**
   * Let web pages on other origins send the `authorization` header, i.e. SigV4-signed admin calls
   * from a browser. Default false: the CORS preflight leaves `authorization` out of
   * `Access-Control-Allow-Headers`, so a page the developer happens to visit cannot drive the
   * pool's admin API. User-side calls from browsers (no `authorization`) are allowed either way.
   */
  allowCrossOriginAuthorization?: boolean
  /** CUSTOM_AUTH logic; without it CUSTOM_AUTH is refused. */
  customAuth?: CustomAuthHandler
  /**
   * First factors for USER_AUTH (Cognito's `AllowedFirstAuthFactors`). Default PASSWORD, EMAIL_OTP,
   * SMS_OTP; add `WEB_AUTHN` to let users register passkeys and sign in with them.
   */
  allowedFirstAuthFactors?: Array<'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN'>
  /** Largest accepted request body, bytes. Default 131072. */
  maxBodyBytes?: number
  /** Reuse signing keys across pools in this process (faster tests). Default false. */
  shareKeys?: boolean
  /**
   * Observe every API call with its parsed request and response bodies (e.g. to validate them
   * against the service model in tests). Contains secrets: never log it in production.
   */
  onCall?: (call: { operation: string; status: number; request: unknown; response: unknown }) => void
}

/** A snapshot of a user, without any secret. */
export interface LocalUserView {
  username: string
  sub: string
  status: string
  enabled: boolean
  attributes: Record<string, string>
  groups: string[]
  mfa: string[]
  preferredMfa: string | undefined
  /** Passkey MFA turned on (`WebAuthnMfaSettings`); GetUser does not list it, as in Cognito. */
  passkeyMfa: boolean
  /** Credential ids of the user's registered passkeys (base64url). */
  passkeys: string[]
  devices: Array<{ deviceKey: string; name: string | undefined; remembered: boolean; confirmed: boolean }>
}

/** Options of {@link LocalPool.failNext}. */
export interface FailNextOptions {
  /** HTTP status. Default 500 (400 when `type` is not InternalErrorException). */
  status?: number
  /** Error name. Default `InternalErrorException`. */
  type?: string
  message?: string
  /** How many calls fail. Default 1. */
  times?: number
}

/** The pool: a fetch handler plus an admin API for tests. */
export interface LocalPool {
  /** `fetch`-compatible handler: pass it as a client's `fetch` option (no sockets). */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>
  readonly poolId: string
  readonly region: string
  readonly issuer: string
  /** The endpoint URL clients should use with {@link LocalPool.fetch} (any URL works). */
  readonly endpoint: string
  /** The first client's id. */
  readonly clientId: string
  /** The client configurations (secrets included: this is a test tool). */
  readonly clients: ReadonlyArray<Readonly<LocalClientConfig> & { clientId: string }>
  /**
   * The credentials admin (SigV4) operations must be signed with: the configured ones, or the
   * ones generated for this pool. Read-only; `JSON.stringify` and `String()` show the access key
   * id only, and the property is not enumerable on the pool, so logging the pool does not print
   * the secret.
   */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  /** Resolves when seeded users and keys are ready (every request awaits it too). */
  readonly ready: Promise<void>
  /** Every message the pool sent. */
  readonly messages: readonly SentMessage[]
  /** Every call the pool answered. */
  readonly calls: readonly CallRecord[]
  /** Create a user. */
  addUser(seed: LocalUserSeed): Promise<LocalUserView>
  /** A user by sign-in name (username, alias or sub), without secrets. */
  user(name: string): LocalUserView | undefined
  /** The last code sent to a user (optionally for one purpose). */
  lastCode(name: string, purpose?: SentMessage['purpose']): string | undefined
  /** Set a user's MFA; returns the TOTP secret when TOTP is enabled. */
  setMfa(name: string, options: { totp?: boolean; sms?: boolean; email?: boolean; preferred?: LocalUserSeed['preferredMfa'] }): string | undefined
  /** The TOTP code the user's authenticator would show now (pool clock). */
  totpCode(name: string, time?: number): Promise<string>
  /** Make the next call(s) of `operation` (or `*` for any) fail. */
  failNext(operation: string, options?: FailNextOptions): void
  /** The JWKS document. */
  jwks(): Promise<{ keys: SigningKey['jwk'][] }>
  /** Current pool time, ms. */
  now(): number
}
/* c8 ignore stop */

/**
 * A recording `fetch`: wraps any fetch, passes every call through unchanged, and collects the
 * exchanges in the fixture format of test/support/replay.ts, with secrets redacted, so a real
 * sign-in can become a fixture (see scripts/record.ts and the README, "Fixtures and recording").
 *
 * Redaction (on by default):
 * - request bodies: passwords, SECRET_HASH / SecretHash / ClientSecret, tokens (AccessToken,
 *   IdToken, RefreshToken), Session, SRP values (SRP_A, PASSWORD_CLAIM_SECRET_BLOCK,
 *   PASSWORD_CLAIM_SIGNATURE), device verifier fields and one-time codes become "$any", the
 *   replay wildcard, so a replay still checks every other member exactly;
 * - response bodies: the same names plus SRP_B, SALT, SECRET_BLOCK and SecretCode become a
 *   placeholder that keeps the model's length rules ("REDACTED", Session → a 28-character one);
 * - headers: only the ones fixtures use are kept (content-type, x-amz-target; x-amzn-requestid,
 *   x-amzn-errortype, x-amzn-errormessage, date); never authorization, cookies or security tokens;
 * - `secrets`: literal strings (the password, the client secret…) replaced wherever they appear,
 *   as a last line of defence for values under names the list above does not know.
 * Uses web globals only.
 */
import type { Fixture, Interaction } from '../test/support/replay.ts'

type FetchLike = (input: string, init: RequestInit) => Promise<Response>

/** Member names whose values are secret wherever they occur in a body. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  // passwords
  'PASSWORD', 'NEW_PASSWORD', 'Password', 'PreviousPassword', 'ProposedPassword', 'TemporaryPassword',
  // client secret and its hash
  'SECRET_HASH', 'SecretHash', 'ClientSecret',
  // tokens and sessions
  'AccessToken', 'IdToken', 'RefreshToken', 'REFRESH_TOKEN', 'Session', 'FeedbackToken',
  // SRP values and proofs
  'SRP_A', 'SRP_B', 'SALT', 'SECRET_BLOCK', 'PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE',
  // device verifier (ConfirmDevice) and device secrets
  'PasswordVerifier', 'Salt', 'DevicePassword', 'DEVICE_PASSWORD',
  // TOTP seed and one-time codes
  'SecretCode', 'UserCode', 'ConfirmationCode', 'Code', 'SMS_MFA_CODE', 'SOFTWARE_TOKEN_MFA_CODE', 'EMAIL_OTP_CODE', 'SMS_OTP_CODE', 'EMAIL_MFA_CODE',
])

const KEEP_REQUEST_HEADERS = ['content-type', 'x-amz-target']
const KEEP_RESPONSE_HEADERS = ['content-type', 'date', 'x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage']

/** Options of {@link recordingFetch}. */
export interface RecorderOptions {
  /** Redact secrets (default true). Only turn it off for local debugging; never commit the output. */
  redact?: boolean
  /** Literal strings to scrub wherever they appear (password, client secret, …). */
  secrets?: string[]
}

/** A wrapping fetch and what it has recorded. */
export interface Recorder {
  fetch: FetchLike
  interactions: Interaction[]
  /** The recorded exchanges as a fixture. `source` must say where and when it was recorded. */
  fixture(source: string, description?: string): Fixture
}

function placeholder(key: string): string {
  if (key === 'Session') return 'REDACTED-SESSION-PLACEHOLDER'
  if (key === 'SecretCode') return 'REDACTEDSECRETCODE'
  return 'REDACTED'
}

/** Deep copy of a JSON value with secret members replaced by `replace(key)`. */
export function redactBody(value: unknown, replace: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => redactBody(v, replace))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      // a secret member is replaced whole (strings, or nested objects such as tokens in a map)
      out[k] = SECRET_KEYS.has(k) && v !== null && v !== undefined ? replace(k) : redactBody(v, replace)
    }
    return out
  }
  return value
}

function scrub<T>(value: T, secrets: string[]): T {
  let text = JSON.stringify(value)
  if (text === undefined) return value
  for (const s of secrets) if (s) text = text.split(JSON.stringify(s).slice(1, -1)).join('REDACTED')
  return JSON.parse(text) as T
}

function pick(headers: Headers, keep: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of keep) {
    const v = headers.get(k)
    if (v !== null) out[k] = v
  }
  return out
}

/**
 * Wrap `innerFetch` so every exchange is recorded (and redacted) in the fixture format.
 * @example
 * ```ts
 * const rec = recordingFetch(fetch, { secrets: [password] })
 * const user = new Cognito({ userPoolId, clientId, username, fetch: rec.fetch })
 * await user.authenticate(password)
 * await writeFile('fixtures/recorded-login.json', JSON.stringify(rec.fixture('Recorded by …'), null, 2))
 * ```
 */
export function recordingFetch(innerFetch: FetchLike, options: RecorderOptions = {}): Recorder {
  const redact = options.redact ?? true
  const secrets = options.secrets ?? []
  const interactions: Interaction[] = []
  const clean = <T>(v: T, replace: (key: string) => string): T => (redact ? scrub(redactBody(v, replace) as T, secrets) : v)

  const fetch: FetchLike = async (input, init) => {
    const headers = new Headers(init.headers)
    const operation = (headers.get('x-amz-target') ?? '').replace(/^AWSCognitoIdentityProviderService\./, '')
    let body: unknown
    try {
      body = init.body === undefined || init.body === null ? undefined : JSON.parse(String(init.body))
    } catch {
      body = undefined
    }
    const request: Interaction['request'] = { operation, headers: pick(headers, KEEP_REQUEST_HEADERS) }
    if (body !== undefined) request.body = clean(body, () => '$any')
    let res: Response
    try {
      res = await innerFetch(input, init)
    } catch (e) {
      interactions.push({ request, response: init.signal?.aborted ? { status: 0, abort: true } : { status: 0, networkError: true } })
      throw e
    }
    const text = await res.clone().text()
    const response: Interaction['response'] = { status: res.status, headers: clean(pick(res.headers, KEEP_RESPONSE_HEADERS), placeholder) }
    let parsed: unknown
    try {
      parsed = text.trim() ? JSON.parse(text) : undefined
    } catch {
      parsed = undefined
    }
    if (parsed !== undefined && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) response.body = clean(parsed, placeholder)
    else if (text !== '') response.rawBody = redact ? scrub(text, secrets) : text
    interactions.push({ request, response })
    return res
  }
  return {
    fetch,
    interactions,
    fixture: (source, description) => ({ source, ...(description ? { description } : {}), interactions }),
  }
}

/**
 * Generates the deterministic login fixtures in fixtures/ (run: `npx tsx scripts/make-fixtures.ts`).
 *
 * Nothing here imports src/: the server side of every SRP exchange comes from the independent
 * test/support/srp-server.ts with a fixed private value b, and the client's expected requests
 * (SRP_A, TIMESTAMP, PASSWORD_CLAIM_SIGNATURE, SECRET_HASH) are computed below with node:crypto
 * from the fixed client private value and clock the tests inject (`rng`, `now`). So a fixture
 * pins what a correct client must send, and was not produced by the code it tests.
 *
 * Response shapes follow the public captures in protocol.md §5 (HTTP 400 + `__type`/`message`
 * + `x-amzn-ErrorType: Name:` for errors; PASSWORD_VERIFIER challenge parameters; the
 * AuthenticationResult of a sign-in). Tokens, request ids, salts and secret blocks are
 * synthetic, derived from a seed.
 */
import { createHash, createHmac, getDiffieHellman, hkdfSync } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { makeVerifier, powMod, serverStep, toByteArray, K } from '../test/support/srp-server.ts'

const OUT = new URL('../fixtures/', import.meta.url)
const N = BigInt('0x' + getDiffieHellman('modp15').getPrime('hex'))
const TARGET = 'AWSCognitoIdentityProviderService.'
const POOL = 'us-east-1_ExAmPlE12'
const PREFIX = 'ExAmPlE12'
const CLIENT = '3n4b5urk1ft4fl3mg5e62d9ado'
const SECRET = '1q2w3e4r5t6y7u8i9o0pa1s2d3f4g5h6j7k8l9z0x1c2v3b4n5m6'
const PASSWORD = 'Corr3ct-horse-battery-staple'
/** Bytes of the client private value a: the library's DEFAULT_PRIVATE_BYTES (384-bit a since issue 7). */
const A_BYTES = 48

/** Deterministic bytes: SHA-256 in counter mode over a label. */
function seeded(label: string, n: number): Buffer {
  const out: Buffer[] = []
  for (let i = 0; out.length * 32 < n; i++) out.push(createHash('sha256').update(`${label}/${i}`).digest())
  return Buffer.concat(out).subarray(0, n)
}
const big = (b: Buffer): bigint => BigInt('0x' + b.toString('hex'))
const b64url = (b: Buffer): string => b.toString('base64url')
const uuid = (label: string): string => {
  const h = seeded(label, 16).toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** Cognito TIMESTAMP, built here from toUTCString (independent of src/srp.ts formatTimestamp). */
function timestamp(ms: number): string {
  const [wd, day, mon, year, time] = new Date(ms).toUTCString().replace(',', '').split(' ') as string[]
  return `${wd} ${mon} ${Number(day)} ${time} UTC ${year}`
}
const httpDate = (ms: number): string => new Date(ms).toUTCString()

const secretHash = (username: string): string => createHmac('sha256', SECRET).update(username + CLIENT).digest('base64')

/** A JWT-shaped token with the claims Cognito puts in it (signature bytes are synthetic). */
function jwt(label: string, payload: Record<string, unknown>): string {
  const header = { kid: b64url(seeded(label + '/kid', 32)).slice(0, 43) + '=', alg: 'RS256' }
  return [b64url(Buffer.from(JSON.stringify(header))), b64url(Buffer.from(JSON.stringify(payload))), b64url(seeded(label + '/sig', 256))].join('.')
}
/** A JWE-shaped refresh token (five segments), opaque like Cognito's. */
function refreshToken(label: string): string {
  const h = b64url(Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })))
  return [h, b64url(seeded(label + '/k', 256)), b64url(seeded(label + '/iv', 12)), b64url(seeded(label + '/c', 400)), b64url(seeded(label + '/t', 16))].join('.')
}

function authResult(label: string, sub: string, username: string, nowMs: number): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000)
  const iss = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`
  const common = { sub, iss, event_id: uuid(label + '/event'), auth_time: iat, iat, exp: iat + 3600, jti: uuid(label + '/jti'), origin_jti: uuid(label + '/ojti') }
  return {
    AccessToken: jwt(label + '/access', { ...common, client_id: CLIENT, token_use: 'access', scope: 'aws.cognito.signin.user.admin', username }),
    ExpiresIn: 3600,
    IdToken: jwt(label + '/id', { ...common, aud: CLIENT, token_use: 'id', 'cognito:username': username, email_verified: true, email: 'alice@example.com' }),
    RefreshToken: refreshToken(label + '/refresh'),
    TokenType: 'Bearer',
  }
}

const okHeaders = (label: string, nowMs: number): Record<string, string> => ({
  'content-type': 'application/x-amz-json-1.1',
  date: httpDate(nowMs),
  'x-amzn-requestid': uuid(label),
})
function errorResponse(label: string, nowMs: number, name: string, message: string): Record<string, unknown> {
  return {
    status: 400,
    headers: { ...okHeaders(label, nowMs), 'x-amzn-errortype': `${name}:`, 'x-amzn-errormessage': message },
    body: { __type: name, message },
  }
}
const reqHeaders = (op: string): Record<string, string> => ({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET + op })

/** The client half of Cognito SRP, computed independently with node:crypto. */
function clientProof(o: { a: bigint; B: bigint; salt: bigint; id: string; password: string; block: Buffer; ts: string }): { A: bigint; signature: string } {
  const H = (...p: Buffer[]): bigint => big(createHash('sha256').update(Buffer.concat(p)).digest())
  const A = powMod(2n, o.a, N)
  const u = H(toByteArray(A), toByteArray(o.B))
  const inner = createHash('sha256').update(`${PREFIX}${o.id}:${o.password}`, 'utf8').digest()
  const x = H(toByteArray(o.salt), inner)
  const S = powMod(o.B - K * powMod(2n, x, N), o.a + u * x, N)
  const key = Buffer.from(hkdfSync('sha256', toByteArray(S), toByteArray(u), Buffer.from('Caldera Derived Key'), 16))
  const signature = createHmac('sha256', key).update(Buffer.concat([Buffer.from(PREFIX), Buffer.from(o.id), o.block, Buffer.from(o.ts)])).digest('base64')
  return { A, signature }
}

interface Scenario {
  name: string
  description: string
  source: string
  client: Record<string, string>
  call: Record<string, unknown>
  inject?: Record<string, unknown>
  srpServer?: Record<string, unknown>
  existingTokens?: boolean
  expect: Record<string, unknown>
  interactions: unknown[]
}
const scenarios: Scenario[] = []

const SRC_SRP =
  'Computed by scripts/make-fixtures.ts: the server side (SALT, SRP_B from a fixed b, verifier of the password) by the independent test/support/srp-server.ts; the expected client requests (SRP_A from the injected private value, TIMESTAMP from the injected clock, PASSWORD_CLAIM_SIGNATURE, SECRET_HASH) with node:crypto, not with src/. Shapes follow protocol.md §5 items 5 (PASSWORD_VERIFIER challenge, floci-io/floci#1305), 7 (AuthenticationResult) and 18 (no Session on success, ministackorg/ministack#1758); tokens, ids and secret block are synthetic.'

/** One full SRP exchange (initiate + verifier), optionally with a wrong password or an alias. */
function srpExchange(o: {
  name: string
  description: string
  typed: string
  internal: string
  secret?: boolean
  password?: string
  nowMs: number
  tail?: 'ok' | 'wrong' | 'abort'
  extraSource?: string
}): void {
  const label = o.name
  const aBytes = seeded(label + '/a', A_BYTES)
  const a = big(aBytes)
  const salt = big(seeded(label + '/salt', 16))
  const b = big(seeded(label + '/b', 32))
  const { v } = makeVerifier(PREFIX, o.internal, PASSWORD, salt)
  const step = serverStep(PREFIX, o.internal, v, b)
  const block = Buffer.concat([Buffer.from([0x02, 0x05, 0x78]), seeded(label + '/block', 189)])
  const ts = timestamp(o.nowMs)
  const typedPassword = o.password ?? PASSWORD
  const { A, signature } = clientProof({ a, B: step.B, salt, id: o.internal, password: typedPassword, block, ts })
  const accepted = step.verify(A, block, ts, signature)
  if (accepted !== (o.tail !== 'wrong')) throw new Error(`${label}: independent server disagrees with the scenario`)
  const initParams: Record<string, string> = { USERNAME: o.typed, SRP_A: A.toString(16) }
  if (o.secret) initParams['SECRET_HASH'] = secretHash(o.typed)
  const responses: Record<string, string> = {
    USERNAME: o.internal,
    PASSWORD_CLAIM_SECRET_BLOCK: block.toString('base64'),
    PASSWORD_CLAIM_SIGNATURE: signature,
    TIMESTAMP: ts,
  }
  if (o.secret) responses['SECRET_HASH'] = secretHash(o.internal)
  const interactions: unknown[] = [
    {
      request: { operation: 'InitiateAuth', headers: reqHeaders('InitiateAuth'), body: { AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT, AuthParameters: initParams } },
      response: {
        status: 200,
        headers: okHeaders(label + '/r1', o.nowMs),
        body: {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeParameters: { SALT: salt.toString(16), SECRET_BLOCK: block.toString('base64'), SRP_B: step.B.toString(16), USERNAME: o.internal, USER_ID_FOR_SRP: o.internal },
        },
      },
    },
  ]
  const respond = { operation: 'RespondToAuthChallenge', headers: reqHeaders('RespondToAuthChallenge'), body: { ChallengeName: 'PASSWORD_VERIFIER', ClientId: CLIENT, ChallengeResponses: responses } }
  let expect: Record<string, unknown>
  if (o.tail === 'wrong') {
    interactions.push({ request: respond, response: errorResponse(label + '/r2', o.nowMs, 'NotAuthorizedException', 'Incorrect username or password.') })
    expect = { error: 'NotAuthorizedException', status: 400, message: 'Incorrect username or password.', requestId: uuid(label + '/r2') }
  } else if (o.tail === 'abort') {
    interactions.push({ request: respond, response: { abort: true } })
    expect = { error: 'AbortError' }
  } else {
    const result = authResult(label, uuid(label + '/sub'), o.internal, o.nowMs)
    interactions.push({ request: respond, response: { status: 200, headers: okHeaders(label + '/r2', o.nowMs), body: { AuthenticationResult: result, ChallengeParameters: {} } } })
    expect = { tokens: result, internalUsername: o.internal }
  }
  scenarios.push({
    name: label,
    description: o.description,
    source: SRC_SRP + (o.extraSource ?? ''),
    client: { userPoolId: POOL, clientId: CLIENT, username: o.typed, ...(o.secret ? { clientSecret: SECRET } : {}) },
    call: { password: typedPassword },
    inject: { privateValue: aBytes.toString('hex'), now: o.nowMs },
    srpServer: { prefix: PREFIX, id: o.internal, password: PASSWORD, salt: salt.toString(16), b: b.toString(16), secretBlock: block.toString('base64'), accepts: accepted },
    existingTokens: o.tail !== undefined && o.tail !== 'ok',
    expect,
    interactions,
  })
}

/** An SRP InitiateAuth whose challenge is malformed: the client must stop before answering. */
function srpMalformed(name: string, description: string, edit: (cp: Record<string, string>) => void, error: string): void {
  const label = name
  const nowMs = Date.UTC(2024, 1, 29, 12, 5, 6)
  const aBytes = seeded(label + '/a', A_BYTES)
  const A = powMod(2n, big(aBytes), N)
  const salt = big(seeded(label + '/salt', 16))
  const b = big(seeded(label + '/b', 32))
  const step = serverStep(PREFIX, 'alice', makeVerifier(PREFIX, 'alice', PASSWORD, salt).v, b)
  const cp: Record<string, string> = {
    SALT: salt.toString(16),
    SECRET_BLOCK: Buffer.concat([Buffer.from([0x02, 0x05, 0x78]), seeded(label + '/block', 189)]).toString('base64'),
    SRP_B: step.B.toString(16),
    USERNAME: 'alice',
    USER_ID_FOR_SRP: 'alice',
  }
  edit(cp)
  scenarios.push({
    name,
    description,
    source: 'Computed by scripts/make-fixtures.ts from a valid PASSWORD_VERIFIER challenge (independent test/support/srp-server.ts, fixed b; shape of protocol.md §5 item 5) with one value deliberately broken, to exercise the client\'s checks. Real Cognito is not known to send this; the test proves the client refuses it.',
    client: { userPoolId: POOL, clientId: CLIENT, username: 'alice' },
    call: { password: PASSWORD },
    inject: { privateValue: aBytes.toString('hex'), now: nowMs },
    existingTokens: true,
    expect: { error },
    interactions: [
      {
        request: { operation: 'InitiateAuth', headers: reqHeaders('InitiateAuth'), body: { AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'alice', SRP_A: A.toString(16) } } },
        response: { status: 200, headers: okHeaders(label + '/r1', nowMs), body: { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: cp } },
      },
    ],
  })
}

const pwRequest = {
  operation: 'InitiateAuth',
  headers: reqHeaders('InitiateAuth'),
  body: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'alice', PASSWORD } },
}
function passwordScenario(name: string, description: string, source: string, responses: unknown[], expect: Record<string, unknown>, existingTokens: boolean): void {
  scenarios.push({
    name,
    description,
    source,
    client: { userPoolId: POOL, clientId: CLIENT, username: 'alice' },
    call: { password: PASSWORD, flow: 'USER_PASSWORD_AUTH' },
    existingTokens,
    expect,
    interactions: responses.map((response) => ({ request: pwRequest, response })),
  })
}

// ---- successful logins ----
srpExchange({ name: 'srp-login', description: 'USER_SRP_AUTH → PASSWORD_VERIFIER → tokens, app client without a secret, username = USER_ID_FOR_SRP.', typed: 'alice', internal: 'alice', nowMs: Date.UTC(2022, 0, 3, 9, 0, 0), tail: 'ok' })
srpExchange({
  name: 'srp-login-client-secret',
  description: 'SRP login for an app client with a secret, signing in with an email alias: InitiateAuth carries SECRET_HASH over the typed alias, RespondToAuthChallenge carries USERNAME and SECRET_HASH over the internal username Cognito returned.',
  typed: 'alice@example.com',
  internal: uuid('secret-user-sub'),
  secret: true,
  nowMs: Date.UTC(2025, 4, 7, 0, 9, 40),
  tail: 'ok',
  extraSource: ' SECRET_HASH rule: protocol.md §2.1 (alexrudd/cognito-srp#1, AWS Knowledge Center cognito-unable-to-verify-secret-hash).',
})
srpExchange({
  name: 'srp-login-alias',
  description: 'SRP login with an email alias in a pool whose internal usernames are UUIDs: x and the signature use USER_ID_FOR_SRP, the answer uses the returned USERNAME (pycognito #18/#193).',
  typed: 'alice@example.com',
  internal: uuid('alias-user-sub'),
  nowMs: Date.UTC(2023, 6, 9, 23, 30, 0),
  tail: 'ok',
})
passwordScenario(
  'password-login',
  'USER_PASSWORD_AUTH → tokens in one round trip.',
  'Shape from protocol.md §5 item 7 (curl InitiateAuth USER_PASSWORD_AUTH → AuthenticationResult with ExpiresIn 3600, TokenType Bearer, ChallengeParameters {}; Stack Overflow q/61528968) and item 4 (200 headers); tokens and ids are synthetic, generated by scripts/make-fixtures.ts.',
  [{ status: 200, headers: okHeaders('password-login/r1', Date.UTC(2022, 0, 1)), body: { AuthenticationResult: authResult('password-login', uuid('password-login/sub'), 'alice', Date.UTC(2022, 0, 1)), ChallengeParameters: {} } }],
  { tokens: authResult('password-login', uuid('password-login/sub'), 'alice', Date.UTC(2022, 0, 1)), internalUsername: 'alice' },
  false,
)

// ---- service errors ----
srpExchange({
  name: 'srp-wrong-password',
  description: 'SRP login with a wrong password: the client signs with what was typed, the independent server rejects the signature, Cognito answers 400 NotAuthorizedException "Incorrect username or password."',
  typed: 'alice',
  internal: 'alice',
  password: 'wrong-password',
  nowMs: Date.UTC(2022, 0, 3, 9, 0, 0),
  tail: 'wrong',
  extraSource: ' Error response as in protocol.md §5 items 1 (ellaisys/aws-cognito#94: HTTP 400, {"__type":"NotAuthorizedException","message":"Incorrect username or password."}) and 2 (x-amzn-ErrorType with trailing colon, x-amzn-ErrorMessage, x-amzn-RequestId; awslabs/aws-sdk-ios-samples#144).',
})
{
  const nowMs = Date.UTC(2022, 0, 3, 9, 0, 0)
  const aBytes = seeded('user-not-found/a', A_BYTES)
  scenarios.push({
    name: 'user-not-found',
    description: 'SRP login for an unknown user in a pool with PreventUserExistenceErrors LEGACY: InitiateAuth answers 400 UserNotFoundException.',
    source: 'protocol.md §2.4 / §5 items 18–19: with LEGACY, UserNotFoundException "User does not exist." comes at InitiateAuth (ministackorg/ministack#1758; oneuptime blog); error headers as §5 item 2. SRP_A computed by scripts/make-fixtures.ts with node:crypto from the injected private value.',
    client: { userPoolId: POOL, clientId: CLIENT, username: 'mallory' },
    call: { password: PASSWORD },
    inject: { privateValue: aBytes.toString('hex'), now: nowMs },
    existingTokens: true,
    expect: { error: 'UserNotFoundException', status: 400, message: 'User does not exist.', requestId: uuid('user-not-found/r1') },
    interactions: [
      {
        request: { operation: 'InitiateAuth', headers: reqHeaders('InitiateAuth'), body: { AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: 'mallory', SRP_A: powMod(2n, big(aBytes), N).toString(16) } } },
        response: errorResponse('user-not-found/r1', nowMs, 'UserNotFoundException', 'User does not exist.'),
      },
    ],
  })
}
const T0 = Date.UTC(2022, 0, 1)
passwordScenario(
  'throttled-then-success',
  'InitiateAuth is throttled once (400 TooManyRequestsException "Rate exceeded"), retried with the same request, then succeeds: exactly two attempts.',
  'Throttling response as in protocol.md §5 items 11–12 (aws/aws-sdk-java#2301, aws-amplify/amplify-js#3554, boto/botocore#1732: TooManyRequestsException with HTTP 400), headers as item 2; success as item 7. Generated by scripts/make-fixtures.ts.',
  [errorResponse('throttled/r1', T0, 'TooManyRequestsException', 'Rate exceeded'), { status: 200, headers: okHeaders('throttled/r2', T0), body: { AuthenticationResult: authResult('throttled', uuid('throttled/sub'), 'alice', T0), ChallengeParameters: {} } }],
  { tokens: authResult('throttled', uuid('throttled/sub'), 'alice', T0), internalUsername: 'alice' },
  false,
)
scenarios.push({
  name: 'limit-exceeded',
  description:
    'ResendConfirmationCode answered with LimitExceededException (an attempt limit, brute-force protection): raised after exactly one attempt, never retried, even with retryUnsafe set.',
  source:
    'protocol.md §5 item 13: LimitExceededException on ResendConfirmationCode with HTTP 400 (aws/aws-sdk-net#2011, where the SDK retried it 4 times) and the message "Attempt limit exceeded, please try after some time." (aws-amplify/aws-sdk-android#627); headers as item 2. The model lists LimitExceededException for ResendConfirmationCode, not for InitiateAuth. Generated by scripts/make-fixtures.ts.',
  client: { userPoolId: POOL, clientId: CLIENT, username: 'alice' },
  call: { operation: 'ResendConfirmationCode', input: { ClientId: CLIENT, Username: 'alice' }, retryUnsafe: true },
  existingTokens: true,
  expect: { error: 'LimitExceededException', status: 400, message: 'Attempt limit exceeded, please try after some time.', requestId: uuid('limit/r1') },
  interactions: [
    {
      request: { operation: 'ResendConfirmationCode', headers: reqHeaders('ResendConfirmationCode'), body: { ClientId: CLIENT, Username: 'alice' } },
      response: errorResponse('limit/r1', T0, 'LimitExceededException', 'Attempt limit exceeded, please try after some time.'),
    },
  ],
})

// ---- malformed responses ----
const HTML_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n'
const synthetic = (what: string): string =>
  `Synthetic, written by scripts/make-fixtures.ts: ${what} It is deliberately not a Cognito answer; the request is the USER_PASSWORD_AUTH request of protocol.md §2.1.`
passwordScenario(
  'malformed-html-502',
  'An HTML 502 page from a gateway in front of the endpoint: raised as ResponseError with status 502, and not sent again (a password sign-in is checked at once, so it may already have sent an MFA code).',
  synthetic('the HTML error page a proxy or load balancer returns with 502, with no x-amzn-* headers.'),
  [1].map(() => ({ status: 502, headers: { 'content-type': 'text/html', 'content-length': String(HTML_502.length) }, rawBody: HTML_502 })),
  { error: 'ResponseError', status: 502 },
  true,
)
passwordScenario(
  'malformed-empty-body',
  'HTTP 200 with an empty body: no AuthenticationResult and no challenge, so ResponseError.',
  synthetic('a 200 whose body is empty.'),
  [{ status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': uuid('empty/r1') }, rawBody: '' }],
  { error: 'ResponseError', status: undefined },
  true,
)
const goodBody = JSON.stringify({ AuthenticationResult: authResult('malformed', uuid('malformed/sub'), 'alice', T0), ChallengeParameters: {} })
passwordScenario(
  'malformed-json-array',
  'HTTP 200 whose body is a JSON array where an object was expected: ResponseError.',
  synthetic('a valid sign-in result wrapped in a JSON array.'),
  [{ status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': uuid('array/r1') }, rawBody: `[${goodBody}]` }],
  { error: 'ResponseError', status: 200 },
  true,
)
passwordScenario(
  'malformed-truncated-json',
  'HTTP 200 whose JSON body is cut off in the middle of the access token: ResponseError, not a SyntaxError.',
  synthetic('a valid sign-in result truncated after 120 characters.'),
  [{ status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': uuid('truncated/r1') }, rawBody: goodBody.slice(0, 120) }],
  { error: 'ResponseError', status: 200 },
  true,
)
srpMalformed('srp-missing-srp-b', 'PASSWORD_VERIFIER challenge without SRP_B: ResponseError naming the missing member, no answer sent.', (cp) => delete cp['SRP_B'], 'ResponseError')
srpMalformed('srp-b-zero', 'SRP_B = 0: the RFC 5054 §2.5.4 safety check aborts (SrpError), no answer sent.', (cp) => (cp['SRP_B'] = '0'), 'SrpError')
srpMalformed('srp-b-multiple-of-n', 'SRP_B = N (≡ 0 mod N): the safety check aborts (SrpError), no answer sent.', (cp) => (cp['SRP_B'] = N.toString(16)), 'SrpError')
srpMalformed('srp-b-not-hex', 'SRP_B that is not hex: SrpError, no answer sent.', (cp) => (cp['SRP_B'] = 'z' + cp['SRP_B']!.slice(1)), 'SrpError')
srpMalformed('srp-salt-not-hex', 'SALT that is not hex: SrpError, no answer sent.', (cp) => (cp['SALT'] = 'not-a-hex-salt'), 'SrpError')
srpMalformed('srp-secret-block-not-base64', 'SECRET_BLOCK that is not base64: SrpError, no answer sent.', (cp) => (cp['SECRET_BLOCK'] = '!!' + cp['SECRET_BLOCK']!.slice(2, 40) + '*'), 'SrpError')

// ---- abort ----
srpExchange({
  name: 'abort-mid-login',
  description: 'The caller aborts while RespondToAuthChallenge is in flight (the response never arrives): AbortError, no further attempt, tokens unchanged. The "abort" response tells the replay to hold the request until the signal fires.',
  typed: 'alice',
  internal: 'alice',
  nowMs: Date.UTC(2022, 0, 3, 9, 0, 0),
  tail: 'abort',
})

mkdirSync(OUT, { recursive: true })
for (const { name, source, description, ...rest } of scenarios) {
  const ordered = { source, description, ...rest }
  writeFileSync(new URL(`${name}.json`, OUT), JSON.stringify(ordered, null, 2) + '\n')
}
console.log(`wrote ${scenarios.length} fixtures to fixtures/`)

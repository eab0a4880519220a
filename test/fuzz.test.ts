/**
 * Property-based fuzzing (fast-check) of every parser and validator that sees untrusted input.
 *
 * The only acceptable outcomes are a result or a typed error (`isCognitoError`: CognitoError
 * subclasses and ArgumentError). A SyntaxError / TypeError / RangeError escaping from deep inside
 * fails the property, and fast-check prints the shrunk counter-example with the seed.
 *
 * Reproducible: every property runs from FUZZ_SEED (default below), printed at the end with the
 * number of cases. `npm run fuzz` multiplies the run counts by FUZZ_SCALE (default 20 there).
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  Cognito,
  CognitoError,
  decodePayload,
  endpointForRegion,
  isCognitoError,
  parseErrorType,
  processResponse,
  regionFromPoolId,
  resolveEndpoint,
  send,
} from '../src/index.ts'
import { fromBase64, fromBase64Url, hexToBytes, toBase64, toBase64Url, utf8Decode, bytesToHex } from '../src/lib/bytes.ts'
import { N, formatTimestamp, padHex, parseSalt, parseServerB, passwordVerifier, poolNameOf } from '../src/srp.ts'
import { parseTimestamp } from './support/stub-pool.ts'
import { createVerifier } from '../src/jwt.ts'
import { b64url, claims, forgeKeys, signRs256 } from './support/jwt-forge.ts'

export const SEED = Number(process.env['FUZZ_SEED'] ?? 20261126)
const SCALE = Math.max(1, Number(process.env['FUZZ_SCALE'] ?? 1))
let cases = 0
after(() => console.log(`fuzz: ${cases} cases fuzzed, 0 untyped failures (FUZZ_SEED=${SEED}, FUZZ_SCALE=${SCALE})`))

/** Run a property with the shared seed; counts every generated case. */
async function check<T>(name: string, runs: number, arb: fc.Arbitrary<T>, body: (v: T) => unknown): Promise<void> {
  const seed = (SEED + [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0)) | 0
  await fc.assert(
    fc.asyncProperty(arb, async (v) => {
      cases++
      await body(v)
    }),
    { seed, numRuns: runs * SCALE, endOnFailure: false },
  )
}

/** Result or typed error; anything else fails the property with a readable message. */
async function typed<T>(fn: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await fn() }
  } catch (error) {
    if (!isCognitoError(error)) {
      const e = error as Error
      throw new Error(`untyped ${e?.name}: ${e?.message}`, { cause: error })
    }
    return { ok: false, error }
  }
}

const ascii = fc.string({ unit: 'binary-ascii', maxLength: 60 })
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 })
const errorNames = fc.oneof(
  fc.constantFrom(
    'NotAuthorizedException', 'TooManyRequestsException', 'LimitExceededException', 'InternalErrorException',
    'com.amazonaws.cognito.identity.idp.model#UserNotFoundException', 'ExpiredCodeException:http://internal.amazon.com/coral/x/',
    'aws.protocoltests#Foo:bar,baz', '#', ':', '', ',,', '__proto__', 'constructor',
  ),
  headerValue,
)
const jsonish = fc.oneof(
  fc.jsonValue(),
  fc.record({ __type: fc.oneof(errorNames, fc.jsonValue()), message: fc.oneof(fc.string(), fc.jsonValue()) }, { requiredKeys: [] }),
  fc.record({ code: errorNames, Message: fc.string(), type: fc.constant('client') }, { requiredKeys: [] }),
)
const headers = fc.dictionary(
  fc.constantFrom('x-amzn-errortype', 'x-amzn-errormessage', 'x-amzn-requestid', 'x-amzn-request-id', 'content-type', 'date'),
  fc.oneof(headerValue, errorNames),
  { maxKeys: 5 },
)
const bodyText = fc.oneof(
  jsonish.map((v) => JSON.stringify(v) ?? ''),
  fc.string({ maxLength: 200 }),
  fc.constantFrom('', ' ', '<html>502 Bad Gateway</html>', '{"__type":', 'null', '[]', '{"__proto__":{"x":1}}', '\u0000', '{"a":1}garbage'),
)
const status = fc.oneof(fc.integer({ min: 200, max: 599 }), fc.constantFrom(200, 400, 429, 500, 502, 503, 504))

test('fuzz: parseErrorType never throws and yields a sanitised name', async () => {
  await check('parseErrorType', 1500, fc.tuple(jsonish, headers), async ([body, h]) => {
    const r = parseErrorType(body, new Headers(h))
    if (r) {
      assert.match(r.name, /^[A-Za-z0-9_.-]{1,128}$/)
      assert.equal(typeof r.message, 'string')
      assert.ok(r.message.length <= 1024)
    }
  })
})

test('fuzz: processResponse returns an object or throws a typed error', async () => {
  await check('processResponse', 1500, fc.tuple(status, bodyText, headers), async ([st, text, h]) => {
    const noBody = st === 204 || st === 205 || st === 304
    const r = await typed(() => processResponse(new Response(noBody ? null : text, { status: st, headers: h })))
    if (r.ok) {
      assert.ok(st >= 200 && st < 300, 'only 2xx gives a result')
      assert.ok(r.value !== null && typeof r.value === 'object' && !Array.isArray(r.value))
      assert.equal(Object.prototype.hasOwnProperty.call(r.value, '__proto__'), false)
    } else {
      assert.ok(r.error instanceof CognitoError, 'a response failure is a CognitoError')
      if (st < 300) assert.equal((r.error as CognitoError).retryable, false, 'a bad 2xx body is not retried')
    }
  })
})

test('fuzz: hex / base64 / base64url / UTF-8 decoders', async () => {
  const hexish = fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }).map(bytesToHex))
  await check('hexToBytes', 1000, hexish, async (s) => {
    const r = await typed(() => hexToBytes(s))
    if (r.ok) assert.equal(bytesToHex(r.value), s.toLowerCase())
    else assert.equal(/^(?:[0-9a-fA-F]{2})*$/.test(s), false)
  })
  const b64ish = fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }).map(toBase64), fc.base64String({ maxLength: 40 }))
  await check('fromBase64', 1000, b64ish, async (s) => {
    const r = await typed(() => fromBase64(s))
    if (r.ok) assert.deepEqual(Buffer.from(r.value), Buffer.from(s, 'base64'))
    else assert.equal(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s), false)
  })
  const b64urlish = fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }).map(toBase64Url))
  await check('fromBase64Url', 1000, b64urlish, async (s) => {
    const r = await typed(() => fromBase64Url(s))
    if (r.ok) assert.deepEqual(Buffer.from(r.value), Buffer.from(s, 'base64url'))
  })
  await check('utf8Decode', 500, fc.uint8Array({ maxLength: 40 }), async (b) => {
    const r = await typed(() => utf8Decode(b, 'fuzz'))
    if (r.ok) assert.deepEqual(Buffer.from(r.value, 'utf8'), Buffer.from(b))
  })
})

test('fuzz: SRP input checks (parseServerB, parseSalt, padHex, formatTimestamp)', async () => {
  const nearN = fc.bigInt({ min: 0n, max: 3n * N }).map((v) => v.toString(16))
  const value = fc.oneof(nearN, fc.string({ maxLength: 30 }), fc.constantFrom('', '0', '00', N.toString(16), (2n * N).toString(16), 'f'.repeat(1025)), fc.anything())
  await check('parseServerB', 1000, value, async (v) => {
    const r = await typed(() => parseServerB(v))
    if (r.ok) assert.ok(r.value > 0n && r.value < N)
    else assert.equal((r.error as CognitoError).code, 'ERR_SRP')
  })
  await check('parseSalt', 1000, value, async (v) => {
    const r = await typed(() => parseSalt(v))
    if (r.ok) assert.equal(typeof r.value, 'bigint')
    else assert.equal((r.error as CognitoError).code, 'ERR_SRP')
  })
  await check('padHex', 500, fc.oneof(fc.bigInt({ min: -5n, max: 2n ** 300n }), fc.string({ maxLength: 20 })), async (v) => {
    const r = await typed(() => padHex(v))
    if (r.ok) {
      assert.equal(r.value.length % 2, 0)
      assert.ok(!'89abcdef'.includes(r.value[0]!), 'signed encoding: the high bit is never set')
      assert.equal(BigInt('0x' + r.value), typeof v === 'bigint' ? v : BigInt('0x' + v))
    }
  })
  await check('formatTimestamp', 500, fc.date({ min: new Date(0), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), async (d) => {
    const ts = formatTimestamp(d)
    assert.equal(parseTimestamp(ts), Math.floor(d.getTime() / 1000) * 1000, ts)
  })
})

test('fuzz: passwordVerifier on hostile challenge values', async () => {
  const B = fc.oneof(fc.bigInt({ min: 1n, max: N - 1n }).map((v) => v.toString(16)), fc.string({ maxLength: 10 }), fc.constantFrom(N.toString(16), '0', ''))
  const salt = fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 16 }).map(bytesToHex), fc.string({ maxLength: 10 }), fc.constant(''))
  const block = fc.oneof(fc.uint8Array({ maxLength: 32 }).map(toBase64), fc.string({ maxLength: 10 }))
  await check('passwordVerifier', 40, fc.tuple(B, salt, block), async ([srpB, s, secretBlock]) => {
    const r = await typed(() => passwordVerifier({ a: 12345n, srpB, salt: s, secretBlock, prefix: 'Pool', id: 'user', secret: 'pw', date: new Date(0) }))
    if (r.ok) assert.match(r.value.signature, /^[A-Za-z0-9+/]{43}=$/)
    else assert.equal((r.error as CognitoError).code, 'ERR_SRP')
  })
})

/** Responses of a hostile sign-in endpoint: challenge parameters and results of any shape. */
const authBody = fc.oneof(
  fc.record(
    {
      ChallengeName: fc.oneof(fc.constantFrom('PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED', 'SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'CUSTOM_CHALLENGE', 'MFA_SETUP', 'DEVICE_SRP_AUTH', ''), fc.jsonValue()),
      ChallengeParameters: fc.oneof(
        fc.dictionary(
          fc.oneof(fc.constantFrom('USERNAME', 'USER_ID_FOR_SRP', 'SRP_B', 'SALT', 'SECRET_BLOCK', 'requiredAttributes', 'userAttributes', '__proto__', 'constructor'), fc.string({ maxLength: 8 })),
          fc.oneof(fc.string({ maxLength: 12 }), fc.jsonValue(), fc.constantFrom('ff', '0', N.toString(16), 'AAAA', 'not base64!')),
        ),
        fc.jsonValue(),
      ),
      Session: fc.oneof(fc.string({ maxLength: 12 }), fc.jsonValue()),
      AvailableChallenges: fc.oneof(fc.array(fc.string({ maxLength: 8 })), fc.jsonValue()),
      AuthenticationResult: fc.oneof(
        fc.record(
          {
            AccessToken: fc.oneof(fc.constant('h.eyJ1c2VybmFtZSI6Im1hbGxvcnkifQ.s'), fc.string({ maxLength: 12 }), fc.jsonValue()),
            IdToken: fc.oneof(fc.constant('i.d.t'), fc.string({ maxLength: 12 }), fc.jsonValue()),
            RefreshToken: fc.oneof(fc.string({ maxLength: 12 }), fc.jsonValue()),
            ExpiresIn: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
            TokenType: fc.oneof(fc.constant('Bearer'), fc.jsonValue()),
            NewDeviceMetadata: fc.oneof(fc.record({ DeviceKey: fc.string(), DeviceGroupKey: fc.string() }), fc.jsonValue()),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue(),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
)

test('fuzz: challenge-parameter handling through authenticate (injected fetch)', async () => {
  // a cheap private value (a = 7) keeps the SRP arithmetic fast; the checks do not depend on it
  const rng = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i === n - 1 ? 7 : 0))
  const run = async (flow: 'USER_PASSWORD_AUTH' | 'USER_SRP_AUTH', bodies: unknown[], st: number): Promise<void> => {
    let i = 0
    const fetch = async (): Promise<Response> =>
      new Response(JSON.stringify(bodies[i++ % bodies.length]) ?? '', { status: st, headers: { 'content-type': 'application/x-amz-json-1.1' } })
    const user = new Cognito({ userPoolId: 'eu-west-1_Fuzz', clientId: 'fuzzclient', username: 'mallory', fetch, rng, retry: false, accessToken: 'old.a.t', idToken: 'old.i.t', refreshToken: 'old-r' })
    const r = await typed(() => user.authenticate('pw', { flow }))
    if (r.ok) {
      assert.equal(user.accessToken, r.value.accessToken)
      assert.equal(typeof r.value.accessToken, 'string')
      assert.ok(Number.isFinite(r.value.expiresAt), 'expiry is a finite time')
    } else {
      assert.equal(user.accessToken, 'old.a.t', 'tokens unchanged after a failure')
      assert.equal(user.idToken, 'old.i.t')
      const e = r.error as { availableChallenges?: unknown[]; challengeParameters?: Record<string, unknown> }
      if (e.availableChallenges) assert.ok(e.availableChallenges.every((c) => typeof c === 'string'))
      if (e.challengeParameters) assert.ok(Object.values(e.challengeParameters).every((c) => typeof c === 'string'))
    }
  }
  await check('authenticate USER_PASSWORD_AUTH', 1000, fc.tuple(authBody, fc.constantFrom(200, 200, 200, 400)), ([b, st]) => run('USER_PASSWORD_AUTH', [b], st))
  await check('authenticate USER_SRP_AUTH', 60, fc.tuple(authBody, authBody), ([b1, b2]) => run('USER_SRP_AUTH', [b1, b2], 200))
})

test('fuzz: decodePayload never throws', async () => {
  const seg = fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')), fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b).toString('base64url')))
  await check('decodePayload', 1000, fc.oneof(fc.tuple(seg, seg, seg).map((p) => p.join('.')), fc.string({ maxLength: 40 }), fc.anything() as fc.Arbitrary<string>), async (t) => {
    const r = decodePayload(t)
    assert.ok(r === undefined || (typeof r === 'object' && r !== null && !Array.isArray(r)))
  })
})

test('fuzz: pool ids, regions and endpoints', async () => {
  const id = fc.oneof(ascii, fc.constantFrom('us-east-1_AbC123', 'cn-north-1_x', 'us-gov-west-1_Z', '_', 'a_', '_b', 'us-east-1_'), fc.anything() as fc.Arbitrary<string>)
  await check('regionFromPoolId', 500, id, async (v) => {
    const r = await typed(() => regionFromPoolId(v))
    if (r.ok) assert.match(endpointForRegion(r.value), /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/$/)
    await typed(() => poolNameOf(v))
    await typed(() => resolveEndpoint({ endpoint: v }))
    await typed(() => resolveEndpoint({ region: v }))
  })
})

test('fuzz: Cognito constructor and send() validate their options', async () => {
  const opt = fc.record(
    {
      userPoolId: fc.oneof(fc.constant('us-east-1_Ok1'), ascii, fc.jsonValue()),
      clientId: fc.oneof(fc.constant('c1'), fc.jsonValue()),
      username: fc.oneof(fc.constant('u'), fc.jsonValue()),
      clientSecret: fc.oneof(fc.constant('s'), fc.jsonValue()),
      endpoint: fc.oneof(fc.constant('http://127.0.0.1:9229/'), ascii, fc.jsonValue()),
      region: fc.oneof(fc.constant('eu-west-2'), ascii),
      timeout: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
      retry: fc.oneof(fc.constant(false), fc.record({ maxAttempts: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double()) }), fc.jsonValue()),
      headers: fc.oneof(fc.dictionary(fc.constantFrom('authorization', 'Authorization', 'x-ok'), fc.string()), fc.constant({})),
    },
    { requiredKeys: [] },
  )
  const op = fc.oneof(fc.constantFrom('GetUser', 'InitiateAuth', 'getUser', '', 'Get User'), ascii)
  await check('constructor+send', 500, fc.tuple(opt, op), async ([o, operation]) => {
    const fetch = async (): Promise<Response> => new Response('{}', { status: 200, headers: { date: 'not a date' } })
    await typed(async () => {
      const c = new Cognito(o as never)
      assert.ok(c instanceof Cognito)
      return send(operation, {}, { ...(o as object), fetch, retry: false, userPoolId: c.userPoolId })
    })
  })
})

/* Account and admin responses (issue 4): any JSON from the server → a result or a typed error. */
test('fuzz: account and admin responses of any shape (getUser, updateProfile, adminGetUser, getUsers, getGroups)', async () => {
  const attr = fc.oneof(fc.record({ Name: fc.oneof(fc.constantFrom('sub', 'email', 'email_verified', 'custom:x', 'phone_number_verified'), fc.jsonValue()), Value: fc.oneof(fc.string({ maxLength: 10 }), fc.jsonValue()) }, { requiredKeys: [] }), fc.jsonValue())
  const attrs = fc.oneof(fc.array(attr, { maxLength: 4 }), fc.jsonValue())
  const user = fc.oneof(fc.record({ Username: fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue()), Attributes: attrs, UserAttributes: attrs, Enabled: fc.jsonValue(), UserStatus: fc.jsonValue(), UserCreateDate: fc.oneof(fc.double(), fc.jsonValue()) }, { requiredKeys: [] }), fc.jsonValue())
  const body = fc.oneof(
    user,
    fc.record({ Users: fc.oneof(fc.array(user, { maxLength: 3 }), fc.jsonValue()), PaginationToken: fc.jsonValue(), Groups: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()), NextToken: fc.jsonValue(), CodeDeliveryDetailsList: fc.jsonValue() }, { requiredKeys: [] }),
    fc.jsonValue(),
  )
  const { AdminCognito } = await import('../src/admin.ts')
  await check('account/admin responses', 600, fc.tuple(body, fc.integer({ min: 0, max: 4 })), async ([b, which]) => {
    const fetch = async (): Promise<Response> => new Response(JSON.stringify(b) ?? '', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } })
    const opts = { userPoolId: 'us-east-1_FuzzAcct', clientId: 'c', username: 'u', accessToken: 'a.b.c', fetch, retry: false as const }
    const admin = new AdminCognito({ ...opts, credentials: { accessKeyId: 'AKIDFUZZ', secretAccessKey: 'fuzz-secret' } })
    const calls: Array<() => Promise<unknown>> = [() => admin.getUser(), () => admin.updateProfile({ name: 'x' }), () => admin.adminGetUser('u'), () => admin.getUsers(), () => admin.getGroups()]
    await typed(calls[which]!)
  })
})

test('fuzz: JWT decoding and JWKS parsing (src/jwt.ts)', async () => {
  const ctx = { region: 'us-east-1', userPoolId: 'us-east-1_FuzzJwt', clientId: 'fuzzc', now: 1_800_000_000 }
  const key = forgeKeys().pool
  const good = signRs256(claims(ctx, 'access'), key)
  const goodSegs = good.split('.')
  // hostile tokens: arbitrary strings, arbitrary JSON segments, good segments recombined with junk
  const seg = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.jsonValue().map((v) => b64url(JSON.stringify(v) ?? '')),
    fc.dictionary(fc.constantFrom('alg', 'kid', 'typ', 'iss', 'exp', 'token_use', 'client_id', '__proto__'), fc.jsonValue()).map((o) => b64url(JSON.stringify(o))),
    fc.constantFrom(...goodSegs, ''),
  )
  const token = fc.oneof(fc.tuple(seg, seg, seg).map((p) => p.join('.')), fc.string({ maxLength: 60 }), fc.array(seg, { maxLength: 5 }).map((p) => p.join('.')))
  const verifier = createVerifier({ userPoolId: ctx.userPoolId, clientId: ctx.clientId, tokenUse: null, now: () => ctx.now * 1000, fetch: async () => Response.json({ keys: [key.jwk] }) })
  await check('jwt verify', 1000, token, async (t) => {
    const r = await typed(() => verifier.verify(t))
    if (r.ok) assert.equal(t, good, 'only the genuine token verifies')
  })
  // hostile JWKS documents: the genuine token must verify or fail with a typed error
  const jwk = fc.oneof(
    fc.constant(key.jwk),
    fc.record({ kid: fc.oneof(fc.constant(key.kid), fc.jsonValue()), kty: fc.oneof(fc.constant('RSA'), fc.jsonValue()), alg: fc.oneof(fc.constant('RS256'), fc.jsonValue()), n: fc.oneof(fc.constant(key.jwk['n']), fc.string(), fc.jsonValue()), e: fc.oneof(fc.constant('AQAB'), fc.string(), fc.jsonValue()) }, { requiredKeys: [] }),
    fc.jsonValue(),
  )
  const jwks = fc.oneof(fc.record({ keys: fc.array(jwk, { maxLength: 4 }) }), fc.jsonValue(), fc.string({ maxLength: 20 }).map((s) => ({ raw: s })))
  await check('jwks parse', 300, fc.tuple(jwks, fc.constantFrom(200, 200, 404, 500)), async ([doc, status]) => {
    const body = typeof doc === 'object' && doc !== null && 'raw' in doc ? String((doc as { raw: unknown }).raw) : JSON.stringify(doc) ?? ''
    const v = createVerifier({ userPoolId: ctx.userPoolId, clientId: ctx.clientId, tokenUse: 'access', now: () => ctx.now * 1000, fetch: async () => new Response(body, { status }) })
    await typed(() => v.verify(good))
    await typed(() => v.cacheJwks(doc as never))
  })
})

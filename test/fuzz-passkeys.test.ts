/**
 * Property-based fuzzing (fast-check) of the local pool's passkey verifier: the byte parsers of
 * src/local/cbor.ts (CBOR, authenticator data, COSE keys, DER signatures), and the two operations
 * that take a credential from a browser, CompleteWebAuthnRegistration (`Credential`) and
 * RespondToAuthChallenge WEB_AUTHN (`CREDENTIAL`), end to end through the pool's fetch handler.
 *
 * Properties: a parser returns a value or throws FormatError, nothing else; an operation answers
 * HTTP 400 with an error its service model declares (never 500, never an uncaught exception),
 * within a few seconds; and a bent credential is never accepted (no passkey stored, no tokens).
 * The bends start from an honest credential made by the software authenticator (test/support),
 * and either change bytes in transit (the signature then covers other bytes) or change the
 * signed bytes before signing, so the checks behind the signature are reached as well.
 *
 * Reproducible like test/fuzz.test.ts: every property runs from FUZZ_SEED, its run counts
 * multiplied by FUZZ_SCALE; both are printed at the end.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { concat, fromBase64Url, toBase64Url, utf8 } from '../src/lib/bytes.ts'
import { coseToKey, decodeCbor, decodeCborMap, derToRaw, ES256, FormatError, importKey, parseAuthData, RS256 } from '../src/local/cbor.ts'
import { createLocalPool, type LocalPool } from '../src/local/index.ts'
import { cbor, createAuthenticator, FLAG, rawToDer, type Bend, type SoftAuthenticator } from './support/passkey-authenticator.ts'
import { call, ok, PW } from './support/local.ts'
import { model } from './support/model.ts'

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261126)
const SCALE = Math.max(1, Number(process.env['FUZZ_SCALE'] ?? 1))
let cases = 0
after(() => console.log(`fuzz-passkeys: ${cases} cases fuzzed, 0 failures (FUZZ_SEED=${SEED}, FUZZ_SCALE=${SCALE})`))

/** A hang is a failure: each case must settle within `ms`. */
async function within<T>(ms: number, p: Promise<T> | T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))
  try {
    return await Promise.race([p, hang])
  } finally {
    clearTimeout(timer)
  }
}

/** Run a property from the shared seed (the name varies it per property), counting the cases. */
async function property<T>(name: string, runs: number, arb: fc.Arbitrary<T>, body: (v: T) => Promise<void> | void): Promise<void> {
  const seed = (SEED + [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0)) | 0
  const run = async (v: T): Promise<void> => {
    cases++
    await within(5000, body(v))
  }
  await fc.assert(fc.asyncProperty(arb, run), { seed, numRuns: runs * SCALE, endOnFailure: false, includeErrorInReport: true })
}

/** A parser's outcome: its value, or the FormatError it threw; anything else fails the property. */
function parsed<T>(fn: () => T): T | FormatError {
  try {
    return fn()
  } catch (e) {
    if (e instanceof FormatError) return e
    throw new Error(`untyped ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e })
  }
}

// ---------------------------------------------------------------- hostile bytes

const u8 = (...b: number[]): Uint8Array => Uint8Array.from(b)
const ff = (n: number): number[] => new Array<number>(n).fill(0xff)
/** CBOR items authenticators never send, and headers that declare far more than is there. */
const cborTraps = fc.constantFrom(
  u8(0x5b, ...ff(8)), u8(0x5b, 0, 0x1f, ...ff(6)), u8(0x5a, ...ff(4)), u8(0x7a, ...ff(4)), u8(0x59, 0xff, 0xff), // byte/text strings of huge declared length
  u8(0x9b, 0, 0, 0, 1, 0, 0, 0, 0), u8(0xbb, 0, 0x1f, ...ff(6)), u8(0x9a, ...ff(4)), u8(0xba, ...ff(4)), // arrays and maps of huge declared count
  u8(0x1b, ...ff(8)), u8(0x3b, ...ff(8)), u8(0x1b, 0, 0x20, 0, 0, 0, 0, 0, 0), u8(0x3b, 0, 0x20, 0, 0, 0, 0, 0, 0), // integers past 2^53
  u8(0x5f), u8(0x7f), u8(0x9f), u8(0xbf), u8(0xff), u8(0x1c), u8(0x3f), // indefinite lengths, reserved values, break
  u8(0xc0, 0x60), u8(0xd8, 0x18, 0x40), u8(0xf9, 0, 0), u8(0xfb, ...ff(8)), u8(0xf7), u8(0xf8, 0x20), // tags, floats, simple values
  u8(0xa2, 1, 1, 1, 2), u8(0xa2, 0x61, 0x61, 0, 0x61, 0x61, 1), u8(0xa1, 0x80, 0), u8(0xa1, 0x40, 0), u8(0xa1, 0xf5, 0), // duplicate and non-scalar map keys
  u8(0x62, 0xc3, 0x28), u8(0x63, 0xed, 0xa0, 0x80), // text that is not UTF-8
)
type Tree = number | string | Uint8Array | Tree[] | Map<number | string, Tree>
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }),
    fc.string({ maxLength: 12 }),
    fc.uint8Array({ maxLength: 40 }),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.string({ maxLength: 4 })), tie('tree')), { maxLength: 4 }).map((es) => new Map(es)),
  ),
}))
const deep = fc.tuple(fc.constantFrom(0x81, 0xa1), fc.integer({ min: 10, max: 4000 })).map(([h, n]) => Uint8Array.from({ length: n }, (_, i) => (h === 0xa1 && i % 2 ? 0 : h)))
/** Bytes that look like CBOR: well-formed items, traps, raw bytes and deep nesting, concatenated. */
const hostileCbor = fc
  .array(fc.oneof(tree.map((t) => cbor(t) as Uint8Array), cborTraps, fc.uint8Array({ maxLength: 8 }), deep), { minLength: 1, maxLength: 5 })
  .map((parts) => concat(...parts) as Uint8Array)

/** A change to bytes on the wire; `at` is taken modulo the length. */
type ByteBend = { flip: [number, number] } | { cut: number } | { add: [number, Uint8Array] } | { swap: Uint8Array }
const byteBend: fc.Arbitrary<ByteBend> = fc.oneof(
  fc.record({ flip: fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })) }),
  fc.record({ cut: fc.nat() }),
  fc.record({ add: fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 40 })) }),
  fc.record({ swap: fc.oneof(fc.uint8Array({ maxLength: 300 }), hostileCbor) }),
)
function bendBytes(b: Uint8Array, m: ByteBend): Uint8Array {
  if ('flip' in m) {
    const out = b.slice()
    const at = m.flip[0] % b.length
    out[at] = out[at]! ^ m.flip[1]
    return out
  }
  if ('cut' in m) return b.slice(0, m.cut % b.length)
  if ('add' in m) {
    const at = m.add[0] % (b.length + 1)
    return concat(b.subarray(0, at), m.add[1], b.subarray(at))
  }
  return m.swap
}

/** A base64url member as a hostile client might send it: padded, with bad characters, or not a string. */
const b64Bend = fc.oneof(
  fc.constantFrom((v: string) => v + '=', (v: string) => v + '==', (v: string) => v.replace(/^./, '+'), (v: string) => v.replace(/.$/, '/'), (v: string) => v + '.', (v: string) => ` ${v}`, (v: string) => v + 'A', (v: string) => v.slice(0, -1) + 'é', () => ''),
  fc.jsonValue().filter((x) => typeof x !== 'string' && x !== null).map((x) => () => x),
)

// ---------------------------------------------------------------- parsers

test('fuzz: the CBOR decoder, authenticator data and DER readers throw FormatError or read a value', async () => {
  const bytes = fc.oneof(fc.uint8Array({ maxLength: 200 }), hostileCbor)
  await property('decodeCbor', 3000, bytes, (b) => {
    const v = parsed(() => decodeCbor(b))
    if (!(v instanceof FormatError)) assert.ok(v.end <= b.length && v.end > 0)
    parsed(() => decodeCborMap(b))
    parsed(() => derToRaw(b))
  })
  // authenticator data: an honest layout with one field bent
  const authData = fc.record({
    flags: fc.integer({ min: 0, max: 255 }),
    idLen: fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 1023, 1024, 0xffff)),
    id: fc.uint8Array({ maxLength: 64 }),
    key: fc.oneof(tree.map((t) => cbor(t) as Uint8Array), hostileCbor),
    ext: fc.oneof(fc.constant(new Uint8Array(0)), hostileCbor),
    cut: fc.option(fc.nat({ max: 200 })),
  })
  await property('parseAuthData', 2000, authData, (a) => {
    const full = concat(new Uint8Array(32), u8(a.flags, 0, 0, 0, 1), new Uint8Array(16), u8(a.idLen >> 8, a.idLen & 255), a.id, a.key, a.ext)
    const b = a.cut === null ? full : full.subarray(0, a.cut)
    const v = parsed(() => parseAuthData(b))
    if (v instanceof FormatError || !v.credential) return
    assert.ok(v.credential.id.length >= 1 && v.credential.id.length <= 1023, 'a credential id of 1 to 1023 bytes')
  })
})

/** COSE keys, each field possibly bent; RSA parameters as authenticators never send them. */
const bytesOf = (...lengths: number[]): fc.Arbitrary<Uint8Array> => fc.constantFrom(...lengths).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }))
const cose = fc.record(
  {
    // mostly the right type and algorithm, so that the parameters are what is bent
    kty: fc.oneof({ arbitrary: fc.constantFrom(2, 3), weight: 4 }, fc.constantFrom(1, 4, 0, -1, 'EC2', 'RSA'), fc.integer()),
    alg: fc.oneof({ arbitrary: fc.constantFrom(ES256, RS256), weight: 4 }, fc.constantFrom(-8, -35, -37, -258, 0, 7, 'ES256'), fc.integer()),
    crv: fc.oneof(fc.constantFrom(1, 2, 3, 6, -1, 'P-256'), fc.integer()),
    x: fc.oneof(bytesOf(32), bytesOf(0, 1, 31, 33, 64, 65)),
    y: fc.oneof(bytesOf(32), bytesOf(0, 1, 31, 33)),
    n: bytesOf(0, 1, 8, 64, 128, 255, 256, 257, 384, 512, 513, 1024, 2048),
    e: fc.oneof(bytesOf(0, 1, 2, 3, 4, 5, 8, 9, 64, 256), fc.constantFrom(u8(1), u8(2), u8(0), u8(1, 0, 0), u8(1, 0, 1), u8(0, 1, 0, 1))),
  },
  { requiredKeys: [] },
)
type CoseFields = Partial<{ kty: Tree; alg: Tree; crv: Tree; x: Uint8Array; y: Uint8Array; n: Uint8Array; e: Uint8Array }>
/** Whether the pool's key policy allows an RSA key: RS256, modulus 2048 to 4096 bits and odd, exponent odd, 3 to 2^32 - 1. */
function rsaAllowed(k: CoseFields): boolean {
  const { n, e } = k
  if (k.kty !== 3 || k.alg !== RS256 || !n || !e) return false
  return n.length >= 256 && n.length <= 512 && n[0] !== 0 && (n[n.length - 1]! & 1) === 1 && e.length >= 1 && e.length <= 4 && e[0] !== 0 && (e[e.length - 1]! & 1) === 1 && !(e.length === 1 && e[0] === 1)
}
const coseMap = (k: CoseFields, kind: 'ec' | 'rsa'): Map<number, Tree> => {
  const m = new Map<number, Tree>()
  if (k.kty !== undefined) m.set(1, k.kty)
  if (k.alg !== undefined) m.set(3, k.alg)
  const params: Array<[number, Tree | undefined]> = kind === 'ec' ? [[-1, k.crv], [-2, k.x], [-3, k.y]] : [[-1, k.n], [-2, k.e]]
  for (const [label, v] of params) if (v !== undefined) m.set(label, v)
  return m
}

test('fuzz: COSE keys are imported only when WebAuthn allows them (EC2 P-256 ES256, RSA RS256 of 2048 to 4096 bits)', async () => {
  await property('coseToKey', 1500, fc.tuple(cose, fc.constantFrom<'ec' | 'rsa'>('ec', 'rsa')), async ([k, kind]) => {
    const key = parsed(() => coseToKey(coseMap(k, kind)))
    if (key instanceof FormatError) return
    const imported = await importKey(key).catch((e: unknown) => {
      if (e instanceof FormatError) return e
      throw e
    })
    if (imported instanceof FormatError) return
    if (key.alg === ES256) {
      assert.deepEqual([k.kty, k.alg, k.crv, k.x?.length, k.y?.length], [2, ES256, 1, 32, 32])
    } else {
      assert.ok(rsaAllowed(k), `an RSA key the policy refuses was accepted: modulus of ${k.n?.length} bytes, exponent ${k.e && toBase64Url(k.e)}`)
    }
  })
})

/** DER signatures bent in their structure: long-form or wrong lengths, a zero-length or 34-byte INTEGER, another tag, s missing, a byte after s. */
const DER_BENDS = ['long-form', 'extra', 'seq+1', 'seq-1', 'r0', 'r-huge', 'tag', 'r-len+1', 's-len-1', 'no-s'] as const
function bendDer(der: Uint8Array, m: (typeof DER_BENDS)[number]): Uint8Array {
  const rLen = der[3]!
  const bends: Record<(typeof DER_BENDS)[number], () => Uint8Array> = {
    'long-form': () => concat(u8(0x30, 0x81, der[1]!), der.subarray(2)),
    extra: () => concat(der, u8(0)),
    'seq+1': () => concat(u8(0x30, der[1]! + 1), der.subarray(2)),
    'seq-1': () => concat(u8(0x30, der[1]! - 1), der.subarray(2)),
    r0: () => concat(u8(0x30, der[1]! - rLen, 2, 0), der.subarray(4 + rLen)),
    'r-huge': () => concat(u8(0x30, der[1]! + 2, 2, rLen + 2, 1, 1), der.subarray(4)),
    tag: () => concat(u8(0x31), der.subarray(1)),
    'r-len+1': () => concat(der.subarray(0, 3), u8(rLen + 1), der.subarray(4)),
    's-len-1': () => concat(der.subarray(0, 5 + rLen), u8(der[5 + rLen]! - 1), der.subarray(6 + rLen)),
    'no-s': () => concat(u8(0x30, rLen + 2), der.subarray(2, 4 + rLen)),
  }
  return bends[m]()
}

test('fuzz: DER ECDSA signatures: bad lengths, tags and trailing bytes are FormatError', async () => {
  const sig = fc.uint8Array({ minLength: 64, maxLength: 64 })
  const bend = fc.oneof(fc.constantFrom(...DER_BENDS), byteBend)
  await property('derToRaw', 2000, fc.tuple(sig, bend), ([raw, m]) => {
    const der = rawToDer(raw)
    const bent = typeof m === 'string' ? bendDer(der, m) : bendBytes(der, m)
    const v = parsed(() => derToRaw(bent))
    if (v instanceof FormatError) return
    // what reads must be the same pair of integers (a leading zero is the only slack)
    assert.equal(v.length, 64)
    if (typeof m === 'string') assert.fail(`bent DER (${m}) was read`)
  })
})

// ---------------------------------------------------------------- the two operations

let pool: LocalPool
let token: string
let es: SoftAuthenticator
let rs: SoftAuthenticator
const declared = (op: string): Set<string> => new Set(model.operations[op]!.errors!.map((e) => e.shape).filter((n) => n !== 'InternalErrorException'))

before(async () => {
  pool = createLocalPool({ shareKeys: true, allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'], maxPasswordAttempts: 1e9, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }] })
  token = (await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } }))['AuthenticationResult'].AccessToken
  ;[es, rs] = [await createAuthenticator(), await createAuthenticator({ alg: -257 })]
})

/** JSON-level bends of a credential: any JSON, a member replaced or removed, a base64url member bent. */
type JsonBend = { any: unknown } | { member: [string, unknown] } | { drop: string } | { b64: [string, (v: string) => unknown] }
const jsonBend = (members: string[]): fc.Arbitrary<JsonBend> =>
  fc.oneof(
    fc.record({ any: fc.oneof(fc.jsonValue(), fc.string({ maxLength: 80 }), fc.record({ type: fc.constant('public-key'), id: fc.string(), response: fc.dictionary(fc.constantFrom(...members), fc.jsonValue()) })) }),
    // null for rawId or userHandle is the same as leaving it out, which is honest
    fc.record({ member: fc.tuple(fc.constantFrom('id', 'rawId', 'type', 'response', ...members.map((m) => `response.${m}`)), fc.jsonValue()) }).filter(({ member: [k, v] }) => v !== null || !/rawId|userHandle/.test(k)),
    fc.record({ drop: fc.constantFrom('id', 'type', 'response', ...members.map((m) => `response.${m}`)) }),
    fc.record({ b64: fc.tuple(fc.constantFrom('id', 'rawId', ...members.map((m) => `response.${m}`)), b64Bend) }),
  )
function bendJson(c: Record<string, any>, m: JsonBend): unknown {
  if ('any' in m) return m.any
  const out = { ...c, response: { ...c['response'] } }
  const [where, v] = 'member' in m ? m.member : 'drop' in m ? [m.drop, undefined] : [m.b64[0], m.b64[1](String(memberOf(c, m.b64[0])))]
  const [head, tail] = where.split('.') as [string, string?]
  const target = tail ? out.response : out
  const key = tail ?? head
  if (v === undefined) delete target[key]
  else target[key] = v
  return out
}
const memberOf = (c: Record<string, any>, p: string): unknown => p.split('.').reduce<any>((o, k) => o?.[k], c)

/** A member that holds base64url bytes, bent on the wire. */
function bendMember(c: Record<string, any>, member: string, m: ByteBend): Record<string, any> {
  const b = bendBytes(fromBase64Url(c['response'][member]), m)
  return { ...c, response: { ...c['response'], [member]: toBase64Url(b) } }
}

/** A bend function that shows as `label` in a counter-example. */
const named = <F extends (...a: any[]) => unknown>(label: string, f: F): F => Object.assign(f, { toString: () => label })

/** Signed bends: the bytes changed before the authenticator signs them (so only the pool's checks can refuse them). */
const json = (v: unknown): Uint8Array => utf8(JSON.stringify(v))
const signedClientData = (type: string): fc.Arbitrary<(c: Uint8Array) => Uint8Array> =>
  fc.oneof(
    fc.uint8Array({ maxLength: 80 }).map((b) => named(`bytes ${b}`, () => b)),
    fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => named(`JSON ${JSON.stringify(v)}`, () => json(v))),
    fc.constantFrom(
      named('not UTF-8', () => u8(0xff, 0xfe, 0x7b, 0x7d)),
      named('truncated', (c: Uint8Array) => c.subarray(0, c.length - 1)),
      named('5000 [ first', (c: Uint8Array) => concat(utf8('['.repeat(5000)), c)),
      named('a 60 kB string', () => utf8('"' + 'a'.repeat(60_000) + '"')),
      named('40 kB, wrong type', (c: Uint8Array) => json({ ...JSON.parse(new TextDecoder().decode(c)), type: type === 'webauthn.get' ? 'webauthn.create' : 'webauthn.get', pad: 'x'.repeat(40_000) })),
    ),
    fc.tuple(fc.constantFrom('type', 'challenge', 'origin', 'crossOrigin'), fc.jsonValue()).map(([k, v]) =>
      named(`${k}: ${JSON.stringify(v)}`, (c: Uint8Array) => {
        const o = JSON.parse(new TextDecoder().decode(c))
        // keep it bent: false (or no crossOrigin) and the member's own value are honest
        o[k] = (k === 'crossOrigin' ? v === false || v === null : o[k] === v) ? 42 : v
        return json(o)
      }),
    ),
  )
/** Authenticator data bent before signing: truncated, UP cleared, wrong credential id length, junk after the last member. */
const signedAuthData = (registering: boolean): fc.Arbitrary<(a: Uint8Array) => Uint8Array> =>
  fc.oneof(
    fc.nat({ max: 36 }).map((n) => named('authData cut to ' + n, (a: Uint8Array) => a.subarray(0, n))),
    fc.constant(named('UP cleared', (a: Uint8Array) => concat(a.subarray(0, 32), u8(a[32]! & ~FLAG.UP), a.subarray(33)))),
    fc.constant(named('BS set, BE clear', (a: Uint8Array) => concat(a.subarray(0, 32), u8((a[32]! | 0x10) & ~0x08), a.subarray(33)))),
    fc.oneof(cborTraps, deep, tree.filter((t) => !(t instanceof Map)).map((t) => cbor(t) as Uint8Array), fc.constant(new Uint8Array(0))).map((x) => named('ED set, extensions ' + x.length + ' bytes: ' + x.subarray(0, 12), (a: Uint8Array) => concat(a.subarray(0, 32), u8(a[32]! | 0x80), a.subarray(33), x))),
    fc.uint8Array({ minLength: 1, maxLength: 40 }).map((x) => named('junk after authData: ' + x, (a: Uint8Array) => concat(a, x))),
    ...(registering
      ? [
          fc.integer({ min: 0, max: 0xffff }).filter((n) => n !== 16).map((n) => named('credential id length ' + n, (a: Uint8Array) => concat(a.subarray(0, 53), u8(n >> 8, n & 255), a.subarray(55)))),
          fc.nat().map((n) => named('attested data cut at ' + n, (a: Uint8Array) => a.subarray(0, 37 + (n % (a.length - 37))))),
          fc.constant(named('AT cleared', (a: Uint8Array) => concat(a.subarray(0, 32), u8(a[32]! & ~FLAG.AT), a.subarray(33)))),
          fc.constant(named('AT set, no attested data', (a: Uint8Array) => a.subarray(0, 37))),
        ]
      : [fc.uint8Array({ minLength: 1, maxLength: 80 }).map((x) => named('AT set in an assertion, then ' + x, (a: Uint8Array) => concat(a.subarray(0, 32), u8(a[32]! | FLAG.AT), a.subarray(33), x)))]),
  )

type Case = { json: JsonBend } | { wire: [string, ByteBend] } | { signed: Bend } | { key: [CoseFields, 'ec' | 'rsa'] } | { der: (typeof DER_BENDS)[number] }

/** Expect a declared error, and nothing accepted. */
async function refused(op: string, input: Record<string, unknown>, label: unknown): Promise<string> {
  const r = await call(pool, op, input)
  assert.equal(r.status, 400, `${op} answered ${r.status} ${JSON.stringify(r.body).slice(0, 300)} to ${label}`)
  assert.ok(declared(op).has(r.body.__type), `${op}: ${r.body.__type} is not declared (${r.body.message})`)
  return r.body.__type
}
const show = (c: Case): string => JSON.stringify(c, (_, v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : typeof v === 'function' ? String(v).slice(0, 80) : v)).slice(0, 400)

test('fuzz: CompleteWebAuthnRegistration refuses every bent credential with a declared error', async () => {
  const members = ['clientDataJSON', 'attestationObject']
  const c: fc.Arbitrary<Case> = fc.oneof(
    fc.record({ json: jsonBend(members) }),
    fc.record({ wire: fc.tuple(fc.constantFrom(...members), byteBend) }),
    fc.record({ signed: fc.oneof(fc.record({ clientDataJSON: signedClientData('webauthn.create') }), fc.record({ authData: signedAuthData(true) }), fc.record({ attStmt: fc.constantFrom(new Map<string, Tree>([['alg', RS256]]), new Map<string, Tree>([['alg', ES256], ['sig', u8(0x30, 0)]])) })) }),
    // a random RSA modulus of an allowed size cannot be told from a real one: only refused keys here
    fc.record({ key: fc.tuple(cose, fc.constantFrom<'ec' | 'rsa'>('ec', 'rsa')).filter(([k, kind]) => kind === 'ec' || !rsaAllowed(k)) }),
  )
  await property('CompleteWebAuthnRegistration', 800, fc.tuple(c, fc.boolean()), async ([bend, useRsa]) => {
    const auth = useRsa ? rs : es
    const options = (await ok(pool, 'StartWebAuthnRegistration', { AccessToken: token }))['CredentialCreationOptions']
    let credential: unknown
    if ('key' in bend) {
      // an unsigned (`none`) attestation, so the key itself must be refused
      const key = cbor(coseMap(...bend.key))
      credential = await auth.register(options, { fmt: 'none', authData: (a) => concat(a.subarray(0, 71), key) })
    } else if ('signed' in bend) credential = await auth.register(options, { fmt: 'packed', ...bend.signed })
    else {
      const honest = await auth.register(options, { fmt: 'packed' })
      credential = 'json' in bend ? bendJson(honest, bend.json) : 'wire' in bend ? bendMember(honest, bend.wire[0], bend.wire[1]) : honest
    }
    try {
      await refused('CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential }, show(bend))
      assert.deepEqual(pool.user('alice')!.passkeys, [], 'nothing registered')
    } finally {
      // a failure must not leave a passkey behind for the cases fast-check shrinks to next
      for (const id of pool.user('alice')!.passkeys) await ok(pool, 'DeleteWebAuthnCredential', { AccessToken: token, CredentialId: id })
    }
  })
})

test('fuzz: RespondToAuthChallenge WEB_AUTHN refuses every bent assertion, with no tokens', async () => {
  // two more authenticators, registered honestly (the registration fuzz stored none)
  ;[es, rs] = [await createAuthenticator(), await createAuthenticator({ alg: -257 })]
  for (const auth of [es, rs]) {
    const options = (await ok(pool, 'StartWebAuthnRegistration', { AccessToken: token }))['CredentialCreationOptions']
    await ok(pool, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: await auth.register(options) })
  }
  const members = ['clientDataJSON', 'authenticatorData', 'signature']
  const c: fc.Arbitrary<Case> = fc.oneof(
    // leaving userHandle out is honest
    fc.record({ json: jsonBend([...members, 'userHandle']).filter((m) => !('drop' in m && m.drop === 'response.userHandle')) }),
    fc.record({ wire: fc.tuple(fc.constantFrom(...members), byteBend) }),
    fc.record({ der: fc.constantFrom(...DER_BENDS) }),
    fc.record({ signed: fc.oneof(fc.record({ clientDataJSON: signedClientData('webauthn.get') }), fc.record({ authData: signedAuthData(false) })) }),
  )
  await property('RespondToAuthChallenge WEB_AUTHN', 800, fc.tuple(c, fc.boolean()), async ([bend, useRsa]) => {
    if ('key' in bend) return
    const auth = useRsa && !('der' in bend) ? rs : es
    const r = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'WEB_AUTHN' } })
    const options = JSON.parse(r['ChallengeParameters'].CREDENTIAL_REQUEST_OPTIONS)
    let credential: unknown
    if ('signed' in bend) credential = await auth.assert(options, bend.signed)
    else {
      const honest = await auth.assert(options)
      if ('der' in bend) (honest['response'] as Record<string, unknown>)['signature'] = toBase64Url(bendDer(fromBase64Url(String((honest['response'] as Record<string, unknown>)['signature'])), bend.der))
      credential = 'json' in bend ? bendJson(honest, bend.json) : 'wire' in bend ? bendMember(honest, bend.wire[0], bend.wire[1]) : honest
    }
    const answer = typeof credential === 'string' ? credential : JSON.stringify(credential) ?? 'undefined'
    const type = await refused('RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: pool.clientId, Session: r['Session'], ChallengeResponses: { USERNAME: 'alice', CREDENTIAL: answer } }, show(bend))
    assert.ok(type === 'InvalidParameterException' || type === 'NotAuthorizedException', type)
  })
  // the honest answer still signs in: the fuzz did not lock the user out or spend the passkeys
  const r = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'WEB_AUTHN' } })
  const credential = await es.assert(JSON.parse(r['ChallengeParameters'].CREDENTIAL_REQUEST_OPTIONS))
  const done = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: pool.clientId, Session: r['Session'], ChallengeResponses: { USERNAME: 'alice', CREDENTIAL: JSON.stringify(credential) } })
  assert.ok(done['AuthenticationResult']?.AccessToken)
})

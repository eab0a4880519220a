/**
 * SRP hostility: a server (or a man in the middle) that sends unsafe SRP values must get no
 * answer at all. For every hostile PASSWORD_VERIFIER challenge the client must raise a typed
 * error, send no RespondToAuthChallenge (so no password-derived value ever leaves the process),
 * and keep its tokens. RFC 5054 §2.5.4: abort when B % N = 0 or u = 0.
 *
 * Portable: injected fetch only (./support/stub-pool.ts verifies good answers with the
 * independent server-side SRP). The u = 0 case needs a stubbed hash and lives in
 * test/srp-hostility-u0.test.ts (Node only).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ChallengeError, Cognito, CognitoError, ResponseError, SrpError, decodePayload, regionFromPoolId, endpointForRegion, ArgumentError } from '../../src/index.ts'
import { N } from '../../src/srp.ts'
import { fakeJwt, json, stubPool, toResponse } from '../support/stub-pool.ts'

const POOL = 'eu-central-1_HostilePool'
const PASSWORD = 'hostile-test P4ssword'
const USER_ID = 'b5f1c0de-1111-4222-8333-444455556666'
const hex = (v: bigint): string => v.toString(16)

interface Case {
  name: string
  /** Rewrite the challenge parameters the honest stub produced. */
  mutate: (cp: Record<string, string>) => Record<string, unknown>
  error: typeof CognitoError
  message: RegExp
}

const CASES: Case[] = [
  { name: 'B = 0', mutate: (cp) => ({ ...cp, SRP_B: '0' }), error: SrpError, message: /^safety check failed: SRP_B mod N is zero$/ },
  { name: 'B = N', mutate: (cp) => ({ ...cp, SRP_B: hex(N) }), error: SrpError, message: /SRP_B mod N is zero/ },
  { name: 'B = 2N (≡ 0 mod N, above N)', mutate: (cp) => ({ ...cp, SRP_B: hex(2n * N) }), error: SrpError, message: /SRP_B mod N is zero/ },
  { name: 'B = 0 with leading zeros', mutate: (cp) => ({ ...cp, SRP_B: '0'.repeat(768) }), error: SrpError, message: /SRP_B mod N is zero/ },
  { name: 'B > N (N + 1)', mutate: (cp) => ({ ...cp, SRP_B: hex(N + 1n) }), error: SrpError, message: /^safety check failed: SRP_B is not below N$/ },
  { name: 'B not hex', mutate: (cp) => ({ ...cp, SRP_B: 'zz' + cp['SRP_B'] }), error: SrpError, message: /^SRP_B is not a hex string$/ },
  { name: 'B oversized (1025 hex digits)', mutate: (cp) => ({ ...cp, SRP_B: '1' + '0'.repeat(1024) }), error: SrpError, message: /^SRP_B is not a hex string$/ },
  { name: 'B not a string', mutate: (cp) => ({ ...cp, SRP_B: 12345 }), error: ResponseError, message: /^ChallengeParameters lacks SRP_B$/ },
  { name: 'salt of zero length', mutate: (cp) => ({ ...cp, SALT: '' }), error: ResponseError, message: /^ChallengeParameters lacks SALT$/ },
  { name: 'salt oversized (1025 hex digits)', mutate: (cp) => ({ ...cp, SALT: 'a'.repeat(1025) }), error: SrpError, message: /^SALT is not a hex string of 1 to 1024 digits$/ },
  { name: 'salt not hex', mutate: (cp) => ({ ...cp, SALT: '0x1234' }), error: SrpError, message: /^SALT is not a hex string/ },
  { name: 'SECRET_BLOCK not base64', mutate: (cp) => ({ ...cp, SECRET_BLOCK: 'not*base64!' }), error: SrpError, message: /^SECRET_BLOCK is not standard base64$/ },
  { name: 'SECRET_BLOCK base64url instead of base64', mutate: (cp) => ({ ...cp, SECRET_BLOCK: '-_-_' }), error: SrpError, message: /^SECRET_BLOCK is not standard base64$/ },
  { name: 'SECRET_BLOCK missing', mutate: ({ SECRET_BLOCK: _, ...cp }) => cp, error: ResponseError, message: /^ChallengeParameters lacks SECRET_BLOCK$/ },
  { name: 'challenge parameters not an object', mutate: () => ['SRP_B', '0'] as unknown as Record<string, unknown>, error: ResponseError, message: /^ChallengeParameters lacks (SRP_B|SALT|SECRET_BLOCK)$/ },
]

function client(fetch: (u: string, i: RequestInit) => Promise<Response>): Cognito {
  return new Cognito({ userPoolId: POOL, clientId: 'hostileclient', username: 'dave', fetch, idToken: 'old.id.tok', accessToken: 'old.access.tok', refreshToken: 'old-refresh' })
}

let rejected = 0
for (const c of CASES) {
  test(`SRP hostility: ${c.name} → ${c.error.name}, no answer sent, tokens kept`, async () => {
    const pool = stubPool({ poolName: 'HostilePool', userId: USER_ID, password: PASSWORD, challenge: c.mutate })
    const user = client(pool.fetch)
    await assert.rejects(user.authenticate(PASSWORD), (e: unknown) => {
      assert.ok(e instanceof c.error, `expected ${c.error.name}, got ${String(e)}`)
      assert.match((e as Error).message, c.message)
      return true
    })
    assert.deepEqual(pool.calls, ['InitiateAuth'], 'no RespondToAuthChallenge may follow an unsafe challenge')
    assert.equal(user.accessToken, 'old.access.tok')
    assert.equal(user.idToken, 'old.id.tok')
    assert.equal(user.refreshToken, 'old-refresh')
    rejected++
  })
}

test('SRP hostility: the honest stub (control) signs in, so the rejections above are not an artefact', async () => {
  const pool = stubPool({ poolName: 'HostilePool', userId: USER_ID, password: PASSWORD })
  const user = client(pool.fetch)
  await user.authenticate(PASSWORD)
  assert.deepEqual(pool.calls, ['InitiateAuth', 'RespondToAuthChallenge'])
  assert.equal(user.accessToken, pool.tokens.AccessToken)
  assert.equal(user.internalUsername, USER_ID)
})

test('SRP hostility: a server that answers USER_PASSWORD_AUTH with PASSWORD_VERIFIER gets no answer', async () => {
  const pool = stubPool({ poolName: 'HostilePool', userId: USER_ID, password: PASSWORD, verifierForPasswordAuth: true })
  const user = client(pool.fetch)
  await assert.rejects(user.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' }), (e: unknown) => {
    assert.ok(e instanceof ResponseError)
    assert.equal((e as Error).message, 'PASSWORD_VERIFIER challenge in answer to a request that sent no SRP_A')
    return true
  })
  assert.deepEqual(pool.calls, ['InitiateAuth'])
  assert.equal(user.accessToken, 'old.access.tok')
  rejected++
  console.log(`srp hostility: ${rejected} hostile challenges rejected`)
})

/* Regressions found by the fuzzer (test/fuzz.test.ts), pinned here with fixed inputs. */

const replyWith = (body: unknown) => async (): Promise<Response> => toResponse(json(200, body))

test('hostile input: AvailableChallenges with non-strings are filtered, never passed on', async () => {
  const user = client(replyWith({ ChallengeName: 'SELECT_CHALLENGE', AvailableChallenges: [0, 'PASSWORD', { x: 1 }, 'EMAIL_OTP'], Session: 's' }))
  await assert.rejects(user.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' }), (e: unknown) => {
    assert.ok(e instanceof ChallengeError)
    assert.deepEqual(e.availableChallenges, ['PASSWORD', 'EMAIL_OTP'])
    return true
  })
})

test('hostile input: an absurd ExpiresIn falls back to one hour', async () => {
  for (const ExpiresIn of [-1.797693134862316e305, 1e308, 0, -5, 1.5, '3600']) {
    const user = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'dave', now: () => 1_000_000, fetch: replyWith({ AuthenticationResult: { AccessToken: fakeJwt({ username: 'x' }), IdToken: 'i.d.t', ExpiresIn } }) })
    const r = await user.authenticate(PASSWORD, { flow: 'USER_PASSWORD_AUTH' })
    assert.equal(r.expiresIn, 3600, String(ExpiresIn))
    assert.equal(r.expiresAt, 1_000_000 + 3_600_000)
  }
})

test('hostile input: pool ids and regions whose String() throws are argument errors', () => {
  const evil = { toString: false } as unknown as string
  assert.throws(() => regionFromPoolId(evil), ArgumentError)
  assert.throws(() => endpointForRegion(evil), ArgumentError)
  assert.throws(() => new Cognito({ userPoolId: evil, clientId: 'c' }), ArgumentError)
  assert.equal(decodePayload(evil), undefined)
})

test('hostile input: a server repeating a pagination token cannot make a list walk loop forever', async () => {
  const { AdminCognito } = await import('../../src/admin.ts')
  let calls = 0
  const fetch = async (_u: string, init: RequestInit): Promise<Response> => {
    calls++
    const op = String(new Headers(init.headers).get('x-amz-target')).split('.')[1]
    const page = op === 'ListUsers' ? { Users: [{ Username: `u${calls}`, Attributes: [] }], PaginationToken: 'same' } : { Groups: [{ GroupName: `g${calls}` }], NextToken: 'same' }
    return toResponse(json(200, page))
  }
  const admin = new AdminCognito({ userPoolId: POOL, clientId: 'c', fetch, credentials: { accessKeyId: 'AKIDLOOP', secretAccessKey: 'loop-secret' } })
  const users: string[] = []
  await assert.rejects(async () => {
    for await (const u of admin.listAllUsers()) users.push(u.username)
  }, (e: unknown) => e instanceof ResponseError && e.message === 'the server repeated a pagination token')
  assert.deepEqual(users, ['u1', 'u2'], 'the first page and the one its token named, then stop')
  await assert.rejects(admin.adminListGroupsForUser('bob'), ResponseError)
  const groups: unknown[] = []
  await assert.rejects(async () => {
    for await (const g of admin.listAllGroups()) groups.push(g)
  }, ResponseError)
  assert.ok(calls <= 7)
})

test('hostile input: attribute lists that are not lists, non-string values and a "__proto__" name', async () => {
  const fetch = async (): Promise<Response> =>
    toResponse(json(200, { Username: 'eve', UserAttributes: [{ Name: '__proto__', Value: { polluted: true } }, { Name: 'email', Value: 5 }, null, { Name: 'nickname', Value: 'e' }] }))
  const user = new Cognito({ userPoolId: POOL, clientId: 'c', username: 'eve', accessToken: 'a.b.c', fetch })
  const me = await user.getUser()
  assert.equal(me.username, 'eve')
  assert.equal((me as unknown as Record<string, unknown>)['polluted'], undefined)
  assert.equal(Object.getPrototypeOf(me.attributes), Object.prototype)
  assert.equal(me.attributes['nickname'], 'e')
  assert.equal(me.attributes['email'] ?? '', '')
})

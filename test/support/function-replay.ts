/**
 * Helpers for the tests of the functions (test/portable/functions-*.test.ts): a client from
 * `createClient` on a fixture's replaying fetch, configured as the class tests configure their
 * `Cognito`; the tokens a recorded answer must give; SECRET_HASH recomputed with WebCrypto
 * (independent of src/); and the check that a call is refused before anything is sent.
 */
import assert from 'node:assert/strict'
import { ArgumentError, createClient, type AuthResult, type ClientOptions } from '../../src/index.ts'
import { replay, type Fixture, type SeenRequest } from './replay.ts'
import { seededRng } from './signin.ts'
import { CLIENT, NOW, POOL } from './signin-data.ts'

/** A client on the fixture's replaying fetch (sign-in fixtures' pool, clock and a seeded rng; no retries). */
export function clientFor(fixture: unknown, options: Partial<ClientOptions> = {}) {
  const r = replay(fixture as Fixture)
  const client = createClient({ userPoolId: POOL, clientId: CLIENT, fetch: r.fetch, now: () => NOW, rng: seededRng(), retry: false, ...options })
  return { client, ...r }
}

/** An AuthenticationResponseJSON as a passkey would produce it (the one the WebAuthn fixtures record). */
export const assertion = { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'Y2hhbGxlbmdl', authenticatorData: 'YXV0aA', signature: 'c2ln' }, clientExtensionResults: {} }

/** A fetch that fails the test: for calls that must be refused before any request. */
export const noFetch = async (): Promise<Response> => assert.fail('no request may be made')

/** A client whose every request fails the test. */
export const offlineClient = (options: Partial<ClientOptions> = {}) => createClient({ userPoolId: POOL, clientId: CLIENT, fetch: noFetch, now: () => NOW, retry: false, ...options })

/** The fixture's interaction `i` (negative: from the end). */
export function answerOf(fixture: unknown, i = -1): Record<string, unknown> {
  const it = (fixture as Fixture).interactions.at(i)
  assert.ok(it, `interaction ${i}`)
  return it.response.body as Record<string, unknown>
}

/** The {@link AuthResult} a recorded answer carrying an AuthenticationResult must give at `now`. */
export function tokensFrom(answer: Record<string, unknown>, now = NOW): AuthResult {
  const r = answer['AuthenticationResult'] as Record<string, unknown> & { ExpiresIn: number }
  const device = r['NewDeviceMetadata'] as { DeviceKey: string; DeviceGroupKey: string } | undefined
  return {
    idToken: r['IdToken'] as string,
    accessToken: r['AccessToken'] as string,
    refreshToken: r['RefreshToken'] as string | undefined,
    tokenType: r['TokenType'] as string,
    expiresIn: r.ExpiresIn,
    expiresAt: now + r.ExpiresIn * 1000,
    newDevice: device && { deviceKey: device.DeviceKey, deviceGroupKey: device.DeviceGroupKey },
  }
}

/** AuthParameters or ChallengeResponses of a sent sign-in request. */
export function paramsSent(r: SeenRequest | undefined): Record<string, string> {
  assert.ok(r, 'request was sent')
  const b = r.body as { AuthParameters?: Record<string, string>; ChallengeResponses?: Record<string, string> }
  const p = b.AuthParameters ?? b.ChallengeResponses
  assert.ok(p, `${r.operation} has AuthParameters or ChallengeResponses`)
  return p
}

/** Base64 HMAC-SHA256(secret, username + clientId), computed here with WebCrypto. */
export async function secretHashOf(username: string, clientId: string, secret: string): Promise<string> {
  const enc = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(username + clientId)))
  return btoa(String.fromCharCode(...mac))
}

/**
 * Every sign-in request in `seen` carries SECRET_HASH over its own USERNAME when the client has a
 * secret, and none without. @returns the USERNAMEs hashed, in order
 */
export async function checkSecretHashes(seen: SeenRequest[], clientId: string, secret: string | undefined): Promise<string[]> {
  const names: string[] = []
  for (const r of seen.filter((s) => s.operation === 'InitiateAuth' || s.operation === 'RespondToAuthChallenge')) {
    const p = paramsSent(r)
    if (secret === undefined) {
      assert.equal(p['SECRET_HASH'], undefined, `${r.operation} without a secret has no SECRET_HASH`)
      continue
    }
    const user = p['USERNAME']
    assert.ok(user, `${r.operation} has a USERNAME`)
    assert.equal(p['SECRET_HASH'], await secretHashOf(user, clientId, secret), `${r.operation} SECRET_HASH over ${user}`)
    names.push(user)
  }
  return names
}

/** `call()` is refused with an ArgumentError (thrown or rejected) whose message includes `text`. */
export async function refused(call: () => unknown, text: string, code?: ArgumentError['code']): Promise<void> {
  await assert.rejects(
    async () => call(),
    (e: unknown) => {
      assert.ok(e instanceof ArgumentError, `expected an ArgumentError, got ${String(e)}`)
      assert.ok(e.message.includes(text), `"${e.message}" names ${text}`)
      if (code) assert.equal(e.code, code)
      return true
    },
  )
}

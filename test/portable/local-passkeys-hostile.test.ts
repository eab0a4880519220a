/**
 * The local pool's passkey verifier against a hostile client: what a security review of
 * src/local/webauthn.ts and cbor.ts found missing (WebAuthn Level 3 §7.1, §7.2 and
 * docs/local-pool.md "Passkeys"), each shown refused. The software authenticator
 * (test/support) makes the credentials; every bend is what a script, not a browser, can send.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { LocalPool } from '../../src/local/index.ts'
import { toBase64Url, utf8 } from '../../src/lib/bytes.ts'
import { cbor, createAuthenticator, type SoftAuthenticator } from '../support/passkey-authenticator.ts'
import { PW, call, completeRegistration as complete, creationOptions, ok, passkeyPool as signedIn } from '../support/local.ts'

async function withPasskey(): Promise<{ pool: LocalPool; token: string; auth: SoftAuthenticator }> {
  const { pool, token } = await signedIn()
  const auth = await createAuthenticator()
  assert.equal((await complete(pool, token, await auth.register(await creationOptions(pool, token)))).status, 200)
  return { pool, token, auth }
}
const challenge = async (pool: LocalPool, name = 'alice') => {
  const r = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: name, PREFERRED_CHALLENGE: 'WEB_AUTHN' } })
  return { session: r['Session'] as string, options: JSON.parse(r['ChallengeParameters'].CREDENTIAL_REQUEST_OPTIONS) }
}
const respond = (pool: LocalPool, session: string, credential: unknown, name = 'alice') =>
  call(pool, 'RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: pool.clientId, Session: session, ChallengeResponses: { USERNAME: name, CREDENTIAL: JSON.stringify(credential) } })

test('a clientDataJSON whose crossOrigin is not a boolean is malformed, at registration and at sign-in', async () => {
  const { pool, token, auth } = await withPasskey()
  const bent = (c: Uint8Array) => utf8(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(c)), crossOrigin: 'true' }))
  const r = await complete(pool, token, await (await createAuthenticator()).register(await creationOptions(pool, token), { clientDataJSON: bent }))
  assert.deepEqual([r.status, r.body.__type], [400, 'InvalidParameterException'])
  const c = await challenge(pool)
  const s = await respond(pool, c.session, await auth.assert(c.options, { clientDataJSON: bent }))
  assert.deepEqual([s.status, s.body.__type], [400, 'InvalidParameterException'])
})

test('authenticator data: extensions must be a CBOR map (a map is read and passed over), and BS (backed up) needs BE (backup eligible)', async () => {
  const { pool, token, auth } = await withPasskey()
  // ED set and a CBOR text string, not a map, where the extensions go (signed by the authenticator)
  const ext = (a: Uint8Array) => Uint8Array.of(...a.subarray(0, 32), a[32]! | 0x80, ...a.subarray(33), ...cbor('not a map'))
  const bsOnly = (a: Uint8Array) => Uint8Array.of(...a.subarray(0, 32), a[32]! | 0x10, ...a.subarray(33))
  for (const authData of [ext, bsOnly]) {
    const r = await complete(pool, token, await (await createAuthenticator()).register(await creationOptions(pool, token), { fmt: 'packed', authData }))
    assert.deepEqual([r.status, r.body.__type], [400, 'InvalidParameterException'], String(authData))
    const c = await challenge(pool)
    const s = await respond(pool, c.session, await auth.assert(c.options, { authData }))
    assert.deepEqual([s.status, s.body.__type], [400, 'InvalidParameterException'], String(authData))
  }
  assert.equal(pool.user('alice')!.passkeys.length, 1)
  // an extensions map, as authenticators send for credProtect or largeBlob, is read and passed over
  const withExt = (a: Uint8Array) => Uint8Array.of(...a.subarray(0, 32), a[32]! | 0x80, ...a.subarray(33), ...cbor(new Map([['credProtect', 2]])))
  const other = await createAuthenticator()
  assert.equal((await complete(pool, token, await other.register(await creationOptions(pool, token), { fmt: 'packed', authData: withExt }))).status, 200)
  const c = await challenge(pool)
  assert.equal((await respond(pool, c.session, await auth.assert(c.options, { authData: withExt }))).status, 200)
})

test('RSA keys: a modulus over 4096 bits or even, an exponent of 1, even, or over 32 bits is refused', async () => {
  const { pool, token } = await signedIn()
  const rsa = await createAuthenticator({ alg: -257 })
  const n = (bytes: number, last = 1) => Uint8Array.from({ length: bytes }, (_, i) => (i === 0 ? 0xc1 : i === bytes - 1 ? last : 0x5a))
  const keys: Array<[string, Uint8Array, Uint8Array]> = [
    ['8192-bit modulus', n(1024), Uint8Array.of(1, 0, 1)],
    ['even modulus', n(256, 2), Uint8Array.of(1, 0, 1)],
    ['exponent 1', n(256), Uint8Array.of(1)],
    ['even exponent', n(256), Uint8Array.of(1, 0, 0)],
    ['exponent of 9 bytes', n(256), Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 0, 1)],
  ]
  for (const [what, modulus, e] of keys) {
    const key = cbor(new Map<number, any>([[1, 3], [3, -257], [-1, modulus], [-2, e]]))
    // a `none` attestation: nothing but the pool's key policy stands between this key and the account
    const r = await complete(pool, token, await rsa.register(await creationOptions(pool, token), { authData: (a) => Uint8Array.of(...a.subarray(0, 71), ...key) }))
    assert.equal(r.status, 400, what)
    assert.match(r.body.__type, /^(InvalidParameterException|WebAuthnCredentialNotSupportedException)$/, what)
  }
  assert.deepEqual(pool.user('alice')!.passkeys, [])
})

test('one WEB_AUTHN Session answered twice at once signs in once', async () => {
  const { pool, auth } = await withPasskey()
  const c = await challenge(pool)
  const assertion = await auth.assert(c.options)
  const answers = await Promise.all([respond(pool, c.session, assertion), respond(pool, c.session, assertion)])
  assert.deepEqual(answers.map((a) => a.status).sort(), [200, 400], 'the challenge is single use, also for answers that arrive together')
})

test('a registration challenge is used up by a completion that names it, even one of the wrong type or app client', async () => {
  const { pool, token } = await signedIn({ clients: [{}, { clientId: 'otherclient0000000000000000' }] })
  const other = (await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'otherclient0000000000000000', AuthParameters: { USERNAME: 'alice', PASSWORD: PW } }))['AuthenticationResult'].AccessToken
  for (const [bend, accessToken, type] of [[{ type: 'webauthn.get' }, token, 'InvalidParameterException'], [{}, other, 'WebAuthnClientMismatchException']] as const) {
    const options = await creationOptions(pool, token)
    const auth = await createAuthenticator()
    assert.equal((await complete(pool, accessToken, await auth.register(options, bend))).body.__type, type)
    const again = await complete(pool, token, await auth.register(options))
    assert.equal(again.body.__type, 'WebAuthnChallengeNotFoundException', `after ${type}`)
  }
})

/** An unknown name whose decoy USER_AUTH selection offers WEB_AUTHN (the selection is stable per name). */
async function decoyWithPasskey(pool: LocalPool): Promise<string> {
  for (let i = 0; i < 64; i++) {
    const r = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: `nobody${i}` } })
    if (r['AvailableChallenges'].includes('WEB_AUTHN')) return `nobody${i}`
  }
  return assert.fail('no unknown name was offered WEB_AUTHN')
}

test('a malformed assertion for the passkey USER_AUTH offers is refused alike for a real user and for an unknown name', async () => {
  const { pool, auth } = await withPasskey()
  const name = await decoyWithPasskey(pool)
  const answers = []
  for (const [who, id] of [['alice', auth.credentialId], [name, undefined]] as const) {
    const c = await challenge(pool, who)
    // the credential id the options allow, and a clientDataJSON that is not JSON
    const allowed = id ?? c.options.allowCredentials[0].id
    const honest = await auth.assert(c.options)
    const credential = { ...honest, id: allowed, rawId: allowed, response: { ...(honest['response'] as object), clientDataJSON: toBase64Url(utf8('not json')) } }
    const r = await respond(pool, c.session, credential, who)
    answers.push([r.status, r.body.__type])
  }
  assert.deepEqual(answers[0], answers[1])
  assert.deepEqual(answers[0], [400, 'InvalidParameterException'])
})


test('a stranger\'s assertion under the credential id USER_AUTH offers is refused with the same answer for a real user and an unknown name, whatever is bent', async () => {
  const { pool, auth } = await withPasskey()
  const name = await decoyWithPasskey(pool)
  const stranger = await createAuthenticator()
  const bends = {
    'an honest assertion of another key': {},
    'type webauthn.create': { type: 'webauthn.create' },
    'another origin': { origin: 'https://evil.example' },
    'another relying party': { rpId: 'evil.example' },
    'no user presence': { flags: 0 },
  }
  for (const [what, bend] of Object.entries(bends)) {
    const answers = []
    for (const [who, id] of [['alice', auth.credentialId], [name, undefined]] as const) {
      const c = await challenge(pool, who)
      const allowed = id ?? c.options.allowCredentials[0].id
      const a = await stranger.assert(c.options, bend)
      const r = await respond(pool, c.session, { ...a, id: allowed, rawId: allowed }, who)
      answers.push([r.status, r.body.__type, r.body.message])
    }
    assert.deepEqual(answers[1], answers[0], what)
    assert.equal(answers[0]![1], 'NotAuthorizedException', what)
  }
})

/**
 * The local pool's passkey verifier (src/local/webauthn.ts) at the edges a mutation round found
 * unguarded: a credential of another type than "public-key", a signature that is not base64url,
 * a packed self-attestation naming another algorithm than its key (WebAuthn Level 3 §5.1,
 * §7.1, §8.2), and a registration completed at the very end of the `timeout` the creation
 * options advertise. Over the wire only; the software authenticator (test/support) makes the
 * credentials; portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool } from '../../src/local/index.ts'
import { decodeCborMap } from '../../src/local/cbor.ts'
import { fromBase64Url, toBase64Url } from '../../src/lib/bytes.ts'
import { cbor, createAuthenticator } from '../support/passkey-authenticator.ts'
import { PW, call, completeRegistration as complete, creationOptions, manualClock, ok, passkeyPool as signedIn } from '../support/local.ts'

test('a credential whose type is not "public-key" is InvalidParameterException, and nothing is stored', async () => {
  const { pool, token } = await signedIn()
  const cred = await (await createAuthenticator()).register(await creationOptions(pool, token))
  const r = await complete(pool, token, { ...cred, type: 'password' })
  assert.deepEqual([r.status, r.body.__type], [400, 'InvalidParameterException'])
  assert.deepEqual(pool.user('alice')!.passkeys, [])
})

test('an assertion whose signature is not base64url is InvalidParameterException (malformed), not a failed sign-in', async () => {
  const { pool, token } = await signedIn()
  const auth = await createAuthenticator()
  assert.equal((await complete(pool, token, await auth.register(await creationOptions(pool, token)))).status, 200)
  const c = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'WEB_AUTHN' } })
  const a = await auth.assert(JSON.parse(c['ChallengeParameters'].CREDENTIAL_REQUEST_OPTIONS))
  const bent = { ...a, response: { ...(a['response'] as object), signature: 'not*base64url!' } }
  const r = await call(pool, 'RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: pool.clientId, Session: c['Session'], ChallengeResponses: { USERNAME: 'alice', CREDENTIAL: JSON.stringify(bent) } })
  assert.deepEqual([r.status, r.body.__type], [400, 'InvalidParameterException'])
})

test('a packed self-attestation whose alg is not the credential key\'s algorithm is refused, even with a valid signature (WebAuthn §8.2)', async () => {
  const { pool, token } = await signedIn()
  const es = await createAuthenticator()
  const cred = await es.register(await creationOptions(pool, token), { fmt: 'packed' })
  const response = cred['response'] as Record<string, string>
  // the same attestation object, its statement's alg rewritten to RS256; the signature (over authData and the client data hash) still verifies with the ES256 key
  const att = decodeCborMap(fromBase64Url(response['attestationObject']!))
  const stmt = att.get('attStmt') as Map<string, any>
  const bent = cbor(new Map<string, any>([['fmt', 'packed'], ['attStmt', new Map<string, any>([['alg', -257], ['sig', stmt.get('sig')]])], ['authData', att.get('authData')]]))
  const r = await complete(pool, token, { ...cred, response: { ...response, attestationObject: toBase64Url(bent) } })
  assert.deepEqual([r.status, r.body.__type], [400, 'InvalidParameterException'])
  assert.deepEqual(pool.user('alice')!.passkeys, [])
})

test('a registration completed exactly `timeout` ms after it started is still accepted (the challenge lives as long as the options say)', async () => {
  const clock = manualClock()
  const { pool, token } = await signedIn({ clock: clock.now })
  const options = await creationOptions(pool, token)
  clock.advance(options['timeout'])
  const r = await complete(pool, token, await (await createAuthenticator()).register(options))
  assert.equal(r.status, 200, JSON.stringify(r.body))
  assert.equal(pool.user('alice')!.passkeys.length, 1)
})

test('ListWebAuthnCredentials with MaxResults 0 (the model allows 0 to 20) lists the whole first page, not an empty page that points back at itself', async () => {
  const { pool, token } = await signedIn()
  for (let i = 0; i < 2; i++) { const r = await complete(pool, token, await (await createAuthenticator()).register(await creationOptions(pool, token))); assert.equal(r.status, 200, JSON.stringify(r.body)) }
  const r = await ok(pool, 'ListWebAuthnCredentials', { AccessToken: token, MaxResults: 0 })
  assert.equal(r['Credentials'].length, 2)
  assert.equal(r['NextToken'], undefined)
})

test('MFA turned on between the passkey challenge and its answer: without passkey MFA the user still owes the MFA challenge', async () => {
  const pool = createLocalPool({ shareKeys: true, mfa: 'OPTIONAL', allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'], users: [{ username: 'alice', password: PW }] })
  const r0 = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  const token = r0['AuthenticationResult'].AccessToken
  const auth = await createAuthenticator()
  assert.equal((await complete(pool, token, await auth.register(await creationOptions(pool, token)))).status, 200)
  const c = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'WEB_AUTHN' } })
  assert.equal(c['ChallengeName'], 'WEB_AUTHN')
  pool.setMfa('alice', { totp: true })
  // a user-verifying assertion: still no passkey MFA for this user, so it is one factor only
  const a = await auth.assert(JSON.parse(c['ChallengeParameters'].CREDENTIAL_REQUEST_OPTIONS))
  const r = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: pool.clientId, Session: c['Session'], ChallengeResponses: { USERNAME: 'alice', CREDENTIAL: JSON.stringify(a) } })
  assert.equal(r['AuthenticationResult'], undefined)
  assert.equal(r['ChallengeName'], 'SOFTWARE_TOKEN_MFA')
})

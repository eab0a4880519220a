/**
 * Passkeys at the local pool, end to end: a software authenticator (test/support) registers
 * through the library's own functions and the `Cognito` class, signs in with USER_AUTH's
 * WEB_AUTHN, and every check a relying party must make (WebAuthn Level 3 §7.1, §7.2) is shown to
 * refuse what it should, with the error the service model declares for the operation.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  authenticate,
  Cognito,
  completeWebAuthnRegistration,
  createClient,
  deleteWebAuthnCredential,
  listWebAuthnCredentials,
  startWebAuthnRegistration,
  userAuth,
  type CognitoClient,
} from '../../src/index.ts'
import { createLocalPool, type LocalPool, type LocalPoolOptions } from '../../src/local/index.ts'
import { createAuthenticator, FLAG, type Bend, type SoftAuthenticator } from '../support/passkey-authenticator.ts'
import { PW, call, errorOf, ok, signedFor } from '../support/local.ts'

const PASSKEYS: LocalPoolOptions = { allowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] }
const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com', phone_number: '+15555550100' } }
const bob = { username: 'bob', password: PW, attributes: { email: 'bob@example.com' } }

function setup(o: LocalPoolOptions = {}): { pool: LocalPool; client: CognitoClient } {
  const pool = createLocalPool({ shareKeys: true, ...PASSKEYS, users: [alice, bob], ...o })
  return { pool, client: createClient({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, endpoint: pool.endpoint, retry: false }) }
}

async function tokenOf(client: CognitoClient, name: string): Promise<string> {
  return (await authenticate(client, { username: name, password: PW })).tokens!.accessToken
}

/** Register `auth` for the signed-in user through the library's functions. */
async function register(client: CognitoClient, token: string, auth: SoftAuthenticator, bend?: Bend): Promise<void> {
  await completeWebAuthnRegistration(client, token, await auth.register(await startWebAuthnRegistration(client, token), bend))
}

/** Start USER_AUTH with PREFERRED_CHALLENGE WEB_AUTHN by hand: the challenge's Session and request options. */
async function passkeyChallenge(pool: LocalPool, name: string): Promise<{ session: string; options: Record<string, any>; username: string }> {
  const r = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: name, PREFERRED_CHALLENGE: 'WEB_AUTHN' } })
  assert.equal(r['ChallengeName'], 'WEB_AUTHN')
  return { session: r['Session'], options: JSON.parse(r['ChallengeParameters'].CREDENTIAL_REQUEST_OPTIONS), username: r['ChallengeParameters'].USERNAME }
}

const answer = (pool: LocalPool, c: { session: string; username: string }, credential: unknown) =>
  call(pool, 'RespondToAuthChallenge', { ChallengeName: 'WEB_AUTHN', ClientId: pool.clientId, Session: c.session, ChallengeResponses: { USERNAME: c.username, CREDENTIAL: typeof credential === 'string' ? credential : JSON.stringify(credential) } })

async function refusedSignIn(pool: LocalPool, auth: SoftAuthenticator, bend: Bend, reason: RegExp, name = 'alice'): Promise<void> {
  const c = await passkeyChallenge(pool, name)
  const r = await answer(pool, c, await auth.assert(c.options, bend))
  assert.deepEqual([r.status, r.body.__type], [400, 'NotAuthorizedException'], JSON.stringify(r.body))
  assert.match(r.body.message, reason)
}

test('register, list, sign in and delete a passkey through the library functions', async () => {
  const { pool, client } = setup()
  const token = await tokenOf(client, 'alice')
  const options = await startWebAuthnRegistration(client, token)
  assert.deepEqual(Object.keys(options).sort(), ['authenticatorSelection', 'challenge', 'excludeCredentials', 'pubKeyCredParams', 'rp', 'timeout', 'user'])
  assert.deepEqual(options['rp'], { id: 'localhost', name: 'localhost' })
  assert.deepEqual((options['pubKeyCredParams'] as any[]).map((p) => p.alg), [-7, -257])
  assert.deepEqual(options['authenticatorSelection'], { requireResidentKey: true, residentKey: 'required', userVerification: 'preferred' })
  assert.match(String(options['challenge']), /^[A-Za-z0-9_-]{43}$/)
  const auth = await createAuthenticator()
  await completeWebAuthnRegistration(client, token, await auth.register(options))
  assert.deepEqual(pool.user('alice')!.passkeys, [auth.credentialId])

  const listed = await listWebAuthnCredentials(client, token)
  assert.equal(listed.Credentials!.length, 1)
  const [d] = listed.Credentials!
  assert.deepEqual({ ...d, CreatedAt: typeof d!['CreatedAt'] }, {
    CredentialId: auth.credentialId,
    FriendlyCredentialName: 'Passkey',
    RelyingPartyId: 'localhost',
    AuthenticatorAttachment: 'platform',
    AuthenticatorTransports: ['internal', 'hybrid'],
    CreatedAt: 'number',
  })
  // the next registration excludes the passkey the user has
  const again = await startWebAuthnRegistration(client, token)
  assert.deepEqual(again['excludeCredentials'], [{ type: 'public-key', id: auth.credentialId, transports: ['internal', 'hybrid'] }])

  let seen: Record<string, unknown> | undefined
  const step = await userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: (o) => ((seen = o), auth.assert(o)) })
  assert.ok(step.tokens?.accessToken, 'tokens after the passkey')
  assert.deepEqual(Object.keys(seen!).sort(), ['allowCredentials', 'challenge', 'rpId', 'timeout', 'userVerification'])
  assert.deepEqual([seen!['rpId'], seen!['userVerification'], seen!['timeout']], ['localhost', 'preferred', 180000])
  assert.deepEqual(seen!['allowCredentials'], [{ type: 'public-key', id: auth.credentialId, transports: ['internal', 'hybrid'] }])
  assert.equal((await ok(pool, 'GetUser', { AccessToken: step.tokens!.accessToken }))['Username'], 'alice')

  await deleteWebAuthnCredential(client, token, auth.credentialId)
  assert.deepEqual((await listWebAuthnCredentials(client, token)).Credentials, [])
  await assert.rejects(deleteWebAuthnCredential(client, token, auth.credentialId), (e: any) => e.name === 'ResourceNotFoundException')
})

test('the Cognito class: register, sign in with userAuth and selectChallenge, delete', async () => {
  const { pool } = setup()
  const make = () => new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch, endpoint: pool.endpoint, retry: false })
  const alice = make()
  await alice.authenticate(PW)
  const auth = await createAuthenticator()
  await alice.completeWebAuthnRegistration(await auth.register(await alice.startWebAuthnRegistration()))
  assert.equal((await alice.listWebAuthnCredentials({ maxResults: 5 })).Credentials![0]!['CredentialId'], auth.credentialId)

  const later = make()
  await later.userAuth({ preferred: 'WEB_AUTHN', webauthn: (o) => auth.assert(o) })
  assert.ok(later.accessToken, 'signed in with the passkey')
  // SELECT_CHALLENGE offers WEB_AUTHN to this user, not to one without a passkey
  const chooser = make()
  await assert.rejects(chooser.userAuth(), (e: any) => e.challengeName === 'SELECT_CHALLENGE' && e.availableChallenges.includes('WEB_AUTHN'))
  await chooser.selectChallenge('WEB_AUTHN', { webauthn: (o) => auth.assert(o) })
  assert.ok(chooser.accessToken, 'signed in after choosing WEB_AUTHN')
  const bobby = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'bob', fetch: pool.fetch, endpoint: pool.endpoint, retry: false })
  await assert.rejects(bobby.userAuth(), (e: any) => e.challengeName === 'SELECT_CHALLENGE' && !e.availableChallenges.includes('WEB_AUTHN'))

  await alice.deleteWebAuthnCredential(auth.credentialId)
  await assert.rejects(make().userAuth(), (e: any) => e.challengeName === 'SELECT_CHALLENGE' && !e.availableChallenges.includes('WEB_AUTHN'))
})

test('an RS256 passkey, and packed self-attestation, register and sign in', async () => {
  const { pool, client } = setup()
  const token = await tokenOf(client, 'alice')
  const rsa = await createAuthenticator({ alg: -257 })
  await register(client, token, rsa)
  const packed = await createAuthenticator({ signCount: 1 })
  await register(client, token, packed, { fmt: 'packed' })
  assert.equal(pool.user('alice')!.passkeys.length, 2)
  for (const auth of [rsa, packed]) {
    const step = await userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: (o) => auth.assert(o) })
    assert.ok(step.tokens, 'tokens for ' + auth.alg)
  }
})

test('registration refusals carry the errors the model declares', async () => {
  const { pool, client } = setup()
  const token = await tokenOf(client, 'alice')
  const complete = async (bend: Bend, auth?: SoftAuthenticator) => {
    const options = (await ok(pool, 'StartWebAuthnRegistration', { AccessToken: token }))['CredentialCreationOptions']
    const credential = await (auth ?? (await createAuthenticator())).register(options, bend)
    return errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: credential })
  }
  const cases: Array<[Bend, string, RegExp?]> = [
    [{ challenge: 'c29tZS1vdGhlci1jaGFsbGVuZ2U' }, 'WebAuthnChallengeNotFoundException'],
    [{ rpId: 'example.com' }, 'WebAuthnRelyingPartyMismatchException'],
    [{ origin: 'https://evil.example' }, 'WebAuthnOriginNotAllowedException'],
    [{ origin: 'https://localhost.evil.example' }, 'WebAuthnOriginNotAllowedException'],
    [{ crossOrigin: true }, 'WebAuthnOriginNotAllowedException'],
    [{ type: 'webauthn.get' }, 'InvalidParameterException', /webauthn\.create/],
    [{ flags: FLAG.UV | FLAG.AT }, 'InvalidParameterException', /UP/],
    [{ fmt: 'packed', attStmt: new Map<string, any>([['alg', -7], ['sig', new Uint8Array(70)], ['x5c', [new Uint8Array(10)]]]) }, 'WebAuthnCredentialNotSupportedException'],
    [{ fmt: 'tpm' }, 'WebAuthnCredentialNotSupportedException'],
    [{ fmt: 'none', attStmt: new Map<string, any>([['sig', new Uint8Array(1)]]) }, 'InvalidParameterException', /empty statement/],
    [{ fmt: 'packed', attStmt: new Map<string, any>([['alg', -7], ['sig', new Uint8Array(70)]]) }, 'InvalidParameterException', /self-attestation/],
  ]
  for (const [bend, type, message] of cases) {
    const e = await complete(bend)
    assert.equal(e.type, type, JSON.stringify(bend))
    if (message) assert.match(e.message, message)
  }
  // the credential id must be the one in the authenticator data
  const options = (await ok(pool, 'StartWebAuthnRegistration', { AccessToken: token }))['CredentialCreationOptions']
  const other = (await createAuthenticator()).credentialId
  const swapped = { ...(await (await createAuthenticator()).register(options)), id: other, rawId: other }
  const e = await errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: swapped })
  assert.deepEqual([e.type, /differs/.test(e.message)], ['InvalidParameterException', true])
  assert.deepEqual(pool.user('alice')!.passkeys, [], 'nothing was stored')
  // a malformed credential is InvalidParameterException
  await ok(pool, 'StartWebAuthnRegistration', { AccessToken: token })
  for (const bad of [{}, { type: 'public-key', id: 'x', response: {} }, 'not an object']) {
    assert.equal((await errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: bad })).type, 'InvalidParameterException')
  }
})

test('a registration challenge is used once, expires, and belongs to the app client that started it', async () => {
  let now = Date.UTC(2026, 0, 1)
  const pool = createLocalPool({ shareKeys: true, ...PASSKEYS, users: [alice, bob], clock: () => now, clients: [{}, { clientId: 'otherclient0000000000000000' }] })
  const client = createClient({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, endpoint: pool.endpoint, retry: false, now: () => now })
  const token = await tokenOf(client, 'alice')
  const options = await startWebAuthnRegistration(client, token)
  await completeWebAuthnRegistration(client, token, await (await createAuthenticator()).register(options))
  // the same challenge again, from another authenticator
  const reuse = await errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: await (await createAuthenticator()).register(options) })
  assert.equal(reuse.type, 'WebAuthnChallengeNotFoundException')
  // expired after 5 minutes
  const late = await startWebAuthnRegistration(client, token)
  now += 300_001
  const fresh = await tokenOf(client, 'alice')
  assert.equal((await errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: fresh, Credential: await (await createAuthenticator()).register(late) })).type, 'WebAuthnChallengeNotFoundException')
  // started on one client, completed with another client's token
  const other = createClient({ userPoolId: pool.poolId, clientId: 'otherclient0000000000000000', fetch: pool.fetch, endpoint: pool.endpoint, retry: false, now: () => now })
  const started = await startWebAuthnRegistration(client, fresh)
  const e = await errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: await tokenOf(other, 'alice'), Credential: await (await createAuthenticator()).register(started) })
  assert.equal(e.type, 'WebAuthnClientMismatchException')
  // a credential id another user registered is refused
  const bobToken = await tokenOf(client, 'bob')
  const shared = await createAuthenticator()
  await register(client, fresh, shared)
  const dup = await errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: bobToken, Credential: await shared.register((await ok(pool, 'StartWebAuthnRegistration', { AccessToken: bobToken }))['CredentialCreationOptions']) })
  assert.deepEqual([dup.type, /already registered/.test(dup.message)], ['InvalidParameterException', true])
})

test('a pool without WEB_AUTHN refuses registration; List and Delete need only a token', async () => {
  const { pool, client } = setup({ allowedFirstAuthFactors: ['PASSWORD'] })
  const token = await tokenOf(client, 'alice')
  for (const op of ['StartWebAuthnRegistration', 'CompleteWebAuthnRegistration']) {
    const e = await errorOf(pool, op, { AccessToken: token, ...(op.startsWith('Complete') ? { Credential: {} } : {}) })
    assert.equal(e.type, 'WebAuthnNotEnabledException', op)
  }
  assert.deepEqual((await ok(pool, 'ListWebAuthnCredentials', { AccessToken: token }))['Credentials'], [])
  assert.equal((await errorOf(pool, 'DeleteWebAuthnCredential', { AccessToken: token, CredentialId: 'nope' })).type, 'ResourceNotFoundException')
  assert.equal((await errorOf(pool, 'ListWebAuthnCredentials', { AccessToken: 'x.y.z' })).type, 'NotAuthorizedException')
})

test('userVerification required: refused at registration and at sign-in without UV, and asked for in both option documents', async () => {
  const { pool, client } = setup({ webAuthn: { userVerification: 'required' } })
  const token = await tokenOf(client, 'alice')
  const options = await startWebAuthnRegistration(client, token)
  assert.equal((options['authenticatorSelection'] as any).userVerification, 'required')
  const e = await errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: await (await createAuthenticator()).register(options, { flags: FLAG.UP | FLAG.AT }) })
  assert.equal(e.type, 'WebAuthnCredentialNotSupportedException')
  const auth = await createAuthenticator()
  await register(client, token, auth)
  const c = await passkeyChallenge(pool, 'alice')
  assert.equal(c.options['userVerification'], 'required')
  await refusedSignIn(pool, auth, { flags: FLAG.UP }, /user verification is required/)
  const step = await userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: (o) => auth.assert(o) })
  assert.ok(step.tokens, 'tokens with UV')
})

test('sign-in refusals: each check of the assertion refuses, as NotAuthorizedException', async () => {
  // more failures than the default five are needed here: the lockout has its own test
  const { pool, client } = setup({ maxPasswordAttempts: 100 })
  const auth = await createAuthenticator()
  await register(client, await tokenOf(client, 'alice'), auth)
  const bobs = await createAuthenticator()
  await register(client, await tokenOf(client, 'bob'), bobs)
  await refusedSignIn(pool, auth, { challenge: 'b3RoZXItY2hhbGxlbmdlLW90aGVyLWNoYWxsZW5nZQ' }, /challenge/)
  await refusedSignIn(pool, auth, { type: 'webauthn.create' }, /webauthn\.get/)
  await refusedSignIn(pool, auth, { rpId: 'example.com' }, /another relying party/)
  await refusedSignIn(pool, auth, { origin: 'https://evil.example' }, /origin/)
  await refusedSignIn(pool, auth, { flags: FLAG.UV }, /present/)
  await refusedSignIn(pool, auth, { badSignature: true }, /signature does not verify/)
  await refusedSignIn(pool, auth, { userHandle: 'c29tZW9uZS1lbHNl' }, /user handle/)
  // a credential of another user, and one the pool never registered
  await refusedSignIn(pool, bobs, {}, /not a passkey of this user/)
  await refusedSignIn(pool, await createAuthenticator(), {}, /not a passkey of this user/)
  assert.ok((await userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: (o) => auth.assert(o) })).tokens, 'the honest answer still works')
})

test('a wrong passkey counts like a wrong password: the fifth starts the lockout, and a malformed answer does not count', async () => {
  const { pool, client } = setup()
  const auth = await createAuthenticator()
  await register(client, await tokenOf(client, 'alice'), auth)
  const c = await passkeyChallenge(pool, 'alice')
  const bad = await auth.assert(c.options, { badSignature: true })
  for (let i = 0; i < 3; i++) assert.equal((await answer(pool, c, '{not json')).body.__type, 'InvalidParameterException')
  for (let i = 1; i <= 4; i++) assert.match((await answer(pool, c, bad)).body.message, /could not be verified/, `attempt ${i}, same Session`)
  assert.equal((await answer(pool, c, bad)).body.message, 'Password attempts exceeded')
  const good = await passkeyChallenge(pool, 'alice')
  const locked = await answer(pool, good, await auth.assert(good.options))
  assert.deepEqual([locked.body.__type, locked.body.message], ['NotAuthorizedException', 'Password attempts exceeded'])
})

test('a used Session, an old assertion, a counter that does not grow, and a deleted passkey are refused', async () => {
  const { pool, client } = setup()
  const token = await tokenOf(client, 'alice')
  const auth = await createAuthenticator({ signCount: 5 })
  await register(client, token, auth)
  const c = await passkeyChallenge(pool, 'alice')
  const assertion = await auth.assert(c.options)
  assert.equal((await answer(pool, c, assertion)).status, 200)
  assert.equal((await answer(pool, c, assertion)).body.__type, 'NotAuthorizedException', 'the Session is spent')
  await refusedSignIn(pool, auth, { challenge: JSON.parse(atob(String((assertion['response'] as any).clientDataJSON).replace(/-/g, '+').replace(/_/g, '/'))).challenge }, /challenge/)
  await refusedSignIn(pool, auth, { signCount: 6 }, /counter did not increase/)
  // deleted while a challenge was open
  const open = await passkeyChallenge(pool, 'alice')
  await deleteWebAuthnCredential(client, token, auth.credentialId)
  const r = await answer(pool, open, await auth.assert(open.options))
  assert.deepEqual([r.body.__type, /not a passkey of this user/.test(r.body.message)], ['NotAuthorizedException', true])
})

test('passkey MFA: WEB_AUTHN is offered to a user with MFA only with passkey MFA on, needs UV, and then satisfies MFA', async () => {
  const multi: LocalPoolOptions = { webAuthn: { factorConfiguration: 'MULTI_FACTOR_WITH_USER_VERIFICATION' } }
  const { pool, client } = setup(multi)
  const token = await tokenOf(client, 'alice')
  const auth = await createAuthenticator()
  await register(client, token, auth)
  const start = () => ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  assert.ok((await start())['AvailableChallenges'].includes('WEB_AUTHN'), 'offered without MFA')
  pool.setMfa('alice', { sms: true })
  assert.ok(!(await start())['AvailableChallenges'].includes('WEB_AUTHN'), 'MFA applies and passkey MFA is off')
  await ok(pool, 'SetUserMFAPreference', { AccessToken: token, WebAuthnMfaSettings: { Enabled: true } })
  assert.ok((await start())['AvailableChallenges'].includes('WEB_AUTHN'), 'offered with passkey MFA on')
  const c = await passkeyChallenge(pool, 'alice')
  assert.equal(c.options['userVerification'], 'required')
  await refusedSignIn(pool, auth, { flags: FLAG.UP }, /user verification/)
  const r = await answer(pool, c, await auth.assert(c.options))
  assert.ok(r.body.AuthenticationResult?.AccessToken, 'no SMS code asked: the verified passkey satisfied MFA')
  assert.equal(pool.messages.filter((m) => m.purpose === 'MFA').length, 0)
})

test('GetUserAuthFactors and AdminGetUserAuthFactors list WEB_AUTHN for a user with a passkey', async () => {
  const { pool, client } = setup()
  const token = await tokenOf(client, 'alice')
  assert.deepEqual((await ok(pool, 'GetUserAuthFactors', { AccessToken: token }))['ConfiguredUserAuthFactors'], ['PASSWORD'])
  await register(client, token, await createAuthenticator())
  assert.deepEqual(await ok(pool, 'GetUserAuthFactors', { AccessToken: token }), { Username: 'alice', ConfiguredUserAuthFactors: ['PASSWORD', 'WEB_AUTHN'] })
  const body = { UserPoolId: pool.poolId, Username: 'alice' }
  const r = await call(pool, 'AdminGetUserAuthFactors', body, await signedFor(pool, 'AdminGetUserAuthFactors', body))
  assert.deepEqual(r.body['ConfiguredUserAuthFactors'], ['PASSWORD', 'WEB_AUTHN'])
})

test('ListWebAuthnCredentials pages with MaxResults and NextToken; a user has at most 20 passkeys', async () => {
  const { pool, client } = setup()
  const token = await tokenOf(client, 'alice')
  const auths = [await createAuthenticator(), await createAuthenticator(), await createAuthenticator()]
  for (const a of auths) await register(client, token, a)
  const first = await listWebAuthnCredentials(client, token, { maxResults: 2 })
  assert.equal(first.Credentials!.length, 2)
  assert.ok(first.NextToken, 'a next page')
  const second = await listWebAuthnCredentials(client, token, { maxResults: 2, nextToken: first.NextToken })
  assert.deepEqual([...first.Credentials!, ...second.Credentials!].map((c) => c['CredentialId']), auths.map((a) => a.credentialId))
  assert.equal(second.NextToken, undefined)
  assert.equal((await errorOf(pool, 'ListWebAuthnCredentials', { AccessToken: token, NextToken: 'garbage' })).type, 'InvalidParameterException')
  for (let i = 3; i < 20; i++) await register(client, token, await createAuthenticator())
  assert.equal((await errorOf(pool, 'StartWebAuthnRegistration', { AccessToken: token })).type, 'LimitExceededException')
})

test('relying party and origins: subdomains over https are accepted, plain http only on localhost', async () => {
  const { pool, client } = setup({ webAuthn: { relyingPartyId: 'auth.example.com' } })
  const token = await tokenOf(client, 'alice')
  const options = await startWebAuthnRegistration(client, token)
  assert.deepEqual(options['rp'], { id: 'auth.example.com', name: 'auth.example.com' })
  const refused = await errorOf(pool, 'CompleteWebAuthnRegistration', { AccessToken: token, Credential: await (await createAuthenticator()).register(options, { origin: 'http://auth.example.com' }) })
  assert.equal(refused.type, 'WebAuthnOriginNotAllowedException')
  const auth = await createAuthenticator({ origin: 'https://login.auth.example.com:8443' })
  await register(client, token, auth)
  assert.ok((await userAuth(client, { username: 'alice', preferred: 'WEB_AUTHN', webauthn: (o) => auth.assert(o) })).tokens, 'signed in from a subdomain origin')
})

test('webAuthn and allowedFirstAuthFactors options are checked when the pool is made', () => {
  for (const webAuthn of [{ relyingPartyId: 'https://example.com' }, { relyingPartyId: '' }, { relyingPartyId: 'Example.com' }, { userVerification: 'discouraged' }] as any[]) {
    assert.throws(() => createLocalPool({ webAuthn }), (e: any) => e.name === 'ArgumentError' && e.code === 'ERR_INVALID_ARG_VALUE', JSON.stringify(webAuthn))
  }
  for (const factors of [['PASSKEY'], 'WEB_AUTHN'] as any[]) {
    assert.throws(() => createLocalPool({ allowedFirstAuthFactors: factors }), (e: any) => e.name === 'ArgumentError' && /allowedFirstAuthFactors/.test(e.message))
  }
  assert.ok(createLocalPool({ webAuthn: { relyingPartyId: 'auth.example.com', userVerification: 'required' }, allowedFirstAuthFactors: ['WEB_AUTHN'] }))
})

test('an unknown name may be offered WEB_AUTHN too, and every assertion then fails as an unknown passkey does for a real user', async () => {
  const { pool, client } = setup()
  const auth = await createAuthenticator()
  await register(client, await tokenOf(client, 'alice'), auth)
  const start = (name: string, extra: Record<string, string> = {}) => ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: name, ...extra } })
  let name = ''
  for (let i = 0; !name && i < 64; i++) if ((await start(`nobody${i}`))['AvailableChallenges'].includes('WEB_AUTHN')) name = `nobody${i}`
  assert.ok(name, 'some unknown name is offered WEB_AUTHN')
  const real = await passkeyChallenge(pool, 'alice')
  const decoy = async () => {
    const r = await start(name, { PREFERRED_CHALLENGE: 'WEB_AUTHN' })
    return { session: r['Session'], username: r['ChallengeParameters'].USERNAME, options: JSON.parse(r['ChallengeParameters'].CREDENTIAL_REQUEST_OPTIONS) }
  }
  const d = await decoy()
  assert.deepEqual(Object.keys(d.options).sort(), Object.keys(real.options).sort())
  assert.deepEqual((await decoy()).options.allowCredentials, d.options.allowCredentials, 'the same made-up credential each time')
  assert.equal((await answer(pool, d, '{')).body.__type, 'InvalidParameterException')
  const stranger = await createAuthenticator()
  const fake = await answer(pool, d, await stranger.assert(d.options))
  const other = await answer(pool, real, await stranger.assert(real.options))
  assert.deepEqual([fake.status, fake.body.__type, fake.body.message], [other.status, other.body.__type, other.body.message])
})

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, NotAuthorizedException } from '../../src/index.ts'
import { createAdminClient } from '../../src/admin.ts'
import { createLocalPool, totp } from '../../src/local/index.ts'
import { createDeviceVerifier, calculateA, generatePrivateValue, passwordVerifier, secretHash } from '../../src/srp.ts'
import { PW, call, errorOf, jwtPart, manualClock, ok, signedFor, srpLogin, srpStart } from '../support/local.ts'

const alice = { username: 'alice', password: PW, attributes: { email: 'alice@example.com' } }

async function verifyWithJwks(pool: ReturnType<typeof createLocalPool>, token: string): Promise<boolean> {
  const res = await pool.fetch(`${pool.issuer}/.well-known/jwks.json`, { method: 'GET' })
  const { keys } = (await res.json()) as { keys: JsonWebKey[] & { kid: string }[] }
  const [h, p, s] = token.split('.') as [string, string, string]
  const jwk = keys.find((k: any) => k.kid === jwtPart(token, 0).kid)!
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify'])
  const sig = Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0))
  return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, sig, new TextEncoder().encode(`${h}.${p}`))
}

test('SRP login by the Cognito class: verified server side, real RS256 tokens with Cognito claims', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ ...alice, groups: ['admins'] }] })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch })
  const r = await user.authenticate(PW)
  const id = jwtPart(r.idToken)
  const access = jwtPart(r.accessToken)
  assert.equal(id.token_use, 'id')
  assert.equal(id.aud, pool.clientId)
  assert.equal(id['cognito:username'], 'alice')
  assert.deepEqual(id['cognito:groups'], ['admins'])
  assert.equal(id.email, 'alice@example.com')
  assert.equal(id.email_verified, true)
  assert.equal(id.iss, `https://cognito-idp.us-east-1.amazonaws.com/${pool.poolId}`)
  assert.equal(access.token_use, 'access')
  assert.equal(access.client_id, pool.clientId)
  assert.equal(access.scope, 'aws.cognito.signin.user.admin')
  assert.equal(access.username, 'alice')
  assert.equal(access.aud, undefined)
  assert.equal(access.origin_jti, id.origin_jti)
  assert.notEqual(jwtPart(r.idToken, 0).kid, jwtPart(r.accessToken, 0).kid, 'separate keys like Cognito')
  assert.equal(jwtPart(r.idToken, 0).typ, undefined)
  assert.equal(r.refreshToken!.split('.').length, 5, 'opaque JWE-shaped refresh token')
  assert.equal(await verifyWithJwks(pool, r.idToken), true)
  assert.equal(await verifyWithJwks(pool, r.accessToken), true)
  const forged = r.accessToken.slice(0, -4) + (r.accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA')
  assert.equal(await verifyWithJwks(pool, forged), false)
  // the access token works with Cognito APIs
  const me = await ok(pool, 'GetUser', { AccessToken: r.accessToken })
  assert.equal(me.Username, 'alice')
  // a wrong password fails the same exchange, and leaves the first user's tokens alone
  const bad = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch })
  await assert.rejects(bad.authenticate('Wrong-pass1!'), NotAuthorizedException)
  assert.equal(bad.accessToken, undefined)
})

test('the pool stores a verifier, never the password; USER_PASSWORD_AUTH recomputes it', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  await pool.ready
  assert.ok(!JSON.stringify(pool.user('alice')).includes(PW))
  const r = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: PW } })
  assert.equal(r.status, 200)
  assert.equal(r.body.AuthenticationResult.TokenType, 'Bearer')
  assert.equal(r.body.AuthenticationResult.ExpiresIn, 3600)
  const e = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: 'nope' } })
  assert.deepEqual(e, { type: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 })
})

test('SECRET_BLOCK is single-use; stale and malformed TIMESTAMPs are refused', async () => {
  const clock = manualClock(Date.now())
  const pool = createLocalPool({ shareKeys: true, users: [alice], clock: clock.now })
  const s = await srpStart(pool, 'alice')
  const answer = await s.answer(PW)
  assert.equal((await call(pool, 'RespondToAuthChallenge', answer)).status, 200)
  const replay = await errorOf(pool, 'RespondToAuthChallenge', answer)
  assert.equal(replay.type, 'NotAuthorizedException')
  assert.equal(replay.message, 'Incorrect username or password.')

  const stale = await srpStart(pool, 'alice')
  const e = await errorOf(pool, 'RespondToAuthChallenge', await stale.answer(PW, {}, new Date(clock.now() - 10 * 60_000)))
  assert.equal(e.type, 'NotAuthorizedException')
  // a stale TIMESTAMP used the SECRET_BLOCK up too
  assert.equal((await errorOf(pool, 'RespondToAuthChallenge', await stale.answer(PW))).type, 'NotAuthorizedException')

  const bad = await srpStart(pool, 'alice')
  const ans = await bad.answer(PW)
  ;(ans['ChallengeResponses'] as Record<string, string>)['TIMESTAMP'] = '2026-11-26T12:00:00Z'
  const f = await errorOf(pool, 'RespondToAuthChallenge', ans)
  assert.equal(f.type, 'InvalidParameterException')
  assert.match(f.message, /TIMESTAMP format/)
  // a malformed TIMESTAMP does not use the SECRET_BLOCK up: the well-formed answer still works
  assert.equal((await call(pool, 'RespondToAuthChallenge', await bad.answer(PW))).status, 200)
  assert.equal(pool.user('alice')!.status, 'CONFIRMED')
})

test('brute force: "Password attempts exceeded" after the configured count, lifted after the lockout', async () => {
  const clock = manualClock(Date.now())
  const pool = createLocalPool({ shareKeys: true, users: [alice], clock: clock.now, maxPasswordAttempts: 3, lockoutSeconds: 60 })
  const pw = (p: string): Promise<{ type: string; message: string }> =>
    errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PASSWORD: p } })
  assert.equal((await pw('Wrong1!a')).message, 'Incorrect username or password.')
  assert.equal((await srpLogin(pool, 'alice', 'Wrong2!a')).body.message, 'Incorrect username or password.')
  assert.equal((await pw('Wrong3!a')).message, 'Password attempts exceeded')
  // locked: even the right password (by SRP too) is refused, and no tokens are issued
  const locked = await srpLogin(pool, 'alice', PW)
  assert.equal(locked.body.message, 'Password attempts exceeded')
  assert.equal(pool.calls.filter((c) => c.status === 200 && c.operation === 'RespondToAuthChallenge').length, 0)
  clock.advance(61_000)
  assert.equal((await srpLogin(pool, 'alice', PW)).status, 200)
  assert.equal(pool.user('alice')!.status, 'CONFIRMED')
})

test('PreventUserExistenceErrors: ENABLED simulates a challenge, LEGACY reveals UserNotFoundException', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice], clients: [{}, { clientId: 'legacyclient', preventUserExistenceErrors: 'LEGACY' }] })
  const s1 = await srpStart(pool, 'nobody')
  assert.equal(s1.init.body.ChallengeName, 'PASSWORD_VERIFIER')
  const s2 = await srpStart(pool, 'nobody')
  assert.equal(s1.init.body.ChallengeParameters.SALT, s2.init.body.ChallengeParameters.SALT, 'stable salt per name')
  assert.equal((await errorOf(pool, 'RespondToAuthChallenge', await s1.answer(PW))).type, 'NotAuthorizedException')
  const legacy = await srpStart(pool, 'nobody', { clientId: 'legacyclient' })
  assert.equal(legacy.init.body.__type, 'UserNotFoundException')
  assert.equal(legacy.init.body.message, 'User does not exist.')
  assert.equal(pool.user('nobody'), undefined)
})

test('client secret and email as username: USER_ID_FOR_SRP is the sub, SECRET_HASH over the right name', async () => {
  const pool = createLocalPool({ shareKeys: true, usernameAttributes: ['email'], clients: [{ clientSecret: 's3cret-value' }], users: [{ username: 'bob@example.com', password: PW }] })
  await pool.ready
  const sub = pool.user('bob@example.com')!.sub
  assert.equal(pool.user('bob@example.com')!.username, sub)
  const missingHash = await srpStart(pool, 'bob@example.com')
  assert.equal(missingHash.init.body.message, `Client ${pool.clientId} is configured for secret but secret was not received`)
  const wrong = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'bob@example.com', SRP_A: 'abc', SECRET_HASH: 'AAAA' } })
  assert.equal(wrong.body.message, `Unable to verify secret hash for client ${pool.clientId}`)
  const r = await srpLogin(pool, 'bob@example.com', PW, { secret: 's3cret-value' })
  assert.equal(r.status, 200)
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, clientSecret: 's3cret-value', username: 'bob@example.com', fetch: pool.fetch })
  await user.authenticate(PW)
  assert.equal(user.internalUsername, sub)
  assert.equal(jwtPart(user.idToken!)['cognito:username'], sub)
  const refresh = (name: string) => secretHash(name, pool.clientId, 's3cret-value').then((h) =>
    call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: user.refreshToken!, SECRET_HASH: h } }))
  assert.equal((await refresh('bob@example.com')).body.__type, 'NotAuthorizedException', 'alias hash refused on refresh')
  const good = await refresh(sub)
  assert.equal(good.status, 200)
  assert.equal(good.body.AuthenticationResult.RefreshToken, undefined)
})

test('refresh, GlobalSignOut and RevokeToken really revoke; expired access tokens are refused', async () => {
  const clock = manualClock(Date.now())
  const pool = createLocalPool({ shareKeys: true, users: [alice], clock: clock.now, clients: [{ accessTokenValidity: 300 }] })
  const login = async () => (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const t1 = await login()
  const t2 = await login()
  const refresh = (rt: string) => call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: rt } })
  const r = await refresh(t1.RefreshToken)
  assert.equal(r.status, 200)
  assert.equal(jwtPart(r.body.AuthenticationResult.AccessToken).origin_jti, jwtPart(t1.AccessToken).origin_jti)
  assert.equal(jwtPart(r.body.AuthenticationResult.IdToken).auth_time, jwtPart(t1.IdToken).auth_time)
  // RevokeToken revokes one family only
  assert.equal((await call(pool, 'RevokeToken', { Token: t1.RefreshToken, ClientId: pool.clientId })).status, 200)
  assert.equal((await refresh(t1.RefreshToken)).body.message, 'Refresh Token has been revoked')
  assert.equal((await errorOf(pool, 'GetUser', { AccessToken: r.body.AuthenticationResult.AccessToken })).message, 'Access Token has been revoked')
  assert.equal((await call(pool, 'GetUser', { AccessToken: t2.AccessToken })).status, 200)
  assert.equal((await errorOf(pool, 'RevokeToken', { Token: t2.AccessToken, ClientId: pool.clientId })).type, 'UnsupportedTokenTypeException')
  // GlobalSignOut revokes the rest
  assert.equal((await call(pool, 'GlobalSignOut', { AccessToken: t2.AccessToken })).status, 200)
  assert.equal((await refresh(t2.RefreshToken)).body.message, 'Refresh Token has been revoked')
  assert.equal((await errorOf(pool, 'GetUser', { AccessToken: t2.AccessToken })).message, 'Access Token has been revoked')
  // a new sign-in works and expires with the pool clock
  const t3 = await login()
  clock.advance(301_000)
  assert.equal((await errorOf(pool, 'GetUser', { AccessToken: t3.AccessToken })).message, 'Access Token has expired')
  assert.equal((await refresh(t3.RefreshToken)).status, 200)
  assert.equal((await errorOf(pool, 'GetUser', { AccessToken: 'not.a.token' })).message, 'Invalid Access Token')
  assert.equal((await refresh('garbage')).body.message, 'Invalid Refresh Token')
  clock.advance(31 * 86400_000)
  assert.equal((await refresh(t3.RefreshToken)).body.message, 'Refresh Token has expired')
})

test('GetTokensFromRefreshToken rotates when the client enables it; reuse after the grace period fails', async () => {
  const clock = manualClock(Date.now())
  const pool = createLocalPool({
    shareKeys: true, users: [alice], clock: clock.now,
    clients: [{ refreshTokenRotation: { enabled: true, retryGracePeriodSeconds: 10 } }, { clientId: 'plainclient', clientSecret: 'sek0123456789abcdefghijklmnop' }],
  })
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const r1 = await ok(pool, 'GetTokensFromRefreshToken', { RefreshToken: t.RefreshToken, ClientId: pool.clientId })
  assert.ok(r1.AuthenticationResult.RefreshToken && r1.AuthenticationResult.RefreshToken !== t.RefreshToken)
  clock.advance(11_000)
  assert.equal((await errorOf(pool, 'GetTokensFromRefreshToken', { RefreshToken: t.RefreshToken, ClientId: pool.clientId })).type, 'RefreshTokenReuseException')
  assert.equal((await call(pool, 'GetTokensFromRefreshToken', { RefreshToken: r1.AuthenticationResult.RefreshToken, ClientId: pool.clientId })).status, 200)
  const t2 = (await srpLogin(pool, 'alice', PW, { clientId: 'plainclient', secret: 'sek0123456789abcdefghijklmnop' })).body.AuthenticationResult
  assert.equal((await errorOf(pool, 'GetTokensFromRefreshToken', { RefreshToken: t2.RefreshToken, ClientId: 'plainclient', ClientSecret: 'wrong0123456789abcdefghijklmnop' })).type, 'NotAuthorizedException')
  const r2 = await ok(pool, 'GetTokensFromRefreshToken', { RefreshToken: t2.RefreshToken, ClientId: 'plainclient', ClientSecret: 'sek0123456789abcdefghijklmnop' })
  assert.equal(r2.AuthenticationResult.RefreshToken, undefined, 'no rotation: no new refresh token')
})

test('TOTP MFA: associate, verify (real RFC 6238), prefer, then sign in with the code; wrong and replayed codes fail', async () => {
  const clock = manualClock(Date.now())
  const pool = createLocalPool({ shareKeys: true, users: [alice], clock: clock.now })
  const t = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult
  const { SecretCode } = await ok(pool, 'AssociateSoftwareToken', { AccessToken: t.AccessToken })
  assert.match(SecretCode, /^[A-Z2-7]{52}$/)
  assert.equal((await errorOf(pool, 'VerifySoftwareToken', { AccessToken: t.AccessToken, UserCode: '000000' === (await totp(SecretCode, clock.now())) ? '111111' : '000000' })).type, 'EnableSoftwareTokenMFAException')
  assert.equal((await errorOf(pool, 'SetUserMFAPreference', { AccessToken: t.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })).type, 'InvalidParameterException')
  assert.deepEqual(await ok(pool, 'VerifySoftwareToken', { AccessToken: t.AccessToken, UserCode: await totp(SecretCode, clock.now()), FriendlyDeviceName: 'phone' }), { Status: 'SUCCESS' })
  await ok(pool, 'SetUserMFAPreference', { AccessToken: t.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })
  assert.deepEqual((await ok(pool, 'GetUser', { AccessToken: t.AccessToken })).UserMFASettingList, ['SOFTWARE_TOKEN_MFA'])
  clock.advance(30_000)
  const ch = await srpLogin(pool, 'alice', PW)
  assert.equal(ch.body.ChallengeName, 'SOFTWARE_TOKEN_MFA')
  assert.equal(ch.body.ChallengeParameters.USER_ID_FOR_SRP, 'alice')
  const answer = (code: string) => call(pool, 'RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: pool.clientId, Session: ch.body.Session, ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code } })
  const right = await totp(SecretCode, clock.now())
  const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
  const w = await answer(wrong)
  assert.equal(w.body.__type, 'CodeMismatchException')
  assert.equal(w.body.message, 'Invalid code or auth state for the user.')
  const good = await answer(right)
  assert.ok(good.body.AuthenticationResult.AccessToken)
  // the same code cannot be used twice
  const again = await srpLogin(pool, 'alice', PW)
  const replay = await call(pool, 'RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: pool.clientId, Session: again.body.Session, ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: right } })
  assert.equal(replay.body.__type, 'CodeMismatchException')
  assert.equal(await pool.totpCode('alice'), right)
})

test('MFA_SETUP when the pool requires MFA: AssociateSoftwareToken and VerifySoftwareToken with the Session', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice], mfa: 'ON' })
  const ch = await srpLogin(pool, 'alice', PW)
  assert.equal(ch.body.ChallengeName, 'MFA_SETUP')
  const assoc = await ok(pool, 'AssociateSoftwareToken', { Session: ch.body.Session })
  assert.equal((await errorOf(pool, 'RespondToAuthChallenge', { ChallengeName: 'MFA_SETUP', ClientId: pool.clientId, Session: assoc.Session, ChallengeResponses: { USERNAME: 'alice' } })).type, 'NotAuthorizedException')
  const v = await ok(pool, 'VerifySoftwareToken', { Session: assoc.Session, UserCode: await totp(assoc.SecretCode, pool.now()) })
  assert.equal(v.Status, 'SUCCESS')
  const done = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'MFA_SETUP', ClientId: pool.clientId, Session: v.Session, ChallengeResponses: { USERNAME: 'alice' } })
  assert.ok(done.AuthenticationResult.IdToken)
  assert.deepEqual(pool.user('alice')!.mfa, ['SOFTWARE_TOKEN_MFA'])
})

test('MFA_SETUP through a second app client, updated mid-flow: the Session alone finds its flow', async () => {
  const credentials = { accessKeyId: 'AKIDMFA', secretAccessKey: 'mfa-secret' }
  const pool = createLocalPool({ shareKeys: true, users: [alice], mfa: 'ON', credentials, clients: [{}, { clientId: 'secondclient00000000000000' }] })
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials, fetch: pool.fetch })
  const ch = await srpLogin(pool, 'alice', PW, { clientId: 'secondclient00000000000000' })
  assert.equal(ch.body.ChallengeName, 'MFA_SETUP')
  await admin.send('UpdateUserPoolClient', { UserPoolId: pool.poolId, ClientId: 'secondclient00000000000000', ClientName: 'renamed' })
  const assoc = await ok(pool, 'AssociateSoftwareToken', { Session: ch.body.Session })
  const v = await ok(pool, 'VerifySoftwareToken', { Session: assoc.Session, UserCode: await totp(assoc.SecretCode, pool.now()) })
  assert.equal(v.Status, 'SUCCESS')
  const done = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'MFA_SETUP', ClientId: 'secondclient00000000000000', Session: v.Session, ChallengeResponses: { USERNAME: 'alice' } })
  assert.ok(done.AuthenticationResult.IdToken)
})

test('SMS and email MFA, SELECT_MFA_TYPE, and codes read from the pool outbox', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ ...alice, attributes: { email: 'alice@example.com', phone_number: '+15555550100' }, mfa: ['SMS_MFA', 'EMAIL_OTP'] }] })
  const ch = await srpLogin(pool, 'alice', PW)
  assert.equal(ch.body.ChallengeName, 'SELECT_MFA_TYPE')
  assert.deepEqual(JSON.parse(ch.body.ChallengeParameters.MFAS_CAN_CHOOSE), ['SMS_MFA', 'EMAIL_OTP'])
  const sms = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_MFA_TYPE', ClientId: pool.clientId, Session: ch.body.Session, ChallengeResponses: { USERNAME: 'alice', ANSWER: 'SMS_MFA' } })
  assert.equal(sms.ChallengeName, 'SMS_MFA')
  assert.equal(sms.ChallengeParameters.CODE_DELIVERY_DESTINATION, '+*******0100')
  const code = pool.lastCode('alice', 'MFA')!
  assert.equal(pool.messages.at(-1)!.medium, 'SMS')
  const done = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'SMS_MFA', ClientId: pool.clientId, Session: sms.Session, ChallengeResponses: { USERNAME: 'alice', SMS_MFA_CODE: code } })
  assert.ok(done.AuthenticationResult)
  pool.setMfa('alice', { preferred: 'EMAIL_OTP' })
  const em = await srpLogin(pool, 'alice', PW)
  assert.equal(em.body.ChallengeName, 'EMAIL_OTP')
  const ok2 = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: pool.clientId, Session: em.body.Session, ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: pool.lastCode('alice')! } })
  assert.ok(ok2.AuthenticationResult)
})

test('NEW_PASSWORD_REQUIRED for a user with a temporary password, with the policy enforced', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ ...alice, status: 'FORCE_CHANGE_PASSWORD', password: 'temp' }] })
  const user = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch })
  await assert.rejects(user.authenticate('temp'), (e: any) => e.challengeName === 'NEW_PASSWORD_REQUIRED')
  const p = user.pendingChallenge!
  assert.equal(p.parameters['requiredAttributes'], '[]')
  assert.equal(JSON.parse(p.parameters['userAttributes']!).email, 'alice@example.com')
  const answer = (pw: string) => call(pool, 'RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: pool.clientId, Session: p.session, ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: pw, 'userAttributes.name': 'Alice' } })
  const weak = await answer('short')
  assert.equal(weak.body.__type, 'InvalidPasswordException')
  assert.equal(weak.body.message, 'Password did not conform with policy: Password not long enough')
  assert.equal(pool.user('alice')!.status, 'FORCE_CHANGE_PASSWORD')
  const good = await answer(PW)
  assert.ok(good.body.AuthenticationResult.AccessToken)
  assert.equal(pool.user('alice')!.status, 'CONFIRMED')
  assert.equal(pool.user('alice')!.attributes['name'], 'Alice')
  assert.equal((await errorOf(pool, 'RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: pool.clientId, Session: p.session, ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: PW } })).message, 'Invalid session for the user.')
})

test('device tracking: NewDeviceMetadata, ConfirmDevice, DEVICE_SRP_AUTH verified, device_key claim, refresh needs DEVICE_KEY', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ ...alice, totpSecret: 'JBSWY3DPEHPK3PXP' }], deviceTracking: true })
  // first sign-in: TOTP, then a new device
  const ch = await srpLogin(pool, 'alice', PW)
  const first = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: pool.clientId, Session: ch.body.Session, ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: await pool.totpCode('alice') } })
  const { DeviceKey, DeviceGroupKey } = first.AuthenticationResult.NewDeviceMetadata
  assert.match(DeviceKey, /^us-east-1_[0-9a-f-]{36}$/)
  assert.equal(jwtPart(first.AuthenticationResult.AccessToken).device_key, DeviceKey)
  const dev = await createDeviceVerifier(DeviceGroupKey, DeviceKey)
  const conf = await ok(pool, 'ConfirmDevice', { AccessToken: first.AuthenticationResult.AccessToken, DeviceKey, DeviceName: 'laptop', DeviceSecretVerifierConfig: { PasswordVerifier: dev.passwordVerifier, Salt: dev.salt } })
  assert.equal(conf.UserConfirmationNecessary, false)
  // an unknown device key is reported without using the SECRET_BLOCK up
  const s = await srpStart(pool, 'alice')
  assert.equal((await errorOf(pool, 'RespondToAuthChallenge', await s.answer(PW, { DEVICE_KEY: 'us-east-1_nope' }))).type, 'ResourceNotFoundException')
  const pv = await call(pool, 'RespondToAuthChallenge', await s.answer(PW, { DEVICE_KEY: DeviceKey }))
  assert.equal(pv.body.ChallengeName, 'DEVICE_SRP_AUTH')
  const deviceLogin = async (devicePassword: string) => {
    const a = generatePrivateValue()
    const A = calculateA(a)
    const d1 = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'DEVICE_SRP_AUTH', ClientId: pool.clientId, Session: pv.body.Session, ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, SRP_A: A.toString(16) } })
    assert.equal(d1.ChallengeName, 'DEVICE_PASSWORD_VERIFIER')
    const cp = d1.ChallengeParameters
    const { signature, timestamp } = await passwordVerifier({ a, A, srpB: cp.SRP_B, salt: cp.SALT, secretBlock: cp.SECRET_BLOCK, prefix: DeviceGroupKey, id: DeviceKey, secret: devicePassword, date: new Date(pool.now()) })
    return call(pool, 'RespondToAuthChallenge', { ChallengeName: 'DEVICE_PASSWORD_VERIFIER', ClientId: pool.clientId, Session: d1.Session, ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, PASSWORD_CLAIM_SECRET_BLOCK: cp.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: signature, TIMESTAMP: timestamp } })
  }
  // remembered device: MFA skipped after device SRP; a wrong device password fails
  const done = await deviceLogin(dev.devicePassword)
  assert.equal(done.status, 200, JSON.stringify(done.body))
  const tokens = done.body.AuthenticationResult
  assert.equal(tokens.NewDeviceMetadata, undefined)
  assert.equal(jwtPart(tokens.AccessToken).device_key, DeviceKey)
  const pv2 = await srpLogin(pool, 'alice', PW, { deviceKey: DeviceKey })
  pv.body.Session = pv2.body.Session
  assert.equal((await deviceLogin('wrong-device-password')).body.__type, 'NotAuthorizedException')
  // refresh needs the device key
  const refresh = (extra: Record<string, string>) => call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, ...extra } })
  assert.equal((await refresh({})).body.message, 'Invalid Refresh Token')
  assert.equal((await refresh({ DEVICE_KEY: DeviceKey })).status, 200)
  // device APIs
  const list = await ok(pool, 'ListDevices', { AccessToken: tokens.AccessToken })
  assert.equal(list.Devices.length, 1)
  assert.ok(list.Devices[0].DeviceAttributes.some((x: any) => x.Name === 'device_name' && x.Value === 'laptop'))
  await ok(pool, 'UpdateDeviceStatus', { AccessToken: tokens.AccessToken, DeviceKey, DeviceRememberedStatus: 'not_remembered' })
  assert.ok((await ok(pool, 'GetDevice', { AccessToken: tokens.AccessToken, DeviceKey })).Device.DeviceAttributes.some((x: any) => x.Value === 'not_remembered'))
  await ok(pool, 'ForgetDevice', { AccessToken: tokens.AccessToken, DeviceKey })
  assert.equal((await errorOf(pool, 'GetDevice', { AccessToken: tokens.AccessToken, DeviceKey })).type, 'ResourceNotFoundException')
})

test('USER_AUTH: SELECT_CHALLENGE, EMAIL_OTP, PASSWORD and PASSWORD_SRP first factors', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const start = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  assert.equal(start.ChallengeName, 'SELECT_CHALLENGE')
  assert.deepEqual(start.AvailableChallenges, ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'])
  const otp = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: pool.clientId, Session: start.Session, ChallengeResponses: { USERNAME: 'alice', ANSWER: 'EMAIL_OTP' } })
  assert.equal(otp.ChallengeName, 'EMAIL_OTP')
  assert.equal(otp.ChallengeParameters.CODE_DELIVERY_DESTINATION, 'a***@e***')
  const wrong = await errorOf(pool, 'RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: pool.clientId, Session: otp.Session, ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: 'x' } })
  assert.equal(wrong.type, 'CodeMismatchException')
  const done = await ok(pool, 'RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: pool.clientId, Session: otp.Session, ChallengeResponses: { USERNAME: 'alice', EMAIL_OTP_CODE: pool.lastCode('alice', 'OTP')! } })
  assert.ok(done.AuthenticationResult)
  const pw = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: PW } })
  assert.ok(pw.AuthenticationResult)
  const a = generatePrivateValue()
  const srp = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: calculateA(a).toString(16) } })
  assert.equal(srp.ChallengeName, 'PASSWORD_VERIFIER')
  const sel = await ok(pool, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  assert.equal((await errorOf(pool, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: pool.clientId, Session: sel.Session, ChallengeResponses: { USERNAME: 'alice', ANSWER: 'SMS_OTP' } })).type, 'InvalidParameterException')
})

test('CUSTOM_AUTH with a pluggable challenge function', async () => {
  const pool = createLocalPool({
    shareKeys: true,
    users: [alice],
    customAuth: ({ results }) =>
      results.at(-1) === true ? { issueTokens: true } : results.length >= 2 ? { failAuthentication: true } : { challenge: { parameters: { question: '6 x 7?' }, answer: '42' } },
  })
  const start = async () => ok(pool, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })
  const answer = (session: string, a: string) => call(pool, 'RespondToAuthChallenge', { ChallengeName: 'CUSTOM_CHALLENGE', ClientId: pool.clientId, Session: session, ChallengeResponses: { USERNAME: 'alice', ANSWER: a } })
  const c1 = await start()
  assert.equal(c1.ChallengeParameters.question, '6 x 7?')
  const c2 = await answer(c1.Session, '41')
  assert.equal(c2.body.ChallengeName, 'CUSTOM_CHALLENGE')
  assert.equal((await answer(c2.body.Session, '40')).body.__type, 'NotAuthorizedException')
  const d1 = await start()
  assert.ok((await answer(d1.Session, '42')).body.AuthenticationResult)
  const none = createLocalPool({ shareKeys: true, users: [alice] })
  assert.equal((await errorOf(none, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: none.clientId, AuthParameters: { USERNAME: 'alice' } })).type, 'InvalidParameterException')
})

test('sessions expire with the pool clock', async () => {
  const clock = manualClock(Date.now())
  const pool = createLocalPool({ shareKeys: true, users: [{ ...alice, status: 'FORCE_CHANGE_PASSWORD' }], clock: clock.now })
  const ch = await srpLogin(pool, 'alice', PW)
  clock.advance(181_000)
  const e = await errorOf(pool, 'RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: pool.clientId, Session: ch.body.Session, ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: PW } })
  assert.equal(e.message, 'Invalid session for the user, session is expired.')
  assert.equal(pool.user('alice')!.status, 'FORCE_CHANGE_PASSWORD')
})

test('unsafe or malformed SRP_A values are refused before any challenge is stored', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const { N } = await import('../../src/srp.ts')
  for (const [srpA, expected] of [[N.toString(16), 'SRP_A mod N cannot be 0'], ['0', 'SRP_A mod N cannot be 0'], ['xyz', 'SRP_A is not a valid hex string']] as const) {
    const e = await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: srpA } })
    assert.deepEqual([e.type, e.message], ['InvalidParameterException', expected])
  }
  assert.equal((await errorOf(pool, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'alice' } })).message, 'Missing required parameter SRP_A')
})

test('a temporary password expires after the policy\'s validity; an admin can resend it', async () => {
  const clock = manualClock(Date.now())
  const pool = createLocalPool({ shareKeys: true, clock: clock.now, passwordPolicy: { temporaryPasswordValidityDays: 1 }, users: [{ ...alice, status: 'FORCE_CHANGE_PASSWORD', password: 'Temp-pass-1!' }] })
  clock.advance(2 * 86400_000)
  const e = await srpLogin(pool, 'alice', 'Temp-pass-1!')
  assert.equal(e.body.message, 'Temporary password has expired and must be reset by an administrator.')
  const resend = { UserPoolId: pool.poolId, Username: 'alice', MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] }
  const r = await call(pool, 'AdminCreateUser', resend, await signedFor(pool, 'AdminCreateUser', resend))
  assert.equal(r.status, 200)
  const temp = pool.lastCode('alice', 'Invitation')!
  assert.equal((await srpLogin(pool, 'alice', temp)).body.ChallengeName, 'NEW_PASSWORD_REQUIRED')
})

test('a user disabled between InitiateAuth and the SRP answer gets no tokens', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [alice] })
  const s = await srpStart(pool, 'alice')
  const disable = { UserPoolId: pool.poolId, Username: 'alice' }
  assert.equal((await call(pool, 'AdminDisableUser', disable, await signedFor(pool, 'AdminDisableUser', disable))).status, 200)
  const e = await errorOf(pool, 'RespondToAuthChallenge', await s.answer(PW))
  assert.deepEqual([e.type, e.message], ['NotAuthorizedException', 'User is disabled.'])
})

/**
 * The device, passkey and token functions, replayed from the recorded fixtures with every request
 * asserted: confirming a new device (its verifier checked independently), the device and passkey
 * operations, refreshing (SECRET_HASH, DEVICE_KEY, rotation, a revoked refresh token), revoking,
 * signing out everywhere, and the token helpers.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  authenticate,
  completeWebAuthnRegistration,
  confirmDevice,
  decodePayload,
  deleteWebAuthnCredential,
  forgetDevice,
  getDevice,
  isExpiring,
  listDevices,
  listWebAuthnCredentials,
  logout,
  NotAuthorizedException,
  rememberDevice,
  renewAccessToken,
  revokeToken,
  startWebAuthnRegistration,
} from '../../src/index.ts'
import { answerOf, clientFor, offlineClient, paramsSent, refused, secretHashOf, tokensFrom } from '../support/function-replay.ts'
import { checkSrp } from '../support/signin.ts'
import { makeVerifier } from '../support/srp-server.ts'
import { CLIENT, DEVICE_GROUP, DEVICE_KEY, NOW, PASSWORD, REFRESH, REFRESH2, SECRET, SUB, token, TYPED } from '../support/signin-data.ts'
import confirm from '../../fixtures/signin-device-confirm.json' with { type: 'json' }
import ops from '../../fixtures/signin-device-ops.json' with { type: 'json' }
import webauthn from '../../fixtures/signin-webauthn-registration.json' with { type: 'json' }
import refreshSecret from '../../fixtures/signin-refresh-secret.json' with { type: 'json' }
import refreshDevice from '../../fixtures/signin-refresh-device.json' with { type: 'json' }
import rotation from '../../fixtures/signin-refresh-rotation.json' with { type: 'json' }
import revoked from '../../fixtures/signin-refresh-revoked.json' with { type: 'json' }
import logoutFixture from '../../fixtures/signin-logout.json' with { type: 'json' }

const b64ToHex = (b64: string): string => Array.from(atob(b64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')
/** The AccessToken of every request sent. */
const tokensSent = (seen: Array<{ body: unknown }>): unknown[] => seen.map((s) => (s.body as { AccessToken?: string }).AccessToken)

test('confirmDevice after a sign-in that issued a new device: its verifier is an independent g^x of the returned password', async () => {
  const { client, done, seen } = clientFor(confirm)
  const { tokens } = await authenticate(client, { username: TYPED, password: PASSWORD })
  assert.ok(tokens)
  checkSrp(confirm, seen)
  assert.deepEqual(tokens.newDevice, { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP })
  const creds = await confirmDevice(client, tokens.accessToken, tokens.newDevice, { name: 'Test laptop' })
  assert.deepEqual(creds, { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP, devicePassword: creds.devicePassword, userConfirmationNecessary: true })
  assert.equal(atob(creds.devicePassword).length, 40)
  await rememberDevice(client, () => tokens.accessToken, creds.deviceKey)
  done()
  assert.deepEqual(tokensSent(seen.slice(2)), [tokens.accessToken, tokens.accessToken])
  const cfg = (seen[2]!.body as { DeviceSecretVerifierConfig: { PasswordVerifier: string; Salt: string } }).DeviceSecretVerifierConfig
  const { v } = makeVerifier(DEVICE_GROUP, DEVICE_KEY, creds.devicePassword, BigInt('0x' + b64ToHex(cfg.Salt)))
  assert.equal(BigInt('0x' + b64ToHex(cfg.PasswordVerifier)), v)
  assert.ok(!JSON.stringify(seen).includes(creds.devicePassword), 'the device password is never sent')
})

test('listDevices, getDevice, rememberDevice(false), forgetDevice with the access token', async () => {
  const { client, done, seen } = clientFor(ops)
  const access = token('access')
  assert.deepEqual(await listDevices(client, access, { limit: 10 }), answerOf(ops, 0))
  assert.deepEqual(await getDevice(client, access, DEVICE_KEY), (answerOf(ops, 1) as { Device: unknown }).Device)
  await refused(() => rememberDevice(client, access, DEVICE_KEY, 'yes' as never), '"remember"')
  assert.equal(await rememberDevice(client, access, DEVICE_KEY, false), undefined)
  assert.equal(await forgetDevice(client, async () => access, DEVICE_KEY), undefined)
  done()
  assert.deepEqual(tokensSent(seen), Array(4).fill(access))
})

test('passkeys: start and complete a registration, list them, delete one', async () => {
  const { client, done, seen } = clientFor(webauthn)
  const access = token('access')
  assert.deepEqual(await startWebAuthnRegistration(client, access), (answerOf(webauthn, 0) as { CredentialCreationOptions: unknown }).CredentialCreationOptions)
  await refused(() => completeWebAuthnRegistration(client, access, null as never), '"credential"')
  assert.equal(await completeWebAuthnRegistration(client, access, { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'o2M' } }), undefined)
  assert.deepEqual(await listWebAuthnCredentials(client, access, { maxResults: 5 }), answerOf(webauthn, 2))
  assert.equal(await deleteWebAuthnCredential(client, () => access, 'cred-1'), undefined)
  done()
  assert.deepEqual(tokensSent(seen), Array(4).fill(access))
})

test('renewAccessToken with a client secret: SECRET_HASH over the internal username; no refresh token comes back', async () => {
  const { client, done, seen } = clientFor(refreshSecret, { clientSecret: SECRET })
  await refused(() => renewAccessToken(client, REFRESH), '"username"')
  const r = await renewAccessToken(client, REFRESH, { username: SUB })
  done()
  assert.deepEqual(r, tokensFrom(answerOf(refreshSecret)))
  assert.equal(r.refreshToken, undefined, 'keep using the old one')
  assert.equal(paramsSent(seen[0])['SECRET_HASH'], await secretHashOf(SUB, CLIENT, SECRET))
})

test('renewAccessToken sends DEVICE_KEY for the device the tokens were issued to', async () => {
  const { client, done } = clientFor(refreshDevice)
  assert.deepEqual(await renewAccessToken(client, REFRESH, { deviceKey: DEVICE_KEY }), tokensFrom(answerOf(refreshDevice)))
  done()
})

test('renewAccessToken with rotation: GetTokensFromRefreshToken with the client secret itself; the rotated token comes back', async () => {
  const { client, done } = clientFor(rotation, { clientSecret: SECRET })
  const r = await renewAccessToken(client, REFRESH, { rotation: true, deviceKey: DEVICE_KEY })
  done()
  assert.deepEqual(r, tokensFrom(answerOf(rotation)))
  assert.equal(r.refreshToken, REFRESH2)
})

test('renewAccessToken with a revoked refresh token is NotAuthorizedException', async () => {
  const { client, done } = clientFor(revoked)
  await assert.rejects(renewAccessToken(client, REFRESH), (e: unknown) => e instanceof NotAuthorizedException && e.message === 'Refresh Token has been revoked')
  done()
})

test('logout (GlobalSignOut) with the access token; revokeToken on a refresh token', async () => {
  const { client, done, seen } = clientFor(logoutFixture)
  const access = token('access')
  assert.equal(await logout(client, access), undefined)
  assert.equal(await revokeToken(client, REFRESH), undefined)
  done()
  assert.deepEqual(tokensSent(seen), [access, undefined])
})

test('decodePayload reads a token\'s claims unverified; isExpiring applies exp, else expiresAt, with a margin', () => {
  const access = token('access')
  const claims = decodePayload(access)
  assert.equal(claims?.['username'], SUB)
  assert.equal(claims?.['exp'], NOW / 1000 + 3600)
  for (const junk of ['', 'a.b.c', 'x.' + btoa('[1]') + '.y', 'x.' + btoa('null') + '.y']) assert.equal(decodePayload(junk), undefined, junk)
  assert.equal(isExpiring(claims, undefined, NOW), false)
  assert.equal(isExpiring(claims, undefined, NOW, 3600), true, 'within the margin')
  assert.equal(isExpiring(claims, undefined, NOW + 3540_000), true, 'within the default 60 s')
  assert.equal(isExpiring(claims, undefined, NOW + 3539_000), false)
  assert.equal(isExpiring(claims, NOW, NOW + 1000), false, 'exp wins over expiresAt')
  assert.equal(isExpiring(undefined, NOW + 120_000, NOW), false)
  assert.equal(isExpiring(undefined, NOW + 30_000, NOW), true)
  assert.equal(isExpiring(undefined, undefined, NOW), false, 'an opaque token with no known expiry counts as valid')
  for (const margin of [-1, NaN, '60' as never, 3601]) assert.throws(() => isExpiring(claims, undefined, NOW, margin), /"margin" must be 0 to 3600 s/)
})

test('device, passkey and token arguments are refused before any request', async () => {
  const client = offlineClient()
  const t = token('access')
  await refused(() => confirmDevice(client, t, undefined as never), '"newDevice"')
  await refused(() => confirmDevice(client, t, { deviceKey: '', deviceGroupKey: DEVICE_GROUP }), '"newDevice.deviceKey"')
  await refused(() => confirmDevice(client, t, { deviceKey: DEVICE_KEY, deviceGroupKey: '' }), '"newDevice.deviceGroupKey"')
  await refused(() => confirmDevice(client, t, { deviceKey: DEVICE_KEY, deviceGroupKey: DEVICE_GROUP }, { name: '' }), '"name"')
  await refused(() => rememberDevice(client, t, ''), '"deviceKey"')
  await refused(() => forgetDevice(client, t, ''), '"deviceKey"')
  await refused(() => getDevice(client, t, ''), '"deviceKey"')
  await refused(() => listDevices(client, ''), '"accessToken"')
  await refused(() => deleteWebAuthnCredential(client, t, ''), '"credentialId"')
  await refused(() => startWebAuthnRegistration(client, () => undefined as never), '"accessToken"')
  await refused(() => renewAccessToken(client, ''), '"refreshToken"')
  await refused(() => revokeToken(client, ''), '"refreshToken"')
  await refused(() => logout(client, ''), '"accessToken"')
})

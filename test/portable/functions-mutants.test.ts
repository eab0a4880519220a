/**
 * Function-level behaviour no other test guarded, found by mutation testing (`scripts/mutate.mjs`):
 * a token getter runs only once the call's arguments are accepted (as `AccessToken` documents),
 * and an answer missing a required member is a ResponseError. A stand-in `fetch` answers.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as fx from '../../src/functions/index.ts'
import { ArgumentError, createClient, ResponseError } from '../../src/index.ts'

/** A client whose `fetch` records the operations sent and answers `answer` (JSON, status 200). */
function clientAnswering(answer: object) {
  const sent: string[] = []
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    sent.push(String(new Headers(init.headers).get('x-amz-target')).split('.')[1]!)
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }
  return { sent, client: createClient({ userPoolId: 'us-east-1_AbC123', clientId: 'client1', fetch, retry: false }) }
}

test('a token getter is called only after the call\'s arguments are accepted: null options are refused first, for every function that takes a token', async () => {
  const { client, sent } = clientAnswering({})
  const got: string[] = []
  // a getter that would refresh the token first: it must not run for a call that is refused anyway
  const T = (name: string) => (): string => (got.push(name), 'access-token')
  const none = null as never
  const calls: Array<[string, (t: () => string) => Promise<unknown>]> = [
    ['getUser', (t) => fx.getUser(client, t, none)],
    ['updateProfile', (t) => fx.updateProfile(client, t, { given_name: 'Alice' }, undefined, none)],
    ['deleteUserAttributes', (t) => fx.deleteUserAttributes(client, t, ['nickname'], undefined, none)],
    ['deleteUser', (t) => fx.deleteUser(client, t, none)],
    ['changePassword', (t) => fx.changePassword(client, t, 'Old-passw0rd!', 'N3w-passw0rd!', none)],
    ['sendVerification', (t) => fx.sendVerification(client, t, 'email', none)],
    ['validateVerification', (t) => fx.validateVerification(client, t, '123456', 'email', none)],
    ['associateSoftwareToken', (t) => fx.associateSoftwareToken(client, t, none)],
    ['verifySoftwareToken', (t) => fx.verifySoftwareToken(client, t, '123456', undefined, none)],
    ['setUserMfaPreference', (t) => fx.setUserMfaPreference(client, t, { softwareToken: true }, none)],
    ['confirmDevice', (t) => fx.confirmDevice(client, t, { deviceKey: 'us-east-1_k', deviceGroupKey: 'g' }, none)],
    ['rememberDevice', (t) => fx.rememberDevice(client, t, 'us-east-1_k', true, none)],
    ['forgetDevice', (t) => fx.forgetDevice(client, t, 'us-east-1_k', none)],
    ['getDevice', (t) => fx.getDevice(client, t, 'us-east-1_k', none)],
    ['listDevices', (t) => fx.listDevices(client, t, none)],
    ['startWebAuthnRegistration', (t) => fx.startWebAuthnRegistration(client, t, none)],
    ['completeWebAuthnRegistration', (t) => fx.completeWebAuthnRegistration(client, t, { id: 'cred-1' }, none)],
    ['listWebAuthnCredentials', (t) => fx.listWebAuthnCredentials(client, t, none)],
    ['deleteWebAuthnCredential', (t) => fx.deleteWebAuthnCredential(client, t, 'cred-1', none)],
    ['logout', (t) => fx.logout(client, t, none)],
  ]
  for (const [name, run] of calls) {
    await assert.rejects(run(T(name)), (e: unknown) => e instanceof ArgumentError && /"options"/.test(e.message), name)
  }
  assert.deepEqual(got, [])
  assert.deepEqual(sent, [])
})

test('an AssociateSoftwareToken answer without SecretCode is a ResponseError, not a setup with no secret', async () => {
  const { client } = clientAnswering({ Session: 'not-a-secret' })
  await assert.rejects(fx.associateSoftwareToken(client, 'access-token'), (e: unknown) => e instanceof ResponseError && /SecretCode/.test(e.message))
  const ok = clientAnswering({ SecretCode: 'JBSWY3DPEHPK3PXP' })
  assert.equal((await fx.associateSoftwareToken(ok.client, 'access-token', { label: 'alice' })).otpauthUri('Example'), 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example')
})

test('isExpiring: a token counts as expiring from exactly `margin` seconds before its expiry (claim or expiresAt)', () => {
  const exp = 1_800_000_000
  assert.equal(fx.isExpiring({ exp }, undefined, exp * 1000 - 60_001), false)
  assert.equal(fx.isExpiring({ exp }, undefined, exp * 1000 - 60_000), true)
  assert.equal(fx.isExpiring(undefined, exp * 1000, exp * 1000 - 30_001, 30), false)
  assert.equal(fx.isExpiring(undefined, exp * 1000, exp * 1000 - 30_000, 30), true)
  assert.equal(fx.isExpiring({ exp }, undefined, exp * 1000, 0), true, 'at expiry with no margin')
})

test('confirmDevice refuses a newDevice that is not an object with an ArgumentError naming it, before any request', async () => {
  const { client, sent } = clientAnswering({})
  for (const newDevice of [null, undefined, 'us-east-1_k']) {
    await assert.rejects(fx.confirmDevice(client, 'access-token', newDevice as never), (e: unknown) => e instanceof ArgumentError && /"newDevice"/.test(e.message), String(newDevice))
  }
  assert.deepEqual(sent, [])
})

/**
 * A `Cognito` method that needs the access token renews it first when it has expired. A caller's
 * `signal` must end that call's wait at once, also while the renewal is on its way (on a slow
 * network it may take a whole timeout per attempt): the shared renewal goes on for the others
 * and keeps its tokens when it succeeds, and the method's own operation is never sent. Before,
 * the signal was only looked at once the renewal had ended, so an aborted call stayed pending
 * for as long as the renewal took.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AbortError, Cognito } from '../../src/index.ts'
import { CLIENT, POOL } from '../support/signin-data.ts'

const CT = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r1' }
const b64 = (o: object): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
const jwt = (exp: number): string => `${b64({ alg: 'none' })}.${b64({ exp, username: 'alice', token_use: 'access' })}.c2ln`
const EXPIRED = jwt(Math.floor(Date.now() / 1000) - 3600)
const FRESH = jwt(Math.floor(Date.now() / 1000) + 3600)

/** Every class method that sends an access-token operation, as the app calls it with a signal. */
const METHODS: Array<[string, (u: Cognito, signal: AbortSignal) => Promise<unknown>]> = [
  ['getUser', (u, signal) => u.getUser({ signal })],
  ['updateProfile', (u, signal) => u.updateProfile({ given_name: 'Alice' }, undefined, { signal })],
  ['deleteUserAttributes', (u, signal) => u.deleteUserAttributes(['given_name'], undefined, { signal })],
  ['changePassword', (u, signal) => u.changePassword('Old-passw0rd!', 'N3w-passw0rd!', { signal })],
  ['sendVerification', (u, signal) => u.sendVerification('email', { signal })],
  ['validateVerification', (u, signal) => u.validateVerification('123456', 'email', { signal })],
  ['associateSoftwareToken', (u, signal) => u.associateSoftwareToken({ signal })],
  ['verifySoftwareToken', (u, signal) => u.verifySoftwareToken('123456', undefined, { signal })],
  ['setUserMfaPreference', (u, signal) => u.setUserMfaPreference({ softwareToken: true }, { signal })],
  ['listDevices', (u, signal) => u.listDevices({ signal })],
  ['getDevice', (u, signal) => u.getDevice('dk', { signal })],
  ['rememberDevice', (u, signal) => u.rememberDevice(true, 'dk', { signal })],
  ['forgetDevice', (u, signal) => u.forgetDevice('dk', { signal })],
  ['startWebAuthnRegistration', (u, signal) => u.startWebAuthnRegistration({ signal })],
  ['completeWebAuthnRegistration', (u, signal) => u.completeWebAuthnRegistration({ id: 'c' }, { signal })],
  ['listWebAuthnCredentials', (u, signal) => u.listWebAuthnCredentials({ signal })],
  ['deleteWebAuthnCredential', (u, signal) => u.deleteWebAuthnCredential('c', { signal })],
  ['deleteUser', (u, signal) => u.deleteUser({ signal })],
  ['logout', (u, signal) => u.logout({ signal })],
  ['call', (u, signal) => u.call('GetUser', {}, { signal })],
]

for (const [name, run] of METHODS) {
  test(`${name}: an abort while the expired token is being renewed ends the call at once; the renewal goes on and its tokens are kept`, async () => {
    const sent: string[] = []
    let release!: () => void
    const held = new Promise<void>((ok) => (release = ok))
    const fetch = (async (_u: string, init: RequestInit): Promise<Response> => {
      const op = new Headers(init.headers).get('x-amz-target')!.split('.')[1]!
      sent.push(op)
      if (op === 'InitiateAuth') {
        await held
        return new Response(JSON.stringify({ AuthenticationResult: { AccessToken: FRESH, IdToken: FRESH, ExpiresIn: 3600, TokenType: 'Bearer' } }), { headers: CT })
      }
      return new Response('{}', { headers: CT })
    }) as typeof globalThis.fetch
    const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, fetch, timeout: 0, accessToken: EXPIRED, refreshToken: 'refresh-token', username: 'alice' })
    const ctl = new AbortController()
    const call = run(user, ctl.signal)
    call.catch(() => {})
    while (!sent.includes('InitiateAuth')) await new Promise((r) => setTimeout(r, 1))
    ctl.abort(new Error('user left the page'))
    const settled = await Promise.race([call.then(() => 'resolved', (e: unknown) => e), new Promise((r) => setTimeout(() => r('still pending'), 200))])
    assert.ok(settled instanceof AbortError, `${name}: ${String(settled)}`)
    release()
    await new Promise((r) => setTimeout(r, 20))
    assert.deepEqual(sent, ['InitiateAuth'], `${name}: its own operation is never sent`)
    assert.equal(user.accessToken, FRESH, 'the shared renewal finished and its tokens are kept')
    assert.equal(user.refreshToken, 'refresh-token')
  })
}

/**
 * Cross-check with a client nobody here wrote: amazon-cognito-identity-js 6.3.21 (AWS's own
 * SRP client, used by Amplify v5) signs in over real HTTP to the local pool served by listen(),
 * through NEW_PASSWORD_REQUIRED, TOTP set-up and sign-in, device confirmation and device SRP,
 * change password and refresh; a wrong password fails. Then our own Cognito class does the same
 * over HTTP. Node only (sockets). Node 20 already has the globals acij needs (`fetch`, used by its
 * isomorphic-unfetch, and `crypto.getRandomValues` for its SRP `a`): nothing is polyfilled.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import acij from 'amazon-cognito-identity-js'
import { Cognito, NotAuthorizedException } from '../src/index.ts'
import { createVerifier } from '../src/jwt.ts'
import { createLocalPool, totp, type LocalPool } from '../src/local/index.ts'
import { listen, type LocalServer } from '../src/local/server.ts'

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = acij as unknown as typeof import('amazon-cognito-identity-js')

let pool: LocalPool
let server: LocalServer

before(async () => {
  pool = createLocalPool({
    poolId: 'us-east-1_Interop1',
    shareKeys: true,
    deviceTracking: true,
    users: [
      { username: 'ana', password: 'Temp-pass-1!', status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'ana@example.com' } },
      { username: 'ben', password: 'Temp-pass-2!', status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'ben@example.com' } },
    ],
  })
  server = await listen(pool, { port: 0 })
})
after(() => server.close())

/** Promisified acij callbacks. */
function acijLogin(user: InstanceType<typeof CognitoUser>, username: string, password: string, answers: { newPassword?: string; totp?: () => Promise<string> } = {}) {
  return new Promise<{ session: any; challenges: string[] }>((resolve, reject) => {
    const challenges: string[] = []
    const cb: any = {
      onSuccess: (session: any) => resolve({ session, challenges }),
      onFailure: reject,
      newPasswordRequired() {
        challenges.push('NEW_PASSWORD_REQUIRED')
        user.completeNewPasswordChallenge(answers.newPassword!, {}, cb)
      },
      totpRequired() {
        challenges.push('SOFTWARE_TOKEN_MFA')
        answers.totp!().then((code) => user.sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA'), reject)
      },
      mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
      mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
    }
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), cb)
  })
}

const cbPromise = <T>(fn: (cb: (err: any, v: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, v) => (err ? reject(err) : resolve(v))))

test('amazon-cognito-identity-js: SRP, NEW_PASSWORD_REQUIRED, TOTP, device confirm + device SRP, change password, refresh, wrong password', async () => {
  const userPool = new CognitoUserPool({ UserPoolId: pool.poolId, ClientId: pool.clientId, endpoint: server.url })
  const storage = (userPool as any).storage
  const newUser = () => new CognitoUser({ Username: 'ana', Pool: userPool, Storage: storage })
  let user = newUser()

  // 1. SRP with the temporary password, answer NEW_PASSWORD_REQUIRED; acij then confirms the new device itself
  const first = await acijLogin(user, 'ana', 'Temp-pass-1!', { newPassword: 'Ana-new-pass-1!' })
  assert.deepEqual(first.challenges, ['NEW_PASSWORD_REQUIRED'])
  assert.equal(first.session.getIdToken().decodePayload()['cognito:username'], 'ana')
  const devices = pool.user('ana')!.devices.filter((d) => d.confirmed)
  assert.equal(devices.length, 1, 'acij confirmed its device with a verifier the pool stored')
  const deviceKey = devices[0]!.deviceKey

  // 2. TOTP set-up through acij
  const secret = await new Promise<string>((resolve, reject) => user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }))
  await new Promise((resolve, reject) => user.verifySoftwareToken('12345', 'phone', { onSuccess: resolve, onFailure: reject })).then(
    () => assert.fail('an empty code must be refused'),
    (e) => assert.equal(e.code, 'InvalidParameterException'),
  )
  const code0 = await totp(secret, pool.now())
  await new Promise((resolve, reject) => user.verifySoftwareToken(code0, 'phone', { onSuccess: resolve, onFailure: reject }))
  await cbPromise<string>((cb) => user.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, cb as any))

  // 3. the device is not remembered: SRP, then TOTP, then DEVICE_SRP_AUTH answered by acij from its stored device secret
  await cbPromise((cb) => user.setDeviceStatusNotRemembered({ onSuccess: (v: any) => cb(null, v), onFailure: (e: any) => cb(e, undefined) }))
  user = newUser()
  const before = pool.calls.length
  const second = await acijLogin(user, 'ana', 'Ana-new-pass-1!', { totp: () => totp(secret, pool.now() + 30_000) })
  assert.deepEqual(second.challenges, ['SOFTWARE_TOKEN_MFA'])
  const ops = pool.calls.slice(before).map((c) => c.operation)
  assert.deepEqual(ops, ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge', 'RespondToAuthChallenge', 'RespondToAuthChallenge'])
  assert.equal(second.session.getAccessToken().decodePayload().device_key, deviceKey)

  // 4. change password, then refresh (acij sends DEVICE_KEY)
  await cbPromise((cb) => user.changePassword('Ana-new-pass-1!', 'Ana-newer-pass-2!', cb))
  const refreshed = await cbPromise<any>((cb) => user.refreshSession(second.session.getRefreshToken(), cb))
  assert.notEqual(refreshed.getAccessToken().getJwtToken(), second.session.getAccessToken().getJwtToken())
  assert.equal(refreshed.getAccessToken().decodePayload().origin_jti, second.session.getAccessToken().decodePayload().origin_jti)

  // 5. a wrong password fails
  await assert.rejects(acijLogin(newUser(), 'ana', 'Ana-new-pass-1!'), (e: any) => e.code === 'NotAuthorizedException' && e.message === 'Incorrect username or password.')
})

test('our Cognito class over HTTP: the same flows through its public methods, and a wrong password fails', async () => {
  const verifier = createVerifier({ userPoolId: pool.poolId, clientId: pool.clientId, tokenUse: null, endpoint: server.url })
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: server.url, username: 'ben', verifier }
  const ben = new Cognito(opts)
  // SRP with the temporary password, then NEW_PASSWORD_REQUIRED
  const r1 = await ben.newPasswordChallenge('Temp-pass-2!', 'Ben-new-pass-1!')
  assert.ok(r1.newDevice)
  // TOTP set-up
  const { secretCode } = await ben.associateSoftwareToken()
  assert.equal(await ben.verifySoftwareToken(await totp(secretCode, pool.now())), true)
  await ben.setUserMfaPreference({ softwareToken: true, preferred: 'SOFTWARE_TOKEN' })
  // confirm the device, but do not remember it: the next sign-in needs TOTP, then device SRP
  const device = await ben.confirmDevice({ name: 'interop', remember: false })
  await ben.rememberDevice(false)
  await assert.rejects(ben.authenticate('Ben-new-pass-1!'), (e: any) => e.challengeName === 'SOFTWARE_TOKEN_MFA')
  const before = pool.calls.length
  const r2 = await ben.respondToSoftwareTokenMfaChallenge(await totp(secretCode, pool.now() + 30_000))
  assert.deepEqual(pool.calls.slice(before).map((c) => c.operation), ['RespondToAuthChallenge', 'RespondToAuthChallenge', 'RespondToAuthChallenge'], 'TOTP, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER')
  assert.equal(JSON.parse(Buffer.from(r2.accessToken.split('.')[1]!, 'base64url').toString()).device_key, device.deviceKey)
  // tokens verify against the JWKS served over HTTP
  const { id } = await ben.verifyTokens()
  assert.equal(id['cognito:username'], 'ben')
  // change password, refresh (with DEVICE_KEY)
  await ben.changePassword('Ben-new-pass-1!', 'Ben-newer-pass-2!')
  const refreshed = await ben.renewAccessToken()
  assert.notEqual(refreshed.accessToken, r2.accessToken)
  // wrong password
  await assert.rejects(new Cognito(opts).authenticate('Ben-new-pass-1!'), NotAuthorizedException)
  // remembered now (MFA skipped): the right device password signs in, a wrong one fails the device proof
  await ben.rememberDevice(true)
  const again = new Cognito({ ...opts, ...device })
  await again.authenticate('Ben-newer-pass-2!')
  const forged = new Cognito({ ...opts, ...device, devicePassword: 'AAAA' + device.devicePassword.slice(4) })
  await assert.rejects(forged.authenticate('Ben-newer-pass-2!'), NotAuthorizedException)
  assert.equal(forged.accessToken, undefined)
})

test('listen(): a request Node cannot map to a fetch Request gets a 400 and the server keeps serving; 413 is a Cognito-shaped error', async () => {
  const { request } = await import('node:http')
  const url = new URL(server.url)
  const raw = (headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const r = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers }, (res) => {
        let b = ''
        res.on('data', (c) => (b += c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: b }))
      })
      r.on('error', reject)
      r.end(body)
    })
  const bad = await raw({ host: 'a b', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' }, '{}')
  assert.equal(bad.status, 400)
  const big = await raw({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' }, 'x'.repeat(4 * 1024 * 1024 + 1))
  assert.equal(big.status, 413)
  assert.equal(JSON.parse(big.body).__type, 'RequestEntityTooLargeException')
  assert.ok(big.headers['x-amzn-requestid'] && big.headers['access-control-allow-origin'])
  // still serving
  const jwks = await fetch(`${server.url}${pool.poolId}/.well-known/jwks.json`)
  assert.equal(jwks.status, 200)
})

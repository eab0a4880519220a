/**
 * Cross-check with a client nobody here wrote: amazon-cognito-identity-js 6.3.21 (AWS's own
 * SRP client, used by Amplify v5) signs in over real HTTP to the local pool served by listen(),
 * through NEW_PASSWORD_REQUIRED, TOTP set-up and sign-in, device confirmation and device SRP,
 * change password and refresh; a wrong password fails. Then our own Cognito class does the same
 * over HTTP. Node only (sockets).
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import acij from 'amazon-cognito-identity-js'
import { Cognito, NotAuthorizedException, type AuthResult } from '../src/index.ts'
import { createLocalPool, totp, type LocalPool } from '../src/local/index.ts'
import { listen, type LocalServer } from '../src/local/server.ts'
import { calculateA, createDeviceVerifier, generatePrivateValue, passwordVerifier } from '../src/srp.ts'

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

/** Our Cognito class with a small helper to answer the pending challenge (the continuation methods live in other modules). */
class Client extends Cognito {
  async answer(responses: Record<string, string>): Promise<AuthResult> {
    const p = this.pendingChallenge!
    const resp = await this.respondToAuthChallenge({ ChallengeName: p.name, Session: p.session, ChallengeResponses: { USERNAME: p.username, ...responses } })
    return this.handleAuthResponse(resp, p.username)
  }
  raw(op: string, input: Record<string, unknown>): Promise<Record<string, any>> {
    return this.request(op, input)
  }
}

test('our Cognito class over HTTP: the same flows, and a wrong password fails', async () => {
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: server.url, username: 'ben' }
  const ben = new Client(opts)
  await assert.rejects(ben.authenticate('Temp-pass-2!'), (e: any) => e.challengeName === 'NEW_PASSWORD_REQUIRED')
  const r1 = await ben.answer({ NEW_PASSWORD: 'Ben-new-pass-1!' })
  assert.ok(r1.newDevice)
  // TOTP
  const { SecretCode } = await ben.raw('AssociateSoftwareToken', { AccessToken: ben.accessToken })
  await ben.raw('VerifySoftwareToken', { AccessToken: ben.accessToken, UserCode: await totp(SecretCode, pool.now()) })
  await ben.raw('SetUserMFAPreference', { AccessToken: ben.accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })
  // confirm the device
  const dev = await createDeviceVerifier(r1.newDevice!.deviceGroupKey, r1.newDevice!.deviceKey)
  await ben.raw('ConfirmDevice', { AccessToken: ben.accessToken, DeviceKey: r1.newDevice!.deviceKey, DeviceName: 'test', DeviceSecretVerifierConfig: { PasswordVerifier: dev.passwordVerifier, Salt: dev.salt } })
  // sign in with TOTP (the library's authenticate sends no DEVICE_KEY: a new device is offered)
  await assert.rejects(ben.authenticate('Ben-new-pass-1!'), (e: any) => e.challengeName === 'SOFTWARE_TOKEN_MFA')
  const r2 = await ben.answer({ SOFTWARE_TOKEN_MFA_CODE: await totp(SecretCode, pool.now() + 30_000) })
  assert.ok(r2.accessToken)
  // use the confirmed device: DEVICE_SRP_AUTH after the remembered-device password step
  const a = generatePrivateValue()
  const A = calculateA(a)
  const init = await ben.raw('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'ben', SRP_A: A.toString(16), DEVICE_KEY: r1.newDevice!.deviceKey } })
  const cp = init['ChallengeParameters']
  const p1 = await passwordVerifier({ a, A, srpB: cp.SRP_B, salt: cp.SALT, secretBlock: cp.SECRET_BLOCK, prefix: 'Interop1', id: cp.USER_ID_FOR_SRP, secret: 'Ben-new-pass-1!' })
  const d1 = await ben.raw('RespondToAuthChallenge', { ClientId: pool.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: 'ben', PASSWORD_CLAIM_SECRET_BLOCK: cp.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: p1.signature, TIMESTAMP: p1.timestamp, DEVICE_KEY: r1.newDevice!.deviceKey } })
  assert.equal(d1['ChallengeName'], 'DEVICE_SRP_AUTH')
  const a2 = generatePrivateValue()
  const A2 = calculateA(a2)
  const d2 = await ben.raw('RespondToAuthChallenge', { ClientId: pool.clientId, ChallengeName: 'DEVICE_SRP_AUTH', Session: d1['Session'], ChallengeResponses: { USERNAME: 'ben', DEVICE_KEY: r1.newDevice!.deviceKey, SRP_A: A2.toString(16) } })
  const cp2 = d2['ChallengeParameters']
  const p2 = await passwordVerifier({ a: a2, A: A2, srpB: cp2.SRP_B, salt: cp2.SALT, secretBlock: cp2.SECRET_BLOCK, prefix: r1.newDevice!.deviceGroupKey, id: r1.newDevice!.deviceKey, secret: dev.devicePassword })
  const d3 = await ben.raw('RespondToAuthChallenge', { ClientId: pool.clientId, ChallengeName: 'DEVICE_PASSWORD_VERIFIER', Session: d2['Session'], ChallengeResponses: { USERNAME: 'ben', DEVICE_KEY: r1.newDevice!.deviceKey, PASSWORD_CLAIM_SECRET_BLOCK: cp2.SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE: p2.signature, TIMESTAMP: p2.timestamp } })
  const tokens = d3['AuthenticationResult']
  // change password and refresh (with the device key)
  await ben.raw('ChangePassword', { AccessToken: tokens.AccessToken, PreviousPassword: 'Ben-new-pass-1!', ProposedPassword: 'Ben-newer-pass-2!' })
  const refreshed = await ben.raw('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, DEVICE_KEY: r1.newDevice!.deviceKey } })
  assert.ok(refreshed['AuthenticationResult'].AccessToken)
  // wrong password
  await assert.rejects(new Client(opts).authenticate('Ben-new-pass-1!'), NotAuthorizedException)
  // the JWKS is served over HTTP too
  const jwks = (await (await fetch(`${server.url}${pool.poolId}/.well-known/jwks.json`)).json()) as { keys: unknown[] }
  assert.equal(jwks.keys.length, 2)
})

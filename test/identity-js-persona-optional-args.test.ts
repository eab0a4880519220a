/**
 * Optional arguments an app passes as `null`, compared side by side with the real
 * amazon-cognito-identity-js 6.3.21 against the local pool. acij puts a `null` argument in the
 * request as it is (`"ClientMetadata": null`, `"ForceAliasCreation": null`, `"Limit": null`), and
 * Cognito reads a JSON null as a member left out; JavaScript apps write `null` for "none" in a
 * trailing argument (`cognitoUser.sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA', null)`), so the
 * call must work the same with `cognito-edge/identity-js`. Node only (acij needs sockets).
 */
import { totp } from '../src/local/index.ts'
import { envOf, recorder, sideBySide, signIn } from './support/identity-js-side-by-side.ts'

const PW = 'Corr3ct-horse!'
const NEW_PW = 'N3w-horse!!'
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const shown = (err: any): string => (err ? `${err.code}: ${err.message}` : 'ok')

/** A Web Storage stand-in the scenario can look into. */
function mapStorage() {
  const m = new Map<string, string>()
  return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, String(v)), removeItem: (k: string) => void m.delete(k), clear: () => m.clear() }
}

sideBySide('clientMetadata passed as null is no metadata: every method that takes it works, as with acij', async (L) => {
  const env = await envOf({
    users: [
      { username: 'alice', password: PW, attributes: { email: 'alice@example.com' }, mfa: ['SOFTWARE_TOKEN_MFA'], totpSecret: TOTP_SECRET },
      { username: 'bob', password: PW, status: 'UNCONFIRMED', attributes: { email: 'bob@example.com' } },
      { username: 'carol', password: PW, status: 'FORCE_CHANGE_PASSWORD', attributes: { email: 'carol@example.com' } },
      { username: 'dave', password: PW, attributes: { email: 'dave@example.com' } },
    ],
    customAuth: ({ results }) => (results.at(-1) === true ? { issueTokens: true } : { challenge: { parameters: { question: '6 x 7?' }, answer: '42' } }),
  })
  const { console, after } = recorder()
  const Storage = mapStorage()
  const userPool = new L.CognitoUserPool({ ...env.poolData, Storage })
  const userOf = (Username: string) => new L.CognitoUser({ Username, Pool: userPool, Storage })
  // each step logs what the app would show, then the next one starts
  const step = (name: string, f: (done: (err: any, result?: any) => void) => void) =>
    new Promise<void>((resolve) => f((err, result) => (console.log(`${name}: ${shown(err)}${typeof result === 'string' ? ' ' + result : ''}`), resolve())))
  const handlers = (done: (err: any, result?: any) => void) => ({ onSuccess: (r: any) => done(null, typeof r === 'string' ? r : undefined), onFailure: (err: any) => done(err) })
  const calls = (op: string) => env.pool.calls.filter((c) => c.operation === op && !c.error).length

  await step('signUp', (done) => userPool.signUp('erin', PW, [new L.CognitoUserAttribute({ Name: 'email', Value: 'erin@example.com' })], null as any, done, null as any))
  const bob = userOf('bob')
  await step('resendConfirmationCode', (done) => bob.resendConfirmationCode(done, null as any))
  await step('confirmRegistration', (done) => bob.confirmRegistration(env.pool.lastCode('bob')!, true, done, null as any))
  const dave = userOf('dave')
  await step('forgotPassword', (done) => dave.forgotPassword(handlers(done), null as any))
  await step('confirmPassword', (done) => dave.confirmPassword(env.pool.lastCode('dave')!, NEW_PW, handlers(done), null as any))

  const alice = userOf('alice')
  await step('sendMFACode', (done) =>
    alice.authenticateUser(new L.AuthenticationDetails({ Username: 'alice', Password: PW }), {
      ...handlers(done),
      totpRequired() {
        env.tick()
        env.pool.totpCode('alice').then((code) => alice.sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA', null as any))
      },
    }),
  )
  const refreshes = calls('InitiateAuth')
  await step('refreshSession', (done) => alice.refreshSession(alice.getSignInUserSession()?.getRefreshToken() ?? new L.CognitoRefreshToken({ RefreshToken: '' }), done, null as any))
  // an expired session (the stored clock drift says so) is refreshed by getSession
  Storage.setItem(`CognitoIdentityServiceProvider.${env.poolData.ClientId}.alice.clockDrift`, '-7200')
  await step('getSession', (done) => (userPool.getCurrentUser() ?? alice).getSession(done, { clientMetadata: null as any }))
  await step('getUserData', (done) => alice.getUserData(() => alice.getUserData(done, { bypassCache: true, clientMetadata: null })))
  console.log(`refreshed ${calls('InitiateAuth') - refreshes} times`)
  await step('updateAttributes', (done) => alice.updateAttributes([new L.CognitoUserAttribute({ Name: 'nickname', Value: 'al' })], done, null as any))
  await step('getAttributeVerificationCode', (done) => alice.getAttributeVerificationCode('email', handlers(done), null as any))

  const carol = userOf('carol')
  await step('completeNewPasswordChallenge', (done) =>
    carol.authenticateUser(new L.AuthenticationDetails({ Username: 'carol', Password: PW }), {
      ...handlers(done),
      newPasswordRequired: () => carol.completeNewPasswordChallenge(NEW_PW, null, handlers(done), null as any),
    }),
  )
  const custom = userOf('dave')
  await step('sendCustomChallengeAnswer', (done) =>
    custom.initiateAuth(new L.AuthenticationDetails({ Username: 'dave' }), {
      ...handlers(done),
      customChallenge() {
        custom.sendCustomChallengeAnswer('42', this, null as any)
      },
    }),
  )
  return after(14)
})

sideBySide('confirmRegistration with forceAliasCreation null or left out confirms the user, as with acij', async (L) => {
  const env = await envOf({
    users: [
      { username: 'bob', password: PW, status: 'UNCONFIRMED', attributes: { email: 'bob@example.com' } },
      { username: 'erin', password: PW, status: 'UNCONFIRMED', attributes: { email: 'erin@example.com' } },
    ],
  })
  const { console, after } = recorder()
  const userPool = new L.CognitoUserPool(env.poolData)
  // an app with no alias to force: `null` for "no", or the argument left undefined
  for (const [Username, force] of [['bob', null], ['erin', undefined]] as const) {
    const cognitoUser = new L.CognitoUser({ Username, Pool: userPool })
    await new Promise<void>((resolve) => cognitoUser.resendConfirmationCode(() => resolve()))
    await new Promise<void>((resolve) =>
      cognitoUser.confirmRegistration(env.pool.lastCode(Username)!, force as any, (err, result) => {
        console.log(`${Username} (${force}): ${shown(err)} ${result}, status ${env.pool.user(Username)!.status}`)
        resolve()
      }),
    )
  }
  return after(2)
})

sideBySide('listDevices with a null limit (none) or an empty pagination token lists the devices, as with acij', async (L) => {
  const env = await envOf({ users: [{ username: 'alice', password: PW }], deviceTracking: true })
  const { console, after } = recorder()
  // two sign-ins, two remembered devices
  await signIn(L, env, 'alice', PW, mapStorage())
  const cognitoUser = await signIn(L, env, 'alice', PW, mapStorage())
  for (const [limit, token] of [[null, null], [null, ''], [undefined, undefined]] as const) {
    await new Promise<void>((resolve) =>
      cognitoUser.listDevices(limit as any, token as any, {
        onSuccess: (data: any) => (console.log(`${limit}, ${JSON.stringify(token)}: ${data.Devices.length} devices, more: ${'PaginationToken' in data}`), resolve()),
        onFailure: (err: any) => (console.log(`${limit}, ${JSON.stringify(token)}: ${shown(err)}`), resolve()),
      }),
    )
  }
  return after(3)
})

sideBySide('verifySoftwareToken with a null friendly device name finishes the MFA set-up of a sign-in, as with acij', async (L) => {
  const env = await envOf({ mfa: 'ON', users: [{ username: 'alice', password: PW }] })
  const { console, after } = recorder()
  const cognitoUser = new L.CognitoUser({ Username: 'alice', Pool: new L.CognitoUserPool(env.poolData) })
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'alice', Password: PW }), {
    onSuccess: (session: any) => console.log(`signed in: ${session.isValid()}, MFA ${env.pool.user('alice')!.mfa}`),
    onFailure: (err: any) => console.log(shown(err)),
    mfaSetup() {
      cognitoUser.associateSoftwareToken(this)
    },
    associateSecretCode(secretCode: string) {
      // the app asks for no device name
      totp(secretCode, env.pool.now()).then((code) => cognitoUser.verifySoftwareToken(code, null as any, this))
    },
  } as any)
  return after(1)
})

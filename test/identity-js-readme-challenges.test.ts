/**
 * amazon-cognito-identity-js's README use cases 9, 10, 18–23, 25 and 27–30 (legacy MFA, devices,
 * new password, custom auth, TOTP set-up, MFA selection, SMS and TOTP codes, MFA preferences,
 * USER_PASSWORD_AUTH), plus remembered-device sign-ins (device SRP, MFA skipped, also when the user
 * signs in with an email as username), written as that README writes them and run with the real
 * acij 6.3.21 and with `cognito-edge/identity-js` in the same run; see the harness. Node only.
 */
import { totp } from '../src/local/index.ts'
import { envOf, recorder, sideBySide, signIn, type Env, type Lib } from './support/identity-js-side-by-side.ts'

const PW = 'Corr3ct-horse!'
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const user = (extra = {}) => ({ username: 'username', password: PW, attributes: { email: 'email@mydomain.com', phone_number: '+15555555555' }, ...extra })

sideBySide('use cases 9 and 10: enableMFA / disableMFA (SetUserSettings; the local pool does not implement it, and says so)', async (L) => {
  const env = await envOf({ users: [user()] })
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  cognitoUser.enableMFA(function (err, result) {
    if (err) {
      alert(err.message || JSON.stringify(err))
      return
    }
    console.log('call result: ' + result)
  })
  cognitoUser.disableMFA(function (err, result) {
    if (err) {
      alert((err as any).code)
      return
    }
    console.log('call result: ' + result)
  })
  return (await after(2)).sort()
})

sideBySide('use cases 18–22: list devices, get this device, remember, do not remember, forget', async (L) => {
  const env = await envOf({ users: [user()], deviceTracking: true })
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  const onFailure = (err: any) => alert(err.message || JSON.stringify(err))
  cognitoUser.listDevices(10, null, {
    onSuccess: function (result) {
      console.log('call result: ' + result + ' ' + result.Devices.length + ' ' + result.Devices[0].DeviceKey)
      cognitoUser.getDevice({
        onSuccess: function (result: any) {
          console.log('call result: ' + result.Device.DeviceKey + ' ' + result.Device.DeviceAttributes.find((a: any) => a.Name === 'device_status').Value)
          cognitoUser.setDeviceStatusNotRemembered({
            onSuccess: function (result) {
              console.log('call result: ' + result + ' ' + env.pool.user('username')!.devices[0]!.remembered)
              cognitoUser.setDeviceStatusRemembered({
                onSuccess: function (result) {
                  console.log('call result: ' + result + ' ' + env.pool.user('username')!.devices[0]!.remembered)
                  cognitoUser.forgetDevice({
                    onSuccess: function (result) {
                      cognitoUser.getCachedDeviceKeyAndPassword()
                      console.log('call result: ' + result + ' ' + env.pool.user('username')!.devices.length + ' ' + (cognitoUser as any).deviceKey)
                    },
                    onFailure,
                  })
                },
                onFailure,
              })
            },
            onFailure,
          })
        },
        onFailure,
      })
    },
    onFailure,
  })
  return after(5)
}, (acij) => {
  // after forgetDevice acij's user keeps `deviceKey` null; here it is null too (same), nothing else differs
  return acij
})

/** Sign in with TOTP answered from the shared secret, recording which callbacks ran. */
function totpSignIn(L: Lib, env: Env, username: string, log: (s: string) => void): Promise<void> {
  const cognitoUser = new L.CognitoUser({ Username: username, Pool: new L.CognitoUserPool(env.poolData) })
  return new Promise((resolve) => {
    cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: username, Password: PW }), {
      onSuccess: (session, confirm) => (log('signed in as ' + session.getIdToken().decodePayload()['cognito:username'] + ', confirm ' + confirm), resolve()),
      onFailure: (err) => (log('failed: ' + err.message), resolve()),
      totpRequired: function () {
        log('totpRequired')
        env.tick()
        env.pool.totpCode(username).then((code) => cognitoUser.sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA'))
      },
    })
  })
}

sideBySide('remembered device: the next sign-in skips MFA with device SRP; a device Cognito forgot is dropped', async (L) => {
  const ops: string[] = []
  const env = await envOf({ users: [user({ mfa: ['SOFTWARE_TOKEN_MFA'], totpSecret: TOTP_SECRET })], deviceTracking: true, onCall: (c) => /Auth/.test(c.operation) && ops.push(String((c.request as any).ChallengeName ?? (c.request as any).AuthFlow)) })
  const { console, after } = recorder()
  await totpSignIn(L, env, 'username', console.log)
  console.log('first: ' + ops.splice(0).join(' '))
  await totpSignIn(L, env, 'username', console.log)
  console.log('second: ' + ops.splice(0).join(' '))
  // the device is forgotten at Cognito: the next sign-in goes on without it (MFA again, a new device)
  const key = env.pool.user('username')!.devices[0]!.deviceKey
  await new Promise<void>((resolve) => {
    const u = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
    u.getSession(() => u.forgetSpecificDevice(key, { onSuccess: () => resolve(), onFailure: () => resolve() }))
  })
  ops.length = 0
  await totpSignIn(L, env, 'username', console.log)
  console.log('third: ' + ops.splice(0).join(' '))
  // both answer PASSWORD_VERIFIER again in the same Session, without the device key
  return after(8)
})

sideBySide('remembered device when the user signs in with an email as username (stored under the internal name)', async (L) => {
  const ops: string[] = []
  const env = await envOf({ usernameAttributes: ['email'], users: [user({ username: 'email@mydomain.com', mfa: ['SOFTWARE_TOKEN_MFA'], totpSecret: TOTP_SECRET })], deviceTracking: true, onCall: (c) => c.operation === 'RespondToAuthChallenge' && ops.push(String((c.request as any).ChallengeName)) })
  const { console, after } = recorder()
  await totpSignIn(L, env, 'email@mydomain.com', console.log)
  const pool = new L.CognitoUserPool(env.poolData)
  console.log('first: ' + ops.splice(0).join(' ') + ', stored as ' + pool.getCurrentUser()!.getUsername())
  await totpSignIn(L, env, 'email@mydomain.com', console.log)
  console.log('second: ' + ops.splice(0).join(' '))
  return after(4)
})

sideBySide('use case 23: NEW_PASSWORD_REQUIRED for a user an admin created', async (L) => {
  const env = await envOf({ users: [user({ status: 'FORCE_CHANGE_PASSWORD' })] })
  const { alert, console, after } = recorder()
  var cognitoUser = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
  var sessionUserAttributes: any
  const callbacks = {
    onSuccess: function (result: any) {
      console.log('signed in, user ' + result.getIdToken().decodePayload()['cognito:username'] + ', status ' + env.pool.user('username')!.status)
    },
    onFailure: function (err: any) {
      alert(err.message)
    },
    mfaRequired: function () {
      alert('no MFA here')
    },
    newPasswordRequired: function (userAttributes: any, requiredAttributes: any) {
      console.log('new password required: ' + JSON.stringify(userAttributes) + ' ' + JSON.stringify(requiredAttributes))
      delete userAttributes.email_verified
      delete userAttributes.phone_number_verified
      sessionUserAttributes = userAttributes
      handleNewPassword('N3w-horse!!')
    },
  }
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), callbacks)
  function handleNewPassword(newPassword: string) {
    cognitoUser.completeNewPasswordChallenge(newPassword, sessionUserAttributes, callbacks)
  }
  return after(2)
})

sideBySide('use case 25: passwordless custom auth (initiateAuth, customChallenge, sendCustomChallengeAnswer with `this`)', async (L) => {
  const env = await envOf({
    users: [user()],
    customAuth: ({ results }) => (results.at(-1) === true ? { issueTokens: true } : results.length >= 2 ? { failAuthentication: true } : { challenge: { parameters: { question: 'the answer?' }, answer: 'challenge-answer' } }),
  })
  const { alert, console, after } = recorder()
  var cognitoUser = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
  var authenticationDetails = new L.AuthenticationDetails({ Username: 'username', ClientMetadata: { from: 'readme' } })
  let round = 0
  cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH')
  cognitoUser.initiateAuth(authenticationDetails, {
    onSuccess: function (result) {
      console.log('signed in: ' + result.isValid())
    },
    onFailure: function (err) {
      alert(err.message)
    },
    customChallenge: function (challengeParameters) {
      console.log('challenge ' + JSON.stringify(challengeParameters))
      // a wrong answer first: Cognito asks again
      var challengeResponses = round++ === 0 ? 'wrong' : 'challenge-answer'
      cognitoUser.sendCustomChallengeAnswer(challengeResponses, this)
    },
  })
  return after(3)
})

sideBySide('use case 27: MFA_SETUP (associateSoftwareToken, verifySoftwareToken), then SELECT_MFA_TYPE and TOTP, then SMS', async (L) => {
  const env = await envOf({ mfa: 'ON', users: [user(), user({ username: 'both', mfa: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'], totpSecret: TOTP_SECRET }), user({ username: 'sms', mfa: ['SMS_MFA'] })] })
  const { alert, console, after } = recorder()
  const secrets: Record<string, string> = { both: TOTP_SECRET }
  const prompt = async (what: string, username: string): Promise<string> => (what === 'sms' ? env.pool.lastCode(username, 'MFA')! : (env.tick(), totp(secrets[username]!, env.pool.now())))
  const run = (username: string, mfaType: string) => {
    var cognitoUser = new L.CognitoUser({ Username: username, Pool: new L.CognitoUserPool(env.poolData) })
    const callbacks: any = {
      onSuccess: function (result: any) {
        console.log(username + ' signed in: ' + result.isValid())
      },
      onFailure: function (err: any) {
        alert(err.message || JSON.stringify(err))
      },
      mfaSetup: function (challengeName: string, challengeParameters: any) {
        console.log('mfaSetup ' + challengeName + ' ' + JSON.stringify(challengeParameters))
        cognitoUser.associateSoftwareToken(this)
      },
      associateSecretCode: function (secretCode: string) {
        secrets[username] = secretCode
        prompt('totp', username).then((challengeAnswer) => cognitoUser.verifySoftwareToken(challengeAnswer, 'My TOTP device', this))
      },
      selectMFAType: function (challengeName: string, challengeParameters: any) {
        console.log('selectMFAType ' + challengeName + ' ' + challengeParameters.MFAS_CAN_CHOOSE)
        cognitoUser.sendMFASelectionAnswer(mfaType, this)
      },
      totpRequired: function (challengeName: string) {
        console.log('totpRequired ' + challengeName)
        prompt('totp', username).then((challengeAnswer) => cognitoUser.sendMFACode(challengeAnswer, this, 'SOFTWARE_TOKEN_MFA'))
      },
      mfaRequired: function (challengeName: string, challengeParameters: any) {
        console.log('mfaRequired ' + challengeName + ' ' + challengeParameters.CODE_DELIVERY_DELIVERY_MEDIUM)
        prompt('sms', username).then((verificationCode) => cognitoUser.sendMFACode(verificationCode, this))
      },
    }
    return new Promise<void>((resolve) => {
      const end = (f: (...a: any[]) => void) => (...a: any[]) => (f(...a), resolve())
      cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: username, Password: PW }), Object.assign(callbacks, { onSuccess: end(callbacks.onSuccess), onFailure: end(callbacks.onFailure) }))
    })
  }
  await run('username', '')
  await run('both', 'SOFTWARE_TOKEN_MFA')
  await run('both', 'SMS_MFA')
  await run('sms', '')
  return after(10)
})

sideBySide('use cases 28 and 29: SMS, then TOTP, as the preferred MFA', async (L) => {
  const env = await envOf({ users: [user({ mfa: ['SOFTWARE_TOKEN_MFA'], totpSecret: TOTP_SECRET })] })
  const { alert, console, after } = recorder()
  const cognitoUser = await new Promise<any>((resolve) => {
    const u = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
    u.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
      onSuccess: () => resolve(u),
      onFailure: (e) => (alert(e.message), resolve(u)),
      totpRequired() {
        env.pool.totpCode('username').then((code) => u.sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA'))
      },
    })
  })
  var smsMfaSettings = { PreferredMfa: true, Enabled: true }
  cognitoUser.setUserMfaPreference(smsMfaSettings, null, function (err: any, result: any) {
    if (err) {
      alert(err.message || JSON.stringify(err))
    }
    console.log('call result ' + result + ' ' + env.pool.user('username')!.preferredMfa + ' ' + env.pool.user('username')!.mfa)
    var totpMfaSettings = { PreferredMfa: true, Enabled: true }
    cognitoUser.setUserMfaPreference(null, totpMfaSettings, function (err: any, result: any) {
      if (err) {
        alert(err.message || JSON.stringify(err))
      }
      console.log('call result ' + result + ' ' + env.pool.user('username')!.preferredMfa + ' ' + env.pool.user('username')!.mfa)
    })
  })
  return after(2)
})

sideBySide('use case 30: USER_PASSWORD_AUTH with SMS MFA', async (L) => {
  const env = await envOf({ users: [user({ mfa: ['SMS_MFA'] })], clients: [{ explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }] })
  const { alert, console, after } = recorder()
  var cognitoUser = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
  cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH')
  const before = env.pool.calls.length
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
    onSuccess: function (result) {
      console.log('signed in: ' + result.isValid() + ' ' + env.pool.calls.slice(before).map((c) => c.operation).join(' '))
    },
    onFailure: function (err) {
      alert(err.message)
    },
    mfaRequired: function (codeDeliveryDetails) {
      console.log('mfaRequired ' + codeDeliveryDetails)
      var verificationCode = env.pool.lastCode('username', 'MFA')!
      cognitoUser.sendMFACode(verificationCode, this)
    },
  })
  // an unknown flow type fails before any request
  const other = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
  other.setAuthenticationFlowType('USER_AUTH')
  other.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), { onSuccess: () => alert('?'), onFailure: (err) => alert(err.message) })
  return (await after(3)).sort()
})


/**
 * amazon-cognito-identity-js's README use cases 1–8, 11–16, 24, 31 and 32 (registration,
 * sign-in, attributes, passwords, sessions, sign-out, user data, refresh), written as that README
 * writes them, run with the real acij 6.3.21 and with `cognito-edge/identity-js` in the same run
 * against local pools over HTTP; what each showed is compared (see the harness). The AWS SDK parts
 * of use cases 4, 16 and 32 (Cognito Identity credentials) are left out: identity pools are out
 * of scope for both packages' user-pool API. Node only.
 */
import assert from 'node:assert/strict'
import { envOf, recorder, sideBySide, signIn } from './support/identity-js-side-by-side.ts'

const PW = 'Corr3ct-horse!'
const seed = (extra = {}) => ({ users: [{ username: 'username', password: PW, attributes: { email: 'email@mydomain.com', nickname: 'jo', phone_number: '+15555555555' }, ...extra }] })

sideBySide('use case 1: sign up with attributes and null validation data', async (L) => {
  const env = await envOf()
  const { alert, console, after } = recorder()
  var poolData = env.poolData
  var userPool = new L.CognitoUserPool(poolData)
  var attributeList = []
  var dataEmail = { Name: 'email', Value: 'email@mydomain.com' }
  var dataPhoneNumber = { Name: 'phone_number', Value: '+15555555555' }
  var attributeEmail = new L.CognitoUserAttribute(dataEmail)
  var attributePhoneNumber = new L.CognitoUserAttribute(dataPhoneNumber)
  attributeList.push(attributeEmail)
  attributeList.push(attributePhoneNumber)
  userPool.signUp('username', PW, attributeList, null as any, function (err, result) {
    if (err) {
      alert(err.message || JSON.stringify(err))
      return
    }
    var cognitoUser = result!.user
    console.log('user name is ' + cognitoUser.getUsername())
    console.log('confirmed: ' + result!.userConfirmed + ', sub: ' + result!.userSub + ', code to: ' + result!.codeDeliveryDetails.Destination)
  })
  // a weak password is refused by the pool's policy
  userPool.signUp('weakling', 'password', [], [], function (err) {
    if (err) alert(err.message || JSON.stringify(err))
  })
  return after(3)
})

sideBySide('use cases 2 and 3: confirm a registration; resend the code; a wrong code', async (L) => {
  const env = await envOf(seed({ status: 'UNCONFIRMED' }))
  const { alert, console, after } = recorder()
  var userPool = new L.CognitoUserPool(env.poolData)
  var userData = { Username: 'username', Pool: userPool }
  var cognitoUser = new L.CognitoUser(userData)
  cognitoUser.resendConfirmationCode(function (err, result) {
    if (err) {
      alert(err.message || JSON.stringify(err))
      return
    }
    console.log('call result: ' + JSON.stringify(result))
    cognitoUser.confirmRegistration('000000', true, function (err) {
      if (err) alert(err.message || JSON.stringify(err))
      cognitoUser.confirmRegistration(env.pool.lastCode('username', 'SignUp')!, true, function (err, result) {
        if (err) {
          alert(err.message || JSON.stringify(err))
          return
        }
        console.log('call result: ' + result)
      })
    })
  })
  return after(3)
})

sideBySide('use case 4: sign in (SRP), then the session', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  var authenticationData = { Username: 'username', Password: PW }
  var authenticationDetails = new L.AuthenticationDetails(authenticationData)
  var userPool = new L.CognitoUserPool(env.poolData)
  var userData = { Username: 'username', Pool: userPool }
  var cognitoUser = new L.CognitoUser(userData)
  cognitoUser.authenticateUser(authenticationDetails, {
    onSuccess: function (result, userConfirmationNecessary) {
      var accessToken = result.getAccessToken().getJwtToken()
      console.log('signed in: ' + accessToken + ', valid ' + result.isValid() + ', user ' + result.getIdToken().decodePayload()['cognito:username'] + ', confirm device: ' + userConfirmationNecessary)
    },
    onFailure: function (err) {
      alert(err.message || JSON.stringify(err))
    },
  })
  // a wrong password, and an unknown user
  new L.CognitoUser(userData).authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: 'Wr0ng-horse!' }), {
    onSuccess: () => console.log('wrong password accepted'),
    onFailure: (err) => alert(err.code + ': ' + err.message),
  })
  new L.CognitoUser({ Username: 'nobody', Pool: userPool }).authenticateUser(new L.AuthenticationDetails({ Username: 'nobody', Password: PW }), {
    onSuccess: () => console.log('unknown user accepted'),
    onFailure: (err) => alert(err.code + ': ' + err.message),
  })
  return (await after(3)).sort()
})

sideBySide('use case 4 on a device whose clock is 10 minutes slow', async (L) => {
  const env = await envOf({ ...seed(), clock: () => Date.now() + 600_000 })
  const { alert, console, after } = recorder()
  var cognitoUser = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
    onSuccess: function (result) {
      console.log('signed in, session valid: ' + result.isValid())
    },
    onFailure: function (err) {
      alert(err.code + ': ' + err.message)
    },
  })
  return after(1)
}, (acij) => {
  // acij signs the SRP proof with the device's clock, which Cognito refuses; cognito-edge takes
  // the time from Cognito's Date header when the clocks differ by a minute or more
  assert.match(acij[0]!, /^alert: NotAuthorizedException/)
  return ['signed in, session valid: true']
})

sideBySide('use case 4 with device tracking on user prompt: onSuccess(result, userConfirmationNecessary), then remember the device', async (L) => {
  const env = await envOf({ ...seed(), deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true } })
  const { alert, console, after } = recorder()
  var userPool = new L.CognitoUserPool(env.poolData)
  var cognitoUser = new L.CognitoUser({ Username: 'username', Pool: userPool })
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
    onSuccess: function (_result, userConfirmationNecessary) {
      console.log('confirm device: ' + userConfirmationNecessary)
      cognitoUser.setDeviceStatusRemembered({
        onSuccess: function (result) {
          console.log('call result: ' + result + ', remembered: ' + env.pool.user('username')!.devices.map((d) => `${d.confirmed}/${d.remembered}`).join())
        },
        onFailure: function (err) {
          alert(err.message || JSON.stringify(err))
        },
      })
    },
    onFailure: function (err) {
      alert(err.message || JSON.stringify(err))
    },
  })
  return after(2)
})

sideBySide('use case 5: retrieve user attributes', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  cognitoUser.getUserAttributes(function (err, result) {
    if (err) {
      alert(err.message || JSON.stringify(err))
      return
    }
    for (let i = 0; i < result!.length; i++) {
      console.log('attribute ' + result![i]!.getName() + ' has value ' + result![i]!.getValue())
    }
  })
  return after(6)
})

sideBySide('use case 6: verify an attribute (inputVerificationCode, then verifyAttribute with `this`)', async (L) => {
  const env = await envOf(seed({ attributes: { email: 'email@mydomain.com' } }))
  const { alert, console, after } = recorder()
  const prompt = (): string => env.pool.lastCode('username', 'VerifyAttribute')!
  const cognitoUser = await signIn(L, env, 'username', PW)
  cognitoUser.getAttributeVerificationCode('email', {
    onSuccess: function (result) {
      console.log('call result: ' + result)
    },
    onFailure: function (err) {
      alert(err.message || JSON.stringify(err))
    },
    inputVerificationCode: function () {
      var verificationCode = prompt()
      cognitoUser.verifyAttribute('email', verificationCode, this)
    },
  })
  // inputVerificationCode null: onSuccess straight away
  cognitoUser.getAttributeVerificationCode('phone_number', { onSuccess: (r) => console.log('sent: ' + r), onFailure: (e) => alert(e.message), inputVerificationCode: null as any })
  return (await after(2)).sort()
})

sideBySide('use cases 7 and 8: delete an attribute; update one (and the cached user data follows)', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  var attributeList = []
  attributeList.push('nickname')
  cognitoUser.deleteAttributes(attributeList, function (err, result) {
    if (err) {
      alert(err.message || JSON.stringify(err))
      return
    }
    console.log('call result: ' + result + ', nickname ' + env.pool.user('username')!.attributes['nickname'])
    var attributeList = []
    var attribute = new L.CognitoUserAttribute({ Name: 'nickname', Value: 'joe' })
    attributeList.push(attribute)
    cognitoUser.updateAttributes(attributeList, function (err, result, details) {
      if (err) {
        alert(err.message || JSON.stringify(err))
        return
      }
      console.log('call result: ' + result + ', details ' + JSON.stringify(details))
      cognitoUser.getUserData((err, data) => console.log(err ? err.message : 'cached nickname ' + data!.UserAttributes.find((a) => a.Name === 'nickname')?.Value))
    })
  })
  return after(3)
})

sideBySide('use case 11: change the password (a wrong old password first)', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  cognitoUser.changePassword('Wr0ng-horse!', 'N3w-horse!!', function (err) {
    if (err) alert((err as any).code + ': ' + err.message)
    cognitoUser.changePassword(PW, 'N3w-horse!!', function (err, result) {
      if (err) {
        alert(err.message || JSON.stringify(err))
        return
      }
      console.log('call result: ' + result)
      signIn(L, env, 'username', 'N3w-horse!!').then(() => console.log('the new password signs in'), (e) => alert(e.message))
    })
  })
  return after(3)
})

sideBySide('use case 12: forgot password, inputVerificationCode, confirmPassword', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  const document = { getElementById: (id: string) => ({ value: id === 'code' ? env.pool.lastCode('username', 'ForgotPassword')! : 'Reset-horse-1!' }) }
  const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: new L.CognitoUserPool(env.poolData) })
  cognitoUser.forgotPassword({
    onSuccess: function (data) {
      console.log('CodeDeliveryData from forgotPassword: ' + data)
    },
    onFailure: function (err) {
      alert(err.message || JSON.stringify(err))
    },
    inputVerificationCode: function (data) {
      console.log('Code sent to: ' + JSON.stringify(data))
      var verificationCode = document.getElementById('code').value
      var newPassword = document.getElementById('new_password').value
      cognitoUser.confirmPassword(verificationCode, newPassword, {
        onSuccess() {
          console.log('Password confirmed!')
        },
        onFailure(err) {
          console.log('Password not confirmed! ' + err.message)
        },
      })
    },
  })
  return after(2)
})

sideBySide('use case 13: delete the user (its tokens leave storage)', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  cognitoUser.deleteUser(function (err, result) {
    if (err) {
      alert(err.message || JSON.stringify(err))
      return
    }
    console.log('call result: ' + result + ', user left: ' + String(env.pool.user('username')) + ', current user: ' + new L.CognitoUserPool(env.poolData).getCurrentUser())
  })
  return after(1)
})

sideBySide('use cases 14 and 16: sign out; the current user from storage and its session', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  await signIn(L, env, 'username', PW)
  var userPool = new L.CognitoUserPool(env.poolData)
  var cognitoUser = userPool.getCurrentUser()
  if (cognitoUser != null) {
    cognitoUser.getSession(function (err: any, session: any) {
      if (err) {
        alert(err.message || JSON.stringify(err))
        return
      }
      console.log('session validity: ' + session.isValid())
      cognitoUser!.getUserAttributes(function (err, attributes) {
        if (err) alert(err.message)
        else console.log('attributes: ' + attributes!.length)
        cognitoUser!.signOut()
        console.log('after signOut: ' + userPool.getCurrentUser())
        cognitoUser!.getSession((err: any) => alert(err.message))
      })
    })
  }
  return after(4)
})

sideBySide('use case 15: global sign out (the refresh token stops working)', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  const refreshToken = cognitoUser.getSignInUserSession()!.getRefreshToken()
  cognitoUser.globalSignOut({
    onSuccess: (msg) => {
      console.log('global sign out: ' + msg + ', current user ' + new L.CognitoUserPool(env.poolData).getCurrentUser())
      cognitoUser.refreshSession(refreshToken, (err: any) => alert(err ? err.code : 'refreshed'))
    },
    onFailure: (err) => alert(err.message),
  })
  return after(2)
})

sideBySide('use cases 24 and 31: user data (MFA settings), cached and with bypassCache', async (L) => {
  const env = await envOf(seed({ mfa: ['SOFTWARE_TOKEN_MFA'], preferredMfa: 'SOFTWARE_TOKEN_MFA', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }))
  const { alert, console, after } = recorder()
  const userPool = new L.CognitoUserPool(env.poolData)
  const cognitoUser = new L.CognitoUser({ Username: 'username', Pool: userPool })
  // README use case 24, once signed in (with TOTP, as README use case 27 answers it)
  const readUserData = (): void =>
    cognitoUser.getUserData((err, data) => {
      if (err) {
        alert(err.message || JSON.stringify(err))
        return
      }
      const { PreferredMfaSetting, UserMFASettingList } = data!
      console.log(JSON.stringify({ PreferredMfaSetting, UserMFASettingList }, null, 2))
      env.pool.setMfa('username', { totp: false })
      cognitoUser.getUserData((err, userData) => console.log(err ? err.message : 'cached: ' + JSON.stringify(userData!.UserMFASettingList)))
      cognitoUser.getUserData((err, userData) => console.log(err ? err.message : 'bypassCache: ' + JSON.stringify(userData!.UserMFASettingList)), { bypassCache: true })
    })
  cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username: 'username', Password: PW }), {
    onSuccess: readUserData,
    onFailure: (err) => alert(err.message),
    totpRequired: function () {
      env.pool.totpCode('username').then((code) => cognitoUser.sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA'))
    },
  })
  return after(3)
})

sideBySide('use case 32: refresh the session with its refresh token', async (L) => {
  const env = await envOf(seed())
  const { alert, console, after } = recorder()
  const cognitoUser = await signIn(L, env, 'username', PW)
  cognitoUser.getSession(function (_err: any, session: any) {
    var refresh_token = session.getRefreshToken()
    cognitoUser.refreshSession(refresh_token, (err, session) => {
      if (err) {
        console.log(err)
      } else {
        console.log('new id token: ' + session.getIdToken().getJwtToken() + ', same refresh token: ' + (session.getRefreshToken().getToken() === refresh_token.getToken()))
        const before = env.pool.calls.length
        cognitoUser.refreshSession(new L.CognitoRefreshToken({ RefreshToken: 'not-a-refresh-token' }), (err) => {
          alert(err.code + ': ' + err.message)
          console.log('attempts: ' + (env.pool.calls.length - before))
        })
      }
    })
  })
  return after(3)
}, (acij) => {
  // acij retries a refused refresh 5 times over about 6 s, whatever the error; here a refused
  // refresh token (NotAuthorizedException) is never retried
  assert.equal(acij[2], 'attempts: 6')
  return [...acij.slice(0, 2), 'attempts: 1']
})

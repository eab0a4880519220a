/**
 * The user-side account operations of the local pool: registration (SignUp, ConfirmSignUp,
 * ResendConfirmationCode), password recovery and change (ForgotPassword, ConfirmForgotPassword,
 * ChangePassword), and the signed-in user's profile (GetUser, attribute updates, deletes and
 * verification, DeleteUser).
 * @module
 */
import { flowAllowed, publicCaller } from './clients.ts'
import { CHANGE_LOCKED, checkPassword, clearLockout } from './lockout.ts'
import { checkCode, maskEmail, resettable, selfServiceRecovery, sendCode, sendResetCode, sendVerify, unknownUserCode } from './messages.ts'
import { attrRecord, findUser, type In, type Operations, type PoolState, type User } from './state.ts'
import { authAccess, newSession } from './tokens.ts'
import { attrList, checkPolicy, claimAliases, createUser, deleteAttributes, deleteUser, mfaFields, setPassword, updateAttributes } from './users.ts'
import { fail } from './wire.ts'

/**
 * The user a code-sending request (ResendConfirmationCode, ForgotPassword) names. An unknown name
 * is UserNotFoundException on LEGACY clients; otherwise the caller pretends to send a code.
 */
async function recipient(s: PoolState, input: In, recovery = false): Promise<{ u: User | undefined; name: string }> {
  const { client, name } = await publicCaller(s, input)
  // refused for every name alike, before anyone is looked up
  if (recovery) selfServiceRecovery(s)
  const u = findUser(s, name)
  if (!u && client.preventUserExistenceErrors === 'LEGACY') fail('UserNotFoundException', 'Username/client id combination not found.')
  return { u, name }
}

/** Check (and use up) a code, then `then`; when `then` refuses, the code stays usable. */
function withCode(s: PoolState, u: User, store: string, given: unknown, then: () => void): void {
  const pending = u.codes.get(store)
  checkCode(s, u, store, String(given))
  try {
    then()
  } catch (e) {
    if (pending) u.codes.set(store, pending)
    throw e
  }
}

/** SignUp, confirmation, password recovery and change, and the profile operations. */
export function accountOperations(s: PoolState): Operations {
  return {
    async SignUp(input) {
      const { client, name } = await publicCaller(s, input)
      const given = input['Password']
      // "Users can sign up without a password when your user pool supports passwordless sign-in
      // with email or SMS OTPs. To create a user with no password, omit this parameter" (SignUp API
      // reference; its "or submit a blank value" meets the model's pattern for PasswordType, [\S]+,
      // which the wire check applies first)
      const passwordless = given === undefined && s.firstFactors.some((f) => f === 'EMAIL_OTP' || f === 'SMS_OTP')
      const password = passwordless ? undefined : String(given ?? '')
      if (password !== undefined) checkPolicy(s, password)
      const u = await createUser(s, name, password, attrRecord(input['UserAttributes']), 'UNCONFIRMED')
      const delivery = sendCode(s, u, 'SignUp')
      // the Session that signs the user in after ConfirmSignUp comes only from a client that
      // allows USER_AUTH (aws/aws-sdk-js-v3#6724: none until ALLOW_USER_AUTH was enabled)
      const session = flowAllowed(client, 'USER_AUTH') ? { Session: newSession(s, { user: u, client, admin: false }, 'SIGNUP') } : {}
      return { UserConfirmed: false, UserSub: u.attributes.get('sub'), ...(delivery ? { CodeDeliveryDetails: delivery } : {}), ...session }
    },

    async ConfirmSignUp(input) {
      const { client, name } = await publicCaller(s, input)
      const u = findUser(s, name)
      if (!u) return unknownUserCode(client)
      if (u.status !== 'UNCONFIRMED') fail('NotAuthorizedException', `User cannot be confirmed. Current status is ${u.status}`)
      // the code proves the one attribute it was sent to (messages.ts, codeChannel)
      const sentTo = u.codes.get('signup')?.attr
      const verified = sentTo && u.attributes.has(sentTo) ? [sentTo] : []
      withCode(s, u, 'signup', input['ConfirmationCode'], () => claimAliases(s, u, verified, input['ForceAliasCreation'] === true))
      u.status = 'CONFIRMED'
      for (const a of verified) u.attributes.set(`${a}_verified`, 'true')
      u.modified = s.now()
      // "The optional session ID from a SignUp API request. You can sign in a user directly from
      // the sign-up process with the USER_AUTH authentication flow" (ConfirmSignUp API reference):
      // only the sign-up's own Session, still valid, buys the Session InitiateAuth takes; without
      // it the user is confirmed all the same and signs in as usual
      const up = s.sessions.get(String(input['Session']))
      if (up?.expect !== 'SIGNUP' || up.flow.user !== u || up.flow.client.clientId !== client.clientId || up.expires < s.now()) return {}
      up.expect = ''
      return { Session: newSession(s, { user: u, client, admin: false }, 'SIGNED_UP') }
    },

    async ResendConfirmationCode(input) {
      const { u, name } = await recipient(s, input)
      if (!u) return { CodeDeliveryDetails: { Destination: name.includes('@') ? maskEmail(name) : '+*******0000', DeliveryMedium: name.includes('@') ? 'EMAIL' : 'SMS', AttributeName: name.includes('@') ? 'email' : 'phone_number' } }
      if (u.status !== 'UNCONFIRMED') fail('InvalidParameterException', 'User is already confirmed.')
      const delivery = sendCode(s, u, 'SignUp')
      if (!delivery) fail('InvalidParameterException', 'No email or phone_number to send the code to.')
      return { CodeDeliveryDetails: delivery }
    },

    async ForgotPassword(input) {
      const { u, name } = await recipient(s, input, true)
      if (!u) return { CodeDeliveryDetails: { Destination: maskEmail(name.includes('@') ? name : `${name}@example.com`), DeliveryMedium: 'EMAIL', AttributeName: 'email' } }
      if (!u.enabled) fail('NotAuthorizedException', 'User is disabled.')
      resettable(u)
      return { CodeDeliveryDetails: sendResetCode(s, u) }
    },

    async ConfirmForgotPassword(input) {
      const { client, name } = await publicCaller(s, input)
      const u = findUser(s, name)
      if (!u) return unknownUserCode(client)
      // a code sent before an administrator set a temporary password does not reset it either:
      // Cognito documents no answer for that order, so the pool applies the same state rule
      resettable(u)
      const pw = String(input['Password'])
      checkPolicy(s, pw)
      checkCode(s, u, 'forgot', String(input['ConfirmationCode']))
      await setPassword(s, u, pw)
      if (u.status === 'RESET_REQUIRED') u.status = 'CONFIRMED'
      clearLockout(u.lockout)
      return {}
    },

    async ChangePassword(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      const previous = input['PreviousPassword']
      // "If the user has no password and only signs in with passwordless authentication options,
      // you can omit this parameter" (ChangePassword API reference, PreviousPassword)
      if (previous !== undefined || u.verifier) await checkPassword(s, u, String(previous ?? ''), CHANGE_LOCKED)
      const pw = String(input['ProposedPassword'])
      checkPolicy(s, pw)
      await setPassword(s, u, pw)
      clearLockout(u.lockout)
      return {}
    },

    async GetUser(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      return { Username: u.username, UserAttributes: attrList(u), ...mfaFields(u) }
    },

    async UpdateUserAttributes(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      const list = updateAttributes(s, u, input['UserAttributes'])
      return list.length ? { CodeDeliveryDetailsList: list } : {}
    },

    async DeleteUserAttributes(input) {
      return deleteAttributes(s, (await authAccess(s, input['AccessToken'])).u, input)
    },

    async GetUserAttributeVerificationCode(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      const attr = String(input['AttributeName'])
      if ((attr !== 'email' && attr !== 'phone_number') || !u.attributes.get(attr)) fail('InvalidParameterException', `Cannot send a code: the user has no ${attr}.`)
      return { CodeDeliveryDetails: sendVerify(s, u, attr) }
    },

    async VerifyUserAttribute(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      const attr = String(input['AttributeName'])
      withCode(s, u, `verify:${attr}`, input['Code'], () => claimAliases(s, u, [attr], false))
      u.attributes.set(`${attr}_verified`, 'true')
      return {}
    },

    async DeleteUser(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      deleteUser(s, u)
      return {}
    },
  }
}

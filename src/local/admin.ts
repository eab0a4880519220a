/**
 * Admin operations on users at the local pool (SigV4): AdminCreateUser with its invitation,
 * reading, enabling, disabling, confirming and deleting a user, resetting or setting a
 * password, attribute changes, and ListUsers with Cognito's filter syntax.
 * @module
 */
import { toBase64Url } from '../lib/bytes.ts'
import { randomBytes } from '../lib/webcrypto.ts'
import { clearLockout } from './lockout.ts'
import { resettable, selfServiceRecovery, send, sendCode } from './messages.ts'
import { adminUser, attrRecord, checkPool, findUser, page, sval, type Operations, type PoolState, type User } from './state.ts'
import { revokeAccessTokens } from './tokens.ts'
import { checkPolicy, createUser, deleteAttributes, deleteUser, mfaFields, setPassword, updateAttributes, userType } from './users.ts'
import { fail } from './wire.ts'

/** A temporary password that satisfies the pool's policy (upper, lower, number, symbol, long enough). */
function temporaryPassword(s: PoolState): string {
  const n = Math.max(12, s.policy.minimumLength - 5)
  return 'Tmp' + toBase64Url(randomBytes(n)).replace(/[-_]/g, 'x').slice(0, n) + '1!'
}

const FILTER_ATTRIBUTES = ['username', 'email', 'phone_number', 'name', 'given_name', 'family_name', 'preferred_username', 'cognito:user_status', 'status', 'sub']

/**
 * ListUsers' `Filter`: `attr = "value"` or `attr ^= "prefix"`. As the API reference lists them,
 * `cognito:user_status` matches whatever the case of its value (`"confirmed"`), `username` and
 * `status` (`Enabled` / `Disabled`) only in their own.
 */
function userFilter(filter: unknown): (u: User) => boolean {
  if (filter === undefined || filter === '') return () => true
  const m = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(String(filter))
  if (!m) fail('InvalidParameterException', 'Error while parsing filter.')
  const [, attr, op, raw] = m as unknown as [string, string, string, string]
  if (!FILTER_ATTRIBUTES.includes(attr)) fail('InvalidParameterException', 'Invalid search attribute name.')
  const anyCase = attr === 'cognito:user_status'
  const unescaped = raw.replace(/\\(.)/g, '$1')
  const value = anyCase ? unescaped.toUpperCase() : unescaped
  const get = (u: User): string | undefined =>
    attr === 'username' ? u.username : anyCase ? u.status : attr === 'status' ? (u.enabled ? 'Enabled' : 'Disabled') : u.attributes.get(attr)
  return (u) => {
    const v = get(u)
    return v !== undefined && (op === '=' ? v === value : v.startsWith(value))
  }
}

/** The Admin* user operations and ListUsers. */
export function adminOperations(s: PoolState): Operations {
  return {
    async AdminCreateUser(input) {
      checkPool(s, input['UserPoolId'])
      const name = String(input['Username'])
      const attrs = attrRecord(input['UserAttributes'])
      const action = input['MessageAction']
      const existing = findUser(s, name)
      if (action === 'RESEND') {
        if (!existing) fail('UserNotFoundException', 'User does not exist.')
        if (existing.status !== 'FORCE_CHANGE_PASSWORD') fail('UnsupportedUserStateException', 'Resend not possible. User is not in FORCE_CHANGE_PASSWORD state.')
      } else if (existing) fail('UsernameExistsException', 'User account already exists')
      const given = sval(input['TemporaryPassword'])
      // "If you don't specify a value, Amazon Cognito generates one for you unless you have
      // passwordless options active for your user pool" (AdminCreateUser API reference,
      // TemporaryPassword): then the user has no password, and needs an email address or phone
      // number to receive its codes at ("These attributes must be provided ... when you don't
      // submit a TemporaryPassword", UserAttributes). With no password to change, such a user is
      // CONFIRMED: the pool's reading, as the reference names no status for it.
      const passwordless = !existing && given === undefined && s.firstFactors.some((f) => f === 'EMAIL_OTP' || f === 'SMS_OTP')
      if (passwordless && !attrs['email'] && !attrs['phone_number']) fail('InvalidParameterException', 'A user without a password needs an email or phone_number attribute to sign in with a one-time code.')
      // a given TemporaryPassword must meet the policy, like any password (AdminCreateUser API reference)
      const temp = passwordless ? '' : (given ?? temporaryPassword(s))
      if (temp) checkPolicy(s, temp)
      const u = existing ?? (await createUser(s, name, undefined, attrs, temp ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED'))
      if (temp) {
        await setPassword(s, u, temp)
        u.tempPasswordSet = s.now()
      }
      if (action !== 'SUPPRESS') {
        const mediums = (input['DesiredDeliveryMediums'] as string[] | undefined) ?? ['SMS']
        const medium = mediums.includes('EMAIL') && u.attributes.get('email') ? 'EMAIL' : mediums.includes('SMS') && u.attributes.get('phone_number') ? 'SMS' : undefined
        // a passwordless invitation carries the username only (no `{####}`)
        if (medium) send(s, u, medium, 'Invitation', temp)
      }
      return { User: { ...userType(u), ...mfaFields(u) } }
    },

    AdminGetUser(input) {
      const u = adminUser(s, input)
      // AdminGetUser is UserType with its list named UserAttributes
      const { Attributes, ...rest } = userType(u)
      return { ...rest, UserAttributes: Attributes, ...mfaFields(u) }
    },

    AdminDeleteUser(input) {
      deleteUser(s, adminUser(s, input))
      return {}
    },

    AdminEnableUser(input) {
      adminUser(s, input).enabled = true
      return {}
    },

    AdminDisableUser(input) {
      const u = adminUser(s, input)
      u.enabled = false
      revokeAccessTokens(u) // "deactivates a user profile and revokes all access tokens" (API reference)
      return {}
    },

    AdminConfirmSignUp(input) {
      const u = adminUser(s, input)
      if (u.status !== 'UNCONFIRMED') fail('NotAuthorizedException', `User cannot be confirmed. Current status is ${u.status}`)
      u.status = 'CONFIRMED'
      u.modified = s.now()
      return {}
    },

    AdminResetUserPassword(input) {
      const u = adminUser(s, input)
      selfServiceRecovery(s)
      resettable(u)
      // the password is deactivated in any case; "In addition, if the user pool has phone
      // verification selected and a verified phone number exists for the user, or if email
      // verification is selected and a verified email exists for the user, calling this API will
      // also result in sending a message to the end user with the code" (API reference): with
      // neither, no code is sent, and an administrator sets the password
      sendCode(s, u, 'ForgotPassword')
      u.status = 'RESET_REQUIRED'
      u.modified = s.now()
      return {}
    },

    async AdminSetUserPassword(input) {
      const u = adminUser(s, input)
      const pw = String(input['Password'])
      const permanent = input['Permanent'] === true
      // a temporary password meets the policy too, as AdminCreateUser's TemporaryPassword must
      checkPolicy(s, pw)
      await setPassword(s, u, pw)
      u.status = permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD'
      if (!permanent) u.tempPasswordSet = s.now()
      clearLockout(u.lockout)
      return {}
    },

    AdminUpdateUserAttributes(input) {
      updateAttributes(s, adminUser(s, input), input['UserAttributes'])
      return {}
    },

    AdminDeleteUserAttributes(input) {
      return deleteAttributes(s, adminUser(s, input), input)
    },

    ListUsers(input) {
      checkPool(s, input['UserPoolId'])
      const keep = userFilter(input['Filter'])
      // a token is good only with the Filter it was issued for (aws/aws-sdk-js#3705: "Paging
      // Marker is Invalid for Request" until the filter was sent again)
      const p = page(s, `ListUsers:${String(input['Filter'] ?? '')}`, [...s.users.values()].filter(keep), input)
      return { Users: p.items.map((u) => userType(u, input['AttributesToGet'])), ...p.more }
    },
  }
}

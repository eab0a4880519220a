/**
 * A `CognitoUser`'s account, as functions over the library's account functions: attributes (read,
 * update, delete, verify), the cached user data, passwords (change, forgotten), registration
 * (confirm, resend), MFA settings and deleting the user. Each returns what acij hands its callback
 * (`'SUCCESS'` where acij says so, Cognito's answer where acij passes it on).
 * @module
 */
import { requestWithToken } from '../client.ts'
import { changePassword as change, confirmForgotPassword, initiateForgotPassword } from '../functions/passwords.ts'
import { deleteUser as remove, getUser, updateProfile } from '../functions/profile.ts'
import { confirmSignUp, resendConfirmationCode as resend } from '../functions/registration.ts'
import { sendVerification, validateVerification } from '../functions/verification.ts'
import type { GetUserResponse } from '../operations.generated.ts'
import { ok } from './callbacks.ts'
import { CognitoUserAttribute, given } from './details.ts'
import { notAuthenticated } from './errors.ts'
import { clearCachedUser, clearCachedUserData, keyOf } from './storage.ts'
import type { ClientMetadata, ICognitoUserAttributeData, IMfaSettings } from './types.ts'
import { accessTokenOf, refreshThroughPool } from './user-session.ts'
import type { CognitoUser } from './user.ts'

/** `[{ Name, Value }]` as a record (what the library's functions take); no value is an empty one, as Cognito stores acij's `{ Name }`. */
export const attributeRecord = (list: readonly ICognitoUserAttributeData[] | null | undefined): Record<string, string> | undefined =>
  list ? Object.fromEntries(list.map((a) => [a.Name, a.Value ?? ''])) : undefined

/** GetUser, and cache the answer under acij's `userData` key. */
async function fetchUserData(u: CognitoUser): Promise<GetUserResponse> {
  const data = await getUser(u.pool.client, accessTokenOf(u))
  u.storage.setItem(keyOf(u, 'userData'), JSON.stringify(data))
  return data
}

/**
 * The user data (GetUser): cached after the first call; `bypassCache` fetches it again and then
 * refreshes the session (best effort), so the ID token carries changed attributes.
 */
export async function getUserData(u: CognitoUser, params?: { bypassCache?: boolean; clientMetadata?: Record<string, string> }): Promise<unknown> {
  if (!u.signInUserSession?.isValid()) {
    clearCachedUserData(u)
    throw notAuthenticated()
  }
  const cached = u.storage.getItem(keyOf(u, 'userData'))
  if (!cached) return fetchUserData(u)
  if (params?.bypassCache) {
    const data = await fetchUserData(u)
    const refreshToken = u.signInUserSession!.getRefreshToken()
    if (refreshToken.getToken()) await refreshThroughPool(u, refreshToken, params.clientMetadata).catch(() => undefined)
    return data
  }
  try {
    return JSON.parse(cached)
  } catch (e) {
    clearCachedUserData(u)
    throw e
  }
}

/** The user's attributes as `CognitoUserAttribute`s (GetUser). */
export async function getUserAttributes(u: CognitoUser): Promise<CognitoUserAttribute[]> {
  const { UserAttributes = [] } = await getUser(u.pool.client, accessTokenOf(u))
  return UserAttributes.map((a) => new CognitoUserAttribute({ Name: a.Name, Value: a.Value ?? '' }))
}

/** The legacy MFA options (GetUser's `MFAOptions`). */
export async function getMFAOptions(u: CognitoUser): Promise<unknown> {
  return (await getUser(u.pool.client, accessTokenOf(u))).MFAOptions
}

/** Update attributes, then refresh the cached user data; resolves to Cognito's answer (where codes went). */
export async function updateAttributes(u: CognitoUser, attributes: readonly ICognitoUserAttributeData[], clientMetadata?: ClientMetadata): Promise<{ CodeDeliveryDetailsList?: unknown[] }> {
  const list = await updateProfile(u.pool.client, accessTokenOf(u), attributeRecord(attributes)!, undefined, { clientMetadata: given(clientMetadata) })
  await getUserData(u, { bypassCache: true }).catch(() => undefined)
  return list.length ? { CodeDeliveryDetailsList: list } : {}
}

/** Delete attributes (the names sent as given, as acij sends them: Cognito takes an empty list), then refresh the cached user data. */
export async function deleteAttributes(u: CognitoUser, names: string[]): Promise<string> {
  await requestWithToken(u.pool.client, 'DeleteUserAttributes', accessTokenOf(u), { UserAttributeNames: names })
  return ok(getUserData(u, { bypassCache: true }).catch(() => undefined))
}

/** Send a verification code for an attribute; resolves to Cognito's answer (`{ CodeDeliveryDetails }`). */
export async function getAttributeVerificationCode(u: CognitoUser, name: string, clientMetadata?: ClientMetadata): Promise<unknown> {
  return { CodeDeliveryDetails: await sendVerification(u.pool.client, accessTokenOf(u), name, { clientMetadata: given(clientMetadata) }) }
}

/** Verify an attribute with the code the user received. */
export async function verifyAttribute(u: CognitoUser, name: string, code: string): Promise<string> {
  return ok(validateVerification(u.pool.client, accessTokenOf(u), code, name))
}

/** Change the password of the signed-in user. */
export async function changePassword(u: CognitoUser, oldPassword: string, newPassword: string): Promise<'SUCCESS'> {
  return ok(change(u.pool.client, accessTokenOf(u), oldPassword, newPassword))
}

/** Start a password reset; resolves to Cognito's answer (`{ CodeDeliveryDetails }`). */
export async function forgotPassword(u: CognitoUser, clientMetadata?: ClientMetadata): Promise<unknown> {
  return { CodeDeliveryDetails: await initiateForgotPassword(u.pool.client, u.username, { clientMetadata: given(clientMetadata) }) }
}

/** Finish a password reset with the code and the new password. */
export async function confirmPassword(u: CognitoUser, code: string, newPassword: string, clientMetadata?: ClientMetadata): Promise<string> {
  return ok(confirmForgotPassword(u.pool.client, u.username, code, newPassword, { clientMetadata: given(clientMetadata) }))
}

/** Confirm the sign-up with the code the user received. */
export async function confirmRegistration(u: CognitoUser, code: string, forceAliasCreation: boolean | null, clientMetadata?: ClientMetadata): Promise<string> {
  return ok(confirmSignUp(u.pool.client, u.username, code, { forceAliasCreation: given(forceAliasCreation), clientMetadata: given(clientMetadata) }))
}

/** Send the sign-up code again; resolves to Cognito's answer (`{ CodeDeliveryDetails }`). */
export async function resendConfirmationCode(u: CognitoUser, clientMetadata?: ClientMetadata): Promise<unknown> {
  return { CodeDeliveryDetails: await resend(u.pool.client, u.username, { clientMetadata: given(clientMetadata) }) }
}

/** Delete the user, then forget the stored tokens. */
export async function deleteUser(u: CognitoUser): Promise<string> {
  await remove(u.pool.client, accessTokenOf(u))
  clearCachedUser(u)
  return 'SUCCESS'
}

/**
 * SetUserMFAPreference with acij's two settings objects as they are (`null` leaves a method
 * unchanged): sent as given, with no preference inferred.
 */
export async function setUserMfaPreference(u: CognitoUser, sms: IMfaSettings | null, totp: IMfaSettings | null): Promise<string> {
  return ok(requestWithToken(u.pool.client, 'SetUserMFAPreference', accessTokenOf(u), { SMSMfaSettings: given(sms), SoftwareTokenMfaSettings: given(totp) }))
}

/** The legacy SMS MFA switch (SetUserSettings): on sends codes to `phone_number`, off clears the options. */
export async function setSmsMfa(u: CognitoUser, on: boolean): Promise<string> {
  return ok(requestWithToken(u.pool.client, 'SetUserSettings', accessTokenOf(u), { MFAOptions: on ? [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] : [] }))
}

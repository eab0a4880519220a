/**
 * One entry per exported function of src/functions/index.ts (and `createTokenSource`): how to call
 * it with valid arguments on a given client, and the operation each call sends first. Tests that
 * must cover every function (retry safety, the client check) take their cases from here and
 * assert that the table names exactly the exported functions, so a new function without an entry
 * fails them. An empty list: the function sends no request.
 */
import type { Challenge, ClientOptions, CognitoClient } from '../../src/index.ts'
import * as fx from '../../src/functions/index.ts'
import { createTokenSource } from '../../src/token-source.ts'

/** One call of a function, and the operation it sends first. */
export interface Case {
  operation: string
  /** This call of a retry-safe operation already sends a code or uses up a one-time value: sent once. */
  unsafe?: true
  run: (client: CognitoClient) => Promise<unknown>
}

/** Functions that take no client (`signIn` builds its own from its options). */
export const NO_CLIENT = ['signIn', 'decodePayload', 'isExpiring', 'otpauthUri']

const challenge = (name: string): Challenge => ({ name, parameters: {}, session: 'AYABeExampleSession', username: 'alice', availableChallenges: undefined })
const newDevice = { deviceKey: 'us-east-1_0b2c6f1e-7d3a-4b5c-8e9f-a1b2c3d4e5f6', deviceGroupKey: '-nNwnPidS' }
const T = 'access-token'
const R = 'refresh-token'
const up = { username: 'alice', password: 'Corr3ct-horse-battery!' }

/** The cases, by function name; `options` are the client's (for `signIn`, which takes them itself). */
export function functionCases(options: ClientOptions): Record<string, Case[]> {
  const one = (operation: string, run: Case['run']): Case[] => [{ operation, run }]
  const answer = (run: Case['run']): Case[] => one('RespondToAuthChallenge', run)
  return {
    authenticate: [
      { operation: 'InitiateAuth', run: (c) => fx.authenticate(c, up) },
      { operation: 'InitiateAuth', unsafe: true, run: (c) => fx.authenticate(c, { ...up, flow: 'USER_PASSWORD_AUTH' }) },
    ],
    customAuth: [{ operation: 'InitiateAuth', unsafe: true, run: (c) => fx.customAuth(c, { username: 'alice' }) }],
    userAuth: one('InitiateAuth', (c) => fx.userAuth(c, { username: 'alice' })),
    signIn: one('InitiateAuth', () => fx.signIn({ ...options, ...up })),
    respondToChallenge: answer((c) => fx.respondToChallenge(c, challenge('ADMIN_NO_SRP_AUTH'), { PASSWORD: up.password })),
    respondToCustomChallenge: answer((c) => fx.respondToCustomChallenge(c, challenge('CUSTOM_CHALLENGE'), 'blue')),
    respondToEmailOtpChallenge: answer((c) => fx.respondToEmailOtpChallenge(c, challenge('EMAIL_OTP'), '12345678')),
    respondToNewPasswordChallenge: answer((c) => fx.respondToNewPasswordChallenge(c, challenge('NEW_PASSWORD_REQUIRED'), 'N3w-passw0rd!')),
    respondToSmsMfaChallenge: answer((c) => fx.respondToSmsMfaChallenge(c, challenge('SMS_MFA'), '123456')),
    respondToSoftwareTokenMfaChallenge: answer((c) => fx.respondToSoftwareTokenMfaChallenge(c, challenge('SOFTWARE_TOKEN_MFA'), '123456')),
    respondToWebAuthnChallenge: answer((c) => fx.respondToWebAuthnChallenge(c, challenge('WEB_AUTHN'), { id: 'cred-1' })),
    selectChallenge: answer((c) => fx.selectChallenge(c, challenge('SELECT_CHALLENGE'), 'EMAIL_OTP')),
    selectMfaType: answer((c) => fx.selectMfaType(c, challenge('SELECT_MFA_TYPE'), 'SOFTWARE_TOKEN_MFA')),
    setupSoftwareTokenMfa: one('AssociateSoftwareToken', (c) => fx.setupSoftwareTokenMfa(c, challenge('MFA_SETUP'))),
    verifySoftwareTokenMfaSetup: one('VerifySoftwareToken', (c) => fx.verifySoftwareTokenMfaSetup(c, challenge('MFA_SETUP'), '123456')),
    changePassword: one('ChangePassword', (c) => fx.changePassword(c, T, 'old', 'new')),
    confirmForgotPassword: one('ConfirmForgotPassword', (c) => fx.confirmForgotPassword(c, 'alice', '123456', 'new')),
    initiateForgotPassword: one('ForgotPassword', (c) => fx.initiateForgotPassword(c, 'alice')),
    sendVerification: one('GetUserAttributeVerificationCode', (c) => fx.sendVerification(c, T)),
    validateVerification: one('VerifyUserAttribute', (c) => fx.validateVerification(c, T, '123456')),
    confirmSignUp: one('ConfirmSignUp', (c) => fx.confirmSignUp(c, 'alice', '123456')),
    register: one('SignUp', (c) => fx.register(c, 'alice', up.password)),
    resendConfirmationCode: one('ResendConfirmationCode', (c) => fx.resendConfirmationCode(c, 'alice')),
    deleteUser: one('DeleteUser', (c) => fx.deleteUser(c, T)),
    deleteUserAttributes: one('DeleteUserAttributes', (c) => fx.deleteUserAttributes(c, T, ['given_name'])),
    getUser: one('GetUser', (c) => fx.getUser(c, T)),
    updateProfile: one('UpdateUserAttributes', (c) => fx.updateProfile(c, T, { given_name: 'Alice' })),
    associateSoftwareToken: one('AssociateSoftwareToken', (c) => fx.associateSoftwareToken(c, T)),
    setUserMfaPreference: one('SetUserMFAPreference', (c) => fx.setUserMfaPreference(c, T, { softwareToken: true })),
    verifySoftwareToken: one('VerifySoftwareToken', (c) => fx.verifySoftwareToken(c, T, '123456')),
    confirmDevice: one('ConfirmDevice', (c) => fx.confirmDevice(c, T, newDevice, { name: 'laptop' })),
    forgetDevice: one('ForgetDevice', (c) => fx.forgetDevice(c, T, newDevice.deviceKey)),
    getDevice: one('GetDevice', (c) => fx.getDevice(c, T, newDevice.deviceKey)),
    listDevices: one('ListDevices', (c) => fx.listDevices(c, T)),
    rememberDevice: one('UpdateDeviceStatus', (c) => fx.rememberDevice(c, T, newDevice.deviceKey)),
    completeWebAuthnRegistration: one('CompleteWebAuthnRegistration', (c) => fx.completeWebAuthnRegistration(c, T, { id: 'cred-1' })),
    deleteWebAuthnCredential: one('DeleteWebAuthnCredential', (c) => fx.deleteWebAuthnCredential(c, T, 'cred-1')),
    listWebAuthnCredentials: one('ListWebAuthnCredentials', (c) => fx.listWebAuthnCredentials(c, T)),
    startWebAuthnRegistration: one('StartWebAuthnRegistration', (c) => fx.startWebAuthnRegistration(c, T)),
    decodePayload: [],
    isExpiring: [],
    otpauthUri: [],
    logout: one('GlobalSignOut', (c) => fx.logout(c, T)),
    renewAccessToken: [
      { operation: 'InitiateAuth', run: (c) => fx.renewAccessToken(c, R) },
      { operation: 'GetTokensFromRefreshToken', run: (c) => fx.renewAccessToken(c, R, { rotation: true }) },
    ],
    revokeToken: one('RevokeToken', (c) => fx.revokeToken(c, R)),
    call: [
      { operation: 'ListDevices', run: (c) => fx.call(c, 'ListDevices', { AccessToken: T }) },
      { operation: 'SignUp', run: (c) => fx.call(c, 'SignUp', { ClientId: c.clientId, Username: 'alice', Password: up.password }) },
    ],
    createTokenSource: [
      { operation: 'InitiateAuth', run: (c) => createTokenSource(c, { refreshToken: R }).checkToken({}) },
      { operation: 'GetTokensFromRefreshToken', run: (c) => createTokenSource(c, { refreshToken: R, rotation: true }).checkToken({}) },
    ],
  }
}

/** The names of the functions src/functions/index.ts exports, plus `createTokenSource`. */
export const exportedFunctions = (): string[] => [
  ...Object.entries(fx)
    .filter(([, v]) => typeof v === 'function')
    .map(([k]) => k),
  'createTokenSource',
]

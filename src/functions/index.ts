/**
 * Every user-side operation as a function, by domain: the function-first core that the `Cognito`
 * class (and the `cognito-edge/identity-js` classes) are facades over. Each function takes the
 * client from `createClient` and explicit inputs, and returns plain data.
 * @module
 */
export { authenticate, customAuth, signIn, userAuth } from './sign-in.ts'
export type { AuthenticateInput, CustomAuthInput, SignInOptions, UserAuthChallenge, UserAuthInput } from './sign-in.ts'
export {
  respondToChallenge,
  respondToCustomChallenge,
  respondToEmailOtpChallenge,
  respondToNewPasswordChallenge,
  respondToSmsMfaChallenge,
  respondToSoftwareTokenMfaChallenge,
  respondToWebAuthnChallenge,
  selectChallenge,
  selectMfaType,
  setupSoftwareTokenMfa,
  verifySoftwareTokenMfaSetup,
} from './challenges.ts'
export type { MfaSetup } from './challenges.ts'
export type { AuthResult, AuthStep, Challenge, DeviceCredentials, FlowOptions, SrpState, WebAuthnAssert } from './auth-flow.ts'
export { changePassword, confirmForgotPassword, initiateForgotPassword } from './passwords.ts'
export type { MetadataOptions, UserContextOptions } from './passwords.ts'
export { sendVerification, validateVerification } from './verification.ts'
export { confirmSignUp, register, resendConfirmationCode } from './registration.ts'
export type { RegisterOptions } from './registration.ts'
export { deleteUser, deleteUserAttributes, getUser, updateProfile } from './profile.ts'
export { associateSoftwareToken, otpauthUri, setUserMfaPreference, verifySoftwareToken } from './mfa.ts'
export type { SoftwareTokenSetup } from './mfa.ts'
export { confirmDevice, forgetDevice, getDevice, listDevices, rememberDevice } from './devices.ts'
export type { ConfirmedDevice } from './devices.ts'
export { completeWebAuthnRegistration, deleteWebAuthnCredential, listWebAuthnCredentials, startWebAuthnRegistration } from './webauthn.ts'
export { decodePayload, isExpiring, logout, renewAccessToken, revokeToken } from './tokens.ts'
export type { RenewOptions } from './tokens.ts'
export { call } from './call.ts'

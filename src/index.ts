/**
 * cognito-edge: an Amazon Cognito User Pools client on `fetch`, WebCrypto and `BigInt`.
 *
 * The `.` entry point: the {@link Cognito} class, the transport and the error classes.
 * SRP maths alone: `cognito-edge/srp`.
 * @module
 */
export { Cognito, decodePayload } from './cognito.ts'
export type { AuthenticateOptions, CognitoOptions, PendingChallenge, RespondOptions, UserAuthOptions } from './cognito.ts'
export { createClient } from './client.ts'
export { srpAnswer } from './functions/auth-flow.ts'
export type { AccessToken, CallSignal, ClientOptions, CognitoClient, Rng } from './client.ts'
export {
  isExpiring,
  associateSoftwareToken,
  authenticate,
  call,
  changePassword,
  completeWebAuthnRegistration,
  confirmDevice,
  confirmForgotPassword,
  confirmSignUp,
  customAuth,
  deleteUser,
  deleteUserAttributes,
  deleteWebAuthnCredential,
  forgetDevice,
  getDevice,
  getUser,
  initiateForgotPassword,
  listDevices,
  listWebAuthnCredentials,
  logout,
  otpauthUri,
  register,
  rememberDevice,
  renewAccessToken,
  resendConfirmationCode,
  respondToChallenge,
  respondToCustomChallenge,
  respondToEmailOtpChallenge,
  respondToNewPasswordChallenge,
  respondToSmsMfaChallenge,
  respondToSoftwareTokenMfaChallenge,
  respondToWebAuthnChallenge,
  revokeToken,
  selectChallenge,
  selectMfaType,
  sendVerification,
  setUserMfaPreference,
  setupSoftwareTokenMfa,
  signIn,
  startWebAuthnRegistration,
  updateProfile,
  userAuth,
  validateVerification,
  verifySoftwareToken,
  verifySoftwareTokenMfaSetup,
} from './functions/index.ts'
export type {
  AuthenticateInput,
  AuthResult,
  AuthStep,
  Challenge,
  ConfirmedDevice,
  CustomAuthInput,
  DeviceCredentials,
  FlowOptions,
  MetadataOptions,
  MfaSetup,
  RegisterOptions,
  RenewOptions,
  SignInOptions,
  SoftwareTokenSetup,
  SrpState,
  UserAuthChallenge,
  UserAuthInput,
  UserContextOptions,
  WebAuthnAssert,
} from './functions/index.ts'
export { localStorageStore, memoryStore } from './store.ts'
export type { StorageLike, TokenStore } from './store.ts'
export { authFetch } from './auth-fetch.ts'
export { createTokenSource } from './token-source.ts'
export type { StoredTokens, TokenSource } from './token-source.ts'
export type { AuthFetchOptions } from './auth-fetch.ts'
export {
  CustomChallengeError,
  DeviceChallengeError,
  EmailOtpChallengeError,
  ForceChangePasswordError,
  MfaChallengeError,
  MfaSetupChallengeError,
  SelectChallengeError,
  SelectMfaTypeChallengeError,
  SmsMfaChallengeError,
  SoftwareTokenMfaChallengeError,
  UnknownChallengeError,
  WebAuthnChallengeError,
} from './challenge-errors.ts'
export { ExpiredSessionError, JwksError, JwtInvalid, MissingGlobalError } from './errors.ts'
export type { JwtReason } from './errors.ts'
export {
  endpointForRegion,
  parseErrorType,
  processResponse,
  regionFromPoolId,
  resolveEndpoint,
  send,
  TARGET_PREFIX,
} from './transport.ts'
export type { CallOptions, FetchLike, OutgoingRequest, ParsedError, RetryOptions, TransportOptions } from './transport.ts'
export {
  AbortError,
  AliasExistsException,
  ArgumentError,
  ChallengeError,
  CodeMismatchException,
  CognitoError,
  CognitoServiceError,
  ExpiredCodeException,
  InternalErrorException,
  InvalidParameterException,
  InvalidPasswordException,
  InvalidUserPoolConfigurationException,
  isCognitoError,
  LimitExceededException,
  NetworkError,
  NotAuthenticatedError,
  NotAuthorizedException,
  PasswordResetRequiredException,
  RefreshTokenReuseException,
  ResourceNotFoundException,
  ResponseError,
  serviceError,
  SrpError,
  TimeoutError,
  TooManyRequestsException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from './errors.ts'
export type { CognitoErrorOptions, ErrorCode, ServiceErrorClass } from './errors.ts'

export { cognitoToDict, customAttributes, dictToCognito, GroupObj, UserObj } from './user.ts'
export type { AttrMap, AttributeInput, AttributeValue, MfaPreference, UserActions, UserMetadata } from './user.ts'
export { EnableSoftwareTokenMFAException, InvalidSignatureException, UnrecognizedClientException } from './errors.ts'
// the model's types the docs name one by one (the `export type *` below carries them too, and every other shape)
export type {
  CallInput,
  CodeDeliveryDetailsType,
  CognitoErrorName,
  OperationAuth,
  OperationErrorName,
  OperationInput,
  OperationName,
  OperationOutput,
  Operations,
  SigV4OperationName,
  UserOperationName,
} from './operations.generated.ts'
/** Every shape of the service model as a type, e.g. `Model.UserPoolType`. Types only. */
export type * as Model from './operations.generated.ts'
// …and each shape by its own name (`GetUserResponse`, `UserType`), types only: what the functions
// return must be nameable from an entry point, or a library that infers it cannot emit its
// declarations (TS2742, "cannot be named without a reference to …/operations.generated.js")
export type * from './model.generated.ts'

/**
 * cognito-edge: an Amazon Cognito User Pools client on `fetch`, WebCrypto and `BigInt`.
 *
 * The `.` entry point: the {@link Cognito} class, the transport and the error classes.
 * SRP maths alone: `cognito-edge/srp`.
 * @module
 */
export { Cognito, decodePayload } from './cognito.ts'
export type { AuthResult, AuthenticateOptions, CognitoOptions, PendingChallenge } from './cognito.ts'
// ---- issue 3: sign-in paths, tokens, devices ----
export type { DeviceCredentials, RespondOptions, UserAuthChallenge, UserAuthOptions, WebAuthnAssert } from './cognito.ts'
export { signIn, srpAnswer } from './auth.ts'
export type { SignInOptions, SrpState } from './auth.ts'
export { localStorageStore, memoryStore } from './store.ts'
export type { StorageLike, TokenStore } from './store.ts'
export { authFetch } from './auth-fetch.ts'
export type { AuthFetchOptions } from './auth-fetch.ts'
export {
  CustomChallengeError,
  DeviceChallengeError,
  EmailOtpChallengeError,
  ExpiredSessionError,
  ForceChangePasswordError,
  JwksError,
  JwtInvalid,
  MfaChallengeError,
  MfaSetupChallengeError,
  SelectChallengeError,
  SelectMfaTypeChallengeError,
  SmsMfaChallengeError,
  SoftwareTokenMfaChallengeError,
  UnknownChallengeError,
  WebAuthnChallengeError,
} from './errors.ts'
export type { JwtReason } from './errors.ts'
// ---- end issue 3 ----
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

// ---- issue 4: passwords, registration, profile, MFA settings, user objects, operation types ----
export type { SoftwareTokenSetup } from './cognito.ts'
export { cognitoToDict, customAttributes, dictToCognito, GroupObj, UserObj } from './user.ts'
export type { AttrMap, AttributeInput, AttributeValue, MfaPreference, UserActions, UserMetadata } from './user.ts'
export { EnableSoftwareTokenMFAException, InvalidSignatureException, UnrecognizedClientException } from './errors.ts'
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

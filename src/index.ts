/**
 * cognito-edge: an Amazon Cognito User Pools client on `fetch`, WebCrypto and `BigInt`.
 *
 * The `.` entry point: the {@link Cognito} class, the transport and the error classes.
 * SRP maths alone: `cognito-edge/srp`.
 * @module
 */
export { Cognito, decodePayload } from './cognito.ts'
export type { AuthResult, AuthenticateOptions, CognitoOptions, PendingChallenge } from './cognito.ts'
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

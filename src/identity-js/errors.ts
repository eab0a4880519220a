/**
 * Errors in amazon-cognito-identity-js's shape: `code` and `name` are Cognito's error name
 * (`NotAuthorizedException`, …), `message` is Cognito's message, `statusCode` the HTTP status. The
 * objects stay the library's typed errors (`err instanceof NotAuthorizedException` holds), with
 * `code` set the way acij apps test it: a lost connection is `NetworkError`, an expired challenge
 * session the `NotAuthorizedException` Cognito sent, and input the library refuses before sending
 * anything (a malformed code, a missing password) `InvalidParameterException`, as Cognito would
 * answer it.
 * @module
 */
import { ArgumentError, CognitoServiceError, ExpiredSessionError, NetworkError, NotAuthenticatedError } from '../errors.ts'

/** Give `e` the acij `code` (and `statusCode`) of what it is; anything else is returned as it is. */
export function acijError(e: unknown): unknown {
  if (e instanceof ExpiredSessionError && e.cause instanceof CognitoServiceError) e = e.cause
  if (e instanceof ArgumentError) e.name = 'InvalidParameterException'
  const code = e instanceof CognitoServiceError || e instanceof ArgumentError ? e.name : e instanceof NetworkError ? 'NetworkError' : undefined
  if (code) Object.assign(e as object, { code, statusCode: (e as { status?: number }).status })
  return e
}

/** What acij gives a call that needs a signed-in user when there is no valid session. */
export const notAuthenticated = (): NotAuthenticatedError => new NotAuthenticatedError('User is not authenticated')

/**
 * Signing users in on the server side, as admin functions: every user-side sign-in function works
 * through AdminInitiateAuth / AdminRespondToAuthChallenge once its client is wrapped by
 * {@link withAdminAuth}; {@link adminAuthenticate} is ADMIN_USER_PASSWORD_AUTH. What threat
 * protection reads about the user's request (`ContextData`) and the Pinpoint endpoint
 * (`AnalyticsMetadata`) go with every request of such a sign-in ({@link AdminAuthContext}).
 * @module
 */
import { configOf, deriveClient, type AuthSender, type CognitoClient } from '../client.ts'
import { argError, assertObj, assertStrings, optionsOf } from '../errors.ts'
import { unsafeAuth, type AuthStep, type FlowOptions } from '../functions/auth-flow.ts'
import { authenticate } from '../functions/sign-in.ts'
import type { AnalyticsMetadataType, ContextDataType } from '../operations.generated.ts'
import { signingRegion, type AdminClient } from './client.ts'
import { adminOf, adminSend } from './users.ts'

/**
 * What a server-side sign-in sends besides the flow's own members, with every AdminInitiateAuth
 * and AdminRespondToAuthChallenge: the Admin twins take no `UserContextData` (a `userContextData`
 * given to a sign-in through them is an `ArgumentError`), `contextData` is their threat-protection input.
 */
export interface AdminAuthContext {
  /**
   * Sent as `ContextData`, for threat protection: the user's request as your server received it,
   * `IpAddress` (the user's address), `ServerName` and `ServerPath` (your endpoint's host and
   * path), `HttpHeaders` (`{ headerName, headerValue }` of the user's request) and, optionally,
   * `EncodedData` (what the `AmazonCognitoAdvancedSecurityData` script collected in the browser).
   * Never logged or quoted here: the headers may hold cookies.
   */
  contextData?: ContextDataType | undefined
  /** Sent as `AnalyticsMetadata`: the Amazon Pinpoint endpoint (`AnalyticsEndpointId`) of the user. */
  analyticsMetadata?: AnalyticsMetadataType | undefined
}

/**
 * The members an {@link AdminAuthContext} adds to each request, checked as the model's shapes.
 * @throws {ArgumentError} naming the member that is missing or not a string (never its value)
 * @internal
 */
export function adminContextOf(o: AdminAuthContext | undefined, name = 'context'): { ContextData?: ContextDataType | undefined; AnalyticsMetadata?: AnalyticsMetadataType | undefined } {
  const { contextData, analyticsMetadata } = optionsOf(o, name)
  const c: unknown = contextData
  assertObj(c, 'contextData')
  if (c) {
    // the members the model requires, and EncodedData when given: strings of any length
    for (const k of ['IpAddress', 'ServerName', 'ServerPath', 'EncodedData']) {
      if (typeof c[k] !== 'string' && (k !== 'EncodedData' || c[k] !== undefined)) throw argError(`"contextData.${k}" must be a string`)
    }
    const h = c['HttpHeaders']
    if (!Array.isArray(h)) throw argError('"contextData.HttpHeaders" must be an array of { headerName, headerValue }')
    // each header an object of strings (null is not one)
    h.forEach((x, i) => assertStrings(x ?? 0, `contextData.HttpHeaders[${i}]`))
  }
  assertStrings(analyticsMetadata, 'analyticsMetadata')
  return { ContextData: contextData, AnalyticsMetadata: analyticsMetadata }
}

/**
 * Send a client's InitiateAuth / RespondToAuthChallenge as their signed Admin twins
 * (USER_PASSWORD_AUTH becomes ADMIN_USER_PASSWORD_AUTH).
 * @throws {ArgumentError} the sign-in was given a `userContextData`, before any request
 * @internal
 */
export function adminAuthSender(admin: AdminClient, ids: { userPoolId: string; clientId: string }): AuthSender {
  return (op, input, call) => {
    // the Admin twins take ContextData (the server's view of the request), not UserContextData
    if (input['UserContextData']) throw argError('give "contextData", not "userContextData"')
    const flow = input['AuthFlow'] === 'USER_PASSWORD_AUTH' ? { AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' } : {}
    return adminSend(admin, `Admin${op}`, { UserPoolId: ids.userPoolId, ClientId: ids.clientId, ...input, ...flow }, { ...call, unsafe: unsafeAuth(op, call) })
  }
}

/**
 * The same client, with its sign-ins sent as AdminInitiateAuth / AdminRespondToAuthChallenge signed
 * by `admin`: pass it to `authenticate`, `userAuth`, the `respondTo…` functions or `renewAccessToken`.
 * `context` goes with each of those requests: make one such client per user request (it is cheap).
 * @throws {ArgumentError} `client` or `admin` is not one, `context` is malformed, or `admin` signs
 * for another region than the client's pool (the requests would go where the pool is not)
 * @example
 * ```ts
 * const serverSide = withAdminAuth(client, admin, { contextData })
 * const step = await authenticate(serverSide, { username: 'bob', password, flow: 'USER_PASSWORD_AUTH' })
 * ```
 */
export function withAdminAuth(client: CognitoClient, admin: AdminClient, context?: AdminAuthContext): CognitoClient {
  const config = configOf(client)
  // the requests go where `admin` signs them: a pool of another region is refused before any
  // password is sent (a pool id that names no region, an emulator's, is taken as it is)
  signingRegion(client.userPoolId, { region: adminOf(admin).region, endpoint: '' })
  const members = adminContextOf(context)
  const send = adminAuthSender(admin, client)
  return deriveClient(client, { ...config, auth: (op, input, call) => send(op, { ...input, ...members }, call) })
}

/**
 * Sign a user in on the server side with the password (AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH;
 * the app client must allow it), with `contextData` and `analyticsMetadata` as for
 * {@link withAdminAuth} (they go with this call's requests only). Challenges are returned as for `authenticate`, to be answered
 * with the `respondTo…` functions on `withAdminAuth(client, admin)`.
 * @throws {NotAuthorizedException} | {@link UserNotConfirmedException}
 */
export async function adminAuthenticate(admin: AdminClient, client: CognitoClient, input: Omit<FlowOptions, 'srp' | 'userContextData'> & AdminAuthContext & { username: string; password: string }): Promise<AuthStep> {
  const { contextData, analyticsMetadata, ...rest } = optionsOf(input, 'input')
  return authenticate(withAdminAuth(client, admin, { contextData, analyticsMetadata }), { ...rest, flow: 'USER_PASSWORD_AUTH' })
}

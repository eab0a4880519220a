/**
 * Signing users in on the server side, as admin functions: every user-side sign-in function works
 * through AdminInitiateAuth / AdminRespondToAuthChallenge once its client is wrapped by
 * {@link withAdminAuth}; {@link adminAuthenticate} is ADMIN_USER_PASSWORD_AUTH.
 * @module
 */
import { configOf, deriveClient, type AuthSender, type CognitoClient } from '../client.ts'
import { unsafeAuth, type AuthStep, type FlowOptions } from '../functions/auth-flow.ts'
import { authenticate } from '../functions/sign-in.ts'
import { signingRegion, type AdminClient } from './client.ts'
import { adminOf, adminSend } from './users.ts'

/**
 * Send a client's InitiateAuth / RespondToAuthChallenge as their signed Admin twins
 * (USER_PASSWORD_AUTH becomes ADMIN_USER_PASSWORD_AUTH).
 * @internal
 */
export function adminAuthSender(admin: AdminClient, ids: { userPoolId: string; clientId: string }): AuthSender {
  return (op, input, call) => {
    const flow = input['AuthFlow'] === 'USER_PASSWORD_AUTH' ? { AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' } : {}
    // the Admin twins take ContextData (the server's view of the request), not UserContextData
    return adminSend(admin, `Admin${op}`, { UserPoolId: ids.userPoolId, ClientId: ids.clientId, ...input, ...flow, UserContextData: undefined }, { ...call, unsafe: unsafeAuth(op, call) })
  }
}

/**
 * The same client, with its sign-ins sent as AdminInitiateAuth / AdminRespondToAuthChallenge signed
 * by `admin`: pass it to `authenticate`, `userAuth`, the `respondTo…` functions or `renewAccessToken`.
 * @throws {ArgumentError} `client` or `admin` is not one, or `admin` signs for another region than
 * the client's pool (the requests would go where the pool is not)
 * @example
 * ```ts
 * const serverSide = withAdminAuth(client, admin)
 * const step = await authenticate(serverSide, { username: 'bob', password, flow: 'USER_PASSWORD_AUTH' })
 * ```
 */
export function withAdminAuth(client: CognitoClient, admin: AdminClient): CognitoClient {
  const config = configOf(client)
  // the requests go where `admin` signs them: a pool of another region is refused before any
  // password is sent (a pool id that names no region, an emulator's, is taken as it is)
  signingRegion(client.userPoolId, { region: adminOf(admin).region, endpoint: '' })
  return deriveClient(client, { ...config, auth: adminAuthSender(admin, client) })
}

/**
 * Sign a user in on the server side with the password (AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH;
 * the app client must allow it). Challenges are returned as for `authenticate`, to be answered
 * with the `respondTo…` functions on `withAdminAuth(client, admin)`.
 * @throws {NotAuthorizedException} | {@link UserNotConfirmedException}
 */
export async function adminAuthenticate(admin: AdminClient, client: CognitoClient, input: Omit<FlowOptions, 'srp'> & { username: string; password: string }): Promise<AuthStep> {
  return authenticate(withAdminAuth(client, admin), { ...input, flow: 'USER_PASSWORD_AUTH' })
}

/**
 * Any user-side Cognito operation, typed from the service model: the escape hatch for what the
 * named functions do not cover (their inputs and outputs are the model's own shapes).
 * @module
 */
import { request, type CognitoClient } from '../client.ts'
import { argError, optionsOf } from '../errors.ts'
import { authOf, type OperationInput, type OperationOutput, type UserOperationName } from '../operations.generated.ts'
import { checkOptions, givenOf, UNSAFE, type TransportOptions } from '../transport.ts'

/**
 * Call one user-side operation (no auth, or an access token in `input.AccessToken`). SigV4
 * operations need `createAdminClient` from `cognito-edge/admin`.
 * @throws {ArgumentError} an unknown or SigV4 operation (never quoted), or a bad option (checked as `send` checks its own), before any request
 * @example
 * ```ts
 * const { Devices } = await call(client, 'ListDevices', { AccessToken: accessToken, Limit: 10 })
 * ```
 */
export async function call<O extends UserOperationName>(client: CognitoClient, operation: O, input: OperationInput<O>, options: TransportOptions = {}): Promise<OperationOutput<O>> {
  if (authOf(operation) === 'sigv4') throw argError('"operation" is unknown or needs createAdminClient from cognito-edge/admin', 1)
  const o = givenOf(optionsOf(options))
  // the client's options were checked when it was made; this call's own are checked here
  checkOptions(o)
  return request(client, operation, optionsOf(input as object, 'input'), o, UNSAFE.test(operation))
}

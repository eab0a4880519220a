/**
 * The pool's configuration, as admin functions (SigV4): federated identity providers and app
 * clients. (Anything else: `admin.send(…)`, typed from the service model.)
 * @module
 */
import { memberOf, optionsOf } from '../errors.ts'
import { isObj } from '../lib/guards.ts'
import type { CreateIdentityProviderRequest, IdentityProviderType, UpdateIdentityProviderRequest, UpdateUserPoolClientRequest, UserPoolClientType } from '../operations.generated.ts'
import type { AdminClient } from './client.ts'
import { adminSend, need, type PoolInput } from './users.ts'

/**
 * The `IdentityProvider` of an identity-provider operation's answer.
 * @throws {ResponseError} an answer without it (a required member: such a body is not Cognito's answer)
 */
async function provider(admin: AdminClient, operation: string, input: Record<string, unknown>): Promise<IdentityProviderType> {
  return memberOf(await adminSend(admin, operation, input), operation, 'IdentityProvider', isObj)
}

/** The `UserPoolClient` of an app-client operation's answer; `{}` when Cognito sends none. */
async function appClient(admin: AdminClient, operation: string, input: Record<string, unknown>): Promise<UserPoolClientType> {
  return (await adminSend<{ UserPoolClient?: UserPoolClientType }>(admin, operation, input)).UserPoolClient ?? {}
}

/** Create a federated identity provider (CreateIdentityProvider). */
export async function adminCreateIdentityProvider(admin: AdminClient, input: PoolInput<CreateIdentityProviderRequest>): Promise<IdentityProviderType> {
  return provider(admin, 'CreateIdentityProvider', optionsOf(input, 'input'))
}

/** Describe an identity provider (DescribeIdentityProvider). */
export async function adminDescribeIdentityProvider(admin: AdminClient, providerName: string, userPoolId?: string): Promise<IdentityProviderType> {
  return provider(admin, 'DescribeIdentityProvider', { UserPoolId: userPoolId, ProviderName: need(providerName, 'providerName') })
}

/** Update an identity provider (UpdateIdentityProvider). */
export async function adminUpdateIdentityProvider(admin: AdminClient, providerName: string, changes: Omit<UpdateIdentityProviderRequest, 'UserPoolId' | 'ProviderName'>, userPoolId?: string): Promise<IdentityProviderType> {
  return provider(admin, 'UpdateIdentityProvider', { ...optionsOf(changes, 'changes'), UserPoolId: userPoolId, ProviderName: need(providerName, 'providerName') })
}

/** An app client's settings (DescribeUserPoolClient); `{}` when Cognito sends none. */
export async function describeUserPoolClient(admin: AdminClient, clientId: string, userPoolId?: string): Promise<UserPoolClientType> {
  return appClient(admin, 'DescribeUserPoolClient', { UserPoolId: userPoolId, ClientId: need(clientId, 'clientId') })
}

/**
 * Update an app client (UpdateUserPoolClient). Cognito resets every setting left out to its
 * default: read it with {@link describeUserPoolClient} and send the whole configuration.
 */
export async function adminUpdateUserPoolClient(admin: AdminClient, clientId: string, changes: Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId'>, userPoolId?: string): Promise<UserPoolClientType> {
  return appClient(admin, 'UpdateUserPoolClient', { ...optionsOf(changes, 'changes'), UserPoolId: userPoolId, ClientId: need(clientId, 'clientId') })
}

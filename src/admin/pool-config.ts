/**
 * The pool's configuration, as admin functions (SigV4): federated identity providers and app
 * clients. (Anything else: `admin.send(…)`, typed from the service model.)
 * @module
 */
import { optionsOf } from '../client.ts'
import type { CreateIdentityProviderRequest, IdentityProviderType, UpdateIdentityProviderRequest, UpdateUserPoolClientRequest, UserPoolClientType } from '../operations.generated.ts'
import type { AdminClient } from './client.ts'
import { adminSend, need, type PoolInput } from './users.ts'

/** Create a federated identity provider (CreateIdentityProvider). */
export async function adminCreateIdentityProvider(admin: AdminClient, input: PoolInput<CreateIdentityProviderRequest>): Promise<IdentityProviderType> {
  return (await adminSend<{ IdentityProvider: IdentityProviderType }>(admin, 'CreateIdentityProvider', optionsOf(input, 'input'))).IdentityProvider
}

/** Describe an identity provider (DescribeIdentityProvider). */
export async function adminDescribeIdentityProvider(admin: AdminClient, providerName: string, userPoolId?: string): Promise<IdentityProviderType> {
  const out = await adminSend<{ IdentityProvider: IdentityProviderType }>(admin, 'DescribeIdentityProvider', { UserPoolId: userPoolId, ProviderName: need(providerName, 'providerName') })
  return out.IdentityProvider
}

/** Update an identity provider (UpdateIdentityProvider). */
export async function adminUpdateIdentityProvider(admin: AdminClient, providerName: string, changes: Omit<UpdateIdentityProviderRequest, 'UserPoolId' | 'ProviderName'>, userPoolId?: string): Promise<IdentityProviderType> {
  const out = await adminSend<{ IdentityProvider: IdentityProviderType }>(admin, 'UpdateIdentityProvider', { ...optionsOf(changes, 'changes'), UserPoolId: userPoolId, ProviderName: need(providerName, 'providerName') })
  return out.IdentityProvider
}

/** An app client's settings (DescribeUserPoolClient). */
export async function describeUserPoolClient(admin: AdminClient, clientId: string, userPoolId?: string): Promise<UserPoolClientType> {
  const out = await adminSend<{ UserPoolClient: UserPoolClientType }>(admin, 'DescribeUserPoolClient', { UserPoolId: userPoolId, ClientId: need(clientId, 'clientId') })
  return out.UserPoolClient
}

/**
 * Update an app client (UpdateUserPoolClient). Cognito resets every setting left out to its
 * default: read it with {@link describeUserPoolClient} and send the whole configuration.
 */
export async function adminUpdateUserPoolClient(admin: AdminClient, clientId: string, changes: Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId'>, userPoolId?: string): Promise<UserPoolClientType> {
  const out = await adminSend<{ UserPoolClient: UserPoolClientType }>(admin, 'UpdateUserPoolClient', { ...optionsOf(changes, 'changes'), UserPoolId: userPoolId, ClientId: need(clientId, 'clientId') })
  return out.UserPoolClient
}

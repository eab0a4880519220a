/**
 * The local pool's app clients: checking what a request proves about its client (SECRET_HASH,
 * the ClientSecret itself, the auth flows the client allows), and the DescribeUserPoolClient /
 * UpdateUserPoolClient operations.
 * @module
 */
import { secretHash } from '../lib/secret-hash.ts'
import { safeEqual } from './crypto.ts'
import { checkPool, getClient, sval, type Client, type Operations, type PoolState } from './state.ts'
import { fail } from './wire.ts'

/** Check SECRET_HASH when the client has a secret (HMAC of username + client id). */
export async function checkSecretHash(client: Client, username: string | undefined, given: unknown): Promise<void> {
  if (client.clientSecret === undefined) return
  if (typeof given !== 'string' || !given) fail('NotAuthorizedException', `Client ${client.clientId} is configured for secret but secret was not received`)
  const expected = await secretHash(username || '-', client.clientId, client.clientSecret as string)
  if (!safeEqual(expected, given)) fail('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`)
}

/**
 * GetTokensFromRefreshToken and RevokeToken take the client secret itself, not a hash. A wrong
 * secret is `type`: NotAuthorizedException, or UnauthorizedException for RevokeToken, whose
 * model declares no NotAuthorizedException.
 */
export function checkClientSecret(client: Client, given: unknown, type = 'NotAuthorizedException'): void {
  if (client.clientSecret !== undefined && !safeEqual(String(given ?? ''), client.clientSecret as string)) {
    fail(type, `Unable to verify secret hash for client ${client.clientId}`)
  }
}

/** Whether the client's `explicitAuthFlows` (all flows when left out) allow `flow`. */
export function flowAllowed(client: Client, flow: string): boolean {
  const flows = client.explicitAuthFlows
  return !flows || flows.includes(`ALLOW_${flow}`) || flows.includes(flow) || (flow === 'ADMIN_USER_PASSWORD_AUTH' && flows.includes('ADMIN_NO_SRP_AUTH'))
}

/** Refuse an auth flow the client's `explicitAuthFlows` leave out. */
export function allowFlow(client: Client, flow: string): void {
  if (!flowAllowed(client, flow)) fail('InvalidParameterException', `${flow} flow not enabled for this client`)
}

/** The app client and username of an unauthenticated user operation, its SecretHash checked. */
export async function publicCaller(s: PoolState, input: Record<string, unknown>): Promise<{ client: Client; name: string }> {
  const client = getClient(s, input['ClientId'])
  const name = String(input['Username'])
  await checkSecretHash(client, name, input['SecretHash'])
  return { client, name }
}

function clientType(s: PoolState, c: Client): Record<string, unknown> {
  return {
    UserPoolId: s.poolId,
    ClientId: c.clientId,
    ClientName: c.clientName ?? 'local',
    ...(c.clientSecret !== undefined ? { ClientSecret: c.clientSecret } : {}),
    ExplicitAuthFlows: c.explicitAuthFlows ?? ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
    PreventUserExistenceErrors: c.preventUserExistenceErrors ?? 'ENABLED',
    EnableTokenRevocation: true,
    AccessTokenValidity: (c.accessTokenValidity ?? 3600) / 60,
    IdTokenValidity: (c.idTokenValidity ?? 3600) / 60,
    RefreshTokenValidity: (c.refreshTokenValidity ?? 30 * 86400) / 86400,
    TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    AuthSessionValidity: (c.authSessionValidity ?? 180) / 60,
    ...(c.refreshTokenRotation
      ? { RefreshTokenRotation: { Feature: c.refreshTokenRotation.enabled ? 'ENABLED' : 'DISABLED', RetryGracePeriodSeconds: c.refreshTokenRotation.retryGracePeriodSeconds ?? 0 } }
      : {}),
  }
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 }

/** DescribeUserPoolClient and UpdateUserPoolClient (SigV4). */
export function clientOperations(s: PoolState): Operations {
  return {
    DescribeUserPoolClient(input) {
      checkPool(s, input['UserPoolId'])
      return { UserPoolClient: clientType(s, getClient(s, input['ClientId'])) }
    },

    UpdateUserPoolClient(input) {
      checkPool(s, input['UserPoolId'])
      const c = getClient(s, input['ClientId'])
      // like Cognito, members left out are reset to their defaults, not kept
      const units = (input['TokenValidityUnits'] ?? {}) as Record<string, string>
      const toSecs = (v: unknown, unit: string | undefined, dflt: string): number | undefined => (typeof v === 'number' ? v * UNIT_SECONDS[unit ?? dflt]! : undefined)
      const rotation = input['RefreshTokenRotation'] as { Feature?: string; RetryGracePeriodSeconds?: number } | undefined
      const next: Client = {
        clientId: c.clientId,
        ...(c.clientSecret !== undefined ? { clientSecret: c.clientSecret } : {}),
        ...(sval(input['ClientName']) ? { clientName: String(input['ClientName']) } : {}),
        ...(Array.isArray(input['ExplicitAuthFlows']) ? { explicitAuthFlows: input['ExplicitAuthFlows'] as string[] } : {}),
        ...(input['PreventUserExistenceErrors'] ? { preventUserExistenceErrors: input['PreventUserExistenceErrors'] as 'ENABLED' | 'LEGACY' } : {}),
        ...(rotation ? { refreshTokenRotation: { enabled: rotation.Feature === 'ENABLED', retryGracePeriodSeconds: rotation.RetryGracePeriodSeconds ?? 0 } } : {}),
      }
      const acc = toSecs(input['AccessTokenValidity'], units['AccessToken'], 'hours')
      const id = toSecs(input['IdTokenValidity'], units['IdToken'], 'hours')
      const refresh = toSecs(input['RefreshTokenValidity'], units['RefreshToken'], 'days')
      if (acc !== undefined) next.accessTokenValidity = acc
      if (id !== undefined) next.idTokenValidity = id
      if (refresh !== undefined) next.refreshTokenValidity = refresh
      if (typeof input['AuthSessionValidity'] === 'number') next.authSessionValidity = input['AuthSessionValidity'] * 60
      s.clients[s.clients.indexOf(c)] = next
      return { UserPoolClient: clientType(s, next) }
    },
  }
}

/**
 * An in-memory Cognito user pool that speaks Cognito's wire protocol, verifies SRP for real and
 * issues real RS256 tokens. Portable: web globals only (fetch types, WebCrypto, BigInt).
 *
 * This module composes the pool from its rooms, each a set of functions over one shared state
 * (state.ts): sign-in and challenges, users and the account operations, codes and messages,
 * devices, MFA, passkeys, tokens and sessions, admin, groups, app clients, and the HTTP handler.
 * @module
 */
import { accountOperations } from './account.ts'
import { adminOperations } from './admin.ts'
import { challengeOperations } from './challenges.ts'
import { clientOperations } from './clients.ts'
import { deviceOperations } from './devices.ts'
import { groupOperations } from './groups.ts'
import { createHandler, injectFault } from './http.ts'
import { lastCode } from './messages.ts'
import { mfaOperations, setMfa, totpCode } from './mfa.ts'
import type { CallRecord, CustomAuthDecision, CustomAuthHandler, FailNextOptions, LocalClientConfig, LocalPool, LocalPoolOptions, LocalUserSeed, LocalUserView, SentMessage } from './options.ts'
import { signInOperations } from './sign-in.ts'
import { createPoolState, findUser, stateOfPool } from './state.ts'
import { jwks, tokenOperations } from './tokens.ts'
import { checkSeeds, createSeeded, seedUser } from './seeds.ts'
import { view } from './users.ts'
import { webAuthnOperations } from './webauthn.ts'

export type { CallRecord, CustomAuthDecision, CustomAuthHandler, FailNextOptions, LocalClientConfig, LocalPool, LocalPoolOptions, LocalUserSeed, LocalUserView, SentMessage }

/**
 * Create an in-memory Cognito user pool.
 *
 * @param options - pool id, clients, users, clock, policies; every field optional
 * @returns the pool: `pool.fetch` is a fetch-compatible handler serving Cognito's API, the JWKS
 *   and the OpenID configuration; the other members are an admin API for tests
 * @example
 * ```ts
 * import { createLocalPool } from 'cognito-edge/local'
 * import { Cognito } from 'cognito-edge'
 *
 * const pool = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct-horse', attributes: { email: 'alice@example.com' } }] })
 * const alice = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, username: 'alice', fetch: pool.fetch })
 * await alice.authenticate('Corr3ct-horse') // real SRP, verified by the pool
 * ```
 */
export function createLocalPool(options: LocalPoolOptions = {}): LocalPool {
  const s = createPoolState(options)
  const operations = {
    ...signInOperations(s),
    ...challengeOperations(s),
    ...accountOperations(s),
    ...tokenOperations(s),
    ...deviceOperations(s),
    ...mfaOperations(s),
    ...adminOperations(s),
    ...groupOperations(s),
    ...clientOperations(s),
    ...webAuthnOperations(s),
  }
  const seeds = options.users ?? []
  checkSeeds(s, seeds) // a seeding mistake throws here, not from a later request
  const ready = (async () => {
    for (const [i, seed] of seeds.entries()) await createSeeded(s, seed, `users[${i}]`)
  })()
  ready.catch(() => {})
  const handle = createHandler(s, operations, ready)

  const pool = {
    fetch: async (input, init) => handle(input instanceof Request && init === undefined ? input : new Request(input, init)),
    poolId: s.poolId,
    region: s.region,
    issuer: s.issuer,
    endpoint: `https://cognito-idp.${s.region}.amazonaws.com/`,
    clientId: s.clients[0]!.clientId,
    clients: s.clients,
    ready,
    messages: s.messages,
    calls: s.calls,
    addUser: async (seed) => {
      await ready
      return seedUser(s, seed)
    },
    user: (name) => {
      const u = findUser(s, name)
      return u ? view(u) : undefined
    },
    lastCode: (name, purpose) => lastCode(s, name, purpose),
    setMfa: (name, o) => setMfa(s, name, o),
    totpCode: async (name, time) => {
      await ready // seeded users first, as addUser
      return totpCode(s, name, time)
    },
    failNext: (operation, o) => injectFault(s, operation, o),
    jwks: () => jwks(s),
    now: s.now,
  } as Omit<LocalPool, 'credentials'>
  // not enumerable: logging or serialising the pool does not print the secret
  Object.defineProperty(pool, 'credentials', { value: s.credentials, enumerable: false })
  stateOfPool.set(pool, s)
  return pool as LocalPool
}

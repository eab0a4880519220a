/**
 * `cognito-edge/local`: an in-memory Cognito user pool for tests, demos and local development.
 * It speaks Cognito's wire protocol, verifies SRP for real and issues RS256 tokens; pass
 * `pool.fetch` as any client's `fetch`. Portable (web globals only). For a TCP listener on Node
 * see `cognito-edge/local/server`.
 * @module
 */
export { createLocalPool } from './pool.ts'
export type {
  CallRecord,
  CustomAuthDecision,
  CustomAuthHandler,
  FailNextOptions,
  LocalClientConfig,
  LocalPool,
  LocalPoolOptions,
  LocalUserSeed,
  LocalUserView,
  SentMessage,
} from './options.ts'
export { totp } from './crypto.ts'

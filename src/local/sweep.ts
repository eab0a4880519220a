/**
 * Keeping the local pool flat in memory over a long test run. Entries that can no longer be
 * used are swept by the pool's own clock (at most once a minute of pool time, or every 1,000
 * requests): SRP exchanges past their expiry, Sessions and codes a day after theirs (until then
 * they are answered as expired), messages older than any code they carry, refresh tokens a week
 * after they expire, revocations, sign-in origins and access-token ids
 * once no token of theirs can be valid, unconfirmed devices no access token can confirm any more,
 * lockouts of unknown names that have run out, and spent injected faults. The logs and the tables
 * a client fills without finishing (SRP exchanges, Sessions) also keep only their newest entries,
 * so the pool stays bounded even when its clock stands still.
 * @module
 */
import { runOut } from './lockout.ts'
import type { PoolState } from './state.ts'

/** `pool.calls` keeps the newest 5,000 calls. */
export const CALL_LOG_LIMIT = 5_000
/** `pool.messages` keeps the newest 2,000 messages. */
export const MESSAGE_LOG_LIMIT = 2_000
/** At most 10,000 open Sessions (Session ids); the oldest are dropped first. */
export const OPEN_SESSION_LIMIT = 10_000
/** At most 10,000 live access tokens per user are remembered (the oldest are then refused as revoked). */
export const ACCESS_TOKEN_LIMIT = 10_000
/** At most 10,000 unanswered SRP exchanges; the oldest are dropped first. */
export const OPEN_SRP_LIMIT = 10_000
/** Expired Sessions and codes are remembered a day, so they are answered as expired, not as unknown. */
const EXPIRED_KEPT_MS = 86400_000
/** Expired refresh tokens are remembered a week (they answer "Refresh Token has expired"). */
const EXPIRED_REFRESH_KEPT_MS = 7 * 86400_000
const SWEEP_EVERY_MS = 60_000
const SWEEP_EVERY_REQUESTS = 1_000

/** Drop the oldest entries of a log (in place: the pool hands the same array to tests). */
export function trimLog(log: unknown[], limit: number): void {
  if (log.length > limit) log.splice(0, log.length - limit)
}

/** Drop the oldest keys of a table (Maps iterate in insertion order). */
export function trimTable(table: Map<string, unknown>, limit: number): void {
  for (const key of table.keys()) {
    if (table.size <= limit) return
    table.delete(key)
  }
}

/** Sweep when a minute of pool time or 1,000 requests have passed since the last sweep. */
export function sweepIfDue(s: PoolState): void {
  const now = s.now()
  if (++s.upkeep.requests < SWEEP_EVERY_REQUESTS && now - s.upkeep.lastSweep < SWEEP_EVERY_MS) return
  s.upkeep.requests = 0
  s.upkeep.lastSweep = now
  sweep(s, now)
}

/** The longest an ID or access token can live: Cognito's one-day ceiling, or more if a client is set so. */
function longestAccessMs(s: PoolState): number {
  return Math.max(86400, ...s.clients.map((c) => Math.max(c.accessTokenValidity ?? 3600, c.idTokenValidity ?? 3600))) * 1000
}

/** Remove everything that can no longer be used at pool time `now`. */
export function sweep(s: PoolState, now: number): void {
  const accessMs = longestAccessMs(s)
  for (const [block, srp] of s.srps) if (srp.expires < now) s.srps.delete(block)
  for (const [id, sess] of s.sessions) if (sess.expires + EXPIRED_KEPT_MS < now) s.sessions.delete(id)
  const messageAge = Math.max(1, s.policy.temporaryPasswordValidityDays) * 86400_000
  const firstKept = s.messages.findIndex((m) => now - m.time <= messageAge)
  s.messages.splice(0, firstKept < 0 ? s.messages.length : firstKept)
  for (const [token, r] of s.refreshTokens) if (r.expires + EXPIRED_REFRESH_KEPT_MS < now) s.refreshTokens.delete(token)
  // an origin (one sign-in's token family) matters while a refresh token of it is kept, or an
  // ID / access token of it may still be unexpired
  const live = new Set<string>()
  for (const r of s.refreshTokens.values()) live.add(r.origin)
  const gone = (origin: string, since: number): boolean => !live.has(origin) && since + accessMs < now
  for (const [origin, at] of s.revokedOrigins) if (gone(origin, at)) s.revokedOrigins.delete(origin)
  for (const u of s.users.values()) {
    for (const [origin, at] of u.origins) if (gone(origin, at)) u.origins.delete(origin)
    for (const [store, c] of u.codes) if (c.expires + EXPIRED_KEPT_MS < now) u.codes.delete(store)
    for (const [jti, exp] of u.accessTokens) if (exp < now) u.accessTokens.delete(jti)
    // an unconfirmed device can only be confirmed with an access token of its sign-in
    for (const [key, d] of u.devices) if (!d.verifier && d.lastAuth + accessMs < now) u.devices.delete(key)
  }
  for (const [name, lock] of s.unknownLockouts) if (runOut(s, lock, now)) s.unknownLockouts.delete(name)
  for (let i = s.faults.length - 1; i >= 0; i--) if (s.faults[i]!.times <= 0) s.faults.splice(i, 1)
}

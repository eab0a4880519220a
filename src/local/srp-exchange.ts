/**
 * The server's side of SRP at the local pool: starting an exchange (B and the single-use
 * SECRET_BLOCK), the simulated exchange of an unknown user, and checking the client's
 * PASSWORD_CLAIM_SIGNATURE and TIMESTAMP, for user passwords and device secrets alike.
 * @module
 */
import { bytesToBig, toBase64 } from '../lib/bytes.ts'
import { randomBytes } from '../lib/webcrypto.ts'
import { N } from '../srp.ts'
import { expectedSignature, parseTimestamp, safeEqual, serverEphemeral, stableHex } from './crypto.ts'
import { refuseForgottenDevice } from './devices.ts'
import { badPassword, checkLock, preAuth, unknownNameLockout } from './lockout.ts'
import { findUser, INCORRECT, missing, type Client, type Flow, type PoolState, type Srp } from './state.ts'
import { OPEN_SRP_LIMIT, trimTable } from './sweep.ts'
import { fail } from './wire.ts'

/** The server's half of an SRP exchange: B (hex) and the single-use SECRET_BLOCK that names it for 5 minutes. */
export function serverSrp(s: PoolState, exchange: Omit<Srp, 'eph' | 'expires'>): { B: string; block: string } {
  const eph = serverEphemeral(exchange.v)
  const block = toBase64(randomBytes(128))
  s.srps.set(block, { ...exchange, eph, expires: s.now() + 300_000 })
  trimTable(s.srps, OPEN_SRP_LIMIT)
  return { B: eph.B.toString(16), block }
}

function srpChallenge(s: PoolState, flow: Flow | undefined, A: bigint, v: bigint, salt: string, name: string, clientId: string, unknownName?: string): Record<string, unknown> {
  const { B, block } = serverSrp(s, { flow, kind: 'user', A, v, prefix: s.poolName, id: name, clientId, ...(unknownName !== undefined ? { unknownName } : {}) })
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { SALT: salt, SECRET_BLOCK: block, SRP_B: B, USERNAME: name, USER_ID_FOR_SRP: name },
  }
}

/** The client's SRP_A: hex, and not a multiple of N (which would make the shared secret 0). */
export function parseA(hex: unknown): bigint {
  if (typeof hex !== 'string') return missing('SRP_A')
  if (!/^[0-9a-fA-F]{1,1024}$/.test(hex)) fail('InvalidParameterException', 'SRP_A is not a valid hex string')
  const A = BigInt('0x' + hex)
  if (A % N === 0n) fail('InvalidParameterException', 'SRP_A mod N cannot be 0')
  return A
}

/** 32 hex digits written as a version-4 UUID (what a user's sub looks like). */
const uuidShaped = (h: string): string => `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`

/** The PASSWORD_VERIFIER challenge for `flow`'s user, or (no flow) a simulated one for an unknown name. */
export async function startSrp(s: PoolState, flow: Flow | undefined, name: string, srpA: unknown, client: Client): Promise<Record<string, unknown>> {
  const A = parseA(srpA)
  if (!flow) {
    // PreventUserExistenceErrors: a simulated challenge shaped like a real one (a stable salt
    // written the way real salts are, and in pools that sign in by email or phone a stable
    // sub-like USER_ID_FOR_SRP); it can only fail
    const lower = name.toLowerCase()
    const salt = BigInt('0x' + (await stableHex(s.fakeKey, lower))).toString(16)
    const id = s.usernameAttributes.length ? uuidShaped(await stableHex(s.fakeKey, 'sub:' + lower)) : name
    return srpChallenge(s, undefined, A, bytesToBig(randomBytes(384)) % N, salt, id, client.clientId, name)
  }
  const u = flow.user
  if (!u.verifier) fail('NotAuthorizedException', INCORRECT)
  return srpChallenge(s, flow, A, u.verifier.v, u.verifier.salt.toString(16), u.username, client.clientId)
}

/** Check a PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER answer; returns the exchange it completes. */
export async function verifySrp(s: PoolState, cr: Record<string, string>, kind: 'user' | 'device', client: Client): Promise<Srp> {
  const block = cr['PASSWORD_CLAIM_SECRET_BLOCK'] ?? missing('PASSWORD_CLAIM_SECRET_BLOCK')
  const signature = cr['PASSWORD_CLAIM_SIGNATURE'] ?? missing('PASSWORD_CLAIM_SIGNATURE')
  const timestamp = cr['TIMESTAMP'] ?? missing('TIMESTAMP')
  const srp = s.srps.get(block)
  if (!srp || srp.kind !== kind || srp.clientId !== client.clientId || srp.expires < s.now()) fail('NotAuthorizedException', INCORRECT)
  const ts = parseTimestamp(timestamp)
  if (ts === undefined) fail('InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.')
  if (kind === 'user' && srp.flow) refuseForgottenDevice(srp.flow.user, cr['DEVICE_KEY'])
  s.srps.delete(block) // single use, whatever the outcome
  const u = srp.flow?.user
  if (u) {
    const named = findUser(s, cr['USERNAME'] ?? '')
    if (named !== u) fail('NotAuthorizedException', INCORRECT)
    preAuth(u, client.preventUserExistenceErrors !== 'LEGACY') // disabled or reset since InitiateAuth
  }
  // the password lockout: the user's, or the unknown name's (device secrets have none)
  const lock = kind === 'device' ? undefined : u ? u.lockout : srp.unknownName !== undefined ? unknownNameLockout(s, srp.unknownName) : undefined
  if (lock) checkLock(s, lock)
  if (Math.abs(ts - s.now()) > s.timestampWindowMs) {
    // a wrong clock, not a wrong password: its own message (the pool's wording), the signature is
    // not looked at, and it never counts toward a lockout; the SECRET_BLOCK is used up all the same
    fail('NotAuthorizedException', `TIMESTAMP is more than ${s.timestampWindowMs / 1000} seconds from the server's time: check the client's clock.`)
  }
  const expected = await expectedSignature(srp.A, srp.eph, srp.v, srp.prefix, srp.id, block, timestamp)
  // a lockout a concurrent answer started meanwhile refuses this one, uncounted (as checkPassword)
  if (lock) checkLock(s, lock)
  if (!safeEqual(expected, signature)) {
    if (lock) badPassword(s, lock)
    fail('NotAuthorizedException', INCORRECT)
  }
  return srp
}

/**
 * Helpers for the sign-in replay tests: a Cognito on a fixture's replaying fetch, a seeded rng,
 * and the independent check of every SRP proof the client sent.
 */
import assert from 'node:assert/strict'
import { Cognito, type CognitoOptions } from '../../src/index.ts'
import { replay, type Fixture, type SeenRequest } from './replay.ts'
import { makeVerifier, serverStep } from './srp-server.ts'
import { CLIENT, NOW, POOL, TYPED } from './signin-data.ts'

/** Deterministic bytes (not random: tests only). */
export function seededRng(seed = 1): (n: number) => Uint8Array {
  let s = seed
  return (n) => Uint8Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 16) & 255)
}

/** A user on the fixture's replaying fetch, with a fixed clock and rng. */
export function userFor(fixture: unknown, options: Partial<CognitoOptions> = {}) {
  const r = replay(fixture as Fixture)
  const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, username: TYPED, fetch: r.fetch, now: () => NOW, rng: seededRng(), retry: false, ...options })
  return { user, ...r }
}

interface SrpInfo {
  prefix: string
  id: string
  password: string
  salt: string
  b: string
}

/**
 * Check every PASSWORD_VERIFIER / DEVICE_PASSWORD_VERIFIER answer in `seen` with the independent
 * server-side SRP of srp-server.ts, using the verifier and `b` recorded in the fixture.
 * @returns the SRP_A values used (user first, then device), so tests can assert they differ
 */
export function checkSrp(fixture: unknown, seen: SeenRequest[]): string[] {
  const f = fixture as { srp?: SrpInfo; deviceSrp?: SrpInfo }
  const used: string[] = []
  let lastA: string | undefined
  for (const s of seen) {
    const b = s.body as { AuthParameters?: Record<string, string>; ChallengeResponses?: Record<string, string>; ChallengeName?: string }
    const a = b.AuthParameters?.['SRP_A'] ?? b.ChallengeResponses?.['SRP_A']
    if (a) lastA = a
    const kind = b.ChallengeName === 'PASSWORD_VERIFIER' ? f.srp : b.ChallengeName === 'DEVICE_PASSWORD_VERIFIER' ? f.deviceSrp : undefined
    if (!kind) continue
    assert.ok(lastA, 'an SRP_A was sent before the verifier answer')
    const { v } = makeVerifier(kind.prefix, kind.id, kind.password, BigInt('0x' + kind.salt))
    const step = serverStep(kind.prefix, kind.id, v, BigInt('0x' + kind.b))
    const r = b.ChallengeResponses!
    assert.ok(
      step.verify(BigInt('0x' + lastA), Buffer.from(r['PASSWORD_CLAIM_SECRET_BLOCK']!, 'base64'), r['TIMESTAMP']!, r['PASSWORD_CLAIM_SIGNATURE']!),
      `${b.ChallengeName} signature verifies against the server-side SRP`,
    )
    used.push(lastA)
  }
  return used
}

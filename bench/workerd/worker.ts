/**
 * workerd test worker: `LOGINS` SRP client computations inside the Workers runtime, either full
 * logins (MODE=login: a, A, u, x, S, HKDF, signature, as bench/login.ts defines them) or only
 * the key pair (MODE=session: createSrpSession, the part that can be prepared ahead), or
 * cognito-srp-helper 2.3.4's login computation for comparison (MODE=srp-helper).
 *
 * workerd's clocks only advance across I/O, so time is measured outside: bench/workerd.ts runs
 * `workerd test` with LOGINS = 0 and LOGINS = n and divides the difference by n (anchors.md
 * §2.2 footnote 1 does the same). The cases are made in both runs, so their cost cancels out.
 */
import { createSrpSession, signSrpSession } from 'cognito-srp-helper'
import { createSrpSession as ourSession } from '../../src/srp.ts'
import { formatTimestamp, makeCases, ourLogin, POOL_ID, type Case } from '../login.ts'

/** cognito-srp-helper's login computation (it runs in workerd without flags; acij needs nodejs_compat). */
const theirs = (c: Case): string =>
  signSrpSession(
    { ...createSrpSession(c.userId, c.password, POOL_ID, false), timestamp: formatTimestamp(c.date) },
    { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: c.salt, SECRET_BLOCK: c.secretBlock, SRP_B: c.srpB, USER_ID_FOR_SRP: c.userId } } as never,
  ).passwordSignature

interface Env {
  LOGINS: string
  BYTES: string
  MODE: string
}

export default {
  async test(_ctrl: unknown, env: Env): Promise<void> {
    const n = Number(env.LOGINS)
    const bytes = Number(env.BYTES)
    const cases = makeCases(4)
    let out = ''
    for (let i = 0; i < n; i++) {
      const c = cases[i % cases.length]!
      out = env.MODE === 'session' ? ourSession(undefined, bytes).A.toString(36) : env.MODE === 'srp-helper' ? theirs(c) : await ourLogin(c, bytes)
    }
    if (n && !out) throw new Error('no output')
  },
}

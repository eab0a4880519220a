/**
 * workerd test worker: `LOGINS` SRP client computations inside the Workers runtime, either full
 * logins (MODE=login: a, A, u, x, S, HKDF, signature, as bench/login.ts defines them) or only
 * the key pair (MODE=session: createSrpSession, the part that can be prepared ahead).
 *
 * workerd's clocks only advance across I/O, so time is measured outside: bench/workerd.ts runs
 * `workerd test` with LOGINS = 0 and LOGINS = n and divides the difference by n (anchors.md
 * §2.2 footnote 1 does the same). The cases are made in both runs, so their cost cancels out.
 */
import { createSrpSession } from '../../src/srp.ts'
import { makeCases, ourLogin } from '../login.ts'

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
      out = env.MODE === 'session' ? createSrpSession(undefined, bytes).A.toString(36) : await ourLogin(cases[i % cases.length]!, bytes)
    }
    if (n && !out) throw new Error('no output')
  },
}

/**
 * Our plans for the cold-login benchmark (bench/cold/steps.ts says what a plan is):
 * - `ours`, `ours-<bits>`: `createSrpSession()` then `passwordVerifier()` in one step, at the
 *   default size and at 264, 384 (the former default) and 1024 bits (the AWS clients' size);
 * - `ours-prepared`: `createSrpSession()` as its own step (done ahead, e.g. during an earlier
 *   request), then `passwordVerifier()`, the part after SRP_B arrives;
 * - `ours-precomputed`: `precomputeSrp()` as its own step (the startup work a Worker does at
 *   global scope), then the default login;
 * - `ours-phases`: the same login from the exported building blocks, one phase per step.
 * @module
 */
import { calculateU, calculateX, claimSignature, createSrpSession, deriveKey, formatTimestamp, g, k, mod, modPow, N, parseSalt, parseServerB, passwordVerifier, precomputeSrp } from '../../../src/srp.ts'
import { poolName, type ColdCase, type Outcome, type Plans, type Step } from '../steps.ts'

interface State {
  a?: bigint
  A?: bigint
  u?: bigint
  x?: bigint
  gx?: bigint
  S?: bigint
  key?: Uint8Array
}

function ours(c: ColdCase, done: (o: Outcome) => void, s: State, bytes?: number) {
  const prefix = poolName(c)
  return {
    session: (): void => {
      const { a, A } = createSrpSession(undefined, bytes)
      s.a = a
      s.A = A
    },
    verify: async (): Promise<void> => {
      const r = await passwordVerifier({ a: s.a!, A: s.A!, srpB: c.srpB, salt: c.salt, secretBlock: c.secretBlock, prefix, id: c.userId, secret: c.password, date: new Date(c.date) })
      done({ A: s.A!.toString(16), signature: r.signature })
    },
  }
}

export const plans: Plans = {
  ours: (c, done) => {
    const o = ours(c, done, {})
    return [['login', async () => (o.session(), o.verify())]]
  },
  ...Object.fromEntries(
    [264, 384, 1024].map((bits): [string, Plans[string]] => [`ours-${bits}`, (c, done) => {
      const o = ours(c, done, {}, bits / 8)
      return [['login', async () => (o.session(), o.verify())]]
    }]),
  ),
  'ours-prepared': (c, done) => {
    const o = ours(c, done, {})
    return [['prepare A (createSrpSession)', o.session], ['login after SRP_B (passwordVerifier)', o.verify]]
  },
  'ours-precomputed': (c, done) => {
    const o = ours(c, done, {})
    return [['precomputeSrp() (a Worker runs it at global scope)', () => precomputeSrp()], ['login', async () => (o.session(), o.verify())]]
  },
  'ours-phases': (c, done) => {
    const s: State = {}
    const prefix = poolName(c)
    const B = parseServerB(c.srpB)
    return [
      ['a, A = g^a', ours(c, done, s).session],
      ['u, x (SHA-256 ×3)', async () => void ([s.u, s.x] = await Promise.all([calculateU(s.A!, B), calculateX(parseSalt(c.salt), prefix, c.userId, c.password)]))],
      ['g^x', () => void (s.gx = modPow(g, s.x!, N))],
      ['S = (B − k·g^x)^(a + u·x)', () => void (s.S = modPow(mod(B - k * s.gx!, N), s.a! + s.u! * s.x!, N))],
      ['HKDF', async () => void (s.key = await deriveKey(s.S!, s.u!))],
      ['signature (HMAC)', async () => {
        const signature = await claimSignature(s.key!, prefix, c.userId, c.secretBlock, formatTimestamp(new Date(c.date)))
        done({ A: s.A!.toString(16), signature })
      }],
    ] satisfies Step[]
  },
}

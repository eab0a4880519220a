/**
 * The cold-login benchmark's portable half: what every plan shares. A plan is one SRP login split
 * into named steps over one state; bench/cold.ts runs each step on its own in a fresh Node
 * process, a fresh workerd isolate or a fresh Chromium page and reads the CPU it took. The last
 * step leaves `{ A, signature }`, which the runner checks against the server half of the
 * exchange, so a broken implementation cannot post a time. Each implementation's plans live in
 * their own module (bench/cold/plans/), bundled on their own, so no bundle carries another
 * library's code (a bigger heap makes a fresh runtime's first garbage collections dearer).
 * @module
 */

/** One exchange's server values, as Cognito's PASSWORD_VERIFIER challenge delivers them. */
export interface ColdCase {
  poolId: string
  srpB: string
  salt: string
  secretBlock: string
  userId: string
  password: string
  /** the login's clock (ms since epoch), fixed so the runner can check the signature */
  date: number
  /** the same instant as Cognito's TIMESTAMP, for the libraries that take it as a string */
  timestamp: string
}

/** What a plan leaves behind for the check. */
export interface Outcome {
  A: string
  signature: string
}

export type Step = [name: string, run: () => Promise<void> | void]

/** A plan's steps and, once the last one ran, its outcome. */
export interface Plan {
  steps: Step[]
  outcome: () => Outcome | undefined
}

/** A module's plans: name → (case, where to leave the outcome) → steps. */
export type Plans = Record<string, (c: ColdCase, done: (o: Outcome) => void) => Step[]>

export const poolName = (c: ColdCase): string => c.poolId.slice(c.poolId.indexOf('_') + 1)

export function plan(plans: Plans, name: string, c: ColdCase): Plan {
  const make = plans[name]
  if (!make) throw new Error(`unknown plan ${name}`)
  let out: Outcome | undefined
  return { steps: make(c, (o) => (out = o)), outcome: () => out }
}

/**
 * The side-by-side harness of the identity-js README tests: each scenario is written once, as
 * amazon-cognito-identity-js's README writes it (callbacks, `alert`, `console.log`, `prompt`), and
 * runs twice in the same test run, once with the real amazon-cognito-identity-js 6.3.21 and once
 * with `cognito-edge/identity-js`, each against its own local pool served over HTTP (acij uses the
 * global fetch, so the pool is reached through a real socket). What the app "shows" (alerts and
 * log lines, tokens and ids normalised) is recorded for both and compared: a behaviour difference
 * is a visible test failure, or an expected difference stated in the test.
 * Node only (sockets, and acij's CommonJS build).
 */
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import acijModule from 'amazon-cognito-identity-js'
import * as ours from '../../src/identity-js.ts'
import { createLocalPool, type LocalPool, type LocalPoolOptions } from '../../src/local/index.ts'
import { listen, type LocalServer } from '../../src/local/server.ts'

/** The module type of amazon-cognito-identity-js: the new entry must be assignable to it. */
export type Lib = typeof import('amazon-cognito-identity-js')

const acij = acijModule as unknown as Lib
/** Both packages, acij first (the reference). The assignment type-checks the new entry against acij's declarations. */
export const LIBS: ReadonlyArray<readonly [string, Lib]> = [
  ['amazon-cognito-identity-js', acij],
  ['cognito-edge/identity-js', ours],
]

/** A local pool for one run of one scenario, with the README's `poolData` pointing at it. */
export interface Env {
  pool: LocalPool
  poolData: { UserPoolId: string; ClientId: string; endpoint: string }
  /** Move the pool's clock 30 s on, so the next TOTP code is a fresh one. */
  tick(): void
}

const servers: LocalServer[] = []
after(() => Promise.all(servers.map((s) => s.close())))
let n = 0

/** A fresh pool (its own client id, so the packages' shared default storages never mix runs) served over HTTP. */
export async function envOf(options: LocalPoolOptions = {}): Promise<Env> {
  const clientId = `readmeclient${String(++n).padStart(4, '0')}`
  let offset = 0
  const pool = createLocalPool({ shareKeys: true, clock: () => Date.now() + offset, ...options, clients: [{ clientId, ...options.clients?.[0] }] })
  const server = await listen(pool, { port: 0 })
  servers.push(server)
  return { pool, poolData: { UserPoolId: pool.poolId, ClientId: clientId, endpoint: server.url }, tick: () => void (offset += 30_000) }
}

/** Values that differ between any two runs (tokens, ids, keys, codes, times) replaced by their kind. */
export function normalise(s: string): string {
  return s
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '<jwt>')
    .replace(/[\w-]+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<device-key>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\b[A-Z2-7]{32,}\b/g, '<totp-secret>')
    .replace(/\b1[0-9]{9}(\.[0-9]+)?\b/g, '<time>')
}

/** What the README's code shows: `alert`, `console.log` and `console.error`, recorded in order. */
export function recorder() {
  const events: string[] = []
  const waiters: Array<[number, () => void]> = []
  const push = (line: string): void => {
    events.push(normalise(line))
    for (const [k, w] of waiters) if (events.length >= k) w()
  }
  const show = (...m: unknown[]): void => push(m.map((x) => (typeof x === 'string' ? x : JSON.stringify(x) ?? String(x))).join(' '))
  return {
    events,
    alert: (m: unknown) => push(`alert: ${String(m)}`),
    console: { log: show, error: (...m: unknown[]) => show('error:', ...m) },
    /** Resolves with the events once there are `count` of them (or after 20 s, with a timeout mark). */
    after(count: number): Promise<string[]> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve([...events, `timeout waiting for event ${count}`]), 20_000)
        const done = (): void => {
          clearTimeout(timer)
          // let a wrongly repeated callback show up too
          setTimeout(() => resolve([...events]), 50)
        }
        if (events.length >= count) done()
        else waiters.push([count, done])
      })
    },
  }
}

/** A scenario: the README's code for one library, returning what it showed. */
export type Scenario = (L: Lib, name: string) => Promise<string[]>

/**
 * Run `scenario` with acij, then with the new entry, then compare what each showed. `expect`, when
 * given, states a deliberate difference: it receives acij's events and returns ours.
 */
export function sideBySide(title: string, scenario: Scenario, expect?: (acijEvents: string[]) => string[]): void {
  const seen: Record<string, string[]> = {}
  for (const [name, L] of LIBS) {
    test(`${title} — ${name}`, async (t) => {
      seen[name] = await scenario(L, name)
      t.diagnostic(`${name}: ${JSON.stringify(seen[name])}`)
      assert.ok(seen[name].length > 0, 'the scenario showed something')
      assert.ok(!seen[name].some((e) => e.startsWith('timeout')), `${name} never called back: ${JSON.stringify(seen[name])}`)
    })
  }
  test(`${title} — same behaviour`, () => {
    const [a, b] = [seen[LIBS[0]![0]], seen[LIBS[1]![0]]]
    assert.ok(a && b, 'both runs finished')
    assert.deepEqual(b, expect ? expect(a) : a)
  })
}

/** A user signed in with USER_SRP_AUTH through `L`, as README use case 4 does it. */
export function signIn(L: Lib, env: Env, Username: string, Password: string, Storage?: any): Promise<InstanceType<Lib['CognitoUser']>> {
  const userPool = new L.CognitoUserPool({ ...env.poolData, ...(Storage ? { Storage } : {}) })
  const cognitoUser = new L.CognitoUser({ Username, Pool: userPool, ...(Storage ? { Storage } : {}) })
  return new Promise((resolve, reject) => {
    cognitoUser.authenticateUser(new L.AuthenticationDetails({ Username, Password }), { onSuccess: () => resolve(cognitoUser), onFailure: reject })
  })
}

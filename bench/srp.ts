/**
 * SRP login CPU, side by side in one process: ours against amazon-cognito-identity-js, Amplify
 * v6 and cognito-srp-helper on identical inputs. Runs under Node (through tsx), Bun and Deno:
 *
 *   node --expose-gc --import tsx bench/srp.ts [--quick] [--json]
 *   npx bun bench/srp.ts ;  npx deno run -A --v8-flags=--expose-gc bench/srp.ts
 *
 * First the oracle: every implementation must produce the same PASSWORD_CLAIM_SIGNATURE for the
 * same a, B, salt, secret block and timestamp (else it exits 1). Then rounds: each round runs
 * every implementation once on the same case, in a rotating order, so load from other processes
 * is shared fairly, with a full GC (when exposed) before each call so nobody pays for another's
 * garbage; the first WARM rounds are discarded. Reported per login: median / min / max CPU time
 * (process.cpuUsage around the call, which includes WebCrypto's worker threads on Node, and is
 * robust to other processes sharing the cores), the median wall time, and the ratio of each
 * median to ours.
 * @module
 */
import process from 'node:process'
import { calculateA, createSrpSession } from '../src/srp.ts'
import { loadAnchors, type Anchor } from './anchors.ts'
import { baselineLogin, makeCases, ourAnswer, ourLogin, rng, type Case } from './login.ts'

export interface Row {
  name: string
  /** median wall time per login, ms */
  wall: number
  /** median / min / max CPU time per login (process.cpuUsage around each call), ms */
  cpu: number
  cpuMin: number
  cpuMax: number
  /** median CPU and median wall relative to ours (row 0) */
  ratio?: number
  wallRatio?: number
}
export interface SrpResult {
  runtime: string
  runs: number
  warm: number
  first: number
  rows: Row[]
  anchorsError?: string
}

export function runtimeName(): string {
  const G = globalThis as { Bun?: { version: string }; Deno?: { version: { deno: string; v8: string } } }
  if (G.Bun) return `Bun ${G.Bun.version} (JavaScriptCore)`
  if (G.Deno) return `Deno ${G.Deno.version.deno} (V8 ${G.Deno.version.v8})`
  return `Node ${process.version} (V8 ${process.versions.v8})`
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** The correctness oracle: identical signatures for identical inputs, 384- and 1024-bit a. */
export async function oracle(anchors: Anchor[], cases: Case[]): Promise<number> {
  let checked = 0
  for (const [i, c] of cases.entries()) {
    const a = BigInt('0x' + Array.from(rng(i % 2 ? 128 : 48), (b) => b.toString(16).padStart(2, '0')).join(''))
    const want = await ourAnswer(c, a, calculateA(a))
    for (const x of anchors) {
      const got = await x.sign(c, a)
      if (got !== want) throw new Error(`oracle: ${x.name} signs case ${i} differently (${got} vs ours ${want})`)
      checked++
    }
  }
  return checked
}

/** A full GC when the runtime exposes one (node --expose-gc, deno --v8-flags=--expose-gc, Bun.gc). */
export const collect = (): void => {
  const G = globalThis as { gc?: () => void; Bun?: { gc(full: boolean): void } }
  if (G.Bun) G.Bun.gc(true)
  else G.gc?.()
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 3))

export async function benchSrp(opts: { runs: number; warm: number; anchors: boolean; log?: (s: string) => void }): Promise<SrpResult> {
  const log = opts.log ?? (() => {})
  const cases = makeCases(Math.min(40, Math.max(opts.runs + opts.warm, 4)))
  const t0 = performance.now()
  await ourLogin(cases[0]!) // first login in this process: includes building the g = 2 table and JIT warm-up
  const first = performance.now() - t0
  let anchors: Anchor[] = []
  let anchorsError: string | undefined
  if (opts.anchors) {
    try {
      anchors = await loadAnchors()
    } catch (e) {
      anchorsError = String(e)
      log(`anchors skipped: ${anchorsError}`)
    }
  }
  if (anchors.length) log(`oracle: ${await oracle(anchors, cases.slice(0, 4))} signatures identical to ours (4 cases, 384- and 1024-bit a)`)
  const pre = new Map<Case, { a: bigint; A: bigint }>()
  const impls: { name: string; run: (c: Case) => Promise<string> }[] = [
    { name: 'cognito-edge (384-bit a, default): A + u, x, S, HKDF, signature', run: (c) => ourLogin(c) },
    { name: 'cognito-edge (1024-bit a, AWS-client size)', run: (c) => ourLogin(c, 128) },
    { name: 'cognito-edge, A prepared ahead (createSrpSession): after SRP_B only', run: (c) => { const s = pre.get(c)!; return ourAnswer(c, s.a, s.A) } },
    { name: 'before: foundation BigInt 4-bit window, 1024-bit a', run: (c) => baselineLogin(c) },
    ...anchors.map((x) => ({ name: x.name, run: (c: Case) => x.login(c) })),
  ]
  const wall = impls.map((): number[] => [])
  const cpu = impls.map((): number[] => [])
  const rounds = opts.warm + opts.runs
  for (let r = 0; r < rounds; r++) {
    const c = cases[r % cases.length]!
    pre.set(c, createSrpSession(rng))
    for (let j = 0; j < impls.length; j++) {
      const i = (j + r) % impls.length
      collect() // outside the timed region: nobody pays for another library's garbage…
      await settle() // …nor for the GC's concurrent sweeper threads still finishing it
      const u0 = process.cpuUsage()
      const s = performance.now()
      await impls[i]!.run(c)
      const d = performance.now() - s
      const u1 = process.cpuUsage(u0)
      if (r >= opts.warm) {
        wall[i]!.push(d)
        cpu[i]!.push((u1.user + u1.system) / 1000)
      }
    }
    if (r === opts.warm - 1) log(`warm-up done (${opts.warm} rounds)`)
  }
  const rows: Row[] = impls.map((x, i) => ({ name: x.name, wall: median(wall[i]!), cpu: median(cpu[i]!), cpuMin: Math.min(...cpu[i]!), cpuMax: Math.max(...cpu[i]!) }))
  for (const row of rows) {
    row.ratio = row.cpu / rows[0]!.cpu
    row.wallRatio = row.wall / rows[0]!.wall
  }
  return { runtime: runtimeName(), runs: opts.runs, warm: opts.warm, first, rows, ...(anchorsError ? { anchorsError } : {}) }
}

export function srpTable(r: SrpResult): string {
  const f = (x: number): string => x.toFixed(2)
  const lines = [
    `SRP login CPU on ${r.runtime}: ${r.runs} timed rounds after ${r.warm} warm-up rounds (ms per login)`,
    '',
    '| implementation | CPU median | CPU min | CPU max | wall median | × ours (CPU) | × ours (wall) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map((x) => `| ${x.name} | ${f(x.cpu)} | ${f(x.cpuMin)} | ${f(x.cpuMax)} | ${f(x.wall)} | ${x.ratio!.toFixed(1)} | ${x.wallRatio!.toFixed(1)} |`),
    '',
    `First login in the process (builds the g = 2 table, cold JIT): ${f(r.first)} ms.`,
  ]
  if (r.anchorsError) lines.push(`Anchor libraries not run here: ${r.anchorsError}`)
  return lines.join('\n')
}

const isMain = (() => {
  const G = globalThis as { Deno?: { mainModule: string } }
  const main = G.Deno ? G.Deno.mainModule : process.argv[1] ? new URL(`file://${process.argv[1]}`).href : ''
  return main === import.meta.url || main.endsWith('/bench/srp.ts')
})()

if (isMain) {
  const args = process.argv.slice(2)
  const quick = args.includes('--quick')
  const r = await benchSrp({ runs: quick ? 1 : 40, warm: quick ? 1 : 5, anchors: !args.includes('--no-anchors'), log: (s) => console.error(s) })
  console.log(args.includes('--json') ? JSON.stringify(r) : srpTable(r))
}

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
import { calculateA, createSrpSession, DEFAULT_PRIVATE_BYTES, modPow, N } from '../src/srp.ts'
import { loadAnchors, type Anchor } from './anchors.ts'
import { baselineLogin, floorLogin, makeCases, ourAnswer, ourLogin, powLogin, refPow, rng, type Case } from './login.ts'

const BITS = DEFAULT_PRIVATE_BYTES * 8
const big = (bytes: Uint8Array): bigint => BigInt('0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''))

/** b^e mod N by OpenSSL (`node:crypto` Diffie-Hellman with Cognito's prime): Node only, else undefined. */
async function nativePow(): Promise<((b: bigint, e: bigint) => bigint) | undefined> {
  const G = globalThis as { Bun?: unknown; Deno?: unknown }
  if (G.Bun || G.Deno) return undefined // Bun spends ~1 s of CPU on the prime check at construction
  const { createDiffieHellman } = await import('node:crypto')
  const buf = (v: bigint): Uint8Array => {
    const h = v.toString(16)
    return Uint8Array.from((h.length % 2 ? '0' + h : h).match(/../g)!, (x) => parseInt(x, 16))
  }
  const dh = createDiffieHellman(buf(N), buf(2n))
  return (b, e) => {
    dh.setPrivateKey(buf(e))
    return big(dh.computeSecret(buf(b)))
  }
}

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
  /** S = base^(a + u·x) alone: median CPU ms per exponentiation, by exponent size */
  s: { name: string; bits: number; cpu: number }[]
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

/** The correctness oracle: identical signatures for identical inputs, our default and 1024-bit a. */
export async function oracle(anchors: Anchor[], cases: Case[], native?: (b: bigint, e: bigint) => bigint): Promise<number> {
  let checked = 0
  const refs: Anchor[] = [
    { name: 'floor', login: async () => '', sign: (c, a) => powLogin(c, a, refPow(2n, a), refPow) },
    ...(native ? [{ name: 'createDiffieHellman', login: async () => '', sign: (c: Case, a: bigint) => powLogin(c, a, native(2n, a), native) }] : []),
  ]
  for (const [i, c] of cases.entries()) {
    const a = big(rng(i % 2 ? 128 : DEFAULT_PRIVATE_BYTES))
    const want = await ourAnswer(c, a, calculateA(a))
    for (const x of [...anchors, ...refs]) {
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
  const native = await nativePow()
  log(`oracle: ${await oracle(anchors, cases.slice(0, 4), native)} signatures identical to ours (4 cases, ${BITS}- and 1024-bit a)`)
  const pre = new Map<Case, { a: bigint; A: bigint }>()
  const nativeLogin = (bytes: number) => (c: Case): Promise<string> => {
    const a = big(rng(bytes))
    return powLogin(c, a, native!(2n, a), native!)
  }
  const impls: { name: string; run: (c: Case) => Promise<string> }[] = [
    { name: `cognito-edge (${BITS}-bit a, default): A + u, x, S, HKDF, signature`, run: (c) => ourLogin(c) },
    { name: 'cognito-edge (1024-bit a, the AWS clients\' size)', run: (c) => ourLogin(c, 128) },
    { name: 'cognito-edge, A prepared ahead (createSrpSession): after SRP_B only', run: (c) => { const s = pre.get(c)!; return ourAnswer(c, s.a, s.A) } },
    { name: `floor: plain BigInt square-and-multiply, ${BITS}-bit a`, run: (c) => floorLogin(c, DEFAULT_PRIVATE_BYTES) },
    { name: 'floor: plain BigInt square-and-multiply, 1024-bit a', run: (c) => floorLogin(c, 128) },
    ...(native ? [{ name: `reference: node:crypto createDiffieHellman (OpenSSL), ${BITS}-bit a`, run: nativeLogin(DEFAULT_PRIVATE_BYTES) }, { name: 'reference: node:crypto createDiffieHellman (OpenSSL), 1024-bit a', run: nativeLogin(128) }] : []),
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
  log('S alone…')
  const sRows = await benchS(opts.runs + opts.warm, opts.warm, native)
  return { runtime: runtimeName(), runs: opts.runs, warm: opts.warm, first, rows, s: sRows, ...(anchorsError ? { anchorsError } : {}) }
}

/**
 * S = base^e mod N alone, e as long as a + u·x is (our default size + 1 bit, and 1024 + 1):
 * ours (`modPow`, Montgomery with a sliding window), the plain floor and OpenSSL, in rotating
 * order on the same random base and exponent each round, each result checked against the floor.
 */
async function benchS(rounds: number, warm: number, native?: (b: bigint, e: bigint) => bigint): Promise<SrpResult['s']> {
  const ways: [string, (b: bigint, e: bigint) => bigint][] = [
    ['cognito-edge modPow (Montgomery, 5-bit sliding window)', (b, e) => modPow(b, e, N)],
    ['floor: plain square-and-multiply with %', refPow],
    ...(native ? [['node:crypto createDiffieHellman (OpenSSL)', native] as [string, (b: bigint, e: bigint) => bigint]] : []),
  ]
  const out: SrpResult['s'] = []
  for (const bits of [BITS + 1, 1025]) {
    const cpu = ways.map((): number[] => [])
    for (let r = 0; r < rounds; r++) {
      const base = (big(rng(384)) % (N - 3n)) + 2n
      const e = big(rng(Math.ceil(bits / 8))) | (1n << BigInt(bits - 1))
      let want: bigint | undefined
      for (let j = 0; j < ways.length; j++) {
        const i = (j + r) % ways.length
        collect() // as for the logins: the collection and its concurrent sweeper finish untimed
        await settle()
        const u0 = process.cpuUsage()
        const got = ways[i]![1](base, e)
        const u1 = process.cpuUsage(u0)
        if (r >= warm) cpu[i]!.push((u1.user + u1.system) / 1000)
        if (want !== undefined && got !== want) throw new Error(`S: ${ways[i]![0]} disagrees`)
        want = got
      }
    }
    for (const [i, w] of ways.entries()) out.push({ name: w[0], bits, cpu: median(cpu[i]!) })
  }
  return out
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
    '',
    `S = base^(a + u·x) alone, on the same random base and exponent (median CPU ms per exponentiation; × = row / ours)`,
    '',
    '| exponentiation | exponent bits | CPU median | × ours |',
    '|---|---:|---:|---:|',
    ...(r.s ?? []).map((x) => {
      const ours = r.s.find((y) => y.bits === x.bits)!.cpu
      return `| ${x.name} | ${x.bits} | ${f(x.cpu)} | ${(x.cpu / ours).toFixed(2)} |`
    }),
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

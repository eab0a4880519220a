/**
 * The FIRST SRP login, in a fresh runtime per sample: a fresh Node process, a fresh workerd
 * isolate (a new `workerd serve` per sample) and a fresh Chromium page (a new browser context, so
 * a new renderer process). Ours (default size, 1024-bit, A prepared ahead, after `precomputeSrp()`
 * at global scope, and phase by phase)
 * side by side with amazon-cognito-identity-js and cognito-srp-helper, the samples interleaved
 * so that load from other processes falls on every implementation alike.
 *
 *   node --import tsx bench/cold.ts [--samples 10] [--runtimes node,workerd,chromium,workerd-shared]
 *   (workerd-shared: a fresh isolate in a workerd process that another isolate has just used)
 *                                   [--plans ours,ours-prepared,…] [--json] [--ceiling MS]
 *
 * What is measured is CPU, read by the kernel, not wall time:
 * - Node: `process.cpuUsage()` inside the child around each step (every thread of the process);
 * - workerd: per-thread run time from /proc/<pid>/task/<tid>/schedstat (ns) around each HTTP
 *   request that runs one step; "isolate" is the thread that ran it (the one whose CPU grew
 *   most), "process" all threads (the isolate's thread plus V8's background compiler and GC);
 * - Chromium: the same for the renderer process: its main thread (where the page's JavaScript
 *   runs), and all its threads (WebCrypto runs on a worker thread there).
 * A request or `evaluate` that does nothing is measured three times in the same runtime first,
 * and the smallest is subtracted from each step (workerd, Chromium). Every sample's signature is
 * checked by the server half of SRP (test/support/srp-server.ts) before its time counts.
 *
 * `--ceiling MS` (CI): exit 1 when the median first-login CPU of `ours` in workerd's isolate
 * thread exceeds MS; with `floor-garbage` among the plans it also prints the machine's floor of
 * the same run, to tell a regression from a slow machine; with `warmed` among them, it also
 * fails when that plan's median is over 0.75 of `ours`'s (measured 0.5: precomputeSrp() at
 * global scope must keep taking the table off the first request).
 * @module
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { build, type BuildOptions } from 'esbuild'
import { formatTimestamp } from '../src/srp.ts'
import { makeVerifier, serverStep } from '../test/support/srp-server.ts'
import type { ColdCase, Outcome } from './cold/steps.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const out = `${here}cold/out/`
const bin = (b: string): string => fileURLToPath(new URL(`../node_modules/.bin/${b}`, import.meta.url))
export const COMPAT = '2025-06-01'
/** With `--ceiling`: the most the `warmed` plan's median may be, as a fraction of `ours`'s. */
const WARMED_RATIO = 0.75

export interface StepTime {
  name: string
  /** ms: the process (Node), the isolate's thread (workerd), the renderer's main thread (Chromium) */
  cpu: number
  /** ms: every thread of the process (workerd, Chromium renderer); NaN where not measured */
  all: number
  /** minor page faults of the process during the step (fresh memory the kernel had to map) */
  faults: number
}
export interface Sample {
  runtime: string
  plan: string
  steps: StepTime[]
}

// ---- the case and its check ----

/** A real server exchange: verifier v for the password, B = k·v + g^b, so signatures can be checked. */
export function makeCase(): { c: ColdCase; check: (o: Outcome | null | undefined) => boolean } {
  const poolId = 'us-east-1_abcdefghi'
  const prefix = 'abcdefghi'
  const userId = `0b7e3f5a-1c2d-4e5f-8a9b-${randomBytes(6).toString('hex')}`
  const password = 'Pa55word!cold'
  const { salt, v } = makeVerifier(prefix, userId, password)
  const server = serverStep(prefix, userId, v)
  const block = randomBytes(1000)
  const date = Date.UTC(2026, 10, 26, 11, 0, 7)
  const timestamp = formatTimestamp(new Date(date))
  const c: ColdCase = { poolId, srpB: server.B.toString(16), salt: salt.toString(16), secretBlock: block.toString('base64'), userId, password, date, timestamp }
  return { c, check: (o) => !!o && server.verify(BigInt('0x' + o.A), block, timestamp, o.signature) }
}

// ---- bundles ----

/** Which plans module holds a plan (each is bundled on its own). */
export const moduleOf = (plan: string): string => (/^(ours|floor|warmed)/.exec(plan)?.[1] ?? plan)

/** Bundle the three runtimes' entries for every plans module named. */
export async function buildBundles(modules: string[]): Promise<void> {
  mkdirSync(out, { recursive: true })
  const common: BuildOptions = { bundle: true, format: 'esm', minify: true, logLevel: 'error', define: { global: 'globalThis' }, external: ['crypto'] }
  for (const m of modules) {
    const plans = `./plans/${m}.ts`
    const entries: [string, string, 'node' | 'browser'][] = [
      [`node-${m}.mjs`, `import { run } from './node-main.ts'\nawait run(() => import('${plans}'))`, 'node'],
      [`worker-${m}.js`, `import { serve } from './worker.ts'\nimport { plans } from '${plans}'\nexport default serve(plans)`, 'browser'],
      [`page-${m}.js`, `import { expose } from './page.ts'\nimport { plans } from '${plans}'\nexpose(plans)`, 'browser'],
    ]
    for (const [file, contents, platform] of entries) {
      await build({ ...common, stdin: { contents, resolveDir: `${here}cold`, loader: 'ts' }, platform, outfile: out + file })
    }
  }
}

// ---- CPU of another process, from the kernel's per-thread accounting ----

/** ns of CPU per thread of `pid` (schedstat's first field: time spent running). */
export function threadTimes(pid: number): Map<string, number> {
  const m = new Map<string, number>()
  let tids: string[] = []
  try {
    tids = readdirSync(`/proc/${pid}/task`)
  } catch {
    return m
  }
  for (const tid of tids) {
    try {
      m.set(tid, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]))
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return m
}

/** Minor page faults of `pid` so far (/proc/<pid>/stat field 10). */
export function minorFaults(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[7])
  } catch {
    return NaN
  }
}

/** [the thread whose CPU grew most, all threads] between two snapshots, ms. */
function grew(before: Map<string, number>, after: Map<string, number>): [number, number] {
  let top = 0
  let all = 0
  for (const [tid, ns] of after) {
    const d = (ns - (before.get(tid) ?? 0)) / 1e6
    all += d
    top = Math.max(top, d)
  }
  return [top, all]
}

/** Run `what`, measuring `pid`: [result, CPU ms of the busiest thread, of all threads, minor faults]. */
async function measure<T>(pid: number, what: () => Promise<T>): Promise<[T, number, number, number]> {
  const f = minorFaults(pid)
  const b = threadTimes(pid)
  const r = await what()
  const [top, all] = grew(b, threadTimes(pid))
  return [r, top, all, minorFaults(pid) - f]
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

// ---- the three runtimes ----

function nodeSample(plan: string, caseFile: string): { steps: StepTime[]; outcome: Outcome } {
  const r = spawnSync(process.execPath, [`${out}node-${moduleOf(plan)}.mjs`, plan, caseFile], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (r.status !== 0) throw new Error(`node sample failed: ${r.stderr}`)
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as { steps: StepTime[]; outcome: Outcome }
  return { steps: j.steps, outcome: j.outcome }
}

/**
 * One sample in a fresh `workerd serve`. With `shared`, the process serves a second Worker of the
 * same code too, and that Worker's isolate runs the whole plan first: the measured isolate is then
 * fresh in a process that has already signed someone in, as in production, where one process
 * hosts many isolates.
 */
async function workerdSample(plan: string, c: ColdCase, shared = false): Promise<{ steps: StepTime[]; outcome: Outcome }> {
  const port = await freePort()
  const port2 = shared ? await freePort() : 0
  const config = `${out}cold-${port}.capnp`
  const worker = `( modules = [ (name = "worker.js", esModule = embed "worker-${moduleOf(plan)}.js") ], compatibilityDate = "${COMPAT}" )`
  writeFileSync(
    config,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w)${shared ? ', (name = "other", worker = .w2)' : ''} ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main")${shared ? `, (name = "http2", address = "127.0.0.1:${port2}", http = (), service = "other")` : ''} ],
);
const w :Workerd.Worker = ${worker};
${shared ? `const w2 :Workerd.Worker = ${worker};` : ''}
`,
  )
  const child: ChildProcess = spawn(bin('workerd'), ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += String(d)))
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  try {
    const url = `http://127.0.0.1:${port}`
    for (let i = 0; ; i++) {
      try {
        await (await fetch(`${url}/noop`)).text()
        break
      } catch {
        if (i > 500 || child.exitCode !== null) throw new Error(`workerd did not start: ${stderr}`)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    const pid = child.pid!
    // `base`: our isolate's socket, or (shared) the other isolate's
    const call = async (path: string, body?: unknown, base = url): Promise<unknown> => {
      const res = await fetch(base + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()} ${stderr}`)
      return res.json().catch(() => null)
    }
    if (shared) {
      // the other isolate signs in first (its own plan and steps), warming the process, not ours
      const other = `http://127.0.0.1:${port2}`
      const n = (await call('/plan', { name: plan, case: c }, other)) as string[]
      for (let i = 0; i < n.length; i++) await call(`/step/${i}`, {}, other)
    }
    const idle = await overhead(() => measure(pid, () => call('/noop', {})))
    const names = (await call('/plan', { name: plan, case: c })) as string[]
    const steps: StepTime[] = []
    let outcome: unknown
    for (let i = 0; i < names.length; i++) {
      const [o, top, all, faults] = await measure(pid, () => call(`/step/${i}`, {}))
      outcome = o
      steps.push({ name: names[i]!, cpu: top - idle[0], all: all - idle[1], faults })
    }
    return { steps, outcome: outcome as Outcome }
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

/** The smallest of three measurements of a request that does nothing: [top thread, all threads]. */
async function overhead(m: () => Promise<[unknown, number, number, number]>): Promise<[number, number]> {
  const xs = [await m(), await m(), await m()]
  return [Math.min(...xs.map((x) => x[1])), Math.min(...xs.map((x) => x[2]))]
}

type Browser = import('playwright-core').Browser
async function chromiumSample(browser: Browser, plan: string, c: ColdCase): Promise<{ steps: StepTime[]; outcome: Outcome }> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const pageJs = readFileSync(`${out}page-${moduleOf(plan)}.js`, 'utf8')
    await page.route('http://localhost/cold/**', (route) => {
      const path = new URL(route.request().url()).pathname
      if (path === '/cold/page.js') return route.fulfill({ body: pageJs, contentType: 'text/javascript' })
      return route.fulfill({ body: '<!doctype html><meta charset="utf-8"><script type="module" src="/cold/page.js"></script>', contentType: 'text/html' })
    })
    await page.goto('http://localhost/cold/')
    await page.waitForFunction(() => (globalThis as Record<string, unknown>)['coldReady'] === true)
    await new Promise((r) => setTimeout(r, 200)) // let the page (and a spare renderer) settle
    // our page's renderer: of the renderer processes (not the browser's own WebUI, which headless
    // Chromium runs too), the one whose main thread (thread id = process id) runs a 30 ms busy
    // loop evaluated in the page
    const cdp = await browser.newBrowserCDPSession()
    const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }
    await cdp.detach()
    const mainCpu = (p: number): number => threadTimes(p).get(String(p)) ?? 0
    const webui = (p: number): boolean => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('--top-chrome-webui')
    const renderers = info.processInfo.filter((p) => p.type === 'renderer' && !webui(p.id)).map((p) => p.id)
    const before = renderers.map(mainCpu)
    await page.evaluate(() => {
      const t = performance.now()
      while (performance.now() - t < 30);
    })
    const pid = renderers[renderers.map((p, i) => mainCpu(p) - before[i]!).reduce((best, d, i, ds) => (d > ds[best]! ? i : best), 0)]!
    const run = async <T>(f: () => Promise<T>): Promise<[T, number, number, number]> => {
      const faults = minorFaults(pid)
      const b = threadTimes(pid)
      const r = await f()
      const a = threadTimes(pid)
      let all = 0
      for (const [tid, ns] of a) all += (ns - (b.get(tid) ?? 0)) / 1e6
      return [r, ((a.get(String(pid)) ?? 0) - (b.get(String(pid)) ?? 0)) / 1e6, all, minorFaults(pid) - faults]
    }
    const step = (j: number): Promise<unknown> => page.evaluate((i) => ((globalThis as Record<string, unknown>)['coldStep'] as (i: number) => Promise<unknown>)(i), j)
    const idle = await overhead(() => run(() => step(-1)))
    const names = await page.evaluate(([p, cc]) => ((globalThis as Record<string, unknown>)['coldPlan'] as (n: string, c: ColdCase) => string[])(p, cc), [plan, c] as const)
    const steps: StepTime[] = []
    let outcome: unknown
    for (let i = 0; i < names.length; i++) {
      const [o, main, all, faults] = await run(() => step(i))
      outcome = o
      steps.push({ name: names[i]!, cpu: main - idle[0], all: all - idle[1], faults })
    }
    return { steps, outcome: outcome as Outcome }
  } finally {
    await context.close()
  }
}

// ---- the run ----

export interface ColdResult {
  samples: Sample[]
  chromium?: string
  workerd?: string
}

export async function benchCold(opts: { samples: number; runtimes: string[]; plans: string[]; log?: (s: string) => void }): Promise<ColdResult> {
  const log = opts.log ?? (() => {})
  await buildBundles([...new Set(opts.plans.map(moduleOf))])
  const { c, check } = makeCase()
  const caseFile = `${out}case.json`
  writeFileSync(caseFile, JSON.stringify(c))
  const samples: Sample[] = []
  const result: ColdResult = { samples }
  let browser: Browser | undefined
  try {
    if (opts.runtimes.includes('chromium')) {
      const { chromium } = await import('playwright-core')
      browser = await chromium.launch({
        executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      })
      result.chromium = browser.version()
    }
    if (opts.runtimes.some((r) => r.startsWith('workerd'))) result.workerd = spawnSync(bin('workerd'), ['--version'], { encoding: 'utf8' }).stdout.trim()
    for (let i = 0; i < opts.samples; i++) {
      for (const runtime of opts.runtimes) {
        // rotate the order every sample: nobody always runs right after the heaviest one
        const plans = opts.plans.map((_, j) => opts.plans[(j + i) % opts.plans.length]!)
        for (const plan of plans) {
          const r = runtime === 'node' ? nodeSample(plan, caseFile) : runtime.startsWith('workerd') ? await workerdSample(plan, c, runtime === 'workerd-shared') : await chromiumSample(browser!, plan, c)
          if (moduleOf(plan) !== 'floor' && !check(r.outcome)) throw new Error(`${runtime} ${plan}: the signature does not verify`)
          samples.push({ runtime, plan, steps: r.steps })
        }
      }
      log(`cold: sample ${i + 1}/${opts.samples} done`)
    }
  } finally {
    await browser?.close()
  }
  return result
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
/** The first login's CPU in a sample: every step but Node's module import (reported apart). */
export const loginCpu = (s: Sample, field: 'cpu' | 'all' | 'faults' = 'cpu'): number => s.steps.filter((x) => !x.name.startsWith('import')).reduce((n, x) => n + x[field], 0)

export function medianOf(r: ColdResult, runtime: string, plan: string, field: 'cpu' | 'all' = 'cpu'): number {
  return median(r.samples.filter((s) => s.runtime === runtime && s.plan === plan).map((s) => loginCpu(s, field)))
}

const LABEL: Record<string, string> = {
  node: 'Node (fresh process; process CPU, all threads)',
  workerd: 'workerd (fresh isolate; CPU of the isolate thread, and of all workerd threads)',
  'workerd-shared': 'workerd (fresh isolate in a process whose other isolate has signed in; CPU of the isolate thread, and of all workerd threads)',
  chromium: 'Chromium (fresh page; CPU of the renderer main thread, and of all renderer threads)',
}

export function coldTable(r: ColdResult): string {
  const f = (x: number): string => x.toFixed(1)
  const lines: string[] = []
  for (const runtime of [...new Set(r.samples.map((s) => s.runtime))]) {
    const rows = r.samples.filter((s) => s.runtime === runtime)
    const plans = [...new Set(rows.map((s) => s.plan))]
    const acij = plans.includes('acij') ? medianOf(r, runtime, 'acij') : NaN
    const version = runtime === 'chromium' ? ` ${r.chromium}` : runtime.startsWith('workerd') ? ` ${r.workerd}` : ` ${process.version}`
    lines.push(`First SRP login, ${LABEL[runtime]}${version}: ms of CPU, ${rows.length / plans.length} samples each`, '')
    lines.push('| plan | median | max | all threads, median | minor page faults, median | acij ÷ this |', '|---|---:|---:|---:|---:|---:|')
    for (const plan of plans) {
      const xs = rows.filter((s) => s.plan === plan)
      const tot = xs.map((s) => loginCpu(s))
      const m = median(tot)
      const faults = median(xs.map((s) => loginCpu(s, 'faults')))
      lines.push(`| ${plan} | ${f(m)} | ${f(Math.max(...tot))} | ${runtime === 'node' ? '' : f(median(xs.map((s) => loginCpu(s, 'all'))))} | ${faults} | ${Number.isNaN(acij) ? '' : (acij / m).toFixed(1)} |`)
    }
    lines.push('')
    for (const plan of plans) {
      const xs = rows.filter((s) => s.plan === plan)
      if (xs[0]!.steps.length < 2) continue
      lines.push(`${plan}, step by step (median / max ms${runtime === 'node' ? '' : ', all threads median'}, median minor page faults):`, '')
      for (const [i, st] of xs[0]!.steps.entries()) {
        const v = xs.map((s) => s.steps[i]!)
        const all = runtime === 'node' ? '' : `, ${f(median(v.map((x) => x.all)))}`
        lines.push(`- ${st.name}: ${f(median(v.map((x) => x.cpu)))} / ${f(Math.max(...v.map((x) => x.cpu)))}${all}; ${median(v.map((x) => x.faults))} faults`)
      }
      lines.push('')
    }
    lines.push('')
  }
  return lines.join('\n').trim()
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  const args = process.argv.slice(2)
  const opt = (name: string, def: string): string => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 && args[i + 1] ? args[i + 1]! : def
  }
  const r = await benchCold({
    samples: Number(opt('samples', '10')),
    runtimes: opt('runtimes', 'node,workerd,chromium').split(','),
    plans: opt('plans', 'ours,ours-prepared,ours-1024,ours-phases,acij,srp-helper').split(','),
    log: (s) => console.error(s),
  })
  console.log(args.includes('--json') ? JSON.stringify(r) : coldTable(r))
  const ceiling = Number(opt('ceiling', 'NaN'))
  if (!Number.isNaN(ceiling)) {
    const m = medianOf(r, 'workerd', 'ours')
    // the same run's floor says how fast the machine is right now (it varies by a third on a shared VM)
    const floor = r.samples.some((x) => x.plan === 'floor-garbage') ? medianOf(r, 'workerd', 'floor-garbage') : NaN
    const context = Number.isNaN(floor) ? '' : ` (floor-garbage in the same run: ${floor.toFixed(1)} ms, ours ÷ floor ${(m / floor).toFixed(2)})`
    console.log(`cold workerd ceiling: median first login ${m.toFixed(1)} ms of isolate CPU, ceiling ${ceiling} ms: ${m <= ceiling ? 'held' : 'EXCEEDED'}${context}`)
    if (!(m <= ceiling)) process.exitCode = 1
    if (r.samples.some((x) => x.plan === 'warmed')) {
      // precomputeSrp() at global scope must keep paying for itself: a table it no longer built
      // would bring the warmed login back to the plain one's figure (~0.5 of it on this machine)
      const w = medianOf(r, 'workerd', 'warmed')
      const ok = w <= WARMED_RATIO * m
      console.log(`cold workerd warmed: median first login after precomputeSrp() ${w.toFixed(1)} ms, ${(w / m).toFixed(2)} of the plain login's (at most ${WARMED_RATIO}): ${ok ? 'held' : 'EXCEEDED'}`)
      if (!ok) process.exitCode = 1
    }
  }
}

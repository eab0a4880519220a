/**
 * Our SRP login inside workerd (Cloudflare's open-source Workers runtime, npm `workerd`):
 * bundles bench/workerd/worker.ts with esbuild, runs `workerd test` on generated capnp configs
 * with 0 and n computations, and reports per-login CPU = (CPU(n) − CPU(0)) / n from the process
 * CPU time (/usr/bin/time, 10 ms resolution, hence n = 100), and the same difference of the test
 * handler's wall time that workerd prints (`[ PASS ] main (… ms)`): warm figures, many logins in
 * one isolate. The first login in a fresh isolate is measured by bench/cold.ts. Node only.
 *
 *   npx tsx bench/workerd.ts [--quick]
 * @module
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { DEFAULT_PRIVATE_BYTES } from '../src/srp.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const out = `${here}workerd/out/`
const bin = fileURLToPath(new URL('../node_modules/.bin/workerd', import.meta.url))

export interface WorkerdRow {
  name: string
  logins: number
  /** per computation, ms */
  cpu: number
  wall: number
}
export interface WorkerdResult {
  version: string
  compatibilityDate: string
  rows: WorkerdRow[]
}

const COMPAT = '2025-06-01'

function config(name: string, logins: number, bytes: number, mode: string): string {
  const file = `${out}${name}.capnp`
  writeFileSync(
    file,
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = ( services = [ (name = "main", worker = .w) ] );
const w :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  bindings = [ (name = "LOGINS", text = "${logins}"), (name = "BYTES", text = "${bytes}"), (name = "MODE", text = "${mode}") ],
  compatibilityDate = "${COMPAT}",
);
`,
  )
  return file
}

/** One `workerd test` run: [test handler wall ms as workerd prints it, process CPU ms]. */
function run(file: string): [number, number] {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', bin, 'test', file], { encoding: 'utf8' })
  const all = `${r.stdout}\n${r.stderr}`
  if (r.status !== 0 || !all.includes('[ PASS ]')) throw new Error(`workerd test failed:\n${all}`)
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(all)
  const pass = /\[ PASS \] main \(([\d.]+)(m?s)\)/.exec(all)
  if (!m || !pass) throw new Error(`no timing in:\n${all}`)
  return [Number(pass[1]) * (pass[2] === 's' ? 1000 : 1), (Number(m[2]) + Number(m[3])) * 1000]
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!

export async function benchWorkerd(opts: { n: number; reps: number; log?: (s: string) => void }): Promise<WorkerdResult> {
  if (!existsSync(bin) || !existsSync('/usr/bin/time')) throw new Error('needs node_modules/.bin/workerd and /usr/bin/time')
  mkdirSync(out, { recursive: true })
  await build({ entryPoints: [`${here}workerd/worker.ts`], bundle: true, format: 'esm', platform: 'browser', minify: true, outfile: `${out}worker.js`, logLevel: 'error' })
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()
  const d = DEFAULT_PRIVATE_BYTES
  const variants: [string, number, string, number][] = [
    [`cognito-edge: full login, ${d * 8}-bit a (default)`, d, 'login', opts.n],
    ['cognito-edge: full login, 1024-bit a (the AWS clients\' size)', 128, 'login', opts.n],
    [`cognito-edge: createSrpSession only (a, A; can be prepared ahead), ${d * 8}-bit a`, d, 'session', opts.n],
    ['cognito-srp-helper 2.3.4: createSrpSession + signSrpSession (1024-bit a)', 128, 'srp-helper', Math.max(1, Math.round(opts.n / 10))],
  ]
  const rows: WorkerdRow[] = []
  for (const [name, bytes, mode, n] of variants) {
    const zero = config(`zero-${bytes}-${mode}`, 0, bytes, mode)
    const many = config(`n-${bytes}-${mode}`, n, bytes, mode)
    const z: [number, number][] = []
    const m: [number, number][] = []
    for (let i = 0; i < opts.reps; i++) {
      z.push(run(zero))
      m.push(run(many))
    }
    const per = (k: 0 | 1): number => (median(m.map((x) => x[k])) - median(z.map((x) => x[k]))) / n
    rows.push({ name, logins: n, cpu: per(1), wall: per(0) })
    opts.log?.(`workerd: ${name}: ${per(1).toFixed(2)} ms CPU per login`)
  }
  // the first login in a fresh isolate is bench/cold.ts's: one isolate per sample, CPU per step
  return { version, compatibilityDate: COMPAT, rows }
}

export function workerdTable(r: WorkerdResult): string {
  return [
    `Inside workerd (${r.version}, compatibilityDate ${r.compatibilityDate}, no flags): per computation = (run with n − run with 0) / n, medians of the repetitions`,
    '',
    '| computation | n per run | process CPU per login (ms) | test-handler wall per login (ms) | × ours (CPU) |',
    '|---|---:|---:|---:|---:|',
    ...r.rows.map((x) => `| ${x.name} | ${x.logins} | ${Number.isNaN(x.cpu) ? '—' : x.cpu.toFixed(2)} | ${x.wall.toFixed(2)} | ${Number.isNaN(x.cpu) ? '' : (x.cpu / r.rows[0]!.cpu).toFixed(1)} |`),
  ].join('\n')
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  const quick = process.argv.includes('--quick')
  const r = await benchWorkerd({ n: quick ? 2 : 100, reps: quick ? 1 : 3, log: (s) => console.error(s) })
  console.log(workerdTable(r))
}

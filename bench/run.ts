/**
 * `npm run bench`: everything in one go, printed as Markdown tables.
 *
 * 1. SRP login CPU on Node, in this process: ours against amazon-cognito-identity-js, Amplify v6
 *    and cognito-srp-helper on identical inputs, after the signature oracle (bench/srp.ts);
 * 2. JWT verification throughput, ours against aws-jwt-verify (bench/jwt.ts);
 * 3. login bundle sizes (bench/size.ts);
 * 4. the same SRP table under Bun and Deno (child processes running bench/srp.ts);
 * 5. our login inside workerd, many in one isolate (bench/workerd.ts);
 * 6. the FIRST login in a fresh Node process, workerd isolate and Chromium page, ours against
 *    amazon-cognito-identity-js and cognito-srp-helper, step by step, and in a fresh workerd
 *    isolate of a process that has served another one (bench/cold.ts).
 *
 * Flags: `--quick` (1 round, tiny n: a CI smoke run, well under 30 s), `--out FILE` (also write
 * the report there), `--skip-runtimes` (Node only).
 * @module
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { benchJwt, jwtTable } from './jwt.ts'
import { benchSize, sizeTable } from './size.ts'
import { benchSrp, srpTable, type SrpResult } from './srp.ts'
import { benchWorkerd, workerdTable } from './workerd.ts'
import { benchCold, coldTable } from './cold.ts'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const outAt = args.indexOf('--out')
const root = fileURLToPath(new URL('..', import.meta.url))
const log = (s: string): void => void process.stderr.write(`${s}\n`)
const version = (pkg: string): string => {
  try {
    return (JSON.parse(readFileSync(`${root}node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version
  } catch {
    return 'not installed'
  }
}
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' / ')

const parts: string[] = []
const out = (s: string): void => {
  parts.push(s)
  console.log(`${s}\n`)
}

const load0 = load()
out(
  [
    `Machine: ${cpus().length} logical CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}; load average (1/5/15 min) at start ${load0}.`,
    `Libraries: amazon-cognito-identity-js ${version('amazon-cognito-identity-js')}, aws-amplify ${version('aws-amplify')} (@aws-amplify/auth ${version('@aws-amplify/auth')}), cognito-srp-helper ${version('cognito-srp-helper')}, @aws-sdk/client-cognito-identity-provider ${version('@aws-sdk/client-cognito-identity-provider')}, aws-jwt-verify ${version('aws-jwt-verify')}, esbuild ${version('esbuild')}.`,
    `Runtimes: Node ${process.version}, bun ${version('bun')}, deno ${version('deno')}, workerd ${version('workerd')}.${quick ? ' QUICK MODE: 1 round, numbers are not meaningful.' : ''}`,
  ].join('\n'),
)

log('SRP on Node…')
out(srpTable(await benchSrp({ runs: quick ? 1 : 40, warm: quick ? 1 : 5, anchors: true, log })))
log('JWT…')
out(jwtTable(await benchJwt({ blocks: quick ? 1 : 15, perBlock: quick ? 10 : 200 })))
log('sizes…')
out(sizeTable(await benchSize()))

if (!args.includes('--skip-runtimes')) {
  const env = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' }
  const bin = (b: string): string => `${root}node_modules/.bin/${b}`
  const more = quick ? ['--quick'] : []
  for (const [name, cmd, argv] of [
    ['Bun', bin('bun'), ['bench/srp.ts', '--json', ...more]],
    ['Deno', bin('deno'), ['run', '-A', '--v8-flags=--expose-gc', 'bench/srp.ts', '--json', ...more]],
  ] as const) {
    log(`SRP on ${name}…`)
    const r = spawnSync(cmd, [...argv], { cwd: root, env, encoding: 'utf8', maxBuffer: 1 << 24 })
    const line = (r.stdout ?? '').trim().split('\n').pop() ?? ''
    try {
      out(srpTable(JSON.parse(line) as SrpResult))
    } catch {
      out(`SRP on ${name}: failed (exit ${r.status}): ${String(r.error ?? r.stderr ?? r.stdout).slice(-500)}`)
    }
  }
  log('workerd…')
  try {
    out(workerdTable(await benchWorkerd({ n: quick ? 2 : 100, reps: quick ? 1 : 3, log })))
  } catch (e) {
    out(`workerd: skipped (${String(e).slice(0, 300)})`)
  }
  log('first login, fresh runtimes…')
  try {
    const plans = ['ours', 'warmed', 'ours-precomputed', 'ours-prepared', 'warmed-prepared', 'ours-1024', 'ours-phases', 'acij', 'srp-helper', 'floor-pages', 'floor-garbage']
    out(coldTable(await benchCold({ samples: quick ? 1 : 11, runtimes: ['node', 'workerd', 'chromium'], plans, log })))
    // a fresh isolate in a process that has already served another isolate, as in production
    const shared = ['ours', 'warmed', 'ours-prepared', 'acij', 'floor-garbage']
    out(coldTable(await benchCold({ samples: quick ? 1 : 11, runtimes: ['workerd-shared'], plans: shared, log })))
  } catch (e) {
    out(`first login in fresh runtimes: skipped (${String(e).slice(0, 300)})`)
  }
}
out(`Load average at end: ${load()} (${cpus().length} logical CPUs; above ${cpus().length} means other processes competed for them during the run).`)
if (outAt >= 0 && args[outAt + 1]) writeFileSync(args[outAt + 1]!, parts.join('\n\n') + '\n')

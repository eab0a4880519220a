/**
 * `npm run docs:check`: every ```ts block of README.md and docs/**\/*.md is type-checked (one
 * `tsc --strict` run) and run, each in a fresh Node process, against a fresh local pool seeded
 * from scripts/docs-check/pool.json. The conventions the docs follow are in CONTRIBUTING.md
 * ("Docs and examples are tested"). Needs the built package (`npm run build`): blocks import
 * `cognito-edge` as a user would, through the package's "exports" to dist/.
 *
 * Usage: node --import tsx scripts/check-docs.ts [file.md …] [--jobs N] [--timeout ms] [--json] [--verbose] [--keep]
 * Prints each failure (file, line, error) and a summary per file; exits 1 when a block failed.
 * @module
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ALLOWED_ENV, blockName, defaultFiles, envReads, readBlocks, type Block } from './docs-check/blocks.ts'
import { openLane, readSeed, runKeys, type Lane } from './docs-check/lanes.ts'
import { runBlock, type RunResult } from './docs-check/run-block.ts'
import { typecheck, type TypeProblem } from './docs-check/typecheck.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** What happened to one block. */
interface Outcome {
  block: Block
  name: string
  types: TypeProblem[]
  run?: RunResult
  /** Reasons the block failed, one line each (the details follow in `details`). */
  failures: string[]
  details: string
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    jobs: { type: 'string' },
    timeout: { type: 'string', default: '20000' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
})
const jobs = Number(values.jobs ?? Math.min(4, Math.max(2, os.availableParallelism())))
const timeout = Number(values.timeout)
if (!Number.isInteger(jobs) || jobs < 1 || !Number.isInteger(timeout) || timeout < 1) {
  console.error('docs:check: --jobs and --timeout must be positive whole numbers')
  process.exit(2)
}
if (!existsSync(path.join(root, 'dist/index.js'))) {
  console.error('docs:check: dist/ is missing: run `npm run build` first (blocks import cognito-edge through its "exports", to dist/)')
  process.exit(2)
}

const files = positionals.length ? positionals.map((f) => path.relative(root, path.resolve(f))) : defaultFiles(root)
const blocks = readBlocks(root, files)
const checked = blocks.filter((b) => b.mode !== 'ignore' && !b.problem)
mkdirSync(path.join(root, 'test-output'), { recursive: true })
// inside the package, so that `cognito-edge` resolves to this repository (its own name)
const dir = mkdtempSync(path.join(root, 'test-output', 'docs-check-'))

const tc = typecheck(dir, checked)
const outcomes: Outcome[] = blocks.map((block) => {
  const name = blockName(block)
  const types = tc.errors.get(name) ?? []
  const failures = block.problem ? [block.problem] : types.map((t) => `${block.file}:${t.line}:${t.column} ${t.message.split('\n')[0]}`)
  const env = block.mode === 'ignore' ? [] : envReads(block.code)
  if (env.length) failures.push(`${block.file}:${block.line} reads ${env.join(', ')}: a block may read only ${ALLOWED_ENV.join(', ')} from process.env`)
  return { block, name, types, failures, details: types.map((t) => t.message).join('\n') }
})

/** Stack frames of the block's compiled or source file, shown as markdown positions. */
function toMarkdown(text: string, o: Outcome): string {
  const esc = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return text.replace(new RegExp(`(?:file://)?${esc}/(?:src|js)/${o.name}\\.(?:ts|js):(\\d+)(?::(\\d+))?`, 'g'), (_, l: string, c?: string) => `${o.block.file}:${o.block.line + Number(l)}${c ? `:${c}` : ''}`)
}

/** Hosts a block may not reach: a local block talking to AWS would not work against `cognito-edge local`, and the reverse. */
function wrongHost(o: Outcome, hosts: ReadonlySet<string>): string | undefined {
  const list = [...hosts]
  if (o.block.aws) {
    const local = list.find((h) => /^(127\.0\.0\.1|localhost):4726$/.test(h))
    return local && `a \`\`\`ts aws block reached http://${local}/: a block for a real pool has no local endpoint`
  }
  const aws = list.find((h) => h.endsWith('.amazonaws.com'))
  return aws && `a block for the local pool reached https://${aws}/ (it would fail against cognito-edge local): pass endpoint, or mark the block \`\`\`ts aws`
}

const runnable = outcomes.filter((o) => o.block.mode === 'run' && !o.block.problem && !o.types.length)
const t0 = performance.now()
if (runnable.length) {
  const seed = readSeed(path.join(root, 'scripts/docs-check/pool.json'))
  const keys = runKeys()
  const lanes = await Promise.all(Array.from({ length: Math.min(jobs, runnable.length) }, () => openLane(seed, keys)))
  const queue = [...runnable]
  const work = async (lane: Lane): Promise<void> => {
    for (let o = queue.shift(); o; o = queue.shift()) {
      const env = await lane.reset()
      o.run = await runBlock(path.join(dir, 'js', `${o.name}.js`), env, timeout)
      const host = wrongHost(o, lane.hosts)
      if (!o.run.ok) o.failures.push(`${o.block.file}:${o.block.line} ${toMarkdown(o.run.error ?? 'failed', o)}`)
      else if (host) o.failures.push(`${o.block.file}:${o.block.line} ${host}`)
      o.details = toMarkdown(o.run.output, o)
    }
  }
  try {
    await Promise.all(lanes.map(work))
  } finally {
    await Promise.all(lanes.map((l) => l.close()))
  }
}
const runMs = performance.now() - t0
if (!values.keep) rmSync(dir, { recursive: true, force: true })

// ---- report
const failed = outcomes.filter((o) => o.failures.length)
const passed = outcomes.filter((o) => !o.failures.length && o.block.mode !== 'ignore')
if (values.json) {
  const row = (o: Outcome): object => ({ file: o.block.file, line: o.block.line, mode: o.block.mode, aws: o.block.aws, ran: o.run !== undefined, failures: o.failures })
  console.log(JSON.stringify({ blocks: outcomes.map(row), global: tc.global, passed: passed.length, failed: failed.length }, null, 2))
} else {
  for (const o of failed) {
    const shown = o.failures.slice(0, 6)
    if (o.failures.length > shown.length) shown.push(`… and ${o.failures.length - shown.length} more`)
    console.log(`FAIL ${shown.join('\n     ')}`)
    const tail = o.details.trim().split('\n').slice(-25)
    if (o.run && tail.join('')) console.log(tail.map((l) => `     | ${l}`).join('\n'))
  }
  if (values.verbose) for (const o of outcomes.filter((x) => x.run?.ok)) console.log(`ok   ${o.block.file}:${o.block.line} (${Math.round(o.run!.ms)} ms)\n${o.details.trim().replace(/^/gm, '     | ')}`)
  for (const g of tc.global) console.log(`tsc: ${g}`)
  const perFile = files.map((f) => {
    const of = outcomes.filter((o) => o.block.file === f.split(path.sep).join('/'))
    const n = (p: (o: Outcome) => boolean): number => of.filter(p).length
    return [f, n((o) => o.block.mode !== 'ignore'), n((o) => o.run !== undefined), n((o) => o.block.mode === 'no-run'), n((o) => o.block.mode === 'ignore'), n((o) => o.failures.length > 0)]
  })
  const width = Math.max(4, ...files.map((f) => f.length))
  console.log(`\n${'file'.padEnd(width)}  checked  run  type-only  ignored  failed`)
  for (const [f, ...n] of perFile) console.log(`${String(f).padEnd(width)}  ${n.map((x, i) => String(x).padStart([7, 4, 9, 7, 6][i]!)).join('  ')}`)
  const ignored = outcomes.filter((o) => o.block.mode === 'ignore').length
  console.log(
    `\ndocs:check: ${files.length} files, ${blocks.length} \`\`\`ts blocks: ${checked.length} type-checked (${(tc.ms / 1000).toFixed(1)} s), ` +
      `${outcomes.filter((o) => o.run).length} run (${Math.min(jobs, runnable.length)} in parallel, ${(runMs / 1000).toFixed(1)} s), ` +
      `${outcomes.filter((o) => o.block.mode === 'no-run').length} type-only, ${ignored} ignored${ignored ? ' (```ts ignore: neither checked nor run)' : ''}`,
  )
  console.log(`docs:check: ${passed.length} passed, ${failed.length} failed`)
}
process.exitCode = failed.length || tc.global.length ? 1 : 0

#!/usr/bin/env node
// Mutation testing, for contributors (CI does not run it): does a test fail when the code is
// wrong? For each source file it makes small mutants one at a time IN PLACE (flip < <= > >=,
// === !==, && ||, negate an `if`, spoil an error-name string, drop a `throw`, move a number by 1,
// delete a statement line), runs the file's tests, and lists the mutants no test noticed
// ("survivors"). The original text is written back after every mutant, on Ctrl-C / SIGTERM and on
// a crash; a run killed with SIGKILL leaves a marked file, which the next run restores from its
// backup (in the OS temp directory) before doing anything else.
//
//   node scripts/mutate.mjs [options] <src-file>[=<test-file>,<test-file>…] …
//
//   --cmd "<command>"  test command; the file's test files are appended. `{bail}` stands for a
//                      node:test reporter that ends the run at the first failure, so a killed
//                      mutant costs only the time to its first failing test
//                      (default: node --import tsx --test --test-reporter={bail})
//   --max N            mutants sampled per file (default 30), spread over the mutation kinds
//   --seed S           sampling seed (default 1): the same seed picks the same mutants
//   --timeout SEC      per-mutant limit (default: 3 × the file's clean run, at least 30 s);
//                      a mutant that hits it counts as killed (a hang is a failure)
//   --budget MIN       wall-time cap for the whole run (default 40): no mutant starts after it
//   --only ID,…        run just these mutants (ids as printed, e.g. src/transport.ts#41), without
//                      sampling: to check that a new test kills a survivor
//   --list             print the sampled mutants and run nothing
//   --json FILE        also write every result as JSON
//
// Without "=tests", a file's tests are the test files that name its path (src/x.ts or src/x).
// Ids number every candidate mutant of a file in source order, so they do not depend on --seed.
import ts from 'typescript'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const MARK = '// mutate.mjs: mutant '
const backupDir = path.join(tmpdir(), 'cognito-edge-mutate')
/** The `{bail}` reporter's file, one per run: runs in other worktrees rewrite theirs while this run's tests import it. */
const bailReporter = path.join(backupDir, `bail-reporter-${process.pid}.mjs`)

// ---- arguments ----
const opts = { cmd: 'node --import tsx --test --test-reporter={bail}', max: 30, seed: 1, timeout: 0, budget: 40, only: null, list: false, json: null }
const targets = []
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]
  const val = () => {
    if (i + 1 >= argv.length) usage(`${a} needs a value`)
    return argv[++i]
  }
  if (a === '--cmd') opts.cmd = val()
  else if (a === '--max') opts.max = int(val(), a)
  else if (a === '--seed') opts.seed = int(val(), a)
  else if (a === '--timeout') opts.timeout = int(val(), a)
  else if (a === '--budget') opts.budget = Number(val())
  else if (a === '--only') opts.only = new Set(val().split(','))
  else if (a === '--list') opts.list = true
  else if (a === '--json') opts.json = val()
  else if (a === '-h' || a === '--help') usage()
  else if (a.startsWith('--')) usage(`unknown option ${a}`)
  else {
    const [file, tests] = a.split('=')
    targets.push({ file: path.relative(root, path.resolve(file)), tests: tests ? tests.split(',').filter(Boolean) : null })
  }
}
if (!targets.length) usage('no source file given')

function int(s, name) {
  const n = Number(s)
  if (!Number.isInteger(n) || n < 0) usage(`${name} must be a whole number`)
  return n
}
function usage(msg) {
  const head = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport ')[0]
  if (msg) console.error(`mutate: ${msg}\n`)
  console.error(head.replace(/^#!.*\n/, '').replace(/^\/\/ ?/gm, ''))
  process.exit(msg ? 2 : 0)
}

// ---- restoring, whatever happens ----
/** Files holding a mutant now: path → original text. */
const pending = new Map()
let child = null
const restoreAll = () => {
  for (const [p, text] of pending) {
    try {
      writeFileSync(p, text)
      rmSync(backupOf(p), { force: true })
    } catch (e) {
      console.error(`mutate: could not restore ${p} (backup: ${backupOf(p)}): ${e.message}`)
    }
  }
  pending.clear()
}
const stopChild = () => {
  if (child?.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL') // its own process group: the test runner and its workers
    } catch {}
  }
}
process.on('exit', () => (stopChild(), restoreAll(), rmSync(bailReporter, { force: true })))
for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(sig, () => {
    stopChild()
    restoreAll()
    console.error(`\nmutate: ${sig}, sources restored`)
    process.exit(128 + n)
  })
}
process.on('uncaughtException', (e) => {
  stopChild()
  restoreAll()
  console.error(e)
  process.exit(1)
})

function backupOf(abs) {
  return path.join(backupDir, createHash('sha256').update(abs).digest('hex').slice(0, 16) + path.extname(abs))
}

/** A file left mutated by a run that was SIGKILLed: put its backup back. */
function recover(abs) {
  const text = readFileSync(abs, 'utf8')
  if (!text.includes(MARK)) return text
  const b = backupOf(abs)
  if (!existsSync(b)) throw new Error(`${abs} holds a mutant and no backup exists: restore it with git`)
  const orig = readFileSync(b, 'utf8')
  writeFileSync(abs, orig)
  rmSync(b)
  console.error(`mutate: ${path.relative(root, abs)} held a mutant from an interrupted run: restored`)
  return orig
}

// ---- mutants ----
const SWAP = {
  [ts.SyntaxKind.LessThanToken]: ['<=', 'boundary'],
  [ts.SyntaxKind.LessThanEqualsToken]: ['<', 'boundary'],
  [ts.SyntaxKind.GreaterThanToken]: ['>=', 'boundary'],
  [ts.SyntaxKind.GreaterThanEqualsToken]: ['>', 'boundary'],
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: ['!==', 'equality'],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: ['===', 'equality'],
  [ts.SyntaxKind.EqualsEqualsToken]: ['!=', 'equality'],
  [ts.SyntaxKind.ExclamationEqualsToken]: ['==', 'equality'],
  [ts.SyntaxKind.AmpersandAmpersandToken]: ['||', 'logical'],
  [ts.SyntaxKind.BarBarToken]: ['&&', 'logical'],
}
/** Error names, error codes and protocol constants: `NotAuthorizedException`, `ERR_SRP`, `SECRET_HASH`. */
const NAME = /^(?:[A-Z][A-Za-z0-9]*(?:Exception|Error)|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)$/

/** Every candidate mutant of a source text, in source order: { kind, start, end, to, line, from }. */
function mutantsOf(text, file) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const out = []
  const add = (kind, start, end, to) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(start)
    out.push({ kind, start, end, to, line: line + 1, col: character + 1, from: text.slice(start, end) })
  }
  const inType = (n) => {
    for (let p = n.parent; p; p = p.parent) if (ts.isTypeNode(p) || ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return true
    return false
  }
  const visit = (n) => {
    if (ts.isBinaryExpression(n) && SWAP[n.operatorToken.kind]) {
      const [to, kind] = SWAP[n.operatorToken.kind]
      add(kind, n.operatorToken.getStart(sf), n.operatorToken.end, to)
    } else if (ts.isIfStatement(n)) {
      add('negate-if', n.expression.getStart(sf), n.expression.end, `!(${n.expression.getText(sf)})`)
    } else if (ts.isStringLiteral(n) && NAME.test(n.text) && !inType(n)) {
      add('name', n.getStart(sf), n.end, JSON.stringify(n.text + '_MUTATED'))
    } else if (ts.isThrowStatement(n)) {
      add('drop-throw', n.getStart(sf), n.end, '{}')
    } else if ((ts.isNumericLiteral(n) || ts.isBigIntLiteral(n)) && !inType(n)) {
      const big = ts.isBigIntLiteral(n)
      const v = big ? BigInt(n.text.slice(0, -1)) : Number(n.text)
      if (big || Number.isSafeInteger(v)) add('number', n.getStart(sf), n.end, big ? `${v + 1n}n` : `${v + 1}`)
    } else if (ts.isExpressionStatement(n)) {
      const start = n.getStart(sf)
      // one-line statements only: `;` keeps the syntax whatever holds the statement
      if (!text.slice(start, n.end).includes('\n')) add('delete-line', start, n.end, ';')
    }
    ts.forEachChild(n, visit)
  }
  visit(sf)
  return out.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind)).map((m, i) => ({ ...m, id: `${file}#${i}` }))
}

/** Deterministic PRNG (mulberry32). */
function rng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** At most `max` mutants, taken in turn from each kind (each kind shuffled with the seed), in source order. */
function sample(all, max, seed, file) {
  const rand = rng(seed ^ parseInt(createHash('sha256').update(file).digest('hex').slice(0, 8), 16))
  const byKind = new Map()
  for (const m of all) byKind.set(m.kind, [...(byKind.get(m.kind) ?? []), m])
  const queues = [...byKind.keys()].sort().map((k) => {
    const q = byKind.get(k)
    for (let i = q.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[q[i], q[j]] = [q[j], q[i]]
    }
    return q
  })
  const picked = []
  while (picked.length < max && queues.some((q) => q.length)) for (const q of queues) if (q.length && picked.length < max) picked.push(q.shift())
  return picked.sort((a, b) => a.start - b.start)
}

// ---- running ----
const words = (s) => s.match(/"[^"]*"|'[^']*'|\S+/g).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'))

/** The `{bail}` reporter (see bailReporter): prints nothing, exits 1 at the first failed test (the group is killed after). */
const BAIL_SOURCE = `import { writeSync } from 'node:fs'
export default async function* bail(source) {
  for await (const e of source) {
    if (e.type !== 'test:fail' || e.data.todo || e.data.skip) continue
    writeSync(1, 'first failure: ' + (e.data.file ? e.data.file.replace(process.cwd() + '/', '') + ': ' : '') + e.data.name + '\\n')
    process.exit(1)
  }
}
`

/** Run the tests: 'pass', 'fail' or 'timeout', with the seconds taken and the output's tail. */
function runTests(tests, timeoutSec) {
  const [cmd, ...args] = words(opts.cmd.replaceAll('{bail}', bailReporter))
  const t0 = Date.now()
  return new Promise((resolve) => {
    let tail = ''
    child = spawn(cmd, [...args, ...tests], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    const keep = (d) => (tail = (tail + d).slice(-4000))
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    let timedOut = false
    const timer = timeoutSec ? setTimeout(() => ((timedOut = true), stopChild()), timeoutSec * 1000) : null
    const pid = child.pid
    let code = null
    // the runner may leave test processes behind (holding its output open) when the reporter ends
    // it: once it exits, end its whole group, so that 'close' comes at once
    child.on('exit', (c) => {
      code = c
      try {
        process.kill(-pid, 'SIGKILL')
      } catch {}
    })
    child.on('close', () => {
      clearTimeout(timer)
      child = null
      resolve({ result: timedOut ? 'timeout' : code === 0 ? 'pass' : 'fail', secs: (Date.now() - t0) / 1000, tail })
    })
  })
}

function testsFor(t) {
  if (t.tests) return t.tests
  const stem = t.file.replace(/\.ts$/, '')
  const found = []
  const walk = (dir) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name)
      if (e.isDirectory()) walk(rel)
      else if (rel.endsWith('.test.ts') && new RegExp(`${stem.replace(/[/.]/g, '\\$&')}(\\.ts)?['"]`).test(readFileSync(path.join(root, rel), 'utf8'))) found.push(rel)
    }
  }
  walk('test')
  return found.sort()
}

const started = Date.now()
const deadline = started + opts.budget * 60_000
const results = []
mkdirSync(backupDir, { recursive: true })
writeFileSync(bailReporter, BAIL_SOURCE)

for (const t of targets) {
  const abs = path.join(root, t.file)
  const orig = recover(abs)
  const all = mutantsOf(orig, t.file)
  const chosen = opts.only ? all.filter((m) => opts.only.has(m.id)) : sample(all, opts.max, opts.seed, t.file)
  const tests = testsFor(t)
  console.log(`\n${t.file}: ${all.length} candidate mutants, ${chosen.length} chosen; tests: ${tests.join(' ') || '(none)'}`)
  if (opts.list) {
    for (const m of chosen) console.log(`  ${m.id}  ${t.file}:${m.line}:${m.col}  ${m.kind}  ${show(m)}`)
    continue
  }
  if (!tests.length) {
    console.log('  no test files: skipped')
    continue
  }
  if (!chosen.length) continue
  if (Date.now() > deadline) {
    for (const m of chosen) results.push({ ...m, file: t.file, result: 'not run' })
    continue
  }
  const clean = await runTests(tests, 0)
  if (clean.result !== 'pass') {
    console.log(`  the tests fail without any mutant: skipped\n${clean.tail}`)
    continue
  }
  const limit = opts.timeout || Math.max(30, Math.ceil(clean.secs * 3))
  console.log(`  clean run ${clean.secs.toFixed(1)} s; per-mutant limit ${limit} s`)
  for (const m of chosen) {
    if (Date.now() + clean.secs * 1000 > deadline) {
      results.push({ ...m, file: t.file, result: 'not run' })
      continue
    }
    const mutated = orig.slice(0, m.start) + m.to + orig.slice(m.end) + `\n${MARK}${m.id}\n`
    let r
    try {
      writeFileSync(backupOf(abs), orig)
      pending.set(abs, orig)
      writeFileSync(abs, mutated)
      r = await runTests(tests, limit)
    } finally {
      writeFileSync(abs, orig)
      pending.delete(abs)
      rmSync(backupOf(abs), { force: true })
    }
    const verdict = r.result === 'pass' ? 'SURVIVED' : r.result === 'timeout' ? 'killed (timeout)' : 'killed'
    const by = r.result === 'fail' ? /first failure: (.*)/.exec(r.tail)?.[1] : undefined
    results.push({ ...m, file: t.file, result: r.result === 'pass' ? 'survived' : r.result === 'timeout' ? 'timeout' : 'killed', secs: r.secs, by })
    console.log(`  ${m.id.padEnd(28)} ${t.file}:${m.line}:${m.col}  ${m.kind.padEnd(11)} ${show(m)}  ${verdict} (${r.secs.toFixed(1)} s)${by ? `\n${' '.repeat(31)}by ${by.slice(0, 110)}` : ''}`)
  }
}

function show(m) {
  const cut = (s) => (s.length > 60 ? s.slice(0, 57) + '…' : s).replace(/\s+/g, ' ')
  return `${cut(m.from)} → ${cut(m.to)}`
}

if (!opts.list) {
  const files = [...new Set(results.map((r) => r.file))]
  console.log(`\nper file (kill rate = killed / run; a timeout counts as killed):`)
  for (const f of files) {
    const rs = results.filter((r) => r.file === f)
    const n = (k) => rs.filter((r) => r.result === k).length
    const run = rs.length - n('not run')
    const killed = n('killed') + n('timeout')
    console.log(`  ${f.padEnd(30)} run ${String(run).padStart(3)}  killed ${String(killed).padStart(3)}  survived ${String(n('survived')).padStart(3)}${n('not run') ? `  not run ${n('not run')}` : ''}  ${run ? ((100 * killed) / run).toFixed(0) + ' %' : '-'}`)
  }
  const survivors = results.filter((r) => r.result === 'survived')
  console.log(`\nsurvivors (${survivors.length}):`)
  for (const s of survivors) console.log(`  ${s.file}:${s.line}:${s.col}  ${s.kind}  ${show(s)}  [${s.id}]`)
  console.log(`\n${((Date.now() - started) / 60000).toFixed(1)} min`)
  if (opts.json) writeFileSync(opts.json, JSON.stringify(results.map(({ start, end, ...r }) => r), null, 2))
}

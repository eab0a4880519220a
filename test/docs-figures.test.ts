/**
 * The size and speed figures the user docs quote in prose are the ones BENCHMARKS.md records.
 * `node scripts/size.mjs --write-docs` regenerates the size tables of README.md and BENCHMARKS.md,
 * but not the sentences that round them ("15.7 KB gzip against 27.6 KB"), nor the CPU table of
 * docs/security.md taken from a kept benchmark report: when a table moves, this fails until the
 * prose follows.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const read = (f: string): string => readFileSync(path.join(root, f), 'utf8')
const bench = read('BENCHMARKS.md')

/** The gzip figure (bold) of the BENCHMARKS.md size row whose first cell starts with `label`. */
function gzip(label: string): number {
  const row = bench.split('\n').find((l) => l.startsWith(`| ${label}`))
  const m = row?.match(/\*\*([\d,]+)\*\*/)
  assert.ok(m, `BENCHMARKS.md has no size row starting "${label}"`)
  return Number(m[1]!.replace(/,/g, ''))
}
const kb = (bytes: number): string => (bytes / 1000).toFixed(1)

test('the bundle sizes quoted in prose round the BENCHMARKS.md table', () => {
  const ours = kb(gzip('a typical amazon-cognito-identity-js app on "cognito-edge/identity-js"'))
  const acij = kb(gzip('the same app on amazon-cognito-identity-js'))
  const fns = kb(gzip('SRP login with the functions: `createClient` + `authenticate`'))
  const readme = read('README.md').replace(/\s+/g, ' ')
  const migrating = read('docs/migrating-from-amazon-cognito-identity-js.md').replace(/\s+/g, ' ')
  assert.ok(readme.includes(`typical app: ${ours} KB gzip against ${acij} KB`), `README.md should say ${ours} KB against ${acij} KB`)
  assert.ok(migrating.includes(`**${ours} KB** with \`cognito-edge/identity-js\` against **${acij} KB**`), `the migration guide should say ${ours} KB against ${acij} KB`)
  assert.ok(migrating.includes(`with \`authenticate\` is about ${fns} KB gzip`), `the migration guide should say about ${fns} KB for authenticate`)
})

test("README.md's size table is the one BENCHMARKS.md records", () => {
  const readme = read('README.md')
  const table = readme.slice(readme.indexOf('<!-- size-table:start'), readme.indexOf('<!-- size-table:end'))
  const figures = [...table.matchAll(/\| ([\d,]{4,}) \|$/gm)].map((m) => m[1]!)
  assert.ok(figures.length >= 15, `only ${figures.length} figures in README.md's size table`)
  for (const f of figures) assert.ok(bench.includes(`**${f}**`) || bench.includes(`| ${f} |`), `README.md's ${f} B is not in BENCHMARKS.md`)
})

test("docs/security.md's CPU per private-value size is the benchmark report it names", () => {
  const security = read('docs/security.md')
  const report = security.match(/BENCHMARKS\.md keeps\s+as "(Report, [\d-]+)"/)
  assert.ok(report, 'docs/security.md no longer names the report its CPU table comes from')
  const start = bench.indexOf(`## ${report[1]}\n`)
  assert.ok(start >= 0, `BENCHMARKS.md has no "## ${report[1]}"`)
  const body = bench.slice(start, bench.indexOf('\n## ', start + 1))
  /** The median of a row of the report's first table of that kind. */
  const median = (table: RegExp, row: string): string => {
    const at = body.search(table)
    assert.ok(at >= 0, `no ${table} in the report`)
    const line = body.slice(at).split('\n').find((l) => l.startsWith(`| ${row} |`))
    assert.ok(line, `no row "${row}" after ${table}`)
    return line.split('|')[2]!.trim()
  }
  const warm = /SRP login CPU on Node/
  const cold = /First SRP login, workerd/
  const rows = [
    ['**80 bytes (640 bits), the default**', median(warm, 'cognito-edge (640-bit a, default): A + u, x, S, HKDF, signature'), median(cold, 'ours')],
    ['128 bytes (1024 bits), AWS\'s clients\' size', median(warm, 'cognito-edge (1024-bit a, the AWS clients\' size)'), median(cold, 'ours-1024')],
  ]
  for (const [size, node, workerd] of rows) {
    const line = security.split('\n').find((l) => l.startsWith(`| ${size} |`))
    assert.ok(line, `docs/security.md has no row for ${size}`)
    const cells = line.split('|').map((c) => c.trim())
    assert.equal(cells.at(-3), `${Number(node).toFixed(1)} ms`, `warm Node figure for ${size}`)
    assert.equal(cells.at(-2), `${Number(workerd).toFixed(1)} ms`, `first workerd sign-in for ${size}`)
  }
})

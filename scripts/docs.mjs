#!/usr/bin/env node
// API reference: TypeDoc over the source of every entry point in package.json "exports"
// (./dist/x.js → src/x.ts), into api-reference/ (gitignored). typedoc.json turns on validation.notDocumented
// for public exports (class, function, constant, interface, type, public method or accessor);
// this script fails when TypeDoc reports any of them undocumented, or reports an error. Other
// TypeDoc warnings (a link it cannot resolve, an unused @param name) are printed, not fatal.
import { readFileSync, existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const entries = []
for (const [sub, target] of Object.entries(pkg.exports)) {
  const file = typeof target === 'string' ? target : target.default
  if (!file.endsWith('.js')) continue
  const src = file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')
  if (!existsSync(path.join(root, src))) {
    console.error(`docs: ${sub} points at ${file}, but ${src} does not exist`)
    process.exit(1)
  }
  entries.push(src)
}
console.log(`docs: ${entries.length} entry points: ${entries.join(', ')}`)
const args = ['typedoc', ...entries.flatMap((e) => ['--entryPoints', e]), ...process.argv.slice(2)]
const r = spawnSync('npx', args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
const out = `${r.stdout}${r.stderr}`
process.stdout.write(out)
const missing = out.split('\n').filter((l) => l.includes('does not have any documentation'))
if (missing.length) {
  console.error(`docs: ${missing.length} public export(s) without documentation (listed above)`)
  process.exit(1)
}
if (r.status !== 0) {
  console.error(`docs: typedoc failed (exit ${r.status})`)
  process.exit(1)
}
console.log('docs: every public export is documented')

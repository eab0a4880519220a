/**
 * Every name a user can import — values and types, from every entry point in package.json
 * "exports" — appears in README.md or docs/*.md, so the docs say where it comes from. The names
 * are read with the TypeScript compiler from the entry modules themselves, so a new export
 * without a mention fails here.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

const root = path.resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { default: string }> }

/** The exported names of each entry module, from one compiler program over all of them. */
function exportedNames(files: string[]): Map<string, string[]> {
  const program = ts.createProgram(files, { allowImportingTsExtensions: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noResolve: false })
  const checker = program.getTypeChecker()
  return new Map(files.map((f) => {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(f)!)
    return [f, symbol ? checker.getExportsOfModule(symbol).map((s) => s.getName()) : []]
  }))
}

function docsText(): string {
  const files = [path.join(root, 'README.md'), ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join(root, 'docs', f))]
  return files.map((f) => readFileSync(f, 'utf8')).join('\n')
}

test('every exported name of every entry point appears in README.md or docs/', () => {
  const text = docsText()
  const missing: string[] = []
  let n = 0
  const entries = Object.entries(pkg.exports)
    .map(([sub, target]) => [sub, typeof target === 'string' ? target : target.default] as const)
    .filter(([, file]) => file.endsWith('.js'))
    .map(([sub, file]) => [sub, path.join(root, file.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'))] as const)
  const names = exportedNames(entries.map(([, f]) => f))
  for (const [sub, src] of entries) {
    for (const name of names.get(src)!) {
      n++
      if (!new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(text)) missing.push(`${sub}: ${name}`)
    }
  }
  assert.ok(n > 150, `only ${n} names found: the entry points were not read`)
  assert.deepEqual(missing, [], `${missing.length} exported names are not in the docs`)
})

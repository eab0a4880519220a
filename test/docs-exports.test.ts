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
  return compiled(files).names
}

/** The entry modules' exported names, and the member names of their exported types; one program, made once. */
let cache: { key: string; names: Map<string, string[]>; members: Map<string, Set<string>> } | undefined
function compiled(files: string[]): NonNullable<typeof cache> {
  const key = [...files].sort().join('\n')
  if (cache?.key === key) return cache
  const program = ts.createProgram(files, { allowImportingTsExtensions: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noResolve: false })
  const checker = program.getTypeChecker()
  const names = new Map<string, string[]>()
  const members = new Map<string, Set<string>>()
  for (const f of files) {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(f)!)
    const exported = symbol ? checker.getExportsOfModule(symbol) : []
    // the service model's shapes reach `cognito-edge` through `export type * from
    // './model.generated.ts'`, documented together as `Model`: only the names an entry module
    // declares or re-exports by name are listed one by one
    const listed = exported.filter((s) => s.declarations?.some((d) => d.getSourceFile().fileName === f))
    names.set(f, listed.map((s) => s.getName()))
    const own = new Set<string>()
    for (const s of exported) {
      const t = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s
      if (t.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) for (const p of checker.getDeclaredTypeOfSymbol(t).getProperties()) own.add(p.getName())
    }
    members.set(f, own)
  }
  return (cache = { key, names, members })
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

test('docs/README.md lists under each entry point only names that entry point exports', () => {
  const index = readFileSync(path.join(root, 'docs/README.md'), 'utf8')
  const section = index.slice(index.indexOf('## Every export, by entry point'))
  assert.ok(section.length > 1000, 'docs/README.md has no "Every export, by entry point" section')
  // each entry point's paragraph starts with its name in bold: **`cognito-edge/jwt`**
  const parts = section.split(/^\*\*`(cognito-edge[\w/-]*)`\*\*/m).slice(1)
  const subs = new Map<string, string>()
  for (let i = 0; i < parts.length; i += 2) subs.set(parts[i]!, parts[i + 1]!)
  const fileOf = (sub: string): string => {
    const target = pkg.exports['.' + sub.slice('cognito-edge'.length)]!
    return path.join(root, (typeof target === 'string' ? target : target.default).replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'))
  }
  const all = Object.entries(pkg.exports).filter(([k]) => k !== './package.json').map(([k]) => fileOf('cognito-edge' + k.slice(1)))
  const { names, members } = compiled(all)
  const wrong: string[] = []
  let n = 0
  for (const [sub, text] of subs) {
    const exported = new Set(names.get(fileOf(sub)))
    // every name in backticks (a call such as `listen(pool, options)` by its name); a member of an
    // exported type (`LocalServer` with `url`) counts as that type's
    for (const [, name] of text.matchAll(/`([A-Za-z_$][\w$]*)(?:\([^`]*\))?`/g)) {
      n++
      if (!exported.has(name!) && !members.get(fileOf(sub))!.has(name!)) wrong.push(`${sub}: ${name}`)
    }
  }
  assert.equal(subs.size, Object.keys(pkg.exports).filter((k) => k !== './package.json').length, `entry points in docs/README.md: ${[...subs.keys()].join(', ')}`)
  assert.ok(n > 200, `only ${n} names read from docs/README.md`)
  assert.deepEqual(wrong, [], 'names docs/README.md lists under an entry point that does not export them')
})

/**
 * The package's declarations as apps compile them. The `.d.ts` of every module is emitted from
 * src/ (`transpileDeclaration`, as `npm run build` emits them: the build uses
 * `isolatedDeclarations`) into a temporary `node_modules/cognito-edge` with the real
 * package.json, and the samples of test/types/ are compiled against it with their imports of
 * `../../src/…` turned into the `cognito-edge/…` subpaths, `skipLibCheck` off, under the settings
 * users have: strict with `exactOptionalPropertyTypes`; a Node app without the DOM lib
 * (`lib: ES2022` + @types/node); a Cloudflare Worker (`lib: ES2022` + @cloudflare/workers-types);
 * bundler and node10 resolution; a CommonJS project (`module: nodenext`, `require(esm)`). A
 * declaration that names a DOM-only type, or an option that refuses `undefined`, fails here.
 * (The oldest TypeScript the docs name is checked by `npm run pack-check`.) Node only.
 */
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ts from 'typescript'

const root = path.resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { exports: Record<string, string | { default: string }> }
const tmp = mkdtempSync(path.join(tmpdir(), 'cognito-edge-consumers-'))
after(() => rmSync(tmp, { recursive: true, force: true }))

/** src/ files that ship: everything but the CLI. */
function sources(dir = path.join(root, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return p.endsWith(`${path.sep}src${path.sep}cli`) ? [] : sources(p)
    return e.name.endsWith('.ts') && e.name !== 'cli.ts' ? [p] : []
  })
}

/** node_modules/cognito-edge with the emitted declarations, and the two type packages linked in. */
function install(): void {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) })!
  const dest = path.join(tmp, 'node_modules/cognito-edge')
  for (const file of sources()) {
    const out = ts.transpileDeclaration(readFileSync(file, 'utf8'), { fileName: file, compilerOptions: config.options, reportDiagnostics: true })
    assert.deepEqual(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) ?? [], [], file)
    const target = path.join(dest, 'dist', path.relative(path.join(root, 'src'), file).replace(/\.ts$/, '.d.ts'))
    mkdirSync(path.dirname(target), { recursive: true })
    writeFileSync(target, out.outputText)
  }
  writeFileSync(path.join(dest, 'package.json'), JSON.stringify(pkg))
  for (const dep of ['@types/node', 'undici-types', '@cloudflare/workers-types']) {
    mkdirSync(path.dirname(path.join(tmp, 'node_modules', dep)), { recursive: true })
    symlinkSync(path.join(root, 'node_modules', dep), path.join(tmp, 'node_modules', dep), 'dir')
  }
  // an ES module app and a CommonJS one (no "type")
  mkdirSync(path.join(tmp, 'esm'))
  writeFileSync(path.join(tmp, 'esm/package.json'), '{"type":"module"}')
  mkdirSync(path.join(tmp, 'cjs'))
  writeFileSync(path.join(tmp, 'cjs/package.json'), '{}')
}
install()

/** A sample with its `../../src/x.ts` imports turned into the package's subpaths. */
function asApp(sample: string): string {
  let text = readFileSync(path.join(root, 'test/types', sample), 'utf8')
  for (const [sub, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue
    const src = target.default.replace(/^\.\/dist\//, '../../src/').replace(/\.js$/, '.ts')
    text = text.replaceAll(`from '${src}'`, `from 'cognito-edge${sub.slice(1)}'`)
  }
  assert.doesNotMatch(text, /from '\.\.\/\.\.\/src/, `${sample} imports only entry points`)
  return text
}

const STRICT: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  typeRoots: [path.join(tmp, 'node_modules/@types')],
}

/** The diagnostics of `sample` compiled as an app in `dir` (esm or cjs) with `options`, as text. */
function compile(sample: string, options: ts.CompilerOptions, dir = 'esm'): string[] {
  const file = path.join(tmp, dir, sample)
  writeFileSync(file, asApp(sample))
  const program = ts.createProgram([file], { ...STRICT, ...options })
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(tmp, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''
    return where + ts.flattenDiagnosticMessageText(d.messageText, ' ')
  })
}

test('strict with exactOptionalPropertyTypes: every optional option of a client, a class or a verifier takes undefined', () => {
  assert.deepEqual(compile('exact-optional.ts', { verbatimModuleSyntax: true, isolatedModules: true }), [])
})

test('a Node app without the DOM lib (lib ES2022 + @types/node) type-checks every entry point', () => {
  assert.deepEqual(compile('consumer.ts', { lib: ['lib.es2022.d.ts'], types: ['node'] }), [])
})

test('a Cloudflare Worker (lib ES2022 + @cloudflare/workers-types, no DOM) type-checks every entry point', () => {
  assert.deepEqual(compile('consumer.ts', { lib: ['lib.es2022.d.ts'], types: ['@cloudflare/workers-types'], typeRoots: [path.join(tmp, 'node_modules')] }), [])
})

test('DOM with bundler resolution, node10 resolution (typesVersions) and a CommonJS project on nodenext all type-check', () => {
  assert.deepEqual(compile('consumer.ts', { module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, verbatimModuleSyntax: true }), [], 'bundler')
  assert.deepEqual(compile('consumer.ts', { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 }, 'cjs'), [], 'node10')
  assert.deepEqual(compile('consumer.ts', {}, 'cjs'), [], 'CommonJS, nodenext')
})

test('a shared library compiled with declaration: true can name every type it infers from the package', () => {
  assert.deepEqual(compile('library.ts', { declaration: true, emitDeclarationOnly: true, noEmit: false, outDir: path.join(tmp, 'out') }), [])
})

test('the check can fail: a sample that misuses the API is refused', () => {
  const text = asApp('consumer.ts').replace("tokenUse: 'access' })", "tokenUse: 'acess' })")
  assert.notEqual(text, asApp('consumer.ts'))
  const file = path.join(tmp, 'esm', 'broken.ts')
  writeFileSync(file, text)
  const d = ts.getPreEmitDiagnostics(ts.createProgram([file], STRICT)).map((x) => ts.flattenDiagnosticMessageText(x.messageText, ' '))
  assert.equal(d.length, 1)
  assert.match(d[0]!, /"acess"/)
})

/**
 * Types that public declarations name but no entry point exports under that name, each with why
 * an app never needs to write it. A type missing here that a signature names is one users see in
 * their editor and cannot import, or import under its name and get another type.
 */
const UNEXPORTED: Record<string, string> = {
  CognitoSession: 'the base class of Cognito: apps name Cognito',
  ChoiceChallengeError: 'the base class of the three exported choice challenge errors',
  Bytes: 'a Uint8Array',
  SigningKey: "the local pool's keys: only their jwk (a Jwk) is reachable, through LocalPool.jwks",
  Key: "WebCrypto's key, inside SigningKey",
  CognitoJwtToken: "identity-js: as in amazon-cognito-identity-js's declarations, which name no such base class",
  TokenLike: 'identity-js: what CognitoUserSession accepts, any object with the tokens',
  CognitoUserAttributeLike: 'identity-js: what signUp accepts, CognitoUserAttribute or its data',
  StringHandlers: "identity-js: the callbacks object of setDeviceStatus…, written inline in acij's",
}

test('every type a public declaration names is exported under that name, or listed with a reason', () => {
  const file = path.join(tmp, 'esm/surface.ts')
  const subs = Object.keys(pkg.exports).filter((s) => !s.endsWith('.json'))
  writeFileSync(file, subs.map((s, i) => `export * as m${i} from 'cognito-edge${s.slice(1)}'`).join('\n'))
  const program = ts.createProgram([file], { ...STRICT, types: ['node'] })
  const checker = program.getTypeChecker()
  const resolve = (s: ts.Symbol): ts.Symbol => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s)
  const inPackage = (d: ts.Node) => d.getSourceFile().fileName.includes('/node_modules/cognito-edge/')
  const exported = new Set<ts.Symbol>()
  const roots: ts.Symbol[] = []
  for (const stmt of program.getSourceFile(file)!.statements) {
    const mod = checker.getSymbolAtLocation((stmt as ts.ExportDeclaration).moduleSpecifier!)!
    for (const e of checker.getExportsOfModule(mod)) {
      const s = resolve(e)
      exported.add(s)
      roots.push(s)
      // a namespace export (Model): its members are reachable by name too
      if (s.flags & ts.SymbolFlags.Module) for (const m of checker.getExportsOfModule(s)) exported.add(resolve(m))
    }
  }
  const unexported = new Map<string, string>()
  const seen = new Set<ts.Node>()
  const walk = (decl: ts.Node, via: string): void => {
    if (seen.has(decl)) return
    seen.add(decl)
    const visit = (n: ts.Node): void => {
      // private members are not part of what an app writes
      if ((ts.isPropertyDeclaration(n) || ts.isMethodDeclaration(n)) && n.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) return
      const name = ts.isTypeReferenceNode(n) ? n.typeName : ts.isExpressionWithTypeArguments(n) ? n.expression : undefined
      const at = name && (ts.isQualifiedName(name) ? name.right : ts.isPropertyAccessExpression(name) ? name.name : name)
      const found = at && checker.getSymbolAtLocation(at)
      const s = found && resolve(found)
      if (s && !(s.flags & ts.SymbolFlags.TypeParameter) && s.declarations?.some(inPackage) && !exported.has(s)) {
        if (!unexported.has(s.name)) unexported.set(s.name, via)
        for (const d of s.declarations) walk(d, `${via} > ${s.name}`)
      }
      ts.forEachChild(n, visit)
    }
    ts.forEachChild(decl, visit)
  }
  for (const s of roots) for (const d of s.declarations ?? []) if (inPackage(d)) walk(d, s.name)
  const names = [...unexported.keys()].sort()
  assert.deepEqual(names, Object.keys(UNEXPORTED).sort(), [...unexported].map(([n, via]) => `${n} (named by ${via})`).join('\n'))
})

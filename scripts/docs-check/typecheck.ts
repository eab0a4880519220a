/**
 * One `tsc --strict` program over every extracted block (lib DOM + ES2022, types node, NodeNext:
 * the package's own name resolves through its "exports" to dist/), emitting the JavaScript the
 * blocks then run as, with source maps. Diagnostics are mapped back to markdown lines. The
 * compiler API is used rather than the `tsc` command, which hides every type error of every file
 * as soon as one file has a syntax error.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { blockName, type Block } from './blocks.ts'

/** A compiler diagnostic at a markdown position. */
export interface TypeProblem {
  /** 1-based line in the markdown file. */
  line: number
  column: number
  /** `TS2304: Cannot find name 'x'.` (with its continuation lines). */
  message: string
}

/** The compiler options of a block: what a reader's strict TypeScript app has, nothing stricter. */
const COMPILER_OPTIONS = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  // every block is a module: top-level await, and no name clashes between blocks
  moduleDetection: 'force',
  strict: true,
  types: ['node'],
  skipLibCheck: true,
  sourceMap: true,
  rootDir: 'src',
  outDir: 'js',
}

/**
 * Write the blocks to `<dir>/src/<name>.ts` (and the tsconfig.json they are compiled with),
 * compile them to `<dir>/js/<name>.js`, and return each block's problems (keyed by block name)
 * plus those no block owns.
 */
export function typecheck(dir: string, blocks: Block[]): { errors: Map<string, TypeProblem[]>; global: string[]; ms: number } {
  const t0 = performance.now()
  mkdirSync(path.join(dir, 'src'), { recursive: true })
  const byFile = new Map<string, { name: string; block: Block }>()
  for (const block of blocks) {
    const name = blockName(block)
    const file = path.join(dir, 'src', `${name}.ts`)
    writeFileSync(file, block.code)
    byFile.set(file, { name, block })
  }
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ['src'] }, null, 2))
  const { options, errors: optionErrors } = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, dir)
  const program = ts.createProgram({ rootNames: [...byFile.keys()], options, ...(optionErrors.length ? { configFileParsingDiagnostics: optionErrors } : {}) })
  const emitted = program.emit()
  const errors = new Map<string, TypeProblem[]>()
  const global: string[] = []
  for (const d of ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics])) {
    if (d.category !== ts.DiagnosticCategory.Error) continue
    const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n  ')}`
    const owner = d.file && byFile.get(path.resolve(d.file.fileName))
    if (!owner || d.start === undefined) {
      global.push(message)
      continue
    }
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start)
    errors.set(owner.name, [...(errors.get(owner.name) ?? []), { line: owner.block.line + line + 1, column: character + 1, message }])
  }
  return { errors, global, ms: performance.now() - t0 }
}

/**
 * The ```ts blocks of the user docs: which markdown files are checked (README.md and
 * docs/**\/*.md, folders starting with `_` left out), and each block's code, where it is, and how
 * it is checked: `ts` (type-checked, then run), `ts aws` (written for a real pool, run with the
 * local pool substituted), `ts no-run` (type-checked only), `ts ignore` (neither). Other
 * languages are not checked.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** How a block is checked. */
export type Mode = 'run' | 'no-run' | 'ignore'

/** One ```ts block. */
export interface Block {
  /** The markdown file, relative to the repository (forward slashes). */
  file: string
  /** 1-based line of the opening fence. */
  line: number
  /** The code, indentation of a list item removed. */
  code: string
  mode: Mode
  /** Marked `aws`: written for a real pool (no endpoint). */
  aws: boolean
  /** A problem with the fence itself (unknown modifier, no closing fence). */
  problem?: string
}

const LANGS = new Set(['ts', 'typescript'])
const MODIFIERS = new Set(['aws', 'no-run', 'ignore'])

/** The markdown files checked by default: README.md and docs/**\/*.md, folders starting with `_` (drafts) left out. */
export function defaultFiles(root: string): string[] {
  const out = ['README.md']
  const walk = (dir: string): void => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const rel = `${dir}/${e.name}`
      if (e.isDirectory() && !e.name.startsWith('_')) walk(rel)
      else if (e.isFile() && e.name.endsWith('.md')) out.push(rel)
    }
  }
  try {
    walk('docs')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  return out
}

/** Every ```ts block of one markdown text. */
export function extractBlocks(file: string, text: string): Block[] {
  const lines = text.split(/\r?\n/)
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]!)
    if (!open) continue
    const [, indent, fence, info] = open as unknown as [string, string, string, string]
    const close = new RegExp(`^ *${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`)
    let end = i + 1
    while (end < lines.length && !close.test(lines[end]!)) end++
    const words = info.trim().split(/\s+/)
    if (LANGS.has(words[0]!.toLowerCase())) {
      const mods = words.slice(1)
      const unknown = mods.filter((m) => !MODIFIERS.has(m))
      const code = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
      const block: Block = {
        file,
        line: i + 1,
        code: code.join('\n') + '\n',
        mode: mods.includes('ignore') ? 'ignore' : mods.includes('no-run') ? 'no-run' : 'run',
        aws: mods.includes('aws'),
      }
      if (unknown.length) block.problem = `unknown modifier ${unknown.map((m) => JSON.stringify(m)).join(', ')} after \`\`\`${words[0]}: use aws, no-run or ignore`
      else if (end >= lines.length) block.problem = 'the code block is never closed'
      blocks.push(block)
    }
    i = end
  }
  return blocks
}

/** The environment variables a block may read: the pool's admin keys and the second client's secret. */
export const ALLOWED_ENV = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'COGNITO_CLIENT_SECRET']

/** A block's reads of `process.env` other than {@link ALLOWED_ENV} (a read without a literal name counts as `process.env`). */
export function envReads(code: string): string[] {
  const found = new Set<string>()
  for (const m of code.matchAll(/process\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"`])([^'"`]+)\2\s*\])?/g)) {
    const name = m[1] ?? m[3]
    if (name === undefined) found.add('process.env')
    else if (!ALLOWED_ENV.includes(name)) found.add(name)
  }
  return [...found]
}

/** The blocks of `files` (paths relative to `root`). */
export function readBlocks(root: string, files: string[]): Block[] {
  return files.flatMap((f) => extractBlocks(f.split(path.sep).join('/'), readFileSync(path.join(root, f), 'utf8')))
}

/** A file name for the block's extracted code: `README.md` line 15 → `README_md_L15`. */
export function blockName(b: Pick<Block, 'file' | 'line'>): string {
  return `${b.file.replace(/[^A-Za-z0-9]+/g, '_')}_L${b.line}`
}

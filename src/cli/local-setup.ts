/**
 * What `cognito-edge local` starts from: the `--config` file, the users of `--user` and
 * `--user-file` (or a default user), and the admin credentials (from the config, from
 * `--credentials-file`, or generated and written to a file only its owner can read). Every
 * error names the flag or the file it came from. Node only.
 * @module
 */
import { closeSync, existsSync, fchmodSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isObj, isStr } from '../lib/guards.ts'
import type { LocalPoolOptions, LocalUserSeed } from '../local/index.ts'
import { generateCredentials } from '../local/state.ts'
import { UsageError } from './args.ts'

/** Admin credentials of the pool and where the secret key can be read. */
export interface AdminKeys {
  accessKeyId: string
  secretAccessKey: string
  /** Where the secret key is, for the banner ("the credentials of pool.json", a file path). */
  where: string
  /** The file holding both keys as `export AWS_…=` lines, when there is one. */
  file: string | undefined
  /** Remove what was written for this run only (the generated temporary file). */
  cleanup(): void
}

/** The default user when no user is given anywhere. */
export const DEFAULT_PASSWORD = 'Passw0rd!'

const errText = (e: unknown): string => String((e as Error)?.message ?? e)

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (e) {
    throw new UsageError(`${flag} ${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? errText(e)})`)
  }
}

/** The `--config` file: a JSON object of `createLocalPool` options. */
export function readConfig(path: string | undefined): LocalPoolOptions {
  if (path === undefined) return {}
  const text = readText(path, '--config')
  let config: unknown
  try {
    config = JSON.parse(text)
  } catch (e) {
    throw new UsageError(`--config ${path}: not valid JSON (${errText(e)})`)
  }
  if (!isObj(config)) throw new UsageError(`--config ${path}: must be a JSON object of local pool options, like {"users": [...]}`)
  return withoutComments(config) as LocalPoolOptions
}

/** JSON has no comments: members named `//…` are the usual stand-in, dropped here before the pool checks its options. */
function withoutComments(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutComments)
  if (!isObj(v)) return v
  return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('//')).map(([k, x]) => [k, withoutComments(x)]))
}

/** One `name:password`; a name with `@` also becomes the user's (verified) email. */
function userOf(spec: string, where: string): LocalUserSeed {
  const colon = spec.indexOf(':')
  const username = spec.slice(0, colon).trim()
  const password = spec.slice(colon + 1)
  if (colon < 0 || !username || !password) throw new UsageError(`${where} must be name:password (a name, a colon, then the password)`)
  return { username, password, ...(username.includes('@') ? { attributes: { email: username } } : {}) }
}

/** A user to create and the flag (or file) it came from, for error messages. */
export interface UserSpec {
  seed: LocalUserSeed
  from: string
}

/** Users from `--user name:password` (repeatable) and `--user-file` (lines of name:password, or a JSON array of user seeds). */
export function readUsers(specs: string[], file: string | undefined): UserSpec[] {
  const users = specs.map((s) => ({ seed: userOf(s, '--user'), from: '--user' }))
  if (file === undefined) return users
  const text = readText(file, '--user-file')
  const from = `--user-file ${file}:`
  if (text.trimStart().startsWith('[')) {
    let list: unknown
    try {
      list = JSON.parse(text)
    } catch (e) {
      throw new UsageError(`--user-file ${file}: not valid JSON (${errText(e)})`)
    }
    for (const [i, u] of (list as unknown[]).entries()) {
      if (u === null || typeof u !== 'object' || typeof (u as LocalUserSeed).username !== 'string') throw new UsageError(`--user-file ${file}: entry ${i} must be an object with a "username"`)
      users.push({ seed: u as LocalUserSeed, from })
    }
    return users
  }
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() && !line.trimStart().startsWith('#')) users.push({ seed: userOf(line, `--user-file ${file} line ${i + 1}`), from })
  }
  return users
}

/** The user created when none is given: its sign-in name suits the pool's username attributes. */
export function defaultUser(config: LocalPoolOptions): LocalUserSeed {
  const attrs = config.usernameAttributes ?? []
  if (attrs.length && !attrs.includes('email')) return { username: '+15555550100', password: DEFAULT_PASSWORD, attributes: { phone_number: '+15555550100' } }
  return { username: attrs.length ? 'demo@example.com' : 'demo', password: DEFAULT_PASSWORD, attributes: { email: 'demo@example.com' } }
}

const KEY_LINE = /^(?:export\s+)?(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)=["']?([^"'\s]+)["']?\s*$/

/** Write `text` to `path`, readable by its owner only (mode 0600, also when the file existed). */
function writePrivate(path: string, text: string): void {
  const fd = openSync(path, 'w', 0o600)
  try {
    fchmodSync(fd, 0o600)
    writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
}

/**
 * The admin credentials: the config's `credentials`, else the keys in `--credentials-file`
 * (generated and written there when it does not exist), else generated for this run and
 * written to a new private temporary directory that is removed on exit.
 */
export function adminKeys(config: LocalPoolOptions, configPath: string | undefined, file: string | undefined): AdminKeys {
  const c = config.credentials as Record<string, unknown> | undefined
  if (c !== undefined) {
    if (!isStr(c?.['accessKeyId']) || !isStr(c['secretAccessKey'])) {
      throw new UsageError(`--config ${configPath}: "credentials" must be {"accessKeyId": "…", "secretAccessKey": "…"}`)
    }
    return { accessKeyId: c['accessKeyId'], secretAccessKey: c['secretAccessKey'], where: `the "credentials" of ${configPath}`, file: undefined, cleanup: () => {} }
  }
  if (file !== undefined && existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) throw new UsageError(`--credentials-file ${file}: other users can read it; run chmod 600 ${file}`)
    const keys: Record<string, string> = {}
    for (const line of readText(file, '--credentials-file').split(/\r?\n/)) {
      const m = KEY_LINE.exec(line.trim())
      if (m) keys[m[1]!] = m[2]!
    }
    const id = keys['AWS_ACCESS_KEY_ID']
    const secret = keys['AWS_SECRET_ACCESS_KEY']
    if (!id || !secret) throw new UsageError(`--credentials-file ${file}: needs AWS_ACCESS_KEY_ID=… and AWS_SECRET_ACCESS_KEY=… lines`)
    return { accessKeyId: id, secretAccessKey: secret, where: file, file, cleanup: () => {} }
  }
  const { accessKeyId, secretAccessKey } = generateCredentials()
  const dir = file === undefined ? mkdtempSync(join(tmpdir(), 'cognito-edge-')) : undefined
  const path = file ?? join(dir!, 'credentials')
  const text =
    '# cognito-edge local: admin credentials of a local pool (not AWS credentials)\n' +
    `export AWS_ACCESS_KEY_ID=${accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${secretAccessKey}\n`
  try {
    writePrivate(path, text)
  } catch (e) {
    throw new UsageError(`${file !== undefined ? '--credentials-file ' : ''}${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? errText(e)})`)
  }
  return { accessKeyId, secretAccessKey, where: path, file: path, cleanup: () => dir && rmSync(dir, { recursive: true, force: true }) }
}

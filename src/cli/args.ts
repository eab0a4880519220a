/**
 * The CLI's command-line conventions: each command declares its options once, and that one
 * table drives parsing (unknown options and commands are usage errors with a "did you mean"),
 * `--help` text, and the refusal of secrets on argv. Node only.
 * @module
 */

/** One option of a command. `value` names its argument; without it the option is a switch. */
export interface Flag {
  name: string
  value?: string
  /** May be given more than once (the values are collected in order). */
  repeat?: boolean
  /** One line for `--help`. */
  help: string
}

/** A command: its options, one-line summary and the extra help text after the options. */
export interface Command {
  name: string
  summary: string
  flags: Flag[]
  /** Options refused on argv because their value is a secret: the message says where to put it. */
  secrets?: Record<string, string>
  /** Help text after the option list (environment variables, examples). */
  details?: string
}

/** Parsed options: a string (or the list of strings, for a repeatable flag), or `true` for a switch. */
export type Values = Record<string, string | string[] | true>

/** Where a command writes and what environment it reads (the process's, or a test's). */
export interface Io {
  out(text: string): void
  err(text: string): void
  env: Record<string, string | undefined>
}

/** The process's stdout, stderr and environment. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
}

/** A mistake on the command line: printed with a hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Ctrl-C (or SIGINT): exit code 130. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted')
    this.name = 'Interrupted'
  }
}

export const EXIT_CODES = `exit codes:
  0    success
  1    the operation failed (wrong password, unreachable endpoint, an error from the service)
  2    usage error (unknown command or option, missing or invalid value)
  130  interrupted (Ctrl-C or SIGINT)`

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment), for "did you mean". */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1)
    }
  }
  return d[a.length]![b.length]!
}

/** The closest of `names` to `typed`, when it is close enough to be a typo (case aside: caps lock is one). */
export function closest(typed: string, names: string[]): string | undefined {
  let best: string | undefined
  let bestD = Infinity
  const t = typed.toLowerCase()
  for (const n of names) {
    const d = n.startsWith(t) && t.length >= 2 ? 1 : distance(t, n)
    if (d < bestD) [best, bestD] = [n, d]
  }
  return bestD <= Math.max(1, Math.floor((best?.length ?? 0) / 3)) ? best : undefined
}

/** True when the arguments ask for help (`-h` or `--help` anywhere before `--`). */
export function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--')
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help')
}

/**
 * Parse `argv` against `cmd`'s options: `--name value` or `--name=value`, switches without a
 * value. Values are never echoed in errors (one could be a secret typed in the wrong place).
 */
export function parse(cmd: Command, argv: string[]): Values {
  const out: Values = {}
  const byName = new Map(cmd.flags.map((f) => [f.name, f]))
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(arg.startsWith('-') && arg !== '-' && arg !== '--' ? `unknown option ${arg.replace(/=.*/s, '')} for ${cmd.name}` : `${cmd.name} takes no arguments, only options (got "${arg}")`)
    }
    const eq = arg.indexOf('=')
    const name = arg.slice(2, eq < 0 ? undefined : eq)
    const secret = cmd.secrets?.[name]
    if (secret) throw new UsageError(`--${name} is not accepted on the command line, where other users can see it (ps, shell history): ${secret}`)
    const flag = byName.get(name)
    if (!flag) {
      const near = closest(name, [...byName.keys()])
      throw new UsageError(`unknown option --${name} for ${cmd.name}${near ? `; did you mean --${near}?` : ''}`)
    }
    let value: string | true = true
    if (flag.value) {
      if (eq >= 0) value = arg.slice(eq + 1)
      else {
        const next = argv[i + 1]
        if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`--${name} needs a value: --${name} ${flag.value}`)
        value = next
        i++
      }
      if (value === '') throw new UsageError(`--${name} needs a non-empty value: --${name} ${flag.value}`)
    } else if (eq >= 0) throw new UsageError(`--${name} is a switch and takes no value`)
    const had = out[name]
    if (had !== undefined && !flag.repeat) throw new UsageError(`--${name} is given more than once`)
    out[name] = flag.repeat ? [...((had as string[] | undefined) ?? []), value as string] : value
  }
  return out
}

/** The `--help` text of a command. */
export function helpOf(cmd: Command): string {
  const rows: Array<[string, string]> = cmd.flags.map((f) => [`--${f.name}${f.value ? ' ' + f.value : ''}`, f.help + (f.repeat ? ' (repeatable)' : '')])
  rows.push(['-h, --help', 'show this help'])
  const width = Math.max(...rows.map(([l]) => l.length)) + 2
  return (
    `cognito-edge ${cmd.name}: ${cmd.summary}\n\n` +
    `usage: cognito-edge ${cmd.name} [options]\n\n` +
    `options:\n${rows.map(([l, h]) => `  ${l.padEnd(width)}${h}`).join('\n')}\n` +
    (cmd.details ? `\n${cmd.details.trim()}\n` : '') +
    `\n${EXIT_CODES}\n`
  )
}

/** A string option, or `fallback`. */
export function str(values: Values, name: string, fallback?: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' ? v : fallback
}

/** An integer option within [min, max], or `fallback`. */
export function int(values: Values, name: string, min: number, max: number, fallback: number): number {
  const v = str(values, name)
  if (v === undefined) return fallback
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${v}")`)
  return Number(v)
}

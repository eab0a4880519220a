/**
 * The `cognito-edge` command's dispatcher: help, `--version`, the commands (`local`, `login`,
 * `demo`), and how each outcome maps to output and an exit code (0 success, 1 failure,
 * 2 usage error, 130 interrupted). Node only.
 * @module
 */
import { readFileSync } from 'node:fs'
import { runDemo } from '../demo.ts'
import { ArgumentError } from '../errors.ts'
import { EXIT_CODES, Interrupted, UsageError, closest, helpOf, parse, processIo, wantsHelp, type Command, type Io } from './args.ts'
import { LOCAL, local } from './local.ts'
import { LOGIN, login } from './login.ts'
import { createReader } from './prompt.ts'

const DEMO: Command = { name: 'demo', summary: "run the narrated demo: one user's whole life against an embedded pool", flags: [] }
const COMMANDS = [LOCAL, LOGIN, DEMO]

/** The package version (package.json sits two levels up from both src/cli/ and dist/cli/). */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3
  return (
    `cognito-edge ${version()}: Amazon Cognito user pools from the command line\n\n` +
    `usage: cognito-edge <command> [options]\n\n` +
    `commands:\n${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}\n\n` +
    `options:\n  -h, --help   show this help (cognito-edge <command> --help shows a command's options)\n  --version    print the version\n\n` +
    `${EXIT_CODES}\n`
  )
}

/** Stop now with 130 (a prompt that set the terminal raw restores it on exit: prompt.ts). */
function interrupted(): never {
  process.exit(130)
}

const hint = (typed: string): string => {
  const near = closest(typed, COMMANDS.map((c) => c.name))
  return `${near ? `; did you mean "${near}"?` : ''} (cognito-edge --help lists the commands)`
}
const optionHint = (typed: string): string => {
  const near = closest(typed.replace(/=.*/s, ''), ['--help', '--version'])
  return `${near ? `; did you mean ${near}?` : ''} (options go after the command: cognito-edge <command> --help)`
}

async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined) {
    io.err(mainHelp())
    return 2
  }
  if (command === '-h' || command === '--help' || command === 'help') {
    const about = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0])
    if (rest[0] !== undefined && !about) throw new UsageError(`unknown command "${rest[0]}"${hint(rest[0])}`)
    io.out(about ? helpOf(about) : mainHelp())
    return 0
  }
  if (command === '--version') {
    io.out(version() + '\n')
    return 0
  }
  const cmd = COMMANDS.find((c) => c.name === command)
  if (!cmd) throw new UsageError(command.startsWith('-') ? `unknown option ${command.replace(/=.*/s, '')}${optionHint(command)}` : `unknown command "${command}"${hint(command)}`)
  if (wantsHelp(rest)) {
    io.out(helpOf(cmd))
    return 0
  }
  const values = parse(cmd, rest)
  if (cmd === LOCAL) return local(values, io)
  process.once('SIGINT', interrupted)
  try {
    if (cmd === DEMO) return (await runDemo((line) => io.out(line + '\n'))).ok ? 0 : 1
    const read = createReader()
    try {
      await login(values, io, read)
    } finally {
      read.close()
    }
    return 0
  } finally {
    process.off('SIGINT', interrupted)
  }
}

/** Report a failure on stderr (and as JSON on stdout for `login --json`); returns its exit code. */
function report(e: unknown, argv: string[], io: Io): number {
  if (e instanceof Interrupted) interrupted()
  const err = e as Error
  const usage = e instanceof UsageError || e instanceof ArgumentError
  const name = err.name && err.name !== 'Error' && !(e instanceof UsageError) ? err.name + ': ' : ''
  const command = COMMANDS.find((c) => c.name === argv[0])
  io.err(`error: ${name}${err.message}\n${e instanceof UsageError && command ? `(cognito-edge ${command.name} --help shows its options)\n` : ''}`)
  if (command === LOGIN && argv.includes('--json')) io.out(JSON.stringify({ error: { name: err.name, message: err.message } }) + '\n')
  return usage ? 2 : 1
}

/**
 * Run the command line `argv` (without `node` and the script) and resolve with its exit code:
 * 0 success, 1 failure, 2 usage error; an interrupt exits the process with 130 at once.
 */
export function execute(argv: string[], io: Io = processIo): Promise<number> {
  return main(argv, io).catch((e: unknown) => report(e, argv, io))
}

/** Run `argv` and set the process's exit code; `local` exits once a signal has stopped it. */
export function run(argv: string[]): void {
  void execute(argv).then((code) => {
    if (argv[0] === LOCAL.name) process.exit(code)
    process.exitCode = code
  })
}

/**
 * What the first mutation round over the CLI (src/cli/) found unguarded, through `execute()` in
 * this process (what `bin` runs, minus the process exit): "did you mean" for a swap of the first
 * two letters and for a two-letter prefix, the first declared option winning a tie, `--help`
 * counting before `--` (and not after it), and the error name that `login --json` prints for a
 * usage error. (The conventions as a whole are in cli-args.test.ts.)
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execute } from '../src/cli/main.ts'

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await execute(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env })
  return { code, out, err }
}

test('"did you mean": a swap of the first two letters and a two-letter prefix are typos; on a tie the first declared option is named', async () => {
  const cases: Array<[string[], string]> = [
    [['olgin'], 'error: unknown command "olgin"; did you mean "login"? (cognito-edge --help lists the commands)\n'],
    [['local', '--po', '80'], 'error: unknown option --po for local; did you mean --port?\n(cognito-edge local --help shows its options)\n'],
    [['login', '--js'], 'error: unknown option --js for login; did you mean --json?\n(cognito-edge login --help shows its options)\n'],
    // --us begins both --user and --user-file: the first declared, the shorter, is named
    [['local', '--us', 'a:b'], 'error: unknown option --us for local; did you mean --user?\n(cognito-edge local --help shows its options)\n'],
  ]
  for (const [argv, err] of cases) assert.deepEqual(await cli(argv), { code: 2, out: '', err }, argv.join(' '))
})

test('-h or --help anywhere before -- asks for help; after -- it does not, and -- is a usage error (commands have no arguments)', async () => {
  const help = await cli(['local', '--help'])
  assert.equal(help.code, 0)
  assert.match(help.out, /^cognito-edge local: /)
  assert.deepEqual(await cli(['local', '-h', '--']), help)
  assert.deepEqual(await cli(['local', '--port', '0', '--help', '--', 'x']), help)
  assert.deepEqual(await cli(['local', '--', '--help']), { code: 2, out: '', err: 'error: local takes no arguments, only options (got "--")\n(cognito-edge local --help shows its options)\n' })
  assert.deepEqual(await cli(['login', '--', '-h']), { code: 2, out: '', err: 'error: login takes no arguments, only options (got "--")\n(cognito-edge login --help shows its options)\n' })
})

test('login --json: a usage error is also printed on stdout as {"error": {"name": "UsageError", "message"}}', async () => {
  const r = await cli(['login', '--json', '--pool', 'nopool', '--client', 'abc', '--username', 'a'])
  assert.equal(r.code, 2)
  assert.deepEqual(JSON.parse(r.out), { error: { name: 'UsageError', message: '--pool must be a user pool id like us-east-1_AbC123 (got "nopool")' } })
  assert.equal(r.err, 'error: --pool must be a user pool id like us-east-1_AbC123 (got "nopool")\n(cognito-edge login --help shows its options)\n')
})

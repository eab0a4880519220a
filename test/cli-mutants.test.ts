/**
 * What the first mutation round over the CLI (src/cli/) found unguarded, through `execute()` in
 * this process (what `bin` runs, minus the process exit): "did you mean" for a swap of the first
 * two letters and for a two-letter prefix, the first declared option winning a tie, `--help`
 * counting before `--` (and not after it), and the error name that `login --json` prints for a
 * usage error; and, calling src/cli/local-setup.ts directly, how `--user` is split, and how the
 * admin keys are written, read back and refused; and the length limits of login's values. (The
 * conventions as a whole are in cli-args.test.ts, `local` end to end in cli-local.test.ts.)
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { UsageError } from '../src/cli/args.ts'
import { adminKeys, readConfig, readUsers } from '../src/cli/local-setup.ts'
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
    // caps lock: the same name in capitals is a typo too
    [['LOGIN'], 'error: unknown command "LOGIN"; did you mean "login"? (cognito-edge --help lists the commands)\n'],
    [['local', '--PORT', '80'], 'error: unknown option --PORT for local; did you mean --port?\n(cognito-edge local --help shows its options)\n'],
    [['--VERSION'], 'error: unknown option --VERSION; did you mean --version? (options go after the command: cognito-edge <command> --help)\n'],
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

/** Open file descriptors of this process (Linux), to see that nothing is left open. */
const openFds = (): number => readdirSync('/proc/self/fd').length

test('local --user and --user-file: name:password, split at the first colon; anything else is a usage error naming where it came from', () => {
  assert.deepEqual(
    readUsers([' bob :pa:ss', 'ann@example.com:pw'], undefined).map((u) => u.seed),
    [{ username: 'bob', password: 'pa:ss' }, { username: 'ann@example.com', password: 'pw', attributes: { email: 'ann@example.com' } }],
  )
  for (const spec of ['alice', ':pw', 'alice:', ' :pw']) assert.throws(() => readUsers([spec], undefined), (e: Error) => e instanceof UsageError && e.message === '--user must be name:password (a name, a colon, then the password)', spec)
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-mutants-'))
  const file = join(dir, 'users.json')
  writeFileSync(file, '[{"username": "a", "password": "b"}')
  assert.throws(() => readUsers([], file), (e: Error) => e instanceof UsageError && e.message.startsWith(`--user-file ${file}: not valid JSON (`))
})

test('local: generated admin keys are written as two export lines, mode 0600 in a private directory, with no descriptor left open, and removed by cleanup', { skip: !existsSync('/proc/self/fd') && 'needs /proc' }, () => {
  const fds = openFds()
  const keys = adminKeys({}, undefined, undefined)
  assert.equal(openFds(), fds, 'a file descriptor was left open')
  assert.equal(keys.where, keys.file)
  assert.equal(statSync(keys.file!).mode & 0o777, 0o600)
  assert.equal(statSync(dirname(keys.file!)).mode & 0o077, 0)
  assert.equal(readFileSync(keys.file!, 'utf8'), `# cognito-edge local: admin credentials of a local pool (not AWS credentials)\nexport AWS_ACCESS_KEY_ID=${keys.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}\n`)
  keys.cleanup()
  assert.ok(!existsSync(dirname(keys.file!)), 'the temporary directory is removed')
})

test('local --credentials-file: generated once and kept, read back the next time; a file others can read, or without both keys, is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-mutants-'))
  const file = join(dir, 'creds.env')
  const made = adminKeys({}, undefined, file)
  made.cleanup()
  assert.ok(existsSync(file), 'cleanup keeps a --credentials-file')
  assert.equal(statSync(file).mode & 0o777, 0o600)
  const again = adminKeys({}, undefined, file)
  assert.deepEqual([again.accessKeyId, again.secretAccessKey, again.where, again.file], [made.accessKeyId, made.secretAccessKey, file, file])
  // the forms a hand-written file may use: quotes, no export
  const quoted = join(dir, 'quoted.env')
  writeFileSync(quoted, `AWS_ACCESS_KEY_ID="AKIALOCALQUOTED0001"\n  export AWS_SECRET_ACCESS_KEY='s3cret/key+value='\n`, { mode: 0o600 })
  assert.deepEqual([adminKeys({}, undefined, quoted).accessKeyId, adminKeys({}, undefined, quoted).secretAccessKey], ['AKIALOCALQUOTED0001', 's3cret/key+value='])
  for (const mode of [0o640, 0o604, 0o660]) {
    chmodSync(file, mode)
    assert.throws(() => adminKeys({}, undefined, file), (e: Error) => e instanceof UsageError && e.message === `--credentials-file ${file}: other users can read it; run chmod 600 ${file}`, mode.toString(8))
  }
  for (const text of ['export AWS_ACCESS_KEY_ID=AKIALOCALONLYID0001\n', 'export AWS_SECRET_ACCESS_KEY=only-the-secret\n']) {
    writeFileSync(quoted, text, { mode: 0o600 })
    assert.throws(() => adminKeys({}, undefined, quoted), (e: Error) => e instanceof UsageError && e.message === `--credentials-file ${quoted}: needs AWS_ACCESS_KEY_ID=… and AWS_SECRET_ACCESS_KEY=… lines`, text)
  }
})

test('local --config: a JSON object of pool options; any other JSON value is a usage error naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-mutants-'))
  const file = join(dir, 'pool.json')
  writeFileSync(file, '{"poolId": "eu-west-1_Conf1"}')
  assert.deepEqual(readConfig(file), { poolId: 'eu-west-1_Conf1' })
  assert.deepEqual(readConfig(undefined), {})
  for (const text of ['[]', 'null', '"pool"', '4726']) {
    writeFileSync(file, text)
    assert.throws(() => readConfig(file), (e: Error) => e instanceof UsageError && e.message === `--config ${file}: must be a JSON object of local pool options, like {"users": [...]}`, text)
  }
})

test('login: a pool id of up to 55 characters and a user name of up to 128 are accepted, one more is a usage error; a bad value is echoed 200 characters at most', async () => {
  // nothing listens on port 9: an accepted value gets as far as the network (exit 1)
  const env = { COGNITO_PASSWORD: 'Not-sent-1!' }
  const base = ['login', '--endpoint', 'http://127.0.0.1:9/', '--flow', 'USER_PASSWORD_AUTH', '--client', 'abc']
  const pool55 = 'us-east-1_' + 'A'.repeat(45)
  const user128 = 'u'.repeat(128)
  for (const [argv, code, err] of [
    [[...base, '--pool', pool55, '--username', user128], 1, /^error: NetworkError: /],
    [[...base, '--pool', pool55 + 'A', '--username', 'a'], 2, /^error: --pool must be a user pool id like us-east-1_AbC123 \(got "us-east-1_A{46}"\)\n/],
    [[...base, '--pool', pool55, '--username', user128 + 'u'], 2, /^error: --username must be at most 128 characters, without spaces or control characters \(got "u{129}"\)\n/],
  ] as Array<[string[], number, RegExp]>) {
    const r = await cli(argv, env)
    assert.equal(r.code, code, r.err)
    assert.match(r.err, err)
  }
  const long = await cli([...base, '--pool', 'us-east-1_AbC123', '--username', 'x'.repeat(300) + ' '], env)
  assert.equal(long.code, 2)
  assert.match(long.err, /\(got "x{200}"\)\n/)
})

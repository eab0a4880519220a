/**
 * The CLI's command-line conventions, through `execute()` in this process (what `bin` runs,
 * minus the process exit) and, for the exit codes themselves, through the real entry in a child
 * process: help for every command with `-h` identical to `--help`, `--version`, unknown commands
 * and options with "did you mean" (exit 2), every value validated with a message naming the
 * option or the file, and secrets refused on argv.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execute } from '../src/cli/main.ts'

const CLI = new URL('../src/cli.ts', import.meta.url).pathname
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version

async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await execute(argv, { out: (t) => void (out += t), err: (t) => void (err += t), env })
  return { code, out, err }
}

function spawned(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const EXIT_CODES = /exit codes:\n {2}0 {4}success\n {2}1 {4}the operation failed.*\n {2}2 {4}usage error.*\n {2}130 {2}interrupted \(Ctrl-C or SIGINT\)/

test('--help of every command: one line per option, the exit codes, exit 0; -h, "help <command>" and --help anywhere print the same', async () => {
  const main = await cli(['--help'])
  assert.equal(main.code, 0)
  assert.match(main.out, new RegExp(`^cognito-edge ${VERSION.replace(/\./g, '\\.')}: `))
  assert.match(main.out, /\n {2}local {3}serve a local user pool.*\n {2}login {3}sign a user in.*\n {2}demo {4}run the narrated demo/)
  assert.match(main.out, EXIT_CODES)
  assert.deepEqual(await cli(['-h']), main)
  assert.deepEqual(await cli(['help']), main)
  for (const command of ['local', 'login', 'demo']) {
    const help = await cli([command, '--help'])
    assert.equal(help.code, 0, command)
    assert.equal(help.err, '')
    assert.match(help.out, new RegExp(`^cognito-edge ${command}: .+\n\nusage: cognito-edge ${command} \\[options\\]\n\noptions:\n`))
    assert.match(help.out, /\n {2}-h, --help +show this help\n/)
    assert.match(help.out, EXIT_CODES)
    for (const line of help.out.split('\n\n')[2]!.split('\n').slice(1)) assert.match(line, /^ {2}-.+ {2,}\S/, `an option without a description: ${line}`)
    for (const same of [[command, '-h'], ['help', command], [command, '--port', 'x', '-h'], ['--help', command]]) assert.deepEqual(await cli(same), help, same.join(' '))
  }
  const local = (await cli(['local', '--help'])).out
  assert.match(local, /--port <n> +TCP port \(default 4726; 0 picks a free one\)/)
  for (const flag of ['--user <name:password>', '--user-file <file>', '--config <file>', '--credentials-file <file>', '--show-secrets', '--allow-host <name>']) assert.ok(local.includes(flag), flag)
  assert.match(local, /GET http:\/\/127\.0\.0\.1:4726\/_local\/messages/)
  const login = (await cli(['login', '--help'])).out
  assert.match(login, /COGNITO_PASSWORD/)
  assert.match(login, /COGNITO_CLIENT_SECRET/)
  assert.match(login, /--json +print the tokens as one JSON object/)
})

test('--version prints the package version', async () => {
  assert.deepEqual(await cli(['--version']), { code: 0, out: VERSION + '\n', err: '' })
})

test('unknown commands and options are errors with a "did you mean", exit 2', async () => {
  const cases: Array<[string[], string]> = [
    [['logn'], 'error: unknown command "logn"; did you mean "login"? (cognito-edge --help lists the commands)\n'],
    [['lcoal'], 'error: unknown command "lcoal"; did you mean "local"? (cognito-edge --help lists the commands)\n'],
    [['serve'], 'error: unknown command "serve" (cognito-edge --help lists the commands)\n'],
    [['help', 'logni'], 'error: unknown command "logni"; did you mean "login"? (cognito-edge --help lists the commands)\n'],
    [['--verison'], 'error: unknown option --verison; did you mean --version? (options go after the command: cognito-edge <command> --help)\n'],
    [['local', '--prot', '80'], 'error: unknown option --prot for local; did you mean --port?\n(cognito-edge local --help shows its options)\n'],
    [['login', '--usrname', 'x'], 'error: unknown option --usrname for login; did you mean --username?\n(cognito-edge login --help shows its options)\n'],
    [['login', '--jsn'], 'error: unknown option --jsn for login; did you mean --json?\n(cognito-edge login --help shows its options)\n'],
    [['demo', '--fast'], 'error: unknown option --fast for demo\n(cognito-edge demo --help shows its options)\n'],
    [['local', '-p', '80'], 'error: unknown option -p for local\n(cognito-edge local --help shows its options)\n'],
    [['local', '8080'], 'error: local takes no arguments, only options (got "8080")\n(cognito-edge local --help shows its options)\n'],
  ]
  for (const [argv, err] of cases) assert.deepEqual(await cli(argv), { code: 2, out: '', err }, argv.join(' '))
  // no command at all: the usage, on stderr
  const none = await cli([])
  assert.equal(none.code, 2)
  assert.match(none.err, /usage: cognito-edge <command> \[options\]/)
})

test('every option value is checked; the message names the option (or the environment variable it came from)', async () => {
  const login = ['login', '--pool', 'us-east-1_AbC123', '--client', 'abc', '--username', 'alice']
  const cases: Array<[string[], RegExp, Record<string, string>?]> = [
    [['local', '--port', 'abc'], /^error: --port must be a whole number from 0 to 65535 \(got "abc"\)\n/],
    [['local', '--port', '65536'], /^error: --port must be a whole number from 0 to 65535 \(got "65536"\)/],
    [['local', '--port', '-1'], /^error: --port needs a value|^error: --port must be/],
    [['local', '--port'], /^error: --port needs a value: --port <n>/],
    [['local', '--port='], /^error: --port needs a non-empty value/],
    [['local', '--port', '1', '--port', '2'], /^error: --port is given more than once/],
    [['local', '--host', 'a b'], /^error: --host must be an IP address or a host name/],
    [['local', '--allow-host', 'http://x/'], /^error: --allow-host must be a host name/],
    [['local', '--user', 'alice'], /^error: --user must be name:password/],
    [['local', '--user', ':pw'], /^error: --user must be name:password/],
    [['local', '--quiet=yes'], /^error: --quiet is a switch and takes no value/],
    [['login', '--client', 'abc', '--username', 'alice'], /^error: --pool is required \(or set COGNITO_USER_POOL_ID\)/],
    [['login', '--pool', 'us-east-1_AbC123', '--username', 'alice'], /^error: --client is required \(or set COGNITO_CLIENT_ID\)/],
    [['login', '--pool', 'us-east-1_AbC123', '--client', 'abc'], /^error: --username is required/],
    [['login', '--pool', 'nopool', '--client', 'abc', '--username', 'a'], /^error: --pool must be a user pool id like us-east-1_AbC123 \(got "nopool"\)/],
    [['login', '--client', 'abc', '--username', 'a'], /^error: COGNITO_USER_POOL_ID \(the default of --pool\) must be a user pool id/, { COGNITO_USER_POOL_ID: 'bad pool' }],
    [['login', '--pool', 'us-east-1_AbC123', '--client', 'a b', '--username', 'a'], /^error: --client must be an app client id/],
    [['login', '--pool', 'us-east-1_AbC123', '--client', 'abc', '--username', 'a b'], /^error: --username must be at most 128 characters, without spaces/],
    [[...login, '--endpoint', 'localhost:4726'], /^error: --endpoint must be an http:\/\/ or https:\/\/ URL \(got "localhost:4726"\)/],
    [[...login, '--endpoint', 'not a url'], /^error: --endpoint must be a URL like http:\/\/127\.0\.0\.1:4726\//],
    [[...login, '--flow', 'bogus'], /^error: --flow must be USER_SRP_AUTH or USER_PASSWORD_AUTH \(got "bogus"\)/],
    [[...login, '--flow', 'user_srp_auth'], /^error: --flow must be USER_SRP_AUTH or USER_PASSWORD_AUTH/],
  ]
  for (const [argv, err, env] of cases) {
    const r = await cli(argv, env)
    assert.equal(r.code, 2, argv.join(' '))
    assert.match(r.err, err, argv.join(' '))
  }
})

test('a bad --config, --user-file or --credentials-file is named with what is wrong with it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-args-'))
  const file = (name: string, text: string, mode = 0o600): string => {
    const p = join(dir, name)
    writeFileSync(p, text, { mode })
    chmodSync(p, mode)
    return p
  }
  const missing = join(dir, 'missing.json')
  const cases: Array<[string[], RegExp]> = [
    [['--config', missing], new RegExp(`^error: --config ${missing}: cannot be read \\(ENOENT\\)`)],
    [['--config', dir], new RegExp(`^error: --config ${dir}: cannot be read \\(EISDIR\\)`)],
    [['--config', file('bad.json', '{"users": [')], /^error: --config \S+bad\.json: not valid JSON \(/],
    [['--config', file('list.json', '[]')], /^error: --config \S+list\.json: must be a JSON object of local pool options/],
    [['--config', file('opts.json', '{"clients": [{"clientId": "a"}, {"clientId": "a"}]}')], /^error: --config \S+opts\.json: "clients" must have distinct clientIds/],
    [['--config', file('creds.json', '{"credentials": {"accessKeyId": "AKIA"}}')], /^error: --config \S+creds\.json: "credentials" must be \{"accessKeyId": "…", "secretAccessKey": "…"\}/],
    [['--user-file', missing], /^error: --user-file \S+missing\.json: cannot be read \(ENOENT\)/],
    [['--user-file', file('users.txt', 'alice:Passw0rd!\n# a comment\n\nbob\n')], /^error: --user-file \S+users\.txt line 4 must be name:password/],
    [['--user-file', file('users.json', '[{"username": "a"}, {"name": "b"}]')], /^error: --user-file \S+users\.json: entry 1 must be an object with a "username"/],
    [['--credentials-file', file('open-creds', 'AWS_ACCESS_KEY_ID=a\nAWS_SECRET_ACCESS_KEY=b\n', 0o644)], /^error: --credentials-file \S+open-creds: other users can read it; run chmod 600/],
    [['--credentials-file', file('empty-creds', '# nothing\n')], /^error: --credentials-file \S+empty-creds: needs AWS_ACCESS_KEY_ID=… and AWS_SECRET_ACCESS_KEY=… lines/],
    [['--credentials-file', join(dir, 'no-such-dir', 'creds')], /^error: --credentials-file \S+creds: cannot be written \(ENOENT\)/],
  ]
  for (const [argv, err] of cases) {
    const r = await cli(['local', '--port', '0', ...argv])
    assert.equal(r.code, 2, argv.join(' '))
    assert.match(r.err, err, argv.join(' '))
  }
})

test('secrets are refused on argv, with where to put them, and their value is never echoed', async () => {
  const cases: Array<[string, RegExp]> = [
    ['--secret', /^error: --secret is not accepted on the command line, where other users can see it \(ps, shell history\): set COGNITO_CLIENT_SECRET, or pass --secret-stdin and give it on stdin\n/],
    ['--client-secret', /^error: --client-secret is not accepted on the command line.*set COGNITO_CLIENT_SECRET/],
    ['--password', /^error: --password is not accepted on the command line.*set COGNITO_PASSWORD, or type it at the prompt/],
  ]
  for (const [flag, err] of cases) {
    for (const argv of [['login', flag, 's3cret-value'], ['login', `${flag}=s3cret-value`], ['login', '--json', `${flag}=s3cret-value`]]) {
      const r = await cli(argv)
      assert.equal(r.code, 2)
      assert.match(r.err, err)
      assert.ok(!(r.err + r.out).includes('s3cret-value'), 'the secret was echoed')
    }
  }
  // a misspelt secret flag is not echoed either
  const typo = await cli(['login', '--pasword=s3cret-value'])
  assert.equal(typo.code, 2)
  assert.ok(!typo.err.includes('s3cret-value'))
})

test('the real entry: exit codes 0 (help, version), 2 (usage) and 1 (a failed operation) reach the shell', async () => {
  const [help, shortHelp, version, typo, port, noPassword, unreachable] = await Promise.all([
    spawned(['login', '--help']),
    spawned(['login', '-h']),
    spawned(['--version']),
    spawned(['logn']),
    spawned(['local', '--port', 'abc']),
    spawned(['login', '--pool', 'us-east-1_AbC123', '--client', 'abc', '--username', 'a', '--endpoint', 'http://127.0.0.1:9/', '--json']),
    spawned(['login', '--pool', 'us-east-1_AbC123', '--client', 'abc', '--username', 'a', '--endpoint', 'http://127.0.0.1:9/', '--json', '--flow', 'USER_PASSWORD_AUTH'], { COGNITO_PASSWORD: 'Not-sent-1!' }),
  ])
  assert.equal(help.code, 0)
  assert.deepEqual(shortHelp, help)
  assert.deepEqual(version, { code: 0, stdout: VERSION + '\n', stderr: '' })
  assert.equal(typo.code, 2)
  assert.match(typo.stderr, /did you mean "login"\?/)
  assert.equal(port.code, 2)
  assert.match(port.stderr, /^error: --port must be a whole number from 0 to 65535 \(got "abc"\)/)
  // no password anywhere: stdin is empty, so the prompt has no answer
  assert.equal(noPassword.code, 1)
  assert.match(noPassword.stderr, /^error: no answer on stdin for "Password:"/)
  assert.deepEqual(JSON.parse(noPassword.stdout), { error: { name: 'Error', message: 'no answer on stdin for "Password:" (give one answer per line)' } })
  // nothing listens on port 9: a network failure, as JSON with --json
  assert.equal(unreachable.code, 1)
  assert.match(unreachable.stderr, /^error: NetworkError: /)
  assert.equal(JSON.parse(unreachable.stdout).error.name, 'NetworkError')
  assert.ok(!(unreachable.stdout + unreachable.stderr).includes('Not-sent-1!'))
})

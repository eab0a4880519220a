/**
 * `cognito-edge local` run in this process through `execute()` (what `bin` runs, minus the
 * process exit), stopped by emitting the signal it waits for: what the mutation round over
 * src/cli/local.ts needed, in seconds rather than the minutes a child process takes on a loaded
 * machine. The banner with a config's own admin keys, the line printed for each code and for an
 * invitation, SIGHUP 129 and SIGTERM 143 (also when it arrives during start-up), the warning for
 * an address other machines reach, a port in use (exit 1), an address or name this machine does
 * not have (exit 2), a bad user (exit 2, naming where it came from), the order of the checks, and
 * the generated keys removed however the process exits. (Ctrl-C itself, and the rest end to end,
 * are in cli-local.test.ts; SIGINT is not emitted here: local then arms "a second Ctrl-C exits".)
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { AdminCognito } from '../src/admin.ts'
import { execute } from '../src/cli/main.ts'
import { Cognito } from '../src/index.ts'

const CLI = new URL('../src/cli.ts', import.meta.url).pathname

interface Run {
  out: () => string
  err: () => string
  /** The exit code, once local has stopped (or failed to start). */
  done: Promise<number>
}

/** Start `local` with `args`; resolves once the banner is printed or local has failed. */
async function start(args: string[]): Promise<Run & { started: boolean }> {
  let out = ''
  let err = ''
  const done = execute(['local', ...(args.includes('--port') ? [] : ['--port', '0']), ...args], { out: (t) => void (out += t), err: (t) => void (err += t), env: {} })
  let finished = false
  void done.then(() => (finished = true))
  for (let i = 0; i < 600 && !out.includes('\nsign in:\n') && !finished; i++) await new Promise((r) => setTimeout(r, 50))
  return { out: () => out, err: () => err, done, started: out.includes('\nsign in:\n') }
}

/** local's exit code after `signal`, or a failure if it does not stop within 20 s. */
async function stop(run: Run, signal: 'SIGTERM' | 'SIGHUP'): Promise<number> {
  process.emit(signal)
  return within(run.done, `local did not stop on ${signal}`)
}

async function within<T>(p: Promise<T>, message: string, ms = 20_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))
  try {
    return await Promise.race([p, late])
  } finally {
    clearTimeout(timer)
  }
}

const env = (out: string, name: string): string => new RegExp(`^${name}=(.*)$`, 'm').exec(out)![1]!

test('local with a config that has its own admin keys: banner, one line per code and per invitation (no password), SIGHUP exits 129', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-local-mutants-'))
  const config = join(dir, 'pool.json')
  const credentials = { accessKeyId: 'AKIALOCALCONFIGKEY01', secretAccessKey: 'config-secret-key-not-printed' }
  writeFileSync(config, JSON.stringify({ credentials, clients: [{ clientId: 'firstclient' }, { clientId: 'secondclient' }], users: [{ username: 'mia', password: 'Mia-passw0rd!' }] }))
  const run = await start(['--config', config, '--quiet'])
  assert.ok(run.started, run.err())
  const out = run.out()
  assert.ok(out.includes(`\n  admin keys  access key id AKIALOCALCONFIGKEY01; secret key in the "credentials" of ${config}\n`), out)
  assert.ok(out.includes(`# AWS_SECRET_ACCESS_KEY: in the "credentials" of ${config}\n`), out)
  assert.ok(!out.includes(credentials.secretAccessKey))
  assert.equal(env(out, 'COGNITO_CLIENT_ID'), 'firstclient')
  assert.match(out, /\n {2}client id {3}firstclient {2}\(no secret\)\n {2}client id {3}secondclient {2}\(no secret\)\n/)
  assert.match(out, /--client firstclient --username <name>\n/)
  assert.match(out, /\n {2}users {7}mia\n/)
  const endpoint = env(out, 'COGNITO_ENDPOINT')
  let mark = run.out().length
  await new Cognito({ userPoolId: env(out, 'COGNITO_USER_POOL_ID'), clientId: 'firstclient', username: 'sam', endpoint }).register('sam', 'Sam-passw0rd!', { attributes: { email: 'sam@example.com' } })
  assert.match(run.out().slice(mark), /^code \d{6} {2}SignUp for sam, EMAIL to sam@example\.com\n$/)
  mark = run.out().length
  const admin = new AdminCognito({ userPoolId: env(out, 'COGNITO_USER_POOL_ID'), clientId: 'firstclient', endpoint, credentials })
  // the pool allows one-time codes, so the invitation has a password only when one is given
  await admin.adminCreateUser('ivy', { attributes: { email: 'ivy@example.com' }, desiredDeliveryMediums: ['EMAIL'], temporaryPassword: 'Ivy-temporary-1!' })
  assert.equal(run.out().slice(mark), `message  Invitation for ivy, EMAIL to ivy@example.com: the temporary password is at ${endpoint}_local/messages?username=ivy\n`)
  assert.equal(await stop(run, 'SIGHUP'), 129)
  assert.equal(run.err(), '', '--quiet: nothing on stderr')
})

test('local --host: an address other machines reach gets a warning, loopback none; --allow-host takes a name; a signal during start-up still stops it (SIGTERM 143)', async () => {
  const wide = await start(['--host', '0.0.0.0', '--allow-host', 'cognito', '--quiet'])
  assert.ok(wide.started, wide.err())
  assert.match(wide.out(), /a user pool at http:\/\/0\.0\.0\.0:\d+\//)
  assert.equal(wide.err(), 'warning: --host 0.0.0.0 lets other machines reach this pool; only requests whose Host is an IP address, localhost or an --allow-host name are answered\n')
  const port = new URL(env(wide.out(), 'COGNITO_ENDPOINT')).port
  const res = await fetch(`http://127.0.0.1:${port}/_local/messages`)
  assert.equal(res.status, 200)
  assert.equal(await stop(wide, 'SIGTERM'), 143)

  const loop = await start(['--host', '127.0.0.1'])
  assert.ok(loop.started, loop.err())
  assert.equal(loop.err(), '')
  assert.equal(await stop(loop, 'SIGTERM'), 143)

  // the signal arrives before the server is listening: local still stops, with its code
  let out = ''
  const early = execute(['local', '--port', '0', '--quiet'], { out: (t) => void (out += t), err: () => {}, env: {} })
  process.emit('SIGTERM')
  assert.equal(await within(early, 'local did not stop on a SIGTERM during start-up'), 143)
  const file = /# AWS_SECRET_ACCESS_KEY: in (\S+);/.exec(out)![1]!
  assert.ok(!existsSync(file), 'the generated keys are removed')
})

test('local: a port in use exits 1 naming it; an address or name this machine does not have exits 2; a bad user exits 2 naming where it came from', async () => {
  const busy = createServer()
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
  const port = (busy.address() as { port: number }).port
  try {
    const cases: Array<[string[], number, RegExp]> = [
      [['--port', String(port)], 1, new RegExp(`^error: cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use \\(choose another port; 0 picks a free one\\)\n$`)],
      [['--host', '192.0.2.1'], 2, /^error: --host 192\.0\.2\.1 is not an address of this machine \(EADDRNOTAVAIL\)\n/],
      [['--host', 'fe80::1'], 2, /^error: --host fe80::1 is not an address of this machine \(EINVAL\)\n/],
      [['--host', 'no-such-host.invalid'], 2, /^error: --host no-such-host\.invalid is not an address of this machine \((ENOTFOUND|EAI_AGAIN)\)\n/],
      [['--user', 'ann:One-passw0rd!', '--user', 'ann:Two-passw0rd!'], 2, /^error: --user ann: User already exists\n/],
    ]
    for (const [args, code, err] of cases) {
      const run = await start(['--quiet', ...args])
      assert.equal(run.started, false, args.join(' '))
      assert.equal(await within(run.done, `local ${args.join(' ')} did not exit`), code, args.join(' '))
      assert.match(run.err(), err, args.join(' '))
      assert.equal(run.out(), '', args.join(' '))
    }
  } finally {
    busy.close()
  }
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-local-mutants-'))
  const twice = join(dir, 'twice.json')
  writeFileSync(twice, JSON.stringify({ users: [{ username: 'bo', password: 'x' }, { username: 'bo', password: 'y' }] }))
  const r = await start(['--config', twice])
  assert.equal(await within(r.done, 'local did not exit'), 2)
  assert.equal(r.err(), `error: --config ${twice}: "users[1].username" "bo" is given more than once (user names are case-insensitive)\n(cognito-edge local --help shows its options)\n`)
  // the port is checked before any file is read
  const bad = await start(['--port', '65536', '--config', join(dir, 'missing.json')])
  assert.equal(await within(bad.done, 'local did not exit'), 2)
  assert.match(bad.err(), /^error: --port must be a whole number from 0 to 65535 \(got "65536"\)\n/)
})

test('local: the generated keys are removed also when the process exits without stopping the server first', async () => {
  const before = new Set(process.listeners('exit'))
  const run = await start(['--quiet'])
  assert.ok(run.started, run.err())
  const file = /# AWS_SECRET_ACCESS_KEY: in (\S+);/.exec(run.out())![1]!
  assert.ok(existsSync(file))
  // what process.exit() runs (a second Ctrl-C exits without waiting for the server to close)
  for (const listener of process.listeners('exit')) if (!before.has(listener)) (listener as (code: number) => void)(130)
  assert.ok(!existsSync(dirname(file)), 'the generated keys outlive the process')
  assert.equal(await stop(run, 'SIGTERM'), 143)
})

const PORT_START = '/proc/sys/net/ipv4/ip_unprivileged_port_start'
const unprivileged = existsSync(PORT_START) ? Number(readFileSync(PORT_START, 'utf8').trim()) : 1024
test('local --port 80 without the privilege: exit 1 saying so, not a bare EACCES', { skip: (process.platform !== 'linux' || unprivileged <= 80) && 'needs Linux with ports below 1024 privileged' }, async () => {
  // as root, the child runs as nobody; otherwise as this user
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'local', '--port', '80', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'], ...asNobody })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const code = await within(new Promise<number | null>((resolve) => child.on('close', resolve)), 'local --port 80 did not exit', 60_000).finally(() => child.kill('SIGKILL'))
  // only the first line: under c8, a child run as nobody also reports that it cannot write its coverage
  assert.equal(err.split('\n')[0], 'error: cannot listen on 127.0.0.1:80: permission denied (ports below 1024 need privileges; choose another port, 0 picks a free one)')
  assert.equal(code, 1)
  assert.equal(out, '')
})

test('local --config skips "//" comment members, as the repository\'s own pool.json has them, and still names an unknown option', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-local-comments-'))
  const commented = join(dir, 'commented.json')
  writeFileSync(commented, JSON.stringify({ '//': 'the pool for the demo', users: [{ '//': 'the admin', username: 'ann', password: 'Ann-passw0rd!' }] }))
  const run = await start(['--quiet', '--config', commented])
  assert.equal(run.started, true, run.err())
  assert.equal(await stop(run, 'SIGTERM'), 143)
  const typo = join(dir, 'typo.json')
  writeFileSync(typo, JSON.stringify({ accessTokenValidity: 60 }))
  const bad = await start(['--config', typo])
  assert.equal(await within(bad.done, 'local did not exit'), 2)
  assert.match(bad.err(), /^error: --config .*typo\.json: "accessTokenValidity" is not an option here \(an app-client setting/)
})

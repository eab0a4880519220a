/**
 * `cognito-edge local` as a user runs it, in a child process (src/cli.ts through tsx): the
 * banner is a ready-to-paste configuration without secrets; with no arguments the pool has a
 * usable default user; every code the pool sends is printed and served at /_local/messages, so
 * this process (a second client) finishes sign-up, password reset and attribute verification
 * and a second CLI process answers an email MFA challenge; admin calls need the generated keys,
 * whose secret is in a file only its owner can read; --user, --user-file, --config,
 * --credentials-file and --show-secrets; Ctrl-C (SIGINT) exits 130 and SIGTERM 143.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { AdminCognito } from '../src/admin.ts'
import { Cognito } from '../src/index.ts'

const CLI = new URL('../src/cli.ts', import.meta.url).pathname
type Child = ChildProcessByStdio<Writable | null, Readable, Readable>

/** A running `cognito-edge local`: its output so far, and a wait for a line matching a pattern. */
interface Local {
  child: Child
  out: () => string
  err: () => string
  waitFor: (re: RegExp, from?: number) => Promise<RegExpExecArray>
  env: Record<string, string>
  exit: Promise<{ code: number | null; signal: string | null }>
}

function start(args: string[]): Local {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'local', ...(args.includes('--port') ? [] : ['--port', '0']), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  const waiters = new Set<() => void>()
  const poke = (): void => waiters.forEach((w) => w())
  child.stdout.on('data', (d) => ((out += d), poke()))
  child.stderr.on('data', (d) => ((err += d), poke()))
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('close', (code, signal) => (resolve({ code, signal }), poke())))
  let closed = false
  void exit.then(() => (closed = true))
  const local: Local = {
    child,
    out: () => out,
    err: () => err,
    env: {},
    exit,
    waitFor: (re, from = 0) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const m = re.exec(out.slice(from))
          if (m) return waiters.delete(check), resolve(m)
          if (closed) waiters.delete(check), reject(new Error(`local exited before printing ${re}:\n${out}\n${err}`))
        }
        waiters.add(check)
        check()
      }),
  }
  return local
}

/** The banner's configuration block as an object (the lines a user pastes into a .env file). */
async function ready(local: Local): Promise<Local> {
  await local.waitFor(/\nsign in:\n.*\n\n/)
  for (const line of local.out().split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line)
    if (m) local.env[m[1]!] = m[2]!
  }
  return local
}

function login(args: string[], env: Record<string, string> = {}, stdin?: string): { child: ChildProcessByStdio<Writable, Readable, Readable>; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'login', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  if (stdin !== undefined) child.stdin.end(stdin)
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) }
}

const claims = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())

let plain: Local // no arguments at all
before(async () => {
  plain = await ready(start([]))
}, { timeout: 60_000 })
after(() => plain.child.kill('SIGKILL'))

test('local with no arguments: a ready-to-paste configuration, a default user that signs in, and no secret printed', async () => {
  const { env } = plain
  const out = plain.out()
  assert.match(env['COGNITO_ENDPOINT']!, /^http:\/\/127\.0\.0\.1:\d+\/$/)
  assert.deepEqual(
    { pool: env['COGNITO_USER_POOL_ID'], client: env['COGNITO_CLIENT_ID'], region: env['AWS_REGION'] },
    { pool: 'us-east-1_LocalPool1', client: 'localclient000000000000000', region: 'us-east-1' },
  )
  assert.match(env['AWS_ACCESS_KEY_ID']!, /^AKIALOCAL[A-Z2-7]{11}$/)
  assert.equal(env['AWS_SECRET_ACCESS_KEY'], undefined, 'the admin secret key is not printed by default')
  const file = /# AWS_SECRET_ACCESS_KEY: in (\S+); in a shell, "\. \1" exports both keys/.exec(out)![1]!
  assert.equal(statSync(file).mode & 0o777, 0o600)
  assert.equal(statSync(dirname(file)).mode & 0o077, 0, 'the directory is private too')
  const secret = /^export AWS_SECRET_ACCESS_KEY=(\S+)$/m.exec(readFileSync(file, 'utf8'))![1]!
  assert.ok(!out.includes(secret) && !plain.err().includes(secret), 'the secret key never reaches the terminal')
  assert.match(out, /\n {2}users {7}demo \/ Passw0rd! \(the default; --user name:password replaces it\)\n/)
  assert.match(out, new RegExp(`\n  messages    ${env['COGNITO_ENDPOINT']}_local/messages  \\(every code the pool sends, JSON, this machine only\\)\n`))
  assert.match(out, /\n {2}client id {3}localclient000000000000000 {2}\(no secret\)\n/)
  assert.match(out, /\n {2}cognito-edge login --endpoint http:\S+ --pool us-east-1_LocalPool1 --client localclient000000000000000 --username <name>\n/)
  // the configuration works as printed: login with it, the password from the environment
  const r = await login(['--endpoint', env['COGNITO_ENDPOINT']!, '--pool', env['COGNITO_USER_POOL_ID']!, '--client', env['COGNITO_CLIENT_ID']!, '--username', 'demo', '--json'], { COGNITO_PASSWORD: 'Passw0rd!' }).done
  assert.equal(r.code, 0, r.stderr)
  assert.equal(claims(JSON.parse(r.stdout).IdToken)['email'], 'demo@example.com')
  // and the same from the COGNITO_* variables alone
  const fromEnv = await login(['--username', 'demo'], { COGNITO_ENDPOINT: env['COGNITO_ENDPOINT']!, COGNITO_USER_POOL_ID: env['COGNITO_USER_POOL_ID']!, COGNITO_CLIENT_ID: env['COGNITO_CLIENT_ID']!, COGNITO_PASSWORD: 'Passw0rd!' }).done
  assert.equal(fromEnv.code, 0, fromEnv.stderr)
  assert.match(fromEnv.stdout, /^COGNITO_ID_TOKEN=ey/)
})

test('local prints every code it sends and serves it at /_local/messages: sign-up, forgot password and attribute verification finish from outside', async () => {
  const { env } = plain
  const opts = { userPoolId: env['COGNITO_USER_POOL_ID']!, clientId: env['COGNITO_CLIENT_ID']!, endpoint: env['COGNITO_ENDPOINT']! }
  const fromMessages = async (username: string, purpose: string): Promise<string> => {
    const { messages } = (await (await fetch(`${env['COGNITO_ENDPOINT']}_local/messages?username=${username}&purpose=${purpose}`)).json()) as { messages: Array<{ code: string }> }
    return messages.at(-1)!.code
  }
  let mark = plain.out().length
  const sam = new Cognito({ ...opts, username: 'sam' })
  await sam.register('sam', 'Sam-passw0rd!', { attributes: { email: 'sam@example.com' } })
  const signUp = (await plain.waitFor(/code (\d{6}) {2}SignUp for sam, EMAIL to sam@example\.com\n/, mark))[1]!
  assert.equal(await fromMessages('sam', 'SignUp'), signUp)
  await sam.confirmSignUp(signUp)

  mark = plain.out().length
  await sam.initiateForgotPassword()
  const reset = (await plain.waitFor(/code (\d{6}) {2}ForgotPassword for sam, EMAIL to sam@example\.com\n/, mark))[1]!
  assert.equal(await fromMessages('sam', 'ForgotPassword'), reset)
  await sam.confirmForgotPassword(reset, 'Sam-passw0rd-2!')
  await sam.authenticate('Sam-passw0rd-2!')

  mark = plain.out().length
  await sam.updateProfile({ email: 'sam@example.org' }) // sends a first code, as Cognito does
  await plain.waitFor(/code \d{6} {2}VerifyAttribute for sam, EMAIL to sam@example\.org\n/, mark)
  mark = plain.out().length
  await sam.sendVerification('email')
  const verify = (await plain.waitFor(/code (\d{6}) {2}VerifyAttribute for sam, EMAIL to sam@example\.org\n/, mark))[1]!
  assert.equal(await fromMessages('sam', 'VerifyAttribute'), verify)
  await sam.validateVerification(verify, 'email')
  assert.equal((await sam.getUser()).emailVerified, true)
})

test('local: admin calls need the generated keys (the secret is read from the file); the temporary password of an invitation is not printed', async () => {
  const { env } = plain
  const file = /# AWS_SECRET_ACCESS_KEY: in (\S+);/.exec(plain.out())![1]!
  const secretAccessKey = /^export AWS_SECRET_ACCESS_KEY=(\S+)$/m.exec(readFileSync(file, 'utf8'))![1]!
  const opts = { userPoolId: env['COGNITO_USER_POOL_ID']!, clientId: env['COGNITO_CLIENT_ID']!, endpoint: env['COGNITO_ENDPOINT']! }
  const admin = new AdminCognito({ ...opts, credentials: { accessKeyId: env['AWS_ACCESS_KEY_ID']!, secretAccessKey } })
  assert.equal((await admin.adminGetUser('demo')).attributes['email'], 'demo@example.com')
  // any well-formed signature with other keys is refused: a web page cannot administer the pool
  for (const credentials of [{ accessKeyId: env['AWS_ACCESS_KEY_ID']!, secretAccessKey: (secretAccessKey.startsWith('x') ? 'y' : 'x') + secretAccessKey.slice(1) }, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey }]) {
    await assert.rejects(new AdminCognito({ ...opts, credentials }).adminGetUser('demo'), (e: Error) => /UnrecognizedClientException|InvalidSignatureException|NotAuthorized|Forbidden/.test(e.name))
  }
  const mark = plain.out().length
  // the local pool allows one-time codes, so a temporary password is one the administrator gives
  await admin.adminCreateUser('ivy', { attributes: { email: 'ivy@example.com' }, desiredDeliveryMediums: ['EMAIL'], temporaryPassword: 'Ivy-temporary-1!' })
  const line = (await plain.waitFor(/message {2}Invitation for ivy, EMAIL to ivy@example\.com: the temporary password is at (\S+)\n/, mark))[1]!
  const { messages } = (await (await fetch(line)).json()) as { messages: Array<{ purpose: string; code: string }> }
  const temporary = messages.find((m) => m.purpose === 'Invitation')!.code
  assert.equal(temporary, 'Ivy-temporary-1!')
  assert.ok(!plain.out().includes(temporary), 'the temporary password reached the terminal')
  // without one, the user has no password and the line says so
  await admin.adminCreateUser('jo', { attributes: { email: 'jo@example.com' }, desiredDeliveryMediums: ['EMAIL'] })
  await plain.waitFor(/message {2}Invitation for jo, EMAIL to jo@example\.com: no password, signs in with a one-time code\n/, mark)
})

test('local with --config, --user, --user-file, --credentials-file and --show-secrets; a second CLI answers an email MFA code that local printed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-local-'))
  const config = join(dir, 'pool.json')
  writeFileSync(config, JSON.stringify({ poolId: 'eu-west-1_CliPool1', clients: [{ clientSecret: true }], users: [{ username: 'mia', password: 'Mia-passw0rd!', attributes: { email: 'mia@example.com' }, mfa: ['EMAIL_OTP'] }] }))
  const users = join(dir, 'users.txt')
  writeFileSync(users, '# test users\nzoe:Zoe-passw0rd!\n\nyan@example.com:Yan-passw0rd!\n')
  const creds = join(dir, 'creds.env')
  writeFileSync(creds, 'export AWS_ACCESS_KEY_ID=AKIALOCALFIXEDKEY001\nexport AWS_SECRET_ACCESS_KEY=fixed-secret-for-this-test\n', { mode: 0o600 })
  const local = await ready(start(['--config', config, '--user', 'bob:Bob-passw0rd!', '--user-file', users, '--credentials-file', creds, '--show-secrets', '--quiet']))
  try {
    const { env } = local
    const out = local.out()
    assert.equal(env['COGNITO_USER_POOL_ID'], 'eu-west-1_CliPool1')
    assert.equal(env['AWS_REGION'], 'eu-west-1')
    assert.match(out, /\n {2}users {7}mia, bob, zoe, yan@example\.com\n/)
    assert.equal(env['AWS_ACCESS_KEY_ID'], 'AKIALOCALFIXEDKEY001')
    assert.equal(env['AWS_SECRET_ACCESS_KEY'], 'fixed-secret-for-this-test', '--show-secrets prints the admin secret key')
    const clientSecret = env['COGNITO_CLIENT_SECRET']!
    assert.match(clientSecret, /^[a-z2-7]{51}$/)
    assert.match(out, new RegExp(`client id {3}${env['COGNITO_CLIENT_ID']} {2}secret ${clientSecret}\n`))
    assert.equal(local.err(), '', '--quiet: no request log')
    const base = ['--endpoint', env['COGNITO_ENDPOINT']!, '--pool', env['COGNITO_USER_POOL_ID']!, '--client', env['COGNITO_CLIENT_ID']!]

    // the secret from the environment; the password, then the emailed code, from stdin
    const mark = local.out().length
    const mia = login([...base, '--username', 'mia', '--json'], { COGNITO_CLIENT_SECRET: clientSecret })
    mia.child.stdin.write('Mia-passw0rd!\n')
    const code = (await local.waitFor(/code (\d{6}) {2}MFA for mia, EMAIL to mia@example\.com\n/, mark))[1]!
    mia.child.stdin.end(code + '\n')
    const r = await mia.done
    assert.equal(r.code, 0, r.stderr)
    assert.equal(claims(JSON.parse(r.stdout).AccessToken)['username'], 'mia')

    // the secret from stdin (--secret-stdin), first line; then the password
    const [zoe, yan, noSecret] = await Promise.all([
      login([...base, '--username', 'zoe', '--secret-stdin'], {}, `${clientSecret}\nZoe-passw0rd!\n`).done,
      login([...base, '--username', 'yan@example.com', '--flow', 'USER_PASSWORD_AUTH'], { COGNITO_CLIENT_SECRET: clientSecret, COGNITO_PASSWORD: 'Yan-passw0rd!' }).done,
      login([...base, '--username', 'bob'], { COGNITO_PASSWORD: 'Bob-passw0rd!' }).done,
    ])
    assert.equal(zoe.code, 0, zoe.stderr)
    assert.equal(yan.code, 0, yan.stderr)
    assert.equal(noSecret.code, 1)
    assert.match(noSecret.stderr, /^error: NotAuthorizedException: Client \w+ is configured for secret but secret was not received/)

    const admin = new AdminCognito({ userPoolId: env['COGNITO_USER_POOL_ID']!, clientId: env['COGNITO_CLIENT_ID']!, endpoint: env['COGNITO_ENDPOINT']!, clientSecret, credentials: { accessKeyId: 'AKIALOCALFIXEDKEY001', secretAccessKey: 'fixed-secret-for-this-test' } })
    assert.equal((await admin.adminGetUser('yan@example.com')).emailVerified, true, 'a --user name with @ is its verified email')
    local.child.kill('SIGTERM')
    assert.deepEqual(await local.exit, { code: 143, signal: null })
    assert.ok(existsSync(creds), 'a --credentials-file is kept')
  } finally {
    local.child.kill('SIGKILL')
  }
})

test('local: a port in use is an error naming it (exit 1); Ctrl-C (SIGINT) stops the server with 130 and removes the generated keys', async () => {
  const port = new URL(plain.env['COGNITO_ENDPOINT']!).port
  const busy = start(['--port', port])
  assert.deepEqual(await busy.exit, { code: 1, signal: null })
  assert.match(busy.err(), new RegExp(`^error: cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use \\(choose another port; 0 picks a free one\\)\n`))
  assert.equal(busy.out(), '')

  const file = /# AWS_SECRET_ACCESS_KEY: in (\S+);/.exec(plain.out())![1]!
  assert.ok(existsSync(file))
  plain.child.kill('SIGINT')
  assert.deepEqual(await plain.exit, { code: 130, signal: null })
  assert.ok(!existsSync(dirname(file)), 'the generated keys are removed on exit')
  await assert.rejects(fetch(plain.env['COGNITO_ENDPOINT']!), 'the server is closed')
})

test('local: a closed terminal (SIGHUP) stops the server with 129 and removes the generated keys too', async () => {
  const local = await ready(start(['--user', 'ann:Ann-passw0rd!', '--quiet']))
  const file = /# AWS_SECRET_ACCESS_KEY: in (\S+);/.exec(local.out())![1]!
  assert.match(local.out(), /\n {2}users {7}ann\n/)
  local.child.kill('SIGHUP')
  assert.deepEqual(await local.exit, { code: 129, signal: null })
  assert.ok(!existsSync(dirname(file)))
})

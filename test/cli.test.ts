/**
 * The `cognito-edge` CLI's `login`, run as a child process (src/cli.ts through tsx) against a
 * pool served in this process: SRP with the password from stdin, challenges, prompts without
 * echo on a pseudo-terminal, and Ctrl-C / SIGINT at a prompt or during a request: exit 130 at
 * once with the terminal restored. (`local` is in cli-local.test.ts, the conventions in
 * cli-args.test.ts.)
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type Socket } from 'node:net'
import { createLocalPool, totp, type LocalPool } from '../src/local/index.ts'
import { listen, type LocalServer } from '../src/local/server.ts'

const CLI = new URL('../src/cli.ts', import.meta.url).pathname

function run(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin)
  })
}

let pool: LocalPool
let server: LocalServer
before(async () => {
  pool = createLocalPool({
    shareKeys: true,
    users: [
      { username: 'alice', password: 'Corr3ct-horse!', attributes: { email: 'alice@example.com' } },
      { username: 'totpuser', password: 'Corr3ct-horse!', totpSecret: 'JBSWY3DPEHPK3PXP' },
      // its own secret: a TOTP code is accepted once per user
      { username: 'ttyuser', password: 'Corr3ct-horse!', totpSecret: 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF' },
    ],
  })
  server = await listen(pool, { port: 0 })
})
after(() => server.close())

test('login: SRP with the password from stdin, tokens as JSON', async () => {
  const r = await run(['login', '--pool', pool.poolId, '--client', pool.clientId, '--username', 'alice', '--endpoint', server.url, '--json'], 'Corr3ct-horse!\n')
  assert.equal(r.code, 0, r.stderr)
  const out = JSON.parse(r.stdout)
  assert.equal(out.TokenType, 'Bearer')
  const claims = JSON.parse(Buffer.from(out.AccessToken.split('.')[1], 'base64url').toString())
  assert.equal(claims.username, 'alice')
  assert.ok(!r.stdout.includes('Corr3ct-horse!') && !r.stderr.includes('Corr3ct-horse!'))
  assert.deepEqual(pool.calls.slice(-2).map((c) => c.operation), ['InitiateAuth', 'RespondToAuthChallenge'])
})

test('login: answers a TOTP challenge from stdin and prints env lines; a wrong password exits 1', async () => {
  const code = await totp('JBSWY3DPEHPK3PXP', Date.now())
  const r = await run(['login', '--pool', pool.poolId, '--client', pool.clientId, '--username', 'totpuser', '--endpoint', server.url], `Corr3ct-horse!\n${code}\n`)
  assert.equal(r.code, 0, r.stderr)
  assert.match(r.stdout, /^COGNITO_ID_TOKEN=ey[\w-]+\.[\w-]+\.[\w-]+\nCOGNITO_ACCESS_TOKEN=ey/)
  const bad = await run(['login', '--pool', pool.poolId, '--client', pool.clientId, '--username', 'alice', '--endpoint', server.url], 'wrong\n')
  assert.equal(bad.code, 1)
  assert.equal(bad.stderr, 'error: NotAuthorizedException: Incorrect username or password.\n')
})

test('login on a terminal: password and TOTP code prompts do not echo', { skip: !existsSync('/usr/bin/script') && 'needs util-linux script for a pseudo-terminal' }, async () => {
  const code = await totp('KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF', Date.now())
  const cmd = `${process.execPath} --import tsx ${CLI} login --pool ${pool.poolId} --client ${pool.clientId} --username ttyuser --endpoint ${server.url} --json`
  const child = spawn('/usr/bin/script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  const answered = new Set<string>()
  child.stdout.on('data', (d) => {
    out += d
    for (const [prompt, answer] of [['Password: ', 'Corr3ct-horse!'], ['SOFTWARE_TOKEN_MFA code: ', code]] as const) {
      if (out.includes(prompt) && !answered.has(prompt)) {
        answered.add(prompt)
        child.stdin.write(answer + '\r')
      }
    }
  })
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  assert.equal(status, 0, out)
  assert.ok(!out.includes('Corr3ct-horse!'), 'the password was echoed')
  assert.ok(!out.includes(code), 'the code was echoed')
  assert.match(out, /"AccessToken": "ey/)
})

const PTY = !existsSync('/usr/bin/script') && 'needs util-linux script for a pseudo-terminal'

/**
 * Run `login` on a pseudo-terminal (a shell prints its pid, then execs the CLI; after it exits the
 * shell prints the exit code and the terminal settings) and let `drive` type into it.
 */
async function onTerminal(username: string, drive: (out: () => string, type: (s: string) => void, pid: () => number) => Promise<void>): Promise<{ out: string; exit: number }> {
  const login = `${process.execPath} --import tsx ${CLI} login --pool ${pool.poolId} --client ${pool.clientId} --username ${username} --endpoint ${server.url} --json`
  const child = spawn('/usr/bin/script', ['-qfec', `sh -c 'echo pid=$$; exec ${login}'; echo "exit=$?"; stty -a`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()))
  try {
    await drive(() => out, (s) => child.stdin.write(s), () => Number(/pid=(\d+)/.exec(out)![1]))
    // the old CLI never got here: after Ctrl-C it waited for Enter
    const t = setTimeout(() => child.kill('SIGKILL'), 30_000)
    await closed
    clearTimeout(t)
  } finally {
    child.kill('SIGKILL')
  }
  const exit = /exit=(\d+)/.exec(out)
  assert.ok(exit, `the CLI did not exit after Ctrl-C:\n${out}`)
  return { out, exit: Number(exit[1]) }
}

const waitFor = async (out: () => string, text: string): Promise<void> => {
  for (let i = 0; i < 600 && !out().includes(text); i++) await new Promise((r) => setTimeout(r, 50))
  assert.ok(out().includes(text), `no "${text}" in:\n${out()}`)
}

/** The terminal is back in its normal mode: echo and line editing on. */
function assertRestored(out: string): void {
  const settings = out.slice(out.indexOf('exit='))
  assert.match(settings, /(^|\s)echo(\s|$)/, `echo is off after exit:\n${settings}`)
  assert.match(settings, /(^|\s)icanon(\s|$)/, `the terminal is left raw:\n${settings}`)
}

test('Ctrl-C at the hidden password prompt exits at once with 130 and the terminal restored', { skip: PTY }, async () => {
  const calls = pool.calls.length
  const { out, exit } = await onTerminal('alice', async (o, type) => {
    await waitFor(o, 'Password: ')
    type('Corr3ct')
    type('\u0003')
  })
  assert.equal(exit, 130)
  assertRestored(out)
  assert.ok(!out.includes('Corr3ct'), 'what was typed before Ctrl-C was echoed')
  assert.equal(pool.calls.length, calls, 'nothing was sent')
})

test('Ctrl-C at the MFA code prompt, and SIGINT while the prompt is raw, exit 130 with the terminal restored', { skip: PTY }, async () => {
  pool.setMfa('alice', { email: true, preferred: 'EMAIL_OTP' })
  try {
    const atCode = await onTerminal('alice', async (o, type) => {
      await waitFor(o, 'Password: ')
      type('Corr3ct-horse!\r')
      await waitFor(o, 'EMAIL_OTP code: ')
      type('\u0003')
    })
    assert.equal(atCode.exit, 130)
    assertRestored(atCode.out)
    const killed = await onTerminal('alice', async (o, _type, pid) => {
      await waitFor(o, 'Password: ')
      process.kill(pid(), 'SIGINT')
    })
    assert.equal(killed.exit, 130)
    assertRestored(killed.out)
  } finally {
    pool.setMfa('alice', { email: false })
  }
})

test('SIGINT while a request is in flight exits 130 at once (not killed by the signal)', { timeout: 60_000 }, async () => {
  // an endpoint that accepts the connection and never answers
  const sockets: Socket[] = []
  const hang = createServer((s) => void sockets.push(s))
  await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve))
  const connected = new Promise<void>((resolve) => hang.once('connection', () => resolve()))
  try {
    const port = (hang.address() as { port: number }).port
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'login', '--pool', 'us-east-1_AbC123', '--client', 'abc', '--username', 'alice', '--endpoint', `http://127.0.0.1:${port}/`], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, COGNITO_PASSWORD: 'Corr3ct-horse!' },
    })
    const exited = new Promise<[number | null, string | null]>((resolve) => child.on('close', (code, signal) => resolve([code, signal])))
    child.stdin.end('Corr3ct-horse!\n') // where a CLI without COGNITO_PASSWORD would read it
    await connected
    child.kill('SIGINT')
    assert.deepEqual(await exited, [130, null])
  } finally {
    for (const s of sockets) s.destroy()
    hang.close()
  }
})

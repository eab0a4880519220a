/**
 * The `cognito-edge` CLI, run as a child process (src/cli.ts through tsx): `login` against a
 * pool served in this process, `local` serving a pool from a config file, usage errors.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

test('usage: an unknown command prints usage and exits 2; missing arguments exit 1', async () => {
  const none = await run(['nope'])
  assert.equal(none.code, 2)
  assert.match(none.stderr, /cognito-edge login --pool/)
  const missing = await run(['login', '--pool', pool.poolId])
  assert.equal(missing.code, 1)
  assert.match(missing.stderr, /--client is required/)
})

test('local: serves a pool from a config file on a loopback port', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ce-cli-'))
  const config = join(dir, 'pool.json')
  writeFileSync(config, JSON.stringify({ poolId: 'us-east-1_CliPool1', users: [{ username: 'zoe', password: 'Corr3ct-horse!' }] }))
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'local', '--port', '0', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    const banner = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d) => {
        out += d
        if (out.includes('users')) resolve(out)
      })
      child.on('close', () => reject(new Error('exited: ' + out)))
    })
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(banner)![1]!
    assert.match(banner, /pool id   us-east-1_CliPool1/)
    const clientId = /client {4}(\w+)/.exec(banner)![1]!
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'zoe', PASSWORD: 'Corr3ct-horse!' } }),
    })
    assert.equal(res.status, 200)
    assert.ok(((await res.json()) as any).AuthenticationResult.AccessToken)
  } finally {
    child.kill('SIGTERM')
  }
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

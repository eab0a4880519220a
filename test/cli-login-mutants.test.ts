/**
 * `cognito-edge login`'s sign-in and challenge loop (src/cli/login.ts) called in this process
 * with a scripted reader, against a local pool served on loopback: what the mutation round
 * needed in seconds rather than the minutes child processes take on a loaded machine. The client
 * secret from $COGNITO_CLIENT_SECRET, the env lines printed, the prompts of each challenge the
 * CLI answers (TOTP, a new password, the MFA type), the challenge it cannot answer, and a
 * hostile endpoint that never stops challenging. (The CLI end to end is in cli.test.ts.)
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { login } from '../src/cli/login.ts'
import type { Io, Values } from '../src/cli/args.ts'
import { createLocalPool, totp, type LocalPool } from '../src/local/index.ts'
import { listen, type LocalServer } from '../src/local/server.ts'

const PASSWORD = 'Corr3ct-horse!'
let pool: LocalPool
let server: LocalServer
before(async () => {
  pool = createLocalPool({
    shareKeys: true,
    clients: [{ clientId: 'plainclient' }, { clientId: 'secretclient', clientSecret: true }],
    users: [
      { username: 'alice', password: PASSWORD },
      { username: 'tina', password: PASSWORD, totpSecret: 'JBSWY3DPEHPK3PXP' },
      { username: 'nina', password: 'Temp-passw0rd!', status: 'FORCE_CHANGE_PASSWORD' },
      { username: 'sela', password: PASSWORD, totpSecret: 'KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF', attributes: { email: 'sela@example.com' }, mfa: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] },
    ],
  })
  server = await listen(pool, { port: 0 })
})
after(() => server.close())

/** Run login with `answers` given in turn to its prompts; returns what it printed and the prompts it showed. */
async function run(values: Values, env: Record<string, string>, answers: Array<string | (() => Promise<string>)> = []): Promise<{ out: string; prompts: string[] }> {
  let out = ''
  const prompts: string[] = []
  const io: Io = { out: (t) => void (out += t), err: () => {}, env }
  const read = Object.assign(
    async (prompt: string) => {
      prompts.push(prompt)
      const a = answers.shift()
      if (a === undefined) throw new Error(`no answer for ${prompt}`)
      return typeof a === 'string' ? a : a()
    },
    { close: () => {} },
  )
  await login(values, io, read)
  return { out, prompts }
}

const at = (username: string, client = 'plainclient'): Values => ({ pool: pool.poolId, client, username, endpoint: server.url })

test('login: the client secret from $COGNITO_CLIENT_SECRET, the password from $COGNITO_PASSWORD; prints three env lines', async () => {
  const secret = String(pool.clients[1]!.clientSecret)
  const r = await run(at('alice', 'secretclient'), { COGNITO_CLIENT_SECRET: secret, COGNITO_PASSWORD: PASSWORD })
  assert.deepEqual(r.prompts, [])
  assert.match(r.out, /^COGNITO_ID_TOKEN=ey[\w-]+\.[\w-]+\.[\w-]+\nCOGNITO_ACCESS_TOKEN=ey[\w-]+\.[\w-]+\.[\w-]+\nCOGNITO_REFRESH_TOKEN=\S+\n$/)
  await assert.rejects(run(at('alice', 'secretclient'), { COGNITO_PASSWORD: PASSWORD }), /secret was not received/)
})

test('login answers TOTP (the code trimmed), a new password, and the choice of MFA type, each at its own prompt', async () => {
  const tina = await run(at('tina'), {}, [PASSWORD, async () => ` ${await totp('JBSWY3DPEHPK3PXP', pool.now())} `])
  assert.deepEqual(tina.prompts, ['Password: ', 'SOFTWARE_TOKEN_MFA code: '])
  assert.match(tina.out, /^COGNITO_ID_TOKEN=ey/)

  const nina = await run({ ...at('nina'), json: true }, {}, ['Temp-passw0rd!', 'New-passw0rd-1!'])
  assert.deepEqual(nina.prompts, ['Password: ', 'New password: '])
  assert.equal(JSON.parse(nina.out).TokenType, 'Bearer')
  assert.equal(pool.user('nina')!.status, 'CONFIRMED')

  const sela = await run(at('sela'), {}, [PASSWORD, 'SOFTWARE_TOKEN_MFA ', async () => totp('KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF', pool.now())])
  assert.deepEqual(sela.prompts, ['Password: ', 'MFA type (SOFTWARE_TOKEN_MFA / EMAIL_OTP): ', 'SOFTWARE_TOKEN_MFA code: '])
  assert.match(sela.out, /^COGNITO_ID_TOKEN=ey/)
})

test('login: a challenge the CLI cannot answer is an error naming it, after the password only', async () => {
  const strict = createLocalPool({ shareKeys: true, mfa: 'ON', users: [{ username: 'newbie', password: PASSWORD }] })
  const s = await listen(strict, { port: 0 })
  try {
    const answers = [PASSWORD, 'not asked']
    await assert.rejects(run({ pool: strict.poolId, client: strict.clientId, username: 'newbie', endpoint: s.url }, {}, answers), (e: Error) => e.message === 'the CLI cannot answer the MFA_SETUP challenge')
    assert.deepEqual(answers, ['not asked'], 'only the password was asked')
  } finally {
    await s.close()
  }
})

test('login against an endpoint that never stops challenging gives up after the password and five answers', async () => {
  // hostile: real Cognito answers a wrong code with CodeMismatchException, never a new challenge
  let requests = 0
  const hostile: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      requests++
      const body = JSON.stringify({ ChallengeName: 'SMS_MFA', Session: 'session-' + 'x'.repeat(20), ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0100', USER_ID_FOR_SRP: 'alice' } })
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(Buffer.byteLength(body)) })
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve))
  try {
    const endpoint = `http://127.0.0.1:${(hostile.address() as { port: number }).port}/`
    const answers = [PASSWORD, ...Array.from({ length: 10 }, () => '123456')]
    let prompts = 0
    const read = Object.assign(async () => (prompts++, answers.shift()!), { close: () => {} })
    const io: Io = { out: () => {}, err: () => {}, env: {} }
    await assert.rejects(login({ pool: 'us-east-1_AbC123', client: 'abc', username: 'alice', endpoint, flow: 'USER_PASSWORD_AUTH' }, io, read), (e: Error) => e.message === 'too many challenges')
    assert.equal(requests, 6)
    assert.equal(prompts, 6)
  } finally {
    hostile.close()
  }
})

#!/usr/bin/env node
/**
 * The `cognito-edge` command: `local` serves a local pool on loopback, `login` signs in (SRP by
 * default) and prints tokens, `demo` runs the narrated demo. Node only.
 * @module
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { Cognito, type AuthResult } from './cognito.ts'
import { SelectMfaTypeChallengeError } from './challenge-errors.ts'
import { createLocalPool, type LocalPoolOptions } from './local/pool.ts'
import { listen } from './local/server.ts'
import { runDemo } from './demo.ts'

const USAGE = `usage:
  cognito-edge local [--port 9229] [--host 127.0.0.1] [--config pool.json]
  cognito-edge login --pool <userPoolId> --client <clientId> --username <name>
                     [--endpoint <url>] [--secret <clientSecret>] [--flow USER_SRP_AUTH|USER_PASSWORD_AUTH] [--json]
  cognito-edge demo`

/** Reads answers: hidden prompts on a TTY, one line per answer from piped stdin otherwise. */
function makeReader(): (prompt: string) => Promise<string> {
  let lines: string[] | undefined
  return async (prompt) => {
    const stdin = process.stdin
    if (stdin.isTTY) {
      return new Promise((resolve, reject) => {
        let value = ''
        // echo off before the prompt shows, so nothing typed after it is echoed
        stdin.setRawMode(true)
        process.stderr.write(prompt)
        stdin.resume()
        const onData = (buf: Buffer): void => {
          for (const ch of buf.toString('utf8')) {
            if (ch === '\r' || ch === '\n') {
              stdin.setRawMode(false)
              stdin.pause()
              stdin.off('data', onData)
              process.stderr.write('\n')
              return resolve(value)
            }
            if (ch === '\u0003') {
              stdin.setRawMode(false)
              return reject(new Error('cancelled'))
            }
            if (ch === '\u007f') value = value.slice(0, -1)
            else value += ch
          }
        }
        stdin.on('data', onData)
      })
    }
    if (!lines) {
      const chunks: Buffer[] = []
      for await (const c of stdin as AsyncIterable<Buffer>) chunks.push(c)
      lines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)
    }
    const v = lines.shift()
    if (v === undefined || v === '') throw new Error(`no answer on stdin for: ${prompt.trim()}`)
    return v
  }
}

async function login(args: Record<string, string | boolean | undefined>): Promise<void> {
  const need = (k: string): string => {
    const v = args[k]
    if (typeof v !== 'string' || !v) throw new Error(`--${k} is required\n${USAGE}`)
    return v
  }
  const read = makeReader()
  const user = new Cognito({
    userPoolId: need('pool'),
    clientId: need('client'),
    username: need('username'),
    ...(typeof args['endpoint'] === 'string' ? { endpoint: args['endpoint'] } : {}),
    ...(typeof args['secret'] === 'string' ? { clientSecret: args['secret'] } : {}),
  })
  const flow = args['flow'] === 'USER_PASSWORD_AUTH' ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH'
  let attempt: () => Promise<AuthResult> = async () => user.authenticate(await read('Password: '), { flow })
  let result: AuthResult | undefined
  for (let round = 0; round < 6 && !result; round++) {
    try {
      result = await attempt()
    } catch (e) {
      const name = (e as { challengeName?: string }).challengeName
      if (!name) throw e
      const codeKey: Record<string, string> = { SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SMS_OTP: 'SMS_OTP_CODE' }
      if (codeKey[name]) attempt = async () => user.respondToChallenge(name, { [codeKey[name]!]: (await read(`${name} code: `)).trim() })
      else if (name === 'NEW_PASSWORD_REQUIRED') attempt = async () => user.respondToChallenge(name, { NEW_PASSWORD: await read('New password: ') })
      else if (e instanceof SelectMfaTypeChallengeError) {
        const choices = e.options
        attempt = async () => user.respondToChallenge(name, { ANSWER: (await read(`MFA type (${choices.join(' / ')}): `)).trim() })
      } else throw new Error(`the CLI cannot answer the ${name} challenge`)
    }
  }
  if (!result) throw new Error('too many challenges')
  if (args['json']) {
    process.stdout.write(JSON.stringify({ IdToken: result.idToken, AccessToken: result.accessToken, RefreshToken: result.refreshToken, ExpiresIn: result.expiresIn, TokenType: result.tokenType }, null, 2) + '\n')
  } else {
    process.stdout.write(`COGNITO_ID_TOKEN=${result.idToken}\nCOGNITO_ACCESS_TOKEN=${result.accessToken}\nCOGNITO_REFRESH_TOKEN=${result.refreshToken ?? ''}\n`)
  }
}

async function local(args: Record<string, string | boolean | undefined>): Promise<void> {
  const config: LocalPoolOptions = typeof args['config'] === 'string' ? (JSON.parse(readFileSync(args['config'], 'utf8')) as LocalPoolOptions) : {}
  const pool = createLocalPool(config)
  await pool.ready
  const server = await listen(pool, {
    port: Number(args['port'] ?? 9229),
    host: typeof args['host'] === 'string' ? args['host'] : '127.0.0.1',
    log: (line) => process.stderr.write(line + '\n'),
  })
  process.stdout.write(
    `cognito-edge local pool listening on ${server.url}\n` +
      `  pool id   ${pool.poolId}\n` +
      pool.clients.map((c) => `  client    ${c.clientId}${c.clientSecret ? ` (secret ${String(c.clientSecret)})` : ''}\n`).join('') +
      `  JWKS      ${server.url}${pool.poolId}/.well-known/jwks.json\n` +
      `  issuer    ${pool.issuer}\n` +
      `  users     ${(config.users ?? []).map((u) => u.username).join(', ') || '(none: use SignUp or --config)'}\n` +
      `  sign in   cognito-edge login --pool ${pool.poolId} --client ${pool.clientId} --username <name> --endpoint ${server.url}\n`,
  )
  const stop = (): void => void server.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  const { values } = parseArgs({
    args: rest,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      pool: { type: 'string' },
      client: { type: 'string' },
      username: { type: 'string' },
      endpoint: { type: 'string' },
      secret: { type: 'string' },
      flow: { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  })
  if (command === 'demo') return (await runDemo((line) => process.stdout.write(line + '\n'))).ok ? 0 : 1
  if (command === 'login') return login(values).then(() => 0)
  if (command === 'local') return local(values).then(() => 0)
  process.stderr.write(USAGE + '\n')
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const err = e as Error
    process.stderr.write(`error: ${err.name && err.name !== 'Error' ? err.name + ': ' : ''}${err.message}\n`)
    process.exitCode = 1
  },
)

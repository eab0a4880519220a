/**
 * `cognito-edge local`: serve a local pool on this machine until Ctrl-C, print a ready-to-paste
 * configuration, and print every code the pool "sends" (also served at `/_local/messages`).
 * Secrets (client secrets, the admin secret key) are printed only with `--show-secrets`. Node only.
 * @module
 */
import { createLocalPool, type LocalPool, type LocalPoolOptions, type SentMessage } from '../local/index.ts'
import { DEFAULT_PORT, MESSAGES_PATH, listen, type LocalServer } from '../local/server.ts'
import { UsageError, int, str, type Command, type Io, type Values } from './args.ts'
import { DEFAULT_PASSWORD, adminKeys, defaultUser, readConfig, readUsers, type AdminKeys, type UserSpec } from './local-setup.ts'

/** The `local` command's options and help. */
export const LOCAL: Command = {
  name: 'local',
  summary: 'serve a local user pool over HTTP for development and tests',
  flags: [
    { name: 'port', value: '<n>', help: `TCP port (default ${DEFAULT_PORT}; 0 picks a free one)` },
    { name: 'host', value: '<address>', help: 'interface to listen on (default 127.0.0.1: this machine only)' },
    { name: 'config', value: '<file>', help: 'JSON file of pool options: users, clients, MFA, password policy…' },
    { name: 'user', value: '<name:password>', repeat: true, help: 'create a confirmed user; a name with @ is also its verified email' },
    { name: 'user-file', value: '<file>', help: 'users to create: lines of name:password, or a JSON array of user seeds' },
    { name: 'credentials-file', value: '<file>', help: 'admin keys: read from this file, or generated and written to it (mode 0600)' },
    { name: 'allow-host', value: '<name>', repeat: true, help: 'also answer requests whose Host header names this host (e.g. a Docker service)' },
    { name: 'show-secrets', help: 'print the client secrets and the admin secret key (hidden by default)' },
    { name: 'quiet', help: 'do not log each request on stderr' },
  ],
  details: `
without --user, --user-file or users in --config, one user is created: demo / ${DEFAULT_PASSWORD}
(email demo@example.com). Sign-up works too: every code the pool sends (sign-up, forgot password,
attribute verification, MFA) is printed here and served, as JSON, to this machine only at
  GET http://127.0.0.1:${DEFAULT_PORT}${MESSAGES_PATH}[?username=<name>&purpose=SignUp]

admin calls (AdminCognito, the AWS SDK) must be signed with the pool's keys: the config's
"credentials", else --credentials-file, else keys generated for this run. The access key id is
printed; the secret key is written to a file only you can read (removed on exit), never printed
unless --show-secrets.

only requests whose Host header names this server are answered (DNS-rebinding defence);
--allow-host adds names. Idle or half-sent requests are closed after at most 20 s.

it runs until stopped: Ctrl-C (SIGINT) exits 130, SIGTERM 143, SIGHUP 129.`,
}

const HOST = /^(?:\[[0-9a-f:.]+\]|[0-9a-f:.]*:[0-9a-f:.]*|[a-z0-9_.-]+)$/i

/** One terminal line per sent message; an invitation's temporary password only with --show-secrets. */
function messageLine(m: SentMessage, server: LocalServer, show: boolean): string {
  const to = `${m.medium} to ${m.destination || '(no destination)'}`
  if (m.purpose === 'Invitation' && !m.code) return `message  Invitation for ${m.username}, ${to}: no password, signs in with a one-time code\n`
  if (m.purpose === 'Invitation' && !show) return `message  Invitation for ${m.username}, ${to}: the temporary password is at ${server.messagesUrl}?username=${encodeURIComponent(m.username)}\n`
  return `code ${m.code}  ${m.purpose} for ${m.username}, ${to}\n`
}

function banner(pool: LocalPool, server: LocalServer, keys: AdminKeys, users: string, show: boolean): string {
  const rows: Array<[string, string]> = [
    ['endpoint', server.url],
    ['pool id', pool.poolId],
    ...pool.clients.map((c): [string, string] => [
      'client id',
      `${c.clientId}${c.clientSecret ? (show ? `  secret ${String(c.clientSecret)}` : '  (has a secret: --show-secrets prints it; login reads it from COGNITO_CLIENT_SECRET)') : '  (no secret)'}`,
    ]),
    ['issuer', pool.issuer],
    ['JWKS', `${server.url}${pool.poolId}/.well-known/jwks.json`],
    ['users', users],
    ['messages', `${server.messagesUrl}  (every code the pool sends, JSON, this machine only)`],
    ['admin keys', `access key id ${keys.accessKeyId}; secret key ${show ? keys.secretAccessKey : `in ${keys.where}${keys.file && !show ? ' (mode 0600)' : ''}`}`],
  ]
  const first = pool.clients[0]!
  const secretLine = first.clientSecret ? (show ? `COGNITO_CLIENT_SECRET=${String(first.clientSecret)}\n` : '# COGNITO_CLIENT_SECRET: run with --show-secrets to print it\n') : ''
  const keyLine = show ? `AWS_SECRET_ACCESS_KEY=${keys.secretAccessKey}\n` : keys.file ? `# AWS_SECRET_ACCESS_KEY: in ${keys.file}; in a shell, ". ${keys.file}" exports both keys\n` : `# AWS_SECRET_ACCESS_KEY: in ${keys.where}\n`
  return (
    `cognito-edge local: a user pool at ${server.url} (Ctrl-C stops it)\n\n` +
    rows.map(([k, v]) => `  ${k.padEnd(11)} ${v}\n`).join('') +
    `\nconfiguration (paste into a shell or a .env file):\n` +
    `COGNITO_ENDPOINT=${server.url}\nCOGNITO_USER_POOL_ID=${pool.poolId}\nCOGNITO_CLIENT_ID=${first.clientId}\n${secretLine}` +
    `AWS_REGION=${pool.region}\nAWS_ACCESS_KEY_ID=${keys.accessKeyId}\n${keyLine}` +
    `\nsign in:\n  cognito-edge login --endpoint ${server.url} --pool ${pool.poolId} --client ${first.clientId} --username <name>\n\n`
  )
}

async function seedUsers(pool: LocalPool, users: UserSpec[]): Promise<void> {
  for (const { seed, from } of users) {
    try {
      await pool.addUser(seed)
    } catch (e) {
      // the pool's own refusal when there is one: the name is already in this message
      const reason = (e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message
      throw new UsageError(`${from} ${String(seed.username)}: ${reason.trim()}`)
    }
  }
}

/** Serve a pool built from `config` and `users` with `keys` on `port`; prints the banner. */
async function serve(values: Values, io: Io, port: number, config: LocalPoolOptions, configPath: string | undefined, users: UserSpec[], keys: AdminKeys): Promise<LocalServer> {
  const host = (str(values, 'host') ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1')
  const show = values['show-secrets'] === true
  let pool: LocalPool
  try {
    pool = createLocalPool({ ...config, credentials: keys })
    await pool.ready
  } catch (e) {
    throw configPath === undefined ? e : new UsageError(`--config ${configPath}: ${(e as Error).message}`)
  }
  const fromConfig = (config.users ?? []).map((u) => u.username)
  const dflt = !fromConfig.length && !users.length ? defaultUser(config) : undefined
  await seedUsers(pool, dflt ? [{ seed: dflt, from: 'the default user' }] : users)
  let server: LocalServer
  try {
    server = await listen(pool, {
      port,
      host,
      allowedHosts: (values['allow-host'] as string[] | undefined) ?? [],
      ...(values['quiet'] ? {} : { log: (line: string) => io.err(line + '\n') }),
      onMessage: (m) => io.out(messageLine(m, server, show)),
    })
  } catch (e) {
    // a port in use or a privileged one: listen's own error says which and what to do
    const code = (e as NodeJS.ErrnoException).code
    // EINVAL: an address no socket can bind as given, e.g. a link-local fe80:: without its %zone
    if (code === 'EADDRNOTAVAIL' || code === 'EINVAL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') throw new UsageError(`--host ${host} is not an address of this machine (${code})`)
    throw e
  }
  const names = dflt ? `${dflt.username} / ${DEFAULT_PASSWORD} (the default; --user name:password replaces it)` : [...fromConfig, ...users.map((u) => u.seed.username)].join(', ')
  io.out(banner(pool, server, keys, names, show))
  if (!/^(127\.|::1$|localhost$)/.test(host)) io.err(`warning: --host ${host} lets other machines reach this pool; only requests whose Host is an IP address, localhost or an --allow-host name are answered\n`)
  return server
}

/** Start the pool and its server; resolves with the exit code once a signal stops it (128 + the signal's number: 130 for SIGINT). */
export async function local(values: Values, io: Io): Promise<number> {
  const port = int(values, 'port', 0, 65535, DEFAULT_PORT) // checked before any file is read or written
  const host = str(values, 'host')
  if (host !== undefined && !HOST.test(host)) throw new UsageError(`--host must be an IP address or a host name, like 127.0.0.1 (got ${JSON.stringify(host)})`)
  for (const h of (values['allow-host'] as string[] | undefined) ?? []) {
    if (!/^(?:\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::\d{1,5})?$/i.test(h)) throw new UsageError(`--allow-host must be a host name, like cognito or cognito:${DEFAULT_PORT} (got ${JSON.stringify(h)})`)
  }
  const configPath = str(values, 'config')
  const config = readConfig(configPath)
  const users = readUsers((values['user'] as string[] | undefined) ?? [], str(values, 'user-file'))
  const keys = adminKeys(config, configPath, str(values, 'credentials-file'))
  // the signals are taken before the server starts: one that arrives while the banner is being
  // printed must still stop the server and remove the generated keys
  let stop: ((code: number) => void) | undefined
  let early: number | undefined
  const signals = ([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const).map(([sig, code]) => {
    const on = (): void => (stop ? stop(code) : void (early ??= code))
    process.once(sig, on)
    return () => process.off(sig, on)
  })
  let server: LocalServer
  try {
    process.once('exit', keys.cleanup)
    server = await serve(values, io, port, config, configPath, users, keys)
  } catch (e) {
    keys.cleanup()
    process.off('exit', keys.cleanup)
    for (const off of signals) off()
    throw e
  }
  return new Promise((resolve) => {
    stop = (code: number): void => {
      process.once('SIGINT', () => process.exit(130)) // a second Ctrl-C does not wait
      void server.close().finally(() => {
        keys.cleanup()
        resolve(code)
      })
    }
    if (early !== undefined) stop(early)
  })
}

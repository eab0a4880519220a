/**
 * `cognito-edge login`: sign a user in (SRP by default), answer the challenges a terminal can
 * answer (MFA codes, a new password, the MFA type), and print the tokens as env lines or JSON.
 * Secrets come from the environment or stdin, never from argv. Node only.
 * @module
 */
import { Cognito, type AuthResult } from '../cognito.ts'
import { SelectMfaTypeChallengeError } from '../challenge-errors.ts'
import { DEFAULT_PORT } from '../local/server.ts'
import { UsageError, str, type Command, type Io, type Values } from './args.ts'
import type { Reader } from './prompt.ts'

const FLOWS = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const
const CLIENT_SECRET_HINT = 'set COGNITO_CLIENT_SECRET, or pass --secret-stdin and give it on stdin'

/** The `login` command's options and help. */
export const LOGIN: Command = {
  name: 'login',
  summary: 'sign a user in (SRP by default) and print the tokens',
  flags: [
    { name: 'pool', value: '<userPoolId>', help: 'user pool id, e.g. us-east-1_AbC123 (default: $COGNITO_USER_POOL_ID)' },
    { name: 'client', value: '<clientId>', help: 'app client id (default: $COGNITO_CLIENT_ID)' },
    { name: 'username', value: '<name>', help: 'user name, email or alias to sign in as' },
    { name: 'endpoint', value: '<url>', help: `service URL, e.g. http://127.0.0.1:${DEFAULT_PORT}/ for cognito-edge local (default: $COGNITO_ENDPOINT, else AWS)` },
    { name: 'flow', value: '<flow>', help: 'USER_SRP_AUTH (default: the password never leaves this machine) or USER_PASSWORD_AUTH' },
    { name: 'secret-stdin', help: 'read the app client secret from stdin before the password (a prompt without echo on a terminal)' },
    { name: 'json', help: 'print the tokens as one JSON object; a failure prints {"error": {"name", "message"}}' },
  ],
  secrets: {
    secret: CLIENT_SECRET_HINT,
    'client-secret': CLIENT_SECRET_HINT,
    password: 'set COGNITO_PASSWORD, or type it at the prompt (a terminal) or give it as the first line of stdin',
  },
  details: `
secrets are never taken from the command line:
  password        $COGNITO_PASSWORD, else a prompt without echo on a terminal, else the next line of stdin
  client secret   $COGNITO_CLIENT_SECRET, or --secret-stdin (asked before the password)
  MFA codes, the MFA type and a new password are asked the same way, one line each.

output (stdout):
  COGNITO_ID_TOKEN=…  COGNITO_ACCESS_TOKEN=…  COGNITO_REFRESH_TOKEN=…  one per line, for eval "$(…)"
  --json: {"IdToken", "AccessToken", "RefreshToken", "ExpiresIn", "TokenType"}

example, against cognito-edge local:
  COGNITO_PASSWORD='Passw0rd!' cognito-edge login --endpoint http://127.0.0.1:${DEFAULT_PORT}/ \\
    --pool us-east-1_LocalPool1 --client localclient000000000000000 --username demo`,
}

/** An environment variable; set but empty counts as unset. */
const fromEnv = (io: Io, name: string): string | undefined => io.env[name] || undefined

/** A flag's value, else its environment variable; validated, with a message naming where it came from. */
function setting(values: Values, io: Io, flag: string, env: string | undefined, check: (v: string) => string | undefined): string | undefined {
  const given = str(values, flag)
  const v = given ?? (env ? fromEnv(io, env) : undefined)
  if (v === undefined) return undefined
  const bad = check(v)
  if (bad) throw new UsageError(`${given !== undefined ? `--${flag}` : `${env} (the default of --${flag})`} ${bad} (got ${JSON.stringify(v.slice(0, 200))})`)
  return v
}

function required(v: string | undefined, flag: string, env?: string): string {
  if (v === undefined) throw new UsageError(`--${flag} is required${env ? ` (or set ${env})` : ''}`)
  return v
}

/** The options of `login`, validated. */
function options(values: Values, io: Io): { pool: string; client: string; username: string; endpoint: string | undefined; flow: (typeof FLOWS)[number] } {
  const pool = setting(values, io, 'pool', 'COGNITO_USER_POOL_ID', (v) => (/^[\w-]+_[0-9a-zA-Z]+$/.test(v) && v.length <= 55 ? undefined : 'must be a user pool id like us-east-1_AbC123'))
  const client = setting(values, io, 'client', 'COGNITO_CLIENT_ID', (v) => (/^[\w+]{1,128}$/.test(v) ? undefined : 'must be an app client id (letters, digits, _ and +)'))
  const username = setting(values, io, 'username', undefined, (v) => (v.length <= 128 && !/[\p{Cc}\s]/u.test(v) ? undefined : 'must be at most 128 characters, without spaces or control characters'))
  const endpoint = setting(values, io, 'endpoint', 'COGNITO_ENDPOINT', (v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol) ? undefined : 'must be an http:// or https:// URL'
    } catch {
      return 'must be a URL like http://127.0.0.1:4726/'
    }
  })
  const flow = setting(values, io, 'flow', undefined, (v) => ((FLOWS as readonly string[]).includes(v) ? undefined : `must be ${FLOWS.join(' or ')}`))
  return { pool: required(pool, 'pool', 'COGNITO_USER_POOL_ID'), client: required(client, 'client', 'COGNITO_CLIENT_ID'), username: required(username, 'username'), endpoint, flow: (flow ?? 'USER_SRP_AUTH') as (typeof FLOWS)[number] }
}

const CODE_KEYS: Record<string, string> = { SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE', SMS_MFA: 'SMS_MFA_CODE', EMAIL_OTP: 'EMAIL_OTP_CODE', SMS_OTP: 'SMS_OTP_CODE' }

/** Sign in, answering challenges through `read`, and print the tokens. */
export async function login(values: Values, io: Io, read: Reader): Promise<void> {
  const o = options(values, io)
  const clientSecret = values['secret-stdin'] ? await read('Client secret: ') : fromEnv(io, 'COGNITO_CLIENT_SECRET')
  const user = new Cognito({
    userPoolId: o.pool,
    clientId: o.client,
    username: o.username,
    ...(o.endpoint !== undefined ? { endpoint: o.endpoint } : {}),
    ...(clientSecret !== undefined ? { clientSecret } : {}),
  })
  const password = fromEnv(io, 'COGNITO_PASSWORD')
  let attempt: () => Promise<AuthResult> = async () => user.authenticate(password ?? (await read('Password: ')), { flow: o.flow })
  let result: AuthResult | undefined
  for (let round = 0; round < 6 && !result; round++) {
    try {
      result = await attempt()
    } catch (e) {
      const name = (e as { challengeName?: string }).challengeName
      if (!name) throw e
      const codeKey = CODE_KEYS[name]
      if (codeKey) attempt = async () => user.respondToChallenge(name, { [codeKey]: (await read(`${name} code: `)).trim() })
      else if (name === 'NEW_PASSWORD_REQUIRED') attempt = async () => user.respondToChallenge(name, { NEW_PASSWORD: await read('New password: ') })
      else if (e instanceof SelectMfaTypeChallengeError) {
        const choices = e.options
        attempt = async () => user.respondToChallenge(name, { ANSWER: (await read(`MFA type (${choices.join(' / ')}): `)).trim() })
      } else throw new Error(`the CLI cannot answer the ${name} challenge`)
    }
  }
  if (!result) throw new Error('too many challenges')
  if (values['json']) {
    io.out(JSON.stringify({ IdToken: result.idToken, AccessToken: result.accessToken, RefreshToken: result.refreshToken, ExpiresIn: result.expiresIn, TokenType: result.tokenType }, null, 2) + '\n')
  } else {
    io.out(`COGNITO_ID_TOKEN=${result.idToken}\nCOGNITO_ACCESS_TOKEN=${result.accessToken}\nCOGNITO_REFRESH_TOKEN=${result.refreshToken ?? ''}\n`)
  }
}

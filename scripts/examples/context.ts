/**
 * What each example's check gets from `npm run examples`: the shared local pool (one
 * `cognito-edge local`, started once), a user of its own, and the commands of the repository's
 * toolchain (tsc, deno, bun).
 * @module
 */
import path from 'node:path'
import { run } from './proc.ts'

/** The running local pool. */
export interface Pool {
  endpoint: string
  userPoolId: string
  clientId: string
  /** A second app client, with a secret and 60-second access tokens (the BFF's: it renews on every token request). */
  secretClient: { clientId: string; clientSecret: string }
  /** The pool's request log so far (`<operation> <status> <ms>` lines on its stderr). */
  log(): string
}

/** One example's check. */
export interface Ctx {
  root: string
  /** The example's folder. */
  dir: string
  pool: Pool
  /** The example's own user (password {@link PASSWORD}). */
  username: string
  /** Where screenshots and logs go. */
  out: string
  /** The configuration `cognito-edge local` prints, as environment variables, for this example's user. */
  env: Record<string, string>
  /** Type-check a tsconfig.json of the example with the repository's tsc. */
  tsc(project: string): Promise<string>
}

export const PASSWORD = 'Passw0rd!'

/** One example: its folder under examples/, and its check (returns a one-line summary, throws on failure). */
export interface Example {
  name: string
  /** Has a package-lock.json: `npm ci` first. */
  install: boolean
  check(ctx: Ctx): Promise<string>
}

export function context(root: string, name: string, pool: Pool, out: string): Ctx {
  const dir = path.join(root, 'examples', name)
  const username = `${name}-user`
  return {
    root,
    dir,
    pool,
    username,
    out,
    env: {
      COGNITO_ENDPOINT: pool.endpoint,
      COGNITO_USER_POOL_ID: pool.userPoolId,
      COGNITO_CLIENT_ID: pool.clientId,
      COGNITO_USERNAME: username,
      COGNITO_PASSWORD: PASSWORD,
    },
    tsc: (project) => run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', path.join(dir, project)], { cwd: dir }),
  }
}

/** Fail with `message` unless `ok`. */
export function expect(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message)
}

/** A JSON body, or a failure naming the status and the text. */
export async function jsonOf(res: Response, what: string): Promise<Record<string, any>> {
  const text = await res.text()
  try {
    return JSON.parse(text) as Record<string, any>
  } catch {
    throw new Error(`${what}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`)
  }
}

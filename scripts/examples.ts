/**
 * `npm run examples`: every app under examples/ against one local pool, as a developer runs them.
 * It installs each example's dependencies (`npm ci`: the package comes from this repository by
 * path), starts `cognito-edge local` once (the built CLI, a free port, one user per example, and
 * a second client with a secret for the BFF), runs each example's check, and stops the pool.
 * Needs `npm run build` first. Prints one line per example and `examples: N passed, M failed`.
 *
 * Usage: node --import tsx scripts/examples.ts [deno|bun|node-bff|cloudflare-worker|browser …]
 * @module
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { browser } from './examples/browser.ts'
import { context, PASSWORD, type Example, type Pool } from './examples/context.ts'
import { run, start, waitFor, type Proc } from './examples/proc.ts'
import { deno, bun } from './examples/scripts.ts'
import { bff, worker } from './examples/servers.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const all: Example[] = [deno, bun, bff, worker, browser]
const names = process.argv.slice(2)
const unknown = names.filter((n) => !all.some((e) => e.name === n))
if (unknown.length) {
  console.error(`examples: unknown example ${unknown.join(', ')}; choose from ${all.map((e) => e.name).join(', ')}`)
  process.exit(2)
}
if (!existsSync(path.join(root, 'dist/cli.js'))) {
  console.error('examples: dist/ is missing: run `npm run build` first (the examples use the built package)')
  process.exit(2)
}
const chosen = names.length ? all.filter((e) => names.includes(e.name)) : all
const out = path.join(root, 'test-output/examples')
mkdirSync(out, { recursive: true })
const secs = (t0: number): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`

// ---- dependencies, all examples at once
const t0 = performance.now()
await Promise.all(chosen.filter((e) => e.install).map((e) => run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: path.join(root, 'examples', e.name), timeoutMs: 300_000 })))
console.log(`examples: npm ci of ${chosen.filter((e) => e.install).map((e) => e.name).join(', ')} took ${secs(t0)}`)

// ---- one local pool: the CLI as a developer starts it
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cognito-edge-examples-'))
const secretClient = { clientId: 'bffclient00000000000000000', clientSecret: randomBytes(24).toString('hex') }
writeFileSync(
  path.join(tmp, 'pool.json'),
  JSON.stringify({
    clients: [{ clientId: 'localclient000000000000000' }, { ...secretClient, accessTokenValidity: 60 }],
    users: all.map((e) => ({ username: `${e.name}-user`, password: PASSWORD })),
  }),
)
let pool: Proc | undefined
let failed = 0
try {
  pool = start(process.execPath, [path.join(root, 'dist/cli.js'), 'local', '--port', '0', '--config', path.join(tmp, 'pool.json')], { cwd: root })
  const endpoint = (await waitFor(pool, /^ {2}endpoint +(http:\/\/127\.0\.0\.1:\d+\/)$/m, 30_000))[1]!
  const info: Pool = { endpoint, userPoolId: 'us-east-1_LocalPool1', clientId: 'localclient000000000000000', secretClient, log: () => pool!.output() }
  console.log(`examples: cognito-edge local at ${endpoint}`)
  for (const e of chosen) {
    const t = performance.now()
    try {
      const summary = await e.check(context(root, e.name, info, out))
      console.log(`${e.name.padEnd(18)} ok    ${secs(t).padStart(7)}  ${summary}`)
    } catch (err) {
      failed++
      console.log(`${e.name.padEnd(18)} FAIL  ${secs(t).padStart(7)}\n${String((err as Error).message ?? err).replace(/^/gm, '    | ')}`)
    }
  }
} finally {
  const code = await pool?.stop('SIGINT')
  if (pool && code !== 130) console.log(`examples: cognito-edge local exited ${code}, expected 130 after Ctrl-C\n${pool.output().slice(-2000)}`)
  rmSync(tmp, { recursive: true, force: true })
}
console.log(`examples: ${chosen.length - failed} passed, ${failed} failed (${secs(t0)} in all)`)
process.exitCode = failed ? 1 : 0

/**
 * Browser check (run: `node --import tsx test/browser/run.ts`): headless Debian Chromium, driven
 * by playwright-core, loads a page from one loopback origin; the page imports the browser bundle
 * of the built package (esbuild of `cognito-edge` + `cognito-edge/jwt` from dist/), signs in with SRP against a pool served on a
 * DIFFERENT loopback port (cross-origin: the CORS preflight is checked), keeps the tokens in
 * localStorage through `localStorageStore`, reloads, and must still be signed in: `restore()`
 * finds the tokens and `verifyTokens()` checks them against the pool's JWKS (cross-origin too). A screenshot goes to test-output/browser/.
 * The page also runs an amazon-cognito-identity-js style app on `cognito-edge/identity-js`, whose
 * default storage is localStorage: after the reload, `getCurrentUser().getSession()` finds the user.
 *
 * The pool is the local pool (`cognito-edge/local`: SRP verified for real, RS256 tokens, CORS)
 * served by its own Node listener (`cognito-edge/local/server`), which logs each request.
 */
import http from 'node:http'
import { readFile, mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { createLocalPool } from '../../src/local/index.ts'
import { listen } from '../../src/local/server.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const out = path.join(root, 'test-output/browser')
const POOL = 'us-east-1_Browser1'
const CLIENT = 'browserclient1'
const USER = 'alice@example.com'

await mkdir(out, { recursive: true })
await build({
  // what a browser app imports: the main entry and the verifier, resolved through the package's
  // own "exports" to the built dist/
  stdin: { contents: `export * from 'cognito-edge'\nexport { createVerifier } from 'cognito-edge/jwt'\nexport * as identityJs from 'cognito-edge/identity-js'`, resolveDir: root, loader: 'js' },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  minify: true,
  outfile: path.join(out, 'cognito-edge.js'),
  logLevel: 'warning',
})

const listen0 = (s: http.Server): Promise<number> =>
  new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)))

const poolSeen: string[] = []
const pool = createLocalPool({ poolId: POOL, clients: [{ clientId: CLIENT }], users: [{ username: USER, password: 'Corr3ct horse!' }] })
const poolServer = await listen(pool, { port: 0, log: (line) => poolSeen.push(line) })
const files: Record<string, [string, string]> = {
  '/': [path.join(here, 'index.html'), 'text/html; charset=utf-8'],
  '/app.js': [path.join(here, 'app.js'), 'text/javascript'],
  '/cognito-edge.js': [path.join(out, 'cognito-edge.js'), 'text/javascript'],
}
const pageServer = http.createServer(async (req, res) => {
  const f = files[new URL(req.url ?? '/', 'http://x').pathname]
  if (!f) return void res.writeHead(404).end('not found')
  res.writeHead(200, { 'content-type': f[1], 'cache-control': 'no-store' }).end(await readFile(f[0]))
})
const pagePort = await listen0(pageServer)
const poolUrl = poolServer.url
const pageUrl = `http://127.0.0.1:${pagePort}/?pool=${encodeURIComponent(poolUrl)}&poolId=${POOL}&clientId=${CLIENT}&username=${encodeURIComponent(USER)}`

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
let failed = ''
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 560 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  type R = { ok: boolean; how?: string; sub?: string; error?: string; tokenId?: string; identityJs?: string; identityJsSub?: string }
  const result = async (): Promise<R> => {
    await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, null, { timeout: 20000 })
    return page.evaluate(() => (window as unknown as { __result: R }).__result)
  }
  await page.goto(pageUrl)
  const first = await result()
  await page.reload()
  const second = await result()
  const shot = path.join(out, 'signed-in-after-reload.png')
  await page.screenshot({ path: shot, fullPage: true })
  const preflight = poolSeen.some((s) => /^OPTIONS\b/.test(s))
  const logins = pool.calls.filter((c) => c.operation === 'InitiateAuth').length
  console.log(`chromium ${browser.version()}: first load ${JSON.stringify(first)}`)
  console.log(`chromium: after reload ${JSON.stringify(second)}`)
  console.log(`chromium: page ${new URL(pageUrl).origin}, pool ${new URL(poolUrl).origin}; pool saw ${poolSeen.length} requests (${logins} InitiateAuth, CORS preflight ${preflight ? 'yes' : 'NO'})`)
  console.log(`chromium: pool log: ${poolSeen.join(' | ')}`)
  console.log(`chromium: screenshot ${path.relative(process.cwd(), shot)}`)
  if (!first.ok) failed = `first load: ${first.error}`
  else if (first.how !== 'USER_SRP_AUTH') failed = 'first load did not sign in with SRP'
  else if (!second.ok || !second.how?.startsWith('restored')) failed = 'not signed in after reload'
  else if (second.sub !== first.sub || second.tokenId !== first.tokenId) failed = 'reload restored different tokens'
  else if (!preflight) failed = 'no CORS preflight reached the pool: the check was not cross-origin'
  else if (first.identityJs !== 'USER_SRP_AUTH' || second.identityJs !== 'restored from localStorage by getCurrentUser().getSession()') failed = 'cognito-edge/identity-js did not sign in, or was not signed in after reload'
  else if (second.identityJsSub !== first.sub) failed = 'cognito-edge/identity-js restored another user'
  else if (logins !== 2) failed = `expected 2 InitiateAuth (the Cognito class and identity-js), got ${logins}: the reload signed in again`
  if (errors.length) failed ||= `page errors: ${errors.join('; ')}`
} finally {
  await browser.close()
  await poolServer.close()
  pageServer.close()
}
if (failed) {
  console.error(`chromium: FAILED: ${failed}`)
  process.exitCode = 1
}

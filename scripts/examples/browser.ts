/**
 * The check of examples/browser: `npm run build` (tsc, then Vite) with the shared pool's
 * configuration, `vite preview`, then headless Chromium (playwright-core, Debian's
 * /usr/bin/chromium): sign in through the form, see the API's answer, reload, and still be signed
 * in with the tokens restored from localStorage; the pool must have seen exactly one sign-in.
 * @module
 */
import path from 'node:path'
import { chromium } from 'playwright-core'
import { expect, PASSWORD, type Example } from './context.ts'
import { freePort, run, start, waitFor } from './proc.ts'

/** Flags for Chromium on a machine with no network: nothing in the background. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export const browser: Example = {
  name: 'browser',
  install: true,
  async check(ctx) {
    const env = {
      VITE_COGNITO_ENDPOINT: ctx.pool.endpoint,
      VITE_COGNITO_USER_POOL_ID: ctx.pool.userPoolId,
      VITE_COGNITO_CLIENT_ID: ctx.pool.clientId,
    }
    await run('npm', ['run', 'build'], { cwd: ctx.dir, env })
    const port = await freePort()
    const preview = start('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: ctx.dir, env })
    const b = await chromium.launch({ executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
    try {
      await waitFor(preview, new RegExp(`127\\.0\\.0\\.1:${port}`), 30_000)
      const page = await b.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(String(e)))
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
      const signIns = (): number => ctx.pool.log().match(/^InitiateAuth 200/gm)?.length ?? 0
      const before = signIns()
      await page.goto(`http://127.0.0.1:${port}/`)
      await page.fill('input[name=username]', ctx.username)
      await page.fill('input[name=password]', PASSWORD)
      await page.click('button')
      const who = page.locator('#who')
      await who.filter({ hasText: `Signed in as ${ctx.username} (SRP sign-in)` }).waitFor({ timeout: 20_000 })
      await page.locator('#api').filter({ hasText: `GET /api/me → 200` }).waitFor({ timeout: 10_000 })
      expect((await page.textContent('#api'))?.includes(`"username": "${ctx.username}"`), `the API did not answer the user: ${await page.textContent('#api')}`)
      await page.reload()
      await who.filter({ hasText: `Signed in as ${ctx.username} (restored from localStorage)` }).waitFor({ timeout: 20_000 })
      await page.locator('#api').filter({ hasText: `GET /api/me → 200` }).waitFor({ timeout: 10_000 })
      await page.screenshot({ path: path.join(ctx.out, 'browser-after-reload.png') })
      const stored = await page.evaluate(() => Object.keys(localStorage).join(', '))
      expect(signIns() - before === 1, `the pool saw ${signIns() - before} sign-ins, expected 1 (the reload must restore, not sign in again)`)
      expect(!errors.length, `page errors: ${errors.join('; ')}`)
      return `chromium ${b.version()}: signed in, /api/me 200, reloaded and restored from localStorage (${stored}); 1 sign-in`
    } catch (e) {
      throw new Error(`${(e as Error).message}\npage: ${await b.contexts()[0]?.pages()[0]?.textContent('body').catch(() => '')}\nvite preview printed:\n${preview.output().trim()}`)
    } finally {
      await b.close()
      await preview.stop()
    }
  },
}

/**
 * The checks of the two script examples: examples/deno (run with `deno task start`, so with the
 * permissions deno.json grants and no others) and examples/bun. Each signs its user in against
 * the shared pool, calls its own API through authFetch, and must print the API's 200 answer.
 * @module
 */
import path from 'node:path'
import { expect, type Example } from './context.ts'
import { run } from './proc.ts'

export const deno: Example = {
  name: 'deno',
  install: false,
  async check(ctx) {
    const bin = path.join(ctx.root, 'node_modules/.bin/deno')
    const env = { ...ctx.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1' }
    await run(bin, ['task', 'check'], { cwd: ctx.dir, env })
    const out = await run(bin, ['task', 'start'], { cwd: ctx.dir, env })
    expect(out.includes(`signed in as ${ctx.username}; the API answered 200 { hello: "${ctx.username}" }`), `unexpected output:\n${out}`)
    return 'deno check, then deno task start: signed in, the API answered 200'
  },
}

export const bun: Example = {
  name: 'bun',
  install: true,
  async check(ctx) {
    await ctx.tsc('tsconfig.json')
    const out = await run(path.join(ctx.root, 'node_modules/.bin/bun'), ['main.ts'], { cwd: ctx.dir, env: ctx.env })
    expect(new RegExp(`signed in as ${ctx.username}; the API answered 200 \\{\\s*hello: "${ctx.username}",?\\s*\\}`).test(out), `unexpected output:\n${out}`)
    return 'tsc (bun types), then bun main.ts: signed in, the API answered 200'
  },
}

/**
 * The cold-login benchmark inside workerd. bench/cold.ts bundles `serve(plans)` as the worker's
 * default export: a fetch handler that sets up a plan (`POST /plan`, body `{ name, case }`), runs
 * its steps one request at a time (`POST /step/<i>`; the answer is the outcome once the last step
 * ran) and answers any other path with nothing (the runner's empty request, measured for its
 * overhead), so the runner can read workerd's thread CPU around each request. A fresh
 * `workerd serve` per sample is a fresh isolate.
 * @module
 */
import { plan, type ColdCase, type Plan, type Plans } from './steps.ts'

export function serve(plans: Plans): { fetch(req: Request): Promise<Response> } {
  let current: Plan | undefined
  return {
    async fetch(req) {
      const path = new URL(req.url).pathname
      if (path === '/plan') {
        const { name, case: c } = (await req.json()) as { name: string; case: ColdCase }
        current = plan(plans, name, c)
        return Response.json(current.steps.map((s) => s[0]))
      }
      const m = /^\/step\/(\d+)$/.exec(path)
      if (!m || !current) return new Response('null')
      await current.steps[Number(m[1])]![1]()
      return Response.json(current.outcome() ?? null)
    },
  }
}

/**
 * The cold-login benchmark in a Chromium page. bench/cold.ts bundles `expose(plans)`: it puts
 * `coldPlan(name, case)` and `coldStep(i)` on `globalThis`, which the runner calls with one
 * `page.evaluate` each, reading the renderer's main-thread CPU around every call (`coldStep(-1)`
 * does nothing: the runner measures it for the overhead of a call).
 * @module
 */
import { plan, type ColdCase, type Plan, type Plans } from './steps.ts'

export function expose(plans: Plans): void {
  let current: Plan | undefined
  const G = globalThis as Record<string, unknown>
  G['coldPlan'] = (name: string, c: ColdCase): string[] => (current = plan(plans, name, c)).steps.map((s) => s[0])
  G['coldStep'] = async (i: number): Promise<unknown> => {
    if (i < 0) return null
    await current!.steps[i]![1]()
    return current!.outcome() ?? null
  }
  G['coldReady'] = true
}

/**
 * One cold sample in a fresh Node process. bench/cold.ts bundles `run(() => import(<plans>))`
 * into bench/cold/out/ and starts `node <bundle> <plan> <case.json>`: the plans module is imported
 * when `run` starts (timed: its top-level code, our constants included, runs then), each step
 * runs once, and one JSON line reports per step the process CPU (`process.cpuUsage`: every
 * thread, so WebCrypto's thread pool is counted) and the minor page faults
 * (`process.resourceUsage`).
 * @module
 */
import { readFileSync } from 'node:fs'
import process from 'node:process'
import { plan, type Plans } from './steps.ts'

const cpu = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const faults = (): number => process.resourceUsage().minorPageFault

export async function run(load: () => Promise<{ plans: Plans }>): Promise<void> {
  const [name, file] = process.argv.slice(2)
  const [c0, f0] = [cpu(), faults()]
  const { plans } = await load()
  const steps = [{ name: 'import (module evaluation)', cpu: cpu() - c0, all: NaN, faults: faults() - f0 }]
  const p = plan(plans, name!, JSON.parse(readFileSync(file!, 'utf8')))
  for (const [step, go] of p.steps) {
    const [c, f] = [cpu(), faults()]
    await go()
    steps.push({ name: step, cpu: cpu() - c, all: NaN, faults: faults() - f })
  }
  console.log(JSON.stringify({ steps, outcome: p.outcome() }))
}

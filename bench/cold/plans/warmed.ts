/**
 * The `warmed` plans of the cold-login benchmark: `ours` and `ours-prepared` in a runtime whose
 * module evaluation called `precomputeSrp()` (what a Worker does at global scope, where startup
 * has its own limit), so the first request pays only its own products. Their own module, so that
 * the other plans' bundles do not evaluate the call.
 * @module
 */
import { precomputeSrp } from '../../../src/srp.ts'
import type { Plans } from '../steps.ts'
import { plans as ours } from './ours.ts'

precomputeSrp()

export const plans: Plans = { warmed: ours['ours']!, 'warmed-prepared': ours['ours-prepared']! }

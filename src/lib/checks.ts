/**
 * Argument checks the account functions share beyond those of errors.ts: a boolean flag, checked
 * before anything is sent (a page size is the transport's checkRanges).
 * @module
 */
import { argError } from '../errors.ts'

/** `v` is a boolean when given (not undefined), else an ArgumentError naming the argument `name`. */
export function assertBool(v: unknown, name: string): void {
  if (v !== undefined && typeof v !== 'boolean') throw argError(`"${name}" must be a boolean`)
}

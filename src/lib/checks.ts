/**
 * Argument checks the account functions share beyond those of errors.ts: a boolean flag, and the
 * page size of a one-page list request (ListDevices, ListWebAuthnCredentials) against the service
 * model's range, each before anything is sent.
 * @module
 */
import { argError } from '../errors.ts'

/** `v` is a boolean when given (not undefined), else an ArgumentError naming the argument `name`. */
export function assertBool(v: unknown, name: string): void {
  if (v !== undefined && typeof v !== 'boolean') throw argError(`"${name}" must be a boolean`)
}

/**
 * `size`, the option `name`, is an integer from `min` to `max` when given.
 * @throws {ArgumentError} `"limit" must be 0 to 60`
 */
export function checkPageSize(name: string, size: unknown, max: number, min = 0): void {
  // `>>> 0` keeps only a non-negative integer unchanged (not a string, NaN, -1 or 1.5)
  if (size !== undefined && !((size as number) >>> 0 === size && size >= min && size <= max)) throw argError(`"${name}" must be ${min} to ${max}`, 1)
}

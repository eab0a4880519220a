/**
 * The page size of a one-page list request (ListDevices, ListWebAuthnCredentials), checked
 * against the service model's range before anything is sent.
 * @module
 */
import { argError } from '../errors.ts'

/**
 * `size`, the option `name`, is an integer from 0 to `max` when given.
 * @throws {ArgumentError} `"limit" must be 0 to 60`
 */
export function checkPageSize(name: string, size: unknown, max: number): void {
  // `>>> 0` keeps only a non-negative integer unchanged (not a string, NaN, -1 or 1.5)
  if (size !== undefined && !((size as number) >>> 0 === size && size <= max)) throw argError(`"${name}" must be 0 to ${max}`, 1)
}

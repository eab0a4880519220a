/**
 * Argument checks shared beyond those of errors.ts, each made before anything is sent: a boolean
 * flag, whole numbers within a range (the transport's times and sizes, a list's page size), and an
 * http(s) URL without credentials (the transport's endpoint).
 * @module
 */
import { argError } from '../errors.ts'

/** `v` is a boolean when given (not undefined), else an ArgumentError naming the argument `name`. */
export function assertBool(v: unknown, name: string): void {
  if (v !== undefined && typeof v !== 'boolean') throw argError(`"${name}" must be a boolean`)
}

/**
 * Each `[name, value, lowest, highest, unit]`: the option `name` is an integer from `lowest`
 * (default 0) to `highest` (default 2^31 - 1) when given; `unit` closes the message, by default
 * " ms" for a range from 0 (a time). The transport's numbers, and a list request's page size.
 * @throws {ArgumentError} `"limit" must be 0 to 60`
 * @internal
 */
export function checkRanges(list: [string, unknown, number?, number?, string?][]): void {
  // setTimeout fires at once for delays above 2^31 - 1 ms
  for (const [name, v, lo = 0, hi = 0x7fffffff, unit = lo ? '' : ' ms'] of list) {
    if (v !== undefined && !(Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi)) throw argError(`"${name}" must be ${lo} to ${hi}${unit}`, 1)
  }
}

/**
 * `v` as an absolute http(s) URL (its `href`) with no user name or password before the host, else
 * an ArgumentError naming the option `name`: fetch refuses such a URL with a TypeError that quotes
 * it, and every message naming the URL would print them.
 * @internal
 */
export function httpUrl(v: unknown, name: string): string {
  try {
    const u = new URL(v as string).href
    if (/^https?:\/\/[^@/]+\//.test(u)) return u
  } catch {}
  throw argError(`"${name}" must be an http(s) URL without credentials`, 1)
}

/**
 * Type guards (and the lenient JSON parse they go with) shared by the library's modules. Internal: not exported from any entry point.
 * @module
 */

/** A non-empty string. */
export const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** A plain JSON object: not null, not an array. */
export const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Parse a JSON text (a challenge parameter, a stored session): the object (or array) it holds; `{}` when absent, malformed or a primitive. @internal */
export function json(v: string | undefined): Record<string, unknown> {
  try {
    const x: unknown = JSON.parse(v!)
    if (x !== null && typeof x === 'object') return x as Record<string, unknown>
  } catch {
    // absent or not JSON
  }
  return {}
}

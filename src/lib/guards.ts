/**
 * Type guards shared by the library's modules. Internal: not exported from any entry point.
 * @module
 */

/** A non-empty string. */
export const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** A plain JSON object: not null, not an array. */
export const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/**
 * Where a `Cognito` instance keeps its tokens between page loads or process restarts: a tiny
 * async key-value interface, an in-memory default and a `localStorage`-style adapter.
 * @module
 */
import { ArgumentError, need } from './errors.ts'

/** Async key-value storage for token state. Values are opaque strings. */
export interface TokenStore {
  /** The value stored under `key`, or null / undefined when there is none. */
  get(key: string): Promise<string | null | undefined>
  /** Store `value` under `key`, replacing any earlier value. */
  set(key: string, value: string): Promise<void>
  /** Delete the value under `key` (no error when there is none). */
  remove(key: string): Promise<void>
}

/**
 * A store in a private `Map`: each call returns an independent store (the default of every
 * `Cognito` instance, so instances never share state).
 */
export function memoryStore(): TokenStore {
  const m = new Map<string, string>()
  return {
    get: async (k) => m.get(k),
    set: async (k, v) => void m.set(k, v),
    remove: async (k) => void m.delete(k),
  }
}

/** The subset of the Web Storage API the adapter uses (`localStorage`, `sessionStorage`, or a polyfill). */
export interface StorageLike {
  /** As `Storage.getItem`. */
  getItem(key: string): string | null
  /** As `Storage.setItem`. */
  setItem(key: string, value: string): void
  /** As `Storage.removeItem`. */
  removeItem(key: string): void
}

/**
 * A store over Web Storage, so a browser app keeps the user signed in across reloads. Tokens in
 * `localStorage` are readable by any script on the origin: weigh XSS exposure before using it.
 * @param storage - default `globalThis.localStorage`, looked up when the store is created (where
 *   there is none, as in React Native, Node or a Worker, a `MissingGlobalError` names it)
 * @param prefix - prepended to every key (default `cognito-edge.`)
 * @example
 * ```ts
 * const user = new Cognito({ userPoolId, clientId, username, store: localStorageStore() })
 * await user.restore()
 * ```
 */
export function localStorageStore(storage: StorageLike = need('localStorage'), prefix = 'cognito-edge.'): TokenStore {
  if (!storage || !(['getItem', 'setItem', 'removeItem'] as const).every((m) => typeof storage[m] === 'function')) throw new ArgumentError('"storage" must implement getItem, setItem and removeItem')
  return {
    get: async (k) => storage.getItem(prefix + k),
    set: async (k, v) => storage.setItem(prefix + k, v),
    remove: async (k) => storage.removeItem(prefix + k),
  }
}

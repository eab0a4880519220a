/**
 * The callback adapters of `cognito-edge/identity-js`: each method does its work as a promise,
 * and these call the app's callbacks once, with the result or with the error in acij's shape.
 * An exception thrown by an app's callback is never passed back to its own `onFailure`.
 * @module
 */
import { acijError } from './errors.ts'

/** A Node-style callback. */
export type Node<T> = (err: any, result?: T, details?: any) => void

/** An `{ onSuccess, onFailure }` callback object (`onSuccess` may be another method: `associateSecretCode`, …). */
export interface Handlers {
  /** The result. */
  onSuccess?: ((result: any) => void) | undefined
  /** The error, in acij's shape. */
  onFailure: (err: any) => void
}

/** Resolves to acij's `'SUCCESS'` once `p` has. */
export const ok = (p: Promise<unknown>): Promise<'SUCCESS'> => p.then(() => 'SUCCESS')

/** Run `work` (sync throws included) and settle a Node-style callback: `(null, result)` or `(err, null)`. */
export function toNode<T>(work: () => Promise<T>, cb: Node<T>): void {
  Promise.resolve()
    .then(work)
    .then(
      (v) => cb(null, v),
      (e) => cb(acijError(e), null as T),
    )
}

/**
 * Run `work` and settle an `{ onFailure, … }` object (methods called on it, so `this` is the
 * object): the result goes to `success`, by default its `onSuccess`.
 */
export function toHandlers<T>(work: () => Promise<T>, cb: Handlers, success = (v: T): void => cb.onSuccess!(v)): void {
  Promise.resolve()
    .then(work)
    .then(success, (e) => cb.onFailure(acijError(e)))
}

/**
 * The callback adapters of `cognito-edge/identity-js`: each method does its work as a promise,
 * and these call the app's callbacks once, with the result or with the error in acij's shape.
 * An exception thrown by an app's callback is never passed back to its own `onFailure`.
 * @module
 */
import { acijError } from './errors.ts'

/** A Node-style callback. */
export type Node<T> = (err: any, result?: T, details?: any) => void

/** An `{ onSuccess, onFailure }` callback object. */
export interface Handlers<T> {
  /** The result. */
  onSuccess: (result: T) => void
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

/** Run `work` and settle an `{ onSuccess, onFailure }` object (methods called on it, so `this` is the object). */
export function toHandlers<T>(work: () => Promise<T>, cb: Handlers<T>): void {
  Promise.resolve()
    .then(work)
    .then(
      (v) => cb.onSuccess(v),
      (e) => cb.onFailure(acijError(e)),
    )
}

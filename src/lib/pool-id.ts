/**
 * What a user pool id says: its region (`us-east-1_AbC` → `us-east-1`) and its pool name, the part
 * after `_` that SRP hashes. One place for both rules, shared by the transport, SRP and the clients.
 * @module
 */
import { argError } from '../errors.ts'

/** An AWS region name: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`. */
export const REGION: RegExp = /^[a-z]{2}(?:-[a-z]+)+-\d+$/

/**
 * Region of a user pool id (`us-east-1_AbC` → `us-east-1`).
 * @throws {ArgumentError} the id has no region part; the message names the way out (`region`)
 */
export function regionFromPoolId(userPoolId: string): string {
  // typeof first: String() of a hostile object can throw
  const m = typeof userPoolId === 'string' ? /^(.+)_[0-9A-Za-z]+$/.exec(userPoolId) : null
  if (!m || !REGION.test(m[1]!)) throw argError('"userPoolId" must look like "us-east-1_AbC123" (or pass "region")', 1)
  return m[1]!
}

/** The pool name used in SRP: the part of the pool id after `_`. */
export function poolNameOf(userPoolId: string): string {
  const i = typeof userPoolId === 'string' ? userPoolId.indexOf('_') : -1
  if (i < 1 || i === userPoolId.length - 1) throw argError('"userPoolId" must look like "<region>_<id>"', 1)
  return userPoolId.slice(i + 1)
}

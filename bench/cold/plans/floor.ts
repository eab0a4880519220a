/**
 * What a fresh runtime charges any code, whatever it computes: the floor under our first login
 * (bench/cold/steps.ts says what a plan is).
 * - `floor-pages`: write one byte into each 4 KiB page of a fresh 8 MiB buffer, so the kernel
 *   maps 2,048 new pages: the CPU per minor page fault in this runtime on this machine;
 * - `floor-garbage`: allocate as many bytes of short-lived 3072-bit BigInts as our login does
 *   (~10 MB: 1,700 Montgomery products of ~6 KB each), with a cheap operation (XOR) instead of
 *   multiplications, then the same again: the difference is what the young generation's first
 *   collections and growth cost a fresh runtime (the faults say how much of it is fresh pages).
 * @module
 */
import { N } from '../../../src/srp.ts'
import type { Plans } from '../steps.ts'

function garbage(): void {
  let t = N - 12345n
  const m = N >> 7n
  for (let i = 0; i < 26_000; i++) t ^= m + BigInt(i & 1)
  if (!t) throw new Error('unreachable')
}

export const plans: Plans = {
  'floor-pages': (_c, done) => [
    ['touch 2,048 fresh pages (8 MiB)', () => {
      const b = new Uint8Array(8 << 20)
      for (let i = 0; i < b.length; i += 4096) b[i] = 1
      if (b[4096] !== 1) throw new Error('unreachable')
    }],
    ['out', () => done({ A: '', signature: '' })],
  ],
  'floor-garbage': (_c, done) => [
    ['allocate ~10 MB of 3072-bit BigInts (XOR), first time', garbage],
    ['the same again', garbage],
    ['out', () => done({ A: '', signature: '' })],
  ],
}

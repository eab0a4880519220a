/**
 * `WordArray`, the random-bytes helper acij exports: 32-bit words and a byte count, filled from
 * `crypto.getRandomValues`, printed as hex.
 * @module
 */
import { randomBytes } from '../lib/webcrypto.ts'

/** Bytes as 32-bit big-endian words. */
export class WordArray {
  /** The words. */
  words: number[]
  /** How many bytes of `words` are used. */
  sigBytes: number

  /**
   * @param words - 32-bit words (default none; numeric strings are accepted, as acij's declaration says)
   * @param sigBytes - bytes used (default: 4 per word)
   */
  constructor(words?: (number | string)[], sigBytes?: number) {
    this.words = (words ?? []).map(Number)
    this.sigBytes = sigBytes ?? this.words.length * 4
  }

  /** `nBytes` cryptographically random bytes. */
  random(nBytes: number): WordArray {
    const words = Array.from(new Uint32Array(randomBytes(Math.ceil(nBytes / 4) * 4).buffer))
    return new WordArray(words, nBytes)
  }

  /** The bytes as lowercase hex. */
  toString(): string {
    let hex = ''
    for (let i = 0; i < this.sigBytes; i++) hex += ((this.words[i >>> 2]! >>> (24 - (i % 4) * 8)) & 0xff).toString(16).padStart(2, '0')
    return hex
  }
}

/**
 * The CLI's hidden prompt (src/cli/prompt.ts) in this process, with process.stdin replaced by a
 * stand-in terminal that records raw mode: the keys a user types (Enter, Backspace, Ctrl-U,
 * arrow keys and other escape sequences, Ctrl-D on an empty line, Ctrl-C), the prompt on stderr,
 * raw mode on while reading and off after, stdin paused again, and the piped-stdin reader's
 * end of input. Fast where cli.test.ts drives a real pseudo-terminal (which stays the proof
 * that nothing is echoed).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import { Interrupted } from '../src/cli/args.ts'
import { createReader } from '../src/cli/prompt.ts'

/** A stand-in for a terminal's stdin: records raw mode and pausing. */
class FakeTty extends EventEmitter {
  isTTY = true
  raw = false
  paused = true
  setRawMode(mode: boolean): this {
    this.raw = mode
    return this
  }
  pause(): this {
    this.paused = true
    return this
  }
  resume(): this {
    this.paused = false
    return this
  }
}

/** Run `fn` with process.stdin replaced by `stdin` and stderr captured. */
async function withStdin<T>(stdin: unknown, fn: () => Promise<T>): Promise<{ value: T; stderr: string }> {
  const original = Object.getOwnPropertyDescriptor(process, 'stdin')!
  const write = process.stderr.write
  let stderr = ''
  Object.defineProperty(process, 'stdin', { configurable: true, get: () => stdin })
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write
  try {
    return { value: await fn(), stderr }
  } finally {
    process.stderr.write = write
    Object.defineProperty(process, 'stdin', original)
  }
}

/** Ask one question on a fake terminal and type `keys` (each string one read from the terminal). */
async function ask(keys: string[]): Promise<{ result: string | Error; tty: FakeTty; stderr: string; rawWhileReading: boolean }> {
  const tty = new FakeTty()
  let rawWhileReading = false
  const { value, stderr } = await withStdin(tty, async () => {
    const read = createReader()
    const answer = read('Password: ').then(
      (v) => v as string | Error,
      (e: Error) => e,
    )
    rawWhileReading = tty.raw && !tty.paused
    for (const k of keys) tty.emit('data', Buffer.from(k, 'utf8'))
    read.close()
    return answer
  })
  return { result: value, tty, stderr, rawWhileReading }
}

test('hidden prompt: raw while reading, the prompt and a newline on stderr, raw off and stdin paused after', async () => {
  const r = await ask(['s3cret', '\r'])
  assert.equal(r.result, 's3cret')
  assert.equal(r.rawWhileReading, true)
  assert.equal(r.tty.raw, false)
  assert.equal(r.tty.paused, true)
  assert.equal(r.stderr, 'Password: \n')
  assert.equal(r.tty.listenerCount('data'), 0)
  assert.equal((await ask(['abc\n'])).result, 'abc', 'a newline ends the answer as Enter does')
  assert.equal((await ask(['ab\rcd'])).result, 'ab', 'what follows Enter in the same read is not part of it')
})

test('hidden prompt: Backspace and Delete remove a character, Ctrl-U the line; arrow keys and other escape sequences are ignored; control characters are dropped', async () => {
  const cases: Array<[string[], string]> = [
    [['abcd', '\u007f', '\b', 'x\r'], 'abx'],
    [['wrong', '\u0015', 'right\r'], 'right'],
    [['a', '\u001b[D', '\u001b[C', '\u001bOA', 'b', '\u001b[1;5D', 'c\r'], 'abc'],
    // an escape followed by a plain letter (Alt-x) drops the letter only
    [['a\u001bxb\r'], 'ab'],
    // ~ ends a sequence (Delete key: ESC [ 3 ~); @ is the lowest final byte
    [['a\u001b[3~b\u001b[@c\r'], 'abc'],
    [['a\u0001\u0007\tb\r'], 'ab'],
    [['pässwörd ✓\r'], 'pässwörd ✓'],
  ]
  for (const [keys, want] of cases) assert.equal((await ask(keys)).result, want, JSON.stringify(keys))
})

test('hidden prompt: Ctrl-C rejects with Interrupted at once; Ctrl-D on an empty line is the end of input, on a typed line it is ignored', async () => {
  const c = await ask(['half', '\u0003', 'more\r'])
  assert.ok(c.result instanceof Interrupted)
  assert.equal(c.tty.raw, false, 'the terminal is restored before the rejection')
  const d = await ask(['\u0004'])
  assert.ok(d.result instanceof Error && !(d.result instanceof Interrupted))
  assert.equal((d.result as Error).message, 'no answer for "Password:" (end of input)')
  assert.equal(d.tty.raw, false)
  assert.equal((await ask(['ab\u0004c\r'])).result, 'abc')
})

test('piped stdin: one answer per line, in order; an empty line or the end of input is an error naming the question', async () => {
  const { value } = await withStdin(Readable.from(['first\nsec', 'ond\r\n\nlast\n']), async () => {
    const read = createReader()
    const got = [await read('Password: '), await read('Code: ')]
    const empty = await read('New password: ').catch((e: Error) => e.message)
    read.close()
    return [...got, empty]
  })
  assert.deepEqual(value, ['first', 'second', 'no answer on stdin for "New password:" (give one answer per line)'])
  const { value: ended } = await withStdin(Readable.from(['only\n']), async () => {
    const read = createReader()
    const got = [await read('Password: '), await read('Code: ').catch((e: Error) => e.message)]
    read.close()
    return got
  })
  assert.deepEqual(ended, ['only', 'no answer on stdin for "Code:" (give one answer per line)'])
})

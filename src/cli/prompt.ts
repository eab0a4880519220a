/**
 * Answers to the CLI's questions (password, client secret, MFA codes): a prompt without echo on
 * a terminal, one line per answer from piped stdin otherwise. Ctrl-C at a prompt restores the
 * terminal and rejects with {@link Interrupted} at once. Node only.
 * @module
 */
import { createInterface } from 'node:readline'
import { Interrupted } from './args.ts'

/** Asks one question and resolves with the answer; `close()` releases stdin. */
export interface Reader {
  (prompt: string): Promise<string>
  close(): void
}

type Tty = NodeJS.ReadStream & { setRawMode(mode: boolean): unknown }

/** Read one line from a terminal in raw mode: nothing is echoed; Ctrl-C rejects at once. */
function hidden(stdin: Tty, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = ''
    let escape = 0 // 1 after ESC, 2 inside a CSI/SS3 sequence (arrow keys and the like are ignored)
    const done = (): void => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.off('exit', restore)
      process.stderr.write('\n')
    }
    const restore = (): void => void stdin.setRawMode(false)
    const onData = (buf: Buffer): void => {
      for (const ch of buf.toString('utf8')) {
        if (escape === 1) escape = ch === '[' || ch === 'O' ? 2 : 0
        else if (escape === 2) escape = ch >= '@' && ch <= '~' ? 0 : 2
        else if (ch === '\r' || ch === '\n') return done(), resolve(value)
        else if (ch === '\u0003') return done(), reject(new Interrupted())
        else if (ch === '\u0004' && !value) return done(), reject(new Error(`no answer for "${prompt.trim()}" (end of input)`))
        else if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else if (ch === '\u0015') value = ''
        else if (ch === '\u001b') escape = 1
        else if (ch >= ' ') value += ch
      }
    }
    // echo off before the prompt shows, so nothing typed after it is echoed
    stdin.setRawMode(true)
    process.on('exit', restore)
    process.stderr.write(prompt)
    stdin.on('data', onData)
    stdin.resume()
  })
}

/** A reader over `process.stdin`. */
export function createReader(): Reader {
  const stdin = process.stdin
  let lines: AsyncIterator<string> | undefined
  let rl: ReturnType<typeof createInterface> | undefined
  const read = async (prompt: string): Promise<string> => {
    if (stdin.isTTY) return hidden(stdin as Tty, prompt)
    rl ??= createInterface({ input: stdin, terminal: false, crlfDelay: Infinity })
    lines ??= rl[Symbol.asyncIterator]()
    const next = await lines.next()
    if (next.done || next.value === '') throw new Error(`no answer on stdin for "${prompt.trim()}" (give one answer per line)`)
    return next.value
  }
  return Object.assign(read, { close: () => rl?.close() })
}

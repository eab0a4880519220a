/**
 * Processes for `npm run examples`: run a command to completion, or start a server and wait for
 * the line that says it is ready. Each is started in its own process group and stopped by its id
 * (with its children: wrangler's workerd, vite's workers); output is kept for the failure report.
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'

/** A started process. */
export interface Proc {
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  /** Stop it and its children (SIGTERM to the group, SIGKILL after 5 s); resolves with its exit code or signal. */
  stop(signal?: NodeJS.Signals): Promise<number | string>
  /** Resolves with the exit code or signal when it ends. */
  readonly done: Promise<number | string>
}

/** Options of {@link start} and {@link run}. */
export interface ProcOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
}

/** Start `cmd args` in its own process group. */
export function start(cmd: string, args: string[], o: ProcOptions): Proc {
  const child: ChildProcess = spawn(cmd, args, { cwd: o.cwd, env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')))
  const done = new Promise<number | string>((resolve) => {
    child.on('error', (e) => {
      out += `\n${e.message}`
      resolve('error')
    })
    child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  let ended = false
  void done.then(() => (ended = true))
  return {
    output: () => out,
    done,
    async stop(signal = 'SIGTERM') {
      if (!ended && child.pid) {
        const kill = (s: NodeJS.Signals): void => {
          try {
            process.kill(-child.pid!, s)
          } catch {}
        }
        kill(signal)
        const hard = setTimeout(() => kill('SIGKILL'), 5000)
        await done
        clearTimeout(hard)
      }
      return done
    },
  }
}

/** Run `cmd args` to the end; throws with its output when it exits non-zero or runs over `timeoutMs`. */
export async function run(cmd: string, args: string[], o: ProcOptions & { timeoutMs?: number }): Promise<string> {
  const p = start(cmd, args, o)
  const timer = setTimeout(() => void p.stop('SIGKILL'), o.timeoutMs ?? 120_000)
  const code = await p.done
  clearTimeout(timer)
  if (code !== 0) throw new Error(`${[cmd, ...args].join(' ')} exited ${code}\n${p.output().trim().split('\n').slice(-30).join('\n')}`)
  return p.output()
}

/** Wait until `p` prints a line matching `ready` (returns the match), or fail when it exits or `timeoutMs` passes. */
export async function waitFor(p: Proc, ready: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const t0 = Date.now()
  let exited = false
  void p.done.then(() => (exited = true))
  for (;;) {
    const m = ready.exec(p.output())
    if (m) return m
    if (exited || Date.now() - t0 > timeoutMs) {
      await p.stop()
      throw new Error(`${exited ? 'exited' : `not ready after ${timeoutMs / 1000} s`} (waiting for ${ready})\n${p.output().trim().split('\n').slice(-30).join('\n')}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** A TCP port free on 127.0.0.1 now (for tools that take a port but cannot report the one they chose). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

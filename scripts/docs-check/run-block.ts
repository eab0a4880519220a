/**
 * Run one compiled block in a fresh Node process (with block-env.mjs loaded first) and say how it
 * ended: exit code 0 within the time limit, or the error it printed. Its environment is this
 * process's minus any real AWS or Cognito settings, plus the lane's (the pool's admin keys, the
 * client secret).
 * @module
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** How a block ended. */
export interface RunResult {
  ok: boolean
  ms: number
  /** One line: the error's first line, or why the block did not finish. */
  error?: string
  /** What the block printed (stdout and stderr, interleaved, at most 64 KiB). */
  output: string
}

const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'block-env.mjs')
const MAX_OUTPUT = 64 * 1024

/** This process's environment without the settings a reader's real AWS account would bring in. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|COGNITO_|NODE_OPTIONS$)/.test(k)) env[k] = v
  return env
}

/** The headline of a failure: the first line that names an error, else the last line printed. */
function headline(output: string): string | undefined {
  const lines = output.split('\n').map((l) => l.trimEnd())
  return lines.find((l) => /^(Uncaught )?[A-Z]\w*(Error|Exception|Invalid)\w*\b(:|$| \[| \{)/.test(l)) ?? lines.filter(Boolean).pop()
}

/** Run `jsFile` with `env` added; kill it after `timeoutMs`. */
export function runBlock(jsFile: string, env: Record<string, string>, timeoutMs: number): Promise<RunResult> {
  const t0 = performance.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', '--import', PRELOAD, jsFile], {
      cwd: path.dirname(jsFile),
      env: { ...cleanEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const take = (chunk: Buffer): void => {
      if (output.length < MAX_OUTPUT) output += chunk.toString('utf8')
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const ms = performance.now() - t0
      if (timedOut) return resolve({ ok: false, ms, error: `did not finish in ${timeoutMs / 1000} s (a pending promise, an open server or timer?)`, output })
      if (code === 0) return resolve({ ok: true, ms, output })
      const why = code === 13 ? 'top-level await never settled' : (headline(output) ?? `exit ${code ?? signal}`)
      resolve({ ok: false, ms, error: why, output })
    })
  })
}

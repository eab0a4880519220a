/**
 * A hostile HTTP server on loopback (node:http), and a child-process runner that measures how
 * much memory a client grows by while it talks to it. Node-only (test/hostile/).
 *
 * The server's behaviour is chosen by the FIRST path segment; the rest of the path is ignored,
 * so a client can be pointed at `${server.url}/<mode>` as its endpoint and append what it likes:
 *   /endless    200 JSON that never ends (`{"keys":[` then spaces), as fast as the client reads
 *   /bomb       a gzip bomb: `content-encoding: gzip`, ~600 KB on the wire, 600 MiB inflated
 *               (zeros), compressed once per server by streaming zlib, so only ~600 KB is held
 *   /redirect   307 to `${server.url}/landing` (`/redirect-301`, `-302`, `-308`: those statuses)
 *   /landing    200 with `options.landing` (what a followed redirect would get)
 *   /drip       200 JSON, one byte every 100 ms, forever
 *   /ok         200 `{"keys":[]}` (a warm-up request)
 * `server.requests` lists every request (mode, method, path, headers, body size): assert on it
 * that a redirect was not followed (no `landing`) and that a failure was not retried.
 *
 * Memory: `runInChild({ base, setup, act })` runs, in a child `node --max-old-space-size=96
 * --import tsx`, the JS snippet `setup` (imports and construction: `load(path)` imports a file of
 * the repository, `BASE` is `base`), a warm-up fetch, then the snippet `act`, and reports the
 * child's peak-RSS growth across `act` and the error `act` threw. The parent also watches the
 * child's RSS and kills it past `killAtMb` (default 512 MiB), so a regression fails the test
 * instead of taking the machine down.
 *
 * The same two memory cases for the Cognito transport take a few lines in a new
 * test/hostile/memory-transport.test.ts (see memory-jwks.test.ts for the whole shape):
 *
 *   const server = await startHostileServer()          // once per file: building the bomb takes ~2 s
 *   for (const mode of ['endless', 'bomb']) {
 *     const r = await runInChild({
 *       base: server.url,
 *       setup: `const { send } = await load('src/transport.ts')`,
 *       act: `await send('GetUser', { AccessToken: 'x' }, { region: 'us-east-1', endpoint: BASE + '/${mode}' })`,
 *     })
 *     assert.equal(r.killed, undefined)
 *     assert.ok(r.grewMb < 64)
 *     assert.equal(r.error?.name, 'ResponseError')                                // whichever typed error it is
 *     assert.equal(server.requests.filter((q) => q.mode === mode).length, 1)       // not retried
 *   }
 *   await server.close()
 *
 * and a redirect case needs no child: `send(…, { endpoint: server.url + '/redirect' })` must
 * reject, and `server.requests` must hold no `landing` request.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createGzip } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'

export interface HostileRequest {
  mode: string
  method: string
  path: string
  headers: IncomingHttpHeaders
  bodyBytes: number
}

export interface HostileServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  requests: HostileRequest[]
  /** Bytes the `/bomb` body inflates to. */
  bombInflated: number
  /** Bytes of the `/bomb` body on the wire (gzip). */
  bombOnWire: number
  close(): Promise<void>
}

export interface HostileOptions {
  /** Inflated size of the `/bomb` body, bytes. Default 600 MiB. */
  bombBytes?: number
  /** Body of `/landing` (JSON text). Default `{"keys":[]}`. */
  landing?: string
}

/** gzip of `n` zero bytes, streamed through zlib in 1 MiB pieces: memory stays at the output. */
export async function gzipOfZeros(n: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 })
  const out: Buffer[] = []
  gz.on('data', (b: Buffer) => out.push(b))
  const done = new Promise((ok, no) => (gz.on('end', ok), gz.on('error', no)))
  const zeros = Buffer.alloc(1 << 20)
  for (let left = n; left > 0; left -= zeros.length) {
    if (!gz.write(left >= zeros.length ? zeros : zeros.subarray(0, left))) await new Promise((r) => gz.once('drain', r))
  }
  gz.end()
  await done
  return Buffer.concat(out)
}

/** Write `chunk` until the client goes away, respecting back-pressure. */
function endless(res: ServerResponse, chunk: Buffer): void {
  const pump = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump)
  }
  pump()
}

export async function startHostileServer(options: HostileOptions = {}): Promise<HostileServer> {
  const bombInflated = options.bombBytes ?? 600 * 1024 * 1024
  const bomb = await gzipOfZeros(bombInflated)
  const requests: HostileRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    const mode = path.split(/[/?]/)[1] ?? ''
    const entry: HostileRequest = { mode, method: req.method ?? '', path, headers: req.headers, bodyBytes: 0 }
    requests.push(entry)
    req.on('data', (b: Buffer) => void (entry.bodyBytes += b.length))
    res.on('error', () => {}) // the client hanging up mid-body is what these modes expect
    const json = { 'content-type': 'application/json' }
    if (mode === 'endless') {
      res.writeHead(200, json)
      res.write('{"keys":[')
      endless(res, Buffer.alloc(64 * 1024, ' '))
    } else if (mode === 'bomb') {
      res.writeHead(200, { ...json, 'content-encoding': 'gzip', 'content-length': bomb.length })
      res.end(bomb)
    } else if (/^redirect(-30[1278])?$/.test(mode)) {
      res.writeHead(Number(mode.slice(9)) || 307, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/landing` })
      res.end()
    } else if (mode === 'drip') {
      res.writeHead(200, json)
      const t = setInterval(() => (res.destroyed ? (clearInterval(t), timers.delete(t)) : res.write(' ')), 100)
      timers.add(t)
      res.on('close', () => (clearInterval(t), timers.delete(t)))
    } else if (mode === 'landing') {
      res.writeHead(200, json)
      res.end(options.landing ?? '{"keys":[]}')
    } else if (mode === 'ok') {
      res.writeHead(200, json)
      res.end('{"keys":[]}')
    } else {
      res.writeHead(404, json)
      res.end('{"message":"unknown hostile mode"}')
    }
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    bombInflated,
    bombOnWire: bomb.length,
    close: () => {
      for (const t of timers) clearInterval(t)
      server.closeAllConnections()
      return new Promise((ok) => server.close(() => ok()))
    },
  }
}

export interface ChildReport {
  /** Growth of the child's peak RSS across `act`, MiB. */
  grewMb: number
  /** What `act` threw (`undefined` when it returned). */
  error: { name: string; code?: string; message: string; causeName?: string } | undefined
  /** Set when the parent killed the child for growing past `killAtMb`. */
  killed?: string
}

const ROOT = new URL('../../', import.meta.url)

/** Resident set size of a Linux process, MiB (`undefined` elsewhere: no watchdog there). */
function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : undefined
  } catch {
    return undefined
  }
}

/**
 * Run `setup` then `act` in a child process with a heap limit, against `base` (the hostile
 * server's URL, `BASE` in the snippets). Resolves with the child's report; rejects when the child
 * crashed or printed no report.
 */
export async function runInChild(o: { setup: string; act: string; base: string; maxOldSpaceMb?: number; killAtMb?: number; timeoutMs?: number }): Promise<ChildReport> {
  const program = [
    `const ROOT = ${JSON.stringify(ROOT.href)}`,
    `const BASE = ${JSON.stringify(o.base)}`,
    `const load = (p) => import(new URL(p, ROOT).href)`,
    o.setup,
    // load fetch's own machinery before the baseline: it is not what is measured
    `await (await fetch(BASE + '/ok')).text()`,
    `globalThis.gc?.()`,
    `const before = process.resourceUsage().maxRSS`,
    `let error`,
    `try { ${o.act} } catch (e) { error = { name: e?.name, code: e?.code, message: String(e?.message), causeName: e?.cause?.name } }`,
    `const grewMb = (process.resourceUsage().maxRSS - before) / 1024`,
    `process.stdout.write('\\nREPORT ' + JSON.stringify({ grewMb, error }) + '\\n')`,
    `process.exit(0)`,
  ].join('\n')
  const child = spawn(process.execPath, [`--max-old-space-size=${o.maxOldSpaceMb ?? 96}`, '--expose-gc', '--import', 'tsx', '--input-type=module', '--eval', program], {
    cwd: fileURLToPath(ROOT),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (b: Buffer) => (out += b))
  child.stderr.on('data', (b: Buffer) => (err += b))
  let killed: string | undefined
  const killAt = o.killAtMb ?? 512
  const watch = setInterval(() => {
    const mb = rssMb(child.pid!)
    if (mb !== undefined && mb > killAt) (killed = `RSS ${mb.toFixed(0)} MiB > ${killAt} MiB`), child.kill('SIGKILL')
  }, 20)
  const timer = setTimeout(() => ((killed = `no report within ${o.timeoutMs ?? 60000} ms`), child.kill('SIGKILL')), o.timeoutMs ?? 60000)
  const code = await new Promise<number | null>((ok) => child.on('close', ok))
  clearInterval(watch)
  clearTimeout(timer)
  const line = /^REPORT (.*)$/m.exec(out)?.[1]
  if (killed) return { grewMb: NaN, error: undefined, killed }
  if (!line) throw new Error(`child exited ${code} without a report\n${err.slice(-2000)}`)
  return JSON.parse(line) as ChildReport
}

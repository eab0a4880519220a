/**
 * `cognito-edge/local/server`: serve a local pool over HTTP on Node (loopback by default), so
 * other programs, browsers and AWS's own clients can use it. The only file of the local pool
 * that uses `node:` modules.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { TARGET_PREFIX } from '../transport.ts'
import type { LocalPool } from './pool.ts'
import { badRequest, errorResponse } from './wire.ts'

/** Options of {@link listen}. */
export interface ListenOptions {
  /** TCP port; `0` picks a free one. Default 9229 (cognito-local's port). */
  port?: number
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  host?: string
  /** Called with one line per request (`<operation> <status> <ms>`). */
  log?: (line: string) => void
}

/** A running listener. */
export interface LocalServer {
  /** Base URL, e.g. `http://127.0.0.1:9229/`: use it as the client's `endpoint`. */
  url: string
  port: number
  host: string
  /** Stop listening and close open connections. */
  close(): Promise<void>
}

const HARD_LIMIT = 4 * 1024 * 1024

/**
 * Serve `pool` over HTTP.
 * @example
 * ```ts
 * const server = await listen(createLocalPool(), { port: 0 })
 * const user = new Cognito({ userPoolId: 'us-east-1_LocalPool1', clientId, username, endpoint: server.url })
 * ```
 */
export async function listen(pool: LocalPool, options: ListenOptions = {}): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1'
  const server = createServer((req, res) => {
    // a request Node cannot turn into a fetch Request (an unparsable Host, a body cut off
    // mid-stream) must fail that request, not reject unhandled and take the process down
    serve(pool, req, res, options.log).catch(() => {
      if (!res.headersSent) res.writeHead(400, headersOf(badRequest(crypto.randomUUID(), Date.now())))
      res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 9229, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const shown = host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${shown}:${port}/`,
    port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function serve(pool: LocalPool, req: IncomingMessage, res: ServerResponse, log?: (line: string) => void): Promise<void> {
  const t0 = performance.now()
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length
    if (size > HARD_LIMIT) break
    chunks.push(c)
  }
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  let response: Response
  if (size > HARD_LIMIT) {
    response = errorResponse('RequestEntityTooLargeException', 'Request body is too large', 413, crypto.randomUUID(), Date.now())
  } else {
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method,
      headers,
      ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
    })
    response = await pool.fetch(request)
  }
  const body = Buffer.from(await response.arrayBuffer())
  const out = headersOf(response)
  out['content-length'] = String(body.length)
  res.writeHead(response.status, out)
  res.end(body)
  const op = String(req.headers['x-amz-target'] ?? `${method} ${req.url}`).replace(TARGET_PREFIX, '')
  log?.(`${op} ${response.status} ${Math.round(performance.now() - t0)}ms`)
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {}
  response.headers.forEach((v, k) => (out[k] = v))
  return out
}

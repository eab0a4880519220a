/**
 * `cognito-edge/local/server`: serve a local pool over HTTP on Node (loopback by default), so
 * other programs, browsers and AWS's own clients can use it. It guards the listener itself:
 * the Host header must name the bound address (a DNS-rebinding page cannot reach the pool),
 * idle and half-sent requests are reaped, connections are capped; and it serves the codes the
 * pool "sends" at `GET /_local/messages` to this machine only. The only file of the local pool
 * that uses `node:` modules.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { isIP, type AddressInfo } from 'node:net'
import { ArgumentError } from '../errors.ts'
import { TARGET_PREFIX } from '../transport.ts'
import type { LocalPool, SentMessage } from './index.ts'
import { badRequest, errorResponse } from './wire.ts'

/**
 * The default port, 4726: clear of Node's inspector (9229), the usual dev servers (3000, 4200,
 * 5173, 8000, 8080), LocalStack (4566), wrangler (8787) and Elasticsearch (9200-9400).
 */
export const DEFAULT_PORT = 4726

/** Path of the local-only list of sent messages (JSON, no CORS, loopback peers only). */
export const MESSAGES_PATH = '/_local/messages'

/** Options of {@link listen}. */
export interface ListenOptions {
  /** TCP port; `0` picks a free one. Default {@link DEFAULT_PORT} (4726). */
  port?: number
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  host?: string
  /**
   * Host names accepted in the `Host` header besides the bound address (and `localhost` /
   * loopback addresses when bound to loopback, any IP address when bound to `0.0.0.0` or `::`),
   * e.g. a Docker service name. Other names are refused with 403: that is the defence against
   * DNS rebinding.
   */
  allowedHosts?: string[]
  /** Called with one line per request (`<operation> <status> <ms>`). */
  log?: (line: string) => void
  /** Called with each message (code) the pool sends, once, after the request that sent it. */
  onMessage?: (message: SentMessage) => void
  /** Most connections open at once; more are dropped. Default 256. */
  maxConnections?: number
  /** A request whose headers are not complete after this many ms gets 408 and is closed. Default 10000. */
  headersTimeout?: number
  /** A request not fully received after this many ms gets 408 and is closed; also the socket idle limit. Default 20000. */
  requestTimeout?: number
  /** An idle keep-alive connection is closed after this many ms. Default 5000. */
  keepAliveTimeout?: number
}

/** The limits a {@link LocalServer} enforces, in ms and connections. */
export interface ServerLimits {
  maxConnections: number
  headersTimeout: number
  requestTimeout: number
  keepAliveTimeout: number
}

/** A running listener. */
export interface LocalServer {
  /** Base URL, e.g. `http://127.0.0.1:4726/`: use it as the client's `endpoint`. */
  url: string
  port: number
  host: string
  /** `GET` it for the messages the pool sent (`?username=`, `?purpose=` filter them). */
  messagesUrl: string
  /** The limits in force. */
  limits: Readonly<ServerLimits>
  /** Stop listening and close open connections. */
  close(): Promise<void>
}

const HARD_LIMIT = 4 * 1024 * 1024
const MAX_MS = 0x7fffffff

const unbracket = (h: string): string => h.toLowerCase().replace(/^\[(.*)\]$/, '$1')
const isLoopback = (h: string): boolean => h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h)
/** The host name of a `Host` header value (`name`, `name:port`, `[v6]:port`), lowercased; undefined when malformed. */
function hostnameOf(header: string): string | undefined {
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]+))(?::\d{1,5})?$/i.exec(header)
  return m ? (m[1] ?? m[2])!.toLowerCase() : undefined
}
/** Log-safe rendering of something a client sent. */
const shown = (s: string): string => JSON.stringify(s.slice(0, 100))

function checkOptions(o: ListenOptions): ServerLimits {
  if (o === null || typeof o !== 'object') throw new ArgumentError('"options" must be an object')
  const int = (name: keyof ListenOptions, min: number, max: number, fallback: number): number => {
    const v = o[name]
    if (v === undefined) return fallback
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) throw new ArgumentError(`"${name}" must be an integer from ${min} to ${max}`, 'ERR_INVALID_ARG_VALUE')
    return v as number
  }
  int('port', 0, 65535, 0)
  if (o.host !== undefined && (typeof o.host !== 'string' || !o.host)) throw new ArgumentError('"host" must be a non-empty string')
  if (o.allowedHosts !== undefined && (!Array.isArray(o.allowedHosts) || !o.allowedHosts.every((h) => typeof h === 'string' && hostnameOf(h)))) {
    throw new ArgumentError('"allowedHosts" must be an array of host names (like "cognito" or "cognito:4726")', 'ERR_INVALID_ARG_VALUE')
  }
  for (const f of ['log', 'onMessage'] as const) if (o[f] !== undefined && typeof o[f] !== 'function') throw new ArgumentError(`"${f}" must be a function`)
  const limits = {
    maxConnections: int('maxConnections', 1, 65535, 256),
    headersTimeout: int('headersTimeout', 1, MAX_MS, 10_000),
    requestTimeout: int('requestTimeout', 1, MAX_MS, 20_000),
    keepAliveTimeout: int('keepAliveTimeout', 1, MAX_MS, 5_000),
  }
  if (limits.headersTimeout > limits.requestTimeout) throw new ArgumentError('"headersTimeout" must not exceed "requestTimeout"', 'ERR_INVALID_ARG_VALUE')
  return limits
}

/** Which `Host` header values a server bound to `bound` answers. */
function hostCheck(bound: string, extra: string[]): (header: string | undefined) => 'ok' | 'malformed' | 'refused' {
  const b = unbracket(bound)
  const wildcard = b === '0.0.0.0' || b === '::'
  const names = new Set([b, ...extra.map((h) => hostnameOf(h)!)])
  return (header) => {
    if (header === undefined) return 'ok' // HTTP/1.0 without Host: no browser sends that
    const h = hostnameOf(header)
    if (h === undefined) return 'malformed'
    if (names.has(h) || (isLoopback(h) && (isLoopback(b) || wildcard)) || (wildcard && isIP(h) !== 0)) return 'ok'
    return 'refused'
  }
}

/** Each message added to `pool.messages` since the last call, oldest first (robust to the log being capped from the front). */
function messageFeed(pool: LocalPool): () => SentMessage[] {
  const key = (m: SentMessage | undefined): string | undefined => m && JSON.stringify([m.time, m.username, m.purpose, m.destination, m.code])
  let last = key(pool.messages[pool.messages.length - 1])
  return () => {
    const list = pool.messages
    let i = list.length
    while (i > 0 && key(list[i - 1]) !== last) i--
    const fresh = list.slice(last === undefined || i === 0 ? 0 : i)
    if (fresh.length) last = key(fresh[fresh.length - 1])
    return fresh
  }
}

/**
 * Serve `pool` over HTTP.
 * @example
 * ```ts
 * const server = await listen(createLocalPool(), { port: 0 })
 * const user = new Cognito({ userPoolId: 'us-east-1_LocalPool1', clientId, username, endpoint: server.url })
 * ```
 */
export async function listen(pool: LocalPool, options: ListenOptions = {}): Promise<LocalServer> {
  const limits = checkOptions(options)
  const host = options.host ?? '127.0.0.1'
  const allowed = hostCheck(host, options.allowedHosts ?? [])
  const feed = messageFeed(pool)
  const server = createServer(
    {
      headersTimeout: limits.headersTimeout,
      requestTimeout: limits.requestTimeout,
      connectionsCheckingInterval: Math.min(1000, Math.max(20, Math.floor(limits.headersTimeout / 4))),
    },
    (req, res) => {
      // a request Node cannot turn into a fetch Request (an unparsable Host, a body cut off
      // mid-stream) must fail that request, not reject unhandled and take the process down
      serve(pool, req, res, allowed, options.log)
        .catch(() => {
          if (!res.headersSent) res.writeHead(400, headersOf(badRequest(crypto.randomUUID(), Date.now())))
          res.end()
        })
        .finally(() => {
          if (options.onMessage) for (const m of feed()) options.onMessage(m)
        })
    },
  )
  server.maxConnections = limits.maxConnections
  server.keepAliveTimeout = limits.keepAliveTimeout
  server.setTimeout(limits.requestTimeout)
  const shownHost = host.includes(':') ? `[${host}]` : host
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(listenError(e, shownHost, options.port ?? DEFAULT_PORT)))
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${shownHost}:${port}/`
  return {
    url,
    port,
    host,
    messagesUrl: url + MESSAGES_PATH.slice(1),
    limits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Node's error for a port that cannot be bound (in use, or below 1024 without the privilege) as
 * one that names the address and port and what to do, keeping Node's `code` and `port` (and the
 * error itself as `cause`) for programs that test them; any other error as it is.
 */
function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  const why = e.code === 'EADDRINUSE' ? 'the port is in use (choose another port; 0 picks a free one)' : e.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges; choose another port, 0 picks a free one)' : undefined
  return why ? Object.assign(new Error(`cannot listen on ${host}:${port}: ${why}`, { cause: e }), { code: e.code, port }) : e
}

async function serve(pool: LocalPool, req: IncomingMessage, res: ServerResponse, allowed: ReturnType<typeof hostCheck>, log?: (line: string) => void): Promise<void> {
  const t0 = performance.now()
  const method = req.method ?? 'GET'
  const path = req.url ?? '/'
  const verdict = allowed(req.headers.host)
  if (verdict === 'malformed') throw new Error('malformed Host header')
  if (verdict === 'refused' || path.startsWith('/_local/')) {
    const [status, body] = verdict === 'refused' ? refuseHost(req.headers.host!) : localApi(pool, req, method, path)
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)) })
    res.end(body)
    log?.(`${method} ${shown(path)} ${status} ${verdict === 'refused' ? `(Host ${shown(req.headers.host!)} refused) ` : ''}${Math.round(performance.now() - t0)}ms`)
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length
    if (size > HARD_LIMIT) break
    chunks.push(c)
  }
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v)
  const hasBody = method !== 'GET' && method !== 'HEAD'
  let response: Response
  if (size > HARD_LIMIT) {
    response = errorResponse('RequestEntityTooLargeException', 'Request body is too large', 413, crypto.randomUUID(), Date.now())
  } else {
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${path}`, {
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
  const op = req.headers['x-amz-target'] ? String(req.headers['x-amz-target']).replace(TARGET_PREFIX, '') : `${method} ${shown(path)}`
  log?.(`${op.replace(/[^\x20-\x7e]/g, '?').slice(0, 120)} ${response.status} ${Math.round(performance.now() - t0)}ms`)
}

function refuseHost(host: string): [number, string] {
  const message = `Host ${shown(host)} is not allowed: this local pool answers only its own address (DNS-rebinding defence); add the name with listen({ allowedHosts }) or cognito-edge local --allow-host`
  return [403, JSON.stringify({ __type: 'ForbiddenException', message })]
}

/** `GET /_local/messages[?username=&purpose=]`: the messages the pool sent, for loopback peers, never cross-origin. */
function localApi(pool: LocalPool, req: IncomingMessage, method: string, path: string): [number, string] {
  const error = (status: number, message: string): [number, string] => [status, JSON.stringify({ __type: 'LocalApiError', message })]
  const url = new URL(path, 'http://localhost')
  if (url.pathname !== MESSAGES_PATH) return error(404, `no such local endpoint; the only one is GET ${MESSAGES_PATH}`)
  if (method !== 'GET') return error(405, `${MESSAGES_PATH} answers GET only`)
  if (!isLoopback(unbracket(req.socket.remoteAddress ?? ''))) return error(403, `${MESSAGES_PATH} answers this machine only (loopback peers)`)
  const site = req.headers['sec-fetch-site']
  if (req.headers.origin !== undefined || (site !== undefined && site !== 'none' && site !== 'same-origin')) return error(403, `${MESSAGES_PATH} does not answer web pages of other origins`)
  for (const k of url.searchParams.keys()) if (k !== 'username' && k !== 'purpose') return error(400, `unknown query parameter ${shown(k)}: use username and purpose`)
  const name = url.searchParams.get('username')
  const purpose = url.searchParams.get('purpose')
  const username = name === null ? undefined : (pool.user(name)?.username ?? name)
  const messages = pool.messages.filter((m) => (username === undefined || m.username === username || m.destination === name) && (purpose === null || m.purpose === purpose))
  return [200, JSON.stringify({ messages })]
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {}
  response.headers.forEach((v, k) => (out[k] = v))
  return out
}

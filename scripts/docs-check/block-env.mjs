/**
 * Loaded (`node --import`) into the process of each ```ts block that `npm run docs:check` runs:
 * what "run against the local pool" means for a block.
 *
 * - Requests for `http://127.0.0.1:4726/` (and `localhost:4726`), for
 *   `https://cognito-idp.<region>.amazonaws.com/` (API calls and `/<pool>/.well-known/jwks.json`)
 *   and for `https://api.example.com/` go to this block's lane of the runner: its fresh local
 *   pool, or the example API. The request is not rewritten (same URL, same Host header, so SigV4
 *   signatures still match); only the connection goes to the lane. Every other URL is left to the
 *   real network. This is a global undici dispatcher, so `fetch` itself is the platform's own.
 * - A global `prompt(message)` answers like a user reading their email or authenticator: the
 *   newest code the pool sent since the block started that no prompt returned yet, else the
 *   current TOTP code of the user who signed in last. It is synchronous, like the browser's.
 *
 * Plain JavaScript: it runs before the block, in a process without a TypeScript loader.
 */
import { execFileSync } from 'node:child_process'
import net from 'node:net'
import { Agent, buildConnector, setGlobalDispatcher } from 'undici'

const lane = new URL(process.env.COGNITO_EDGE_DOCS_LANE ?? '')
if (!lane.port) throw new Error('block-env.mjs: COGNITO_EDGE_DOCS_LANE is not set; run blocks through scripts/check-docs.ts')

/** Whether a connection to `hostname:port` belongs to the lane (the pool's or the example API's addresses). */
function toLane(hostname, port) {
  if ((hostname === '127.0.0.1' || hostname === 'localhost') && String(port) === '4726') return true
  return /^cognito-idp\.[a-z0-9-]+\.amazonaws\.com$/.test(hostname) || hostname === 'api.example.com'
}

const real = buildConnector({})
setGlobalDispatcher(
  new Agent({
    connect(options, callback) {
      if (!toLane(options.hostname, options.port)) return real(options, callback)
      // plain HTTP to the lane even for https:// URLs: the lane is on loopback
      const socket = net.connect(Number(lane.port), lane.hostname)
      socket.once('connect', () => callback(null, socket))
      socket.once('error', (e) => callback(e, null))
    },
  }),
)

/** The runner's answer to `prompt`: a child process, so the call can stay synchronous. */
globalThis.prompt = (message = '') => {
  const script = `fetch(${JSON.stringify(new URL('/_docs/prompt', lane).href)}).then(async (r) => { process.stdout.write(await r.text()); process.exitCode = r.ok ? 0 : 3 })`
  let code
  try {
    code = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim()
  } catch (e) {
    throw new Error(`prompt(${JSON.stringify(message)}): ${String(e.stdout || e.message).trim()}`)
  }
  process.stdout.write(`${message} ${code}\n`)
  return code
}

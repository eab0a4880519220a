// What each hardening feature of the transport costs the smallest apps, in bytes gzip: builds the
// SRP login, password-reset and refresh apps of scripts/size-apps.mjs with src/transport.ts
// recompiled as it is, then once with each feature cut out of it, then with all of them cut
// (esbuild --bundle --minify --format=esm --platform=browser, gzip -9). The cut versions are
// throwaway builds, never shipped or tested: they only say which bytes the floor in BENCHMARKS.md
// is made of. A cut whose anchor text is no longer in src/transport.ts fails loudly with its name.
// Run after `npm run build`: node scripts/size-features.mjs
import { build, transform } from 'esbuild'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { LOGIN_APP, REFRESH_APP, RESET_APP } from './size-apps.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
const dir = mkdtempSync(path.join(tmpdir(), 'cognito-edge-features-'))
const src = readFileSync(path.join(root, 'src/transport.ts'), 'utf8')

/** `s` with `a` replaced by `b`; `a` must be there. */
const swap = (s, a, b) => {
  if (!s.includes(a)) throw new Error(`size-features: src/transport.ts no longer has "${a.slice(0, 60)}"`)
  return s.replace(a, b)
}
/** `s` with everything from `from` up to `to` (or the end) replaced by `by`. */
const cut = (s, from, to, by) => {
  const i = s.indexOf(from)
  const j = to ? s.indexOf(to, i) : s.length
  if (i < 0 || j < 0) throw new Error(`size-features: src/transport.ts no longer has "${(i < 0 ? from : to).slice(0, 60)}"`)
  return s.slice(0, i) + by + s.slice(j)
}

const FEATURES = {
  'retries with backoff': (s) =>
    cut(s, '  for (let attempt = 1; ; attempt++) {', '/** Tell `onServerDate`', `  if (signal?.aborted) throw abortError(signal)
  let req: OutgoingRequest = { url, method: 'POST', headers: { ...headers }, body }
  if (options.sign) req = await options.sign(req)
  return (await attemptOnce(req, options)) as T
}\n\n`),
  'timeouts, aborts that end an attempt': (s) =>
    cut(s, '  const timeout = o.timeout ?? 10000', null, `  try {
    const res = await (o.fetch ?? fetch)(req.url, { method: 'POST', headers: req.headers, body: req.body, redirect: 'manual', signal })
    const local = Date.now()
    const out = await processResponse(res, o.maxResponseBytes)
    observeDate(res, o, local)
    return out
  } catch (e) {
    if (e instanceof CognitoError) throw e
    throw new NetworkError('network error reaching ' + new URL(req.url).host + ': ' + reason(e), { cause: e })
  }
}\n`),
  'a caller signal and a client signal linked': (s) => cut(s, '  if (!a || !b || a === b) return f(b ?? a)', '\n}\n\n/** Wait', '  return f(b ?? a)'),
  'the capped body read': (s) => swap(s, 'text = await readText(res, maxBytes)', 'text = await res.text()'),
  'redirect refusal': (s) => swap(s, "if ((status > 299 && status < 400) || res.type === 'opaqueredirect') throw new ResponseError(`redirect refused (HTTP ${status})`, o)", ''),
  'redaction of token-shaped strings': (s) =>
    swap(swap(s, ".slice(0, 1024).replace(TOKENISH, '[redacted]')", '.slice(0, 1024)'), ".slice(0, 300).replace(TOKENISH, '[redacted]')", '.slice(0, 300)'),
  "the clock from Cognito's answers": (s) => cut(s, '  const t = Date.parse(', '\n}\n\n/** Why', ''),
  'checks of the transport options': (s) => cut(s, '  const { fetch: f, headers: h } = o\n', '\n}\n\n/**\n * Resolve', ''),
}
const ALL = (s) => Object.values(FEATURES).reduce((t, f) => f(t), s)

const apps = [
  ['login', LOGIN_APP(path.join(dist, 'index.js'))],
  ['reset', RESET_APP(path.join(dist, 'index.js'))],
  ['refresh', REFRESH_APP(path.join(dist, 'index.js'))],
]

/** gzip -9 bytes of `app` bundled with `tsSource` as its transport. */
async function size(app, tsSource) {
  const js = (await transform(tsSource, { loader: 'ts', format: 'esm' })).code.replace(/from ['"]\.\/(.+?)\.ts['"]/g, (_, m) => `from ${JSON.stringify(path.join(dist, m + '.js'))}`)
  const file = path.join(dir, 'transport.js')
  writeFileSync(file, js)
  const plugin = { name: 'transport', setup: (b) => b.onResolve({ filter: /\/transport\.js$/ }, (a) => (a.importer.startsWith(dist) ? { path: file } : undefined)) }
  const r = await build({ stdin: { contents: app, resolveDir: root, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, plugins: [plugin], logLevel: 'silent' })
  return gzipSync(r.outputFiles[0].contents, { level: 9 }).length
}

try {
  const rows = [['', ...apps.map(([n]) => n)]]
  const base = []
  for (const [, app] of apps) base.push(await size(app, src))
  rows.push(['with every feature (B gzip)', ...base])
  for (const [name, f] of [...Object.entries(FEATURES), ['ALL of them', ALL]]) {
    const row = [`without ${name}`]
    for (let i = 0; i < apps.length; i++) row.push((await size(apps[i][1], f(src))) - base[i])
    rows.push(row)
  }
  for (const r of rows) console.log(`  ${r[0].padEnd(52)}${r.slice(1).map((c) => String(c).padStart(9)).join('')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

// How far the smallest bundles could shrink by dropping what the default path carries: builds the
// SRP login, password-reset, refresh and amazon-cognito-identity-js apps of scripts/size.mjs
// (scripts/size-apps.mjs) up to three ways each and prints each size (esbuild --bundle --minify --format=esm --platform=browser,
// gzip -9) with its modules:
//   as shipped          dist/ as it is
//   bare transport      dist/transport.js swapped for a throwaway one: POST, JSON, Cognito's error
//                       name (no retries, timeouts, aborts, body cap, redirect refusal, redaction,
//                       clock, option checks)
//   + textbook SRP      also dist/srp.js's Montgomery and fixed-base arithmetic swapped for a
//                       right-to-left square-and-multiply (the apps with SRP only)
// Neither swap is shipped or tested: this only measures the floor BENCHMARKS.md reports.
// Run after `npm run build`: node scripts/size-floor.mjs
import { build } from 'esbuild'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { ACIJ_APP, LOGIN_APP, REFRESH_APP, RESET_APP } from './size-apps.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
const dir = mkdtempSync(path.join(tmpdir(), 'cognito-edge-floor-'))
const errors = JSON.stringify(path.join(dist, 'errors.js'))

writeFileSync(
  path.join(dir, 'transport.js'),
  `import { serviceError, ResponseError } from ${errors}
// what is not replaced below (argument helpers such as checkRanges or givenOf) is the real module's;
// the names defined here take precedence over these
export * from ${JSON.stringify(path.join(dist, 'transport.js'))}
export const skewOf = (s, l) => (Math.abs(s - l) < 6e4 ? 0 : s - l)
export function checkOptions() {}
export const withSignals = (a, b, f) => f(b ?? a)
export const resolveEndpoint = (o, pool) => o.endpoint ?? \`https://cognito-idp.\${o.region ?? pool.split('_')[0]}.amazonaws.com/\`
export async function dispatch(op, input, o) {
  const res = await (o.fetch ?? fetch)(resolveEndpoint(o, o.userPoolId), { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.' + op }, body: JSON.stringify(input) })
  const body = await res.json()
  if (res.ok) return body
  const name = String(body.__type ?? '').split('#').pop()
  if (!name) throw new ResponseError('HTTP ' + res.status)
  throw serviceError(name, body.message ?? name, { status: res.status })
}
// the entry re-exports these; the login app does not reach them, so they are shaken out
export const UNSAFE = { test: () => false }
export const abortError = () => new Error('aborted')
export const endpointForRegion = (r) => \`https://cognito-idp.\${r}.amazonaws.com/\`
export const parseErrorType = () => undefined
export const processResponse = async () => ({})
export const regionFromPoolId = (p) => p.split('_')[0]
export const send = dispatch
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'
`,
)

// dist/srp.js with everything from the Montgomery constants to `powN` replaced
const srp = readFileSync(path.join(dist, 'srp.js'), 'utf8')
const from = srp.indexOf('let nInv = 0n;')
const to = srp.indexOf('\n', srp.indexOf('const powN = '))
if (from < 0 || to < 0) throw new Error('size-floor: dist/srp.js no longer has the arithmetic section this script replaces')
const textbook = `const powN = (b, e) => { let r = 1n; for (b %= N; e; e >>= 1n, b = (b * b) % N) if (e & 1n) r = (r * b) % N; return r }
const slide = (b, e, mul) => { let r = b; for (const c of e.toString(2).slice(1)) { r = mul(r, r); if (c === '1') r = mul(r, b) } return r }
function pow2() {}
`
writeFileSync(path.join(dir, 'srp.js'), (srp.slice(0, from) + textbook + srp.slice(to + 1)).replace(/from "\.\//g, `from "${dist}/`))

/** Redirect dist's imports of `names` to the throwaway modules. */
const swap = (names) => ({
  name: 'swap',
  setup(b) {
    for (const n of names) b.onResolve({ filter: new RegExp(`/${n}\\.js$`) }, (a) => (a.importer.startsWith(dist) ? { path: path.join(dir, `${n}.js`) } : undefined))
  },
})

const index = path.join(dist, 'index.js')
const plans = [
  ['as shipped', []],
  ['bare transport', ['transport']],
  ['+ textbook SRP', ['transport', 'srp']],
]
// [title, app, how many of the plans apply]
const apps = [
  ['login app (signIn, print the ID token), budget 4000 B gzip', LOGIN_APP(index), 3],
  ['password-reset app (with SECRET_HASH), budget 2500 B gzip', RESET_APP(index), 2],
  ['refresh + authFetch app, budget 3000 B gzip', REFRESH_APP(index), 2],
  ['amazon-cognito-identity-js app on cognito-edge/identity-js, budget 10000 B gzip', ACIJ_APP(path.join(dist, 'identity-js.js')), 3],
]
/** Build `app` with the first `n` plans' swaps; print its sizes and modules. */
async function measure(title, app, n) {
  console.log(title)
  for (const [label, names] of plans.slice(0, n)) {
    const r = await build({ stdin: { contents: app, resolveDir: root, loader: 'js' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, plugins: [swap(names)], logLevel: 'silent' })
    const out = r.outputFiles[0].contents
    console.log(`  ${label.padEnd(16)} ${String(out.length).padStart(6)} min ${String(gzipSync(out, { level: 9 }).length).padStart(6)} gzip`)
    const inputs = Object.entries(Object.values(r.metafile.outputs)[0].inputs).filter(([, v]) => v.bytesInOutput)
    for (const [f, v] of inputs.sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
      console.log(`      ${String(v.bytesInOutput).padStart(6)} B min  ${f.startsWith('..') || path.isAbsolute(f) ? `(throwaway) ${path.basename(f)}` : f}`)
    }
  }
}

try {
  for (const [title, app, n] of apps) await measure(title, app, n)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

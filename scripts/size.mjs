#!/usr/bin/env node
// Size budgets and the bundle-bleed check, on the BUILT package (run `npm run build` first).
//
// Each entry is a tiny program importing from the package by name ('cognito-edge',
// 'cognito-edge/jwt', …, resolved through package.json "exports" to dist/), bundled the way a
// browser app would be: esbuild --bundle --minify --format=esm --platform=browser, then gzip -9.
// 1 KB = 1000 bytes here. A budget that is not met is printed with the measured figure on every
// run; budgets are never raised by this script.
// Where a target is missed, the entry's recorded `ceiling` is enforced instead, so the bundle
// cannot grow while the gap is open.
//
//   node scripts/size.mjs                 # table + checks, exit 1 on a bleed, an error, a met
//                                         # budget broken, or a missed one grown past its ceiling
//   node scripts/size.mjs --write-docs    # also rewrite the tables in README.md and BENCHMARKS.md
//   node scripts/size.mjs --json          # machine-readable
//   node scripts/size.mjs --analyze       # also list each entry's modules by minified bytes
//   node scripts/size.mjs --report-only   # print everything, exit 0 even when a budget is missed
//                                         # (says so loudly; for a deliberate decision in .ci/run)
import { build } from 'esbuild'
import { readFileSync, writeFileSync } from 'node:fs'
import { gzipSync, brotliCompressSync, constants } from 'node:zlib'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ACIJ_APP, LOGIN_APP, REFRESH_APP, RESET_APP } from './size-apps.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const exported = (sub) => Object.hasOwn(pkg.exports ?? {}, sub)
const indexExports = () => readFileSync(path.join(root, 'dist/index.d.ts'), 'utf8')

// Strings and modules that must not leak into a bundle. Naming what leaked says which import grew.
const MARK = {
  admin: { strings: ['AWS4-HMAC-SHA256', 'aws4_request'], modules: [/node_modules\/aws4fetch\//, /dist\/admin[^/]*\.js$/] },
  jwt: { strings: ['RSASSA-PKCS1-v1_5', '.well-known/jwks.json'], modules: [/dist\/jwt[^/]*\.js$/, /dist\/jwks[^/]*\.js$/] },
  // the local pool is a server: it generates signing keys and answers CORS; a client never does
  local: { strings: ['generateKey', 'access-control-allow-origin'], modules: [/dist\/local\//] },
  // the 3072-bit SRP group prime (RFC 3526 group 15) as src/srp.ts spells it
  srp: { strings: ['10939058860032000'], modules: [/dist\/srp\.js$/] },
}

/** A typical amazon-cognito-identity-js app, importing from `from`: the same code for both packages. */

/**
 * The measured entries. `budget` in bytes gzip is issue 6's target; `forbid` lists MARK groups
 * that must not appear. `ceiling` (bytes gzip) is set only where the target is NOT met yet: it is
 * the figure measured when the target was first missed plus about 3 %, so the bundle cannot grow
 * unnoticed while the gap stays reported on every run (the target itself is never raised).
 * `available()` says whether the package has the entry yet (issues land on separate branches);
 * an unavailable entry is reported as pending, never as passing.
 */
const ENTRIES = [
  {
    id: 'login',
    label: 'SRP login, print the ID token: `signIn` from "cognito-edge"',
    budget: 4000,
    // raised in the open for the security review's fixes: header values, endpoints and AWS keys that
    // fetch would refuse (its TypeError quotes them) are ArgumentErrors; generic sign-ins are not repeated
    // raised in the open for the multi-tenant, types and newest-features reviews: a client's long-lived
    // signal no longer leaks with every per-call signal (AbortSignal.any on Node 20 and Deno),
    // threat protection's UserContextData is sent, a passkey function may return the serialised
    // response, ConfirmSignUp takes SignUp's Session, a call's option left undefined keeps the
    // client's; then lowered to what a pass over the shared core won back
    // lowered by about 500 B when the SRP prime came to be built from RFC 3526's definition (π by
    // Chudnovsky's series) instead of its 768 hex digits
    // raised in the open for runtimes without a web global (React Native, Jest's jsdom, an http: page):
    // the import no longer needs TextEncoder or TextDecoder, and a call that needs a missing global
    // raises a MissingGlobalError naming it, before any request that depends on it
    // lowered by what a pass for equivalent smaller code won back (checks written out instead of looped
    // over their names, the shared helpers' shapes reused), keeping the headroom the bundle had
    // raised in the open for hostile answers and lost ones: a 2xx error body and an answer missing a
    // member its operation always sends are ResponseErrors naming the operation, deletions and
    // sign-outs are not repeated after an unknown outcome, a sign-out keeps a newer sign-in's state
    ceiling: 7826,
    forbid: ['admin', 'jwt', 'local'],
    code: LOGIN_APP('cognito-edge'),
    available: () => true,
  },
  {
    id: 'login-fn',
    label: 'SRP login with the functions: `createClient` + `authenticate` (every challenge returned as data)',
    forbid: ['admin', 'jwt', 'local'],
    code: `import { createClient, authenticate } from 'cognito-edge'\nconst s = await authenticate(createClient(globalThis.o), globalThis.i)\nconsole.log(s.tokens?.idToken ?? s.challenge.name)`,
    available: () => true,
  },
  {
    id: 'reset',
    label: 'password reset: `initiateForgotPassword` + `confirmForgotPassword` + `changePassword`, client with a secret (SECRET_HASH)',
    budget: 2500,
    // raised in the open for the security review's fixes: header values, endpoints and AWS keys that
    // fetch would refuse (its TypeError quotes them) are ArgumentErrors; generic sign-ins are not repeated
    // raised in the open for the multi-tenant, types and newest-features reviews: a client's long-lived
    // signal no longer leaks with every per-call signal (AbortSignal.any on Node 20 and Deno),
    // threat protection's UserContextData is sent, a passkey function may return the serialised
    // response, ConfirmSignUp takes SignUp's Session, a call's option left undefined keeps the
    // client's; then lowered to what a pass over the shared core won back
    // lowered to the measured size after the known-defects round's savings
    // raised in the open for runtimes without a web global (React Native, Jest's jsdom, an http: page):
    // the import no longer needs TextEncoder or TextDecoder, and a call that needs a missing global
    // raises a MissingGlobalError naming it, before any request that depends on it
    // lowered by what a pass for equivalent smaller code won back (checks written out instead of looped
    // over their names, the shared helpers' shapes reused), keeping the headroom the bundle had
    // raised in the open for hostile answers and lost ones: a 2xx error body and an answer missing a
    // member its operation always sends are ResponseErrors naming the operation, deletions and
    // sign-outs are not repeated after an unknown outcome, a sign-out keeps a newer sign-in's state
    ceiling: 4284,
    forbid: ['admin', 'jwt', 'local', 'srp'],
    code: RESET_APP('cognito-edge'),
    available: () => true,
  },
  {
    id: 'refresh',
    label: 'API calls as a stored user: `createTokenSource` (refresh from a stored refresh token) + `authFetch`',
    budget: 3000,
    // 6,100 B until authFetch compared allowedOrigins as origins and dropped Content-Type with the
    // body of a POST redirected to a GET (+32 B): raised in the open, the budget stays 3,000
    // raised in the open for the security review's fixes: header values, endpoints and AWS keys that
    // fetch would refuse (its TypeError quotes them) are ArgumentErrors; generic sign-ins are not repeated
    // and 6,180 B when authFetch's own header check became the shared headersOf (an ArgumentError, +7 B)
    // raised in the open for the multi-tenant, types and newest-features reviews: a client's long-lived
    // signal no longer leaks with every per-call signal (AbortSignal.any on Node 20 and Deno),
    // threat protection's UserContextData is sent, a passkey function may return the serialised
    // response, ConfirmSignUp takes SignUp's Session, a call's option left undefined keeps the
    // client's; then lowered to what a pass over the shared core won back
    // raised in the open for runtimes without a web global (React Native, Jest's jsdom, an http: page):
    // the import no longer needs TextEncoder or TextDecoder, and a call that needs a missing global
    // raises a MissingGlobalError naming it, before any request that depends on it
    // lowered by what a pass for equivalent smaller code won back (checks written out instead of looped
    // over their names, the shared helpers' shapes reused), keeping the headroom the bundle had
    // raised in the open for hostile answers and lost ones: a 2xx error body and an answer missing a
    // member its operation always sends are ResponseErrors naming the operation, deletions and
    // sign-outs are not repeated after an unknown outcome, a sign-out keeps a newer sign-in's state
    ceiling: 6337,
    forbid: ['admin', 'jwt', 'local', 'srp'],
    code: REFRESH_APP('cognito-edge'),
    available: () => true,
  },
  {
    id: 'cognito',
    label: 'whole user-side `Cognito` class (`verifyTokens()` and its JWT verifier included)',
    budget: 11000,
    // raised to 18,860 B for the tab-renewal follow-ups (+22 B), then back to 18,830 B when one
    // challenge check shared with the functions paid for them (-32 B)
    // raised in the open for the multi-tenant, types and newest-features reviews: a client's long-lived
    // signal no longer leaks with every per-call signal (AbortSignal.any on Node 20 and Deno),
    // threat protection's UserContextData is sent, a passkey function may return the serialised
    // response, ConfirmSignUp takes SignUp's Session, a call's option left undefined keeps the
    // client's; then lowered to what a pass over the shared core won back
    // lowered by about 500 B when the SRP prime came to be built from RFC 3526's definition (π by
    // Chudnovsky's series) instead of its 768 hex digits
    // raised in the open for runtimes without a web global (React Native, Jest's jsdom, an http: page):
    // the import no longer needs TextEncoder or TextDecoder, and a call that needs a missing global
    // raises a MissingGlobalError naming it, before any request that depends on it
    // (and, before that, +54 B for a sign-out that sticks while a sign-in is on its way, and stale device
    // credentials dropped at Cognito's refusal)
    // lowered by what a pass for equivalent smaller code won back (checks written out instead of looped
    // over their names, the shared helpers' shapes reused), keeping the headroom the bundle had
    // raised in the open for hostile answers and lost ones: a 2xx error body and an answer missing a
    // member its operation always sends are ResponseErrors naming the operation, deletions and
    // sign-outs are not repeated after an unknown outcome, a sign-out keeps a newer sign-in's state
    ceiling: 18829,
    // verifyTokens() is a method, so the class carries JWT verification; never admin or pool code
    forbid: ['admin', 'local'],
    code: `export { Cognito } from 'cognito-edge'`,
    available: () => true,
  },
  {
    id: 'jwt',
    label: 'token verification: `createVerifier` from "cognito-edge/jwt"',
    budget: 3000,
    forbid: ['admin', 'local', 'srp'],
    code: `export { createVerifier } from 'cognito-edge/jwt'`,
    available: () => exported('./jwt'),
  },
  {
    id: 'admin',
    label: 'admin calls: `createAdminClient` from "cognito-edge/admin" (typed, SigV4-signed `send`), aws4fetch included',
    budget: 6000,
    // raised in the open for the security review's fixes: header values, endpoints and AWS keys that
    // fetch would refuse (its TypeError quotes them) are ArgumentErrors; generic sign-ins are not repeated
    // raised in the open for the multi-tenant, types and newest-features reviews: a client's long-lived
    // signal no longer leaks with every per-call signal (AbortSignal.any on Node 20 and Deno),
    // threat protection's UserContextData is sent, a passkey function may return the serialised
    // response, ConfirmSignUp takes SignUp's Session, a call's option left undefined keeps the
    // client's; then lowered to what a pass over the shared core won back
    // raised in the open for runtimes without a web global (React Native, Jest's jsdom, an http: page):
    // the import no longer needs TextEncoder or TextDecoder, and a call that needs a missing global
    // raises a MissingGlobalError naming it, before any request that depends on it
    // lowered by what a pass for equivalent smaller code won back (checks written out instead of looped
    // over their names, the shared helpers' shapes reused), keeping the headroom the bundle had
    // raised in the open for hostile answers and lost ones: a 2xx error body and an answer missing a
    // member its operation always sends are ResponseErrors naming the operation, deletions and
    // sign-outs are not repeated after an unknown outcome, a sign-out keeps a newer sign-in's state
    ceiling: 6700,
    // the lean client is the transport and the signer: no SRP, no user-side class, no pool code
    forbid: ['local', 'jwt', 'srp'],
    code: `export { createAdminClient } from 'cognito-edge/admin'`,
    available: () => exported('./admin'),
  },
  {
    id: 'admin-class',
    label: '`AdminCognito` from "cognito-edge/admin": the pycognito-style class (the user-side methods too), aws4fetch included',
    budget: 15000,
    // 23,480 until the review round that fixed the admin and sign-in defects (argument checks, one-shot
    // starts, the repeated-challenge guard, ExpiredSessionError in MFA_SETUP) took it to 23,503 B;
    // raised in the open to that plus a quarter per cent (the budget stays 15,000)
    // raised in the open for the security review's fixes: header values, endpoints and AWS keys that
    // fetch would refuse (its TypeError quotes them) are ArgumentErrors; generic sign-ins are not repeated
    // raised to 23,760 B for the same tab-renewal follow-ups, then back to 23,730 B (see the class)
    // raised in the open for the multi-tenant, types and newest-features reviews: a client's long-lived
    // signal no longer leaks with every per-call signal (AbortSignal.any on Node 20 and Deno),
    // threat protection's UserContextData is sent, a passkey function may return the serialised
    // response, ConfirmSignUp takes SignUp's Session, a call's option left undefined keeps the
    // client's; then lowered to what a pass over the shared core won back
    // lowered by about 500 B when the SRP prime came to be built from RFC 3526's definition (π by
    // Chudnovsky's series) instead of its 768 hex digits
    // raised in the open for runtimes without a web global (React Native, Jest's jsdom, an http: page):
    // the import no longer needs TextEncoder or TextDecoder, and a call that needs a missing global
    // raises a MissingGlobalError naming it, before any request that depends on it
    // (and, before that, +66 B for the same two class fixes and the pool id checked against the region)
    // lowered by what a pass for equivalent smaller code won back (checks written out instead of looped
    // over their names, the shared helpers' shapes reused), keeping the headroom the bundle had
    // raised in the open for hostile answers and lost ones: a 2xx error body and an answer missing a
    // member its operation always sends are ResponseErrors naming the operation, deletions and
    // sign-outs are not repeated after an unknown outcome, a sign-out keeps a newer sign-in's state
    ceiling: 23698,
    forbid: ['local'],
    code: `export { AdminCognito } from 'cognito-edge/admin'`,
    available: () => exported('./admin'),
  },
  {
    id: 'srp',
    label: 'SRP maths: `passwordVerifier` + `calculateA` from "cognito-edge/srp"',
    forbid: ['admin', 'jwt', 'local'],
    code: `export { passwordVerifier, calculateA, generatePrivateValue } from 'cognito-edge/srp'`,
    available: () => exported('./srp'),
  },
  {
    id: 'local',
    label: 'local pool: `createLocalPool` from "cognito-edge/local" (a test tool, e.g. inside a Worker)',
    forbid: [],
    code: `export { createLocalPool } from 'cognito-edge/local'`,
    available: () => exported('./local'),
  },
  {
    id: 'identity-js',
    label: 'a typical amazon-cognito-identity-js app on "cognito-edge/identity-js": sign in with the callbacks (new password, SMS and TOTP MFA), `getSession`, `signOut`',
    budget: 10000,
    // measured 15,297 B when the entry landed; the functions it needs weigh about 10.5 KB on their own
    // raised in the open for the multi-tenant, types and newest-features reviews: a client's long-lived
    // signal no longer leaks with every per-call signal (AbortSignal.any on Node 20 and Deno),
    // threat protection's UserContextData is sent, a passkey function may return the serialised
    // response, ConfirmSignUp takes SignUp's Session, a call's option left undefined keeps the
    // client's; then lowered to what a pass over the shared core won back
    // lowered by about 500 B when the SRP prime came to be built from RFC 3526's definition (π by
    // Chudnovsky's series) instead of its 768 hex digits
    // raised in the open for runtimes without a web global (React Native, Jest's jsdom, an http: page):
    // the import no longer needs TextEncoder or TextDecoder, and a call that needs a missing global
    // raises a MissingGlobalError naming it, before any request that depends on it
    // (and, before that, +14 B for one refresh shared by concurrent getSession calls, and a stored device
    // cleared when Cognito refuses it)
    // lowered by what a pass for equivalent smaller code won back (checks written out instead of looped
    // over their names, the shared helpers' shapes reused), keeping the headroom the bundle had
    // raised in the open for hostile answers and lost ones: a 2xx error body and an answer missing a
    // member its operation always sends are ResponseErrors naming the operation, deletions and
    // sign-outs are not repeated after an unknown outcome, a sign-out keeps a newer sign-in's state
    ceiling: 15567,
    forbid: ['admin', 'jwt', 'local'],
    code: ACIJ_APP('cognito-edge/identity-js'),
    available: () => exported('./identity-js'),
  },
  {
    id: 'acij-app',
    label: 'the same app on amazon-cognito-identity-js 6.3.21 itself (the reference, measured in this run)',
    forbid: [],
    code: ACIJ_APP('amazon-cognito-identity-js'),
    available: () => exported('./identity-js'),
  },
  {
    id: 'all',
    label: 'everything from "cognito-edge" (`export *`)',
    forbid: ['admin', 'local'],
    code: `export * from 'cognito-edge'`,
    available: () => true,
  },
]

// Competitors' browser login / verify / sign bundles, gzip -9 bytes (the project's anchors.md §1.2)
const ANCHORS = [
  ['amazon-cognito-identity-js 6.3.21: SRP login → tokens', 27327],
  ['Amplify v6 (aws-amplify 6.22.1): configure + signIn + fetchAuthSession', 42132],
  ['cognito-srp-helper 2.3.4 + SDK v3: SRP login', 99802],
  ['bare SDK v3: InitiateAuth (no SRP)', 53035],
  ['aws-jwt-verify 5.2.1: CognitoJwtVerifier.create().verify', 5632],
  ['aws4fetch 1.0.20: AwsClient.fetch', 3167],
  ['floor reference: ~90-line BigInt + WebCrypto SRP login', 2124],
]

async function measure(entry) {
  const r = await build({
    stdin: { contents: entry.code, resolveDir: root, loader: 'js', sourcefile: `size-${entry.id}.js` },
    target: 'es2022',
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const out = r.outputFiles[0].contents
  const text = new TextDecoder().decode(out)
  // modules that contributed code (the metafile also lists parsed-but-tree-shaken ones)
  const contributed = Object.values(r.metafile.outputs)[0].inputs
  const inputs = Object.keys(contributed).filter((i) => contributed[i].bytesInOutput > 0)
  const leaks = []
  for (const group of entry.forbid) {
    for (const s of MARK[group].strings) if (text.includes(s)) leaks.push(`${group}: string "${s}"`)
    for (const m of MARK[group].modules) for (const i of inputs) if (m.test(i)) leaks.push(`${group}: module ${i}`)
  }
  return {
    min: out.length,
    gzip: gzipSync(out, { level: 9 }).length,
    brotli: brotliCompressSync(out, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: out.length } }).length,
    leaks,
    inputs: inputs.map((i) => i.replace(/^.*node_modules\//, 'node_modules/')),
    modules: Object.fromEntries(inputs.map((i) => [i.replace(/^.*node_modules\//, 'node_modules/'), contributed[i].bytesInOutput])),
  }
}

const kb = (n) => `${(n / 1000).toFixed(2)} KB`
const results = []
for (const e of ENTRIES) {
  if (!e.available()) {
    results.push({ id: e.id, label: e.label, budget: e.budget, status: 'pending', note: 'entry point not in the package yet' })
    continue
  }
  let m
  try {
    m = await measure(e)
  } catch (err) {
    results.push({ id: e.id, label: e.label, budget: e.budget, status: 'error', note: String(err.message ?? err).split('\n')[0] })
    continue
  }
  const over = e.budget !== undefined && m.gzip > e.budget
  // a stand-in measurement (the real entry has not landed) is reported against the budget but
  // cannot pass or fail it
  const status = m.leaks.length ? 'bleed' : e.note ? 'interim' : over ? 'over' : e.budget === undefined ? 'info' : 'ok'
  results.push({ id: e.id, label: e.label, budget: e.budget, ceiling: e.ceiling, status, note: e.note || '', ...m })
}

// a missed target is reported on every run; it fails the run only past its recorded ceiling
const aboveCeiling = (r) => r.status === 'over' && (r.ceiling === undefined || r.gzip > r.ceiling)
const failed = results.filter((r) => aboveCeiling(r) || r.status === 'bleed' || r.status === 'error')
const missed = results.filter((r) => r.status === 'over')

function table() {
  const rows = [
    '| entry | min | gzip -9 | brotli | budget (gzip) | status |',
    '|---|---:|---:|---:|---:|---|',
  ]
  for (const r of results) {
    const budget = r.budget === undefined ? '—' : kb(r.budget)
    const st = { ok: '✅ within budget', info: 'for reference', over: `❌ target not met: ${r.gzip - r.budget} B over${r.ceiling ? ` (ceiling ${kb(r.ceiling)} enforced)` : ''}`, bleed: '❌ bleed', pending: '⏳ pending', interim: r.gzip > r.budget ? `⏳ not enforced yet (${r.gzip - r.budget} B above)` : '⏳ not enforced yet', error: '❌ error' }[r.status]
    const label = r.note ? `${r.label} (${r.note})` : r.label
    rows.push(r.min === undefined ? `| ${label} | — | — | — | ${budget} | ${st} |` : `| ${label} | ${r.min.toLocaleString('en-US')} | **${r.gzip.toLocaleString('en-US')}** | ${r.brotli.toLocaleString('en-US')} | ${budget} | ${st} |`)
  }
  rows.push('', '| for comparison: competitors measured the same way (esbuild, gzip -9), smallest realistic program | gzip -9 |', '|---|---:|')
  for (const [name, gz] of ANCHORS) rows.push(`| ${name} | ${gz.toLocaleString('en-US')} |`)
  return rows.join('\n')
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2))
} else {
  console.log('sizes: esbuild --bundle --minify --format=esm --platform=browser, gzip -9 (bytes)')
  for (const r of results) {
    const fig = r.min === undefined ? '' : `${String(r.min).padStart(6)} min ${String(r.gzip).padStart(6)} gzip ${String(r.brotli).padStart(6)} br`
    const budget = r.budget === undefined ? '' : ` (budget ${r.budget})`
    console.log(`  ${r.id.padEnd(11)} ${r.status.padEnd(7)} ${fig}${budget}${r.note ? `  [${r.note}]` : ''}`)
    if (r.status === 'interim' && r.gzip > r.budget) console.log(`    budget not enforced yet: the stand-in measure is ${r.gzip} B gzip, ${r.gzip - r.budget} B above the ${r.budget} B budget`)
    if (r.status === 'over') console.log(`    BUDGET NOT MET: ${r.id} is ${r.gzip} B gzip, ${r.gzip - r.budget} B over its ${r.budget} B budget${r.ceiling ? ` (regression ceiling ${r.ceiling} B: ${r.gzip > r.ceiling ? 'EXCEEDED' : 'held'})` : ''}`)
    for (const l of r.leaks ?? []) console.log(`    BLEED into ${r.id}: ${l}`)
    if (r.modules && (process.argv.includes('--analyze') || r.status === 'over' || r.status === 'bleed')) {
      for (const [m, b] of Object.entries(r.modules).sort((x, y) => y[1] - x[1])) console.log(`      ${String(b).padStart(6)} B min  ${m}`)
    }
  }
  const g = (id) => results.find((r) => r.id === id)?.gzip
  if (g('admin-class') && g('cognito')) console.log(`  note: AdminCognito adds about ${g('admin-class') - g('cognito')} B gzip over the Cognito class it extends`)
  if (g('identity-js') && g('acij-app')) console.log(`  note: the same acij app is ${g('identity-js')} B gzip on cognito-edge/identity-js and ${g('acij-app')} B on amazon-cognito-identity-js (${Math.round((100 * g('identity-js')) / g('acij-app'))} %)`)
  const srpIn = (id) => results.find((r) => r.id === id)?.inputs?.some((i) => /dist\/srp\.js$/.test(i))
  if (results.find((r) => r.id === 'admin-class')?.inputs) console.log(`  note: AdminCognito ${srpIn('admin-class') ? 'includes' : 'does not include'} the SRP maths (it extends Cognito); createAdminClient ${srpIn('admin') ? 'includes' : 'does not include'} them`)
}

/** The README's table, for users: what an app ships, beside what the same app ships with the competitors. */
function userTable() {
  const USER = { login: 'sign a user in (SRP), one call: `signIn`', 'login-fn': 'sign in with every challenge: `createClient` + `authenticate`', reset: 'password reset and change: `initiateForgotPassword`, `confirmForgotPassword`, `changePassword` (client secret)', refresh: 'call an API as a stored user: `createTokenSource` + `authFetch`', jwt: 'verify tokens: `createVerifier` (`cognito-edge/jwt`)', admin: 'admin calls: `createAdminClient` (`cognito-edge/admin`)', cognito: 'the whole `Cognito` class', 'admin-class': 'the whole `AdminCognito` class', 'identity-js': 'an amazon-cognito-identity-js app on `cognito-edge/identity-js`' }
  const rows = ['| app | gzip -9 |', '|---|---:|']
  for (const r of results) if (USER[r.id] && r.gzip) rows.push(`| ${USER[r.id]} | ${r.gzip.toLocaleString('en-US')} |`)
  const acij = results.find((r) => r.id === 'acij-app')
  rows.push('', '| the same with other libraries | gzip -9 |', '|---|---:|')
  if (acij?.gzip) rows.push(`| the identity-js app above on amazon-cognito-identity-js 6.3.21 | ${acij.gzip.toLocaleString('en-US')} |`)
  for (const [name, gz] of ANCHORS) if (!name.startsWith('floor')) rows.push(`| ${name} | ${gz.toLocaleString('en-US')} |`)
  return rows.join('\n')
}

/** The evidence table for BENCHMARKS.md: budgets, status, and the modules inside the login bundle. */
function benchmarksTable() {
  const login = results.find((r) => r.id === 'login')
  const mods = Object.entries(login?.modules ?? {}).sort((a, b) => b[1] - a[1])
  const minTotal = mods.reduce((n, [, b]) => n + b, 0)
  return [table(), '', `Inside the SRP login bundle (\`signIn\`, ${login?.min?.toLocaleString('en-US')} B minified, ${login?.gzip?.toLocaleString('en-US')} B gzip): each module's minified bytes, and its share.`, '', '| module | minified bytes | share |', '|---|---:|---:|', ...mods.map(([m, b]) => `| \`${m.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')}\` | ${b.toLocaleString('en-US')} | ${((100 * b) / minTotal).toFixed(1)} % |`)].join('\n')
}

/** Replace what stands between a file's markers. */
function writeBetween(fileName, marker, content) {
  const file = path.join(root, fileName)
  const text = readFileSync(file, 'utf8')
  const start = `<!-- ${marker}:start (generated by node scripts/size.mjs --write-docs) -->`
  const end = `<!-- ${marker}:end -->`
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  if (i < 0 || j < i) {
    console.error(`${fileName} has no ${marker} markers`)
    process.exit(1)
  }
  writeFileSync(file, text.slice(0, i + start.length) + '\n' + content + '\n' + text.slice(j))
  console.log(`${fileName}: ${marker} updated`)
}

if (process.argv.includes('--write-docs')) {
  writeBetween('README.md', 'size-table', userTable())
  writeBetween('BENCHMARKS.md', 'size-budgets', benchmarksTable())
}

if (failed.length) {
  console.log(`size: ${failed.length} check(s) failed: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}`)
  if (process.argv.includes('--report-only')) {
    console.log('size: BUDGETS NOT ENFORCED in this run (--report-only): the failures above are reported, not fatal')
    process.exit(0)
  }
  process.exit(1)
}
if (missed.length) {
  console.log(`size: ${missed.length} target(s) NOT MET (${missed.map((r) => `${r.id} ${r.gzip} B > ${r.budget} B`).join(', ')}); regression ceilings held, no bleed`)
} else console.log(`size: all budgets met, no bleed (${results.filter((r) => r.status === 'pending').length} entries pending)`)

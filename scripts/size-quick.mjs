// Quick bundle-size check (issue 6): esbuild --bundle --minify --format=esm --platform=browser, gzip -9.
// Usage: node scripts/size-quick.mjs [--meta]   (prints per-file bytesInOutput with --meta)
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'

const cases = [
  ['signIn', "export { signIn } from './src/index.ts'", 3072],
  ['Cognito', "export { Cognito } from './src/index.ts'", 8192],
  ['jwt', "export { createVerifier } from './src/jwt.ts'", 3072],
  ['admin', "export { AdminCognito } from './src/admin.ts'", 6144],
]
const meta = process.argv.includes('--meta')
// `--entry "export { x } from './src/y.ts'"` measures an ad-hoc entry instead
const ei = process.argv.indexOf('--entry')
if (ei > 0) cases.splice(0, cases.length, ['entry', process.argv[ei + 1], Infinity]), process.argv.splice(ei, 2)
if (process.argv.includes('--out')) process.env.SIZE_OUT = '1'
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'))
for (const [name, contents, budget] of cases) {
  if (only.length && !only.includes(name)) continue
  const r = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true,
  })
  const code = r.outputFiles[0].contents
  if (process.env.SIZE_OUT) (await import('node:fs')).writeFileSync(`/tmp/size-${name}.js`, code)
  const gz = gzipSync(code, { level: 9 }).length
  console.log(`${name.padEnd(8)} ${String(code.length).padStart(6)} min ${String(gz).padStart(6)} gz  budget ${budget} ${gz <= budget ? 'ok' : 'OVER'}`)
  if (meta) {
    const inputs = Object.values(r.metafile.outputs)[0].inputs
    for (const [f, { bytesInOutput }] of Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput))
      if (bytesInOutput) console.log(`    ${String(bytesInOutput).padStart(6)} ${f}`)
  }
}

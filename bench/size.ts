/**
 * Login bundle sizes: each bench/size/*.js entry bundled like anchors.md §1.1
 * (`esbuild --bundle --minify --format=esm --platform=browser`), then `gzip -9` and brotli 11.
 * Entries whose imports do not exist yet (ours-jwt.js before src/jwt.ts lands) are reported as
 * skipped. Node only.
 *
 *   npx tsx bench/size.ts
 * @module
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const dir = fileURLToPath(new URL('./size/', import.meta.url))

export const ENTRIES: [file: string, what: string][] = [
  ['ours-signin.js', '**cognito-edge**: `signIn({ … })` → tokens (the SRP-login-only import)'],
  ['ours.js', '**cognito-edge**: `new Cognito(…).authenticate(password)` → tokens (the whole user class)'],
  ['acij.js', 'amazon-cognito-identity-js 6.3.21: `CognitoUser.authenticateUser` → tokens'],
  ['amplify.js', 'Amplify v6 (aws-amplify 6.22.1): `configure` + `signIn` + `fetchAuthSession`'],
  ['srphelper.js', 'cognito-srp-helper 2.3.4 + @aws-sdk/client-cognito-identity-provider 3.1169.0'],
  ['ours-srp-only.js', '**cognito-edge/srp**: SRP maths only (`createSrpSession`, `passwordVerifier`, `poolNameOf`)'],
  ['acij-srp-only.js', 'acij `AuthenticationHelper` only'],
  ['srphelper-only.js', 'cognito-srp-helper functions only, no SDK'],
  ['ours-jwt.js', '**cognito-edge/jwt**: `createVerifier(…).verify`'],
  ['jwtverify.js', 'aws-jwt-verify 5.2.1: `CognitoJwtVerifier.create(…).verify`'],
]

export interface SizeRow {
  entry: string
  what: string
  raw?: number
  gzip?: number
  brotli?: number
  skipped?: string
}

const gzip9 = (b: Buffer): number => {
  try {
    return execFileSync('gzip', ['-9', '-c'], { input: b }).length
  } catch {
    return gzipSync(b, { level: 9 }).length // no gzip binary: zlib at level 9 (within a few bytes)
  }
}

export async function benchSize(): Promise<SizeRow[]> {
  const rows: SizeRow[] = []
  for (const [entry, what] of ENTRIES) {
    if (entry === 'ours-jwt.js' && !existsSync(fileURLToPath(new URL('../src/jwt.ts', import.meta.url)))) {
      rows.push({ entry, what, skipped: 'src/jwt.ts does not exist yet' })
      continue
    }
    let r
    try {
      r = await build({ entryPoints: [dir + entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' })
    } catch (e) {
      rows.push({ entry, what, skipped: `does not build here (${String((e as Error).message).split('\n')[0]!.slice(0, 120)})` })
      continue
    }
    const code = Buffer.from(r.outputFiles[0]!.contents)
    const br = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length } }).length
    rows.push({ entry, what, raw: code.length, gzip: gzip9(code), brotli: br })
  }
  return rows
}

export function sizeTable(rows: SizeRow[]): string {
  const ours = rows.find((r) => r.entry === 'ours-signin.js')?.gzip ?? rows.find((r) => r.entry === 'ours.js')?.gzip
  const n = (x?: number): string => (x === undefined ? '—' : x.toLocaleString('en-US'))
  return [
    'Login bundle size (esbuild 0.28.2 --bundle --minify --format=esm --platform=browser; bytes)',
    '',
    '| entry | what | minified | gzip -9 | brotli 11 | gzip × ours (signIn) |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map((r) =>
      r.skipped
        ? `| ${r.entry} | ${r.what} | skipped: ${r.skipped} | | | |`
        : `| ${r.entry} | ${r.what} | ${n(r.raw)} | ${n(r.gzip)} | ${n(r.brotli)} | ${ours ? (r.gzip! / ours).toFixed(1) : ''} |`,
    ),
  ].join('\n')
}

if (process.argv[1]?.endsWith('size.ts')) console.log(sizeTable(await benchSize()))

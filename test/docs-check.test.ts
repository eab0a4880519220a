/**
 * The docs-example runner (scripts/check-docs.ts) on a fixture (test/docs-check/sample.md, hand
 * written for this test): it must pass the blocks that work against the local pool (a sign-in,
 * an `aws` block with admin keys and the real JWKS URL, codes read with `prompt`, TOTP, email
 * MFA, a new password, a client secret, a block that relies on the previous block's password
 * change NOT being seen) and report exactly the five that do not, each at its line: a thrown
 * error, a type error, a syntax error (which must not hide the type error), a block that never
 * finishes, a local block that reaches AWS. A runner that
 * passes everything, or fails everything, fails this test. The fence parser is checked directly.
 */
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { envReads, extractBlocks } from '../scripts/docs-check/blocks.ts'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The newest modification time under `dir`, ms. */
function newest(dir: string): number {
  return Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs))
}

/** Blocks import the built package: build it when dist/ is missing or older than src/. */
function ensureBuilt(): void {
  let built = 0
  try {
    built = statSync(path.join(root, 'dist/index.js')).mtimeMs
  } catch {}
  if (built < newest(path.join(root, 'src'))) execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' })
}

test('the runner passes the working blocks and reports exactly the failing ones, by line', { timeout: 240_000 }, () => {
  ensureBuilt()
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-docs.ts', 'test/docs-check/sample.md', '--json', '--timeout', '12000'], { cwd: root, encoding: 'utf8' })
  assert.equal(r.status, 1, `the runner exits 1 when a block fails\n${r.stderr}`)
  const report = JSON.parse(r.stdout) as { blocks: Array<{ line: number; mode: string; ran: boolean; failures: string[] }>; global: string[]; passed: number; failed: number }
  const at = (line: number): (typeof report.blocks)[number] => report.blocks.find((b) => b.line === line) ?? assert.fail(`no block at line ${line}`)
  const failedLines = report.blocks.filter((b) => b.failures.length).map((b) => b.line)
  assert.deepEqual(failedLines, [9, 131, 140, 149, 155], JSON.stringify(report.blocks, null, 1))
  assert.match(at(131).failures[0]!, /^test\/docs-check\/sample\.md:131 NotAuthorizedException: Incorrect username or password/)
  assert.match(at(140).failures[0]!, /^test\/docs-check\/sample\.md:143:7 TS2322: Type 'AuthResult' is not assignable to type 'number'/)
  assert.equal(at(140).ran, false, 'a block with type errors is not run')
  assert.match(at(149).failures[0]!, /^test\/docs-check\/sample\.md:150:23 TS1136: Property assignment expected/)
  assert.match(at(9).failures[0]!, /:9 did not finish in 12 s/)
  assert.match(at(155).failures[0]!, /:155 a block for the local pool reached https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\//)
  // the working blocks ran and passed; the no-run block was only type-checked; ignore: neither
  for (const line of [15, 27, 48, 57, 66, 79, 89, 99]) assert.deepEqual([line, at(line).ran, at(line).failures], [line, true, []])
  assert.deepEqual([at(114).mode, at(114).ran, at(114).failures], ['no-run', false, []])
  assert.deepEqual([at(121).mode, at(121).ran], ['ignore', false])
  assert.equal(report.blocks.length, 15, 'the ```sh block is not a ts block')
  assert.deepEqual([report.passed, report.failed, report.global], [9, 5, []])
})

test('fences: modifiers, indentation, other languages, mistakes', () => {
  const md = [
    '```ts aws no-run', 'a()', '```', //
    '- item', '  ```ts', '  b()', '    c()', '  ```',
    '````ts', '```', 'd()', '````',
    '```js', 'not ts', '```',
    '```ts norun', 'e()', '```',
    '```ts', 'f()',
  ].join('\n')
  const blocks = extractBlocks('x.md', md)
  assert.deepEqual(
    blocks.map((b) => [b.line, b.mode, b.aws, b.code, b.problem]),
    [
      [1, 'no-run', true, 'a()\n', undefined],
      [5, 'run', false, 'b()\n  c()\n', undefined],
      [9, 'run', false, '```\nd()\n', undefined],
      [16, 'run', false, 'e()\n', 'unknown modifier "norun" after ```ts: use aws, no-run or ignore'],
      [19, 'run', false, 'f()\n', 'the code block is never closed'],
    ],
  )
})

test('process.env: only the admin keys and the client secret may be read', () => {
  assert.deepEqual(envReads("process.env.AWS_ACCESS_KEY_ID; process.env['COGNITO_CLIENT_SECRET']; process.env[\"AWS_SECRET_ACCESS_KEY\"]"), [])
  assert.deepEqual(envReads('process.env.HOME; process.env[`USER`]; const { PATH } = process.env'), ['HOME', 'USER', 'process.env'])
})

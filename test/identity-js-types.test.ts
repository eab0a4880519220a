/**
 * TypeScript compatibility: test/types/acij-sample.ts, an app written against
 * amazon-cognito-identity-js's own declarations, compiles unchanged against `cognito-edge/identity-js`
 * once its import names the new entry. The sample is compiled twice in one program (as written, and
 * with the import changed, served from memory), with the project's strict test options; a variant
 * with a deliberate mistake shows the check can fail. Node only (runs the TypeScript compiler).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const samplePath = path.join(root, 'test/types/acij-sample.ts')
const sample = readFileSync(samplePath, 'utf8')
const FROM = "from 'amazon-cognito-identity-js'"

/** Diagnostics of the sample as written and of `variants` (virtual files next to it), one program. */
function compile(variants: Record<string, string>): Record<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.test.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) })!
  const files = Object.fromEntries(Object.entries(variants).map(([name, text]) => [path.join(root, 'test/types', name), text]))
  const host = ts.createCompilerHost(config.options)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (f) => f in files || fileExists(f)
  host.readFile = (f) => files[f] ?? readFile(f)
  host.getSourceFile = (f, v, ...rest) => (f in files ? ts.createSourceFile(f, files[f]!, v) : getSourceFile(f, v, ...rest))
  const program = ts.createProgram([samplePath, ...Object.keys(files)], { ...config.options, noEmit: true }, host)
  const out: Record<string, string[]> = {}
  for (const f of [samplePath, ...Object.keys(files)]) {
    const sf = program.getSourceFile(f)!
    out[path.basename(f)] = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  }
  return out
}

test('an app typed against amazon-cognito-identity-js compiles unchanged against cognito-edge/identity-js', () => {
  assert.equal(sample.split(FROM).length, 2, 'the sample has exactly one import of amazon-cognito-identity-js')
  const swapped = sample.replace(FROM, "from '../../src/identity-js.ts'")
  // a call acij's types do not have: the same check must reject it
  const broken = swapped.replace('user.getCachedDeviceKeyAndPassword()', 'user.getCachedDeviceKeyAndPasswords()')
  assert.notEqual(broken, swapped)
  const d = compile({ 'identity-js-sample.ts': swapped, 'identity-js-broken.ts': broken })
  assert.deepEqual(d['acij-sample.ts'], [], 'the sample compiles against acij')
  assert.deepEqual(d['identity-js-sample.ts'], [], 'and, with only the import changed, against cognito-edge/identity-js')
  assert.equal(d['identity-js-broken.ts']!.length, 1)
  assert.match(d['identity-js-broken.ts']![0]!, /getCachedDeviceKeyAndPasswords/)
})

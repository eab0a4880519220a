/**
 * The SigV4 signer (aws4fetch) is reachable only from `cognito-edge/admin`: a bundle of the `.`
 * entry point contains no signer, the admin bundle does. (Node only: runs esbuild.)
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { build } from 'esbuild'

async function bundle(entry: string): Promise<string> {
  const out = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent' })
  return out.outputFiles[0]!.text
}

test('the "." bundle has no SigV4 signer; "./admin" has one', async () => {
  const main = await bundle('src/index.ts')
  const admin = await bundle('src/admin.ts')
  assert.ok(!main.includes('AWS4-HMAC-SHA256') && !main.includes('aws4_request'), '"." must not contain SigV4')
  assert.ok(admin.includes('AWS4-HMAC-SHA256'), '"./admin" signs with SigV4')
  assert.ok(!main.includes('ListUserPoolClientSecrets'), 'operation types cost nothing: no SigV4-only operation name in "."')
})

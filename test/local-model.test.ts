import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { generate } from '../scripts/gen-local-model.ts'

test('src/local/model.gen.ts is generated from the committed service model (run scripts/gen-local-model.ts)', () => {
  const model = JSON.parse(readFileSync(new URL('../model/cognito-idp.model.json', import.meta.url), 'utf8'))
  assert.equal(readFileSync(new URL('../src/local/model.gen.ts', import.meta.url), 'utf8'), generate(model))
})

test('the library entry point does not pull in the local pool or its model', () => {
  // walk the static import graph of src/index.ts
  const seen = new Set<string>()
  const visit = (url: URL): void => {
    if (seen.has(url.pathname)) return
    seen.add(url.pathname)
    const text = readFileSync(url, 'utf8')
    for (const m of text.matchAll(/(?:import|export)[^'"]*from\s+'(\.[^']+)'/g)) visit(new URL(m[1]!, url))
  }
  visit(new URL('../src/index.ts', import.meta.url))
  assert.ok(seen.size > 3)
  assert.deepEqual([...seen].filter((p) => p.includes('/src/local/') || p.endsWith('/demo.ts')), [])
})

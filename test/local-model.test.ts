import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { generate } from '../scripts/gen-local-model.ts'

test('src/local/model.gen.ts is generated from the committed service model (run scripts/gen-local-model.ts)', () => {
  const model = JSON.parse(readFileSync(new URL('../model/cognito-idp.model.json', import.meta.url), 'utf8'))
  assert.equal(readFileSync(new URL('../src/local/model.gen.ts', import.meta.url), 'utf8'), generate(model))
})

test('the library entry point does not pull in the local pool or its model', () => {
  const index = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8')
  assert.doesNotMatch(index, /local|model\.gen/)
})

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { runDemo } from '../../src/demo.ts'

test('the demo narrates every step of a user\'s life and all of them pass', async () => {
  const lines: string[] = []
  const r = await runDemo((l) => lines.push(l))
  assert.equal(r.ok, true, lines.join('\n'))
  assert.deepEqual(r.steps.map((s) => s.title), [
    'sign up', 'confirm with the emailed code', 'SRP login', 'verify both tokens', 'set up TOTP MFA', 'log in with TOTP',
    'remember the device', 'log in with device SRP', 'refresh', 'change password', 'forgot password + reset',
    'admin disables and re-enables', 'global sign-out, refresh fails',
  ])
  assert.ok(r.steps.every((s) => s.ok && s.operations.length > 0))
  assert.deepEqual(r.steps[7]!.operations, ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge', 'RespondToAuthChallenge'])
  assert.ok(r.steps[12]!.operations.includes('InitiateAuth!NotAuthorizedException'))
  assert.match(lines.at(-1)!, /^ok: 13\/13 steps/)
})

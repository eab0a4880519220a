/**
 * What every function does with what it is given before anything is sent: a value that did not
 * come from `createClient` is refused with an ArgumentError naming the client, for every exported
 * function that takes one (the cases of test/support/function-cases.ts cover them all).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createClient, respondToNewPasswordChallenge, respondToSmsMfaChallenge, type Challenge, type CognitoClient } from '../../src/index.ts'
import { functionCases, NO_CLIENT } from '../support/function-cases.ts'
import { noFetch, refused } from '../support/function-replay.ts'
import { CLIENT, POOL } from '../support/signin-data.ts'

const options = { userPoolId: POOL, clientId: CLIENT, fetch: noFetch }
const cases = functionCases(options)
/** Looks like a client (same fields, frozen) but was not made by createClient. */
const impostor: CognitoClient = Object.freeze({ userPoolId: POOL, clientId: CLIENT })

for (const [name, calls] of Object.entries(cases)) {
  if (NO_CLIENT.includes(name)) continue
  test(`${name} refuses a client that createClient did not make`, async () => {
    assert.ok(calls.length, `${name} has a case`)
    for (const { run } of calls) {
      await refused(() => run(impostor), '"client" must come from createClient()')
      await refused(() => run({ ...createClient(options) }), '"client" must come from createClient()')
    }
  })
}

test('every function that returns a promise rejects it rather than throwing (ArgumentErrors arrive as rejections, as send() gives them)', async () => {
  const sync: string[] = []
  const settle = async (name: string, run: () => Promise<unknown>): Promise<void> => {
    let p: Promise<unknown>
    try {
      p = run()
    } catch {
      sync.push(name)
      return
    }
    await assert.rejects(p)
  }
  for (const [name, calls] of Object.entries(cases)) {
    // createTokenSource is a factory, like createClient: it refuses a bad client when called, synchronously
    if (!NO_CLIENT.includes(name) && name !== 'createTokenSource') for (const { run } of calls) await settle(name, () => run(impostor))
  }
  const client = createClient(options)
  const sms: Challenge = { name: 'SMS_MFA', parameters: {}, session: 'S', username: 'alice', availableChallenges: undefined }
  await settle('respondToSmsMfaChallenge with a bad code', () => respondToSmsMfaChallenge(client, sms, '12ab'))
  await settle('respondToNewPasswordChallenge with an SMS_MFA challenge', () => respondToNewPasswordChallenge(client, sms, 'N3w-passw0rd!'))
  assert.deepEqual(sync, [])
})

test('a challenge without parameters, or with a Session that is not a string, is refused with an ArgumentError before any request', async () => {
  const client = createClient(options)
  await refused(() => respondToNewPasswordChallenge(client, { name: 'NEW_PASSWORD_REQUIRED', username: 'alice' } as never, 'N3w-passw0rd!'), '"challenge"')
  await refused(() => respondToSmsMfaChallenge(client, { name: 'SMS_MFA', parameters: {}, session: 42, username: 'alice' } as never, '123456'), '"challenge"')
})

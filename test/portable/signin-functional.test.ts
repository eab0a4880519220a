import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ChallengeError, signIn } from '../../src/index.ts'
import { replay, type Fixture } from '../support/replay.ts'
import { checkSrp, seededRng } from '../support/signin.ts'
import { CLIENT, NOW, PASSWORD, POOL, SECRET, TYPED, DEVICE_KEY } from '../support/signin-data.ts'
import srpSecret from '../../fixtures/signin-srp-secret.json' with { type: 'json' }
import totp from '../../fixtures/signin-totp-retry.json' with { type: 'json' }
import deviceSrp from '../../fixtures/signin-device-srp.json' with { type: 'json' }

const base = { userPoolId: POOL, clientId: CLIENT, username: TYPED, password: PASSWORD, now: () => NOW, rng: seededRng(7), retry: false as const }

test('signIn: functional SRP login with a client secret, proof checked independently', async () => {
  const r = replay(srpSecret as Fixture)
  const tokens = await signIn({ ...base, clientSecret: SECRET, fetch: r.fetch })
  r.done()
  assert.equal(checkSrp(srpSecret, r.seen).length, 1)
  assert.equal(tokens.tokenType, 'Bearer')
  assert.equal(tokens.expiresAt, NOW + 3600_000)
  assert.ok(tokens.refreshToken)
})

test('signIn: a challenge is thrown as ChallengeError with its Session', async () => {
  const r = replay({ ...(totp as Fixture), interactions: totp.interactions.slice(0, 2) })
  await assert.rejects(signIn({ ...base, clientSecret: SECRET, fetch: r.fetch }), (e: unknown) => {
    assert.ok(e instanceof ChallengeError)
    assert.equal(e.challengeName, 'SOFTWARE_TOKEN_MFA')
    assert.ok(e.session)
    return true
  })
  r.done()
})

test('signIn sends DEVICE_KEY for a remembered device', async () => {
  const r = replay({ ...(deviceSrp as Fixture), interactions: deviceSrp.interactions.slice(0, 2) })
  await assert.rejects(signIn({ ...base, deviceKey: DEVICE_KEY, fetch: r.fetch }), (e: unknown) => e instanceof ChallengeError && e.challengeName === 'DEVICE_SRP_AUTH')
  r.done()
})

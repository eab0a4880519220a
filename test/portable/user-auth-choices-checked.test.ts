/**
 * A USER_AUTH sign-in's caller mistakes that Cognito would only refuse after a round trip, caught
 * before the request that would carry them: a passkey function that resolves to no credential
 * (`undefined`, `null`, a number) would send RespondToAuthChallenge without CREDENTIAL; a
 * `selectChallenge` choice that is not among the challenges Cognito offered (`availableChallenges`)
 * would be refused by Cognito. Both are ArgumentErrors; the first names the credential of `webauthn`,
 * the second the offered challenges. Replayed from the recorded USER_AUTH fixtures (every request asserted: no
 * request beyond the first is made); portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, Cognito, selectChallenge, userAuth, type Challenge } from '../../src/index.ts'
import { answerOf, assertion, clientFor, offlineClient, refused, tokensFrom } from '../support/function-replay.ts'
import { CLIENT, NOW, POOL, SUB, TYPED } from '../support/signin-data.ts'
import { replay, type Fixture } from '../support/replay.ts'
import uaWebauthn from '../../fixtures/signin-user-auth-webauthn.json' with { type: 'json' }
import uaEmail from '../../fixtures/signin-user-auth-select-email.json' with { type: 'json' }

/** The fixture's first `n` interactions only: a request past them fails the replay. */
const first = (fixture: unknown, n: number): Fixture => ({ ...(fixture as Fixture), interactions: (fixture as Fixture).interactions.slice(0, n) })

test('a passkey function that resolves to no credential is an ArgumentError naming it, and no RespondToAuthChallenge is sent', async () => {
  for (const bad of [undefined, null, 42, true, '', []]) {
    const { client, done, seen } = clientFor(first(uaWebauthn, 1))
    await refused(() => userAuth(client, { username: TYPED, preferred: 'WEB_AUTHN', webauthn: async () => bad }), '"webauthn\'s credential"', 'ERR_INVALID_ARG_TYPE')
    done()
    assert.deepEqual(seen.map((r) => r.operation), ['InitiateAuth'], String(bad))
  }
  // the class, through the same flow
  for (const bad of [undefined, null]) {
    const r = replay(first(uaWebauthn, 1))
    const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, username: TYPED, fetch: r.fetch, now: () => NOW, retry: false })
    await refused(() => user.userAuth({ preferred: 'WEB_AUTHN', webauthn: async () => bad as never }), '"webauthn\'s credential"')
    r.done()
  }
  // control: an object or its JSON is answered
  for (const good of [assertion, JSON.stringify(assertion)]) {
    const { client, done } = clientFor(uaWebauthn)
    assert.deepEqual(await userAuth(client, { username: TYPED, preferred: 'WEB_AUTHN', webauthn: async () => good }), { tokens: tokensFrom(answerOf(uaWebauthn)), username: SUB })
    done()
  }
})

test('selectChallenge with a choice Cognito did not offer is an ArgumentError naming the offered ones, before any request', async () => {
  const { client, done } = clientFor(first(uaEmail, 1))
  const step = await userAuth(client, { username: TYPED })
  done()
  const select = step.challenge!
  assert.deepEqual(select.availableChallenges, ['PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'])
  const offline = offlineClient()
  for (const choice of ['SMS_OTP', 'PASSWORD'] as const) {
    await assert.rejects(selectChallenge(offline, select, choice, { password: 'x' }), (e: unknown) => {
      assert.ok(e instanceof ArgumentError, String(e))
      assert.equal(e.code, 'ERR_INVALID_ARG_VALUE')
      assert.match(e.message, /^"challenge" must be one of PASSWORD_SRP,EMAIL_OTP,WEB_AUTHN$/)
      return true
    })
  }
  // a challenge that lists none (saved before the list was kept, or built by hand) is not checked
  const unlisted: Challenge = { ...select, availableChallenges: undefined }
  const again = clientFor({ ...(uaEmail as Fixture), interactions: (uaEmail as Fixture).interactions.slice(1, 2) })
  const otp = await selectChallenge(again.client, unlisted, 'EMAIL_OTP', {})
  again.done()
  assert.equal(otp.challenge?.name, 'EMAIL_OTP')
})

test('the class: selectChallenge with a choice not offered is refused and the pending challenge stays answerable', async () => {
  const r = replay(uaEmail as Fixture)
  const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, username: TYPED, fetch: r.fetch, now: () => NOW, retry: false })
  await assert.rejects(user.userAuth(), (e: any) => e.challengeName === 'SELECT_CHALLENGE')
  await refused(() => user.selectChallenge('SMS_OTP'), 'PASSWORD_SRP,EMAIL_OTP,WEB_AUTHN', 'ERR_INVALID_ARG_VALUE')
  await assert.rejects(user.selectChallenge('EMAIL_OTP'), (e: any) => e.challengeName === 'EMAIL_OTP')
  await user.respondToEmailOtpChallenge('86420975')
  r.done()
  assert.ok(user.accessToken)
})

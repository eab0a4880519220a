/**
 * Two passkey registrations racing past the 20th passkey at the local pool (src/local/webauthn.ts
 * checks the limit again when a registration completes): the later one is refused. Whether two
 * in-process registrations overlap depends on how the runtime schedules their WebCrypto work, so
 * this test retries until they do and runs on Node only (the portable file
 * local-mutants-webauthn.test.ts holds the deterministic cases).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createAuthenticator } from './support/passkey-authenticator.ts'
import { call, completeRegistration as complete, creationOptions, ok, passkeyPool as signedIn } from './support/local.ts'

test('two registrations racing past the 20th passkey: the later one is LimitExceededException, the user keeps 20', async () => {
  const { pool, token } = await signedIn()
  for (let i = 0; i < 19; i++) { const r = await complete(pool, token, await (await createAuthenticator()).register(await creationOptions(pool, token))); assert.equal(r.status, 200, JSON.stringify(r.body)) }
  // the first completion takes its challenge, then a second registration starts (19 passkeys still stored) and completes too;
  // when the second start comes before the first completion took its challenge, or after it stored its passkey, there is no
  // race: the surplus passkey is deleted and the race run again
  const [one, two] = [await createAuthenticator(), await createAuthenticator()]
  for (let attempt = 1; ; attempt++) {
    assert.ok(attempt <= 10, 'the two registrations never overlapped')
    const first = complete(pool, token, await one.register(await creationOptions(pool, token)))
    const start = await call(pool, 'StartWebAuthnRegistration', { AccessToken: token })
    const second = start.status === 200 ? await complete(pool, token, await two.register(start.body['CredentialCreationOptions'])) : start
    const a = await first
    if (a.status === 200 && start.status === 200) {
      assert.deepEqual([second.status, second.body.__type], [400, 'LimitExceededException'])
      break
    }
    // no overlap: the first completion lost its challenge to the second start, or stored its passkey before the second start
    assert.equal(a.status === 200 ? start.body.__type : a.body.__type, a.status === 200 ? 'LimitExceededException' : 'WebAuthnChallengeNotFoundException')
    const stored = pool.user('alice')!.passkeys
    assert.equal(stored.length, 20)
    await ok(pool, 'DeleteWebAuthnCredential', { AccessToken: token, CredentialId: stored.find((id) => id === one.credentialId || id === two.credentialId) })
  }
  assert.equal(pool.user('alice')!.passkeys.length, 20)
})

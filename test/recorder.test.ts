/**
 * The recorder (scripts/recorder.ts), with no network: a real client runs against the replayed
 * login fixtures through `recordingFetch`, and the recorded fixture must keep the shape of the
 * exchange (operations, statuses, error names, request ids) while no password, client secret,
 * token, session or SRP value survives; it must also pass the model validation every fixture
 * gets, and a recorded USER_PASSWORD_AUTH fixture must replay.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, NotAuthorizedException } from '../src/index.ts'
import { recordingFetch, redactBody } from '../scripts/recorder.ts'
import { loginFixtures, type LoginFixture } from './support/login-fixtures.ts'
import { replay, type Fixture } from './support/replay.ts'
import { validateError, validateOutput, validateRequest } from './support/model.ts'

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16))
}

const pw = (fx: LoginFixture): string => (fx.call as { password: string }).password

async function recordLogin(fx: LoginFixture) {
  const r = replay(fx)
  const rec = recordingFetch(r.fetch, { secrets: [pw(fx), ...(fx.client.clientSecret ? [fx.client.clientSecret] : [])] })
  const inject = fx.inject!
  const user = new Cognito({ ...fx.client, fetch: rec.fetch, rng: (n) => hexBytes(inject.privateValue.padStart(2 * n, '0')), now: () => inject.now, retry: false })
  const outcome = await user.authenticate(pw(fx)).then(
    () => 'ok',
    (e: unknown) => e,
  )
  r.done()
  return { rec, outcome, user }
}

/** Every secret value of an exchange: from the fixture's requests and responses. */
function secretsOf(fx: LoginFixture): string[] {
  const out: string[] = [pw(fx)]
  if (fx.client.clientSecret) out.push(fx.client.clientSecret)
  const keys = ['SRP_A', 'SRP_B', 'SALT', 'SECRET_BLOCK', 'PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'SECRET_HASH', 'AccessToken', 'IdToken', 'RefreshToken', 'Session', 'PASSWORD']
  const walk = (v: unknown): void => {
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (keys.includes(k) && typeof x === 'string' ? out.push(x) : walk(x))
  }
  for (const it of fx.interactions) {
    walk(it.request.body)
    walk(it.response.body)
  }
  return out
}

function validate(f: Fixture): string[] {
  return f.interactions.flatMap((it) => [
    ...validateRequest(it.request.operation, it.request.body),
    ...(it.response.body === undefined ? [] : it.response.status < 300 ? validateOutput(it.request.operation, it.response.body) : validateError(it.request.operation, it.response.body)),
  ])
}

for (const name of ['srp-login-client-secret', 'srp-login-alias', 'srp-wrong-password']) {
  test(`recorder: ${name} keeps the exchange and redacts every secret`, async () => {
    const fx = loginFixtures[name]!
    const { rec, outcome } = await recordLogin(fx)
    if (fx.expect.error) assert.ok(outcome instanceof NotAuthorizedException)
    else assert.equal(outcome, 'ok')
    const f = rec.fixture('recorded in a test', 'test')
    const text = JSON.stringify(f)
    const secrets = secretsOf(fx)
    assert.ok(secrets.length >= 6)
    for (const s of secrets) assert.ok(!text.includes(s), `secret ${s.slice(0, 12)}… survived redaction`)
    // the shape of the exchange survives
    assert.deepEqual(f.interactions.map((i) => [i.request.operation, i.response.status]), fx.interactions.map((i) => [i.request.operation, i.response.status]))
    assert.equal(f.interactions[0]!.request.headers!['x-amz-target'], 'AWSCognitoIdentityProviderService.InitiateAuth')
    const init = f.interactions[0]!.request.body as { AuthParameters: Record<string, string>; ClientId: string }
    assert.equal(init.AuthParameters['SRP_A'], '$any')
    assert.equal(init.AuthParameters['USERNAME'], fx.client.username)
    assert.equal(init.ClientId, fx.client.clientId)
    if (fx.client.clientSecret) assert.equal(init.AuthParameters['SECRET_HASH'], '$any')
    const challenge = f.interactions[0]!.response.body as { ChallengeName: string; ChallengeParameters: Record<string, string> }
    assert.equal(challenge.ChallengeName, 'PASSWORD_VERIFIER')
    assert.equal(challenge.ChallengeParameters['SRP_B'], 'REDACTED')
    assert.equal(challenge.ChallengeParameters['USER_ID_FOR_SRP'], (fx.srpServer as { id: string }).id)
    const last = f.interactions[1]!.response
    assert.equal(last.headers!['x-amzn-requestid'], fx.interactions[1]!.response.headers!['x-amzn-requestid'])
    if (fx.expect.error) assert.equal((last.body as { __type: string }).__type, 'NotAuthorizedException')
    else assert.equal((last.body as { AuthenticationResult: Record<string, unknown> }).AuthenticationResult['ExpiresIn'], 3600)
    assert.deepEqual(validate(f), [])
  })
}

test('recorder: a recorded USER_PASSWORD_AUTH fixture replays, and non-JSON / failed exchanges are recorded', async () => {
  const fx = loginFixtures['password-login']!
  const r = replay(fx)
  const rec = recordingFetch(r.fetch, { secrets: [pw(fx)] })
  await new Cognito({ ...fx.client, fetch: rec.fetch }).authenticate(pw(fx), { flow: 'USER_PASSWORD_AUTH' })
  const f = rec.fixture('test')
  const text = JSON.stringify(f)
  for (const s of secretsOf(fx)) assert.ok(!text.includes(s))
  assert.equal((f.interactions[0]!.request.body as { AuthParameters: Record<string, string> }).AuthParameters['PASSWORD'], '$any')
  // the recorded (redacted) fixture drives the client again
  const again = replay(f)
  const user = new Cognito({ ...fx.client, fetch: again.fetch })
  const res = await user.authenticate('any password', { flow: 'USER_PASSWORD_AUTH' })
  assert.equal(res.accessToken, 'REDACTED')
  again.done()

  // an HTML page is kept as rawBody; a network failure is recorded as such and rethrown
  const html = recordingFetch(async () => new Response('<html>502 for pw123</html>', { status: 502, headers: { 'content-type': 'text/html', 'set-cookie': 'a=b' } }), { secrets: ['pw123'] })
  await html.fetch('https://x/', { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth', authorization: 'AWS4 secret' }, body: '{"AuthParameters":{"PASSWORD":"pw123"}}' })
  assert.equal(html.interactions[0]!.response.rawBody, '<html>502 for REDACTED</html>')
  assert.deepEqual(html.interactions[0]!.response.headers, { 'content-type': 'text/html' })
  assert.deepEqual(html.interactions[0]!.request.headers, { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' })
  const down = recordingFetch(async () => {
    throw new TypeError('fetch failed')
  })
  await assert.rejects(down.fetch('https://x/', { method: 'POST', body: '{}' }), TypeError)
  assert.equal(down.interactions[0]!.response.networkError, true)
  const ctl = new AbortController()
  ctl.abort()
  const aborted = recordingFetch(async () => {
    throw new DOMException('aborted', 'AbortError')
  })
  await assert.rejects(aborted.fetch('https://x/', { method: 'POST', body: '{}', signal: ctl.signal }))
  assert.equal(aborted.interactions[0]!.response.abort, true)
  // redact: false keeps everything (local debugging only)
  const plain = recordingFetch(async () => new Response('{"AuthenticationResult":{"AccessToken":"tok"}}'), { redact: false })
  await plain.fetch('https://x/', { method: 'POST', body: '{"AuthParameters":{"PASSWORD":"pw"}}' })
  assert.match(JSON.stringify(plain.interactions), /"pw".*"tok"/)
})

test('redactBody replaces secret members at any depth, including device verifier and TOTP secrets', () => {
  const out = redactBody(
    { AccessToken: 'a', DeviceSecretVerifierConfig: { PasswordVerifier: 'v', Salt: 's' }, DeviceKey: 'dk', list: [{ Session: 'x' }], SecretCode: 'S', n: 1, nil: null },
    (k) => `<${k}>`,
  )
  assert.deepEqual(out, { AccessToken: '<AccessToken>', DeviceSecretVerifierConfig: { PasswordVerifier: '<PasswordVerifier>', Salt: '<Salt>' }, DeviceKey: 'dk', list: [{ Session: '<Session>' }], SecretCode: '<SecretCode>', n: 1, nil: null })
})

/**
 * Two ways an app could stall every request through `authFetch`, and what it does instead:
 * a `margin` given by mistake in milliseconds (60000 for a minute) would renew the tokens before
 * every request, so a margin above an hour is an ArgumentError naming `margin` (from every
 * `checkToken`, so at a request's start, before any renewal or request); an `onRenew` that never settles holds the shared renewal,
 * but each request's own `signal` still ends its wait. Replayed from the recorded refresh fixture;
 * portable.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AbortError, ArgumentError, authFetch, Cognito, createTokenSource, isExpiring } from '../../src/index.ts'
import { clientFor, offlineClient } from '../support/function-replay.ts'
import { REFRESH } from '../support/signin-data.ts'
import afRefresh from '../../fixtures/signin-authfetch-refresh.json' with { type: 'json' }

const marginRefused = (e: unknown) => {
  assert.ok(e instanceof ArgumentError, String(e))
  assert.equal(e.code, 'ERR_INVALID_ARG_VALUE')
  assert.equal(e.message, '"margin" must be 0 to 3600 s')
  return true
}
const b64 = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
const fresh = `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 7200, username: 'u' })}.c2ln`

test('a margin in milliseconds (above an hour) is an ArgumentError naming "margin" at the first request, before any renewal or request', async () => {
  let sent = 0
  const fetch = async (): Promise<Response> => (sent++, new Response('ok'))
  // an expired access token: a margin that slipped through would renew (offlineClient fails the test on any request)
  const expired = `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) - 10, username: 'u' })}.c2ln`
  for (const margin of [60_000, 3601, 86_400, Infinity]) {
    const source = createTokenSource(offlineClient(), { refreshToken: REFRESH, accessToken: expired })
    await assert.rejects(authFetch(source, { fetch, margin })('https://api.example.com/me'), marginRefused, `margin ${margin}`)
    const user = new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: expired, refreshToken: REFRESH, fetch: async () => assert.fail('no request may be made') })
    await assert.rejects(authFetch(user, { fetch, margin })('https://api.example.com/me'), marginRefused, `margin ${margin}, class`)
  }
  assert.equal(sent, 0)
  // an hour and less is taken: 3600 s does not renew a token that lives two more hours
  const source = createTokenSource(offlineClient(), { refreshToken: REFRESH, accessToken: fresh })
  for (const margin of [0, 30.5, 60, 3600]) assert.equal((await authFetch(source, { fetch, margin })('https://api.example.com/me')).status, 200)
  assert.equal(sent, 4)
})

test('the same bound holds wherever a margin is taken: checkToken of a token source and of the class, isExpiring', async () => {
  const source = createTokenSource(offlineClient(), { refreshToken: REFRESH, accessToken: fresh })
  await assert.rejects(source.checkToken({ margin: 60_000 }), marginRefused)
  assert.equal(await source.checkToken({ margin: 3600 }), false, 'a token with two hours left is not renewed with a margin of an hour')
  const user = new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: fresh })
  await assert.rejects(user.checkToken({ margin: 60_000, renew: false }), marginRefused)
  assert.equal(await user.checkToken({ margin: 3600, renew: false }), false)
  assert.throws(() => isExpiring({ exp: 1 }, undefined, 0, 3601), marginRefused)
  assert.equal(isExpiring({ exp: 7200 }, undefined, 0, 3600), false)
})

test('an onRenew that never settles: each request waiting for the renewal ends at its own signal', async () => {
  const { client } = clientFor(afRefresh)
  let called = 0
  const source = createTokenSource(client, { refreshToken: REFRESH, onRenew: () => (called++, new Promise<void>(() => {})) })
  let sent = 0
  const api = authFetch(source, { fetch: async () => (sent++, new Response('ok')) })
  for (let i = 0; i < 3; i++) {
    const ctl = new AbortController()
    const t = setTimeout(() => ctl.abort(new Error('gave up')), 20)
    await assert.rejects(api('https://api.example.com/me', { signal: ctl.signal }), (e: unknown) => e instanceof AbortError && (e.cause as Error).message === 'gave up')
    clearTimeout(t)
  }
  // a Request's own signal counts too
  const ctl = new AbortController()
  const t = setTimeout(() => ctl.abort(), 20)
  await assert.rejects(api(new Request('https://api.example.com/me', { signal: ctl.signal })), AbortError)
  clearTimeout(t)
  assert.equal(called, 1, 'one renewal, one onRenew: the later requests wait for the same one')
  assert.equal(sent, 0, 'no request went out without the renewal being saved')
})

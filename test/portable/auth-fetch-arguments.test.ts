/**
 * authFetch's own options, checked when it is created: an `allowedOrigins` entry that is not an
 * absolute URL is the caller's mistake, so it is an ArgumentError naming the option (not the
 * runtime's bare "Invalid URL"), before any renewal or request. Portable (no network).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, authFetch, Cognito } from '../../src/index.ts'

const b64 = (o: unknown): string => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
const token = `${b64({ alg: 'none' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, username: 'u' })}.c2ln`
const user = (): Cognito => new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: token })

test('an allowedOrigins entry that is not an absolute URL is an ArgumentError naming "allowedOrigins", before any request', () => {
  let sent = 0
  const fetch = async (): Promise<Response> => (sent++, new Response('ok'))
  for (const bad of ['cdn.example.net', '/assets', '', 42 as never, null as never]) {
    assert.throws(
      () => authFetch(user(), { fetch, allowedOrigins: ['https://ok.example.com', bad] }),
      (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /^"allowedOrigins" /.test(e.message),
      `allowedOrigins entry ${JSON.stringify(bad)}`,
    )
  }
  assert.equal(sent, 0)
  // the good forms still pass: any path or trailing slash names the origin
  authFetch(user(), { fetch, allowedOrigins: ['https://cdn.example.net/', 'https://media.example.org/assets', 'http://localhost:8080'] })
})

test('a header name or prefix that cannot make an HTTP header is an ArgumentError naming them, which does not quote the value', () => {
  for (const bad of [{ header: 'X Token' }, { prefix: 'Bearer\r\nX-Injected: 1\r\n' }]) {
    assert.throws(
      () => authFetch(user(), bad),
      (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /^"header \/ prefix" /.test(e.message) && !/X Token|Injected/.test(e.message),
      JSON.stringify(bad),
    )
  }
})

test('a held token that cannot be a header value is refused with an error that does not quote it, and nothing is sent', async () => {
  // restored from a store that another script wrote, or a token given with a line break or NUL in it
  // (the runtime's TypeError quotes the value; a trailing line break is trimmed, as fetch trims it)
  for (const bad of [`${token}\r\nX-Injected: 1`, `${token.replace('.', '\n.')}`, `${token}\0`]) {
    let sent = 0
    const api = authFetch(new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: bad }), { fetch: async () => (sent++, new Response('ok')) })
    const err = await api('https://api.example.com/me').then(() => undefined, (e: unknown) => e)
    // an ArgumentError (a TypeError, as the runtime's own) naming the token, not quoting it
    assert.ok(err instanceof ArgumentError && /^"accessToken" /.test(err.message), String(err))
    assert.ok(!String((err as Error).message).includes(token.split('.')[1]!), `the message quotes the token: ${(err as Error).message}`)
    assert.ok(!/Injected/.test(String((err as Error).message)))
    assert.equal(sent, 0)
  }
})

test('a held ID token that cannot be a header value is refused naming "idToken" (tokenType: "id"), not quoting it', async () => {
  let sent = 0
  const api = authFetch(new Cognito({ userPoolId: 'us-east-1_Af1', clientId: 'c', accessToken: token, idToken: `${token}\r\nX-Injected: 1` }), { tokenType: 'id', fetch: async () => (sent++, new Response('ok')) })
  const err = await api('https://api.example.com/me').then(() => undefined, (e: unknown) => e)
  assert.ok(err instanceof ArgumentError && /^"idToken" /.test(err.message), String(err))
  assert.ok(!/Injected/.test(err.message))
  assert.equal(sent, 0)
})

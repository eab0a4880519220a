/**
 * The transport's reliance on runtime behaviour (Response/Headers parsing, AbortController,
 * timers, error classes across module boundaries), exercised through an injected fetch so that
 * the same assertions hold on node, bun and deno.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AbortError, isCognitoError, NotAuthorizedException, ResponseError, send, TimeoutError, TooManyRequestsException } from '../../src/index.ts'

const H = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'f7c5e4a0-0000-4000-8000-000000000001' }
const opts = { region: 'us-east-1', retry: { random: () => 0 } }

/** A fetch that hangs until its signal aborts, like a stalled connection. */
const hanging = (_url: string, init: RequestInit): Promise<Response> =>
  new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason), { once: true }))

test('a Cognito 400 becomes the named error class with status and request id', async () => {
  const fetch = async (): Promise<Response> =>
    new Response(JSON.stringify({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }), {
      status: 400,
      headers: { ...H, 'x-amzn-errortype': 'NotAuthorizedException:', 'x-amzn-errormessage': 'Incorrect username or password.' },
    })
  const err = await send('InitiateAuth', {}, { ...opts, fetch }).catch((e: unknown) => e)
  assert.ok(err instanceof NotAuthorizedException)
  assert.ok(isCognitoError(err))
  assert.equal(err.message, 'Incorrect username or password.')
  assert.equal(err.status, 400)
  assert.equal(err.requestId, H['x-amzn-requestid'])
})

test('throttling is retried, then the answer is returned; the request is what Cognito expects', async () => {
  const seen: { url: string; target: string | null; type: string | null }[] = []
  let n = 0
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const h = new Headers(init.headers)
    seen.push({ url, target: h.get('x-amz-target'), type: h.get('content-type') })
    return n++ === 0
      ? new Response(JSON.stringify({ __type: 'TooManyRequestsException', message: 'Rate exceeded' }), { status: 400, headers: H })
      : new Response(JSON.stringify({ Username: 'alice' }), { status: 200, headers: H })
  }
  assert.deepEqual(await send('GetUser', { AccessToken: 'x' }, { ...opts, fetch }), { Username: 'alice' })
  assert.equal(seen.length, 2)
  assert.deepEqual(seen[0], { url: 'https://cognito-idp.us-east-1.amazonaws.com/', target: 'AWSCognitoIdentityProviderService.GetUser', type: 'application/x-amz-json-1.1' })
  const once = await send('GetUser', {}, { ...opts, retry: false, fetch: async () => new Response('{"__type":"TooManyRequestsException"}', { status: 400, headers: H }) }).catch((e: unknown) => e)
  assert.ok(once instanceof TooManyRequestsException)
})

test('an HTML gateway page is a ResponseError, not a crash', async () => {
  const fetch = async (): Promise<Response> => new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })
  const err = await send('GetUser', {}, { ...opts, retry: false, fetch }).catch((e: unknown) => e)
  assert.ok(err instanceof ResponseError)
  assert.equal(err.status, 502)
})

test('a stalled request times out with TimeoutError, and a caller abort gives AbortError', async () => {
  const t = await send('GetUser', {}, { ...opts, retry: false, timeout: 5, fetch: hanging }).catch((e: unknown) => e)
  assert.ok(t instanceof TimeoutError, String(t))
  const ctl = new AbortController()
  const pending = send('GetUser', {}, { ...opts, timeout: 0, signal: ctl.signal, fetch: hanging }).catch((e: unknown) => e)
  ctl.abort()
  assert.ok((await pending) instanceof AbortError)
})

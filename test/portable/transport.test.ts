/**
 * Transport details that are not a response sequence: argument checks, endpoint resolution,
 * headers, the signing hook, the server-date hook, fetch looked up at call time, and failures
 * of the fetch implementation itself. Injected fetch only (portable).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  AbortError,
  ArgumentError,
  CognitoServiceError,
  NetworkError,
  ResponseError,
  TimeoutError,
  endpointForRegion,
  parseErrorType,
  processResponse,
  regionFromPoolId,
  resolveEndpoint,
  send,
  type CallOptions,
} from '../../src/index.ts'

const CT = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' }
interface Sent {
  url: string
  init: RequestInit
  headers: Headers
}
/** A fetch answering every call with `respond(n)`; records what was sent. */
function stub(respond: (n: number) => Response | Promise<Response> = () => new Response('{}', { status: 200, headers: CT })) {
  const sent: Sent[] = []
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    sent.push({ url, init, headers: new Headers(init.headers) })
    return respond(sent.length)
  }
  return { fetch, sent }
}

test('regionFromPoolId / endpointForRegion / resolveEndpoint', () => {
  assert.equal(regionFromPoolId('us-east-1_AbCdEf123'), 'us-east-1')
  assert.equal(regionFromPoolId('ap-southeast-2_x1'), 'ap-southeast-2')
  assert.equal(regionFromPoolId('us-gov-west-1_x1'), 'us-gov-west-1')
  for (const bad of ['local_abc', 'us-east-1', 'us-east-1_', 'US-EAST-1_abc', 'us-east-1_a-b']) {
    assert.throws(() => regionFromPoolId(bad), (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /"userPoolId"/.test(e.message))
  }
  assert.equal(endpointForRegion('eu-west-1'), 'https://cognito-idp.eu-west-1.amazonaws.com/')
  assert.equal(endpointForRegion('cn-north-1'), 'https://cognito-idp.cn-north-1.amazonaws.com.cn/')
  assert.throws(() => endpointForRegion('eu west'), ArgumentError)
  assert.equal(resolveEndpoint({}, 'eu-central-1_abc'), 'https://cognito-idp.eu-central-1.amazonaws.com/')
  assert.equal(resolveEndpoint({ region: 'us-west-2' }, 'eu-central-1_abc'), 'https://cognito-idp.us-west-2.amazonaws.com/')
  assert.equal(resolveEndpoint({ endpoint: 'http://127.0.0.1:9229', region: 'us-west-2' }, 'eu-central-1_abc'), 'http://127.0.0.1:9229/')
  assert.throws(() => resolveEndpoint({ endpoint: 'not a url' }), /"endpoint" must be an http\(s\) URL without credentials/)
  assert.throws(() => resolveEndpoint({ endpoint: 'ftp://x/' }), /"endpoint" must be an http\(s\) URL/)
  assert.throws(() => resolveEndpoint({}), ArgumentError)
})

test('send: POST / with the protocol headers and the JSON body, to the pool region', async () => {
  const s = stub(() => new Response('{"Username":"alice","UserAttributes":[]}', { status: 200, headers: CT }))
  const out = await send('GetUser', { AccessToken: 't' }, { userPoolId: 'eu-west-2_Pool1', fetch: s.fetch })
  assert.deepEqual(out, { Username: 'alice', UserAttributes: [] })
  assert.equal(s.sent.length, 1)
  const { url, init, headers } = s.sent[0]!
  assert.equal(url, 'https://cognito-idp.eu-west-2.amazonaws.com/')
  assert.equal(init.method, 'POST')
  assert.equal(headers.get('content-type'), 'application/x-amz-json-1.1')
  assert.equal(headers.get('x-amz-target'), 'AWSCognitoIdentityProviderService.GetUser')
  assert.equal(headers.get('authorization'), null)
  assert.equal(init.body, '{"AccessToken":"t"}')
  assert.equal('credentials' in init, false, 'no credentials member: Cloudflare Workers reject it')
  assert.ok(init.signal instanceof AbortSignal)
})

test('send: an operation with no input sends {}', async () => {
  const s = stub()
  await send('ListUserPools', undefined as unknown as object, { region: 'us-east-1', fetch: s.fetch })
  assert.equal(s.sent[0]!.init.body, '{}')
})

test('extra headers are sent lower-cased and cannot override or duplicate the protocol headers', async () => {
  const s = stub()
  await send('GetUser', {}, { region: 'us-east-1', fetch: s.fetch, headers: { 'X-Amz-User-Agent': 'my-app/1.0', 'Content-Type': 'text/plain', 'X-Amz-Target': 'Evil.Op' } })
  const h = s.sent[0]!.headers
  assert.equal(h.get('x-amz-user-agent'), 'my-app/1.0')
  assert.equal(h.get('content-type'), 'application/x-amz-json-1.1')
  assert.equal(h.get('x-amz-target'), 'AWSCognitoIdentityProviderService.GetUser')
})

test('an authorization header is rejected before any request, in any letter case', async () => {
  const s = stub()
  for (const name of ['authorization', 'Authorization', 'AUTHORIZATION']) {
    await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch: s.fetch, headers: { [name]: 'Bearer x' } }), (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_VALUE' && /"headers"/.test(e.message))
  }
  assert.equal(s.sent.length, 0)
})

test('caller mistakes are ArgumentErrors raised before any request', async () => {
  const s = stub()
  const base = { region: 'us-east-1', fetch: s.fetch }
  const cases: Array<[() => Promise<unknown>, RegExp]> = [
    [() => send('getUser', {}, base), /"operation"/],
    [() => send('', {}, base), /"operation"/],
    [() => send('GetUser', [] as unknown as object, base), /"input"/],
    [() => send('GetUser', 'x' as unknown as object, base), /"input"/],
    [() => send('GetUser', {}, null as unknown as object), /"options"/],
    [() => send('GetUser', {}, { ...base, fetch: 'nope' as unknown as typeof fetch }), /"fetch"/],
    [() => send('GetUser', {}, { ...base, timeout: -1 }), /"timeout"/],
    [() => send('GetUser', {}, { ...base, timeout: Number.NaN }), /"timeout"/],
    [() => send('GetUser', {}, { ...base, timeout: 2 ** 31 }), /"timeout"/],
    [() => send('GetUser', {}, { ...base, retry: { maxAttempts: 0 } }), /"retry.maxAttempts"/],
    [() => send('GetUser', {}, { ...base, retry: { maxAttempts: 1.5 } }), /"retry.maxAttempts"/],
    [() => send('GetUser', {}, { ...base, headers: { 'x-a': 1 as unknown as string } }), /"headers\.x-a" must be a string/],
    [() => send('GetUser', {}, { ...base, headers: 'x' as unknown as Record<string, string> }), /"headers"/],
    [() => send('GetUser', {}, { fetch: s.fetch }), /"endpoint", "region" or "userPoolId"/],
    [() => send('GetUser', {}, { ...base, signal: { aborted: false } as unknown as AbortSignal }), /"signal" must be an AbortSignal/],
  ]
  for (const [call, msg] of cases) await assert.rejects(call(), (e: unknown) => e instanceof ArgumentError && e instanceof TypeError && msg.test(e.message))
  assert.equal(s.sent.length, 0)
})

test('a retry policy that is not an object, or has a bad delay or random source, is refused before any request', async () => {
  const s = stub()
  const base = { region: 'us-east-1', fetch: s.fetch }
  const bad = <T>(v: unknown): T => v as T
  const cases: Array<[NonNullable<CallOptions['retry']>, RegExp]> = [
    [bad('x'), /^"retry" must be an object or false$/],
    [bad(true), /^"retry" must be an object or false$/],
    [bad([]), /^"retry" must be an object or false$/],
    [bad(null), /^"retry" must be an object or false$/],
    [{ baseDelay: -1 }, /^"retry.baseDelay" must be 0 to 2147483647 ms$/],
    [{ baseDelay: bad('50') }, /^"retry.baseDelay" must be 0 to 2147483647 ms$/],
    [{ throttleBaseDelay: Number.NaN }, /^"retry.throttleBaseDelay" must be 0 to 2147483647 ms$/],
    [{ maxDelay: 2 ** 31 }, /^"retry.maxDelay" must be 0 to 2147483647 ms$/],
    [{ random: bad(0.5) }, /^"retry.random" must be a function$/],
    [{ maxAttempts: 11 }, /^"retry.maxAttempts" must be 1 to 10$/],
  ]
  for (const [retry, msg] of cases) {
    await assert.rejects(send('GetUser', {}, { ...base, retry }), (e: unknown) => e instanceof ArgumentError && msg.test(e.message), String(retry))
  }
  await assert.rejects(send('GetUser', {}, { ...base, maxResponseBytes: 0 }), (e: unknown) => e instanceof ArgumentError && e.message === '"maxResponseBytes" must be 1 to 2147483647')
  assert.equal(s.sent.length, 0)
  // the limits themselves are accepted
  await send('GetUser', {}, { ...base, retry: { baseDelay: 0, throttleBaseDelay: 2 ** 31 - 1, maxDelay: 0, maxAttempts: 10, random: () => 0 } })
  await send('GetUser', {}, { ...base, retry: false })
  assert.equal(s.sent.length, 2)
})

test('the sign hook runs once per attempt and its request is what gets sent', async () => {
  const s = stub((n) => (n === 1 ? new Response('', { status: 503 }) : new Response('{}', { status: 200, headers: CT })))
  let signs = 0
  await send('AdminGetUser', { UserPoolId: 'p', Username: 'u' }, {
    region: 'us-east-1',
    fetch: s.fetch,
    retry: { random: () => 0 },
    sign: async (req) => ({ ...req, headers: { ...req.headers, authorization: `AWS4-HMAC-SHA256 attempt=${++signs}` } }),
  })
  assert.equal(signs, 2)
  assert.deepEqual(s.sent.map((x) => x.headers.get('authorization')), ['AWS4-HMAC-SHA256 attempt=1', 'AWS4-HMAC-SHA256 attempt=2'])
})

test('onServerDate receives the Date header of each response', async () => {
  const s = stub(() => new Response('{}', { status: 200, headers: { ...CT, date: 'Mon, 03 Jan 2022 09:00:00 GMT' } }))
  const seen: unknown[] = []
  await send('GetUser', {}, { region: 'us-east-1', fetch: s.fetch, onServerDate: (server, local) => void seen.push(server, typeof local) })
  assert.deepEqual(seen, [Date.UTC(2022, 0, 3, 9), 'number'])
  // a throwing observer does not fail (or retry) the call
  const once = stub(() => new Response('{"ok":true}', { status: 200, headers: { ...CT, date: 'Mon, 03 Jan 2022 09:00:00 GMT' } }))
  assert.deepEqual(await send('GetUser', {}, { region: 'us-east-1', fetch: once.fetch, onServerDate: () => { throw new Error('observer bug') } }), { ok: true })
  assert.equal(once.sent.length, 1)
  const bad = stub(() => new Response('{}', { status: 200, headers: { ...CT, date: 'garbage' } }))
  // (recorded, not asserted inside the hook: the transport swallows what an observer throws)
  const called: unknown[] = []
  await send('GetUser', {}, { region: 'us-east-1', fetch: bad.fetch, onServerDate: (server) => void called.push(server) })
  assert.deepEqual(called, [], 'no callback for an unparseable date')
})

test('the global fetch is looked up at call time, not captured at import or construction', async () => {
  const saved = globalThis.fetch
  const s = stub()
  try {
    globalThis.fetch = s.fetch as typeof fetch
    await send('GetUser', {}, { region: 'us-east-1' })
    assert.equal(s.sent.length, 1)
  } finally {
    globalThis.fetch = saved
  }
})

test('an aborted signal stops the call before any request; an abort during sign stops it before fetch', async () => {
  const s = stub()
  const ctl = new AbortController()
  ctl.abort()
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch: s.fetch, signal: ctl.signal }), AbortError)
  const ctl2 = new AbortController()
  await assert.rejects(
    send('GetUser', {}, { region: 'us-east-1', fetch: s.fetch, signal: ctl2.signal, sign: async (r) => (ctl2.abort(), r) }),
    AbortError,
  )
  assert.equal(s.sent.length, 0)
})

test('a fetch that ignores the signal still ends at the timeout or the abort', async () => {
  const never = (): Promise<Response> => new Promise(() => undefined)
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch: never, timeout: 5, retry: false }), (e: unknown) => e instanceof TimeoutError && e.code === 'ERR_TIMEOUT')
  const ctl = new AbortController()
  const p = send('GetUser', {}, { region: 'us-east-1', fetch: () => (queueMicrotask(() => ctl.abort()), never()), signal: ctl.signal, timeout: 0 })
  await assert.rejects(p, (e: unknown) => e instanceof AbortError && e.code === 'ERR_ABORTED')
})

test('a body that never finishes is cut by the timeout; a body stream that errors is a NetworkError', async () => {
  const hanging = (): Response => new Response(new ReadableStream({ start() {} }), { status: 200, headers: CT })
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch: async () => hanging(), timeout: 5, retry: false }), TimeoutError)
  let n = 0
  const broken = async (): Promise<Response> => {
    n++
    return new Response(new ReadableStream({ pull(c) { c.error(new Error('connection reset')) } }), { status: 200, headers: CT })
  }
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch: broken, retry: { random: () => 0 } }), (e: unknown) => e instanceof NetworkError && e.retryable)
  assert.equal(n, 3, 'a lost connection is retried')
})

test('a fetch that returns something other than a Response → ResponseError', async () => {
  await assert.rejects(send('GetUser', {}, { region: 'us-east-1', fetch: async () => ({}) as Response, retry: false }), ResponseError)
})

test('parseErrorType follows the awsJson rules', () => {
  const h = (o: Record<string, string> = {}): Headers => new Headers(o)
  assert.deepEqual(parseErrorType({ __type: 'a.b#Foo:bar,baz' }, h()), { name: 'Foo', message: 'Foo' })
  assert.deepEqual(parseErrorType({ code: 'Foo', Message: 'M' }, h()), { name: 'Foo', message: 'M' })
  assert.deepEqual(parseErrorType([], h({ 'x-amzn-errortype': 'Foo:', 'x-amzn-errormessage': 'hdr' })), { name: 'Foo', message: 'hdr' })
  assert.equal(parseErrorType({}, h()), undefined)
  assert.equal(parseErrorType({ __type: '' }, h()), undefined)
  assert.equal(parseErrorType({ __type: '#:' }, h()), undefined)
  assert.equal(parseErrorType({ __type: 'Bad<script>Name' }, h())?.name, 'BadscriptName')
  assert.equal(parseErrorType({ __type: 'X', message: 'm'.repeat(5000) }, h())?.message.length, 1024)
})

test('processResponse works on any Response (for callers with their own fetch)', async () => {
  assert.deepEqual(await processResponse(new Response('{"a":1}', { status: 200 })), { a: 1 })
  await assert.rejects(processResponse(new Response('{"__type":"NotAuthorizedException","message":"m"}', { status: 400, headers: { 'x-amzn-requestid': 'q' } })), (e: unknown) => e instanceof CognitoServiceError && e.name === 'NotAuthorizedException' && e.requestId === 'q' && e.status === 400)
  await assert.rejects(processResponse(new Response('{"a":', { status: 200 })), (e: unknown) => e instanceof ResponseError && !(e.cause instanceof ResponseError))
})

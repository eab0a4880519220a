/**
 * Secrets in the runtime's own TypeErrors. `fetch` and `Headers` refuse a header value with a
 * line break (or a URL with a user name and password in it) with a TypeError that QUOTES the
 * value: `Headers.append: "<value>" is an invalid header value.`, `Request cannot be constructed
 * from a URL that includes credentials: https://user:password@host/`. A value the caller configured
 * (an API key in `headers`, a proxy password in `endpoint`, an AWS session token) must be refused
 * as an ArgumentError naming the option, before any request and without quoting it: before these
 * checks each reached a NetworkError's message (retried as a transient failure), or escaped the
 * SigV4 signer as a raw TypeError.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { ArgumentError, call, createClient, send, type FetchLike } from '../../src/index.ts'
import { createAdminClient } from '../../src/admin.ts'
import { CLIENT, POOL } from '../support/signin-data.ts'

const API_KEY = 'S3cretApiKey9f8e7d6c'
const PROXY_PASSWORD = 'Pr0xyPassw0rd7a6b5c'
const SESSION_TOKEN = 'FQoGZXIvYXdzEXAMPLESESSIONTOKEN1234'

/** A fetch that builds the Request as the runtime's own fetch does (and so throws what it throws), and counts what it sent. */
function runtimeLikeFetch(): { fetch: FetchLike; sent: Request[] } {
  const sent: Request[] = []
  return {
    sent,
    fetch: async (url, init) => {
      sent.push(new Request(url, init))
      return new Response('{}', { headers: { 'x-amzn-requestid': 'r1' } })
    },
  }
}

/** Every text an app might log about `e`. */
const textsOf = (e: unknown): string => [String(e), (e as Error).message, JSON.stringify(e), inspect(e, { depth: 5 })].join('\n')

/** `act` fails with an ArgumentError (ERR_INVALID_ARG_VALUE) naming `name`, nothing was sent, and no text about the error holds `secret`. */
async function refusedQuietly(act: () => unknown, name: string, secret: string, sent: Request[]): Promise<void> {
  let err: unknown
  try {
    await act()
  } catch (e) {
    err = e
  }
  assert.ok(err, 'the call must fail')
  assert.ok(!textsOf(err).includes(secret), `the error must not quote the secret: ${textsOf(err)}`)
  assert.ok(err instanceof ArgumentError, `expected an ArgumentError, got ${(err as Error).name}`)
  assert.ok(err.message.includes(`"${name}"`), `"${err.message}" names ${name}`)
  // a string of the right type whose value is refused, like every other refused value
  assert.equal(err.code, 'ERR_INVALID_ARG_VALUE', `${name}: ${err.message}`)
  assert.equal(sent.length, 0, 'no request may be sent')
}

for (const [what, headers] of [
  ['a line break in a header value', { 'x-api-key': `${API_KEY}\r\nX-Injected: 1` }],
  ['a NUL in a header value', { 'x-api-key': `${API_KEY}\0` }],
  ['a header name with a space', { [`x ${API_KEY}`]: 'v' }],
] as const) {
  test(`"headers" with ${what} is an ArgumentError, before any request, that does not quote the header`, async () => {
    const rt = runtimeLikeFetch()
    const base = { userPoolId: POOL, clientId: CLIENT, fetch: rt.fetch, retry: false as const }
    await refusedQuietly(() => createClient({ ...base, headers }), 'headers', API_KEY, rt.sent)
    await refusedQuietly(() => send('GetUser', { AccessToken: 'token' }, { region: 'us-east-1', fetch: rt.fetch, headers }), 'headers', API_KEY, rt.sent)
    await refusedQuietly(() => call(createClient(base), 'GetUser', { AccessToken: 'token' }, { headers }), 'headers', API_KEY, rt.sent)
    const admin = createAdminClient({ userPoolId: POOL, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }, fetch: rt.fetch, retry: false, headers })
    await refusedQuietly(() => admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }), 'headers', API_KEY, rt.sent)
  })
}

test('valid headers still go out (spaces around a value are trimmed, as fetch does)', async () => {
  const rt = runtimeLikeFetch()
  await send('GetUser', { AccessToken: 'token' }, { region: 'us-east-1', fetch: rt.fetch, headers: { 'x-api-key': ` ${API_KEY} `, 'user-agent': 'app/1.0 (é)' } })
  assert.equal(rt.sent.length, 1)
  assert.equal(rt.sent[0]!.headers.get('x-api-key'), API_KEY)
})

test('an "endpoint" with a user name and password in it is an ArgumentError that does not quote them, before any request', async () => {
  const rt = runtimeLikeFetch()
  const endpoint = `https://proxyuser:${PROXY_PASSWORD}@cognito-proxy.example.com/`
  await refusedQuietly(() => createClient({ userPoolId: POOL, clientId: CLIENT, fetch: rt.fetch, endpoint }), 'endpoint', PROXY_PASSWORD, rt.sent)
  await refusedQuietly(() => send('GetUser', { AccessToken: 'token' }, { fetch: rt.fetch, endpoint }), 'endpoint', PROXY_PASSWORD, rt.sent)
  await refusedQuietly(() => send('GetUser', { AccessToken: 'token' }, { fetch: rt.fetch, endpoint: `https://${PROXY_PASSWORD}@cognito-proxy.example.com/` }), 'endpoint', PROXY_PASSWORD, rt.sent)
  const admin = createAdminClient({ userPoolId: POOL, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }, fetch: rt.fetch, endpoint })
  await refusedQuietly(() => admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }), 'endpoint', PROXY_PASSWORD, rt.sent)
})

test('an AWS session token or access key id that cannot go in a header is an ArgumentError naming it, never quoting it', async () => {
  const rt = runtimeLikeFetch()
  const keys = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }
  // a token copied from a console with a line wrap in it
  const wrapped = SESSION_TOKEN.slice(0, 20) + '\n' + SESSION_TOKEN.slice(20)
  await refusedQuietly(
    async () => {
      const admin = createAdminClient({ userPoolId: POOL, credentials: { ...keys, sessionToken: wrapped }, fetch: rt.fetch, retry: false })
      await admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' })
    },
    'credentials.sessionToken',
    SESSION_TOKEN.slice(20),
    rt.sent,
  )
  await refusedQuietly(
    async () => {
      const admin = createAdminClient({ userPoolId: POOL, credentials: { ...keys, accessKeyId: 'AKID\nEXAMPLE' }, fetch: rt.fetch, retry: false })
      await admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' })
    },
    'credentials.accessKeyId',
    'EXAMPLE',
    rt.sent,
  )
  // the same token with only a trailing line break is what fetch trims: it still signs
  const admin = createAdminClient({ userPoolId: POOL, credentials: { ...keys, sessionToken: SESSION_TOKEN + '\r\n' }, fetch: rt.fetch, retry: false })
  await admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' })
  assert.equal(rt.sent[0]!.headers.get('x-amz-security-token'), SESSION_TOKEN)
})

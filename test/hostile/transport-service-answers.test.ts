/**
 * What a hostile or broken endpoint's answers may not do to the client: make it trust an expired
 * token through a `Date` decades off, or take the clock from an answer that is not Cognito's;
 * carry a token quoted in an error message into `err.message` / `toJSON()`; or fail with a
 * `NetworkError` that says nothing about where and why. Portable (injected fetch).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, CognitoServiceError, NetworkError, send } from '../../src/index.ts'

const CT = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' }
/** An unsigned JWT-shaped token with these claims (checkToken reads `exp` only). */
const jwt = (claims: Record<string, unknown>): string => `eyJhbGciOiJub25lIn0.${btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.c2lnbmF0dXJl`

test('a Date header decades off is ignored: clockSkew stays 0 and an expired token is still expired', async () => {
  const expired = jwt({ exp: Math.floor(Date.now() / 1000) - 3600, username: 'u' })
  const fetch = async (): Promise<Response> => new Response('{"Username":"u","UserAttributes":[]}', { status: 200, headers: { ...CT, date: 'Sat, 01 Jan 1990 00:00:00 GMT' } })
  const user = new Cognito({ userPoolId: 'us-east-1_Skew1', clientId: 'c', accessToken: expired, fetch })
  await user.call('GetUser', {})
  assert.equal(user.clockSkew, 0)
  assert.equal(await user.checkToken({ renew: false }), true, 'the expired token is seen as expired')
})

test("the clock is taken only from Cognito's answers: a proxy's error page with a wrong Date changes nothing", async () => {
  const past = new Date(Date.now() - 5 * 86_400_000).toUTCString()
  const proxyPage = async (): Promise<Response> => new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html', date: past } })
  const user = new Cognito({ userPoolId: 'us-east-1_Skew1', clientId: 'c', accessToken: 'opaque', fetch: proxyPage, retry: false })
  await assert.rejects(user.call('GetUser', {}))
  assert.equal(user.clockSkew, 0, "the proxy's date is not Cognito's")
  // the control: the same date on Cognito's own answer is taken
  const cognito = async (): Promise<Response> => new Response('{"Username":"u","UserAttributes":[]}', { status: 200, headers: { ...CT, date: past } })
  const other = new Cognito({ userPoolId: 'us-east-1_Skew1', clientId: 'c', accessToken: 'opaque', fetch: cognito })
  await other.call('GetUser', {})
  assert.ok(other.clockSkew < -4 * 86_400_000)
})

test('a token quoted in a service error message is redacted in the message and in toJSON()', async () => {
  const token = jwt({ sub: 'abc', exp: 2_000_000_000, token_use: 'access' })
  const refresh = 'AbCdEfGh1234567890ijklMNOPqrstUVwxyz0987654321-_abcDEF'
  const fetch = async (): Promise<Response> =>
    new Response(JSON.stringify({ __type: 'NotAuthorizedException', message: `Invalid token ${token} or refresh ${refresh} for user alice` }), { status: 400, headers: CT })
  const e = await send('GetUser', { AccessToken: token }, { region: 'us-east-1', fetch }).catch((x: unknown) => x)
  assert.ok(e instanceof CognitoServiceError)
  const shown = e.message + JSON.stringify(e) + String(e)
  assert.ok(!shown.includes(token) && !shown.includes(refresh), shown)
  assert.equal(e.message, 'Invalid token [redacted] or refresh [redacted] for user alice')
})

test('a NetworkError names the host and the cause (ENOTFOUND, a runtime refusing the request), never the body', async () => {
  const cause = Object.assign(new Error('getaddrinfo ENOTFOUND cognito-idp.eu-west-3.amazonaws.com'), { code: 'ENOTFOUND' })
  const fetch = async (): Promise<Response> => {
    throw new TypeError('fetch failed', { cause })
  }
  const e = await send('InitiateAuth', { AuthParameters: { PASSWORD: 'hunter2-secret' } }, { region: 'eu-west-3', fetch, retry: false }).catch((x: unknown) => x)
  assert.ok(e instanceof NetworkError)
  assert.match(e.message, /cognito-idp\.eu-west-3\.amazonaws\.com/)
  assert.match(e.message, /ENOTFOUND/)
  assert.match(e.message, /fetch failed/)
  assert.ok(!e.message.includes('hunter2'))
  const denied = async (): Promise<Response> => {
    throw new Error('Requires net access to "127.0.0.1:9", run again with the --allow-net flag')
  }
  const d = await send('GetUser', {}, { endpoint: 'http://127.0.0.1:9/', fetch: denied, retry: false }).catch((x: unknown) => x)
  assert.ok(d instanceof NetworkError)
  assert.match(d.message, /127\.0\.0\.1:9.*--allow-net/)
})

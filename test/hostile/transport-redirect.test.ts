/**
 * A hostile endpoint that redirects: Cognito never does, and following would re-POST the body (a
 * password of USER_PASSWORD_AUTH, an admin `Password`, a refresh token) to another origin and
 * accept that origin's answer as the sign-in. Two real loopback servers and the runtime's own
 * fetch (Node only): the second server must never see a request.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Cognito, ResponseError, send } from '../../src/index.ts'

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      hits.push(body)
      handler!(req, res)
    })
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hits }
}

for (const status of [301, 302, 303, 307, 308]) {
  test(`a ${status} from the endpoint is a ResponseError naming the status; nothing reaches the new location; no retry`, async () => {
    const thief = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'evil' })
      res.end(JSON.stringify({ AuthenticationResult: { IdToken: 'evil.id.token', AccessToken: 'evil.access.token', ExpiresIn: 3600, TokenType: 'Bearer' } }))
    })
    const redirector = await listen((_req, res) => {
      res.writeHead(status, { location: thief.url })
      res.end()
    })
    try {
      const user = new Cognito({ userPoolId: 'us-east-1_Redirect1', clientId: 'client', username: 'alice', endpoint: redirector.url })
      await assert.rejects(user.authenticate('the password', { flow: 'USER_PASSWORD_AUTH' }), (e: unknown) => {
        assert.ok(e instanceof ResponseError, String(e))
        assert.match(e.message, new RegExp(`HTTP ${status}`))
        assert.equal(e.retryable, false)
        return true
      })
      assert.equal(user.accessToken, undefined, "the other origin's tokens are not accepted")
      assert.equal(thief.hits.length, 0, 'nothing is sent to the new location')
      assert.equal(redirector.hits.length, 1, 'one attempt: a redirect is not retried')
      assert.ok(redirector.hits[0]!.includes('the password'), 'the control: the password was in the redirected body')
      // the bare transport too, for a signed admin call
      await assert.rejects(send('AdminSetUserPassword', { UserPoolId: 'us-east-1_Redirect1', Username: 'bob', Password: 'New-secret-1' }, { endpoint: redirector.url }), ResponseError)
      assert.equal(thief.hits.length, 0)
    } finally {
      redirector.server.close()
      thief.server.close()
    }
  })
}

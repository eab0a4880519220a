/**
 * `cognito-edge/jwt` fetching its JWKS over real sockets from a hostile loopback server
 * (test/support/hostile-server.ts), with the runtime's own `fetch`: a redirect is not followed, a
 * small gzip body that inflates past the cap is refused (the cap counts decoded bytes), and a body
 * that drips forever is cut off by the 5 s timeout. Every failure is a JwksError naming the URL,
 * asked once per cooldown. The endless body and the 600 MiB gzip bomb, with the memory they may
 * cost, are in memory-jwks.test.ts. Node-only.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier } from '../../src/jwt.ts'
import { JwksError } from '../../src/index.ts'
import { startHostileServer, type HostileServer } from '../support/hostile-server.ts'

const POOL = 'us-east-1_Hostile'
const seg = (v: unknown) => btoa(JSON.stringify(v)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
// the JWKS is fetched before any signature is checked: a well-formed token with a kid will do
const TOKEN = `${seg({ kid: 'k', alg: 'RS256' })}.${seg({ iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}` })}.AAAA`

let server: HostileServer
// 1 MiB of zeros: about 1 KB gzipped, far under the 64 KiB cap on the wire, 16 times over it inflated
before(async () => void (server = await startHostileServer({ bombBytes: 1 << 20 })))
after(() => server.close())

/** Verify TOKEN twice against `${server.url}/<mode>`; both fail; returns the first error. */
async function failsTwice(mode: string): Promise<JwksError> {
  const v = createVerifier({ userPoolId: POOL, clientId: null, tokenUse: null, endpoint: `${server.url}/${mode}` })
  const url = `${server.url}/${mode}/${POOL}/.well-known/jwks.json`
  const errors: unknown[] = []
  for (let i = 0; i < 2; i++) await v.verify(TOKEN).then(() => assert.fail('verified'), (e: unknown) => errors.push(e))
  for (const e of errors) {
    assert.ok(e instanceof JwksError, String(e))
    assert.ok(e.message.startsWith(`JWKS ${url}: `), e.message)
  }
  assert.equal(server.requests.filter((r) => r.mode === mode).length, 1, 'asked once: the second verify fails fast within the cooldown')
  return errors[0] as JwksError
}

test('a redirect from the JWKS endpoint is not followed (301, 307, 308)', async () => {
  for (const mode of ['redirect-301', 'redirect', 'redirect-308']) {
    const e = await failsTwice(mode)
    assert.match(e.message, /: HTTP 30[178]$/)
  }
  assert.equal(server.requests.filter((r) => r.mode === 'landing').length, 0, 'nothing was asked of the redirect target')
})

test('a gzip body counts after decompression: 1 KB on the wire, 1 MiB inflated, refused', async () => {
  assert.ok(server.bombOnWire < 2048 && server.bombInflated === 1 << 20, `${server.bombOnWire} B gzip`)
  const e = await failsTwice('bomb')
  assert.match(e.message, /: over 65536 bytes$/)
})

test('a body that drips forever is cut off by the 5 s timeout', async () => {
  const e = await failsTwice('drip')
  assert.match(e.message, /: body unreadable or not JSON$/)
  assert.equal((e.cause as Error).name, 'TimeoutError')
})

/**
 * Memory stays bounded while `cognito-edge/jwt` fetches a hostile JWKS: an endless body and a
 * gzip bomb (about 600 KB on the wire, 600 MiB inflated) from a loopback server. Each runs in a
 * child process with a heap limit (test/support/hostile-server.ts `runInChild`), which reports
 * how much its peak RSS grew while it verified; the parent kills the child past 512 MiB, so a
 * regression fails here instead of taking the machine down. The verifier must fail with a
 * JwksError naming the URL, having asked the server once (no retry storm). Node-only.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { runInChild, startHostileServer, type HostileServer } from '../support/hostile-server.ts'

const POOL = 'us-east-1_Hostile'
let server: HostileServer
before(async () => void (server = await startHostileServer()))
after(() => server.close())

/** In the child: verify a token twice against `${BASE}/<mode>`; rethrow the first error. */
const verifyTwice = (mode: string) => ({
  setup: [
    `const { createVerifier } = await load('src/jwt.ts')`,
    `const seg = (v) => btoa(JSON.stringify(v)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')`,
    // the JWKS is fetched before any signature is checked: a well-formed token with a kid will do
    `const token = seg({ kid: 'k', alg: 'RS256' }) + '.' + seg({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/${POOL}' }) + '.AAAA'`,
    `const v = createVerifier({ userPoolId: '${POOL}', clientId: null, tokenUse: null, endpoint: BASE + '/${mode}' })`,
  ].join('\n'),
  act: `const first = await v.verify(token).then(() => undefined, (e) => e); await v.verify(token).catch(() => {}); throw first ?? new Error('verified')`,
})

for (const [mode, what] of [['endless', 'an endless JWKS body'], ['bomb', 'a gzip-bomb JWKS (600 MiB inflated)']] as const) {
  test(`${what}: the verifier grows by less than 64 MiB and fails with a JwksError, asked once`, async () => {
    if (mode === 'bomb') assert.ok(server.bombOnWire < 1024 * 1024 && server.bombInflated >= 600 * 1024 * 1024, `${server.bombOnWire} B on the wire`)
    const r = await runInChild({ base: server.url, ...verifyTwice(mode) })
    assert.equal(r.killed, undefined, `the child was killed: ${r.killed}`)
    console.log(`memory-jwks ${mode}: peak RSS grew ${r.grewMb.toFixed(1)} MiB`)
    assert.ok(r.grewMb < 64, `peak RSS grew ${r.grewMb} MiB`)
    assert.equal(r.error?.name, 'JwksError', JSON.stringify(r.error))
    assert.equal(r.error.message, `JWKS ${server.url}/${mode}/${POOL}/.well-known/jwks.json: over 65536 bytes`)
    assert.equal(server.requests.filter((q) => q.mode === mode).length, 1, 'no retry')
  })
}

// A Cloudflare Worker that signs in with SRP using the BUILT package (`cognito-edge` resolves to
// dist/ through the package's own exports) and checks the tokens. scripts/runtimes.sh bundles it
// with esbuild into test-output/workerd/worker.js; `workerd test config.capnp` runs `test()` and
// fails when it throws. No nodejs_compat: Node globals must not be needed.
//
// The SRP-verifying server runs inside the Worker too, reached through the injected `fetch`:
// test/support/standin-pool.ts (a tiny pool built from src/srp.ts primitives) until
// `cognito-edge/local` is merged.
import { Cognito, NotAuthorizedException } from 'cognito-edge'
import { createStandinPool, verifyRs256 } from '../support/standin-pool.ts'

const POOL = 'us-east-1_Worker1'
const CLIENT = 'workerclient1'

async function run() {
  if (typeof globalThis.Buffer !== 'undefined' || typeof globalThis.process !== 'undefined') {
    throw new Error('Node globals are present: the check would not prove anything')
  }
  const pool = createStandinPool({ userPoolId: POOL, clientId: CLIENT, users: { 'alice@example.com': 'Corr3ct horse!' } })
  const user = new Cognito({ userPoolId: POOL, clientId: CLIENT, username: 'alice@example.com', fetch: pool.fetch })
  const t0 = Date.now()
  const res = await user.authenticate('Corr3ct horse!')
  const jwks = await (await pool.fetch(`https://cognito-idp.us-east-1.amazonaws.com/${POOL}/.well-known/jwks.json`)).json()
  const access = await verifyRs256(res.accessToken, jwks)
  const id = await verifyRs256(res.idToken, jwks)
  if (access.token_use !== 'access' || access.client_id !== CLIENT || id.aud !== CLIENT) throw new Error('unexpected claims')
  let rejected = false
  try {
    await new Cognito({ userPoolId: POOL, clientId: CLIENT, username: 'alice@example.com', fetch: pool.fetch }).authenticate('wrong')
  } catch (e) {
    rejected = e instanceof NotAuthorizedException
  }
  if (!rejected) throw new Error("a wrong password was not rejected")
  return { ok: true, login: 'USER_SRP_AUTH', verified: 'RS256 (WebCrypto, stand-in)', wrongPasswordRejected: rejected, user: access.username, ms: Date.now() - t0 }
}

export default {
  async test() {
    const r = await run()
    console.log('workerd result', JSON.stringify(r))
  },
  async fetch() {
    return Response.json(await run())
  },
}

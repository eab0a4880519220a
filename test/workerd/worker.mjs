// A Cloudflare Worker that signs in with SRP using the BUILT package (`cognito-edge` resolves to
// dist/ through the package's own exports) and checks the tokens. scripts/runtimes.sh bundles it
// with esbuild into test-output/workerd/worker.js; `workerd test config.capnp` runs `test()` and
// fails when it throws. No nodejs_compat: Node globals must not be needed.
//
// The SRP-verifying server runs inside the Worker too, reached through the injected `fetch`:
// test/support/standin-pool.ts (a tiny pool built from src/srp.ts primitives) until
// `cognito-edge/local` is merged. Tokens are verified with `cognito-edge/jwt`.
import { Cognito, NotAuthorizedException, signIn } from 'cognito-edge'
import { createVerifier } from 'cognito-edge/jwt'
import { createStandinPool } from '../support/standin-pool.ts'

const POOL = 'us-east-1_Worker1'
const CLIENT = 'workerclient1'

async function run() {
  if (typeof globalThis.Buffer !== 'undefined' || typeof globalThis.process !== 'undefined') {
    throw new Error('Node globals are present: the check would not prove anything')
  }
  const pool = createStandinPool({ userPoolId: POOL, clientId: CLIENT, users: { 'alice@example.com': 'Corr3ct horse!' } })
  const base = { userPoolId: POOL, clientId: CLIENT, endpoint: 'https://pool.invalid/', fetch: pool.fetch }
  const t0 = Date.now()
  // the class: SRP login, then verifyTokens() (cognito-edge/jwt: RS256 against the pool's JWKS, claims checked)
  const user = new Cognito({ ...base, username: 'alice@example.com' })
  await user.authenticate('Corr3ct horse!')
  const { id, access } = await user.verifyTokens()
  if (access.token_use !== 'access' || access.client_id !== CLIENT || id.aud !== CLIENT) throw new Error('unexpected claims')
  // the tree-shakable signIn, and a stand-alone verifier as an API would use it
  const tokens = await signIn({ ...base, username: 'alice@example.com', password: 'Corr3ct horse!' })
  const verifier = createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'access', endpoint: base.endpoint, fetch: pool.fetch })
  const claims = await verifier.verify(tokens.accessToken)
  let forged = false
  try {
    await verifier.verify(tokens.accessToken.slice(0, -6) + (tokens.accessToken.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'))
  } catch {
    forged = true
  }
  if (!forged) throw new Error('a token with a broken signature was accepted')
  if (claims.sub !== access.sub) throw new Error('the two logins produced different users')
  let rejected = false
  try {
    await new Cognito({ ...base, username: 'alice@example.com' }).authenticate('wrong')
  } catch (e) {
    rejected = e instanceof NotAuthorizedException
  }
  if (!rejected) throw new Error("a wrong password was not rejected")
  return {
    ok: true,
    pool: 'stand-in in the Worker',
    login: 'USER_SRP_AUTH (Cognito class and signIn)',
    verified: 'RS256 via cognito-edge/jwt',
    forgedRejected: forged,
    wrongPasswordRejected: rejected,
    ms: Date.now() - t0,
  }
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

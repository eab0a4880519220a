// A Cloudflare Worker that signs in with SRP using the BUILT package (`cognito-edge…` resolves
// to dist/ through the package's own exports) and verifies the tokens. scripts/runtimes.sh
// bundles it with esbuild into test-output/workerd/worker.js; `workerd test config.capnp` runs
// `test()` and fails when it throws. No nodejs_compat: Node globals must not be needed.
//
// It also runs an amazon-cognito-identity-js style app on `cognito-edge/identity-js` (identity-js.mjs).
//
// The Cognito side is the real local pool (`cognito-edge/local`), running inside the Worker and
// reached through its fetch handler: it keeps only SRP verifiers and checks the client's proof.
import { Cognito, NotAuthorizedException, signIn } from 'cognito-edge'
import { createVerifier } from 'cognito-edge/jwt'
import { createLocalPool } from 'cognito-edge/local'
import { precomputeSrp } from 'cognito-edge/srp'
import { identityJs } from './identity-js.mjs'

// At global scope, as docs/security.md tells a Worker to do it: workerd refuses randomness,
// timers and I/O here ("Disallowed operation called within global scope"), so this fails the
// check if precomputeSrp ever drew a random value or sent anything.
precomputeSrp()

async function run() {
  if (typeof globalThis.Buffer !== 'undefined' || typeof globalThis.process !== 'undefined') {
    throw new Error('Node globals are present: the check would not prove anything')
  }
  const pool = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct horse!', attributes: { email: 'alice@example.com' } }] })
  const base = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch }
  const t0 = Date.now()

  // one verifier (cognito-edge/jwt: RS256 against the pool's JWKS, claims checked), shared
  const verifier = createVerifier({ userPoolId: pool.poolId, clientId: pool.clientId, tokenUse: 'access', endpoint: pool.endpoint, fetch: pool.fetch })
  // the class: SRP login, then verifyTokens() with that verifier
  const user = new Cognito({ ...base, username: 'alice', verifier })
  await user.authenticate('Corr3ct horse!')
  const { id, access } = await user.verifyTokens()
  if (access.token_use !== 'access' || access.client_id !== pool.clientId || id.aud !== pool.clientId) throw new Error('unexpected claims')

  // the tree-shakable function, and a stand-alone verifier as an API would use it
  const tokens = await signIn({ ...base, username: 'alice', password: 'Corr3ct horse!' })
  const claims = await verifier.verify(tokens.accessToken)
  let forged = false
  try {
    await verifier.verify(tokens.accessToken.slice(0, -6) + (tokens.accessToken.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA'))
  } catch {
    forged = true
  }
  if (!forged) throw new Error('a token with a broken signature was accepted')

  let rejected = false
  try {
    await new Cognito({ ...base, username: 'alice' }).authenticate('Wrong horse!')
  } catch (e) {
    rejected = e instanceof NotAuthorizedException
  }
  if (!rejected) throw new Error('a wrong password was not rejected')
  const acijApp = await identityJs(pool, 'alice', 'Corr3ct horse!')
  return {
    ok: true,
    pool: 'cognito-edge/local in the Worker',
    login: 'USER_SRP_AUTH (Cognito class and signIn)',
    verified: 'RS256 via cognito-edge/jwt',
    forgedRejected: forged,
    wrongPasswordRejected: rejected,
    sameUser: claims.sub === access.sub,
    identityJs: acijApp,
    ms: Date.now() - t0,
  }
}

export default {
  async test() {
    const r = await run()
    console.log('workerd result', JSON.stringify(r))
    if (!r.sameUser) throw new Error('the two logins produced different users')
  },
  async fetch() {
    return Response.json(await run())
  },
}

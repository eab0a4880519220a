// Engines smoke (scripts/engines-check.sh): an SRP login with the built package against the local
// pool (through its fetch handler), bundled into one file so an old Node can run it without tsx.
import { Cognito } from 'cognito-edge'
import { createVerifier } from 'cognito-edge/jwt'
import { createLocalPool } from 'cognito-edge/local'

const pool = createLocalPool({ users: [{ username: 'alice', password: 'Corr3ct horse!' }] })
const base = { userPoolId: pool.poolId, clientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch }
const user = new Cognito({ ...base, username: 'alice', verifier: createVerifier({ ...base, tokenUse: null }) })
await user.authenticate('Corr3ct horse!')
const { access } = await user.verifyTokens()
console.log(`node ${process.version}: SRP login ${access.token_use === 'access' ? 'ok, tokens verified' : 'FAILED'}`)

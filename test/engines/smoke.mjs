// Engines smoke (scripts/engines-check.sh): an SRP login with the built package, bundled into one
// file so that an old Node can run it without tsx. Prints the Node version and the result.
import { Cognito } from 'cognito-edge'
import { createStandinPool } from '../support/standin-pool.ts'

const pool = createStandinPool({ userPoolId: 'us-east-1_Engines1', clientId: 'enginesclient1', users: { alice: 'Corr3ct horse!' } })
const user = new Cognito({ userPoolId: 'us-east-1_Engines1', clientId: 'enginesclient1', username: 'alice', fetch: pool.fetch })
const r = await user.authenticate('Corr3ct horse!')
console.log(`node ${process.version}: SRP login ${r.tokenType === 'Bearer' ? 'ok' : 'FAILED'}`)

/**
 * cognito-srp-helper 2.3.4 for the cold-login benchmark: `createSrpSession` (a fresh 1024-bit a,
 * A) then `signSrpSession`, as its README's login does.
 * @module
 */
import { createSrpSession, signSrpSession } from 'cognito-srp-helper'
import type { Plans } from '../steps.ts'

export const plans: Plans = {
  'srp-helper': (c, done) => [['login', () => {
    const session = createSrpSession(c.userId, c.password, c.poolId, false)
    const challenge = { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: c.salt, SECRET_BLOCK: c.secretBlock, SRP_B: c.srpB, USER_ID_FOR_SRP: c.userId } }
    done({ A: session.largeA, signature: signSrpSession({ ...session, timestamp: c.timestamp }, challenge as never).passwordSignature })
  }]],
}

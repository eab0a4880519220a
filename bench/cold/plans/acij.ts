/**
 * amazon-cognito-identity-js 6.3.21 for the cold-login benchmark, driven as its login code
 * drives it: `new AuthenticationHelper(poolName)` (a fresh 1024-bit a, A), then
 * `getPasswordAuthenticationKey` and the HMAC signature as `CognitoUser` computes it.
 * @module
 */
import { Buffer } from 'buffer'
import AuthenticationHelper from 'amazon-cognito-identity-js/es/AuthenticationHelper.js'
import BigInteger from 'amazon-cognito-identity-js/es/BigInteger.js'
import { Sha256 } from '@aws-crypto/sha256-js'
import { poolName, type Plans } from '../steps.ts'

export const plans: Plans = {
  acij: (c, done) => [['login', () => {
    const prefix = poolName(c)
    const h = new AuthenticationHelper(prefix)
    let hkdf: unknown
    h.getPasswordAuthenticationKey(c.userId, c.password, new BigInteger(c.srpB, 16), new BigInteger(c.salt, 16), (err: unknown, key: unknown) => {
      if (err) throw err
      hkdf = key
    })
    // CognitoUser.authenticateUserDefaultAuth's signature step
    const msg = Buffer.concat([Buffer.from(prefix, 'utf8'), Buffer.from(c.userId, 'utf8'), Buffer.from(c.secretBlock, 'base64'), Buffer.from(c.timestamp, 'utf8')])
    const mac = new Sha256(hkdf as Uint8Array)
    mac.update(msg)
    done({ A: h.largeAValue.toString(16), signature: Buffer.from(mac.digestSync()).toString('base64') })
  }]],
}

/**
 * Adapters for the incumbent SRP clients, driven exactly as their login code drives them:
 * amazon-cognito-identity-js 6.3.21 (`AuthenticationHelper`), Amplify v6
 * (`@aws-amplify/auth` 6.21.1 internals: `getAuthenticationHelper`, `getSignatureString`) and
 * cognito-srp-helper 2.3.4 (`createSrpSession` / `signSrpSession`). Each has `login(c)` (what a
 * real login computes: a fresh random 1024-bit a, A, then the key and signature) and
 * `sign(c, a)` (the same with an injected a, for the correctness oracle). Bench-only.
 * @module
 */
import { Buffer } from 'node:buffer'
import { formatTimestamp, POOL_ID, POOL_NAME, refPow, type Case } from './login.ts'

type Any = any // the anchors ship no types for their internal modules
const nm = (p: string): string => new URL(`../node_modules/${p}`, import.meta.url).href
const cjs = (m: Any): Any => m.default?.default ?? m.default ?? m

export interface Anchor {
  name: string
  login(c: Case): Promise<string>
  sign(c: Case, a: bigint): Promise<string>
}

export async function loadAnchors(): Promise<Anchor[]> {
  const AH = cjs(await import(nm('amazon-cognito-identity-js/lib/AuthenticationHelper.js')))
  const JBig = cjs(await import(nm('amazon-cognito-identity-js/lib/BigInteger.js')))
  const { Sha256 } = (await import('@aws-crypto/sha256-js')) as Any
  const srp = 'amazon-cognito-identity-js'
  const acijFinish = (h: Any, c: Case): string => {
    let hkdf: Any
    h.getPasswordAuthenticationKey(c.userId, c.password, new JBig(c.srpB, 16), new JBig(c.salt, 16), (err: unknown, key: unknown) => {
      if (err) throw err
      hkdf = key
    })
    // CognitoUser.authenticateUserDefaultAuth's signature step
    const msg = Buffer.concat([Buffer.from(POOL_NAME, 'utf8'), Buffer.from(c.userId, 'utf8'), Buffer.from(c.secretBlock, 'base64'), Buffer.from(formatTimestamp(c.date), 'utf8')])
    const mac = new Sha256(hkdf)
    mac.update(msg)
    return Buffer.from(mac.digestSync()).toString('base64')
  }
  const acij: Anchor = {
    name: `${srp} 6.3.21`,
    login: async (c) => acijFinish(new AH(POOL_NAME), c),
    sign: async (c, a) => {
      const h = new AH(POOL_NAME)
      h.smallAValue = new JBig(a.toString(16), 16)
      h.largeAValue = undefined
      h.getLargeAValue(() => {})
      return acijFinish(h, c)
    },
  }

  const amp = '@aws-amplify/auth/dist/esm/providers/cognito/utils/srp/'
  const { getAuthenticationHelper, getSignatureString } = (await import(nm(amp + 'index.mjs'))) as Any
  const AmpHelper = cjs(await import(nm(amp + 'AuthenticationHelper/AuthenticationHelper.mjs')))
  const ABig = cjs(await import(nm(amp + 'BigInteger/BigInteger.mjs')))
  const { calculateA } = (await import(nm(amp + 'calculate/calculateA.mjs'))) as Any
  const { INIT_N } = (await import(nm(amp + 'constants.mjs'))) as Any
  const ampFinish = async (h: Any, c: Case): Promise<string> => {
    const hkdf = await h.getPasswordAuthenticationKey({ username: c.userId, password: c.password, serverBValue: new ABig(c.srpB, 16), salt: new ABig(c.salt, 16) })
    return getSignatureString({ userPoolName: POOL_NAME, username: c.userId, challengeParameters: { SECRET_BLOCK: c.secretBlock }, dateNow: formatTimestamp(c.date), hkdf })
  }
  const amplify: Anchor = {
    name: 'Amplify v6 (@aws-amplify/auth 6.21.1)',
    login: async (c) => ampFinish(await getAuthenticationHelper(POOL_NAME), c),
    sign: async (c, a) => {
      const N = new ABig(INIT_N, 16)
      const g = new ABig('2', 16)
      const ab = new ABig(a.toString(16), 16)
      return ampFinish(new AmpHelper({ userPoolName: POOL_NAME, a: ab, g, A: await calculateA({ a: ab, g, N }), N }), c)
    },
  }

  const helper = (await import('cognito-srp-helper')) as Any
  const challenge = (c: Case): Any => ({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: c.salt, SECRET_BLOCK: c.secretBlock, SRP_B: c.srpB, USER_ID_FOR_SRP: c.userId } })
  const srpHelper: Anchor = {
    name: 'cognito-srp-helper 2.3.4',
    login: async (c) => {
      const s = helper.createSrpSession(c.userId, c.password, POOL_ID, false)
      return helper.signSrpSession({ ...s, timestamp: formatTimestamp(c.date) }, challenge(c)).passwordSignature
    },
    sign: async (c, a) => {
      const s = helper.createSrpSession(c.userId, c.password, POOL_ID, false)
      const A = refPow(2n, a)
      return helper.signSrpSession({ ...s, smallA: a.toString(16), largeA: A.toString(16), timestamp: formatTimestamp(c.date) }, challenge(c)).passwordSignature
    },
  }
  return [acij, amplify, srpHelper]
}

/**
 * Constants shared by scripts/gen-fixtures.ts and the sign-in replay tests (web globals only).
 */
export const POOL = 'us-east-1_Ex4mpl3Pl'
export const CLIENT = '5exampleclientid0000000000'
export const SECRET = 'exampleclientsecret0000000000000000000000000000000'
export const TYPED = 'alice@example.com'
export const SUB = '8b1f6a3e-4c2d-4e5f-9a7b-1c2d3e4f5a6b'
export const PASSWORD = 'Corr3ct-horse-battery!'
export const NOW = Date.UTC(2025, 2, 4, 5, 6, 7)
export const TIMESTAMP = 'Tue Mar 4 05:06:07 UTC 2025'
export const DEVICE_KEY = 'us-east-1_0b2c6f1e-7d3a-4b5c-8e9f-a1b2c3d4e5f6'
export const DEVICE_GROUP = '-nNwnPidS'
export const DEVICE_PASSWORD = 'bm90LWEtcmVhbC1kZXZpY2UtcGFzc3dvcmQtMDAwMDAwMDA='
/** base64url of a string or of a value's JSON (web globals only). */
export const b64url = (v: unknown): string => {
  let bin = ''
  for (const b of new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v))) bin += String.fromCharCode(b)
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
const iat = NOW / 1000
let jti = 0
/** A JWT-shaped token with Cognito's claim set (protocol.md §3.3); the signature is a placeholder (not verified by these flows). */
export function token(use: 'id' | 'access', extra: Record<string, unknown> = {}): string {
  const common = { sub: SUB, iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`, token_use: use, auth_time: iat, iat, exp: iat + 3600, jti: `jti-${++jti}`, origin_jti: 'origin-1' }
  const claims =
    use === 'id'
      ? { ...common, aud: CLIENT, 'cognito:username': SUB, email: TYPED, email_verified: true, ...extra }
      : { ...common, client_id: CLIENT, scope: 'aws.cognito.signin.user.admin', username: SUB, ...extra }
  return `${b64url({ kid: use === 'id' ? 'id-key-1' : 'access-key-1', alg: 'RS256' })}.${b64url(claims)}.${b64url('placeholder-signature')}`
}
export const REFRESH = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.example-refresh-token-1.iv.ct.tag'
export const REFRESH2 = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.example-refresh-token-2.iv.ct.tag'

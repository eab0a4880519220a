/**
 * SECRET_HASH, the proof of the app client secret that Cognito asks for on every unauthenticated
 * call of a client that has one. Its own module so that an app that never does SRP (a password
 * reset, a sign-up) does not ship the SRP group with it. Re-exported by `cognito-edge/srp`.
 * @module
 */
import { assertStr } from '../errors.ts'
import { toBase64, utf8 } from './bytes.ts'
import { hmacSha256 } from './webcrypto.ts'

/** SECRET_HASH = base64(HMAC-SHA256(key = client secret, msg = username ‖ clientId)). */
export async function secretHash(username: string, clientId: string, clientSecret: string): Promise<string> {
  assertStr(username, 'username')
  assertStr(clientId, 'clientId')
  assertStr(clientSecret, 'clientSecret')
  return toBase64(await hmacSha256(utf8(clientSecret), utf8(username + clientId)))
}

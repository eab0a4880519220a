/**
 * Differential checks of `cognito-edge/identity-js` against the real amazon-cognito-identity-js
 * 6.3.21, outside its README's use cases: the same code runs with both packages and what each
 * returns (or writes to a stand-in `document.cookie`) is compared. Covers token payloads in the
 * encodings acij reads. Node only (acij is CommonJS with Node's Buffer).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { LIBS, type Lib } from './support/identity-js-side-by-side.ts'

/** Run `f` with each package and return [acij's, ours], each a value or `throws <name>: <message>`. */
function both<T>(f: (L: Lib) => T): [T | string, T | string] {
  const out = LIBS.map(([, L]) => {
    try {
      return f(L)
    } catch (e) {
      return `throws ${(e as Error).name}: ${(e as Error).message}`
    }
  })
  return out as [T | string, T | string]
}

const json = (o: unknown): string => JSON.stringify(o)
// payloads as apps' own fixtures and mocks write them: btoa output (standard alphabet, padded)
const std = (o: unknown): string => Buffer.from(json(o)).toString('base64')

test('token payloads acij decodes (standard base64, padding, stray whitespace) decode the same', () => {
  const now = Math.floor(Date.now() / 1000)
  // '?>' in a value puts '+' and '/' in the standard alphabet's output; one claim forces padding
  const claims = { sub: 'a?>b', name: 'Zoë ?>>', exp: now + 3600, iat: now, 'cognito:username': 'alice' }
  for (const token of [`hdr.${std(claims)}.sig`, `hdr.${std({ exp: now + 60, iat: now, n: 1 })}.sig`, `hdr.\n${std(claims)} .sig`]) {
    assert.match(token, /[+/=\s]/, 'the fixture is not base64url')
    const [acij, ours] = both((L) => {
      const id = new L.CognitoIdToken({ IdToken: token })
      const session = new L.CognitoUserSession({ IdToken: id, AccessToken: new L.CognitoAccessToken({ AccessToken: token }) })
      return { payload: id.payload, exp: id.getExpiration(), iat: id.getIssuedAt(), decoded: id.decodePayload(), valid: session.isValid() }
    })
    assert.equal((acij as { valid: boolean }).valid, true, 'acij reads the token')
    assert.deepEqual(ours, acij)
  }
})

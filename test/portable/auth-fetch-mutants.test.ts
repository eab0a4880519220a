/**
 * authFetch behaviour no other test guarded, found by mutation testing (`scripts/mutate.mjs` on
 * src/auth-fetch.ts, seeds 2 and 3). Portable: a plain token source and an injected `fetch`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError, authFetch, type TokenSource } from '../../src/index.ts'

/** A token source that can sign in (as a `Cognito` instance can), recording what it is asked. */
function signingSource(tokens: { accessToken?: string; refreshToken?: string } = {}) {
  const calls: string[] = []
  const s = {
    idToken: undefined,
    ...tokens,
    checkToken: async () => void calls.push('checkToken'),
    authenticate: async (password: string) => void calls.push(`authenticate ${typeof password}`),
  } as TokenSource & { authenticate(password: string): Promise<unknown> }
  return { s, calls }
}

test('a password that is not a non-empty string is refused when authFetch is built, naming "password"', () => {
  for (const password of ['', 42, {}]) {
    const { s, calls } = signingSource()
    const sent: string[] = []
    assert.throws(
      () => authFetch(s, { password: password as never, fetch: async (u) => (sent.push(String(u)), new Response('ok')) }),
      (e: unknown) => e instanceof ArgumentError && e.code === 'ERR_INVALID_ARG_TYPE' && e.message === '"password" must be a non-empty string',
      JSON.stringify(password),
    )
    assert.deepEqual([calls, sent], [[], []])
  }
})

/**
 * Concurrency: any number of users in one process, never sharing state. Two groups of Cognito
 * instances (two users, two pools) sign in concurrently through ONE shared fetch that routes by
 * user; every instance must end up with its own user's tokens and internal username.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito, NotAuthorizedException, authFetch, memoryStore } from '../../src/index.ts'
import { cognitoError, fakeJwt, json, stubPool, toResponse, type Reply } from '../support/stub-pool.ts'

test('concurrency: two users signing in at once in one process never see each other\'s tokens', async () => {
  const alice = stubPool({ poolName: 'IsoPool', userId: 'alice-sub', password: 'alice pw 1' })
  const bob = stubPool({ poolName: 'IsoPool', userId: 'bob-sub', password: 'bob pw 2' })
  // one transport for everyone: route each request to the user's stub by USERNAME / Session
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init.body))
    const name: string = body.AuthParameters?.USERNAME ?? body.ChallengeResponses?.USERNAME
    const pool = name.startsWith('alice') ? alice : bob
    return pool.fetch(url, init)
  }
  const users = Array.from({ length: 4 }, (_, i) =>
    i % 2 ? new Cognito({ userPoolId: 'us-east-1_IsoPool', clientId: 'c', username: 'bob', fetch }) : new Cognito({ userPoolId: 'us-east-1_IsoPool', clientId: 'c', username: 'alice', fetch }),
  )
  await Promise.all(users.map((u) => u.authenticate(u.username === 'alice' ? 'alice pw 1' : 'bob pw 2')))
  for (const u of users) {
    const own = u.username === 'alice' ? alice : bob
    const other = u.username === 'alice' ? bob : alice
    assert.equal(u.accessToken, own.tokens.AccessToken)
    assert.equal(u.idToken, own.tokens.IdToken)
    assert.notEqual(u.accessToken, other.tokens.AccessToken)
    assert.equal(u.internalUsername, `${u.username}-sub`)
  }
  assert.equal(alice.calls.length, 4)
  assert.equal(bob.calls.length, 4)
})

/* ---- refresh single-flight (authFetch / renewAccessToken) ---- */

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0)
const expiredAccess = fakeJwt({ token_use: 'access', username: 'erin-sub', exp: NOW / 1000 - 30 })
const freshAccess = fakeJwt({ token_use: 'access', username: 'erin-sub', exp: NOW / 1000 + 3600, n: 'fresh' })

/** A refresh endpoint that counts REFRESH_TOKEN_AUTH requests and answers `reply`. */
function refreshEndpoint(reply: () => Reply) {
  const s = {
    refreshes: 0,
    fetch: async (_url: string, init: RequestInit): Promise<Response> => {
      const body = JSON.parse(String(init.body))
      assert.equal(body.AuthFlow, 'REFRESH_TOKEN_AUTH')
      s.refreshes++
      // answer on a later turn, so every caller is already waiting
      await new Promise((r) => setTimeout(r, 0))
      return toResponse(reply())
    },
  }
  return s
}
const erin = (fetch: (u: string, i: RequestInit) => Promise<Response>) =>
  new Cognito({ userPoolId: 'us-east-1_IsoPool', clientId: 'c', username: 'erin', fetch, now: () => NOW, accessToken: expiredAccess, idToken: 'old.id.tok', refreshToken: 'erin-refresh' })

test('concurrency: 100 concurrent authFetch calls with an expired access token → exactly one refresh, 100 successes', async () => {
  const ep = refreshEndpoint(() => json(200, { AuthenticationResult: { AccessToken: freshAccess, IdToken: 'new.id.tok', ExpiresIn: 3600, TokenType: 'Bearer' } }))
  const user = erin(ep.fetch)
  const sent: Array<string | null> = []
  const api = authFetch(user, { fetch: async (_input, init) => (sent.push(new Headers(init?.headers).get('authorization')), new Response('ok')) })
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => api(`https://api.example.com/items/${i}`)))
  assert.equal(ep.refreshes, 1, 'one refresh request for 100 callers')
  assert.equal(results.filter((r) => r.status === 200).length, 100)
  assert.equal(sent.length, 100)
  assert.ok(sent.every((h) => h === `Bearer ${freshAccess}`), 'every call carried the refreshed token')
  assert.equal(user.refreshToken, 'erin-refresh', 'the refresh token is kept')
  console.log(`concurrency: 100 callers, ${ep.refreshes} refresh request, ${results.length} successes`)
})

test('concurrency: 100 concurrent renewAccessToken calls share one request', async () => {
  const ep = refreshEndpoint(() => json(200, { AuthenticationResult: { AccessToken: freshAccess, IdToken: 'new.id.tok', ExpiresIn: 3600, TokenType: 'Bearer' } }))
  const user = erin(ep.fetch)
  const out = await Promise.all(Array.from({ length: 100 }, () => user.renewAccessToken()))
  assert.equal(ep.refreshes, 1)
  assert.ok(out.every((r) => r.accessToken === freshAccess))
})

test('concurrency: a refresh that fails leaves the old tokens in place and reports why (100 callers, one request)', async () => {
  const ep = refreshEndpoint(() => cognitoError('NotAuthorizedException', 'Refresh Token has been revoked'))
  const user = erin(ep.fetch)
  const api = authFetch(user, { fetch: async () => new Response('never') })
  const results = await Promise.allSettled(Array.from({ length: 100 }, () => api('https://api.example.com/')))
  assert.equal(ep.refreshes, 1)
  for (const r of results) {
    assert.equal(r.status, 'rejected')
    const e = (r as PromiseRejectedResult).reason
    assert.ok(e instanceof NotAuthorizedException)
    assert.equal(e.message, 'Refresh Token has been revoked')
  }
  assert.equal(user.accessToken, expiredAccess)
  assert.equal(user.idToken, 'old.id.tok')
  assert.equal(user.refreshToken, 'erin-refresh')
  // and a later call tries again (the failure is not cached)
  await assert.rejects(user.renewAccessToken(), NotAuthorizedException)
  assert.equal(ep.refreshes, 2)
})

test('concurrency: two users sharing one TokenStore and one fetch refresh at once and keep their own tokens', async () => {
  const store = memoryStore()
  const fresh = (who: string) => fakeJwt({ token_use: 'access', username: `${who}-sub`, exp: NOW / 1000 + 3600 })
  let refreshes = 0
  // one endpoint for both users: the refresh token says whose tokens to mint
  const fetch = async (_u: string, init: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init.body))
    const who = String(body.AuthParameters.REFRESH_TOKEN).split('-')[0]!
    refreshes++
    await new Promise((r) => setTimeout(r, 0))
    return toResponse(json(200, { AuthenticationResult: { AccessToken: fresh(who), IdToken: `${who}.id.tok`, ExpiresIn: 3600, TokenType: 'Bearer' } }))
  }
  const make = (who: string) =>
    new Cognito({ userPoolId: 'us-east-1_IsoPool', clientId: 'c', username: who, fetch, store, now: () => NOW, accessToken: expiredAccess, idToken: 'old', refreshToken: `${who}-refresh` })
  const [gina, hank] = [make('gina'), make('hank')]
  await Promise.all([...Array.from({ length: 10 }, () => gina.renewAccessToken()), ...Array.from({ length: 10 }, () => hank.renewAccessToken())])
  assert.equal(refreshes, 2, 'one refresh per user')
  assert.equal(gina.accessToken, fresh('gina'))
  assert.equal(hank.accessToken, fresh('hank'))
  // a new instance for each user restores that user's tokens from the shared store
  const [gina2, hank2] = [make('gina'), make('hank')]
  assert.equal(await gina2.restore(), true)
  assert.equal(await hank2.restore(), true)
  assert.equal(gina2.accessToken, fresh('gina'))
  assert.equal(hank2.accessToken, fresh('hank'))
  assert.equal(gina2.idToken, 'gina.id.tok')
})

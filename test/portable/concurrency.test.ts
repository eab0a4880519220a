/**
 * Concurrency: any number of users in one process, never sharing state. Two groups of Cognito
 * instances (two users, two pools) sign in concurrently through ONE shared fetch that routes by
 * user; every instance must end up with its own user's tokens and internal username.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Cognito } from '../../src/index.ts'
import { stubPool } from '../support/stub-pool.ts'

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

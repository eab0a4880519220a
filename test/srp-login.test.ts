import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { Cognito, NotAuthorizedException } from '../src/index.ts'
import { makeVerifier, serverStep, type ServerStep } from './support/srp-server.ts'

const POOL = 'us-east-1_TestPool1'
const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' } })

/** A minimal SRP-verifying stub of InitiateAuth + RespondToAuthChallenge. */
function stubPool(password: string) {
  const { salt, v } = makeVerifier('TestPool1', 'alice-sub', password)
  let step: ServerStep | undefined
  let A = 0n
  const block = randomBytes(64)
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const target = String((init.headers as Record<string, string>)['x-amz-target'])
    const body = JSON.parse(String(init.body))
    if (target.endsWith('.InitiateAuth')) {
      A = BigInt('0x' + body.AuthParameters.SRP_A)
      step = serverStep('TestPool1', 'alice-sub', v)
      return json(200, {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: { SALT: salt.toString(16), SRP_B: step.B.toString(16), SECRET_BLOCK: block.toString('base64'), USERNAME: 'alice-sub', USER_ID_FOR_SRP: 'alice-sub' },
      })
    }
    const r = body.ChallengeResponses
    assert.equal(r.USERNAME, 'alice-sub')
    if (!step!.verify(A, Buffer.from(r.PASSWORD_CLAIM_SECRET_BLOCK, 'base64'), r.TIMESTAMP, r.PASSWORD_CLAIM_SIGNATURE)) {
      return json(400, { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' })
    }
    return json(200, { AuthenticationResult: { AccessToken: 'a.b.c', IdToken: 'i.d.t', RefreshToken: 'r', ExpiresIn: 3600, TokenType: 'Bearer' }, ChallengeParameters: {} })
  }
  return fetch
}

test('SRP login is accepted by an independent server-side SRP check', async () => {
  const user = new Cognito({ userPoolId: POOL, clientId: 'client1', username: 'alice@example.com', fetch: stubPool('Corr3ct horse!') })
  const res = await user.authenticate('Corr3ct horse!')
  assert.equal(res.accessToken, 'a.b.c')
  assert.equal(user.idToken, 'i.d.t')
  assert.equal(user.internalUsername, 'alice-sub')
})

test('a wrong password is rejected by the server check and leaves tokens untouched', async () => {
  const user = new Cognito({ userPoolId: POOL, clientId: 'client1', username: 'alice@example.com', fetch: stubPool('Corr3ct horse!'), accessToken: 'old.access.token' })
  await assert.rejects(user.authenticate('wrong'), (e: unknown) => e instanceof NotAuthorizedException && e.name === 'NotAuthorizedException' && e.status === 400)
  assert.equal(user.accessToken, 'old.access.token')
})

test('prepareSrp computes A ahead; the next sign-in uses it once, then draws fresh values', async () => {
  let draws = 0
  const rng = (n: number): Uint8Array => (draws++, randomBytes(n))
  const seen: string[] = []
  const pool = stubPool('Corr3ct horse!')
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init.body))
    if (body.AuthParameters?.SRP_A) seen.push(body.AuthParameters.SRP_A)
    return pool(url, init)
  }
  const user = new Cognito({ userPoolId: POOL, clientId: 'client1', username: 'alice@example.com', fetch, rng })
  user.prepareSrp()
  user.prepareSrp() // idempotent until used
  assert.equal(draws, 1)
  await user.authenticate('Corr3ct horse!')
  assert.equal(draws, 1, 'the prepared private value was used, none drawn during sign-in')
  await user.authenticate('Corr3ct horse!')
  assert.equal(draws, 2, 'a prepared value is used once')
  assert.equal(seen.length, 2)
  assert.notEqual(seen[0], seen[1])
})

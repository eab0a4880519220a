/**
 * Admin credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, as the AWS SDKs read them): a session token there is sent as
 * X-Amz-Security-Token, an empty one is no session token. Found unguarded by mutation testing
 * (`scripts/mutate.mjs` on src/admin/client.ts). Node only: it sets `process.env`.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createAdminClient } from '../src/admin.ts'

/** The X-Amz-Security-Token an AdminGetUser sends with `env` as the environment (restored after). */
async function tokenSent(env: Record<string, string>): Promise<string | null> {
  const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']
  const saved = names.map((n) => process.env[n])
  for (const n of names) delete process.env[n]
  Object.assign(process.env, env)
  let token: string | null = null
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    token = new Headers(init.headers).get('x-amz-security-token')
    return new Response('{"Username":"bob","UserAttributes":[]}', { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' } })
  }
  try {
    await createAdminClient({ userPoolId: 'us-east-1_AbC123', fetch }).send('AdminGetUser', { UserPoolId: 'us-east-1_AbC123', Username: 'bob' })
  } finally {
    names.forEach((n, i) => (saved[i] === undefined ? delete process.env[n] : (process.env[n] = saved[i])))
  }
  return token
}

test('AWS_SESSION_TOKEN from the environment is sent with the keys; an empty one is no session token', async () => {
  const keys = { AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
  assert.equal(await tokenSent({ ...keys, AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLE' }), 'IQoJb3JpZ2luX2VjEXAMPLE')
  assert.equal(await tokenSent({ ...keys, AWS_SESSION_TOKEN: '' }), null)
  assert.equal(await tokenSent(keys), null)
})

test('an AWS_ACCESS_KEY_ID or AWS_SESSION_TOKEN from the environment that cannot go in a header is an ArgumentError naming that variable, never quoting it', async () => {
  const keys = { AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
  // a value pasted with a line wrap in it
  for (const [env, name, secret] of [
    [{ ...keys, AWS_SESSION_TOKEN: 'IQoJb3JpZ2lu\nX2VjEXAMPLETAIL' }, 'AWS_SESSION_TOKEN', 'X2VjEXAMPLETAIL'],
    [{ ...keys, AWS_ACCESS_KEY_ID: 'ASIAIOSF\nODNN7EXAMPLE' }, 'AWS_ACCESS_KEY_ID', 'ODNN7EXAMPLE'],
  ] as const) {
    await assert.rejects(tokenSent(env), (e: Error) => e.name === 'ArgumentError' && e.message.includes(`"${name}"`) && !e.message.includes(secret), name)
  }
})

/**
 * The admin side as a caller porting a pycognito script would push it: sign-ins that make Cognito
 * send a code are never repeated through AdminInitiateAuth either, and bad arguments to the admin
 * functions and `AdminCognito` are `ArgumentError`s naming the argument, before any request.
 * Stub answers: HTTP 500 `{"__type":"InternalErrorException"}` is the model's InternalErrorException
 * (the same body test/portable/functions-retry-safety.test.ts uses); `{}` is the empty answer the
 * model allows for these operations.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { AdminCognito, createAdminClient, withAdminAuth } from '../../src/admin.ts'
import { createClient, InternalErrorException, userAuth } from '../../src/index.ts'

const POOL = 'eu-west-1_AbCdEf123'
const CLIENT = '1example23456789'
const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

/** A Cognito answering every request with `status` / `body`, counting attempts per operation. */
function stubCognito(status: number, body: string) {
  const attempts: Record<string, number> = {}
  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const op = String(new Headers(init.headers).get('x-amz-target')).replace('AWSCognitoIdentityProviderService.', '')
    attempts[op] = (attempts[op] ?? 0) + 1
    return new Response(body, { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' } })
  }
  return { attempts, fetch }
}

test('server-side userAuth preferring EMAIL_OTP or SMS_OTP: AdminInitiateAuth sends the code at once, so a 500 is not retried; PASSWORD_SRP is', async () => {
  for (const [preferred, expected] of [['EMAIL_OTP', 1], ['SMS_OTP', 1], ['PASSWORD_SRP', 3]] as const) {
    const cognito = stubCognito(500, '{"__type":"InternalErrorException"}')
    const transport = { fetch: cognito.fetch, retry: { random: () => 0 } }
    const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, ...transport })
    const serverSide = withAdminAuth(createClient({ userPoolId: POOL, clientId: CLIENT, ...transport }), admin)
    await assert.rejects(userAuth(serverSide, { username: 'alice', preferred, password: 'Corr3ct-horse-battery!' }), InternalErrorException)
    assert.deepEqual(cognito.attempts, { AdminInitiateAuth: expected }, `withAdminAuth, ${preferred}`)

    const cls = stubCognito(500, '{"__type":"InternalErrorException"}')
    const adminCognito = new AdminCognito({ userPoolId: POOL, clientId: CLIENT, username: 'alice', credentials: KEYS, fetch: cls.fetch, retry: { random: () => 0 } })
    await assert.rejects(adminCognito.userAuth({ preferred, password: 'Corr3ct-horse-battery!' }), InternalErrorException)
    assert.deepEqual(cls.attempts, { AdminInitiateAuth: expected }, `AdminCognito, ${preferred}`)
  }
})

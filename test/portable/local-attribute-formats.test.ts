/**
 * What the local pool refuses in user attributes and accepts in ListUsers filters, as Cognito
 * does: a phone number not in E.164 form and an email address without one `@` are
 * InvalidParameterException wherever an attribute is set; `cognito:user_status` filters match
 * whatever the case of the value.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createLocalPool, type LocalPool } from '../../src/local/index.ts'
import { PW, call, errorOf, ok, signedFor, srpLogin, type Raw } from '../support/local.ts'

async function admin(pool: LocalPool, op: string, input: Record<string, unknown>): Promise<Raw> {
  const body = { UserPoolId: pool.poolId, ...input }
  return call(pool, op, body, await signedFor(pool, op, body))
}

const BAD_PHONES = ['5555550123', '+1 555 555 0123', '+1-555-555-0123', '(555) 555-0123']
const BAD_EMAILS = ['alice', 'alice@', '@example.com', 'alice @example.com', 'a@b@c']

test('SignUp refuses a phone number not in E.164 form and an email address that is not one', async () => {
  const pool = createLocalPool({ shareKeys: true })
  for (const phone of BAD_PHONES) {
    const e = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'pat', Password: PW, UserAttributes: [{ Name: 'phone_number', Value: phone }] })
    assert.deepEqual([e.type, e.message], ['InvalidParameterException', 'Invalid phone number format.'], phone)
  }
  for (const email of BAD_EMAILS) {
    const e = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'pat', Password: PW, UserAttributes: [{ Name: 'email', Value: email }] })
    assert.equal(e.type, 'InvalidParameterException', email)
  }
  assert.equal(pool.user('pat'), undefined, 'nothing created')
  await ok(pool, 'SignUp', { ClientId: pool.clientId, Username: 'pat', Password: PW, UserAttributes: [{ Name: 'phone_number', Value: '+15555550123' }, { Name: 'email', Value: 'pat@example.com' }] })
  assert.equal(pool.user('pat')!.attributes['phone_number'], '+15555550123')
})

test('AdminCreateUser, AdminUpdateUserAttributes and UpdateUserAttributes refuse them too, and change nothing', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW, attributes: { email: 'alice@example.com', phone_number: '+15555550100' } }] })
  const created = await admin(pool, 'AdminCreateUser', { Username: 'bob', TemporaryPassword: PW, UserAttributes: [{ Name: 'phone_number', Value: '555-0101' }] })
  assert.deepEqual([created.status, created.body.__type, created.body.message], [400, 'InvalidParameterException', 'Invalid phone number format.'])
  assert.equal(pool.user('bob'), undefined)
  const upd = await admin(pool, 'AdminUpdateUserAttributes', { Username: 'alice', UserAttributes: [{ Name: 'email', Value: 'not-an-address' }] })
  assert.deepEqual([upd.status, upd.body.__type], [400, 'InvalidParameterException'])
  const token = (await srpLogin(pool, 'alice', PW)).body.AuthenticationResult.AccessToken
  const self = await errorOf(pool, 'UpdateUserAttributes', { AccessToken: token, UserAttributes: [{ Name: 'phone_number', Value: '+1 555 555 0100' }] })
  assert.deepEqual([self.type, self.message], ['InvalidParameterException', 'Invalid phone number format.'])
  assert.deepEqual([pool.user('alice')!.attributes['email'], pool.user('alice')!.attributes['phone_number']], ['alice@example.com', '+15555550100'])
})

test('a pool that signs in by email refuses a user name that is not an email address', async () => {
  const pool = createLocalPool({ shareKeys: true, usernameAttributes: ['email'] })
  const e = await errorOf(pool, 'SignUp', { ClientId: pool.clientId, Username: 'pat@', Password: PW })
  assert.equal(e.type, 'InvalidParameterException')
  assert.equal(pool.user('pat@'), undefined)
})

test('a cognito:user_status filter matches whatever the case of its value; username keeps its case', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [{ username: 'alice', password: PW }, { username: 'erin', password: PW, status: 'UNCONFIRMED' }] })
  const names = async (Filter: string) => (await admin(pool, 'ListUsers', { Filter })).body.Users.map((u: { Username: string }) => u.Username)
  assert.deepEqual(await names('cognito:user_status = "unconfirmed"'), ['erin'])
  assert.deepEqual(await names('cognito:user_status = "Confirmed"'), ['alice'])
  assert.deepEqual(await names('cognito:user_status ^= "un"'), ['erin'])
  assert.deepEqual(await names('username = "ALICE"'), [])
  assert.deepEqual(await names('status = "enabled"'), [])
  assert.deepEqual(await names('status = "Enabled"'), ['alice', 'erin'])
})

test('a pool that signs in by phone number takes one as the user name and names what it wants otherwise; an email pool takes an address', async () => {
  const phone = createLocalPool({ shareKeys: true, usernameAttributes: ['phone_number'] })
  await ok(phone, 'SignUp', { ClientId: phone.clientId, Username: '+15555550123', Password: PW })
  assert.equal(phone.user('+15555550123')!.attributes['phone_number'], '+15555550123')
  for (const name of ['bob', 'bob@example.com']) {
    const e = await errorOf(phone, 'SignUp', { ClientId: phone.clientId, Username: name, Password: PW })
    assert.deepEqual([e.type, e.message], ['InvalidParameterException', 'Username should be a phone number.'], name)
  }
  const email = createLocalPool({ shareKeys: true, usernameAttributes: ['email'] })
  await ok(email, 'SignUp', { ClientId: email.clientId, Username: 'pat@example.com', Password: PW })
  assert.equal(email.user('pat@example.com')!.attributes['email'], 'pat@example.com')
})

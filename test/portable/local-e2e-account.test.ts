/**
 * End to end: the account and admin methods (issue 4) against the local pool, with no fixture.
 * The fixtures cover the real-wire details; this proves the flows against a server that really
 * checks passwords, codes, tokens and SigV4.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CodeMismatchException, Cognito, InvalidPasswordException, memoryStore, NotAuthorizedException } from '../../src/index.ts'
import { AdminCognito } from '../../src/admin.ts'
import { createLocalPool, totp } from '../../src/local/index.ts'

const creds = { accessKeyId: 'AKIDE2E', secretAccessKey: 'e2e-secret' }
const PW = 'Corr3ct-horse!'

test('user side: register, confirm, profile, verification, TOTP preference, change and reset password, delete', async () => {
  const pool = createLocalPool({ shareKeys: true })
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false as const }
  const alice = new Cognito({ ...opts, username: 'alice' })
  await assert.rejects(alice.register('alice', 'weak', { attributes: { email: 'alice@example.com' } }), InvalidPasswordException)
  const reg = await alice.register('alice', PW, { attributes: { email: 'alice@example.com', name: 'Alice' } })
  assert.equal(reg.UserConfirmed, false)
  await assert.rejects(alice.confirmSignUp('000000' === pool.lastCode('alice') ? '111111' : '000000'), CodeMismatchException)
  assert.equal((await alice.resendConfirmationCode())?.DeliveryMedium, 'EMAIL')
  await alice.confirmSignUp(pool.lastCode('alice', 'SignUp')!)
  await alice.authenticate(PW)
  const me = await alice.getUser()
  assert.equal(me.username, 'alice')
  assert.equal(me.attributes['name'], 'Alice')
  const sent = await alice.updateProfile({ email: 'alice@new.example', given_name: 'Al' })
  assert.equal(sent[0]?.AttributeName, 'email')
  await alice.sendVerification('email')
  await alice.validateVerification(pool.lastCode('alice', 'VerifyAttribute')!, 'email')
  assert.equal(pool.user('alice')!.attributes['email_verified'], 'true')
  await alice.deleteUserAttributes(['given_name'])
  assert.equal(pool.user('alice')!.attributes['given_name'], undefined)
  const { secretCode } = await alice.associateSoftwareToken()
  assert.equal(await alice.verifySoftwareToken(await totp(secretCode, pool.now())), true)
  await alice.setUserMfaPreference({ softwareToken: true, preferred: 'SOFTWARE_TOKEN' })
  assert.equal(pool.user('alice')!.preferredMfa, 'SOFTWARE_TOKEN_MFA')
  await assert.rejects(alice.changePassword('Wrong-pass1!', 'N3w-password!'), NotAuthorizedException)
  await alice.changePassword(PW, 'N3w-password!')
  await alice.setUserMfaPreference({ softwareToken: false })
  await alice.authenticate('N3w-password!')
  await alice.initiateForgotPassword()
  await alice.confirmForgotPassword(pool.lastCode('alice', 'ForgotPassword')!, 'Reset-pass-1!')
  await alice.authenticate('Reset-pass-1!')
  await alice.deleteUser()
  assert.equal(alice.accessToken, undefined)
  assert.equal(pool.user('alice'), undefined)
})

test('admin side (AdminCognito, SigV4 verified by the pool): users, groups, providers, clients', async () => {
  const pool = createLocalPool({ shareKeys: true, credentials: creds })
  const admin = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, credentials: creds, retry: false })
  const bad = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, credentials: { ...creds, secretAccessKey: 'nope' }, retry: false })
  await assert.rejects(bad.adminGetUser('x'), (e: any) => e.name === 'InvalidSignatureException')
  const bob = await admin.adminCreateUser('bob', { temporaryPassword: 'Temp-pass-1!', attributes: { email: 'bob@example.com' }, messageAction: 'SUPPRESS' })
  assert.equal(bob.username, 'bob')
  assert.equal((await admin.adminGetUser('bob')).metadata.userStatus, 'FORCE_CHANGE_PASSWORD')
  // admin sign-in with the temporary password raises NEW_PASSWORD_REQUIRED
  const asBob = new AdminCognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, credentials: creds, username: 'bob', retry: false })
  await assert.rejects(asBob.adminAuthenticate('Temp-pass-1!'), (e: any) => e.challengeName === 'NEW_PASSWORD_REQUIRED')
  await admin.adminSetUserPassword('bob', PW, { permanent: true })
  await asBob.adminAuthenticate(PW)
  assert.ok(asBob.accessToken)
  await admin.adminUpdateProfile({ given_name: 'Bobby' }, undefined, 'bob')
  assert.equal(pool.user('bob')!.attributes['given_name'], 'Bobby')
  await admin.adminDisableUser('bob')
  await assert.rejects(asBob.adminAuthenticate(PW), NotAuthorizedException)
  await admin.adminEnableUser('bob')
  await pool.addUser({ username: 'carol', password: PW, status: 'UNCONFIRMED', attributes: { email: 'carol@example.com' } })
  await admin.adminConfirmSignUp('carol')
  assert.equal(pool.user('carol')!.status, 'CONFIRMED')
  const { users } = await admin.getUsers({ filter: 'username ^= "b"' })
  assert.deepEqual(users.map((u) => u.username), ['bob'])
  const all: string[] = []
  for await (const u of admin.listAllUsers({ limit: 1 })) all.push(u.username)
  assert.deepEqual(all.sort(), ['bob', 'carol'])
  await pool.addUser({ username: 'dora', password: PW, groups: ['staff'] })
  assert.equal((await admin.getGroup('staff')).groupName, 'staff')
  assert.deepEqual((await admin.getGroups()).groups.map((g) => g.groupName), ['staff'])
  await admin.adminAddUserToGroup('bob', 'staff')
  assert.deepEqual(await admin.adminListGroupsForUser('bob'), ['staff'])
  await admin.adminRemoveUserFromGroup('bob', 'staff')
  assert.deepEqual(await admin.adminListGroupsForUser('bob'), [])
  await admin.adminSetUserMfaPreference('bob', { email: true, preferred: 'EMAIL' })
  assert.deepEqual(pool.user('bob')!.mfa, ['EMAIL_OTP'])
  await admin.adminResetPassword('carol')
  assert.equal(pool.user('carol')!.status, 'RESET_REQUIRED')
  const idp = await admin.adminCreateIdentityProvider({ ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'x' } })
  assert.equal(idp.ProviderName, 'Google')
  await admin.adminUpdateIdentityProvider('Google', { AttributeMapping: { email: 'email' } })
  assert.deepEqual((await admin.adminDescribeIdentityProvider('Google')).AttributeMapping, { email: 'email' })
  // an explicit undefined pool id still means this client's pool
  const fb = await admin.adminCreateIdentityProvider({ UserPoolId: undefined, ProviderName: 'Facebook', ProviderType: 'Facebook', ProviderDetails: { client_id: 'y' } })
  assert.equal(fb.ProviderName, 'Facebook')
  assert.equal((await admin.describeUserPoolClient()).ClientId, pool.clientId)
  assert.equal((await admin.adminUpdateUserPoolClient({ ClientName: 'renamed' })).ClientName, 'renamed')
  await admin.adminDeleteUser('bob')
  assert.equal(pool.user('bob'), undefined)
})

test('call(): an access-token operation gets the held token when input.AccessToken is left out or undefined; a given one wins', async () => {
  const pool = createLocalPool({ users: [{ username: 'carol', password: PW }] })
  const carol = new Cognito({ userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false, username: 'carol' })
  await carol.authenticate(PW)
  assert.equal((await carol.call('GetUser', {})).Username, 'carol')
  assert.equal((await carol.call('GetUser', { AccessToken: undefined } as never)).Username, 'carol')
  await assert.rejects(carol.call('GetUser', { AccessToken: 'not-a-token' }), NotAuthorizedException)
})

test('restore() starts from the saved session: a pending challenge and an unconfirmed device of an earlier sign-in are dropped', async () => {
  const pool = createLocalPool({ users: [{ username: 'dana', password: PW }, { username: 'erin', password: PW, status: 'FORCE_CHANGE_PASSWORD' }] })
  const opts = { userPoolId: pool.poolId, clientId: pool.clientId, fetch: pool.fetch, retry: false as const, store: memoryStore(), storeKey: 'shared' }
  const dana = new Cognito({ ...opts, username: 'dana' })
  await dana.authenticate(PW)
  const other = new Cognito({ ...opts, username: 'erin' })
  await assert.rejects(other.authenticate(PW))
  assert.equal(other.pendingChallenge?.name, 'NEW_PASSWORD_REQUIRED')
  assert.equal(await other.restore(), true)
  assert.equal(other.pendingChallenge, undefined, 'the challenge belonged to the sign-in the restored session replaces')
  assert.equal(other.accessToken, dana.accessToken)
  assert.equal(other.newDevice, undefined)
})

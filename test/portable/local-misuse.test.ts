/**
 * A developer's mistakes with the local pool are ArgumentErrors naming what is wrong, thrown where
 * the mistake is made (createLocalPool, addUser, the test API), never a Cognito-shaped answer to an
 * unrelated request later: a duplicate seed used to make every sign-in answer
 * UsernameExistsException, and a misspelt or misplaced option was silently ignored.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ArgumentError } from '../../src/errors.ts'
import { createLocalPool, type LocalPoolOptions, type LocalUserSeed } from '../../src/local/index.ts'
import { PW, call } from '../support/local.ts'

const argumentError = (pattern: RegExp) => (e: unknown) => {
  assert.ok(e instanceof ArgumentError, `an ArgumentError, not ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`)
  assert.match(e.message, pattern)
  assert.ok(!e.message.includes(PW), 'the password is never in the message')
  return true
}

const seed = (extra: Partial<LocalUserSeed>): LocalUserSeed => ({ username: 'sam', password: PW, ...extra })

test('seeding mistakes throw from createLocalPool, naming the seed', () => {
  const cases: Array<[LocalUserSeed[], RegExp]> = [
    [[seed({}), seed({ username: 'SAM' })], /users\[1\].*sam.*more than once|users\[1\].*already/i],
    [[seed({ attributes: { 'custom:team': 'a' } })], /users\[0\].*custom:team/],
    [[seed({ attributes: { phone_number: '555-0100' } })], /users\[0\].*phone number/i],
    [[seed({ attributes: { name: 5 as unknown as string } })], /users\[0\]\.attributes.*name.*string/],
    [[seed({ status: 'confirmed' as 'CONFIRMED' })], /users\[0\]\.status/],
    [[seed({ groups: 'admins' as unknown as string[] })], /users\[0\]\.groups/],
    [[seed({ mfa: ['TOTP' as 'SMS_MFA'] })], /users\[0\]\.mfa/],
    [[seed({ mfa: ['SOFTWARE_TOKEN_MFA'] })], /users\[0\].*totpSecret/],
    [[seed({ mfa: ['SMS_MFA'] })], /users\[0\].*phone_number/],
    [[seed({ mfa: ['EMAIL_OTP'] })], /users\[0\].*email/],
    [[seed({ preferredMfa: 'EMAIL_OTP', attributes: { email: 'sam@example.com' } })], /users\[0\]\.preferredMfa/],
    [[seed({ totpSecret: 'not base32!' })], /users\[0\]\.totpSecret/],
    [[seed({ password: '' })], /users\[0\]\.password/],
    [[seed({ enabled: 'no' as unknown as boolean })], /users\[0\]\.enabled/],
    [[{ ...seed({}), nmae: 'typo' } as LocalUserSeed], /users\[0\].*nmae/],
  ]
  for (const [users, pattern] of cases) assert.throws(() => createLocalPool({ shareKeys: true, users }), argumentError(pattern), JSON.stringify(users))
  // a pool that signs in by email takes only email names
  assert.throws(() => createLocalPool({ shareKeys: true, usernameAttributes: ['email'], users: [seed({})] }), argumentError(/users\[0\].*email/))
})

test('the seeds that are right still make a pool that answers', async () => {
  const pool = createLocalPool({
    shareKeys: true,
    users: [
      seed({ mfa: ['SMS_MFA'], attributes: { phone_number: '+15555550100' }, preferredMfa: 'SMS_MFA', groups: ['admins'] }),
      { username: 'tia', password: PW, totpSecret: 'JBSWY3DPEHPK3PXP', preferredMfa: 'SOFTWARE_TOKEN_MFA' },
      { username: 'una', status: 'UNCONFIRMED', attributes: { email: 'una@example.com' } },
    ],
  })
  await pool.ready
  assert.deepEqual(pool.user('sam')?.groups, ['admins'])
  assert.equal((await pool.totpCode('tia')).length, 6)
})

test('addUser rejects a duplicate or a bad seed with an ArgumentError, and the pool keeps answering', async () => {
  const pool = createLocalPool({ shareKeys: true, users: [seed({})] })
  await assert.rejects(pool.addUser(seed({})), argumentError(/sam.*already exists/))
  await assert.rejects(pool.addUser(seed({ username: 'ann', attributes: { email: 'not an address' } })), argumentError(/email/))
  await assert.rejects(pool.addUser(seed({ username: 'bo', mfa: ['SMS_MFA'] })), argumentError(/phone_number/))
  assert.equal(pool.user('bo'), undefined, 'nothing half-created')
  const r = await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clientId, AuthParameters: { USERNAME: 'sam', PASSWORD: PW } })
  assert.equal(r.status, 200)
})

test('a misspelt, misplaced or out-of-range option throws from createLocalPool, naming it', () => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ accessTokenValidity: 60 }, /"accessTokenValidity".*clients/],
    [{ userPoolId: 'us-east-1_X' }, /"userPoolId" is not an option/],
    [{ mfa: 'on' }, /"mfa"/],
    [{ usernameAttributes: ['emial'] }, /"usernameAttributes"/],
    [{ aliasAttributes: ['phone'] }, /"aliasAttributes"/],
    [{ autoVerifiedAttributes: ['emails'] }, /"autoVerifiedAttributes"/],
    [{ usernameAttributes: ['email'], aliasAttributes: ['email'] }, /"usernameAttributes".*"aliasAttributes"/],
    [{ maxPasswordAttempts: 0 }, /"maxPasswordAttempts"/],
    [{ maxCodeAttempts: 1.5 }, /"maxCodeAttempts"/],
    [{ lockoutSeconds: -5 }, /"lockoutSeconds"/],
    [{ timestampWindowSeconds: Number.NaN }, /"timestampWindowSeconds"/],
    [{ maxBodyBytes: '1mb' }, /"maxBodyBytes"/],
    [{ passwordPolicy: { minimumLength: 'x' } }, /"passwordPolicy.minimumLength"/],
    [{ passwordPolicy: { requireSymbol: false } }, /"passwordPolicy.requireSymbol" is not an option/],
    [{ deviceTracking: 'yes' }, /"deviceTracking"/],
    [{ clients: [{ accessTokenValidity: -1 }] }, /"clients\[0\]\.accessTokenValidity"/],
    [{ clients: [{ preventUserExistenceErrors: 'DISABLED' }] }, /"clients\[0\]\.preventUserExistenceErrors"/],
    [{ clients: [{ explicitAuthFlows: 'ALLOW_USER_SRP_AUTH' }] }, /"clients\[0\]\.explicitAuthFlows"/],
    [{ clients: [{ secret: true }] }, /"clients\[0\]\.secret" is not an option/],
    [{ shareKeys: 'yes' }, /"shareKeys"/],
    [{ onCall: true }, /"onCall"/],
  ]
  for (const [options, pattern] of cases) assert.throws(() => createLocalPool(options as LocalPoolOptions), argumentError(pattern), JSON.stringify(options))
})

test('the test API names an unknown user with an ArgumentError', async () => {
  const pool = createLocalPool({ shareKeys: true })
  assert.throws(() => pool.setMfa('nobody', { totp: true }), argumentError(/nobody/))
  await assert.rejects(pool.totpCode('nobody'), argumentError(/nobody/))
  assert.throws(() => pool.failNext('InitiateAuth', { times: 0 }), argumentError(/"times"/))
  assert.throws(() => pool.failNext('NoSuchOperation'), argumentError(/NoSuchOperation/))
})

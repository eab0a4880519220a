/**
 * `createAdminClient` (`cognito-edge/admin`): the lean admin client (transport + SigV4, no
 * user-side class). Replayed from the same fixtures as AdminCognito, every signature re-derived
 * independently by test/support/sigv4-check.ts.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { adminCreateUser, createAdminClient, type AdminClientOptions } from '../../src/admin.ts'
import { ArgumentError, InvalidSignatureException, signIn, UnrecognizedClientException, UserNotFoundException } from '../../src/index.ts'
import { createLocalPool } from '../../src/local/index.ts'
import { fixtures, POOL } from '../support/account-fixtures.ts'
import { replay } from '../support/replay.ts'
import { assertSigV4, recording } from '../support/sigv4-check.ts'

const KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0)

function setup(name: string, options: AdminClientOptions = {}) {
  const r = replay(fixtures[name]!)
  const rec = recording(r.fetch)
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, now: () => NOW, fetch: rec.fetch, retry: { random: () => 0 }, ...options })
  return { admin, r, rec }
}

test('golden: the AWS example keys at 20150830T123600Z give the documented AdminGetUser signature, as AdminCognito does', async () => {
  const r = replay(fixtures['admin-sigv4-golden']!)
  const rec = recording(r.fetch)
  const admin = createAdminClient({
    userPoolId: 'us-east-1_abc',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
    now: () => Date.UTC(2015, 7, 30, 12, 36, 0),
    fetch: rec.fetch,
  })
  assert.equal(admin.region, 'us-east-1')
  const out = await admin.send('AdminGetUser', { UserPoolId: 'us-east-1_abc', Username: 'alice' })
  assert.equal(out.Username, 'alice')
  r.done()
  const scope = assertSigV4(rec.sent[0]!, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')
  assert.deepEqual(scope, { accessKeyId: 'AKIDEXAMPLE', date: '20150830', region: 'us-east-1', service: 'cognito-idp', signedHeaders: ['host', 'x-amz-date', 'x-amz-target'] })
})

test('a throttled call is retried and signed again with a fresh date; a session token is sent and signed', async () => {
  let t = NOW
  const { admin, r, rec } = setup('admin-retry-resign', { now: () => (t += 1000), credentials: { ...KEYS, sessionToken: 'FwoGZXIvYXdzEXAMPLEsessionToken' } })
  const out = await admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' })
  assert.equal(out.Username, 'bob')
  r.done()
  const [first, second] = rec.sent
  assert.ok(first && second)
  assert.notEqual(first.headers.get('x-amz-date'), second.headers.get('x-amz-date'))
  assert.notEqual(first.headers.get('authorization'), second.headers.get('authorization'))
  for (const s of rec.sent) {
    const scope = assertSigV4(s, KEYS.secretAccessKey)
    assert.equal(scope.region, 'eu-west-1')
    assert.ok(scope.signedHeaders.includes('x-amz-security-token'))
  }
})

test('rejected credentials arrive typed and are not retried', async () => {
  const { admin, r } = setup('admin-rejected-credentials')
  const input = { UserPoolId: POOL, Username: 'bob' }
  await assert.rejects(admin.send('AdminGetUser', input), (e: unknown) => e instanceof UnrecognizedClientException && e.status === 400)
  await assert.rejects(admin.send('AdminGetUser', input), InvalidSignatureException)
  assert.equal(r.seen.length, 2)
  r.done()
})

test('per-call options cannot move the request to another region or endpoint than the one signed for', async () => {
  const { admin, r, rec } = setup('admin-retry-resign')
  // region/endpoint are not in AdminCallOptions' type; a caller passing them anyway is ignored
  await admin.send('AdminGetUser', { UserPoolId: POOL, Username: 'bob' }, { region: 'us-west-2', endpoint: 'https://evil.example/' } as never)
  r.done()
  for (const s of rec.sent) assert.equal(new URL(s.url).host, 'cognito-idp.eu-west-1.amazonaws.com')
})

test('bad input fails before any request: a malformed operation or input, no credentials, no region', async () => {
  const noFetch = async (): Promise<Response> => assert.fail('no request may be made')
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS, fetch: noFetch })
  await assert.rejects(admin.send('adminGetUser; drop' as never, {} as never), (e: unknown) => e instanceof ArgumentError && /"operation"/.test(e.message))
  await assert.rejects(admin.send('AdminGetUser', 'bob' as never), (e: unknown) => e instanceof ArgumentError && /"input"/.test(e.message))
  assert.throws(() => createAdminClient({ userPoolId: POOL, credentials: { accessKeyId: 'AKID', secretAccessKey: '' } }), (e: unknown) => e instanceof ArgumentError && /secretAccessKey/.test(e.message))
  assert.throws(() => createAdminClient({ credentials: KEYS }), (e: unknown) => e instanceof ArgumentError && /userPoolId/.test(e.message))
  assert.throws(() => createAdminClient(null as never), ArgumentError)
  assert.throws(() => createAdminClient({ userPoolId: POOL, credentials: KEYS, now: 5 as never }), (e: unknown) => e instanceof ArgumentError && /"now"/.test(e.message))
  assert.equal(createAdminClient({ region: 'ap-south-1', credentials: KEYS }).region, 'ap-south-1')
})

test('the client never shows the secret key: JSON, String and inspection show the region only', () => {
  const admin = createAdminClient({ userPoolId: POOL, credentials: KEYS })
  const shown = JSON.stringify(admin) + String(admin) + JSON.stringify(Object.entries(admin))
  assert.ok(!shown.includes(KEYS.secretAccessKey) && !shown.includes(KEYS.accessKeyId))
  assert.deepEqual(JSON.parse(JSON.stringify(admin)), { region: 'eu-west-1' })
})

test('against the local pool, which checks every SigV4 signature: create a user, group them, set a password, and the user signs in', async () => {
  const creds = { accessKeyId: 'AKIDLEAN', secretAccessKey: 'lean-secret' }
  // password sign-in only, so that AdminCreateUser makes a temporary password
  const pool = createLocalPool({ credentials: creds, allowedFirstAuthFactors: ['PASSWORD'] })
  const UserPoolId = pool.poolId
  const admin = createAdminClient({ userPoolId: UserPoolId, credentials: creds, fetch: pool.fetch, retry: false })
  const forged = createAdminClient({ userPoolId: UserPoolId, credentials: { ...creds, secretAccessKey: 'not-it' }, fetch: pool.fetch, retry: false })
  await assert.rejects(forged.send('AdminGetUser', { UserPoolId, Username: 'carol' }), InvalidSignatureException)
  await assert.rejects(admin.send('AdminGetUser', { UserPoolId, Username: 'carol' }), UserNotFoundException)
  const created = await admin.send('AdminCreateUser', { UserPoolId, Username: 'carol', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] })
  assert.equal(created.User?.UserStatus, 'FORCE_CHANGE_PASSWORD')
  await admin.send('CreateGroup', { UserPoolId, GroupName: 'editors' })
  await admin.send('AdminAddUserToGroup', { UserPoolId, Username: 'carol', GroupName: 'editors' })
  const groups = await admin.send('AdminListGroupsForUser', { UserPoolId, Username: 'carol' })
  assert.deepEqual(groups.Groups?.map((g) => g.GroupName), ['editors'])
  await admin.send('AdminSetUserPassword', { UserPoolId, Username: 'carol', Password: 'Lean-client-pw1!', Permanent: true })
  const tokens = await signIn({ userPoolId: UserPoolId, clientId: pool.clientId, username: 'carol', password: 'Lean-client-pw1!', fetch: pool.fetch })
  assert.ok(tokens.accessToken.split('.').length === 3)
  assert.equal((await admin.send('AdminGetUser', { UserPoolId, Username: 'carol' })).UserStatus, 'CONFIRMED')
})

test('local pool: an Admin operation and its user-side twin behave alike (device status dates, protected username attributes)', async () => {
  const { Cognito, InvalidParameterException } = await import('../../src/index.ts')
  const creds = { accessKeyId: 'AKIDTWIN', secretAccessKey: 'twin-secret' }
  let t = Date.UTC(2026, 10, 26, 12)
  const pool = createLocalPool({ credentials: creds, clock: () => t, deviceTracking: true, usernameAttributes: ['email'], users: [{ username: 'hal@example.com', password: 'Hal-pass-1!', attributes: { email: 'hal@example.com', name: 'Hal' } }] })
  const UserPoolId = pool.poolId
  const hal = new Cognito({ userPoolId: UserPoolId, clientId: pool.clientId, username: 'hal@example.com', fetch: pool.fetch })
  await hal.authenticate('Hal-pass-1!')
  const { deviceKey } = await hal.confirmDevice({ name: 'laptop', remember: false })
  const admin = createAdminClient({ userPoolId: UserPoolId, credentials: creds, fetch: pool.fetch, now: () => t })
  const Username = (await admin.send('AdminGetUser', { UserPoolId, Username: 'hal@example.com' })).Username
  const before = (await admin.send('AdminGetDevice', { UserPoolId, Username, DeviceKey: deviceKey })).Device.DeviceLastModifiedDate
  t += 60_000
  await admin.send('AdminUpdateDeviceStatus', { UserPoolId, Username, DeviceKey: deviceKey, DeviceRememberedStatus: 'remembered' })
  const after = (await admin.send('AdminGetDevice', { UserPoolId, Username, DeviceKey: deviceKey })).Device.DeviceLastModifiedDate
  assert.equal(Number(after) - Number(before), 60, 'the admin update dates the device, as UpdateDeviceStatus does')
  await assert.rejects(admin.send('AdminDeleteUserAttributes', { UserPoolId, Username, UserAttributeNames: ['email'] }), InvalidParameterException)
  await admin.send('AdminDeleteUserAttributes', { UserPoolId, Username, UserAttributeNames: ['name'] })
  const u = await admin.send('AdminGetUser', { UserPoolId, Username })
  assert.equal(u.UserAttributes?.find((a) => a.Name === 'name'), undefined)
  assert.equal(Number(u.UserLastModifiedDate), t / 1000)
})

test('local pool: a signed x-amz-content-sha256 header must match the body actually sent', async () => {
  const { AwsV4Signer } = await import('aws4fetch')
  const creds = { accessKeyId: 'AKIDHASH', secretAccessKey: 'hash-secret' }
  const pool = createLocalPool({ credentials: creds, users: [{ username: 'ivy', password: 'Ivy-pass-1!' }] })
  const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('')
  const send = async (signedBody: string, sentBody: string) => {
    const signed = await new AwsV4Signer({
      ...creds,
      url: pool.endpoint,
      method: 'POST',
      service: 'cognito-idp',
      region: pool.region,
      body: signedBody,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminDeleteUser',
        'x-amz-content-sha256': hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(signedBody))),
      },
    }).sign()
    return pool.fetch(new Request(signed.url, { method: 'POST', headers: signed.headers, body: sentBody }))
  }
  const bodyFor = (u: string) => JSON.stringify({ UserPoolId: pool.poolId, Username: u })
  const tampered = await send(bodyFor('nobody'), bodyFor('ivy'))
  assert.equal(tampered.status, 400)
  assert.equal(((await tampered.json()) as { __type: string }).__type, 'InvalidSignatureException')
  assert.ok(pool.user('ivy'), 'the tampered request did nothing')
  assert.equal((await send(bodyFor('ivy'), bodyFor('ivy'))).status, 200)
  assert.equal(pool.user('ivy'), undefined)
})

test('adminCreateUser: members given in "additional" are sent when the matching option is left out (pycognito\'s additional_kwargs)', async () => {
  const creds = { accessKeyId: 'AKIDLEAN', secretAccessKey: 'lean-secret' }
  const pool = createLocalPool({ credentials: creds })
  const bodies: Array<Record<string, unknown>> = []
  const spy = (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => (bodies.push(JSON.parse(String(init?.body))), pool.fetch(url, init))
  const admin = createAdminClient({ userPoolId: pool.poolId, credentials: creds, fetch: spy, retry: false })
  const additional = { MessageAction: 'SUPPRESS', DesiredDeliveryMediums: ['EMAIL'], ForceAliasCreation: false, ClientMetadata: { source: 'import' }, TemporaryPassword: 'Temp-pass-1!' } as const
  await adminCreateUser(admin, 'erin', { attributes: { email: 'erin@example.com' }, additional: { ...additional, DesiredDeliveryMediums: [...additional.DesiredDeliveryMediums] } })
  assert.deepEqual(pool.messages, [], 'MessageAction SUPPRESS was sent: no invitation')
  const sent = bodies[0]!
  for (const [k, v] of Object.entries(additional)) assert.deepEqual(sent[k], v, k)
  // an option given explicitly still wins over "additional"
  bodies.length = 0
  await adminCreateUser(admin, 'erin', { messageAction: 'RESEND', additional: { MessageAction: 'SUPPRESS' } })
  assert.equal(bodies[0]!['MessageAction'], 'RESEND')
})

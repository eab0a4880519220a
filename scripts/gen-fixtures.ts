/**
 * Writes the issue-3 sign-in fixtures (fixtures/signin-*.json). Run: `npx tsx scripts/gen-fixtures.ts`.
 *
 * Nothing here calls the library under test. Message shapes follow protocol.md §2.4 / §2.5 and
 * the service model (model/cognito-idp.model.json); error bodies and headers follow the real
 * captures of protocol.md §5 (items 2, 8, 16). The server side of SRP (SALT, SRP_B) comes from
 * test/support/srp-server.ts with a fixed `b` and salt recorded in each fixture, so the replay
 * tests can check the client's PASSWORD_CLAIM_SIGNATURE independently. SECRET_HASH values are
 * computed here with node:crypto.
 */
import { createHmac } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { makeVerifier, serverStep } from '../test/support/srp-server.ts'
import { CLIENT, DEVICE_GROUP, DEVICE_KEY, DEVICE_PASSWORD, NOW, PASSWORD, POOL, REFRESH, REFRESH2, SECRET, SUB, TIMESTAMP, token, TYPED } from '../test/support/signin-data.ts'

const SALT = 0x7c1f2e3d4a5b6c7d8e9fa0b1c2d3e4f5n
const B_USER = 0x1f2e3d4c5b6a79880796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0n
const B_DEVICE = 0x2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70819n
const SECRET_BLOCK = Buffer.from('cognito-edge example SECRET_BLOCK: opaque server state, 48 bytes!!').toString('base64')
const DEVICE_BLOCK = Buffer.from('cognito-edge example device SECRET_BLOCK, opaque server state....').toString('base64')


const hash = (user: string): string => createHmac('sha256', SECRET).update(user + CLIENT).digest('base64')
let rid = 0
const ok = (body: unknown) => ({
  status: 200,
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `4a1e0c52-0000-4000-8000-${String(++rid).padStart(12, '0')}` },
  body,
})
const err = (name: string, message: string) => ({
  status: 400,
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': `4a1e0c52-0000-4000-8000-${String(++rid).padStart(12, '0')}`,
    'x-amzn-errortype': `${name}:`,
    'x-amzn-errormessage': message,
  },
  body: { __type: name, message },
})
const tokens = (o: { refresh?: string | null; device?: boolean; access?: Record<string, unknown> } = {}) => ({
  AuthenticationResult: {
    AccessToken: token('access', o.access),
    ExpiresIn: 3600,
    TokenType: 'Bearer',
    ...(o.refresh === null ? {} : { RefreshToken: o.refresh ?? REFRESH }),
    IdToken: token('id'),
    ...(o.device ? { NewDeviceMetadata: { DeviceKey: DEVICE_KEY, DeviceGroupKey: DEVICE_GROUP } } : {}),
  },
  ChallengeParameters: {},
})
const session = (n: number): string => `AYABeExampleSession-${String(n).padStart(4, '0')}-opaque-server-state`
const req = (operation: string, body: unknown) => ({ operation, body })

const user = makeVerifier(POOL.split('_')[1]!, SUB, PASSWORD, SALT)
const userB = serverStep(POOL.split('_')[1]!, SUB, user.v, B_USER).B
const device = makeVerifier(DEVICE_GROUP, DEVICE_KEY, DEVICE_PASSWORD, SALT)
const deviceB = serverStep(DEVICE_GROUP, DEVICE_KEY, device.v, B_DEVICE).B
const srpInfo = { prefix: POOL.split('_')[1], id: SUB, password: PASSWORD, salt: SALT.toString(16), b: B_USER.toString(16) }
const iat = NOW / 1000
const deviceSrpInfo = { prefix: DEVICE_GROUP, id: DEVICE_KEY, password: DEVICE_PASSWORD, salt: SALT.toString(16), b: B_DEVICE.toString(16) }
const verifierChallenge = (s?: string) => ({
  ChallengeName: 'PASSWORD_VERIFIER',
  ChallengeParameters: { SALT: SALT.toString(16), SRP_B: userB.toString(16), SECRET_BLOCK, USERNAME: SUB, USER_ID_FOR_SRP: SUB },
  ...(s ? { Session: s } : {}),
})
const claim = (o: { secret?: boolean; device?: boolean } = {}) => ({
  USERNAME: SUB,
  PASSWORD_CLAIM_SECRET_BLOCK: SECRET_BLOCK,
  PASSWORD_CLAIM_SIGNATURE: '$any',
  TIMESTAMP,
  ...(o.secret ? { SECRET_HASH: hash(SUB) } : {}),
  ...(o.device ? { DEVICE_KEY } : {}),
})
/** InitiateAuth USER_SRP_AUTH → PASSWORD_VERIFIER → RespondToAuthChallenge answered with `next`. */
function srp(next: ReturnType<typeof ok>, o: { secret?: boolean; device?: boolean; meta?: Record<string, string> } = {}) {
  const meta = o.meta ? { ClientMetadata: o.meta } : {}
  return [
    {
      request: req('InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: CLIENT,
        AuthParameters: { USERNAME: TYPED, SRP_A: '$any', ...(o.secret ? { SECRET_HASH: hash(TYPED) } : {}), ...(o.device ? { DEVICE_KEY } : {}) },
        ...meta,
      }),
      response: ok(verifierChallenge()),
    },
    { request: req('RespondToAuthChallenge', { ClientId: CLIENT, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: claim(o), ...meta }), response: next },
  ]
}
const respond = (name: string, responses: Record<string, string>, s: string | undefined, extra: Record<string, unknown> = {}) =>
  req('RespondToAuthChallenge', { ClientId: CLIENT, ChallengeName: name, ChallengeResponses: { USERNAME: SUB, ...responses }, ...(s ? { Session: s } : {}), ...extra })

const SOURCE =
  'Computed by scripts/gen-fixtures.ts (no capture): request/response shapes per protocol.md §2.4-§2.5 and model/cognito-idp.model.json; ' +
  'SRP server values from test/support/srp-server.ts with the fixed salt and b recorded under "srp"; error bodies and headers shaped like the real captures in protocol.md §5'

const fixtures: Record<string, { description: string; interactions: unknown[]; [k: string]: unknown }> = {
  'signin-srp-secret': {
    description: 'USER_SRP_AUTH with a client secret: SECRET_HASH over the typed name at InitiateAuth, over the internal USERNAME in the answer',
    srp: srpInfo,
    interactions: srp(ok(tokens()), { secret: true }),
  },
  'signin-new-password': {
    description: 'NEW_PASSWORD_REQUIRED answered with the held Session and a required attribute (no second SRP run)',
    srp: srpInfo,
    interactions: [
      ...srp(
        ok({
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session(1),
          ChallengeParameters: { USER_ID_FOR_SRP: SUB, requiredAttributes: '["userAttributes.name"]', userAttributes: JSON.stringify({ email_verified: 'true', email: TYPED }) },
        }),
      ),
      { request: respond('NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: 'N3w-passw0rd!', 'userAttributes.name': 'Alice' }, session(1), { ClientMetadata: { app: 'test' } }), response: ok(tokens()) },
    ],
  },
  'signin-totp-retry': {
    description: 'SOFTWARE_TOKEN_MFA with a client secret: a wrong code (CodeMismatchException) then the right one with the same Session',
    srp: srpInfo,
    interactions: [
      ...srp(ok({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session(2), ChallengeParameters: { FRIENDLY_DEVICE_NAME: 'phone', USER_ID_FOR_SRP: SUB } }), { secret: true }),
      { request: respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: '000000', SECRET_HASH: hash(SUB) }, session(2)), response: err('CodeMismatchException', 'Invalid code or auth state for the user.') },
      { request: respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: '123456', SECRET_HASH: hash(SUB) }, session(2)), response: ok(tokens()) },
    ],
  },
  'signin-sms-mfa': {
    description: 'USER_PASSWORD_AUTH then SMS_MFA',
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED, PASSWORD } }),
        response: ok({ ChallengeName: 'SMS_MFA', Session: session(3), ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+********1234', USER_ID_FOR_SRP: SUB } }),
      },
      { request: respond('SMS_MFA', { SMS_MFA_CODE: '246810' }, session(3)), response: ok(tokens()) },
    ],
  },
  'signin-email-otp': {
    description: 'SRP then EMAIL_OTP (email MFA)',
    srp: srpInfo,
    interactions: [
      ...srp(ok({ ChallengeName: 'EMAIL_OTP', Session: session(4), ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***', USERNAME: SUB } })),
      { request: respond('EMAIL_OTP', { EMAIL_OTP_CODE: '13579246' }, session(4)), response: ok(tokens()) },
    ],
  },
  'signin-select-mfa-type': {
    description: 'SRP, SELECT_MFA_TYPE answered with SOFTWARE_TOKEN_MFA, then the TOTP challenge',
    srp: srpInfo,
    interactions: [
      ...srp(ok({ ChallengeName: 'SELECT_MFA_TYPE', Session: session(5), ChallengeParameters: { MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: SUB } })),
      { request: respond('SELECT_MFA_TYPE', { ANSWER: 'SOFTWARE_TOKEN_MFA' }, session(5)), response: ok({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session(6), ChallengeParameters: {} }) },
      { request: respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: '654321' }, session(6)), response: ok(tokens()) },
    ],
  },
  'signin-mfa-setup': {
    description: 'MFA_SETUP: AssociateSoftwareToken and VerifySoftwareToken with the Session, then RespondToAuthChallenge MFA_SETUP',
    srp: srpInfo,
    interactions: [
      ...srp(ok({ ChallengeName: 'MFA_SETUP', Session: session(7), ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: SUB } })),
      { request: req('AssociateSoftwareToken', { Session: session(7) }), response: ok({ SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', Session: session(8) }) },
      { request: req('VerifySoftwareToken', { Session: session(8), UserCode: '112233', FriendlyDeviceName: 'phone' }), response: ok({ Status: 'SUCCESS', Session: session(9) }) },
      { request: respond('MFA_SETUP', {}, session(9)), response: ok(tokens()) },
    ],
  },
  'signin-custom': {
    description: 'CUSTOM_AUTH without SRP: a wrong ANSWER gets a new CUSTOM_CHALLENGE, the right one (with ClientMetadata) tokens',
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED } }),
        response: ok({ ChallengeName: 'CUSTOM_CHALLENGE', Session: session(10), ChallengeParameters: { USERNAME: SUB, question: 'captcha-1' } }),
      },
      { request: respond('CUSTOM_CHALLENGE', { ANSWER: 'wrong' }, session(10)), response: ok({ ChallengeName: 'CUSTOM_CHALLENGE', Session: session(11), ChallengeParameters: { USERNAME: SUB, question: 'captcha-2' } }) },
      { request: respond('CUSTOM_CHALLENGE', { ANSWER: 'right' }, session(11), { ClientMetadata: { source: 'test' } }), response: ok(tokens()) },
    ],
  },
  'signin-custom-srp': {
    description: 'CUSTOM_AUTH with an SRP password check first (CHALLENGE_NAME=SRP_A), Session forwarded into PASSWORD_VERIFIER',
    srp: srpInfo,
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED, SRP_A: '$any', CHALLENGE_NAME: 'SRP_A' } }),
        response: ok(verifierChallenge(session(12))),
      },
      {
        request: req('RespondToAuthChallenge', { ClientId: CLIENT, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: claim(), Session: session(12) }),
        response: ok({ ChallengeName: 'CUSTOM_CHALLENGE', Session: session(13), ChallengeParameters: { USERNAME: SUB, question: 'otp' } }),
      },
      { request: respond('CUSTOM_CHALLENGE', { ANSWER: '4242' }, session(13)), response: ok(tokens()) },
    ],
  },
  'signin-user-auth-select-email': {
    description: 'USER_AUTH without a preference: SELECT_CHALLENGE with AvailableChallenges, EMAIL_OTP chosen, code answered',
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED } }),
        response: ok({ ChallengeName: 'SELECT_CHALLENGE', Session: session(14), ChallengeParameters: { USERNAME: SUB }, AvailableChallenges: ['PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'] }),
      },
      { request: respond('SELECT_CHALLENGE', { ANSWER: 'EMAIL_OTP' }, session(14)), response: ok({ ChallengeName: 'EMAIL_OTP', Session: session(15), ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***' } }) },
      { request: respond('EMAIL_OTP', { EMAIL_OTP_CODE: '86420975' }, session(15)), response: ok(tokens()) },
    ],
  },
  'signin-user-auth-select-srp': {
    description: 'USER_AUTH: SELECT_CHALLENGE answered with PASSWORD_SRP and SRP_A, then PASSWORD_VERIFIER with the Session',
    srp: srpInfo,
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED } }),
        response: ok({ ChallengeName: 'SELECT_CHALLENGE', Session: session(16), ChallengeParameters: { USERNAME: SUB }, AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP'] }),
      },
      { request: respond('SELECT_CHALLENGE', { ANSWER: 'PASSWORD_SRP', SRP_A: '$any' }, session(16)), response: ok(verifierChallenge(session(17))) },
      { request: req('RespondToAuthChallenge', { ClientId: CLIENT, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: claim(), Session: session(17) }), response: ok(tokens()) },
    ],
  },
  'signin-user-auth-webauthn': {
    description: 'USER_AUTH preferring WEB_AUTHN: the caller-supplied function turns CREDENTIAL_REQUEST_OPTIONS into CREDENTIAL',
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }),
        response: ok({
          ChallengeName: 'WEB_AUTHN',
          Session: session(18),
          ChallengeParameters: { USERNAME: SUB, CREDENTIAL_REQUEST_OPTIONS: JSON.stringify({ challenge: 'Y2hhbGxlbmdl', rpId: 'example.com', timeout: 180000, userVerification: 'required' }) },
        }),
      },
      {
        request: respond('WEB_AUTHN', { CREDENTIAL: JSON.stringify({ id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'Y2hhbGxlbmdl', authenticatorData: 'YXV0aA', signature: 'c2ln' }, clientExtensionResults: {} }) }, session(18)),
        response: ok(tokens()),
      },
    ],
  },
  'signin-user-auth-sms-otp': {
    description: 'USER_AUTH preferring SMS_OTP: the SMS_OTP challenge answered with SMS_OTP_CODE',
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED, PREFERRED_CHALLENGE: 'SMS_OTP' } }),
        response: ok({ ChallengeName: 'SMS_OTP', Session: session(19), ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+********1234', USERNAME: SUB } }),
      },
      { request: respond('SMS_OTP', { SMS_OTP_CODE: '97531864' }, session(19)), response: ok(tokens()) },
    ],
  },
  'signin-user-auth-after-signup': {
    description: 'USER_AUTH right after ConfirmSignUp with the sign-up Session: tokens without a password',
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED }, Session: session(20) }),
        response: ok(tokens()),
      },
    ],
  },
  'signin-user-auth-password': {
    description: 'USER_AUTH preferring PASSWORD: the password goes in AuthParameters and tokens come back directly',
    interactions: [
      {
        request: req('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD } }),
        response: ok(tokens()),
      },
    ],
  },
  'signin-device-confirm': {
    description: 'SRP sign-in returning NewDeviceMetadata, ConfirmDevice with a fresh verifier, UpdateDeviceStatus remembered',
    srp: srpInfo,
    interactions: [
      ...srp(ok(tokens({ device: true, access: { device_key: DEVICE_KEY } }))),
      {
        request: req('ConfirmDevice', { AccessToken: '$any', DeviceKey: DEVICE_KEY, DeviceName: 'Test laptop', DeviceSecretVerifierConfig: { PasswordVerifier: '$any', Salt: '$any' } }),
        response: ok({ UserConfirmationNecessary: true }),
      },
      { request: req('UpdateDeviceStatus', { AccessToken: '$any', DeviceKey: DEVICE_KEY, DeviceRememberedStatus: 'remembered' }), response: ok({}) },
    ],
  },
  'signin-device-srp': {
    description: 'Sign-in with a remembered device: DEVICE_KEY everywhere, DEVICE_SRP_AUTH with a fresh SRP_A, DEVICE_PASSWORD_VERIFIER, every Session forwarded',
    srp: srpInfo,
    deviceSrp: deviceSrpInfo,
    interactions: [
      ...srp(ok({ ChallengeName: 'DEVICE_SRP_AUTH', Session: session(21), ChallengeParameters: {} }), { device: true }),
      {
        request: respond('DEVICE_SRP_AUTH', { DEVICE_KEY, SRP_A: '$any' }, session(21)),
        response: ok({
          ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
          Session: session(22),
          ChallengeParameters: { USERNAME: SUB, SALT: SALT.toString(16), SRP_B: deviceB.toString(16), SECRET_BLOCK: DEVICE_BLOCK },
        }),
      },
      {
        request: respond('DEVICE_PASSWORD_VERIFIER', { DEVICE_KEY, PASSWORD_CLAIM_SECRET_BLOCK: DEVICE_BLOCK, PASSWORD_CLAIM_SIGNATURE: '$any', TIMESTAMP }, session(22)),
        response: ok(tokens({ access: { device_key: DEVICE_KEY } })),
      },
    ],
  },
  'signin-device-ops': {
    description: 'ListDevices, GetDevice, UpdateDeviceStatus not_remembered and ForgetDevice with the access token',
    interactions: [
      {
        request: req('ListDevices', { AccessToken: '$any', Limit: 10 }),
        response: ok({ Devices: [{ DeviceKey: DEVICE_KEY, DeviceAttributes: [{ Name: 'device_name', Value: 'Test laptop' }], DeviceCreateDate: 1741064767, DeviceLastModifiedDate: 1741064767 }] }),
      },
      { request: req('GetDevice', { AccessToken: '$any', DeviceKey: DEVICE_KEY }), response: ok({ Device: { DeviceKey: DEVICE_KEY, DeviceAttributes: [{ Name: 'device_name', Value: 'Test laptop' }] } }) },
      { request: req('UpdateDeviceStatus', { AccessToken: '$any', DeviceKey: DEVICE_KEY, DeviceRememberedStatus: 'not_remembered' }), response: ok({}) },
      { request: req('ForgetDevice', { AccessToken: '$any', DeviceKey: DEVICE_KEY }), response: ok({}) },
    ],
  },
  'signin-webauthn-registration': {
    description: 'Passkey registration: StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials, DeleteWebAuthnCredential',
    interactions: [
      {
        request: req('StartWebAuthnRegistration', { AccessToken: '$any' }),
        response: ok({ CredentialCreationOptions: { challenge: 'Y2hhbGxlbmdl', rp: { id: 'example.com', name: 'Example' }, user: { id: 'dXNlcg', name: TYPED, displayName: 'Alice' }, pubKeyCredParams: [{ type: 'public-key', alg: -7 }] } }),
      },
      { request: req('CompleteWebAuthnRegistration', { AccessToken: '$any', Credential: { id: 'cred-1', rawId: 'cred-1', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'o2M' } } }), response: ok({}) },
      {
        request: req('ListWebAuthnCredentials', { AccessToken: '$any', MaxResults: 5 }),
        response: ok({ Credentials: [{ CredentialId: 'cred-1', FriendlyCredentialName: 'Laptop', RelyingPartyId: 'example.com', AuthenticatorTransports: ['internal'], CreatedAt: 1741064767 }] }),
      },
      { request: req('DeleteWebAuthnCredential', { AccessToken: '$any', CredentialId: 'cred-1' }), response: ok({}) },
    ],
  },
  'signin-refresh-secret': {
    description: 'REFRESH_TOKEN_AUTH with a client secret: SECRET_HASH over the internal username (pycognito #18); no RefreshToken in the answer',
    interactions: [
      { request: req('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT, AuthParameters: { REFRESH_TOKEN: REFRESH, SECRET_HASH: hash(SUB) } }), response: ok(tokens({ refresh: null })) },
    ],
  },
  'signin-refresh-device': {
    description: 'REFRESH_TOKEN_AUTH on a device-tracking pool: DEVICE_KEY sent (warrant #33)',
    interactions: [
      { request: req('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT, AuthParameters: { REFRESH_TOKEN: REFRESH, DEVICE_KEY } }), response: ok(tokens({ refresh: null, access: { device_key: DEVICE_KEY } })) },
    ],
  },
  'signin-refresh-rotation': {
    description: 'GetTokensFromRefreshToken (refresh-token rotation): ClientSecret itself and DeviceKey; a new refresh token comes back',
    interactions: [
      {
        request: req('GetTokensFromRefreshToken', { RefreshToken: REFRESH, ClientId: CLIENT, ClientSecret: SECRET, DeviceKey: DEVICE_KEY }),
        response: ok({ AuthenticationResult: tokens({ refresh: REFRESH2 }).AuthenticationResult }),
      },
    ],
  },
  'signin-refresh-revoked': {
    description: 'REFRESH_TOKEN_AUTH rejected ("Refresh Token has been revoked", protocol.md §5 item 16): old tokens stay',
    interactions: [
      { request: req('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT, AuthParameters: { REFRESH_TOKEN: REFRESH } }), response: err('NotAuthorizedException', 'Refresh Token has been revoked') },
    ],
  },
  'signin-logout': {
    description: 'GlobalSignOut, then RevokeToken on a second session',
    interactions: [
      { request: req('GlobalSignOut', { AccessToken: '$any' }), response: ok({}) },
      { request: req('RevokeToken', { Token: REFRESH, ClientId: CLIENT }), response: ok({}) },
    ],
  },
  'signin-unknown-challenge': {
    description: 'A challenge name the library has no specific handling for (ADMIN_NO_SRP_AUTH, in the model enum) answered through respondToChallenge',
    srp: srpInfo,
    interactions: [
      ...srp(ok({ ChallengeName: 'ADMIN_NO_SRP_AUTH', Session: session(23), ChallengeParameters: { USERNAME: SUB, hint: 'x' } })),
      { request: respond('ADMIN_NO_SRP_AUTH', { PASSWORD }, session(23)), response: ok(tokens()) },
    ],
  },
  'signin-expired-session': {
    description: 'An answer with an expired Session: NotAuthorizedException "Invalid session for the user." (aws-amplify/amplify-js#10959)',
    srp: srpInfo,
    interactions: [
      ...srp(ok({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session(24), ChallengeParameters: { USER_ID_FOR_SRP: SUB } })),
      { request: respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: '123456' }, session(24)), response: err('NotAuthorizedException', 'Invalid session for the user.') },
    ],
  },
  'signin-authfetch-refresh': {
    description: 'authFetch: the token is about to expire; many concurrent requests cause exactly one REFRESH_TOKEN_AUTH',
    interactions: [
      { request: req('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT, AuthParameters: { REFRESH_TOKEN: REFRESH } }), response: ok(tokens({ refresh: null, access: { exp: iat + 7200 } })) },
    ],
  },
  'signin-authfetch-reauth': {
    description: 'authFetch with a password allowed: the refresh token is revoked, so it signs in again (USER_PASSWORD_AUTH)',
    interactions: [
      { request: req('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT, AuthParameters: { REFRESH_TOKEN: REFRESH } }), response: err('NotAuthorizedException', 'Refresh Token has been revoked') },
      { request: req('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT, AuthParameters: { USERNAME: TYPED, SRP_A: '$any' } }), response: ok(verifierChallenge()) },
      { request: req('RespondToAuthChallenge', { ClientId: CLIENT, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: claim() }), response: ok(tokens({ access: { exp: iat + 7200 } })) },
    ],
    srp: srpInfo,
  },
  'signin-new-password-first': {
    description: 'newPasswordChallenge with no pending challenge: it signs in first (SRP, with the caller\'s ClientMetadata on every request), then answers NEW_PASSWORD_REQUIRED',
    srp: srpInfo,
    interactions: [
      ...srp(
        ok({
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: session(1),
          ChallengeParameters: { USER_ID_FOR_SRP: SUB, requiredAttributes: '["userAttributes.name"]', userAttributes: JSON.stringify({ email_verified: 'true', email: TYPED }) },
        }),
        { meta: { app: 'test' } },
      ),
      { request: respond('NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: 'N3w-passw0rd!', 'userAttributes.name': 'Alice' }, session(1), { ClientMetadata: { app: 'test' } }), response: ok(tokens()) },
    ],
  },
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('fixtures', { recursive: true })
  for (const [name, f] of Object.entries(fixtures)) {
    writeFileSync(`fixtures/${name}.json`, JSON.stringify({ source: SOURCE, ...f }, null, 2) + '\n')
  }
  console.log(`wrote ${Object.keys(fixtures).length} fixtures`)
}

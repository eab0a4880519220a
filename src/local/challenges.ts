/**
 * Answering challenges at the local pool: RespondToAuthChallenge and its Admin twin for every
 * challenge the pool issues (SRP password and device verifiers, a new password, MFA codes and
 * the choice of MFA type, MFA setup, USER_AUTH's choice of first factor and its passkey
 * (WEB_AUTHN), custom challenges).
 * @module
 */
import { safeEqual, totpStep } from './crypto.ts'
import { checkSecretHash } from './clients.ts'
import { answerDecoy } from './decoys.ts'
import { checkSignInCode, refuseDisabled } from './lockout.ts'
import { enabledMfa, mfaChallenge } from './mfa.ts'
import { afterPassword, chooseFirstFactor, customRound, next } from './sign-in.ts'
import { parseA, serverSrp, verifySrp } from './srp-exchange.ts'
import { deliveryParams, send } from './messages.ts'
import { checkPool, code6, findUser, getClient, INCORRECT, missing, strMap, type Client, type Flow, type In, type Mfa, type Operations, type PoolState, type Sess } from './state.ts'
import { newSession, takeSession } from './tokens.ts'
import { checkAttributes, checkFormats, checkPolicy, refuseTaken, setPassword } from './users.ts'
import { answerPasskey } from './webauthn.ts'
import { fail } from './wire.ts'

/**
 * The sign-in of this client, user and device that waits for DEVICE_SRP_AUTH. pycognito and
 * AWS's published device-authentication example answer that step without a Session, and
 * Cognito accepts it; anything that does not match such a sign-in is refused as before.
 */
function waitingForDevice(s: PoolState, client: Client, username: string, deviceKey: string | undefined): Sess {
  const u = findUser(s, username)
  const now = s.now()
  for (const sess of s.sessions.values()) {
    const f = sess.flow
    if (u && sess.expect === 'DEVICE_SRP_AUTH' && sess.expires >= now && f.client.clientId === client.clientId && f.user === u && f.deviceKey === deviceKey) return sess
  }
  return fail('NotAuthorizedException', 'Invalid session for the user.')
}

/**
 * MFA_SETUP answered with an `EMAIL` instead of a TOTP setup: "To set up SMS or email MFA, collect
 * a phone_number or email attribute for the user" (RespondToAuthChallenge API reference), the way
 * Amplify answers its CONTINUE_SIGN_IN_WITH_EMAIL_SETUP step (`ChallengeResponses {USERNAME,
 * EMAIL}`). A code goes to that address and the sign-in continues with EMAIL_OTP; the right code
 * sets the address and turns email MFA on (see the EMAIL_OTP answer). The address is checked as
 * an `email` attribute is, including another user's sign-in alias, before anything is sent, and
 * that alias again when the code comes back.
 */
function emailMfaSetup(s: PoolState, flow: Flow, email: string, done: () => void): Record<string, unknown> {
  const u = flow.user
  checkFormats({ email })
  refuseTaken(s, u, 'email', email)
  done()
  const code = code6()
  return { ChallengeName: 'EMAIL_OTP', ChallengeParameters: deliveryParams(send(s, u, 'EMAIL', 'MFA', code, email)), Session: newSession(s, flow, 'EMAIL_OTP', { code, setupEmail: email }) }
}

/** RespondToAuthChallenge: check one challenge answer and move the flow on. */
async function respond(s: PoolState, input: In): Promise<Record<string, unknown>> {
  const client = getClient(s, input['ClientId'])
  const name = String(input['ChallengeName'])
  const cr = strMap(input['ChallengeResponses'])
  const username = cr['USERNAME'] ?? missing('USERNAME')
  await checkSecretHash(client, username, cr['SECRET_HASH'])
  if (name === 'PASSWORD_VERIFIER') {
    const srp = await verifySrp(s, cr, 'user', client)
    const flow = srp.flow!
    refuseDisabled(flow.user) // told only now, after the right password
    flow.deviceKey = cr['DEVICE_KEY'] ?? flow.deviceKey
    if (flow.custom && flow.custom.results.length === 0 && !flow.custom.answer) return customRound(s, flow)
    return afterPassword(s, flow)
  }
  if (name === 'DEVICE_PASSWORD_VERIFIER') {
    // the SECRET_BLOCK names the sign-in; a Session is optional, but when sent it must be that
    // sign-in's (checked before the SECRET_BLOCK is used up)
    if (input['Session'] !== undefined) {
      const sess = takeSession(s, input['Session'], [name], client)
      if (s.srps.get(cr['PASSWORD_CLAIM_SECRET_BLOCK'] ?? '')?.flow !== sess.flow) fail('NotAuthorizedException', 'Invalid session for the user.')
    }
    const srp = await verifySrp(s, cr, 'device', client)
    const flow = srp.flow!
    flow.deviceDone = true
    return next(s, flow)
  }
  const sess = name === 'DEVICE_SRP_AUTH' && input['Session'] === undefined ? waitingForDevice(s, client, username, cr['DEVICE_KEY']) : takeSession(s, input['Session'], [name], client)
  if (sess.data['decoy'] !== undefined) return answerDecoy(s, sess, name, username, cr)
  const flow = sess.flow
  if (findUser(s, username) !== flow.user) fail('NotAuthorizedException', INCORRECT)
  const u = flow.user
  const done = (): void => void (sess.expect = '')
  // a code answer: refused during the sign-in lockout, a wrong one counted toward it (lockout.ts)
  const checkCode = (right: boolean): void => checkSignInCode(s, u.lockout, right, 'CodeMismatchException', 'Invalid code or auth state for the user.', done)
  switch (name) {
    case 'NEW_PASSWORD_REQUIRED': {
      const pw = cr['NEW_PASSWORD'] ?? missing('NEW_PASSWORD')
      checkPolicy(s, pw)
      const attrs: Record<string, string> = {}
      for (const [k, v] of Object.entries(cr)) if (k.startsWith('userAttributes.')) attrs[k.slice(15)] = v
      checkAttributes(s, Object.keys(attrs), true, attrs)
      done()
      for (const [k, v] of Object.entries(attrs)) u.attributes.set(k, v)
      await setPassword(s, u, pw)
      u.status = 'CONFIRMED'
      return next(s, flow)
    }
    case 'DEVICE_SRP_AUTH': {
      const key = cr['DEVICE_KEY'] ?? missing('DEVICE_KEY')
      const d = u.devices.get(key)
      if (!d?.verifier || key !== flow.deviceKey) fail('NotAuthorizedException', 'Cannot initiate DEVICE_SRP_AUTH flow without first authenticating')
      const A = parseA(cr['SRP_A'])
      done()
      const { B, block } = serverSrp(s, { flow, kind: 'device', A, v: d.verifier.v, prefix: d.groupKey, id: d.key, clientId: client.clientId })
      return {
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        ChallengeParameters: { USERNAME: u.username, SALT: d.verifier.salt.toString(16), SRP_B: B, SECRET_BLOCK: block },
        Session: newSession(s, flow, 'DEVICE_PASSWORD_VERIFIER'),
      }
    }
    case 'SOFTWARE_TOKEN_MFA': {
      const c = cr['SOFTWARE_TOKEN_MFA_CODE'] ?? missing('SOFTWARE_TOKEN_MFA_CODE')
      const step = u.totpSecret ? await totpStep(u.totpSecret, c, s.now()) : undefined
      checkCode(step !== undefined && step > u.totpLastStep)
      u.totpLastStep = step!
      done()
      return next(s, flow)
    }
    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SMS_OTP': {
      const key = `${name}_CODE` // SMS_MFA_CODE, EMAIL_OTP_CODE, SMS_OTP_CODE
      const c = cr[key] ?? missing(key)
      checkCode(safeEqual(sess.data['code'] ?? '', c))
      done()
      // an MFA code proves the address it went to: "When a user completes their first MFA, Amazon
      // Cognito marks their email address or phone number as verified" (developer guide, "SMS and
      // email message MFA", https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-text-message.html;
      // its older wording: "their phone number is also marked as verified")
      const proves = sess.data['proves']
      if (proves) u.attributes.set(`${proves}_verified`, 'true')
      const setup = sess.data['setupEmail']
      if (setup !== undefined) {
        // email MFA set up during sign-in: the address the code proved becomes the user's, verified,
        // with email MFA on, and this sign-in has passed MFA; unless another user made it their
        // sign-in alias while the code was on its way (checked again, as VerifyUserAttribute does)
        refuseTaken(s, u, 'email', setup)
        u.attributes.set('email', setup)
        u.attributes.set('email_verified', 'true')
        u.mfa.add('EMAIL_OTP')
        flow.skipMfa = true
      }
      return next(s, flow)
    }
    case 'SELECT_MFA_TYPE': {
      const answer = cr['ANSWER'] ?? missing('ANSWER')
      const list = enabledMfa(s, u)
      if (!list.includes(answer as Mfa)) fail('InvalidParameterException', 'Invalid MFA type selected.')
      done()
      return mfaChallenge(s, flow, answer as Mfa)
    }
    case 'MFA_SETUP': {
      const email = cr['EMAIL']
      if (email !== undefined && sess.data['verified'] !== 'true') return emailMfaSetup(s, flow, email, done)
      if (sess.data['verified'] !== 'true') fail('NotAuthorizedException', 'Invalid session for the user.')
      done()
      flow.skipMfa = true
      return next(s, flow)
    }
    case 'SELECT_CHALLENGE': {
      const answer = cr['ANSWER'] ?? missing('ANSWER')
      const out = await chooseFirstFactor(s, flow, answer, cr)
      done()
      return out
    }
    case 'WEB_AUTHN': {
      // a passkey (webauthn.ts): a failed proof counts like a wrong password
      const mfaDone = await answerPasskey(s, sess, cr['CREDENTIAL'], done)
      done()
      flow.skipMfa = mfaDone
      return next(s, flow)
    }
    case 'CUSTOM_CHALLENGE': {
      const answer = cr['ANSWER'] ?? missing('ANSWER')
      done()
      flow.custom!.results.push(safeEqual(flow.custom!.answer, answer))
      return customRound(s, flow)
    }
    default:
      return fail('InvalidParameterException', `Unsupported challenge ${name}.`)
  }
}

/** RespondToAuthChallenge and AdminRespondToAuthChallenge. */
export function challengeOperations(s: PoolState): Operations {
  return {
    RespondToAuthChallenge: (input) => respond(s, input),
    AdminRespondToAuthChallenge: (input) => (checkPool(s, input['UserPoolId']), respond(s, input)),
  }
}

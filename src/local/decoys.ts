/**
 * USER_AUTH for a name no user has, on an app client that hides whether users exist
 * (PreventUserExistenceErrors ENABLED): the decoy first-factor challenges the pool answers with,
 * and how every answer to them fails.
 *
 * Evidence. Cognito's developer guide, "Managing user existence error responses"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html):
 * with ENABLED, Cognito "returns a generic authentication failure response to forgot-password
 * requests, and to authentication requests with authentication flows except for choice-based
 * authentication (USER_AUTH)", and "responds to requests for choice-based authentication with a
 * random selection from the challenge types allowed in the user pool. Your user pool might return
 * a passkey, one-time password, or password challenge." A public report agrees: unknown emails
 * got different answers to the same USER_AUTH request, which the Amplify team called by design
 * (aws-amplify/amplify-js#14195). What follows when a decoy is answered is not documented; this
 * pool does the most conservative thing the same page documents for the other flows, which is
 * to fail exactly as a wrong secret fails for a real user:
 * - the selection is stable per name (as the simulated SRP salt is), drawn from the pool's
 *   allowed first factors the way real users have them (a password gives PASSWORD and
 *   PASSWORD_SRP together), so asking twice tells nothing;
 * - PASSWORD fails as USER_PASSWORD_AUTH does for an unknown name; PASSWORD_SRP starts the
 *   simulated SRP exchange of USER_SRP_AUTH; EMAIL_OTP and SMS_OTP return a code challenge with a
 *   masked, made-up destination, send nothing, and answer every code with CodeMismatchException;
 * - WEB_AUTHN (when the pool allows passkeys) returns a passkey challenge allowing one made-up,
 *   stable credential id; an assertion is checked as a real user's against a passkey of that id
 *   no authenticator holds (webauthn.ts), so it is refused with the words a real user's would get;
 * - the answers count toward the unknown name's lockout, as a real user's count toward theirs
 *   (lockout.ts), with the same Session rules.
 * @module
 */
import { hexToBytes, toBase64Url } from '../lib/bytes.ts'
import { stableHex } from './crypto.ts'
import { checkLock, strike, unknownNameLockout, unknownNamePassword } from './lockout.ts'
import { deliveryParams, maskEmail, maskPhone } from './messages.ts'
import { startSrp } from './srp-exchange.ts'
import { INCORRECT, missing, type Client, type Flow, type PoolState, type Sess } from './state.ts'
import { newSession } from './tokens.ts'
import { userRecord } from './users.ts'
import { decoyPasskeyProblem, descriptor, refusedPasskey, webAuthnChallenge } from './webauthn.ts'
import { fail } from './wire.ts'

/** 32 stable hex digits for `name` (the pool's own key: stable in a pool, unguessable outside it). */
const stable = (s: PoolState, name: string): Promise<string> => stableHex(s.fakeKey, 'user_auth:' + name.toLowerCase())

/** The challenges offered to `name`: a stable, non-empty selection of the pool's first factors, in real users' order. */
export async function decoyChallenges(s: PoolState, name: string): Promise<string[]> {
  const groups: string[][] = []
  if (s.firstFactors.includes('PASSWORD')) groups.push(['PASSWORD', 'PASSWORD_SRP'])
  if (s.firstFactors.includes('EMAIL_OTP')) groups.push(['EMAIL_OTP'])
  if (s.firstFactors.includes('SMS_OTP')) groups.push(['SMS_OTP'])
  if (s.firstFactors.includes('WEB_AUTHN')) groups.push(['WEB_AUTHN'])
  if (!groups.length) return []
  const bits = parseInt((await stable(s, name)).slice(0, 8), 16)
  const picked = groups.filter((_, i) => (bits >>> i) & 1)
  return (picked.length ? picked : [groups[bits % groups.length]!]).flat()
}

/** A sign-in flow for the decoy: its user is a record that is never stored. */
function decoyFlow(s: PoolState, client: Client, name: string): Flow {
  return { user: userRecord(s, name, 'CONFIRMED'), client, admin: false }
}

/** The decoy's answer to one chosen challenge (from PREFERRED_CHALLENGE or SELECT_CHALLENGE). */
async function decoyFactor(s: PoolState, flow: Flow, name: string, answer: string, p: Record<string, string>): Promise<Record<string, unknown>> {
  if (answer === 'PASSWORD') return unknownNamePassword(s, name, p['PASSWORD'] ?? missing('PASSWORD'))
  if (answer === 'PASSWORD_SRP') return startSrp(s, undefined, name, p['SRP_A'], flow.client)
  const hex = await stable(s, name)
  if (answer === 'WEB_AUTHN') {
    const id = await decoyCredentialId(s, name)
    return webAuthnChallenge(s, flow, name, [descriptor({ id, transports: ['internal', 'hybrid'] })], s.webAuthn.userVerification === 'required', { decoy: name })
  }
  const email = answer === 'EMAIL_OTP'
  const to = email ? maskEmail(name.includes('@') ? name : `${name}@${hex.slice(8, 14)}.example`) : maskPhone(String(parseInt(hex.slice(14, 22), 16)).slice(-4).padStart(4, '0'))
  return {
    ChallengeName: answer,
    ChallengeParameters: deliveryParams({ DeliveryMedium: email ? 'EMAIL' : 'SMS', Destination: to }),
    Session: newSession(s, flow, answer, { decoy: name }),
  }
}

/** The made-up, stable credential id of a name's decoy passkey. */
const decoyCredentialId = async (s: PoolState, name: string): Promise<string> => toBase64Url(hexToBytes(await stableHex(s.fakeKey, 'passkey:' + name.toLowerCase())))

/** InitiateAuth USER_AUTH for a name no user has (the caller checked the client hides that). */
export async function decoyUserAuth(s: PoolState, client: Client, name: string, p: Record<string, string>, session: unknown): Promise<Record<string, unknown>> {
  // a sign-up Session names a real user: for any other name it is the wrong Session
  if (session !== undefined) fail('NotAuthorizedException', 'Invalid session for the user.')
  const flow = decoyFlow(s, client, name)
  const available = await decoyChallenges(s, name)
  const preferred = p['PREFERRED_CHALLENGE']
  if (preferred && available.includes(preferred)) return decoyFactor(s, flow, name, preferred, p)
  return { ChallengeName: 'SELECT_CHALLENGE', ChallengeParameters: {}, Session: newSession(s, flow, 'SELECT_CHALLENGE', { decoy: name }), AvailableChallenges: available }
}

/** RespondToAuthChallenge on a decoy's Session: SELECT_CHALLENGE moves on like a real one, every code fails. */
export async function answerDecoy(s: PoolState, sess: Sess, challenge: string, username: string, cr: Record<string, string>): Promise<Record<string, unknown>> {
  const name = sess.data['decoy']!
  if (username.toLowerCase() !== name.toLowerCase()) fail('NotAuthorizedException', INCORRECT)
  if (challenge === 'SELECT_CHALLENGE') {
    const answer = cr['ANSWER'] ?? missing('ANSWER')
    if (!(await decoyChallenges(s, name)).includes(answer)) fail('InvalidParameterException', `The challenge ${answer} is not available for this user.`)
    const out = await decoyFactor(s, sess.flow, name, answer, cr)
    sess.expect = ''
    return out
  }
  // EMAIL_OTP or SMS_OTP: no code was sent, so none matches; WEB_AUTHN: the name has no passkey
  const passkey = challenge === 'WEB_AUTHN'
  // a passkey answer is checked as a real user's with the decoy's made-up passkey, which never verifies
  const problem = passkey ? await decoyPasskeyProblem(s, sess, await decoyCredentialId(s, name), cr['CREDENTIAL']) : undefined
  if (!passkey && cr[`${challenge}_CODE`] === undefined) missing(`${challenge}_CODE`)
  const lock = unknownNameLockout(s, name)
  checkLock(s, lock)
  const [type, message] = passkey ? ['NotAuthorizedException', refusedPasskey(problem!)] : ['CodeMismatchException', 'Invalid code or auth state for the user.']
  return strike(s, lock, type, message, () => void (sess.expect = ''))
}

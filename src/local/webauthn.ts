/**
 * Passkeys (WebAuthn credentials) at the local pool: registering one (StartWebAuthnRegistration,
 * CompleteWebAuthnRegistration), listing and deleting them (ListWebAuthnCredentials,
 * DeleteWebAuthnCredential), and the WEB_AUTHN first factor of USER_AUTH: when it is offered, its
 * `CREDENTIAL_REQUEST_OPTIONS`, and checking the assertion that answers it. The pool checks what
 * a relying party must check (WebAuthn Level 3, §7.1 "Registering a New Credential" and §7.2
 * "Verifying an Authentication Assertion", https://www.w3.org/TR/webauthn-3/); the byte formats
 * are read by cbor.ts.
 *
 * Evidence for the Cognito side. The API reference: CompleteWebAuthnRegistration takes "A
 * RegistrationResponseJSON public-key credential response from the user's passkey provider",
 * RespondToAuthChallenge's WEB_AUTHN answer is `CREDENTIAL` (an AuthenticationResponseJSON), and
 * the errors each operation declares (the service model): WebAuthnNotEnabledException "when the
 * passkey feature isn't enabled for the user pool", WebAuthnChallengeNotFoundException "when the
 * challenge from StartWebAuthn registration has expired", WebAuthnClientMismatchException "when
 * the access token is for a different client than the one in the original
 * StartWebAuthnRegistration request", WebAuthnRelyingPartyMismatchException "when the given
 * passkey credential is associated with a different relying party ID than the user pool relying
 * party ID", WebAuthnOriginNotAllowedException "when the passkey credential's registration origin
 * does not align with the user pool relying party id", WebAuthnCredentialNotSupportedException
 * "when a user presents passkey credentials from an unsupported device or provider"; List and
 * Delete declare none of them, Delete declares ResourceNotFoundException. WebAuthnConfigurationType:
 * "When required, users can only register and sign in users with passkeys that are capable of
 * user verification"; with FactorConfiguration MULTI_FACTOR_WITH_USER_VERIFICATION "passkey
 * authentication with user verification satisfies MFA requirements". WebAuthnMfaSettingsType:
 * "When activated, the user's passkey authentication requires user verification, and passkey
 * sign-in is available when MFA is required". The JSON shapes of the two option documents follow
 * AWS's own client, aws-amplify/amplify-js (`PasskeyCreateOptionsJson`, `PasskeyGetOptionsJson`
 * in packages/auth/src/client/utils/passkey/types): challenge, rp {id, name}, user {id, name,
 * displayName}, pubKeyCredParams, timeout, excludeCredentials, authenticatorSelection
 * {requireResidentKey, residentKey, userVerification}; and challenge, rpId, timeout,
 * allowCredentials, userVerification. What AWS leaves undocumented (origins, the attestation
 * formats, timeouts, names, a counter that does not move) is this pool's conservative reading,
 * listed in docs/local-pool.md.
 * @module
 */
import { fromBase64Url, toBase64Url, utf8, concat } from '../lib/bytes.ts'
import { isObj, isStr } from '../lib/guards.ts'
import { randomBytes, sha256 } from '../lib/webcrypto.ts'
import { coseToKey, decodeCborMap, ES256, FormatError, importKey, parseAuthData, RS256, UP, UV, verifySignature, type AuthData, type StoredKey } from './cbor.ts'
import { safeEqual } from './crypto.ts'
import { checkSignInCode } from './lockout.ts'
import { mfaApplies } from './mfa.ts'
import { created, page, secs, type Flow, type Operations, type Passkey, type PoolState, type Sess, type User } from './state.ts'
import { authAccess, newSession } from './tokens.ts'
import { fail } from './wire.ts'

/** How long a registration challenge waits, ms (the low end of WebAuthn's recommended 5 to 10 minutes; Cognito documents none). */
export const REGISTRATION_MS = 300_000
/** Passkeys one user may hold: this pool's bound (LimitExceededException beyond), as ListWebAuthnCredentials pages hold 20. */
export const MAX_PASSKEYS = 20

/** The user handle the pool gives authenticators: the user's sub, base64url. */
const userHandle = (u: User): string => toBase64Url(utf8(u.attributes.get('sub') ?? u.username))

/** A credential id or other base64url member, or FormatError. */
function b64(v: unknown, what: string): Uint8Array {
  if (typeof v !== 'string' || !v) throw new FormatError(`${what} must be a base64url string`)
  try {
    return fromBase64Url(v, what)
  } catch {
    throw new FormatError(`${what} must be base64url`)
  }
}

/** A PublicKeyCredential's JSON form (RegistrationResponseJSON or AuthenticationResponseJSON), its members checked. */
function credentialJson(v: unknown, members: string[]): { id: string; raw: Uint8Array; response: Record<string, unknown>; json: Record<string, unknown> } {
  const json = typeof v === 'string' ? (() => { try { return JSON.parse(v) as unknown } catch { throw new FormatError('the credential is not JSON') } })() : v
  if (!isObj(json) || json['type'] !== 'public-key' || !isObj(json['response'])) throw new FormatError('the credential must be a PublicKeyCredential JSON object of type "public-key"')
  const raw = b64(json['rawId'] ?? json['id'], 'rawId')
  if (json['id'] !== toBase64Url(raw)) throw new FormatError('the credential id and rawId differ')
  const response = json['response']
  for (const m of members) b64(response[m], `response.${m}`)
  return { id: json['id'], raw, response, json }
}

/** clientDataJSON (WebAuthn §5.8.1): its type, challenge and origin strings, and crossOrigin, a boolean when present. */
function clientData(bytes: Uint8Array): { type: string; challenge: string; origin: string; crossOrigin: boolean } {
  let c: unknown
  try {
    c = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    throw new FormatError('clientDataJSON is not JSON')
  }
  if (!isObj(c) || !isStr(c['type']) || !isStr(c['challenge']) || !isStr(c['origin'])) throw new FormatError('clientDataJSON lacks type, challenge or origin')
  const crossOrigin = c['crossOrigin'] ?? false
  if (typeof crossOrigin !== 'boolean') throw new FormatError('clientDataJSON crossOrigin is not a boolean')
  return { type: c['type'], challenge: c['challenge'], origin: c['origin'], crossOrigin }
}

/**
 * Whether `origin` belongs to the relying party: an https origin whose host is the RP id or a
 * subdomain of it (the rule browsers apply, WebAuthn §5.1.3 / §7.1 step 9), or an http origin on
 * `localhost` (browsers treat it as secure). No path, no other scheme (app origins such as
 * `android:apk-key-hash:` are not modelled), and no cross-origin iframe.
 */
function originAllowed(rpId: string, origin: string, crossOrigin: boolean): boolean {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  const host = url.hostname
  const local = host === 'localhost' || host.endsWith('.localhost')
  const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && local)
  return !crossOrigin && url.origin === origin && scheme && (host === rpId || host.endsWith('.' + rpId))
}

/** Refuse passkey registration in a pool whose sign-in policy does not allow WEB_AUTHN. */
function enabled(s: PoolState): void {
  if (!s.firstFactors.includes('WEB_AUTHN')) fail('WebAuthnNotEnabledException', 'Passkeys are not enabled for this user pool: its allowed first factors do not include WEB_AUTHN.')
}

/** StartWebAuthnRegistration: the creation options, with a new challenge kept for the completion (the last one replaces any earlier). */
async function startRegistration(s: PoolState, token: unknown): Promise<Record<string, unknown>> {
  const { u, claims } = await authAccess(s, token)
  enabled(s)
  if (u.passkeys.size >= MAX_PASSKEYS) fail('LimitExceededException', `A user can have at most ${MAX_PASSKEYS} passkeys in this pool.`)
  const challenge = toBase64Url(randomBytes(32))
  u.passkeyChallenge = { challenge, clientId: String(claims['client_id']), expires: s.now() + REGISTRATION_MS }
  const { rpId, userVerification } = s.webAuthn
  const name = u.attributes.get('email') ?? u.attributes.get('phone_number') ?? u.username
  return {
    CredentialCreationOptions: {
      challenge,
      rp: { id: rpId, name: rpId },
      user: { id: userHandle(u), name, displayName: u.attributes.get('name') ?? name },
      pubKeyCredParams: [{ type: 'public-key', alg: ES256 }, { type: 'public-key', alg: RS256 }],
      timeout: REGISTRATION_MS,
      excludeCredentials: [...u.passkeys.values()].map(descriptor),
      authenticatorSelection: { requireResidentKey: true, residentKey: 'required', userVerification },
    },
  }
}

/** A PublicKeyCredentialDescriptorJSON of a stored passkey. */
export const descriptor = (p: Pick<Passkey, 'id' | 'transports'>): Record<string, unknown> => ({ type: 'public-key', id: p.id, ...(p.transports.length ? { transports: p.transports } : {}) })

/**
 * The attestation statement (WebAuthn §8): `none` with an empty statement, or `packed`
 * self-attestation (no certificate) whose signature over authData || SHA-256(clientDataJSON)
 * verifies with the new credential's own key. A certificate chain (x5c) or any other format is
 * refused: the pool asks for no attestation and has no trust roots to check one with.
 */
async function checkAttestation(fmt: unknown, stmt: unknown, key: StoredKey, authData: Uint8Array, clientDataJSON: Uint8Array): Promise<void> {
  if (!(stmt instanceof Map)) fail('InvalidParameterException', 'The attestation statement is not a map.')
  if (fmt === 'none') {
    if (stmt.size) fail('InvalidParameterException', 'A "none" attestation must have an empty statement.')
    return
  }
  if (fmt !== 'packed' || stmt.has('x5c')) fail('WebAuthnCredentialNotSupportedException', `Attestation format ${String(fmt)}${fmt === 'packed' ? ' with a certificate chain' : ''} is not supported by the local pool; it accepts "none" and packed self-attestation.`)
  const sig = stmt.get('sig')
  if (stmt.get('alg') !== key.alg || !(sig instanceof Uint8Array)) fail('InvalidParameterException', 'The packed attestation statement does not match the credential key.')
  const ok = await verifySignature(key, sig, concat(authData, await sha256(clientDataJSON))).catch(() => false)
  if (!ok) fail('InvalidParameterException', 'The packed self-attestation signature does not verify.')
}

/** CompleteWebAuthnRegistration: check the RegistrationResponseJSON against the pending challenge (WebAuthn §7.1), then store the passkey. */
async function completeRegistration(s: PoolState, token: unknown, credential: unknown): Promise<Record<string, never>> {
  const { u, claims } = await authAccess(s, token)
  enabled(s)
  const { rpId, userVerification } = s.webAuthn
  const malformed = (e: unknown): never => fail('InvalidParameterException', `The credential is not a valid RegistrationResponseJSON: ${(e as Error).message}.`)
  let cred: ReturnType<typeof credentialJson>
  let clientJson: Uint8Array
  let data: ReturnType<typeof clientData>
  try {
    cred = credentialJson(credential, ['clientDataJSON', 'attestationObject'])
    clientJson = b64(cred.response['clientDataJSON'], 'clientDataJSON')
    data = clientData(clientJson)
  } catch (e) {
    return malformed(e)
  }
  const pending = u.passkeyChallenge
  if (!pending || pending.expires < s.now() || !safeEqual(pending.challenge, data.challenge)) fail('WebAuthnChallengeNotFoundException', 'No registration challenge of this user matches: start the registration again.')
  u.passkeyChallenge = undefined // single use, whatever follows
  if (data.type !== 'webauthn.create') fail('InvalidParameterException', 'clientDataJSON type must be "webauthn.create".')
  if (pending.clientId !== claims['client_id']) fail('WebAuthnClientMismatchException', 'The registration was started by another app client.')
  if (!originAllowed(rpId, data.origin, data.crossOrigin)) fail('WebAuthnOriginNotAllowedException', `Origin ${data.origin.slice(0, 100)} does not belong to the relying party ${rpId}.`)
  let fmt: unknown, stmt: unknown, authBytes: Uint8Array, auth: AuthData
  try {
    const att = decodeCborMap(b64(cred.response['attestationObject'], 'attestationObject'))
    const a = att.get('authData')
    if (!(a instanceof Uint8Array)) throw new FormatError('attestationObject lacks authData')
    ;[fmt, stmt, authBytes, auth] = [att.get('fmt'), att.get('attStmt'), a, parseAuthData(a)]
  } catch (e) {
    return malformed(e)
  }
  if (toBase64Url(auth.rpIdHash) !== toBase64Url(await sha256(utf8(rpId)))) fail('WebAuthnRelyingPartyMismatchException', `The credential was made for another relying party than ${rpId}.`)
  if (!(auth.flags & UP)) fail('InvalidParameterException', 'The authenticator data does not show the user present (UP).')
  if (userVerification === 'required' && !(auth.flags & UV)) fail('WebAuthnCredentialNotSupportedException', 'This user pool requires user verification, and the authenticator did not verify the user (UV).')
  const made = auth.credential ?? malformed(new Error('no attested credential data'))
  if (toBase64Url(made.id) !== cred.id) fail('InvalidParameterException', 'The credential id differs from the one in the authenticator data.')
  let key: StoredKey
  try {
    key = coseToKey(made.publicKey)
    await importKey(key)
  } catch (e) {
    return fail((e as { unsupported?: boolean }).unsupported ? 'WebAuthnCredentialNotSupportedException' : 'InvalidParameterException', `The credential public key is not usable: ${(e as Error).message}.`)
  }
  await checkAttestation(fmt, stmt, key, authBytes, clientJson)
  for (const other of s.users.values()) if (other.passkeys.has(cred.id)) fail('InvalidParameterException', 'This credential is already registered.')
  if (u.passkeys.size >= MAX_PASSKEYS) fail('LimitExceededException', `A user can have at most ${MAX_PASSKEYS} passkeys in this pool.`)
  const transports = Array.isArray(cred.response['transports']) ? (cred.response['transports'] as unknown[]).filter(isStr).slice(0, 8) : []
  const attachment = cred.json['authenticatorAttachment']
  u.passkeys.set(cred.id, created(s, {
    id: cred.id,
    key,
    signCount: auth.signCount,
    rpId,
    name: 'Passkey',
    attachment: attachment === 'platform' || attachment === 'cross-platform' ? attachment : undefined,
    transports,
    created: s.now(),
  }))
  u.modified = s.now()
  return {}
}

/** ListWebAuthnCredentials (MaxResults 0 to 20, 0 or none meaning 20) and DeleteWebAuthnCredential. */
export function webAuthnOperations(s: PoolState): Operations {
  return {
    StartWebAuthnRegistration: (input) => startRegistration(s, input['AccessToken']),
    CompleteWebAuthnRegistration: (input) => completeRegistration(s, input['AccessToken'], input['Credential']),

    async ListWebAuthnCredentials(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      const p = page(s, `ListWebAuthnCredentials:${u.username}`, [...u.passkeys.values()], input, undefined, { tokenKey: 'NextToken', limit: input['MaxResults'] as number, size: MAX_PASSKEYS })
      return {
        Credentials: p.items.map((k) => ({
          CredentialId: k.id,
          FriendlyCredentialName: k.name,
          RelyingPartyId: k.rpId,
          ...(k.attachment ? { AuthenticatorAttachment: k.attachment } : {}),
          AuthenticatorTransports: k.transports,
          CreatedAt: secs(k.created),
        })),
        ...p.more,
      }
    },

    async DeleteWebAuthnCredential(input) {
      const { u } = await authAccess(s, input['AccessToken'])
      if (!u.passkeys.delete(String(input['CredentialId']))) fail('ResourceNotFoundException', 'The user has no passkey with this credential id.')
      u.modified = s.now()
      return {}
    },
  }
}

// ---------------------------------------------------------------- sign-in

/** Passkey MFA of the user (needs the pool's MULTI_FACTOR_WITH_USER_VERIFICATION). */
const passkeyMfa = (s: PoolState, u: User): boolean => s.passkeyMfa && u.passkeyMfa

/**
 * Whether USER_AUTH offers WEB_AUTHN: the pool allows it, the user has a passkey, and either MFA
 * does not apply to the user or their passkey MFA is on ("passkey sign-in is available when MFA
 * is required" only then).
 */
export function passkeyOffered(s: PoolState, u: User): boolean {
  return s.firstFactors.includes('WEB_AUTHN') && u.passkeys.size > 0 && (!mfaApplies(s, u) || passkeyMfa(s, u))
}

/** The WEB_AUTHN challenge: CREDENTIAL_REQUEST_OPTIONS (a JSON string) and a Session holding its challenge. */
export function passkeyChallenge(s: PoolState, flow: Flow): Record<string, unknown> {
  const u = flow.user
  const uv = s.webAuthn.userVerification === 'required' || passkeyMfa(s, u)
  return webAuthnChallenge(s, flow, u.username, [...u.passkeys.values()].map(descriptor), uv, {})
}

/**
 * A WEB_AUTHN challenge for `username` allowing `allow`: for a real user, or for a decoy (decoys.ts,
 * whose `data` names it) with made-up credential ids, which must look the same.
 */
export function webAuthnChallenge(s: PoolState, flow: Flow, username: string, allow: Array<Record<string, unknown>>, uv: boolean, data: Record<string, string>): Record<string, unknown> {
  const challenge = toBase64Url(randomBytes(32))
  const options = {
    challenge,
    rpId: s.webAuthn.rpId,
    timeout: (flow.client.authSessionValidity ?? 180) * 1000,
    userVerification: uv ? 'required' : 'preferred',
    allowCredentials: allow,
  }
  return {
    ChallengeName: 'WEB_AUTHN',
    ChallengeParameters: { USERNAME: username, CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) },
    Session: newSession(s, flow, 'WEB_AUTHN', { ...data, challenge, uv: uv ? 'required' : '' }),
  }
}

/** A WEB_AUTHN answer read: the credential and its decoded clientDataJSON and authenticator data. */
interface Assertion {
  cred: ReturnType<typeof credentialJson>
  clientJson: Uint8Array
  authBytes: Uint8Array
  data: ReturnType<typeof clientData>
  auth: AuthData
}

/**
 * The assertion of a WEB_AUTHN answer, read through (its clientDataJSON and authenticator data
 * too) before anything is compared with a user's passkeys, so that a malformed one is refused
 * alike for every credential id, for a real user and for a decoy: InvalidParameterException when
 * `CREDENTIAL` is missing or not an AuthenticationResponseJSON.
 */
function readAssertion(answer: string | undefined): Assertion {
  if (answer === undefined) fail('InvalidParameterException', 'Missing required parameter CREDENTIAL')
  try {
    const cred = credentialJson(answer, ['clientDataJSON', 'authenticatorData', 'signature'])
    const clientJson = b64(cred.response['clientDataJSON'], 'clientDataJSON')
    const authBytes = b64(cred.response['authenticatorData'], 'authenticatorData')
    return { cred, clientJson, authBytes, data: clientData(clientJson), auth: parseAuthData(authBytes) }
  } catch (e) {
    return fail('InvalidParameterException', `CREDENTIAL is not a valid AuthenticationResponseJSON: ${(e as Error).message}.`)
  }
}

/** The message of a refused passkey; NOT_THEIRS is why a credential of no one, or of someone else, is refused. */
export const refusedPasskey = (problem: string): string => `The passkey could not be verified: ${problem}.`
const NOT_THEIRS = 'the credential is not a passkey of this user'

/**
 * Why an assertion does not prove the user (WebAuthn §7.2), or undefined when it does: one of the
 * user's passkeys, the Session's challenge, type webauthn.get, an origin of the relying party, its
 * rpIdHash, UP (and UV when required), the user handle when sent, and the signature over
 * authData || SHA-256(clientDataJSON). The signature counter is checked by the caller, after the
 * last await, where no other answer can move it in between.
 */
async function assertionProblem(u: User, sess: Sess, { cred, clientJson, authBytes, data, auth }: Assertion): Promise<{ problem?: string; key?: Passkey; uv?: boolean }> {
  const key = u.passkeys.get(cred.id)
  if (!key) return { problem: NOT_THEIRS }
  if (data.type !== 'webauthn.get') return { problem: 'clientDataJSON type is not "webauthn.get"' }
  if (!safeEqual(data.challenge, sess.data['challenge'] ?? '')) return { problem: 'the challenge is not the one this Session issued' }
  if (!originAllowed(key.rpId, data.origin, data.crossOrigin)) return { problem: `origin ${data.origin.slice(0, 100)} does not belong to the relying party` }
  if (toBase64Url(auth.rpIdHash) !== toBase64Url(await sha256(utf8(key.rpId)))) return { problem: 'the authenticator data is for another relying party' }
  if (!(auth.flags & UP)) return { problem: 'the authenticator data does not show the user present' }
  const uv = (auth.flags & UV) !== 0
  if (sess.data['uv'] === 'required' && !uv) return { problem: 'user verification is required and the authenticator did not verify the user' }
  const handle = cred.response['userHandle']
  if (handle !== undefined && handle !== null && handle !== userHandle(u)) return { problem: 'the user handle is not this user\'s' }
  const signed = concat(authBytes, await sha256(clientJson))
  if (!(await verifySignature(key.key, b64(cred.response['signature'], 'signature'), signed).catch(() => false))) return { problem: 'the signature does not verify' }
  return { key, uv }
}

/** The made-up P-256 public key of every decoy's passkey, one per pool, made when first needed. */
const decoyKeys = new WeakMap<PoolState, Promise<JsonWebKey>>()

/**
 * Why a WEB_AUTHN answer to a decoy (a name no user has, see decoys.ts) does not prove the user:
 * the same checks, in the same order and with the same words, as for a real user whose one passkey
 * is the decoy's made-up credential `id`, so no answer tells the two apart. The key is one no
 * authenticator holds, so the signature, if reached, never verifies.
 */
export async function decoyPasskeyProblem(s: PoolState, sess: Sess, id: string, answer: string | undefined): Promise<string> {
  const assertion = readAssertion(answer)
  let jwk = decoyKeys.get(s)
  if (!jwk) decoyKeys.set(s, (jwk = globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']).then((k) => globalThis.crypto.subtle.exportKey('jwk', k.publicKey))))
  const key: Passkey = { id, key: { alg: ES256, jwk: await jwk }, signCount: 0, rpId: s.webAuthn.rpId, name: '', attachment: undefined, transports: [], created: 0 }
  return (await assertionProblem({ ...sess.flow.user, passkeys: new Map([[id, key]]) }, sess, assertion)).problem ?? NOT_THEIRS
}

/**
 * Check the WEB_AUTHN answer (`CREDENTIAL`). A malformed one is InvalidParameterException; one
 * that does not prove the user is NotAuthorizedException and counts toward the lockout as a wrong
 * password does (lockout.ts), the Session staying usable until the lockout starts (`onLock`).
 * The Session is spent by the first answer that proves the user: another answer verified at the
 * same time finds it spent. Returns whether MFA is satisfied: the user's passkey MFA is on and the
 * authenticator verified the user, or MFA does not apply (the pool's
 * MULTI_FACTOR_WITH_USER_VERIFICATION and WebAuthnMfaSettings, quoted above).
 */
export async function answerPasskey(s: PoolState, sess: Sess, answer: string | undefined, onLock: () => void): Promise<boolean> {
  const u = sess.flow.user
  const assertion = readAssertion(answer)
  const result = await assertionProblem(u, sess, assertion)
  // from here on no await: the Session and the counter cannot change under this answer
  if (sess.expect !== 'WEB_AUTHN') fail('NotAuthorizedException', 'Invalid session for the user.')
  const count = assertion.auth.signCount
  const stored = result.key?.signCount ?? 0
  const problem = result.problem ?? ((count !== 0 || stored !== 0) && count <= stored ? 'the signature counter did not increase (a cloned authenticator?)' : undefined)
  checkSignInCode(s, u.lockout, problem === undefined, 'NotAuthorizedException', refusedPasskey(problem!), onLock)
  sess.expect = ''
  result.key!.signCount = count
  return !mfaApplies(s, u) || (passkeyMfa(s, u) && result.uv === true)
}

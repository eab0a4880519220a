/**
 * A software WebAuthn authenticator for tests, on WebCrypto only (portable): it holds one ES256
 * (P-256) or RS256 key pair, answers creation options with a RegistrationResponseJSON (a CBOR
 * `none` attestation object carrying the COSE key) and request options with an
 * AuthenticationResponseJSON (signature over authenticatorData || SHA-256(clientDataJSON), ECDSA
 * DER-encoded as real authenticators send it). Every field can be bent, the signed bytes too
 * (before signing, so the signature still matches), so tests can send what a broken or hostile
 * client would.
 */
import { concat, toBase64Url, utf8, type Bytes } from '../../src/lib/bytes.ts'
import { sha256 } from '../../src/lib/webcrypto.ts'

type CborIn = number | string | Uint8Array | CborIn[] | Map<number | string, CborIn>

/** Encode the CBOR subset WebAuthn uses (definite lengths, integer or text map keys). */
export function cbor(v: CborIn): Bytes {
  const head = (major: number, n: number): number[] => {
    if (n < 24) return [(major << 5) | n]
    if (n < 256) return [(major << 5) | 24, n]
    if (n < 65536) return [(major << 5) | 25, n >> 8, n & 255]
    return [(major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255]
  }
  if (typeof v === 'number') return new Uint8Array(v >= 0 ? head(0, v) : head(1, -1 - v)) as Bytes
  if (typeof v === 'string') {
    const b = utf8(v)
    return concat(new Uint8Array(head(3, b.length)), b)
  }
  if (v instanceof Uint8Array) return concat(new Uint8Array(head(2, v.length)), v)
  if (Array.isArray(v)) return concat(new Uint8Array(head(4, v.length)), ...v.map(cbor))
  return concat(new Uint8Array(head(5, v.size)), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)]))
}

/** A raw P-256 signature (r||s) as DER `SEQUENCE { INTEGER r, INTEGER s }`. */
export function rawToDer(raw: Uint8Array): Bytes {
  const int = (x: Uint8Array): Uint8Array => {
    let i = 0
    while (i < x.length - 1 && x[i] === 0) i++
    const body = x[i]! & 0x80 ? concat(new Uint8Array([0]), x.subarray(i)) : x.subarray(i)
    return concat(new Uint8Array([2, body.length]), body)
  }
  const seq = concat(int(raw.subarray(0, 32)), int(raw.subarray(32)))
  return concat(new Uint8Array([0x30, seq.length]), seq)
}

/** Authenticator data flags. */
export const FLAG = { UP: 0x01, UV: 0x04, AT: 0x40 } as const

/** What a test can bend in one ceremony (defaults: what an honest authenticator in a browser would send). */
export interface Bend {
  type?: string
  challenge?: string
  origin?: string
  crossOrigin?: boolean
  /** The relying party whose SHA-256 goes into the authenticator data (default: the one asked for). */
  rpId?: string
  /** Authenticator data flags (default UP|UV, plus AT when registering). */
  flags?: number
  signCount?: number
  /** Replace the signature with one over other data. */
  badSignature?: boolean
  userHandle?: string | null
  fmt?: string
  attStmt?: Map<number | string, CborIn>
  /** Rewrite the authenticator data before it is signed (so the signature still matches it). */
  authData?: (authData: Bytes) => Uint8Array
  /** Rewrite clientDataJSON before it is hashed and signed. */
  clientDataJSON?: (json: Bytes) => Uint8Array
}

/** A software authenticator holding one credential. */
export interface SoftAuthenticator {
  readonly credentialId: string
  readonly alg: -7 | -257
  /** The signature counter of the next assertion (0 stays 0: an authenticator without a counter). */
  signCount: number
  /** navigator.credentials.create for Cognito's CredentialCreationOptions, as RegistrationResponseJSON. */
  register(options: Record<string, any>, bend?: Bend): Promise<Record<string, unknown>>
  /** navigator.credentials.get for CREDENTIAL_REQUEST_OPTIONS, as AuthenticationResponseJSON. */
  assert(options: Record<string, any>, bend?: Bend): Promise<Record<string, unknown>>
}

const ES = { name: 'ECDSA', namedCurve: 'P-256' } as const
const RS = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) } as const
const rewrite = (b: Bytes, f: ((b: Bytes) => Uint8Array) | undefined): Bytes => (f ? (f(b) as Bytes) : b)
const fromB64u = (s: string): Bytes => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4)), (c) => c.charCodeAt(0)) as Bytes

/** A new authenticator; `origin` defaults to `http://localhost:3000` for `localhost`, else `https://<rpId>`. */
export async function createAuthenticator(o: { alg?: -7 | -257; origin?: string; signCount?: number } = {}): Promise<SoftAuthenticator> {
  const alg = o.alg ?? -7
  const pair = (await crypto.subtle.generateKey(alg === -7 ? ES : RS, true, ['sign', 'verify'])) as CryptoKeyPair
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey)
  const cose =
    alg === -7
      ? new Map<number, CborIn>([[1, 2], [3, -7], [-1, 1], [-2, fromB64u(jwk.x!)], [-3, fromB64u(jwk.y!)]])
      : new Map<number, CborIn>([[1, 3], [3, -257], [-1, fromB64u(jwk.n!)], [-2, fromB64u(jwk.e!)]])
  const id = crypto.getRandomValues(new Uint8Array(16)) as Bytes
  const credentialId = toBase64Url(id)
  let userHandle = ''
  const originFor = (rpId: string, bend: Bend): string => bend.origin ?? o.origin ?? (rpId === 'localhost' ? 'http://localhost:3000' : `https://${rpId}`)
  const clientData = (type: string, options: Record<string, any>, rpId: string, bend: Bend): Bytes =>
    utf8(JSON.stringify({ type: bend.type ?? type, challenge: bend.challenge ?? options['challenge'], origin: originFor(rpId, bend), crossOrigin: bend.crossOrigin ?? false }))
  const authData = async (rpId: string, flags: number, count: number, attested?: Uint8Array): Promise<Bytes> => {
    const counter = new Uint8Array(4)
    new DataView(counter.buffer).setUint32(0, count)
    return concat(await sha256(utf8(rpId)), new Uint8Array([flags]), counter, attested ?? new Uint8Array(0))
  }
  const sign = async (data: Uint8Array): Promise<Bytes> => {
    const sig = new Uint8Array(await crypto.subtle.sign(alg === -7 ? { name: 'ECDSA', hash: 'SHA-256' } : RS, pair.privateKey, data as Bytes))
    return alg === -7 ? rawToDer(sig) : (sig as Bytes)
  }
  const me: SoftAuthenticator = {
    credentialId,
    alg,
    signCount: o.signCount ?? 0,
    async register(options, bend = {}) {
      const rpId: string = options['rp']?.id
      userHandle = options['user']?.id
      const attested = concat(new Uint8Array(16), new Uint8Array([0, id.length]), id, cbor(cose))
      const auth = rewrite(await authData(bend.rpId ?? rpId, bend.flags ?? FLAG.UP | FLAG.UV | FLAG.AT, bend.signCount ?? me.signCount, attested), bend.authData)
      const client = rewrite(clientData('webauthn.create', options, rpId, bend), bend.clientDataJSON)
      // `packed` without a statement given: self-attestation, signed by the credential's own key
      const attStmt = bend.attStmt ?? (bend.fmt === 'packed' ? new Map<string, CborIn>([['alg', alg], ['sig', await sign(concat(auth, await sha256(client)))]]) : new Map())
      const attObj = cbor(new Map<string, CborIn>([['fmt', bend.fmt ?? 'none'], ['attStmt', attStmt], ['authData', auth]]))
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        authenticatorAttachment: 'platform',
        response: { clientDataJSON: toBase64Url(client), attestationObject: toBase64Url(attObj), transports: ['internal', 'hybrid'] },
        clientExtensionResults: {},
      }
    },
    async assert(options, bend = {}) {
      const rpId: string = options['rpId']
      if (me.signCount) me.signCount++
      const auth = rewrite(await authData(bend.rpId ?? rpId, bend.flags ?? FLAG.UP | FLAG.UV, bend.signCount ?? me.signCount), bend.authData)
      const client = rewrite(clientData('webauthn.get', options, rpId, bend), bend.clientDataJSON)
      const signed = concat(auth, await sha256(client))
      const signature = await sign(bend.badSignature ? concat(signed, new Uint8Array([1])) : signed)
      const handle = bend.userHandle === undefined ? userHandle || undefined : bend.userHandle
      return {
        id: credentialId,
        rawId: credentialId,
        type: 'public-key',
        authenticatorAttachment: 'platform',
        response: { clientDataJSON: toBase64Url(client), authenticatorData: toBase64Url(auth), signature: toBase64Url(signature), ...(handle === undefined ? {} : { userHandle: handle }) },
        clientExtensionResults: {},
      }
    },
  }
  return me
}

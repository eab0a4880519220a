/**
 * A small, honest stand-in for Cognito's sign-in endpoint, used by the hardening suites (fault
 * matrix, SRP hostility, secret hygiene, clock skew). It answers InitiateAuth (USER_SRP_AUTH and
 * USER_PASSWORD_AUTH) and RespondToAuthChallenge(PASSWORD_VERIFIER) the way Cognito does, and it
 * checks the client's PASSWORD_CLAIM_SIGNATURE with the independent server-side SRP in
 * ./srp-server.ts — so a wrong client computation is rejected exactly as Cognito would reject it
 * (HTTP 400 NotAuthorizedException "Incorrect username or password.").
 *
 * Clock: when `serverNow` is given, every response carries a `Date` header from that clock and
 * the TIMESTAMP of a PASSWORD_VERIFIER answer must be within `timestampWindowMs` of it. Cognito
 * rejects a stale TIMESTAMP with NotAuthorizedException (protocol.md §2.4, ministack#1758); its
 * exact window is not published, so the stub's default of 5 minutes is an assumption.
 *
 * Responses look like real Cognito: 200 or 400, `content-type: application/x-amz-json-1.1`,
 * `x-amzn-requestid`, and on errors `x-amzn-errortype: <Name>:` plus `x-amzn-errormessage`.
 */
import { randomBytes } from 'node:crypto'
import { makeVerifier, serverStep, type ServerStep } from './srp-server.ts'

export interface Reply {
  status: number
  body?: unknown
  /** A raw body (overrides `body`). */
  raw?: string
  headers?: Record<string, string>
}

export interface StubPoolOptions {
  /** Pool name: the part of the pool id after `_`. */
  poolName: string
  /** Cognito's internal username (USER_ID_FOR_SRP), e.g. the sub in an email-as-username pool. */
  userId: string
  password: string
  /** Tokens returned on success (default: JWT-shaped strings carrying `username: userId`). */
  tokens?: { IdToken: string; AccessToken: string; RefreshToken?: string }
  /** Server clock (ms since epoch): adds a `Date` header and checks TIMESTAMP against it. */
  serverNow?: () => number
  /** Send the `Date` header (default true when `serverNow` is set). */
  dateHeader?: boolean
  /** Allowed TIMESTAMP distance from the server clock, ms. Default 5 minutes. */
  timestampWindowMs?: number
  /** Rewrite the PASSWORD_VERIFIER challenge parameters (hostile servers). */
  challenge?: (cp: Record<string, string>, step: ServerStep) => Record<string, unknown>
  /** Answer USER_PASSWORD_AUTH with a PASSWORD_VERIFIER challenge (a hostile/misrouted server). */
  verifierForPasswordAuth?: boolean
  /**
   * A remembered device: a sign-in that sends this DEVICE_KEY continues with DEVICE_SRP_AUTH →
   * DEVICE_PASSWORD_VERIFIER, verified with the device's own verifier (prefix = DeviceGroupKey,
   * id = DeviceKey). Sign-ins also return NewDeviceMetadata for it when `offerDevice` is set.
   */
  device?: { deviceKey: string; deviceGroupKey: string; devicePassword: string }
  offerDevice?: boolean
}

const b64url = (s: string): string => Buffer.from(s).toString('base64url')

/** A JWT-shaped (unsigned, opaque-signature) token whose payload names `username`. */
export function fakeJwt(claims: Record<string, unknown>, sig = 'c2ln'): string {
  return `${b64url('{"kid":"k1","alg":"RS256"}')}.${b64url(JSON.stringify(claims))}.${sig}`
}

export function json(status: number, body: unknown, extra: Record<string, string> = {}): Reply {
  return { status, body, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${randomBytes(4).toString('hex')}`, ...extra } }
}

/** A Cognito-shaped error reply (HTTP 400 unless told). */
export function cognitoError(name: string, message: string, status = 400): Reply {
  return json(status, { __type: name, message }, { 'x-amzn-errortype': `${name}:`, 'x-amzn-errormessage': message })
}

/** Parse Cognito's TIMESTAMP (`ddd MMM D HH:mm:ss UTC YYYY`) strictly; NaN when malformed. */
export function parseTimestamp(ts: string): number {
  const m = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) (\d\d):(\d\d):(\d\d) UTC (\d{4})$/.exec(ts)
  if (!m) return NaN
  const month = 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m[2]!) / 3
  return Date.UTC(Number(m[7]), month, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
}

export function toResponse(r: Reply): Response {
  const body = r.raw ?? (r.body === undefined ? null : JSON.stringify(r.body))
  return new Response(body, { status: r.status, headers: r.headers ?? {} })
}

/** The stub: `handle(operation, body)` for MockAgent callbacks, `fetch` for injection. */
export function stubPool(o: StubPoolOptions) {
  const { salt, v } = makeVerifier(o.poolName, o.userId, o.password)
  const tokens = o.tokens ?? {
    IdToken: fakeJwt({ token_use: 'id', 'cognito:username': o.userId, n: randomBytes(6).toString('hex') }),
    AccessToken: fakeJwt({ token_use: 'access', username: o.userId, n: randomBytes(6).toString('hex') }),
    RefreshToken: `refresh-${randomBytes(8).toString('hex')}`,
  }
  const sessions = new Map<string, { step: ServerStep; A: bigint; device?: boolean; deviceKey?: string }>()
  const dv = o.device && makeVerifier(o.device.deviceGroupKey, o.device.deviceKey, o.device.devicePassword)
  const calls: string[] = []
  const dated = (r: Reply): Reply => (o.serverNow && o.dateHeader !== false ? { ...r, headers: { ...r.headers, date: new Date(o.serverNow()).toUTCString() } } : r)
  const incorrect = (): Reply => cognitoError('NotAuthorizedException', 'Incorrect username or password.')
  const success = (): Reply =>
    json(200, {
      AuthenticationResult: { ...tokens, ExpiresIn: 3600, TokenType: 'Bearer', ...(o.offerDevice && o.device ? { NewDeviceMetadata: { DeviceKey: o.device.deviceKey, DeviceGroupKey: o.device.deviceGroupKey } } : {}) },
      ChallengeParameters: {},
    })
  const newSession = (entry: { step: ServerStep; A: bigint; device?: boolean; deviceKey?: string }): string => {
    const session = randomBytes(24).toString('base64')
    sessions.set(session, entry)
    return session
  }

  function verifierChallenge(A: bigint): Reply {
    const step = serverStep(o.poolName, o.userId, v)
    const session = randomBytes(24).toString('base64')
    sessions.set(session, { step, A })
    let cp: Record<string, unknown> = {
      SALT: salt.toString(16),
      SRP_B: step.B.toString(16),
      SECRET_BLOCK: randomBytes(64).toString('base64'),
      USERNAME: o.userId,
      USER_ID_FOR_SRP: o.userId,
    }
    if (o.challenge) cp = o.challenge(cp as Record<string, string>, step)
    return json(200, { ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: cp, Session: session })
  }

  function handle(operation: string, body: any): Reply {
    calls.push(operation)
    if (operation === 'InitiateAuth') {
      const p = body?.AuthParameters ?? {}
      if (body?.AuthFlow === 'USER_SRP_AUTH') {
        if (typeof p.SRP_A !== 'string' || !/^[0-9a-f]+$/i.test(p.SRP_A)) return dated(cognitoError('InvalidParameterException', 'Invalid input given'))
        return dated(verifierChallenge(BigInt('0x' + p.SRP_A)))
      }
      if (body?.AuthFlow === 'USER_PASSWORD_AUTH') {
        if (o.verifierForPasswordAuth) return dated(verifierChallenge(2n))
        return dated(p.PASSWORD === o.password ? success() : incorrect())
      }
      return dated(cognitoError('InvalidParameterException', 'Invalid input given'))
    }
    if (operation === 'RespondToAuthChallenge') {
      const s = sessions.get(body?.Session)
      const r = body?.ChallengeResponses ?? {}
      if (!s) return dated(cognitoError('NotAuthorizedException', 'Invalid session for the user.'))
      sessions.delete(body.Session)
      if (o.serverNow && body.ChallengeName !== 'DEVICE_SRP_AUTH') {
        const t = parseTimestamp(String(r.TIMESTAMP))
        if (!(Math.abs(t - o.serverNow()) <= (o.timestampWindowMs ?? 300_000))) return dated(incorrect())
      }
      if (r.USERNAME !== o.userId) return dated(incorrect())
      if (body.ChallengeName === 'DEVICE_SRP_AUTH') {
        // the device step: a fresh exchange against the device's verifier
        if (!dv || !o.device || r.DEVICE_KEY !== o.device.deviceKey || typeof r.SRP_A !== 'string') return dated(incorrect())
        const step = serverStep(o.device.deviceGroupKey, o.device.deviceKey, dv.v)
        const session = newSession({ step, A: BigInt('0x' + r.SRP_A), device: true })
        const cp = { SALT: dv.salt.toString(16), SRP_B: step.B.toString(16), SECRET_BLOCK: randomBytes(64).toString('base64'), USERNAME: o.userId, DEVICE_KEY: o.device.deviceKey }
        return dated(json(200, { ChallengeName: 'DEVICE_PASSWORD_VERIFIER', ChallengeParameters: cp, Session: session }))
      }
      const ok = s.step.verify(s.A, Buffer.from(String(r.PASSWORD_CLAIM_SECRET_BLOCK), 'base64'), String(r.TIMESTAMP), String(r.PASSWORD_CLAIM_SIGNATURE))
      if (!ok) return dated(incorrect())
      if (!s.device && o.device && r.DEVICE_KEY === o.device.deviceKey) {
        return dated(json(200, { ChallengeName: 'DEVICE_SRP_AUTH', ChallengeParameters: {}, Session: newSession({ step: s.step, A: s.A }) }))
      }
      return dated(success())
    }
    return dated(cognitoError('InvalidParameterException', `stub does not implement ${operation}`))
  }

  const fetch = async (_url: string, init: RequestInit): Promise<Response> => {
    const target = String(new Headers(init.headers).get('x-amz-target'))
    return toResponse(handle(target.slice(target.indexOf('.') + 1), JSON.parse(String(init.body))))
  }
  return { handle, fetch, tokens, calls, salt, v, sessions }
}

/**
 * The admin client: AWS credentials, the SigV4 signer (aws4fetch, service `cognito-idp`) and a
 * typed `send` for every SigV4 operation. The admin functions take it; `AdminCognito` holds one.
 * This folder is the only code that imports aws4fetch, so a user-side bundle never has a signer.
 * @module
 */
import { AwsV4Signer } from 'aws4fetch'
import { argError, assertFn, assertObj, assertOptStr, headersOf } from '../errors.ts'
import { isStr } from '../lib/guards.ts'
import { REGION, regionFromPoolId } from '../lib/pool-id.ts'
import type { OperationInput, OperationOutput, SigV4OperationName } from '../operations.generated.ts'
import { ADMIN_UNSAFE, checkOptions, endpointForRegion, givenOf, sendChecked, skewOf, withSignals, type CallOptions, type OutgoingRequest, type TransportOptions } from '../transport.ts'

/** AWS credentials (an IAM user's keys, or temporary ones with a session token). */
export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  /** For temporary credentials (STS, Lambda, ECS …). */
  sessionToken?: string | undefined
}

/**
 * Credentials that rotate (an ECS task role, an instance role, an assumed role): called for every
 * signature, so it should keep them until they near their expiry (the AWS SDK's
 * `fromNodeProviderChain()` does).
 */
export type AwsCredentialsProvider = () => AwsCredentials | Promise<AwsCredentials>

type Env = Record<string, string | undefined>

/**
 * Credentials from the options or the environment, or an ArgumentError naming what is missing and
 * where to put it. A function is kept as it is: what it gives is checked at each signature.
 * @internal
 */
export function resolveCredentials(given: AwsCredentials | AwsCredentialsProvider | undefined | null, who: string): AwsCredentials | AwsCredentialsProvider {
  if (typeof given == 'function') return given
  const env: Env = (globalThis as { process?: { env?: Env } }).process?.env ?? {}
  const mine = given !== undefined
  const c = (mine ? given : { accessKeyId: env['AWS_ACCESS_KEY_ID'], secretAccessKey: env['AWS_SECRET_ACCESS_KEY'], sessionToken: env['AWS_SESSION_TOKEN'] || undefined }) as Partial<AwsCredentials> | null
  assertObj(c, 'credentials')
  const { accessKeyId, secretAccessKey, sessionToken } = c
  // each missing key, named where the caller would put it
  const missing = [[accessKeyId, 'accessKeyId', 'ACCESS_KEY_ID'], [secretAccessKey, 'secretAccessKey', 'SECRET_ACCESS_KEY']]
    .filter(([v]) => !isStr(v))
    .map(([, k, e]) => (mine ? `"credentials.${k}"` : 'AWS_' + e))
  if (missing.length) {
    throw argError(`${who} needs AWS credentials: ${missing.join(' and ')} ${missing[1] ? 'are' : 'is'} missing (pass "credentials", or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`)
  }
  assertOptStr(sessionToken, 'credentials.sessionToken')
  // both are sent in headers: one fetch would refuse is refused here, never quoted by its TypeError
  headersOf({ a: accessKeyId! }, mine ? 'credentials.accessKeyId' : 'AWS_ACCESS_KEY_ID')
  headersOf({ a: sessionToken ?? '' }, mine ? 'credentials.sessionToken' : 'AWS_SESSION_TOKEN')
  // an undefined sessionToken is no session token to the signer
  return { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey!, sessionToken }
}

/**
 * A SigV4 signer for the transport's `sign` hook, called again for every attempt so each retry
 * carries a fresh date. The credentials stay in the closure: only the access key id is sent.
 * @internal
 */
export function sigV4(credentials: AwsCredentials | AwsCredentialsProvider, region: string, now: () => number): (req: OutgoingRequest) => Promise<OutgoingRequest> {
  return async (req) => {
    const signed = await new AwsV4Signer({
      // a function's keys are checked as given ones are (null: not the environment's)
      ...(typeof credentials == 'function' ? (resolveCredentials((await credentials()) ?? null, 'credentials()') as AwsCredentials) : credentials),
      ...req,
      service: 'cognito-idp',
      region,
      datetime: new Date(now()).toISOString().replace(/[:-]|\.\d{3}/g, ''),
      // an undefined sessionToken is none to the signer
    } as ConstructorParameters<typeof AwsV4Signer>[0]).sign()
    return { ...req, headers: Object.fromEntries(signed.headers as unknown as Iterable<[string, string]>) }
  }
}

/**
 * Make a signed call; when Cognito refuses the signature (InvalidSignatureException, e.g.
 * "Signature expired") and its answer taught the clock a new offset, make it once more, dated by
 * the corrected clock. A refused signature did nothing, so this is safe for every operation.
 * @param skew - the clock's current offset from Cognito's
 * @internal
 */
export function resignOnce<T>(call: () => Promise<T>, skew: () => number): Promise<T> {
  const was = skew()
  return call().catch((e: Error) => (e.name === 'InvalidSignatureException' && skew() !== was ? call() : Promise.reject(e)))
}

/**
 * The region admin requests for a pool are signed for: the pool id's; a pool id that names no
 * region (an emulator's `local_abc`) is signed for `region`, else `us-east-1`, when an `endpoint`
 * is given. A `region` beside a pool id must be the pool id's: a malformed pool id, or one of
 * another region (which Cognito would answer with ResourceNotFoundException, after the request
 * was sent), is refused here.
 * @throws {ArgumentError} the pool id is malformed (naming the options that would help), or names another region than `region` (a malformed `region` is refused as such, never quoted)
 * @internal
 */
export function signingRegion(userPoolId: string, { region, endpoint }: { region?: string | undefined; endpoint?: string | undefined }): string {
  // anything but a string goes to regionFromPoolId, which refuses it without printing it
  const named = typeof userPoolId != 'string' || endpoint === undefined || REGION.test(userPoolId.split('_')[0]!) ? regionFromPoolId(userPoolId) : (region ?? 'us-east-1')
  if ((region ?? named) !== named) {
    // a malformed region is refused as such first, never quoted: it may be a key given in the wrong option
    endpointForRegion(region!)
    throw argError(`"userPoolId" is in ${named}, not ${region}`)
  }
  return named
}

/** Options of {@link createAdminClient}. */
export interface AdminClientOptions extends TransportOptions {
  /**
   * The user pool: the default `UserPoolId` of the admin functions, and its region the default
   * `region` (with an `endpoint`, a pool id without a region is signed for `us-east-1`).
   */
  userPoolId?: string | undefined
  /**
   * Default: the `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` environment
   * variables, read once. A function ({@link AwsCredentialsProvider}) is called for every signature,
   * for credentials that rotate. Never serialised.
   */
  credentials?: AwsCredentials | AwsCredentialsProvider | undefined
  /**
   * Clock for the SigV4 date, ms since the epoch, taken as the truth. Default: `Date.now`
   * corrected by Cognito's clock (the `Date` of its answers), so a machine clock minutes off still
   * signs requests AWS accepts.
   */
  now?: (() => number) | undefined
}

/** Per-call options of {@link AdminClient.send}: the client's region and endpoint stay fixed, since the signature covers them. */
export type AdminCallOptions = Omit<TransportOptions, 'region' | 'endpoint'>

/** The admin client of {@link createAdminClient}: one typed, signed call, and the pool it manages. */
export interface AdminClient {
  /** The region requests are signed for. */
  readonly region: string
  /** The default `UserPoolId` of the admin functions (undefined when the client was made with `region` only). */
  readonly userPoolId: string | undefined
  /**
   * Call one SigV4 (developer-credentials) operation, typed from the service model. Retries,
   * timeouts and errors are those of every other call; the request is re-signed for each attempt.
   * @throws {CognitoServiceError} Cognito's error, by name
   * @throws {ArgumentError} a malformed operation name or input, before any request
   */
  send<O extends SigV4OperationName>(operation: O, input: OperationInput<O>, options?: AdminCallOptions): Promise<OperationOutput<O>>
}

/**
 * The smallest way to make admin calls: the transport and the SigV4 signer (no SRP, no user-side
 * class), for servers and Workers that manage users. The admin functions (`adminCreateUser`, …)
 * take it; `AdminCognito` is the pycognito-style class.
 * @throws {ArgumentError} missing credentials (naming the environment variables to set), or no way to tell the region
 * @example
 * ```ts
 * import { createAdminClient } from 'cognito-edge/admin'
 * const admin = createAdminClient({ userPoolId: 'us-east-1_AbC' }) // keys from AWS_* env
 * const { User } = await admin.send('AdminGetUser', { UserPoolId: 'us-east-1_AbC', Username: 'bob' })
 * ```
 */
export function createAdminClient(options: AdminClientOptions = {}): AdminClient {
  assertObj(options, 'options')
  const { credentials, userPoolId, now: clock, ...transport } = options
  assertFn(clock, 'now')
  // Cognito's clock minus ours, learnt from the `Date` of its answers unless the clock is given
  let skew = 0
  const creds = resolveCredentials(credentials, 'createAdminClient')
  // without a pool id, the region (else regionFromPoolId's error names both options)
  const region = userPoolId === undefined ? (transport.region ?? regionFromPoolId(userPoolId!)) : signingRegion(userPoolId, transport)
  const sign = sigV4(creds, region, clock ?? (() => Date.now() + skew))
  const admin = {
    region,
    async send(operation, input, call = {}) {
      const { region: _r, endpoint: _e, ...rest } = givenOf(call ?? {}) as CallOptions & { unsafe?: boolean }
      // either the client's signal or the call's aborts the call, as for createClient's clients
      // (the call's options are checked first: a signal that is not one, null included, is never
      // linked to the client's, nor replaced by it)
      const a = transport.signal
      checkOptions(rest)
      const seen = rest.onServerDate ?? transport.onServerDate
      const o = { ...transport, region, ...rest, sign, onServerDate: (server: number, local: number) => ((skew = clock ? 0 : skewOf(server, local)), seen?.(server, local)) }
      // `unsafe` (from the sign-in functions, which know the flow): whether the request may be
      // repeated after an unknown outcome, whatever the operation; without it, the list decides
      return withSignals(a, rest.signal, (signal) => resignOnce(() => sendChecked(operation, input, { ...o, signal } as CallOptions, { test: (op) => rest.unsafe ?? ADMIN_UNSAFE.test(op) }), () => skew))
    },
  } as AdminClient
  // not enumerable: what a client shows (JSON, logs) stays its region
  return Object.defineProperty(admin, 'userPoolId', { value: userPoolId })
}

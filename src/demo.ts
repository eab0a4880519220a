/**
 * The demo (`npm run demo`, `cognito-edge demo`): one user's whole life against an embedded
 * local pool, one line per step with the Cognito operations each step really sent (read from
 * the pool's call log) and the time taken. Only the library's public methods are used.
 * Portable: web globals only.
 * @module
 */
import { AdminCognito } from './admin.ts'
import { Cognito, decodePayload } from './cognito.ts'
import { createVerifier } from './jwt.ts'
import { createLocalPool, type LocalPoolOptions } from './local/pool.ts'
import { totp } from './local/crypto.ts'

/** One narrated step. */
export interface DemoStep {
  title: string
  ok: boolean
  /** The Cognito operations the step sent, in order (`Op` or `Op!ErrorName` for expected failures). */
  operations: string[]
  ms: number
  detail: string
}

/** Result of {@link runDemo}. */
export interface DemoResult {
  ok: boolean
  steps: DemoStep[]
  ms: number
}

const ADMIN_CREDS = { accessKeyId: 'AKIDLOCALDEMO', secretAccessKey: 'local-demo-secret' }

async function expectFailure(p: Promise<unknown>, name: string): Promise<void> {
  try {
    await p
  } catch (e) {
    if ((e as Error).name === name) return
    throw e
  }
  throw new Error(`expected ${name}`)
}

/**
 * Run the demo against a fresh embedded pool.
 * @param log - receives one line per step and the summary (default: discard)
 * @param poolOptions - `onCall` to observe every exchange, `shareKeys` for tests
 * @returns every step's outcome; `ok` is false when any step failed
 */
export async function runDemo(log: (line: string) => void = () => {}, poolOptions: Pick<LocalPoolOptions, 'onCall' | 'shareKeys'> = {}): Promise<DemoResult> {
  const t0 = performance.now()
  const pool = createLocalPool({ ...poolOptions, poolId: 'us-east-1_DemoPool1', deviceTracking: true, credentials: ADMIN_CREDS })
  const fetchImpl = pool.fetch
  const endpoint = pool.endpoint
  const email = 'ada@example.com'
  let password = 'Analytical-Engine-1843'
  const clientId = pool.clientId
  const opts = { userPoolId: pool.poolId, clientId, fetch: fetchImpl, endpoint, retry: false as const }
  // token verification is opt-in per instance (it keeps cognito-edge/jwt out of the class bundle)
  const verifier = createVerifier({ userPoolId: pool.poolId, clientId, tokenUse: null, endpoint, fetch: fetchImpl })
  const ada = new Cognito({ ...opts, username: 'ada', verifier })
  const admin = new AdminCognito({ ...opts, credentials: ADMIN_CREDS })
  let secret = ''

  const steps: Array<[string, () => Promise<string>]> = [
    ['sign up', async () => {
      const r = await ada.register('ada', password, { attributes: { email } })
      return `code sent to ${String(r.CodeDeliveryDetails?.Destination)}`
    }],
    ['confirm with the emailed code', async () => {
      const code = pool.lastCode('ada', 'SignUp')!
      await ada.confirmSignUp(code)
      return `code ${code} accepted, status ${pool.user('ada')!.status}`
    }],
    ['SRP login', async () => {
      const r = await ada.authenticate(password)
      return `password proof verified by the pool; new device ${r.newDevice ? 'offered' : 'not offered'}`
    }],
    ['verify both tokens', async () => {
      const { id, access } = await ada.verifyTokens()
      return `RS256 against the pool's JWKS; id for ${String(id['email'])}, access scope "${String(access['scope'])}"`
    }],
    ['set up TOTP MFA', async () => {
      secret = (await ada.associateSoftwareToken()).secretCode
      if (!(await ada.verifySoftwareToken(await totp(secret, pool.now()), 'phone'))) throw new Error('VerifySoftwareToken did not succeed')
      await ada.setUserMfaPreference({ softwareToken: true, preferred: 'SOFTWARE_TOKEN' })
      return 'authenticator secret verified with an RFC 6238 code'
    }],
    ['log in with TOTP', async () => {
      try {
        await ada.authenticate(password)
        throw new Error('expected a SOFTWARE_TOKEN_MFA challenge')
      } catch (e) {
        if ((e as Error & { challengeName?: string }).challengeName !== 'SOFTWARE_TOKEN_MFA') throw e
      }
      // the code of the next 30-second window: each code is accepted once
      const r = await ada.respondToSoftwareTokenMfaChallenge(await totp(secret, pool.now() + 30_000))
      if (!r.newDevice) throw new Error('no NewDeviceMetadata')
      return 'SOFTWARE_TOKEN_MFA answered; the pool offers a new device'
    }],
    ['remember the device', async () => {
      const d = await ada.confirmDevice({ name: 'demo laptop', remember: true })
      return `device verifier stored for ${d.deviceKey.slice(0, 18)}…`
    }],
    ['log in with device SRP', async () => {
      const r = await ada.authenticate(password)
      if (decodePayload(r.accessToken)?.['device_key'] !== ada.deviceCredentials?.deviceKey) throw new Error('device_key claim missing')
      return 'password + device proofs verified, MFA skipped for the remembered device'
    }],
    ['refresh', async () => {
      const before = ada.accessToken
      const r = await ada.renewAccessToken()
      if (r.accessToken === before) throw new Error('same access token')
      return 'new ID and access tokens (the refresh sent DEVICE_KEY)'
    }],
    ['change password', async () => {
      const next = 'Difference-Engine-1822'
      await ada.changePassword(password, next)
      password = next
      await ada.authenticate(password)
      return 'signed in again with the new password'
    }],
    ['forgot password + reset', async () => {
      const where = await ada.initiateForgotPassword()
      const next = 'Bernoulli-Numbers-1843'
      await ada.confirmForgotPassword(pool.lastCode('ada', 'ForgotPassword')!, next)
      password = next
      await ada.authenticate(password)
      return `code sent to ${String(where?.Destination)}, password reset, signed in again`
    }],
    ['admin disables and re-enables', async () => {
      await admin.adminDisableUser('ada')
      await expectFailure(ada.authenticate(password), 'NotAuthorizedException')
      await admin.adminEnableUser('ada')
      await ada.authenticate(password)
      return 'SigV4-signed (AdminCognito); sign-in refused while disabled, accepted after'
    }],
    ['global sign-out, refresh fails', async () => {
      const refreshToken = ada.refreshToken!
      const device = ada.deviceCredentials!
      await ada.logout()
      // the same refresh token and device, presented again by another client instance
      const again = new Cognito({ ...opts, username: 'ada', refreshToken, ...device })
      await expectFailure(again.renewAccessToken(), 'NotAuthorizedException')
      return 'GlobalSignOut revoked the refresh token: Cognito refuses it'
    }],
  ]

  const out: DemoStep[] = []
  await pool.jwks() // generate the pool's two RSA signing keys before the clock starts
  log(`cognito-edge demo: one user's life against an embedded local pool (${pool.poolId}, ready in ${Math.round(performance.now() - t0)} ms)`)
  const first = performance.now()
  for (const [i, [title, fn]] of steps.entries()) {
    const from = pool.calls.length
    const t = performance.now()
    let ok = true
    let detail: string
    try {
      detail = await fn()
    } catch (e) {
      ok = false
      detail = `${(e as Error).name}: ${(e as Error).message}`
    }
    const ms = performance.now() - t
    const operations = pool.calls.slice(from).map((c) => (c.error ? `${c.operation}!${c.error}` : c.operation))
    out.push({ title, ok, operations, ms, detail })
    const ops = operations.join(', ').replace(/!(\w+)/g, ' ($1)')
    log(`${ok ? '✔' : '✖'} ${String(i + 1).padStart(2)}. ${title.padEnd(31)} ${String(Math.round(ms)).padStart(5)} ms  ${ops}`)
    log(`       ${detail}`)
    if (!ok) break
  }
  const ms = performance.now() - first
  const passed = out.filter((s) => s.ok).length
  const ok = passed === steps.length
  log(`${ok ? 'ok' : 'FAILED'}: ${passed}/${steps.length} steps in ${(ms / 1000).toFixed(2)} s, ${pool.calls.filter((c) => !c.operation.startsWith('GET')).length} Cognito calls, every SRP proof checked by the pool`)
  return { ok, steps: out, ms }
}

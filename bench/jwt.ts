/**
 * JWT verification throughput: cognito-edge's verifier (`cognito-edge/jwt`, src/jwt.ts) against
 * aws-jwt-verify 5.2.1's `CognitoJwtVerifier`, on the same RS256 Cognito-style access tokens and
 * the same JWKS (cached up front in both, so no fetch is timed). Every timed verify of the main
 * rows gets a token neither verifier has seen (distinct `jti`), so each one checks a signature;
 * a separate row shows ours on a token it has already verified (its verified-signature cache:
 * claims checked, signature not re-run), which is what a server sees on every request of a
 * session. Blocks of verifies alternate; reported: median time per verify and verifies per
 * second. Node, Bun and Deno.
 *
 *   npx tsx bench/jwt.ts [--quick]
 * @module
 */
import process from 'node:process'
import { CognitoJwtVerifier } from 'aws-jwt-verify'
import { createVerifier } from '../src/jwt.ts'

const POOL = 'us-east-1_abcdefghi'
const CLIENT = 'abcdefghijklmnopqrstuvwxyz'
const b64u = (b: Uint8Array | string): string => {
  const bytes = typeof b === 'string' ? new TextEncoder().encode(b) : b
  let s = ''
  for (const x of bytes) s += String.fromCharCode(x)
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export interface JwtRow {
  name: string
  /** median wall time per verify, µs */
  usPerVerify: number
  /** median CPU time per verify (process.cpuUsage over the block, all threads), µs */
  cpuPerVerify: number
  perSecond: number
  ratio?: number
  cpuRatio?: number
}
export interface JwtResult {
  rows: JwtRow[]
  verifies: number
}

/** A fresh RS256 key, its JWK set and a signer of access tokens shaped like Cognito's. */
async function material(): Promise<{ sign: (jti: string) => Promise<string>; jwks: { keys: JsonWebKey[] } }> {
  const kp = (await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const jwk = { ...(await crypto.subtle.exportKey('jwk', kp.publicKey)), kid: 'bench-key-1', alg: 'RS256', use: 'sig' } as JsonWebKey & { kid: string }
  delete (jwk as { key_ops?: unknown }).key_ops
  delete (jwk as { ext?: unknown }).ext
  const now = Math.floor(Date.now() / 1000)
  const header = b64u(JSON.stringify({ kid: jwk.kid, alg: 'RS256' }))
  const sign = async (jti: string): Promise<string> => {
    const payload = b64u(
      JSON.stringify({
        sub: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`, client_id: CLIENT,
        origin_jti: 'o-1', event_id: 'e-1', token_use: 'access', scope: 'aws.cognito.signin.user.admin', auth_time: now,
        exp: now + 3600, iat: now, jti, username: 'alice',
      }),
    )
    const sig = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', kp.privateKey, new TextEncoder().encode(`${header}.${payload}`)))
    return `${header}.${payload}.${b64u(sig)}`
  }
  return { sign, jwks: { keys: [jwk] } }
}

export async function benchJwt(opts: { blocks: number; perBlock: number }): Promise<JwtResult> {
  const { sign, jwks } = await material()
  const ours = createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'access' })
  ours.cacheJwks(jwks as never)
  const theirs = CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'access', clientId: CLIENT })
  theirs.cacheJwks(jwks as never)
  // fresh tokens for every block of every implementation: nobody verifies a token twice
  const fresh = async (tag: string): Promise<string[]> => Promise.all(Array.from({ length: opts.perBlock }, (_, k) => sign(`${tag}-${k}`)))
  const repeated = await sign('repeated')
  const impls: [string, (block: number) => Promise<string[]>, (t: string) => Promise<unknown>][] = [
    ['cognito-edge/jwt `verify`: a new token each time (signature checked)', (b) => fresh(`ours-${b}`), (t) => ours.verify(t)],
    ['aws-jwt-verify 5.2.1 `CognitoJwtVerifier.verify`: a new token each time', (b) => fresh(`theirs-${b}`), (t) => theirs.verify(t)],
    ['cognito-edge/jwt `verify`: the same token again (signature cached, claims checked)', async () => Array(opts.perBlock).fill(repeated), (t) => ours.verify(t)],
  ]
  for (const [name, , f] of impls) {
    const claims = (await f(repeated)) as { username?: string }
    if (claims?.username !== 'alice') throw new Error(`${name} did not return the token's claims`)
  }
  const times = impls.map((): number[] => [])
  const cpus = impls.map((): number[] => [])
  const cpu = (): number => {
    const u = process.cpuUsage()
    return u.user + u.system
  }
  for (let b = 0; b < opts.blocks + 1; b++) {
    for (const [i, [, tokensFor, f]] of impls.entries()) {
      const tokens = await tokensFor(b)
      const c = cpu()
      const t = performance.now()
      for (const token of tokens) await f(token)
      if (!b) continue // block 0 is warm-up
      times[i]!.push(((performance.now() - t) * 1000) / opts.perBlock)
      cpus[i]!.push((cpu() - c) / opts.perBlock)
    }
  }
  const med = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]!
  const rows = impls.map(([name], i) => ({ name, usPerVerify: med(times[i]!), cpuPerVerify: med(cpus[i]!), perSecond: Math.round(1e6 / med(times[i]!)) }))
  return { rows: rows.map((r) => ({ ...r, ratio: r.usPerVerify / rows[0]!.usPerVerify, cpuRatio: r.cpuPerVerify / rows[0]!.cpuPerVerify })), verifies: opts.blocks * opts.perBlock }
}

export function jwtTable(r: JwtResult): string {
  return [
    `JWT verification (RS256 access tokens, JWKS cached, ${r.verifies} verifies each, median of blocks; × = row / first row)`,
    '',
    '| verifier | wall µs per verify | verifies / s (sequential) | CPU µs per verify | × ours (wall) | × ours (CPU) |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.rows.map((x) => `| ${x.name} | ${x.usPerVerify.toFixed(1)} | ${x.perSecond.toLocaleString('en-US')} | ${x.cpuPerVerify.toFixed(1)} | ${x.ratio!.toFixed(2)} | ${x.cpuRatio!.toFixed(2)} |`),
  ].join('\n')
}

if (typeof process !== 'undefined' && process.argv[1]?.endsWith('jwt.ts')) {
  const quick = process.argv.includes('--quick')
  console.log(jwtTable(await benchJwt({ blocks: quick ? 1 : 15, perBlock: quick ? 20 : 200 })))
}

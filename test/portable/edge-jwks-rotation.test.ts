/**
 * An API verifying every request's token while Cognito rotates its signing key: the first token
 * signed with the new key makes the verifier fetch the JWKS again, and the requests that arrive
 * while that fetch is on its way carry the same new key. Keys are generated here with WebCrypto;
 * the JWKS has Cognito's shape (`{ keys: [{ kid, alg: 'RS256', kty: 'RSA', e, n, use: 'sig' }] }`)
 * and the claims those of a Cognito access token.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createVerifier, type Jwk } from '../../src/jwt.ts'

const POOL = 'eu-west-1_Rotat10n'
const CLIENT = 'rotationclient1'
const ISS = `https://cognito-idp.eu-west-1.amazonaws.com/${POOL}`
const NOW = 1_750_000_000_000
const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
const b64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const part = (o: unknown): string => b64(new TextEncoder().encode(JSON.stringify(o)))

async function keyPair(kid: string): Promise<{ kid: string; priv: CryptoKey; jwk: Jwk }> {
  const k = (await crypto.subtle.generateKey({ ...alg, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify'])) as CryptoKeyPair
  const pub = await crypto.subtle.exportKey('jwk', k.publicKey)
  return { kid, priv: k.privateKey, jwk: { kid, alg: 'RS256', kty: 'RSA', e: pub.e!, n: pub.n!, use: 'sig' } }
}

async function sign(key: { kid: string; priv: CryptoKey }, sub: string): Promise<string> {
  const iat = NOW / 1000
  const claims = { sub, iss: ISS, client_id: CLIENT, token_use: 'access', scope: 'aws.cognito.signin.user.admin', auth_time: iat, iat, exp: iat + 3600, username: sub }
  const input = `${part({ kid: key.kid, alg: 'RS256' })}.${part(claims)}`
  return `${input}.${b64(new Uint8Array(await crypto.subtle.sign(alg, key.priv, new TextEncoder().encode(input))))}`
}

test('key rotation: requests arriving while the JWKS is fetched again for the new kid wait for that fetch instead of failing', async () => {
  const [oldKey, newKey] = await Promise.all([keyPair('old-kid'), keyPair('new-kid')])
  let published = [oldKey.jwk]
  let fetches = 0
  let release!: () => void
  let gate: Promise<void> = Promise.resolve()
  const fetch = async (): Promise<Response> => {
    fetches++
    await gate
    return Response.json({ keys: published })
  }
  const verifier = createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'access', fetch, now: () => NOW })
  assert.equal((await verifier.verify(await sign(oldKey, 'before'))).sub, 'before')
  assert.equal(fetches, 1)

  // Cognito publishes the new key and signs with it; the refetch is held until every request is in
  published = [oldKey.jwk, newKey.jwk]
  gate = new Promise((r) => (release = r))
  const tokens = await Promise.all(Array.from({ length: 10 }, (_, i) => sign(newKey, `user-${i}`)))
  const pending = tokens.map((t) => verifier.verify(t))
  // a token signed with the key already cached does not wait for the refetch
  assert.equal((await verifier.verify(await sign(oldKey, 'old-still'))).sub, 'old-still')
  release()
  const results = await Promise.allSettled(pending)
  assert.deepEqual(results.map((r) => (r.status === 'fulfilled' ? r.value.sub : `rejected: ${(r.reason as Error).message}`)), tokens.map((_, i) => `user-${i}`))
  assert.equal(fetches, 2, 'one refetch for the whole burst')
})

test('key rotation: within the cooldown after a refetch, an unknown kid is refused from the cache without another fetch', async () => {
  const [known, rogue] = await Promise.all([keyPair('known-kid'), keyPair('rogue-kid')])
  let fetches = 0
  let clock = NOW
  const fetch = async (): Promise<Response> => (fetches++, Response.json({ keys: [known.jwk] }))
  const verifier = createVerifier({ userPoolId: POOL, clientId: CLIENT, tokenUse: 'access', fetch, now: () => clock, cooldown: 10 })
  await verifier.verify(await sign(known, 'a'))
  const forged = await sign(rogue, 'b')
  // the first unknown kid refetches once (the cooldown starts at a refetch, not at the first fetch)
  await assert.rejects(verifier.verify(forged), { reason: 'kid' })
  assert.equal(fetches, 2)
  // concurrent and later forgeries within the cooldown: no fetch
  await Promise.all(Array.from({ length: 5 }, () => assert.rejects(verifier.verify(forged), { reason: 'kid' })))
  assert.equal(fetches, 2)
  clock += 10_001
  await assert.rejects(verifier.verify(forged), { reason: 'kid' })
  assert.equal(fetches, 3, 'asked again once the cooldown has passed')
})

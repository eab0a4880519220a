/**
 * An INDEPENDENT SigV4 check (node:crypto, written from the AWS SigV4 specification, sharing no
 * code with aws4fetch): rebuild the canonical request from what was actually sent, derive the
 * signing key, and compare the signature with the one in the Authorization header.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import assert from 'node:assert/strict'
import { createHash, createHmac } from 'node:crypto'

export interface SentRequest {
  url: string
  headers: Headers
  body: string
}

/** Wrap a fetch to keep the raw requests (headers and body exactly as sent). */
export function recording(fetch: (url: string, init: RequestInit) => Promise<Response>): {
  fetch: (url: string, init: RequestInit) => Promise<Response>
  sent: SentRequest[]
} {
  const sent: SentRequest[] = []
  return {
    sent,
    fetch: (url, init) => {
      sent.push({ url, headers: new Headers(init.headers), body: String(init.body) })
      return fetch(url, init)
    },
  }
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex')
const hmac = (key: string | Buffer, s: string): Buffer => createHmac('sha256', key).update(s, 'utf8').digest()

/**
 * Assert `req` carries a valid SigV4 signature for `secretAccessKey`.
 * @returns the parsed credential scope
 */
export function assertSigV4(req: SentRequest, secretAccessKey: string): { accessKeyId: string; date: string; region: string; service: string; signedHeaders: string[] } {
  const auth = req.headers.get('authorization')
  assert.ok(auth, 'the request carries an Authorization header')
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(auth)
  assert.ok(m, `Authorization header has the SigV4 form: ${auth}`)
  const [, accessKeyId, date, region, service, signed, signature] = m as unknown as string[]
  const amzDate = req.headers.get('x-amz-date')
  assert.match(amzDate ?? '', /^\d{8}T\d{6}Z$/)
  assert.equal(amzDate!.slice(0, 8), date, 'credential date = x-amz-date day')
  const url = new URL(req.url)
  const signedHeaders = signed!.split(';')
  for (const h of ['host', 'x-amz-date', 'x-amz-target']) assert.ok(signedHeaders.includes(h), `${h} is signed`)
  if (req.headers.has('x-amz-security-token')) assert.ok(signedHeaders.includes('x-amz-security-token'), 'the session token is signed')
  const canonicalHeaders = signedHeaders
    .map((h) => `${h}:${(h === 'host' ? url.host : (req.headers.get(h) ?? '')).trim().replace(/\s+/g, ' ')}\n`)
    .join('')
  const canonicalRequest = ['POST', url.pathname || '/', url.search.slice(1), canonicalHeaders, signed, sha256(req.body)].join('\n')
  const scope = `${date}/${region}/${service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date!), region!), service!), 'aws4_request')
  assert.equal(createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex'), signature, 'signature re-derived independently')
  return { accessKeyId: accessKeyId!, date: date!, region: region!, service: service!, signedHeaders }
}

/**
 * Reading an answer, on web globals only: a deadline that holds even against a `fetch` that
 * ignores its signal, and the body read with a byte cap. A hostile or broken server can
 * send an endless body or a small gzip body that inflates to gigabytes; `res.text()` would buffer
 * all of it. The cap counts the bytes the body stream yields, which `fetch` has already decoded
 * (a gzip body counts after decompression). Internal: not exported from any entry point.
 * The globals are used as they are, not through `need`: the JWT verifier reads its JWKS with this
 * and stays without the missing-global check (the transport makes it where it reads an answer).
 * @module
 */

/**
 * The body of `res` as text (UTF-8, like `res.text()`), or `undefined` when it is longer than
 * `maxBytes`: the stream is then cancelled, so no more is downloaded or inflated. A null body
 * reads as `''`. Read errors (an abort, a reset) reject, as `res.text()` does.
 */
export async function readText(res: Response, maxBytes: number): Promise<string | undefined> {
  const reader = res.body?.getReader?.()
  if (!reader) {
    // no stream to read (a null body, or a fetch without body streams): capped all the same
    const text = await res.text()
    return new TextEncoder().encode(text).length > maxBytes ? undefined : text
  }
  const decoder = new TextDecoder()
  let text = ''
  let n = 0
  for (let r; !(r = await reader.read()).done; ) {
    if ((n += r.value.byteLength) > maxBytes) {
      // not awaited: a stream whose cancel never settles must not hang the caller
      reader.cancel().catch(() => {})
      return undefined
    }
    text += decoder.decode(r.value, { stream: true })
  }
  return text + decoder.decode()
}

/**
 * A promise that rejects with `signal.reason` once `signal` aborts, and never resolves. Racing a
 * fetch or a body read against it ends the wait at the abort even when the fetch (an injected one)
 * or its body ignores the signal.
 */
export function aborted(signal: AbortSignal): Promise<never> {
  const p = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
  p.catch(() => {})
  return p
}

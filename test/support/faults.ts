/**
 * Fault injection in front of any `fetch` (the local pool's handler, a stub): the first N
 * attempts of one operation get scripted faults, later ones reach the real handler. Used by the
 * fault matrix for the local-pool backend (the MockAgent backend scripts the same faults as
 * interceptors). Faults:
 *   - reply: a scripted HTTP response;
 *   - error: the connection fails (fetch rejects with `TypeError: fetch failed`, the cause
 *     carrying the socket error, as undici does);
 *   - cut: the response body stops after 12 bytes with undici's `TypeError: terminated`;
 *   - hang: no answer until the request's signal aborts (timeout or caller abort).
 */
import { toResponse, type Reply } from './stub-pool.ts'

export type Fault = { reply: Reply } | { error: Error } | { cut: Reply } | { hang: true }
type Fetch = (url: string, init: RequestInit) => Promise<Response>

export const targetOf = (init: RequestInit | undefined): string => String(new Headers(init?.headers).get('x-amz-target')).replace(/^.*\./, '')

/** A Response whose body delivers its first 12 bytes and then fails like a dropped connection. */
export function cutOff(res: Response): Response {
  const reader = res.body!.getReader()
  let sent = false
  const body = new ReadableStream<Uint8Array>({
    async pull(ctl) {
      if (sent) return ctl.error(new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))
      const { value } = await reader.read()
      ctl.enqueue((value ?? new Uint8Array()).subarray(0, 12))
      sent = true
    },
  })
  return new Response(body, { status: res.status, headers: res.headers })
}

/**
 * Wrap `inner` so attempts of `op` follow `faults` (an empty slot passes the attempt through);
 * `attempts` counts every attempt of `op`. Both can be reset to arm the faults after setup calls.
 */
export function faultyFetch(inner: Fetch, op: string, faults: Array<Fault | undefined>, onAttempt?: (n: number) => void) {
  const s = {
    attempts: 0,
    faults,
    fetch: async (url: string, init: RequestInit): Promise<Response> => {
      if (targetOf(init) !== op) return inner(url, init)
      const n = ++s.attempts
      onAttempt?.(n)
      const f = s.faults[n - 1]
      if (!f) return inner(url, init)
      if ('error' in f) throw new TypeError('fetch failed', { cause: f.error })
      if ('hang' in f) {
        return new Promise<Response>((_, reject) => {
          const sig = init.signal
          if (sig?.aborted) return reject(sig.reason)
          sig?.addEventListener('abort', () => reject(sig.reason), { once: true })
        })
      }
      return 'cut' in f ? cutOff(toResponse(f.cut)) : toResponse(f.reply)
    },
  }
  return s
}

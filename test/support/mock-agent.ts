/**
 * Node-only: serve a fixture's interactions through undici's MockAgent, for tests that exercise
 * the real fetch stack (Node's global fetch reading undici's global dispatcher, or an injected
 * `undici.fetch`). Every request is recorded from inside the interceptor as the server saw it
 * (origin, path, headers, body) so the caller can assert it against the fixture.
 */
import assert from 'node:assert/strict'
import { MockAgent, fetch as undiciFetch, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici'
import type { Fixture, SeenRequest } from './replay.ts'

const ORIGIN = 'https://cognito-idp.us-east-1.amazonaws.com'

function headerRecord(h: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (Array.isArray(h)) {
    for (let i = 0; i + 1 < h.length; i += 2) out[String(h[i]).toLowerCase()] = String(h[i + 1])
  } else if (h && typeof h === 'object') {
    for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = String(v)
  }
  return out
}

export interface MockReplay {
  agent: MockAgent
  seen: SeenRequest[]
  /** An injected fetch that goes through the agent (undici.fetch with `dispatcher`). */
  fetch: (url: string, init: RequestInit) => Promise<Response>
  /** Install the agent as the global dispatcher (Node's global fetch then uses it). Returns an uninstaller. */
  install: () => () => void
  /** Asserts no interceptor is left and closes the agent. */
  done: () => void
}

/** Build a MockAgent answering `fixture.interactions` in order. */
export function mockReplay(fixture: Fixture, hooks: { onHold?: () => void } = {}, origin = ORIGIN): MockReplay {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const pool = agent.get(origin)
  const seen: SeenRequest[] = []
  fixture.interactions.forEach((it, index) => {
    const scope = pool
      .intercept({ path: '/', method: 'POST', headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${it.request.operation}` } })
      .reply((opts) => {
        const headers = headerRecord(opts.headers)
        const text = typeof opts.body === 'string' ? opts.body : String(opts.body ?? '')
        seen.push({ url: `${opts.origin}${opts.path}`, operation: headers['x-amz-target']!.replace('AWSCognitoIdentityProviderService.', ''), headers, body: text ? JSON.parse(text) : undefined })
        assert.equal(seen.length - 1, index, 'interactions are used in order')
        const r = it.response
        if (r.abort) {
          // undici asserts if the signal fires synchronously inside the reply callback
          setImmediate(() => hooks.onHold?.())
          return { statusCode: 200, data: '{}' }
        }
        const data = r.rawBody ?? (r.body === undefined ? '' : JSON.stringify(r.body))
        return { statusCode: r.status, data, responseOptions: { headers: r.headers ?? {} } }
      })
    if (it.response.abort) scope.delay(60_000)
  })
  return {
    agent,
    seen,
    fetch: (url, init) => undiciFetch(url, { ...(init as object), dispatcher: agent } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>,
    install() {
      const previous: Dispatcher = getGlobalDispatcher()
      setGlobalDispatcher(agent)
      return () => setGlobalDispatcher(previous)
    },
    done() {
      agent.assertNoPendingInterceptors()
      void agent.close()
    },
  }
}

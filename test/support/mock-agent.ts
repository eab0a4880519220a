/**
 * Node-only: serve a fixture's interactions through undici's MockAgent, for tests that exercise
 * the real fetch stack (Node's global fetch reading undici's global dispatcher, or an injected
 * `undici.fetch`). Every request the agent received, failed ones included, is taken from its call
 * history (origin, path, headers, body) so the caller can assert it against the fixture.
 */
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
  /** Filled from the agent's call history by `done()`. */
  seen: SeenRequest[]
  /** An injected fetch that goes through the agent (undici.fetch with `dispatcher`). */
  fetch: (url: string, init: RequestInit) => Promise<Response>
  /** Install the agent as the global dispatcher (Node's global fetch then uses it). Returns an uninstaller. */
  install: () => () => void
  /** Records what was sent into `seen`, asserts no interceptor is left, and closes the agent. */
  done: () => void
}

/** Build a MockAgent answering `fixture.interactions` in order (interceptors match on the target). */
export function mockReplay(fixture: Fixture, hooks: { onHold?: () => void } = {}, origin = ORIGIN): MockReplay {
  const agent = new MockAgent({ enableCallHistory: true })
  agent.disableNetConnect()
  const pool = agent.get(origin)
  const seen: SeenRequest[] = []
  for (const it of fixture.interactions) {
    const r = it.response
    const intercept = pool.intercept({ path: '/', method: 'POST', headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${it.request.operation}` } })
    if (r.networkError) {
      intercept.replyWithError(new Error('socket hang up'))
    } else if (r.abort) {
      intercept
        .reply(() => {
          // undici asserts if the signal fires synchronously inside the reply callback
          setImmediate(() => hooks.onHold?.())
          return { statusCode: 200, data: '{}' }
        })
        .delay(60_000)
    } else {
      const data = r.rawBody ?? (r.body === undefined ? '' : JSON.stringify(r.body))
      intercept.reply(r.status, data, { headers: r.headers ?? {} })
    }
  }
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
      for (const call of agent.getCallHistory()?.calls() ?? []) {
        const headers = headerRecord(call.headers)
        const text = typeof call.body === 'string' ? call.body : String(call.body ?? '')
        seen.push({ url: call.fullUrl, operation: (headers['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', ''), headers, body: text ? JSON.parse(text) : undefined })
      }
      agent.assertNoPendingInterceptors()
      void agent.close()
    },
  }
}

/**
 * Fixture replay for tests that run on every runtime: an injected `fetch` that serves the
 * recorded interactions of a fixture in order and asserts each request the client makes
 * against the recorded one (target, JSON body, and any recorded request headers).
 *
 * Fixture format (fixtures/*.json):
 * {
 *   "source": "where it came from (a public capture in protocol.md §5, the service model, or a named computation)",
 *   "description": "what it shows",
 *   "interactions": [
 *     { "request":  { "operation": "InitiateAuth", "headers"?: { "x-amz-target": "…" }, "body": { … } },
 *       "response": { "status": 200, "headers": { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "…" },
 *                     "body"?: { … }, "rawBody"?: "<html>…" } }
 *   ]
 * }
 * In a recorded request body the string "$any" matches any present value (for values that are
 * random by design); everything else must be deep-equal.
 *
 * A response `{ "abort": true }` stands for a request the caller aborts while it is in flight:
 * the replay never answers it, calls `hooks.onHold()` (where the test aborts its signal) and
 * rejects with the signal's reason once the signal fires, as fetch does. A response
 * `{ "networkError": true }` makes fetch reject with a `TypeError`, as fetch does when the
 * connection fails.
 */
import assert from 'node:assert/strict'

export interface Interaction {
  request: { operation: string; headers?: Record<string, string>; body?: unknown }
  response: { status: number; headers?: Record<string, string>; body?: unknown; rawBody?: string; abort?: boolean; networkError?: boolean }
}

export interface Fixture {
  source: string
  description?: string
  interactions: Interaction[]
  [extra: string]: unknown
}

/** Deep-compare `actual` with `expected`, where the string "$any" in `expected` matches anything present. */
export function matches(actual: unknown, expected: unknown, path = 'body'): void {
  if (expected === '$any') {
    assert.notEqual(actual, undefined, `${path} must be present`)
    return
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path} must be an object`)
    if (Array.isArray(expected)) {
      assert.ok(Array.isArray(actual), `${path} must be an array`)
      assert.equal((actual as unknown[]).length, expected.length, `${path} length`)
      expected.forEach((e, i) => matches((actual as unknown[])[i], e, `${path}[${i}]`))
      return
    }
    const a = actual as Record<string, unknown>
    assert.deepEqual(Object.keys(a).sort(), Object.keys(expected).sort(), `${path} keys`)
    for (const [k, v] of Object.entries(expected)) matches(a[k], v, `${path}.${k}`)
    return
  }
  assert.deepEqual(actual, expected, path)
}

export interface SeenRequest {
  url: string
  operation: string
  headers: Record<string, string>
  body: unknown
}

/**
 * Build a replaying fetch for a fixture. `done()` asserts every interaction was used.
 * `seen` lists what the client sent.
 */
export function replay(fixture: Fixture, hooks: { onHold?: () => void } = {}): { fetch: (url: string, init: RequestInit) => Promise<Response>; done: () => void; seen: SeenRequest[] } {
  const queue = [...fixture.interactions]
  const seen: SeenRequest[] = []
  // A failed check inside fetch reaches the client as a network error, which it may retry with
  // the next recorded answer: done() reports the first one, so a mismatch can never pass unseen.
  let failure: unknown
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await answer(url, init)
    } catch (e) {
      if (e instanceof assert.AssertionError) failure ??= e
      throw e
    }
  }
  const answer = async (url: string, init: RequestInit): Promise<Response> => {
    const headers: Record<string, string> = {}
    new Headers(init.headers).forEach((v, k) => (headers[k] = v))
    const target = headers['x-amz-target'] ?? ''
    const operation = target.replace('AWSCognitoIdentityProviderService.', '')
    const body = init.body === undefined ? undefined : JSON.parse(String(init.body))
    seen.push({ url, operation, headers, body })
    const next = queue.shift()
    assert.ok(next, `unexpected extra request ${operation}`)
    assert.equal(operation, next.request.operation, 'operation')
    assert.equal(init.method, 'POST')
    assert.equal(headers['content-type'], 'application/x-amz-json-1.1')
    for (const [k, v] of Object.entries(next.request.headers ?? {})) {
      if (v === '$any') assert.ok(headers[k.toLowerCase()], `header ${k} must be present`)
      else assert.equal(headers[k.toLowerCase()], v, `header ${k}`)
    }
    if (next.request.body !== undefined) matches(body, next.request.body)
    const r = next.response
    if (r.networkError) throw new TypeError('fetch failed')
    if (r.abort) {
      const signal = init.signal
      assert.ok(signal, 'an aborted interaction needs a request signal')
      return new Promise<Response>((_, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true })
        hooks.onHold?.()
      })
    }
    const text = r.rawBody ?? (r.body === undefined ? '' : JSON.stringify(r.body))
    return new Response(text, { status: r.status, headers: r.headers ?? {} })
  }
  return {
    fetch,
    seen,
    done: () => {
      if (failure) throw failure
      assert.equal(queue.length, 0, `${queue.length} recorded interaction(s) were not used`)
    },
  }
}

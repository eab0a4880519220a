/**
 * Node-only: the transport cases of test/support/transport-cases.ts through undici's MockAgent,
 * with `undici.fetch` injected as the client's `fetch` option.
 */
import { test } from 'node:test'
import { mockReplay } from './support/mock-agent.ts'
import { runTransportCase, transportCases } from './support/transport-cases.ts'

for (const c of transportCases) {
  test(`MockAgent: ${c.name}`, () =>
    runTransportCase(c, (fx, onHold) => {
      const m = mockReplay(fx, { onHold })
      return { fetch: m.fetch, seen: m.seen, done: m.done }
    }))
}

/**
 * Node-only: every login fixture replayed through undici's MockAgent, installed as the global
 * dispatcher so the client runs on Node's own global fetch (no `fetch` option: the default is
 * looked up at call time). The checks are in test/support/login-fixtures.ts.
 */
import { test } from 'node:test'
import { loginFixtures, runLoginFixture } from './support/login-fixtures.ts'
import { mockReplay } from './support/mock-agent.ts'

for (const [name, fx] of Object.entries(loginFixtures)) {
  test(`MockAgent: ${name}`, async () => {
    let uninstall = (): void => undefined
    try {
      await runLoginFixture(fx, (onHold) => {
        const m = mockReplay(fx, { onHold })
        uninstall = m.install()
        return { fetch: undefined, seen: m.seen, done: m.done }
      })
    } finally {
      uninstall()
    }
  })
}

/**
 * Every login fixture replayed through the injected replay fetch (portable: runs on any
 * runtime with node:test). The checks are in test/support/login-fixtures.ts.
 */
import { test } from 'node:test'
import { loginFixtures, runLoginFixture } from '../support/login-fixtures.ts'
import { replay } from '../support/replay.ts'

for (const [name, fx] of Object.entries(loginFixtures)) {
  test(`replay fetch: ${name} — ${fx.description}`, () =>
    runLoginFixture(fx, (onHold) => {
      const r = replay(fx, { onHold })
      return { fetch: r.fetch, seen: r.seen, done: r.done }
    }))
}

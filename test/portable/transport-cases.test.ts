/** The transport cases of test/support/transport-cases.ts through the injected replay fetch. */
import { test } from 'node:test'
import { replay } from '../support/replay.ts'
import { runTransportCase, transportCases } from '../support/transport-cases.ts'

for (const c of transportCases) {
  test(`replay fetch: ${c.name}`, () => runTransportCase(c, (fx, onHold) => replay(fx, { onHold })))
}

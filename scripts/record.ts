/**
 * Record a real sign-in against a real user pool as a fixture (run: `npx tsx scripts/record.ts [name]`).
 *
 * Environment: COGNITO_POOL_ID, COGNITO_CLIENT_ID, COGNITO_USERNAME, COGNITO_PASSWORD, and
 * optionally COGNITO_CLIENT_SECRET, COGNITO_FLOW (USER_SRP_AUTH, the default, or
 * USER_PASSWORD_AUTH) and COGNITO_ENDPOINT. Writes fixtures/recorded-<name>.json (default name:
 * the flow in lower case), redacted by scripts/recorder.ts. A failed sign-in is recorded too (the
 * error response is what the fixture then shows). Review the file before committing it.
 */
import { writeFileSync } from 'node:fs'
import { Cognito, type AuthenticateOptions } from '../src/index.ts'
import { recordingFetch } from './recorder.ts'

const env = (name: string, required = true): string | undefined => {
  const v = process.env[name]
  if (required && !v) {
    console.error(`missing environment variable ${name}`)
    process.exit(2)
  }
  return v || undefined
}

const userPoolId = env('COGNITO_POOL_ID')!
const clientId = env('COGNITO_CLIENT_ID')!
const username = env('COGNITO_USERNAME')!
const password = env('COGNITO_PASSWORD')!
const clientSecret = env('COGNITO_CLIENT_SECRET', false)
const endpoint = env('COGNITO_ENDPOINT', false)
const flow = (env('COGNITO_FLOW', false) ?? 'USER_SRP_AUTH') as NonNullable<AuthenticateOptions['flow']>
const name = (process.argv[2] ?? flow.toLowerCase().replace(/_/g, '-')).replace(/[^a-z0-9-]/gi, '')

const rec = recordingFetch((input, init) => fetch(input, init), { secrets: [password, ...(clientSecret ? [clientSecret] : [])] })
const user = new Cognito({ userPoolId, clientId, username, fetch: rec.fetch, retry: false, ...(clientSecret ? { clientSecret } : {}), ...(endpoint ? { endpoint } : {}) })

let outcome: string
try {
  await user.authenticate(password, { flow })
  outcome = 'signed in'
} catch (e) {
  outcome = `failed with ${(e as Error).name}`
}
const when = new Date().toISOString().slice(0, 10)
const fixture = rec.fixture(
  `Recorded by scripts/record.ts against a real user pool in ${userPoolId.split('_')[0]} on ${when} (${flow}${clientSecret ? ', app client with a secret' : ''}); passwords, secrets, tokens, sessions and SRP values redacted by scripts/recorder.ts.`,
  `A real ${flow} sign-in that ${outcome}.`,
)
const file = new URL(`../fixtures/recorded-${name}.json`, import.meta.url)
writeFileSync(file, JSON.stringify(fixture, null, 2) + '\n')
console.log(`${outcome}; wrote ${fixture.interactions.length} interaction(s) to fixtures/recorded-${name}.json`)

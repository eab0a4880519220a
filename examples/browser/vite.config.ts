/**
 * Vite, plus a stand-in for your API at /api/me (in `vite` and `vite preview` only): it answers
 * the claims of a valid access token of the pool, and 401 otherwise. Your real API verifies
 * tokens the same way, with `createVerifier`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createVerifier } from 'cognito-edge/jwt'
import { defineConfig, loadEnv, type Plugin } from 'vite'

function exampleApi(env: Record<string, string>): Plugin {
  const verifier = createVerifier({
    userPoolId: env['VITE_COGNITO_USER_POOL_ID']!,
    clientId: env['VITE_COGNITO_CLIENT_ID']!,
    tokenUse: 'access',
    ...(env['VITE_COGNITO_ENDPOINT'] ? { endpoint: env['VITE_COGNITO_ENDPOINT'] } : {}),
  })
  const me = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
    const claims = await verifier.verify(token).catch(() => undefined)
    res.writeHead(claims ? 200 : 401, { 'content-type': 'application/json' })
    res.end(JSON.stringify(claims ? { username: claims['username'], sub: claims.sub } : { error: 'unauthorized' }))
  }
  return {
    name: 'example-api',
    configureServer: (server) => void server.middlewares.use('/api/me', me),
    configurePreviewServer: (server) => void server.middlewares.use('/api/me', me),
  }
}

export default defineConfig(({ mode }) => ({
  plugins: [exampleApi(loadEnv(mode, process.cwd(), 'VITE_'))],
  build: { target: 'es2022' },
}))

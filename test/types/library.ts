/**
 * A shared library over cognito-edge, as a team writes one: exported helpers whose types are
 * inferred, compiled with `declaration: true`. test/types-consumers.test.ts emits its
 * declarations against the package's: each inferred type must be nameable from an entry point
 * (`import('cognito-edge').GetUserResponse`), or the library does not build (TS2742 "cannot be
 * named without a reference to …/dist/operations.generated.js"). Never run.
 */
import { authenticate, call, Cognito, createClient, getUser, register, signIn } from '../../src/index.ts'
import { createVerifier } from '../../src/jwt.ts'
import { adminCreateUser, adminGetUser, createAdminClient, getGroups, listAllUsers } from '../../src/admin.ts'
import { createLocalPool } from '../../src/local/index.ts'

const ids = { userPoolId: 'us-east-1_aB12cDe34', clientId: '7ghr5379orhbo88d52vphda6s9' }
export const client = createClient(ids)
export const login = (username: string, password: string) => authenticate(client, { username, password })
export const loginOnce = (username: string, password: string) => signIn({ ...ids, username, password })
export const profile = (accessToken: string) => getUser(client, accessToken)
export const signUp = (username: string, password: string) => register(client, username, password)
export const devices = (accessToken: string) => call(client, 'ListDevices', { AccessToken: accessToken })
export const forUser = (username: string) => new Cognito({ ...ids, username })
export const verifier = createVerifier({ ...ids, tokenUse: 'access' })
export const admin = createAdminClient({ region: 'us-east-1' })
export const lookUp = (username: string) => adminGetUser(admin, username)
export const invite = (username: string) => adminCreateUser(admin, username, { messageAction: 'SUPPRESS' })
export const everyone = () => listAllUsers(admin)
export const groups = () => getGroups(admin)
export const testPool = () => createLocalPool()

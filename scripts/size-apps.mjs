// The apps whose bundles scripts/size.mjs and scripts/size-floor.mjs measure, written once: each
// takes the module specifier to import from (a package entry, or a dist/ path).

/** SRP login: sign in and print the ID token. */
export const LOGIN_APP = (from) => `import { signIn } from '${from}'\nconsole.log((await signIn(globalThis.o)).idToken)`

/** Password reset with a client secret (SECRET_HASH): forgot, confirm with the code, change. */
export const RESET_APP = (from) => `import { createClient, initiateForgotPassword, confirmForgotPassword, changePassword } from '${from}'\nconst c = createClient({ userPoolId: 'us-east-1_AbC', clientId: 'id', clientSecret: globalThis.s })\nawait initiateForgotPassword(c, 'alice')\nawait confirmForgotPassword(c, 'alice', globalThis.code, globalThis.pw)\nawait changePassword(c, globalThis.t, globalThis.pw, globalThis.pw2)`

/** Refresh from a stored refresh token, and `authFetch` with the access token. */
export const REFRESH_APP = (from) => `import { createClient, createTokenSource, authFetch } from '${from}'\nconst api = authFetch(createTokenSource(createClient(globalThis.o), { refreshToken: globalThis.r }))\nconsole.log(await api('https://api.example.com/me'))`

/** A typical amazon-cognito-identity-js app: sign in with the callbacks, `getSession`, `signOut`. */
export const ACIJ_APP = (from) => `import { AuthenticationDetails, CognitoUser, CognitoUserPool } from '${from}'
const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_AbC123', ClientId: 'id' })
const user = new CognitoUser({ Username: globalThis.u, Pool: pool })
user.authenticateUser(new AuthenticationDetails({ Username: globalThis.u, Password: globalThis.p }), {
  onSuccess(session) { console.log(session.getIdToken().getJwtToken()) },
  onFailure(err) { console.error(err.code, err.message) },
  newPasswordRequired() { user.completeNewPasswordChallenge(prompt('new password'), {}, this) },
  mfaRequired() { user.sendMFACode(prompt('code'), this) },
  totpRequired() { user.sendMFACode(prompt('code'), this, 'SOFTWARE_TOKEN_MFA') },
})
const current = pool.getCurrentUser()
if (current) current.getSession((err, session) => { if (session && session.isValid()) console.log('valid'); current.signOut() })`

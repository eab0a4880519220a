// The apps whose bundles scripts/size.mjs and scripts/size-floor.mjs measure, written once: each
// takes the module specifier to import from (a package entry, or a dist/ path).

/** SRP login: sign in and print the ID token. */
export const LOGIN_APP = (from) => `import { signIn } from '${from}'\nconsole.log((await signIn(globalThis.o)).idToken)`

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

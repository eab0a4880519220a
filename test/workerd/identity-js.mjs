// The identity-js part of the Worker check: an amazon-cognito-identity-js style app on
// `cognito-edge/identity-js` (the built package) inside the Worker, against the local pool there.
// SRP sign-in with the callbacks, the current user from the default storage (in-memory in a
// Worker), its session and attributes, a wrong password in acij's error shape, sign-out.
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'cognito-edge/identity-js'

const node = (f) => new Promise((resolve, reject) => f((err, v) => (err ? reject(err) : resolve(v))))

export async function identityJs(pool, username, password) {
  const userPool = new CognitoUserPool({ UserPoolId: pool.poolId, ClientId: pool.clientId, endpoint: pool.endpoint, fetch: pool.fetch })
  const signIn = (pw) =>
    new Promise((resolve, reject) => {
      const user = new CognitoUser({ Username: username, Pool: userPool })
      user.authenticateUser(new AuthenticationDetails({ Username: username, Password: pw }), { onSuccess: resolve, onFailure: reject })
    })
  const session = await signIn(password)
  const current = userPool.getCurrentUser()
  const restored = await node((cb) => current.getSession(cb))
  const attributes = await node((cb) => current.getUserAttributes(cb))
  const wrong = await signIn(password + 'x').then(
    () => 'accepted',
    (e) => `${e.code}: ${e.message}`,
  )
  current.signOut()
  const result = {
    signedIn: session.isValid(),
    restored: restored.getAccessToken().getJwtToken() === session.getAccessToken().getJwtToken(),
    email: attributes.find((a) => a.getName() === 'email')?.getValue(),
    wrongPassword: wrong,
    signedOut: userPool.getCurrentUser() === null,
  }
  if (!result.signedIn || !result.restored || result.wrongPassword !== 'NotAuthorizedException: Incorrect username or password.' || !result.signedOut) {
    throw new Error(`identity-js in the Worker: ${JSON.stringify(result)}`)
  }
  return result
}

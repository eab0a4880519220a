// amazon-cognito-identity-js: the smallest "log in with SRP and get tokens" program (anchors.md A.2)
import { CognitoUserPool, CognitoUser, AuthenticationDetails } from 'amazon-cognito-identity-js';
export function login(username, password) {
  const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_abcdefghi', ClientId: 'abcdefghijklmnopqrstuvwxyz' });
  const user = new CognitoUser({ Username: username, Pool: pool });
  const details = new AuthenticationDetails({ Username: username, Password: password });
  return new Promise((resolve, reject) => user.authenticateUser(details, {
    onSuccess: (s) => resolve({ id: s.getIdToken().getJwtToken(), access: s.getAccessToken().getJwtToken(), refresh: s.getRefreshToken().getToken() }),
    onFailure: reject,
  }));
}

// cognito-edge: the same program — SRP login, tokens out
import { Cognito } from '../../src/index.ts';
export async function login(username, password) {
  const user = new Cognito({ userPoolId: 'us-east-1_abcdefghi', clientId: 'abcdefghijklmnopqrstuvwxyz', username });
  const r = await user.authenticate(password);
  return { id: r.idToken, access: r.accessToken, refresh: r.refreshToken };
}

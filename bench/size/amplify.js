// Amplify v6: configure + signIn + fetchAuthSession (anchors.md A.2)
import { Amplify } from 'aws-amplify';
import { signIn, fetchAuthSession } from 'aws-amplify/auth';
Amplify.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_abcdefghi', userPoolClientId: 'abcdefghijklmnopqrstuvwxyz' } } });
export async function login(username, password) {
  const r = await signIn({ username, password });
  if (!r.isSignedIn) throw new Error(r.nextStep.signInStep);
  const s = await fetchAuthSession();
  return { id: String(s.tokens.idToken), access: String(s.tokens.accessToken) };
}

// cognito-srp-helper + AWS SDK v3 (anchors.md A.2)
import { createSrpSession, signSrpSession, wrapInitiateAuth, wrapAuthChallenge } from 'cognito-srp-helper';
import { CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
const POOL = 'us-east-1_abcdefghi', CLIENT = 'abcdefghijklmnopqrstuvwxyz';
const client = new CognitoIdentityProviderClient({ region: 'us-east-1' });
export async function login(username, password) {
  const session = createSrpSession(username, password, POOL, false);
  const init = await client.send(new InitiateAuthCommand(wrapInitiateAuth(session, {
    ClientId: CLIENT, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username } })));
  const signed = signSrpSession(session, init);
  const out = await client.send(new RespondToAuthChallengeCommand(wrapAuthChallenge(signed, {
    ClientId: CLIENT, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: { USERNAME: username }, Session: init.Session })));
  return out.AuthenticationResult;
}

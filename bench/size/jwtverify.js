// aws-jwt-verify (anchors.md A.2)
import { CognitoJwtVerifier } from 'aws-jwt-verify';
const verifier = CognitoJwtVerifier.create({ userPoolId: 'us-east-1_abcdefghi', tokenUse: 'access', clientId: 'abcdefghijklmnopqrstuvwxyz' });
export const verify = (t) => verifier.verify(t);

// cognito-edge/jwt: the same verifier (measured only once src/jwt.ts exists)
import { createVerifier } from '../../src/jwt.ts';
const verifier = createVerifier({ userPoolId: 'us-east-1_abcdefghi', tokenUse: 'access', clientId: 'abcdefghijklmnopqrstuvwxyz' });
export const verify = (t) => verifier.verify(t);

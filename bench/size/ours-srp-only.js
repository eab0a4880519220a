// cognito-edge/srp: the SRP maths for one login, no transport
export { createSrpSession, passwordVerifier, poolNameOf } from '../../src/srp.ts';

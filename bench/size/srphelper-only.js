// cognito-srp-helper functions alone, no SDK (anchors.md A.2 extras)
export { createSrpSession, signSrpSession, wrapInitiateAuth, wrapAuthChallenge } from 'cognito-srp-helper';

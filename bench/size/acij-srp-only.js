// amazon-cognito-identity-js: the SRP maths alone (anchors.md A.2 extras)
export { AuthenticationHelper } from 'amazon-cognito-identity-js';

// amazon-cognito-identity-js ships types for its public entry only; the cold bench drives its
// internal ES modules the way its CognitoUser does (bench/cold/plans/acij.ts).
declare module 'amazon-cognito-identity-js/es/AuthenticationHelper.js' {
  const AuthenticationHelper: any
  export default AuthenticationHelper
}
declare module 'amazon-cognito-identity-js/es/BigInteger.js' {
  const BigInteger: any
  export default BigInteger
}

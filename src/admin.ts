/**
 * `cognito-edge/admin`: developer-credentials (SigV4) calls. {@link createAdminClient} and the admin
 * functions for servers and Workers that manage users; {@link AdminCognito}, the pycognito-style
 * class. This entry point is the only one that imports aws4fetch, so a login bundle never has a signer.
 * @module
 */
export { createAdminClient } from './admin/client.ts'
export type { AdminCallOptions, AdminClient, AdminClientOptions, AwsCredentials, AwsCredentialsProvider } from './admin/client.ts'
export {
  adminConfirmSignUp,
  adminCreateUser,
  adminDeleteUser,
  adminDisableUser,
  adminEnableUser,
  adminGetUser,
  adminResetPassword,
  adminSetUserMfaPreference,
  adminSetUserPassword,
  adminUpdateProfile,
  getUsers,
  listAllUsers,
} from './admin/users.ts'
export type { AdminCreateUserOptions, ListUsersOptions, PoolInput } from './admin/users.ts'
export { adminAddUserToGroup, adminListGroupsForUser, adminRemoveUserFromGroup, getGroup, getGroups, listAllGroups } from './admin/groups.ts'
export { adminCreateIdentityProvider, adminDescribeIdentityProvider, adminUpdateIdentityProvider, adminUpdateUserPoolClient, describeUserPoolClient } from './admin/pool-config.ts'
export { adminAuthenticate, withAdminAuth } from './admin/sign-in.ts'
export type { AdminAuthContext } from './admin/sign-in.ts'
export { AdminCognito } from './admin/admin-cognito.ts'
export type { AdminCognitoOptions } from './admin/admin-cognito.ts'

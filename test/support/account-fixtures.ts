/**
 * The issue-4 fixtures, imported as JSON modules so portable tests need no file system.
 * Written by scripts/make-account-fixtures.ts.
 */
import type { Fixture } from './replay.ts'
import accountCall from '../../fixtures/account-call.json' with { type: 'json' }
import accountChangePassword from '../../fixtures/account-change-password.json' with { type: 'json' }
import accountEmailChange from '../../fixtures/account-email-change.json' with { type: 'json' }
import accountForgotPasswordExpired from '../../fixtures/account-forgot-password-expired.json' with { type: 'json' }
import accountForgotPasswordUnknownUser from '../../fixtures/account-forgot-password-unknown-user.json' with { type: 'json' }
import accountForgotPassword from '../../fixtures/account-forgot-password.json' with { type: 'json' }
import accountLimitExceeded from '../../fixtures/account-limit-exceeded.json' with { type: 'json' }
import accountMfaSettings from '../../fixtures/account-mfa-settings.json' with { type: 'json' }
import accountProfile from '../../fixtures/account-profile.json' with { type: 'json' }
import accountRegistrationNoUsername from '../../fixtures/account-registration-no-username.json' with { type: 'json' }
import accountRegistration from '../../fixtures/account-registration.json' with { type: 'json' }
import accountUnconfirmed from '../../fixtures/account-unconfirmed.json' with { type: 'json' }
import adminAuthSrp from '../../fixtures/admin-auth-srp.json' with { type: 'json' }
import adminAuth from '../../fixtures/admin-auth.json' with { type: 'json' }
import adminIdpClient from '../../fixtures/admin-idp-client.json' with { type: 'json' }
import adminList from '../../fixtures/admin-list.json' with { type: 'json' }
import adminNewUserStory from '../../fixtures/admin-new-user-story.json' with { type: 'json' }
import adminRejectedCredentials from '../../fixtures/admin-rejected-credentials.json' with { type: 'json' }
import adminRetryResign from '../../fixtures/admin-retry-resign.json' with { type: 'json' }
import adminSigv4Golden from '../../fixtures/admin-sigv4-golden.json' with { type: 'json' }
import adminUsers from '../../fixtures/admin-users.json' with { type: 'json' }

export const fixtures: Record<string, Fixture> = {
  'account-call': accountCall,
  'account-change-password': accountChangePassword,
  'account-email-change': accountEmailChange,
  'account-forgot-password-expired': accountForgotPasswordExpired,
  'account-forgot-password-unknown-user': accountForgotPasswordUnknownUser,
  'account-forgot-password': accountForgotPassword,
  'account-limit-exceeded': accountLimitExceeded,
  'account-mfa-settings': accountMfaSettings,
  'account-profile': accountProfile,
  'account-registration-no-username': accountRegistrationNoUsername,
  'account-registration': accountRegistration,
  'account-unconfirmed': accountUnconfirmed,
  'admin-auth-srp': adminAuthSrp,
  'admin-auth': adminAuth,
  'admin-idp-client': adminIdpClient,
  'admin-list': adminList,
  'admin-new-user-story': adminNewUserStory,
  'admin-rejected-credentials': adminRejectedCredentials,
  'admin-retry-resign': adminRetryResign,
  'admin-sigv4-golden': adminSigv4Golden,
  'admin-users': adminUsers,
}

/** Pool, client and secret the fixtures were made with. */
export const POOL = 'eu-west-1_AbCdEf123'
export const CLIENT = '4example5client6id7abc'
export const SECRET = 'example-client-secret-1234567890'

import { operation, type OperationEntry } from './operation.js';
import { addCustomAttributes } from './add-custom-attributes.js';
import { adminAddUserToGroup } from './admin-add-user-to-group.js';
import { adminConfirmSignUp } from './admin-confirm-sign-up.js';
import { adminCreateUser } from './admin-create-user.js';
import { adminDeleteUser } from './admin-delete-user.js';
import { adminDisableUser, adminEnableUser } from './admin-disable-user.js';
import { adminGetUser } from './admin-get-user.js';
import { adminInitiateAuth } from './admin-initiate-auth.js';
import { adminListGroupsForUser } from './admin-list-groups-for-user.js';
import { adminRemoveUserFromGroup } from './admin-remove-user-from-group.js';
import { adminRespondToAuthChallenge } from './admin-respond-to-auth-challenge.js';
import { adminSetUserPassword } from './admin-set-user-password.js';
import { adminUpdateUserAttributes } from './admin-update-user-attributes.js';
import { adminUserGlobalSignOut } from './admin-user-global-sign-out.js';
import { changePassword } from './change-password.js';
import { confirmForgotPassword } from './confirm-forgot-password.js';
import { confirmSignUp } from './confirm-sign-up.js';
import { createUserPool } from './create-user-pool.js';
import { deleteUserPool } from './delete-user-pool.js';
import { describeUserPool } from './describe-user-pool.js';
import { listUserPools } from './list-user-pools.js';
import { listTagsForResource } from './list-tags-for-resource.js';
import { tagResource } from './tag-resource.js';
import { untagResource } from './untag-resource.js';
import { updateUserPool } from './update-user-pool.js';
import { createGroup } from './create-group.js';
import { deleteGroup } from './delete-group.js';
import { forgotPassword } from './forgot-password.js';
import { getGroup } from './get-group.js';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.js';
import { getUser } from './get-user.js';
import { globalSignOut } from './global-sign-out.js';
import { initiateAuth } from './initiate-auth.js';
import { listGroups } from './list-groups.js';
import { listUsers } from './list-users.js';
import { listUsersInGroup } from './list-users-in-group.js';
import { resendConfirmationCode } from './resend-confirmation-code.js';
import { respondToAuthChallenge } from './respond-to-auth-challenge.js';
import { revokeToken } from './revoke-token.js';
import { signUp } from './sign-up.js';
import { updateGroup } from './update-group.js';
import { updateUserAttributes } from './update-user-attributes.js';
import { verifyUserAttribute } from './verify-user-attribute.js';
import { deleteUser } from './delete-user.js';
import { getUserAttributeVerificationCode } from './get-user-attribute-verification-code.js';
import { deleteUserAttributes } from './delete-user-attributes.js';
import { adminDeleteUserAttributes } from './admin-delete-user-attributes.js';
import { adminResetUserPassword } from './admin-reset-user-password.js';
import { listDevices } from './list-devices.js';
import { adminListDevices } from './admin-list-devices.js';
import { adminListUserAuthEvents } from './admin-list-user-auth-events.js';
import { addUserPoolClientSecret } from './add-user-pool-client-secret.js';
import { createUserPoolClient } from './create-user-pool-client.js';
import { deleteUserPoolClient } from './delete-user-pool-client.js';
import { deleteUserPoolClientSecret } from './delete-user-pool-client-secret.js';
import { describeUserPoolClient } from './describe-user-pool-client.js';
import { listUserPoolClientSecrets } from './list-user-pool-client-secrets.js';
import { listUserPoolClients } from './list-user-pool-clients.js';
import { updateUserPoolClient } from './update-user-pool-client.js';
import { associateSoftwareToken } from './associate-software-token.js';
import { verifySoftwareToken } from './verify-software-token.js';
import { setUserMfaPreference } from './set-user-mfa-preference.js';
import { adminSetUserMfaPreference } from './admin-set-user-mfa-preference.js';
import { setUserPoolMfaConfig } from './set-user-pool-mfa-config.js';
import { getUserPoolMfaConfig } from './get-user-pool-mfa-config.js';

import { createUserPoolDomain } from './create-user-pool-domain.js';
import { describeUserPoolDomain } from './describe-user-pool-domain.js';
import { updateUserPoolDomain } from './update-user-pool-domain.js';
import { deleteUserPoolDomain } from './delete-user-pool-domain.js';
import { createResourceServer } from './create-resource-server.js';
import { describeResourceServer } from './describe-resource-server.js';
import { listResourceServers } from './list-resource-servers.js';
import { updateResourceServer } from './update-resource-server.js';
import { deleteResourceServer } from './delete-resource-server.js';
import { createIdentityProvider } from './create-identity-provider.js';
import { describeIdentityProvider } from './describe-identity-provider.js';
import { listIdentityProviders } from './list-identity-providers.js';
import { updateIdentityProvider } from './update-identity-provider.js';
import { deleteIdentityProvider } from './delete-identity-provider.js';
import { getIdentityProviderByIdentifier } from './get-identity-provider-by-identifier.js';
/**
 * The operations mock-idp answers, by `X-Amz-Target` operation name; anything else is
 * UnsupportedOperationException. The JSON API dispatches on it, the admin lock reads `access`,
 * a state dir is saved after the operations that `change` state, and `npm run docs` writes
 * docs/reference/cognito-operations.md from it (a test fails while that file is stale).
 */
export const operations = {
  InitiateAuth: operation(initiateAuth, {
    access: 'public',
    changes: true,
    summary:
      'USER_PASSWORD_AUTH, USER_SRP_AUTH, USER_AUTH (choice-based: SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, EMAIL_OTP), REFRESH_TOKEN_AUTH: tokens or a challenge (NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, MFA_SETUP)',
    differences:
      "MFA: only authenticator apps (SOFTWARE_TOKEN_MFA, MFA_SETUP); no SMS_MFA, EMAIL_OTP or SELECT_MFA_TYPE challenge yet, so a pool with MFA ON whose SoftwareTokenMfaConfiguration is not enabled signs users in without MFA. USER_AUTH: SMS_OTP and WEB_AUTHN (passkeys) are never offered, even when AllowedFirstAuthFactors lists them; the pool's tier is not checked (Cognito wants ESSENTIALS or PLUS), nor the pairing of passwordless factors with MFA ON; every user has a password. An unknown user (PreventUserExistenceErrors ENABLED) gets a SELECT_CHALLENGE offering PASSWORD and PASSWORD_SRP only, so AvailableChallenges can tell them from a user with a verified email. A PREFERRED_CHALLENGE the user cannot do falls back to SELECT_CHALLENGE. The EMAIL_OTP code is not emailed: it is logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes` (purpose SIGN_IN), 8 digits, valid 3 minutes; no MFA follows it. The Session from ConfirmSignUp signs in once within 3 minutes.",
  }),
  AdminInitiateAuth: operation(adminInitiateAuth, {
    access: 'iam',
    changes: true,
    summary: 'ADMIN_USER_PASSWORD_AUTH (ADMIN_NO_SRP_AUTH), USER_SRP_AUTH, USER_AUTH, REFRESH_TOKEN_AUTH: tokens or a challenge as InitiateAuth',
    differences: 'MFA: only authenticator apps (SOFTWARE_TOKEN_MFA, MFA_SETUP); USER_AUTH without SMS_OTP and WEB_AUTHN; as InitiateAuth.',
  }),
  RespondToAuthChallenge: operation(respondToAuthChallenge, {
    access: 'public',
    changes: true,
    summary: "PASSWORD_VERIFIER (SRP), NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, MFA_SETUP, and USER_AUTH's SELECT_CHALLENGE, PASSWORD and EMAIL_OTP answers",
    differences:
      "A wrong SOFTWARE_TOKEN_MFA or EMAIL_OTP code, a wrong password and an ANSWER the user cannot do leave the Session usable until it expires (Cognito's limit on retries is not emulated). MFA_SETUP completes only with a software token (VerifySoftwareToken's Session). SELECT_CHALLENGE answers PASSWORD, PASSWORD_SRP and EMAIL_OTP; no SMS_OTP or WEB_AUTHN. The errors for MFA_SETUP before VerifySoftwareToken and for an ANSWER outside AvailableChallenges are mock-idp's wording.",
  }),
  AssociateSoftwareToken: operation(associateSoftwareToken, {
    access: 'public',
    changes: true,
    summary: "A new TOTP secret (SecretCode, 32 base32 characters) for the access token's user or an MFA_SETUP Session's user (then with the Session to go on with)",
    differences: "Not refused when the pool's SoftwareTokenMfaConfiguration is off. The secret is logged and readable at `GET /_mock/pools/{pool}/users/{username}/mfa`.",
  }),
  VerifySoftwareToken: operation(verifySoftwareToken, {
    access: 'public',
    changes: true,
    summary: "Checks an RFC 6238 code of the associated secret (one 30-s step either side, each code once) against the server's clock; Status SUCCESS (and a Session for MFA_SETUP)",
    differences: "Verifying via an AccessToken does not turn MFA on: SetUserMFAPreference does. A call before AssociateSoftwareToken answers SoftwareTokenMFANotFoundException in mock-idp's wording.",
  }),
  SetUserMFAPreference: operation(setUserMfaPreference, {
    access: 'public',
    changes: true,
    summary: "The access token's user turns their verified authenticator app on or off as MFA (SoftwareTokenMfaSettings Enabled, PreferredMfa)",
    differences: "SMS and email MFA are not emulated: SMSMfaSettings or EmailMfaSettings with Enabled or PreferredMfa true are refused (InvalidParameterException, mock-idp's wording).",
  }),
  AdminSetUserMFAPreference: operation(adminSetUserMfaPreference, {
    access: 'iam',
    changes: true,
    summary: 'SetUserMFAPreference for a user named by the administrator',
    differences: 'SMS and email MFA are not emulated, as SetUserMFAPreference.',
  }),
  SetUserPoolMfaConfig: operation(setUserPoolMfaConfig, {
    access: 'iam',
    changes: true,
    summary: "The pool's MfaConfiguration (OFF, ON, OPTIONAL) and MFA types; SoftwareTokenMfaConfiguration.Enabled turns authenticator-app MFA on",
    differences:
      'SmsMfaConfiguration, EmailMfaConfiguration and WebAuthnConfiguration are stored and described as given, not acted on. Members left out keep their values. MfaConfiguration ON or OPTIONAL with no MFA type enabled is not refused. The hosted login (/login, /oauth2/authorize) has no MFA step yet: it signs users in without a code.',
  }),
  GetUserPoolMfaConfig: operation(getUserPoolMfaConfig, {
    access: 'iam',
    changes: false,
    summary: "The pool's MfaConfiguration and MFA types (SoftwareTokenMfaConfiguration always, the others when set)",
  }),
  AdminRespondToAuthChallenge: operation(adminRespondToAuthChallenge, { access: 'iam', changes: true, summary: 'RespondToAuthChallenge for a client of the named pool' }),
  GetTokensFromRefreshToken: operation(getTokensFromRefreshToken, {
    access: 'public',
    changes: true,
    summary: 'New ID and access tokens of the same sign-in; a new refresh token when the client rotates them',
    differences:
      "A retry with a replaced refresh token within RetryGracePeriodSeconds is answered as a new refresh (new tokens and another new refresh token); what Cognito returns then is not documented. RefreshTokenReuseException's message is mock-idp's wording. ClientMetadata and DeviceKey are accepted and not acted on.",
  }),
  RevokeToken: operation(revokeToken, { access: 'public', changes: true, summary: "Ends the refresh token's sign-in; the API refuses its access tokens (the JWTs still verify offline)" }),
  GlobalSignOut: operation(globalSignOut, { access: 'public', changes: true, summary: 'Ends every sign-in of the user so far' }),
  AdminUserGlobalSignOut: operation(adminUserGlobalSignOut, { access: 'iam', changes: true, summary: 'GlobalSignOut for a user named by the administrator' }),
  SignUp: operation(signUp, {
    access: 'public',
    changes: true,
    summary: 'A new UNCONFIRMED user and a confirmation code to the attribute the pool auto-verifies',
    differences:
      "No email or SMS is sent: codes are logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes`; a pool that auto-verifies nothing still keeps a code there (ConfirmSignUp with it verifies nothing). A username equal to another user's sub is refused, and in pools without UsernameAttributes or AliasAttributes (which find users by email too) one equal to another user's email. Schema length and number-range messages are mock-idp's wording.",
  }),
  ConfirmSignUp: operation(confirmSignUp, {
    access: 'public',
    changes: true,
    summary: 'The code from SignUp confirms the user and verifies the attribute it went to; its Session signs in by InitiateAuth USER_AUTH',
  }),
  ResendConfirmationCode: operation(resendConfirmationCode, { access: 'public', changes: true, summary: 'A new sign-up code replaces the previous one' }),
  AdminConfirmSignUp: operation(adminConfirmSignUp, { access: 'iam', changes: true, summary: 'Confirms an UNCONFIRMED user without a code' }),
  ForgotPassword: operation(forgotPassword, { access: 'public', changes: true, summary: 'A password-reset code (valid 1 hour)' }),
  ConfirmForgotPassword: operation(confirmForgotPassword, { access: 'public', changes: true, summary: 'The reset code sets a new password; the user is CONFIRMED' }),
  ChangePassword: operation(changePassword, { access: 'public', changes: true, summary: "The signed-in user's new password, given the current one" }),
  GetUser: operation(getUser, { access: 'public', changes: false, summary: "The access token's user and attributes, and UserMFASettingList / PreferredMfaSetting when the user has MFA" }),
  UpdateUserAttributes: operation(updateUserAttributes, {
    access: 'public',
    changes: true,
    summary: 'Sets attributes; a changed email or phone_number is unverified and gets a code',
    differences: 'Immutable attributes are refused whenever they are named, even with their current value.',
  }),
  VerifyUserAttribute: operation(verifyUserAttribute, { access: 'public', changes: true, summary: 'The code verifies email or phone_number' }),
  AdminCreateUser: operation(adminCreateUser, {
    access: 'iam',
    changes: true,
    summary: 'A FORCE_CHANGE_PASSWORD user with a temporary password',
    differences:
      "No invitation is sent; temporary passwords do not expire. A username equal to another user's sub is refused, and in pools without UsernameAttributes or AliasAttributes (which find users by email too) one equal to another user's email.",
  }),
  AdminGetUser: operation(adminGetUser, { access: 'iam', changes: false, summary: 'Attributes, dates, Enabled, UserStatus, and UserMFASettingList / PreferredMfaSetting when the user has MFA' }),
  AdminSetUserPassword: operation(adminSetUserPassword, { access: 'iam', changes: true, summary: 'Permanent: CONFIRMED; otherwise FORCE_CHANGE_PASSWORD' }),
  AdminUpdateUserAttributes: operation(adminUpdateUserAttributes, { access: 'iam', changes: true, summary: 'UpdateUserAttributes for a user named by the administrator' }),
  AdminDisableUser: operation(adminDisableUser, { access: 'iam', changes: true, summary: 'The user can no longer sign in or refresh, and the API refuses their access tokens' }),
  AdminEnableUser: operation(adminEnableUser, { access: 'iam', changes: true, summary: 'Undoes AdminDisableUser' }),
  AdminDeleteUser: operation(adminDeleteUser, { access: 'iam', changes: true, summary: 'Deletes the user' }),
  AdminAddUserToGroup: operation(adminAddUserToGroup, {
    access: 'iam',
    changes: true,
    summary: "The user's next tokens carry the group in cognito:groups (and its role in cognito:roles)",
    differences: 'No limit on the groups a user is in (Cognito: 100).',
  }),
  AdminRemoveUserFromGroup: operation(adminRemoveUserFromGroup, { access: 'iam', changes: true, summary: "The user's next tokens no longer carry the group" }),
  AdminListGroupsForUser: operation(adminListGroupsForUser, {
    access: 'iam',
    changes: false,
    summary: "The user's groups as GroupType, paginated",
    differences: "Listed in the order of the tokens' cognito:groups (lowest Precedence first); Cognito does not document its order.",
  }),
  CreateGroup: operation(createGroup, {
    access: 'iam',
    changes: true,
    summary: 'A group with an optional description, IAM role and precedence',
    differences: 'No limit on the groups in a pool (Cognito: 10,000); the GroupExistsException message is not checked against Cognito.',
  }),
  GetGroup: operation(getGroup, { access: 'iam', changes: false, summary: 'The group as GroupType' }),
  UpdateGroup: operation(updateGroup, {
    access: 'iam',
    changes: true,
    summary: 'Sets the description, role and precedence given; the rest keep their values',
    differences: 'A Description, RoleArn or Precedence once set cannot be removed (leaving one out keeps it); Cognito does not document how to clear one.',
  }),
  ListGroups: operation(listGroups, { access: 'iam', changes: false, summary: "The pool's groups by name, paginated", differences: 'Sorted by name; Cognito does not document its order.' }),
  DeleteGroup: operation(deleteGroup, { access: 'iam', changes: true, summary: "Deletes the group; its members' next tokens no longer carry it" }),
  ListUsersInGroup: operation(listUsersInGroup, { access: 'iam', changes: false, summary: "The group's members as UserType, paginated" }),
  ListUsers: operation(listUsers, {
    access: 'iam',
    changes: false,
    summary: "The pool's users, filtered by one attribute (= or ^=) and paginated",
    differences: 'AttributesToGet naming an attribute some listed user has no value for is not an error here.',
  }),
  DeleteUser: operation(deleteUser, { access: 'public', changes: true, summary: "The access token's user deletes themselves; the API refuses their tokens afterwards" }),
  GetUserAttributeVerificationCode: operation(getUserAttributeVerificationCode, {
    access: 'public',
    changes: true,
    summary: 'A code for email or phone_number that VerifyUserAttribute takes',
    differences: 'No email or SMS is sent: codes are logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes`.',
  }),
  DeleteUserAttributes: operation(deleteUserAttributes, {
    access: 'public',
    changes: true,
    summary: "Removes the user's attributes (not required or immutable ones); email and phone_number take their _verified flag along",
  }),
  AdminDeleteUserAttributes: operation(adminDeleteUserAttributes, { access: 'iam', changes: true, summary: 'DeleteUserAttributes for a user named by the administrator' }),
  AdminResetUserPassword: operation(adminResetUserPassword, {
    access: 'iam',
    changes: true,
    summary: 'RESET_REQUIRED and a password-reset code; sign-in answers PasswordResetRequiredException until ConfirmForgotPassword',
    differences: "No email or SMS is sent: the code is logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes`. Works whatever the pool's account recovery setting.",
  }),
  ListDevices: operation(listDevices, {
    access: 'public',
    changes: false,
    summary: "The user's remembered devices: always none",
    differences: 'Device tracking is not emulated: no device is ever remembered, so the list is always empty.',
  }),
  AdminListDevices: operation(adminListDevices, {
    access: 'iam',
    changes: false,
    summary: 'ListDevices for a user named by the administrator: always none',
    differences: 'Device tracking is not emulated: no device is ever remembered, so the list is always empty.',
  }),
  AdminListUserAuthEvents: operation(adminListUserAuthEvents, {
    access: 'iam',
    changes: false,
    summary: "The user's auth events: always none",
    differences: 'Auth events are not recorded, so the list is always empty; Cognito answers UserPoolAddOnNotEnabledException when the pool has no threat protection, mock-idp does not check.',
  }),
  CreateUserPool: operation(createUserPool, {
    access: 'iam',
    changes: true,
    summary: "A full pool in the server's region: its own signing keys, JWKS, discovery document and issuer, and the settings given over Cognito's defaults",
    differences:
      "The account id in its ARN is 000000000000. Settings are stored and described; mock-idp acts on some of them only (see \"Provisioning pools through the API\" in docs/guides/cognito-sign-in.md). SMS and email configurations are not checked against IAM or SES. Some validation messages (UsernameAttributes with AliasAttributes, schema constraints) are mock-idp's wording. IssuerConfiguration (ORIGINAL or UPDATED) gives the pool Cognito's issuer in that form whatever the server's issuerStyle, and a pool without one takes the server's (`local` by default, where Cognito's default is ORIGINAL).",
  }),
  DescribeUserPool: operation(describeUserPool, {
    access: 'iam',
    changes: false,
    summary: 'The pool as UserPoolType: settings, dates, estimated users, domain',
    differences:
      'Configured pools describe with the default settings, and with an IssuerConfiguration when the config file gives the pool a Cognito issuerStyle. Members Cognito fills in on its own (Status, SmsConfigurationFailure, EmailConfigurationFailure, a default VerificationMessageTemplate or EmailConfiguration, the default Policies.SignInPolicy of PASSWORD) are only described when given (or, for SignInPolicy, set by allowedFirstAuthFactors in the config file).',
  }),
  UpdateUserPool: operation(updateUserPool, {
    access: 'iam',
    changes: true,
    summary: 'Replaces the updatable settings: those given are set, those left out go back to their defaults',
    differences:
      "PoolName, UserPoolTier, KeyConfiguration and IssuerConfiguration keep their values when left out (Cognito does not document a default to reset them to). A new IssuerConfiguration changes the issuer of the pool's tokens at once: access tokens issued in the other form are then refused by the JSON API (how Cognito treats tokens of the previous form is not documented).",
  }),
  ListUserPools: operation(listUserPools, {
    access: 'iam',
    changes: false,
    summary: 'Every pool as UserPoolDescriptionType, MaxResults (1-60) at a time with NextToken',
    differences: 'Configured pools first, then created ones in creation order; Cognito does not document its order.',
  }),
  DeleteUserPool: operation(deleteUserPool, {
    access: 'iam',
    changes: true,
    summary: 'Deletes the pool with its keys, clients, users and sign-ins; refused while DeletionProtection is ACTIVE or it has a domain',
    differences: "The server's default pool cannot be deleted (InvalidParameterException). A configured pool can; POST /_mock/reset brings it back as configured, with new keys.",
  }),
  TagResource: operation(tagResource, {
    access: 'iam',
    changes: true,
    summary: 'Adds or replaces tags of a user pool, named by its ARN (its UserPoolTags)',
    differences: 'Only user pool ARNs can be tagged.',
  }),
  UntagResource: operation(untagResource, { access: 'iam', changes: true, summary: 'Removes tags from a user pool, named by its ARN' }),
  ListTagsForResource: operation(listTagsForResource, { access: 'iam', changes: false, summary: "A user pool's tags, named by its ARN" }),
  AddCustomAttributes: operation(addCustomAttributes, {
    access: 'iam',
    changes: true,
    summary: "Adds custom:<Name> attributes to the pool's schema (up to 50 in all)",
    differences: "The messages refusing a name the schema already has and the 51st custom attribute are mock-idp's wording. Configured pools accept any custom:* attribute without it.",
  }),
  CreateUserPoolClient: operation(createUserPoolClient, {
    access: 'iam',
    changes: true,
    summary: "An app client with Cognito's defaults for what is left out; GenerateSecret or ClientSecret makes it confidential",
    differences:
      "PreventUserExistenceErrors defaults to LEGACY, as the API reference documents (the console's default is ENABLED). AnalyticsConfiguration, SupportedIdentityProviders, EnablePropagateAdditionalUserContextData and AuthSessionValidity are stored and described, not acted on (challenge sessions keep mock-idp's lifetime). Rotation ENABLED together with ALLOW_REFRESH_TOKEN_AUTH is accepted; REFRESH_TOKEN_AUTH is then refused at sign-in, with InvalidParameterException in mock-idp's wording (the developer guide says only that the two are incompatible). Validation messages other than 'Invalid range for token validity' (which names the member here) are mock-idp's wording. No limit on the clients of a pool.",
  }),
  DescribeUserPoolClient: operation(describeUserPoolClient, {
    access: 'iam',
    changes: false,
    summary: 'The client as UserPoolClientType, secret included',
    differences: 'Configured clients describe as they behave: every ExplicitAuthFlow, PreventUserExistenceErrors ENABLED, every OAuth flow, no ReadAttributes/WriteAttributes limits.',
  }),
  UpdateUserPoolClient: operation(updateUserPoolClient, {
    access: 'iam',
    changes: true,
    summary: "Replaces the client's settings: those left out go back to their defaults (Cognito's semantics); id and secrets stay",
    differences: 'ClientName keeps its value when left out.',
  }),
  ListUserPoolClients: operation(listUserPoolClients, {
    access: 'iam',
    changes: false,
    summary: "The pool's clients as {ClientId, UserPoolId, ClientName}, MaxResults (1-60) at a time with NextToken",
    differences: 'In creation order; Cognito does not document its order.',
  }),
  DeleteUserPoolClient: operation(deleteUserPoolClient, { access: 'iam', changes: true, summary: 'Deletes the client: its refresh tokens no longer refresh, and nobody signs in with it' }),
  AddUserPoolClientSecret: operation(addUserPoolClientSecret, {
    access: 'iam',
    changes: true,
    summary: 'Another secret for a confidential client (two at most): both work in SECRET_HASH, ClientSecret and OAuth client authentication',
    differences: "The error for a third secret (LimitExceededException) and for a public client (InvalidParameterException) use mock-idp's wording.",
  }),
  ListUserPoolClientSecrets: operation(listUserPoolClientSecrets, { access: 'iam', changes: false, summary: "The client's secrets: ids and creation dates, never values" }),
  DeleteUserPoolClientSecret: operation(deleteUserPoolClientSecret, {
    access: 'iam',
    changes: true,
    summary: 'Deletes one secret; it stops working at once',
    differences: "Deleting the client's last secret is refused with InvalidParameterException (the API reference says it cannot be done, not which error says so).",
  }),
  CreateUserPoolDomain: operation(createUserPoolDomain, {
    access: 'iam',
    changes: true,
    summary: 'A prefix domain, or a custom domain with CustomDomainConfig; ACTIVE at once',
    differences:
      "mock-idp serves the hosted login (/login, /oauth2/*) on its own origin whatever the domain is: nothing answers at <prefix>.auth.<region>.amazoncognito.com or the custom domain. A pool holds one domain, prefix or custom (Cognito allows one of each). Prefixes are unique per server, not per region; the certificate is not checked against ACM, and the CloudFrontDomain is a made-up name. Routing is stored and described, not acted on. The error for a ManagedLoginVersion other than 1 or 2 is mock-idp's wording.",
  }),
  DescribeUserPoolDomain: operation(describeUserPoolDomain, {
    access: 'iam',
    changes: false,
    summary: 'The domain\'s pool and settings, Status ACTIVE; {"DomainDescription": {}} for a domain no pool holds',
    differences: 'AWSAccountId is 000000000000; S3Bucket, CloudFrontDistribution and Version are made-up values.',
  }),
  UpdateUserPoolDomain: operation(updateUserPoolDomain, {
    access: 'iam',
    changes: true,
    summary: "A custom domain's certificate and the ManagedLoginVersion; the domain itself stays",
    differences:
      "mock-idp serves the hosted login (/login, /oauth2/*) on its own origin whatever the domain is: nothing answers at <prefix>.auth.<region>.amazoncognito.com or the custom domain. CustomDomainConfig for a prefix domain is refused in mock-idp's words.",
  }),
  DeleteUserPoolDomain: operation(deleteUserPoolDomain, { access: 'iam', changes: true, summary: "Removes the pool's domain; the prefix is free again at once" }),
  CreateResourceServer: operation(createResourceServer, {
    access: 'iam',
    changes: true,
    summary: 'An OAuth 2.0 resource server whose scopes {Identifier}/{ScopeName} clients can allow and the token endpoint grants',
    differences:
      "Configured pools get a resource server for each identifier their clients' custom scopes name (mock-api). The errors for a scope named twice and for an unknown identifier use mock-idp's wording.",
  }),
  DescribeResourceServer: operation(describeResourceServer, { access: 'iam', changes: false, summary: "The resource server's name and scopes" }),
  ListResourceServers: operation(listResourceServers, {
    access: 'iam',
    changes: false,
    summary: "The pool's resource servers, MaxResults (1-50) at a time with NextToken",
    differences: 'In creation order; Cognito does not document its order.',
  }),
  UpdateResourceServer: operation(updateResourceServer, { access: 'iam', changes: true, summary: 'Replaces the name and the scopes; removed scopes are granted no more' }),
  DeleteResourceServer: operation(deleteResourceServer, {
    access: 'iam',
    changes: true,
    summary: 'Deletes the resource server; its scopes are granted no more',
    differences: 'App clients keep naming its scopes in AllowedOAuthScopes; the OAuth endpoints refuse them (invalid_scope) when requested.',
  }),
  CreateIdentityProvider: operation(createIdentityProvider, {
    access: 'iam',
    changes: true,
    summary: 'A SAML, OIDC or social identity provider of the pool, stored and described',
    differences:
      "Signing in through the provider (federation, identity_provider / idp_identifier at /oauth2/authorize) is not emulated. ProviderDetails are stored as given: not checked against the type's required keys, no OIDC discovery or SAML metadata fetched, and none of the details Cognito adds (authorize_url, token_url, …). The errors for an identifier already in use and for an unknown provider use mock-idp's wording.",
  }),
  DescribeIdentityProvider: operation(describeIdentityProvider, {
    access: 'iam',
    changes: false,
    summary: "The provider's type, details, attribute mapping and identifiers",
    differences: 'ProviderDetails and AttributeMapping are described exactly as given.',
  }),
  ListIdentityProviders: operation(listIdentityProviders, {
    access: 'iam',
    changes: false,
    summary: "The pool's providers as ProviderDescription, MaxResults (up to 60) at a time with NextToken",
    differences: 'In creation order; Cognito does not document its order.',
  }),
  UpdateIdentityProvider: operation(updateIdentityProvider, {
    access: 'iam',
    changes: true,
    summary: 'Replaces ProviderDetails, AttributeMapping and IdpIdentifiers, each when given',
    differences: 'Signing in through the provider is not emulated.',
  }),
  DeleteIdentityProvider: operation(deleteIdentityProvider, { access: 'iam', changes: true, summary: 'Deletes the provider and frees its identifiers' }),
  GetIdentityProviderByIdentifier: operation(getIdentityProviderByIdentifier, {
    access: 'iam',
    changes: false,
    summary: 'The provider that has this IdpIdentifier',
    differences: "The error for an unknown identifier uses mock-idp's wording.",
  }),
} satisfies Record<string, OperationEntry>;

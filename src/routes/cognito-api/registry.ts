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
import { adminLinkProviderForUser } from './admin-link-provider-for-user.js';
import { describeIdentityProvider } from './describe-identity-provider.js';
import { listIdentityProviders } from './list-identity-providers.js';
import { updateIdentityProvider } from './update-identity-provider.js';
import { deleteIdentityProvider } from './delete-identity-provider.js';
import { getIdentityProviderByIdentifier } from './get-identity-provider-by-identifier.js';
import { startWebAuthnRegistration } from './start-web-authn-registration.js';
import { completeWebAuthnRegistration } from './complete-web-authn-registration.js';
import { listWebAuthnCredentials } from './list-web-authn-credentials.js';
import { deleteWebAuthnCredential } from './delete-web-authn-credential.js';
import { getUserAuthFactors } from './get-user-auth-factors.js';
import { adminGetUserAuthFactors } from './admin-get-user-auth-factors.js';
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
      'USER_PASSWORD_AUTH, USER_SRP_AUTH, USER_AUTH (choice-based: SELECT_CHALLENGE, PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP, WEB_AUTHN), CUSTOM_AUTH (the challenge triggers: CUSTOM_CHALLENGE), REFRESH_TOKEN_AUTH: tokens or a challenge (NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP)',
    differences:
      "MFA after the password (every password path): the user's one MFA type, their preferred one among several, else SELECT_MFA_TYPE; with MFA ON and none turned on, SMS_MFA or EMAIL_OTP to the phone number or email the user has when the pool allows that type (mock-idp's reading of the developer guide), else MFA_SETUP listing the pool's types, which an authenticator app or (as Amplify v6 answers it) an email address completes. SMS and email MFA codes are not sent: they are logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes` (purpose MFA), 6 digits, valid 3 minutes (the session). USER_AUTH: SMS_OTP is offered to users with a verified phone_number when AllowedFirstAuthFactors lists it, its code listed as EMAIL_OTP's (purpose SIGN_IN, 8 digits); no MFA follows a one-time password. The pool's tier is not checked (Cognito wants ESSENTIALS or PLUS), nor the pairing of passwordless factors with MFA ON; every user has a password. An unknown user (PreventUserExistenceErrors ENABLED) gets a SELECT_CHALLENGE offering PASSWORD and PASSWORD_SRP only, so AvailableChallenges can tell them from a user with a verified email. A PREFERRED_CHALLENGE the user cannot do falls back to SELECT_CHALLENGE. The EMAIL_OTP code is not emailed: it is logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes` (purpose SIGN_IN), 8 digits, valid 3 minutes; no MFA follows it. The Session from ConfirmSignUp signs in once within 3 minutes. WEB_AUTHN (passkeys) is offered to users with a passkey when AllowedFirstAuthFactors lists it; its CREDENTIAL_REQUEST_OPTIONS (timeout 3 minutes) are mock-idp's reading of the docs, see StartWebAuthnRegistration. CUSTOM_AUTH: DefineAuthChallenge may lead to CUSTOM_CHALLENGE, or to PASSWORD_VERIFIER right after SRP_A (a sign-in started with CHALLENGE_NAME SRP_A); any other next challenge (SMS_MFA, DEVICE_SRP_AUTH…) is InvalidLambdaResponseException, and no MFA or NEW_PASSWORD_REQUIRED step follows the custom challenges. mock-idp ends a sign-in (NotAuthorizedException) once its session holds 16 rounds (Cognito documents no limit). The PASSWORD_VERIFIER challenge of such a sign-in comes without a Session (its SECRET_BLOCK carries the state). UserMigration runs for USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH, not for USER_AUTH's PASSWORD; its messageAction and desiredDeliveryMediums change nothing (no welcome message is sent), enableSMSMFA is ignored, a sub among its userAttributes is left out, and a function that returns no userAttributes is answered as for an unknown user. PreAuthentication runs for users the pool has (not with userNotFound for unknown ones), before the password is checked: at USER_PASSWORD_AUTH, at the start of USER_SRP_AUTH and of USER_AUTH; PostAuthentication runs before the tokens of every sign-in that ends in tokens, with newDeviceUsed false (devices are not remembered) and RespondToAuthChallenge's ClientMetadata (InitiateAuth's is not passed); neither runs for REFRESH_TOKEN_AUTH. PreTokenGeneration (V1_0, V2_0, V3_0) runs once before every sign-in's and refresh's tokens, after the pool's and client's claim rules; a protected claim (the developer guide's list, and `dev:` claims) that a function adds, overrides or suppresses fails the sign-in with InvalidLambdaResponseException (mock-idp's reading: the guide says such claims cannot be changed, not what Cognito answers); TokenGeneration_AuthenticateDevice is never sent (devices are not remembered). CustomMessage (CustomMessage_Authentication) runs for USER_AUTH's EMAIL_OTP and SMS_OTP codes and for MFA codes (SMS_MFA, EMAIL_OTP after the password, also after SELECT_MFA_TYPE); a failing function fails the sign-in with its error and keeps no code (a SELECT_MFA_TYPE Session stays usable). Its message is listed beside the code; without a function, no message is listed (the pool's SmsAuthenticationMessage and EmailMfaConfiguration are not applied).",
  }),
  AdminInitiateAuth: operation(adminInitiateAuth, {
    access: 'iam',
    changes: true,
    summary: 'ADMIN_USER_PASSWORD_AUTH (ADMIN_NO_SRP_AUTH), USER_SRP_AUTH, USER_AUTH, CUSTOM_AUTH, REFRESH_TOKEN_AUTH: tokens or a challenge as InitiateAuth',
    differences: 'MFA and USER_AUTH as InitiateAuth. CUSTOM_AUTH and UserMigration as InitiateAuth. PreAuthentication and PostAuthentication as InitiateAuth.',
  }),
  RespondToAuthChallenge: operation(respondToAuthChallenge, {
    access: 'public',
    changes: true,
    summary:
      "PASSWORD_VERIFIER (SRP), CUSTOM_CHALLENGE (CUSTOM_AUTH: VerifyAuthChallengeResponse judges ANSWER, DefineAuthChallenge decides), NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP (as MFA), SELECT_MFA_TYPE, MFA_SETUP, and USER_AUTH's SELECT_CHALLENGE, PASSWORD, EMAIL_OTP, SMS_OTP and WEB_AUTHN answers",
    differences:
      "A wrong SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP or SMS_OTP code, a wrong password and an ANSWER the user cannot do leave the Session usable until it expires (Cognito's limit on retries is not emulated). MFA_SETUP answered with `EMAIL` (undocumented in the API reference; aws-amplify v6's CONTINUE_SIGN_IN_WITH_EMAIL_SETUP sends it) is taken where MFAS_CAN_SETUP lists EMAIL_OTP: a code goes to the address, EMAIL_OTP follows, and the right code sets the email verified and turns email MFA on and preferred (what Cognito sets here is not documented: mock-idp follows Amplify's description and its own MFA_SETUP for apps); the refusals (email MFA not allowed, a malformed address) are InvalidParameterException in mock-idp's wording, except Cognito's `Invalid email address format.`. `PHONE_NUMBER`, which no source documents for MFA_SETUP, is InvalidParameterException (the API reference's way works: collect the phone_number and start the sign-in again, the new sign-in sends a code). SELECT_CHALLENGE answers PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP and WEB_AUTHN. An SMS or email MFA code past its 3 minutes is answered with the expired session's NotAuthorizedException (code and session end together). The right SMS_MFA or email MFA code marks phone_number or email verified. A CREDENTIAL sent with ANSWER WEB_AUTHN is ignored: the WEB_AUTHN challenge follows (no challenge was handed out for it to sign). A WEB_AUTHN assertion that fails (challenge, origin, relying party, user verification, signature, a sign counter that did not grow, a passkey the user does not have) is NotAuthorizedException in mock-idp's wording, as the API reference lists no WebAuthn error for this operation, and leaves the Session usable. The errors for MFA_SETUP before VerifySoftwareToken and for an ANSWER outside AvailableChallenges or MFAS_CAN_CHOOSE are mock-idp's wording. CUSTOM_CHALLENGE as InitiateAuth's CUSTOM_AUTH.",
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
    summary:
      "The access token's user turns SMS, authenticator-app and email MFA on or off and picks the preferred one (SMSMfaSettings, SoftwareTokenMfaSettings, EmailMfaSettings: Enabled, PreferredMfa)",
    differences:
      "SMS needs a phone_number and email an email, verified or not (the developer guide: Cognito sends MFA codes to unverified ones); TOTP a verified authenticator app. Email MFA in a LITE pool is FeatureUnavailableInTierException. PreferredMfa true on two types in one call is InvalidParameterException; the messages are mock-idp's wording except Cognito's 'User does not have delivery config set to turn on SMS_MFA'. Whether the pool allows the type is not checked (sign-in ignores types the pool does not allow).",
  }),
  AdminSetUserMFAPreference: operation(adminSetUserMfaPreference, {
    access: 'iam',
    changes: true,
    summary: 'SetUserMFAPreference for a user named by the administrator',
    differences: 'As SetUserMFAPreference.',
  }),
  SetUserPoolMfaConfig: operation(setUserPoolMfaConfig, {
    access: 'iam',
    changes: true,
    summary:
      "The pool's MfaConfiguration (OFF, ON, OPTIONAL) and MFA types: SmsMfaConfiguration turns SMS MFA on, SoftwareTokenMfaConfiguration.Enabled authenticator apps, EmailMfaConfiguration email MFA, WebAuthnConfiguration the passkeys' relying party and user verification",
    differences:
      "WebAuthnConfiguration is checked against WebAuthnConfigurationType; its FactorConfiguration is stored and described, not acted on (passkeys are never an MFA factor). SmsMfaConfiguration and EmailMfaConfiguration are checked against the botocore shapes and described as given; their message templates are not used (no message is sent). SMS MFA without an SmsConfiguration (given or the pool's) is InvalidParameterException; email MFA needs the pool's EmailConfiguration.EmailSendingAccount DEVELOPER (else InvalidParameterException) and a tier other than LITE (else FeatureUnavailableInTierException); these messages are mock-idp's wording. Members left out keep their values (so SMS or email MFA, once given, stays allowed until MfaConfiguration OFF). MfaConfiguration ON or OPTIONAL with no MFA type enabled, and OFF given with MFA types, are not refused. The config file's pools take the same members (`softwareTokenMfaConfiguration`, `smsMfaConfiguration`, `emailMfaConfiguration`, with `emailConfiguration` for SES sending) under the same checks, refused at start-up as INVALID_CONFIG; its `mfaConfiguration` turns on authenticator apps unless `softwareTokenMfaConfiguration` says otherwise.",
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
      "A retry with a replaced refresh token within RetryGracePeriodSeconds is answered as a new refresh (new tokens and another new refresh token); what Cognito returns then is not documented. RefreshTokenReuseException's message is mock-idp's wording. ClientMetadata goes to the pre token generation function; DeviceKey is accepted and not acted on.",
  }),
  RevokeToken: operation(revokeToken, { access: 'public', changes: true, summary: "Ends the refresh token's sign-in; the API refuses its access tokens (the JWTs still verify offline)" }),
  GlobalSignOut: operation(globalSignOut, { access: 'public', changes: true, summary: 'Ends every sign-in of the user so far' }),
  AdminUserGlobalSignOut: operation(adminUserGlobalSignOut, { access: 'iam', changes: true, summary: 'GlobalSignOut for a user named by the administrator' }),
  SignUp: operation(signUp, {
    access: 'public',
    changes: true,
    summary: 'A new UNCONFIRMED user and a confirmation code to the attribute the pool auto-verifies',
    differences:
      "No email or SMS is sent: codes are logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes`; a pool that auto-verifies nothing still keeps a code there (ConfirmSignUp with it verifies nothing). A username equal to another user's sub is refused, and in pools without UsernameAttributes or AliasAttributes (which find users by email too) one equal to another user's email. Schema length and number-range messages are mock-idp's wording. PreSignUp (PreSignUp_SignUp) runs last, after every check of the request; autoVerifyEmail without an email (or autoVerifyPhone without a phone_number) is InvalidLambdaResponseException, and a user it confirms gets no PostConfirmation. CustomMessage (CustomMessage_SignUp) runs before the user is kept: a failing function leaves no user. Its message, with the code in it, is listed beside the code; a message for the code's delivery medium without the code placeholder is not used (Cognito sends its default message then; the listing says so).",
  }),
  ConfirmSignUp: operation(confirmSignUp, {
    access: 'public',
    changes: true,
    summary: 'The code from SignUp confirms the user and verifies the attribute it went to; its Session signs in by InitiateAuth USER_AUTH',
    differences:
      'PostConfirmation runs once the code is known to be right and before the user changes, so a failing function leaves the user UNCONFIRMED and the code usable (Cognito does not document which state it leaves).',
  }),
  ResendConfirmationCode: operation(resendConfirmationCode, {
    access: 'public',
    changes: true,
    summary: 'A new sign-up code replaces the previous one',
    differences: 'CustomMessage (CustomMessage_ResendCode) as SignUp; a failing function leaves the previous code usable.',
  }),
  AdminConfirmSignUp: operation(adminConfirmSignUp, {
    access: 'iam',
    changes: true,
    summary: 'Confirms an UNCONFIRMED user without a code',
    differences: 'PostConfirmation (PostConfirmation_ConfirmSignUp, clientId CLIENT_ID_NOT_APPLICABLE) runs before the user changes: a failing function leaves it UNCONFIRMED.',
  }),
  ForgotPassword: operation(forgotPassword, {
    access: 'public',
    changes: true,
    summary: 'A password-reset code (valid 1 hour); a name the pool lacks goes to the UserMigration trigger (UserMigration_ForgotPassword) first',
    differences: 'A user the UserMigration function returns is created RESET_REQUIRED and gets the code even when its email or phone number is not verified.',
  }),
  ConfirmForgotPassword: operation(confirmForgotPassword, {
    access: 'public',
    changes: true,
    summary: 'The reset code sets a new password; the user is CONFIRMED',
    differences: 'PostConfirmation (PostConfirmation_ConfirmForgotPassword) runs before the password changes: a failing function leaves the old password and the code usable.',
  }),
  ChangePassword: operation(changePassword, { access: 'public', changes: true, summary: "The signed-in user's new password, given the current one" }),
  GetUser: operation(getUser, {
    access: 'public',
    changes: false,
    summary: "The access token's user and attributes, and UserMFASettingList / PreferredMfaSetting when the user has MFA (MFAOptions too when SMS MFA is on)",
  }),
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
      "The invitation is not delivered: it is logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes` (purpose INVITATION, the temporary password as its code, once per email or phone number that DesiredDeliveryMediums names and the user has; none → nothing is sent) with its message: CustomMessage_AdminCreateUser's (one run for both media), else the pool's InviteMessageTemplate, else mock-idp's reading of Cognito's default invitation. MessageAction RESEND sends it again, with the same temporary password (a TemporaryPassword given with RESEND is ignored), to a FORCE_CHANGE_PASSWORD user only (others: the user is returned and nothing is sent); the listed invitation stays after the password is changed, until 7 days pass. Temporary passwords do not expire. A username equal to another user's sub is refused, and in pools without UsernameAttributes or AliasAttributes (which find users by email too) one equal to another user's email. PreSignUp (PreSignUp_AdminCreateUser) runs after every check of the request; its autoConfirmUser changes nothing (the user still sets a password) while autoVerifyEmail / autoVerifyPhone mark the attribute verified.",
  }),
  StartWebAuthnRegistration: operation(startWebAuthnRegistration, {
    access: 'public',
    changes: true,
    summary: "CredentialCreationOptions for the access token's user to make a passkey with; the challenge is remembered for 3 minutes",
    differences:
      "The relying party is the pool's WebAuthnConfiguration.RelyingPartyId, else its domain as Cognito does, else `localhost` where Cognito answers WebAuthnConfigurationMissingException. Passkeys are off (WebAuthnNotEnabledException) unless AllowedFirstAuthFactors lists WEB_AUTHN. The options' rp.name (the pool's name), user.displayName, timeout (3 minutes) and algorithms (ES256, RS256) are mock-idp's choices; Cognito does not document them.",
  }),
  CompleteWebAuthnRegistration: operation(completeWebAuthnRegistration, {
    access: 'public',
    changes: true,
    summary: 'Verifies the registration response (challenge, client, origin, relying party, user verification, attestation) and adds the passkey to the user',
    differences:
      "Origins allowed: https on the relying party id or its subdomains, and http://localhost when it is `localhost`. FriendlyCredentialName is `Platform passkey`, `Security key` or `Passkey` from the authenticator attachment (Cognito names the authenticator's make). No limit on the number of passkeys. The error messages are mock-idp's wording.",
  }),
  ListWebAuthnCredentials: operation(listWebAuthnCredentials, {
    access: 'public',
    changes: false,
    summary: "The access token's user's passkeys, oldest first, MaxResults (1–20, default 20) at a time with NextToken",
  }),
  DeleteWebAuthnCredential: operation(deleteWebAuthnCredential, {
    access: 'public',
    changes: true,
    summary: "Deletes one of the access token's user's passkeys; ResourceNotFoundException for an unknown CredentialId",
  }),
  GetUserAuthFactors: operation(getUserAuthFactors, {
    access: 'public',
    changes: false,
    summary: "The access token's user's MFA settings and ConfiguredUserAuthFactors (the USER_AUTH first factors they can use)",
    differences: 'ConfiguredUserAuthFactors never lists SOFTWARE_TOKEN (when Cognito lists it is not documented).',
  }),
  AdminGetUserAuthFactors: operation(adminGetUserAuthFactors, {
    access: 'iam',
    changes: false,
    summary: 'GetUserAuthFactors for a user the administrator names',
    differences: 'As GetUserAuthFactors.',
  }),
  AdminGetUser: operation(adminGetUser, { access: 'iam', changes: false, summary: 'Attributes, dates, Enabled, UserStatus, and UserMFASettingList / PreferredMfaSetting when the user has MFA' }),
  AdminSetUserPassword: operation(adminSetUserPassword, { access: 'iam', changes: true, summary: 'Permanent: CONFIRMED; otherwise FORCE_CHANGE_PASSWORD' }),
  AdminUpdateUserAttributes: operation(adminUpdateUserAttributes, { access: 'iam', changes: true, summary: 'UpdateUserAttributes for a user named by the administrator' }),
  AdminDisableUser: operation(adminDisableUser, { access: 'iam', changes: true, summary: 'The user can no longer sign in or refresh, and the API refuses their access tokens' }),
  AdminEnableUser: operation(adminEnableUser, { access: 'iam', changes: true, summary: 'Undoes AdminDisableUser' }),
  AdminDeleteUser: operation(adminDeleteUser, { access: 'iam', changes: true, summary: 'Deletes the user' }),
  AdminLinkProviderForUser: operation(adminLinkProviderForUser, {
    access: 'iam',
    changes: true,
    summary: "Links an identity of the pool's provider to an existing user: signing in through the provider as that identity signs in as the user",
    differences:
      "SourceUser.ProviderAttributeName must be Cognito_Subject (the provider's user id, the claim the provider's AttributeMapping names as username, sub by default); other claim names are refused with InvalidParameterException. A SourceUser that is already a user of the pool, or is linked to another user, is refused with InvalidParameterException, and a sixth link with LimitExceededException, in mock-idp's wording. The linked user is not put in the provider's group. Only OIDC providers sign users in (see CreateIdentityProvider). AdminDisableProviderForUser is not emulated.",
  }),
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
    summary: 'A SAML, OIDC or social identity provider of the pool; users sign in through OIDC providers at the hosted login',
    differences:
      "Only OIDC providers sign users in (identity_provider / idp_identifier at /oauth2/authorize, a button on the login page, /oauth2/idpresponse): SAML and social providers (Google, Facebook, LoginWithAmazon, SignInWithApple) are stored and described, and naming one at /oauth2/authorize sends the app error=invalid_request, since mock-idp reaches no provider outside. An OIDC provider's ProviderDetails must have client_id, oidc_issuer and authorize_scopes, attributes_request_method GET or POST when given, and http(s) URLs for the issuer and the endpoints (InvalidParameterException in mock-idp's wording); client_secret and attributes_request_method are not required (GET by default), and http URLs on any port are accepted (Cognito wants HTTPS on port 443 or 80). The discovery document (<oidc_issuer>/.well-known/openid-configuration) is read at the provider's first sign-in, not at creation, and kept while the server runs; the read-only attributes_url_add_attributes Cognito adds is not added. Other types' ProviderDetails are stored as given (no SAML metadata fetched). Federated sign-in: the code is exchanged with client_secret_post, as Cognito does; the provider's ID token must be signed with RSA or ECDSA (not HMAC); userInfo is always asked when the provider returns an access token; the username is <ProviderName>_<sub> with the name as written; the identities entry's issuer is null; the group <poolId>_<ProviderName> is made at the first sign-in with a Description in mock-idp's wording; PreSignUp's autoConfirmUser changes nothing (the user is EXTERNAL_PROVIDER), autoVerifyEmail / autoVerifyPhone mark the mapped email / phone_number verified; a configured (not API-made) client, which has no SupportedIdentityProviders, may use any OIDC provider of its pool. A trigger that fails sends the app error=invalid_request with the function's message; the provider's own error, a failed code exchange, a bad ID token or an unreachable provider show an error page instead. Mapped attributes are not checked against the pool's schema or the client's WriteAttributes. AdminDisableProviderForUser, the inbound federation trigger and signing out at the provider are not emulated. The errors for an identifier already in use and for an unknown provider use mock-idp's wording.",
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
    differences:
      'New OIDC ProviderDetails are checked as CreateIdentityProvider checks them (see its differences). A sign-in under way at the provider when the provider changes ends with an error page. Only OIDC providers sign users in.',
  }),
  DeleteIdentityProvider: operation(deleteIdentityProvider, { access: 'iam', changes: true, summary: 'Deletes the provider and frees its identifiers' }),
  GetIdentityProviderByIdentifier: operation(getIdentityProviderByIdentifier, {
    access: 'iam',
    changes: false,
    summary: 'The provider that has this IdpIdentifier',
    differences: "The error for an unknown identifier uses mock-idp's wording.",
  }),
} satisfies Record<string, OperationEntry>;

import { operation, type OperationEntry } from './operation.js';
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
import { forgotPassword } from './forgot-password.js';
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.js';
import { getUser } from './get-user.js';
import { globalSignOut } from './global-sign-out.js';
import { initiateAuth } from './initiate-auth.js';
import { listUsers } from './list-users.js';
import { resendConfirmationCode } from './resend-confirmation-code.js';
import { respondToAuthChallenge } from './respond-to-auth-challenge.js';
import { revokeToken } from './revoke-token.js';
import { signUp } from './sign-up.js';
import { updateUserAttributes } from './update-user-attributes.js';
import { verifyUserAttribute } from './verify-user-attribute.js';

/**
 * The operations mock-idp answers, by `X-Amz-Target` operation name; anything else is
 * UnsupportedOperationException. The JSON API dispatches on it, the admin lock reads `access`,
 * a state dir is saved after the operations that `change` state, and `npm run docs` writes
 * docs/cognito-operations.md from it (a test fails while that file is stale).
 */
export const operations = {
  InitiateAuth: operation(initiateAuth, { access: 'public', changes: true, summary: "USER_PASSWORD_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH: tokens or a challenge" }),
  AdminInitiateAuth: operation(adminInitiateAuth, { access: 'iam', changes: true, summary: "ADMIN_USER_PASSWORD_AUTH (ADMIN_NO_SRP_AUTH), USER_SRP_AUTH, REFRESH_TOKEN_AUTH" }),
  RespondToAuthChallenge: operation(respondToAuthChallenge, { access: 'public', changes: true, summary: "PASSWORD_VERIFIER (SRP) and NEW_PASSWORD_REQUIRED answers" }),
  AdminRespondToAuthChallenge: operation(adminRespondToAuthChallenge, { access: 'iam', changes: true, summary: "RespondToAuthChallenge for a client of the named pool" }),
  GetTokensFromRefreshToken: operation(getTokensFromRefreshToken, { access: 'public', changes: true, summary: "New ID and access tokens of the same sign-in; a new refresh token when the client rotates them", differences: "No retry grace period with rotation: a replaced refresh token is refused at once." }),
  RevokeToken: operation(revokeToken, { access: 'public', changes: true, summary: "Ends the refresh token's sign-in; the API refuses its access tokens (the JWTs still verify offline)" }),
  GlobalSignOut: operation(globalSignOut, { access: 'public', changes: true, summary: "Ends every sign-in of the user so far" }),
  AdminUserGlobalSignOut: operation(adminUserGlobalSignOut, { access: 'iam', changes: true, summary: "GlobalSignOut for a user named by the administrator" }),
  SignUp: operation(signUp, { access: 'public', changes: true, summary: "A new UNCONFIRMED user and a confirmation code", differences: "No email or SMS is sent: codes are logged and listed by `GET /_mock/pools/{pool}/users/{username}/codes`." }),
  ConfirmSignUp: operation(confirmSignUp, { access: 'public', changes: true, summary: "The code from SignUp confirms the user and verifies the attribute it went to" }),
  ResendConfirmationCode: operation(resendConfirmationCode, { access: 'public', changes: true, summary: "A new sign-up code replaces the previous one" }),
  AdminConfirmSignUp: operation(adminConfirmSignUp, { access: 'iam', changes: true, summary: "Confirms an UNCONFIRMED user without a code" }),
  ForgotPassword: operation(forgotPassword, { access: 'public', changes: true, summary: "A password-reset code (valid 1 hour)" }),
  ConfirmForgotPassword: operation(confirmForgotPassword, { access: 'public', changes: true, summary: "The reset code sets a new password; the user is CONFIRMED" }),
  ChangePassword: operation(changePassword, { access: 'public', changes: true, summary: "The signed-in user's new password, given the current one" }),
  GetUser: operation(getUser, { access: 'public', changes: false, summary: "The access token's user and attributes" }),
  UpdateUserAttributes: operation(updateUserAttributes, { access: 'public', changes: true, summary: "Sets attributes; a changed email or phone_number is unverified and gets a code" }),
  VerifyUserAttribute: operation(verifyUserAttribute, { access: 'public', changes: true, summary: "The code verifies email or phone_number" }),
  AdminCreateUser: operation(adminCreateUser, { access: 'iam', changes: true, summary: "A FORCE_CHANGE_PASSWORD user with a temporary password", differences: "No invitation is sent; temporary passwords do not expire." }),
  AdminGetUser: operation(adminGetUser, { access: 'iam', changes: false, summary: "Attributes, dates, Enabled and UserStatus" }),
  AdminSetUserPassword: operation(adminSetUserPassword, { access: 'iam', changes: true, summary: "Permanent: CONFIRMED; otherwise FORCE_CHANGE_PASSWORD" }),
  AdminUpdateUserAttributes: operation(adminUpdateUserAttributes, { access: 'iam', changes: true, summary: "UpdateUserAttributes for a user named by the administrator" }),
  AdminDisableUser: operation(adminDisableUser, { access: 'iam', changes: true, summary: "The user can no longer sign in or refresh, and the API refuses their access tokens" }),
  AdminEnableUser: operation(adminEnableUser, { access: 'iam', changes: true, summary: "Undoes AdminDisableUser" }),
  AdminDeleteUser: operation(adminDeleteUser, { access: 'iam', changes: true, summary: "Deletes the user" }),
  AdminAddUserToGroup: operation(adminAddUserToGroup, { access: 'iam', changes: true, summary: "The user's next tokens carry the group in cognito:groups" }),
  AdminRemoveUserFromGroup: operation(adminRemoveUserFromGroup, { access: 'iam', changes: true, summary: "The user's next tokens no longer carry the group" }),
  AdminListGroupsForUser: operation(adminListGroupsForUser, { access: 'iam', changes: false, summary: "The user's groups" }),
  ListUsers: operation(listUsers, { access: 'iam', changes: false, summary: "The pool's users, filtered and paginated" }),
} satisfies Record<string, OperationEntry>;

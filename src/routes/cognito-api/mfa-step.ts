import type { UserRecord } from '../../config/types.js';
import { mfaStepFor, type MfaType } from '../../cognito/mfa-methods.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import { prepareCode, sendCode } from './send-code.js';
import type { AuthResponse, SignInTarget } from './sign-in-outcome.js';

export type MfaStepDeps = Pick<CognitoApiDeps, 'challenges' | 'codes' | 'triggers'>;

/** What the MFA step needs of the request: its log, and the caller's SDK for the custom message event (absent: the hosted login). */
export type MfaStepContext = Pick<OperationContext, 'log'> & Partial<Pick<OperationContext, 'awsSdkVersion'>>;

/**
 * After the password, when the pool's MFA applies to the user ({@link mfaStepFor} decides): SMS_MFA,
 * SOFTWARE_TOKEN_MFA or EMAIL_OTP, SELECT_MFA_TYPE, or MFA_SETUP, as the API reference's
 * RespondToAuthChallenge describes them; undefined when the user signs in without MFA.
 * SMS and email codes are "sent" as confirmation codes are (purpose MFA), their message made by the pool's
 * custom message function (CustomMessage_Authentication) when it has one.
 */
export async function mfaChallenge(deps: MfaStepDeps, target: SignInTarget, user: UserRecord, context: MfaStepContext): Promise<AuthResponse | undefined> {
  const step = mfaStepFor(target.pool, user);
  if (!step) return undefined;
  const sealed = { kind: 'mfa', pool: target.pool.id, client: target.client.id, username: user.username } as const;
  switch (step.challenge) {
    case 'MFA_SETUP':
      return {
        ChallengeName: 'MFA_SETUP',
        Session: deps.challenges.seal({ kind: 'mfa-setup', pool: sealed.pool, client: sealed.client, username: sealed.username, verified: false }),
        ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(step.choices), USER_ID_FOR_SRP: user.username },
      };
    case 'SELECT_MFA_TYPE':
      return {
        ChallengeName: 'SELECT_MFA_TYPE',
        Session: deps.challenges.seal({ ...sealed, type: 'SELECT_MFA_TYPE', choices: step.choices }),
        ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(step.choices) },
      };
    default:
      return askForCode(deps, target, user, step.challenge, context);
  }
}

/**
 * The challenge for one MFA type: SOFTWARE_TOKEN_MFA (with the authenticator's name), or SMS_MFA /
 * EMAIL_OTP with a new 6-digit code sent to the phone or email, whose ChallengeParameters say where
 * (masked, as Cognito masks it: the last four digits of a phone number). The pool's custom message function
 * runs first (CustomMessage_Authentication, as for USER_AUTH's one-time codes): if it fails, its error is
 * thrown and no code is kept.
 */
export async function askForCode(deps: MfaStepDeps, { pool, client }: SignInTarget, user: UserRecord, type: MfaType, context: MfaStepContext): Promise<AuthResponse> {
  const to = type === 'SMS_MFA' ? 'phone_number' : 'email';
  const prepared =
    type === 'SOFTWARE_TOKEN_MFA' ? undefined : await prepareCode(deps.triggers, { pool, user, purpose: 'MFA', source: 'CustomMessage_Authentication', only: to, clientId: client.id }, context);
  const Session = deps.challenges.seal({ kind: 'mfa', pool: pool.id, client: client.id, username: user.username, type });
  if (type === 'SOFTWARE_TOKEN_MFA') {
    // As the AWS CLI's respond-to-auth-challenge example shows it (the name given to VerifySoftwareToken):
    // https://docs.aws.amazon.com/cli/latest/reference/cognito-idp/respond-to-auth-challenge.html
    return { ChallengeName: type, Session, ChallengeParameters: user.mfa?.totpDeviceName === undefined ? {} : { FRIENDLY_DEVICE_NAME: user.mfa.totpDeviceName } };
  }
  const delivery = sendCode(deps.codes, user, 'MFA', context, to, prepared);
  return {
    ChallengeName: type,
    Session,
    ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: type === 'SMS_MFA' ? 'SMS' : 'EMAIL', CODE_DELIVERY_DESTINATION: delivery?.Destination ?? '' },
  };
}

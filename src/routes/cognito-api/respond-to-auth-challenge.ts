import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import { answerMessageMfa, answerMfaSetup, answerSelectMfaType, answerSoftwareTokenMfa } from './mfa-challenge.js';
import { answerNewPassword } from './new-password-challenge.js';
import type { CognitoApiDeps, Handler, OperationContext } from './operation.js';
import type { AuthResponse, SignInTarget } from './sign-in-outcome.js';
import { verifySrp } from './srp-flow.js';
import { answerCustomChallenge, continueAfterPassword } from './custom-auth-flow.js';
import { answerEmailOtp, answerPasswordChallenge, answerSelectChallenge, answerWebAuthn } from './user-auth-flow.js';

export type ChallengeDeps = Pick<CognitoApiDeps, 'directory' | 'challenges' | 'signIns' | 'srp' | 'dates' | 'clock' | 'codes' | 'triggers'>;

/** RespondToAuthChallenge's members (AdminRespondToAuthChallenge adds UserPoolId). */
export const challengeSpec = { ChallengeName: 'string', ClientId: 'string', Session: 'string?', ChallengeResponses: 'stringMap?', ClientMetadata: 'stringMap?' } as const;

/**
 * `RespondToAuthChallenge`: PASSWORD_VERIFIER (SRP), CUSTOM_CHALLENGE (CUSTOM_AUTH), NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, MFA_SETUP,
 * SMS_MFA, EMAIL_OTP (as MFA), SELECT_MFA_TYPE, and USER_AUTH's SELECT_CHALLENGE, PASSWORD, EMAIL_OTP and SMS_OTP.
 */
export const respondToAuthChallenge =
  (deps: ChallengeDeps): Handler =>
  async (body, context) => {
    const input = readInput(body, challengeSpec);
    return answerChallenge(deps, clientById(deps.directory, input.ClientId), input, context);
  };

/** Shared with AdminRespondToAuthChallenge. */
export function answerChallenge(
  deps: ChallengeDeps,
  target: SignInTarget,
  input: { ChallengeName: string; Session?: string; ChallengeResponses?: Record<string, string>; ClientMetadata?: Record<string, string> },
  given: OperationContext,
): Promise<AuthResponse> {
  // The ClientMetadata goes on to the pre token generation function of the sign-in this answer completes.
  const context: OperationContext = { ...given, clientMetadata: input.ClientMetadata };
  switch (input.ChallengeName) {
    case 'PASSWORD_VERIFIER':
      return verifySrp(deps, target, input.ChallengeResponses, context, (user, rounds) => continueAfterPassword(deps, target, user, rounds, input.ClientMetadata, context));
    case 'CUSTOM_CHALLENGE':
      return answerCustomChallenge(deps, target, input.Session, input.ChallengeResponses, input.ClientMetadata, context);
    case 'NEW_PASSWORD_REQUIRED':
      return answerNewPassword(deps, target, input.Session, input.ChallengeResponses, context);
    case 'SOFTWARE_TOKEN_MFA':
      return answerSoftwareTokenMfa(deps, target, input.Session, input.ChallengeResponses, context);
    case 'MFA_SETUP':
      return answerMfaSetup(deps, target, input.Session, input.ChallengeResponses, context);
    case 'SMS_MFA':
      return answerMessageMfa(deps, target, 'SMS_MFA', input.Session, input.ChallengeResponses, context);
    case 'SELECT_MFA_TYPE':
      return answerSelectMfaType(deps, target, input.Session, input.ChallengeResponses, context);
    case 'SELECT_CHALLENGE':
      return answerSelectChallenge(deps, target, input.Session, input.ChallengeResponses, context);
    case 'PASSWORD':
      return answerPasswordChallenge(deps, target, input.Session, input.ChallengeResponses, context);
    case 'EMAIL_OTP':
      // The same name for USER_AUTH's one-time password and for email MFA after a password: the Session tells which.
      if (deps.challenges.kindOf(input.Session) === 'mfa') return answerMessageMfa(deps, target, 'EMAIL_OTP', input.Session, input.ChallengeResponses, context);
      return answerEmailOtp(deps, target, input.Session, input.ChallengeResponses, context);
    case 'SMS_OTP':
      return answerEmailOtp(deps, target, input.Session, input.ChallengeResponses, context, 'SMS_OTP');
    case 'WEB_AUTHN':
      return answerWebAuthn(deps, target, input.Session, input.ChallengeResponses, context);
    default:
      throw new CognitoError(
        'InvalidParameterException',
        `mock-idp does not support ChallengeName ${input.ChallengeName.slice(0, 60)} (supported: PASSWORD_VERIFIER, CUSTOM_CHALLENGE, NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, MFA_SETUP, SMS_MFA, SELECT_MFA_TYPE, SELECT_CHALLENGE, PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN)`,
      );
  }
}

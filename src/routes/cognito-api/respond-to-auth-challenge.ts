import { CognitoError } from '../../cognito/errors.js';
import { clientById } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import { answerMfaSetup, answerSoftwareTokenMfa } from './mfa-challenge.js';
import { answerNewPassword } from './new-password-challenge.js';
import type { CognitoApiDeps, Handler, OperationContext } from './operation.js';
import type { AuthResponse, SignInTarget } from './sign-in-outcome.js';
import { verifySrp } from './srp-flow.js';
import { answerEmailOtp, answerPasswordChallenge, answerSelectChallenge } from './user-auth-flow.js';

export type ChallengeDeps = Pick<CognitoApiDeps, 'directory' | 'challenges' | 'signIns' | 'srp' | 'dates' | 'clock' | 'codes'>;

/** RespondToAuthChallenge's members (AdminRespondToAuthChallenge adds UserPoolId). */
export const challengeSpec = { ChallengeName: 'string', ClientId: 'string', Session: 'string?', ChallengeResponses: 'stringMap?', ClientMetadata: 'stringMap?' } as const;

/**
 * `RespondToAuthChallenge`: PASSWORD_VERIFIER (SRP), NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, MFA_SETUP,
 * and USER_AUTH's SELECT_CHALLENGE, PASSWORD and EMAIL_OTP.
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
  input: { ChallengeName: string; Session?: string; ChallengeResponses?: Record<string, string> },
  context: OperationContext,
): Promise<AuthResponse> {
  switch (input.ChallengeName) {
    case 'PASSWORD_VERIFIER':
      return verifySrp(deps, target, input.ChallengeResponses, context);
    case 'NEW_PASSWORD_REQUIRED':
      return answerNewPassword(deps, target, input.Session, input.ChallengeResponses, context);
    case 'SOFTWARE_TOKEN_MFA':
      return answerSoftwareTokenMfa(deps, target, input.Session, input.ChallengeResponses, context);
    case 'MFA_SETUP':
      return answerMfaSetup(deps, target, input.Session, input.ChallengeResponses, context);
    case 'SELECT_CHALLENGE':
      return answerSelectChallenge(deps, target, input.Session, input.ChallengeResponses, context);
    case 'PASSWORD':
      return answerPasswordChallenge(deps, target, input.Session, input.ChallengeResponses, context);
    case 'EMAIL_OTP':
      return answerEmailOtp(deps, target, input.Session, input.ChallengeResponses, context);
    default:
      throw new CognitoError(
        'InvalidParameterException',
        `mock-idp does not support ChallengeName ${input.ChallengeName.slice(0, 60)} (supported: PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, SOFTWARE_TOKEN_MFA, MFA_SETUP, SELECT_CHALLENGE, PASSWORD, EMAIL_OTP)`,
      );
  }
}

import type { UserRecord } from '../../config/types.js';
import { CognitoError } from '../../cognito/errors.js';
import { acceptTotp, userMfa } from '../../cognito/mfa.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { requiredParameter } from './input.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import { signedIn, type AuthResponse, type SignInTarget } from './sign-in-outcome.js';

const invalidSession = () => new CognitoError('NotAuthorizedException', 'Invalid session for the user.');

/**
 * The SOFTWARE_TOKEN_MFA answer: `USERNAME` and `SOFTWARE_TOKEN_MFA_CODE` with the challenge's Session.
 * A wrong or reused code is CodeMismatchException and leaves the session usable (until it expires).
 */
export async function answerSoftwareTokenMfa(
  deps: Pick<CognitoApiDeps, 'directory' | 'challenges' | 'signIns' | 'clock'>,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { challenge, user, value: code } = openAnswer(deps, target, responses, () => deps.challenges.open('mfa', session), 'SOFTWARE_TOKEN_MFA_CODE');
  const secret = user.mfa?.totpSecret;
  if (!secret) throw new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.');
  if (!acceptTotp(user, secret, code, deps.clock.now())) throw new CognitoError('CodeMismatchException', 'Invalid code received for user');
  deps.challenges.consume(challenge);
  return signedIn(deps.signIns, target, user, context);
}

/**
 * The MFA_SETUP answer, with the Session VerifySoftwareToken handed out: the user's authenticator app
 * becomes their MFA (enabled and preferred) and they get tokens.
 */
export async function answerMfaSetup(
  deps: Pick<CognitoApiDeps, 'directory' | 'challenges' | 'signIns' | 'dates'>,
  target: SignInTarget,
  session: string | undefined,
  responses: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { challenge, user } = openAnswer(deps, target, responses, () => deps.challenges.open('mfa-setup', session));
  if (!challenge.verified || !user.mfa?.totpSecret) throw new CognitoError('InvalidParameterException', 'Software token MFA is not verified yet: call VerifySoftwareToken with this Session first.');
  deps.challenges.consume(challenge);
  const mfa = userMfa(user);
  mfa.totpEnabled = true;
  mfa.totpPreferred = true;
  deps.dates.modified(user);
  return signedIn(deps.signIns, target, user, context);
}

/**
 * What both answers do first, in Cognito's order: `USERNAME` and the answer's own parameter, the Session
 * (`open`), its user (sealed for this pool and client), the SECRET_HASH.
 */
function openAnswer<C extends { pool: string; client: string; username: string }>(
  deps: Pick<CognitoApiDeps, 'directory'>,
  target: SignInTarget,
  responses: Record<string, string> | undefined,
  open: () => C,
  parameter?: string,
) {
  const username = requiredParameter(responses, 'USERNAME');
  const value = parameter === undefined ? '' : requiredParameter(responses, parameter);
  const challenge = open();
  const user = challengeUser(deps, target, challenge);
  checkSecretHash(target.client, [username, user.username], responses?.SECRET_HASH);
  return { challenge, user, value };
}

/** The user a challenge was sealed for, when it was sealed for this pool and client. */
function challengeUser(deps: Pick<CognitoApiDeps, 'directory'>, { pool, client }: SignInTarget, challenge: { pool: string; client: string; username: string }): UserRecord {
  const user = deps.directory.findUser(pool, challenge.username);
  if (challenge.pool !== pool.id || challenge.client !== client.id || !user || user.username !== challenge.username) throw invalidSession();
  return user;
}

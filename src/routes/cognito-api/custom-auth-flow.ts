import type { UserRecord } from '../../config/types.js';
import type { ChallengeResult, CustomAuthChallenge } from '../../cognito/challenge-sessions.js';
import { settingsOf, userExistenceError } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { passwordResetRequired } from '../../cognito/password-reset.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { runPreAuthentication } from '../../triggers/authentication.js';
import { invalidLambdaResponse } from '../../triggers/trigger-errors.js';
import { triggerFunction, type TriggerName } from '../../triggers/trigger-functions.js';
import { triggerUserAttributes } from '../../triggers/trigger-user-attributes.js';
import { requiredParameter } from './input.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import { incorrect, signedIn, type AuthResponse, type SignInTarget } from './sign-in-outcome.js';
import { checkSrpA, startSrp } from './srp-flow.js';

/**
 * CUSTOM_AUTH (InitiateAuth, AdminInitiateAuth), as the developer guide's custom authentication challenge
 * pages describe it (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-challenge.html):
 * DefineAuthChallenge decides each step from the rounds so far (`session`), CreateAuthChallenge makes each
 * CUSTOM_CHALLENGE, VerifyAuthChallengeResponse judges each answer; tokens when DefineAuthChallenge says
 * `issueTokens`, NotAuthorizedException when it says `failAuthentication`.
 */

export type CustomAuthDeps = Pick<CognitoApiDeps, 'directory' | 'signIns' | 'challenges' | 'srp' | 'triggers'>;

/**
 * The rounds (entries of `session`: SRP_A, PASSWORD_VERIFIER and each CUSTOM_CHALLENGE answered) after which
 * mock-idp ends a CUSTOM_AUTH sign-in that DefineAuthChallenge has not decided (NotAuthorizedException).
 * Cognito documents no number; this keeps a DefineAuthChallenge that never decides from going on for ever,
 * and the sealed Session small.
 */
export const maxCustomAuthRounds = 16;

const notConfigured = () => new CognitoError('InvalidParameterException', 'Custom auth lambda trigger is not configured for the user pool.');

/** Who the rounds are about: a user of the pool, or (PreventUserExistenceErrors ENABLED) a name nobody has. */
interface Subject {
  /** The user's username, or the name as given when there is no such user. */
  username: string;
  user: UserRecord | undefined;
}

/**
 * InitiateAuth / AdminInitiateAuth CUSTOM_AUTH. With `CHALLENGE_NAME: SRP_A` (and `SRP_A`) the rounds start
 * with `{ challengeName: "SRP_A", challengeResult: true }`, so DefineAuthChallenge may ask for the password
 * (PASSWORD_VERIFIER) before its own challenges. A known user's sign-in runs the pre authentication function
 * first, with the request's ClientMetadata as its validationData; the challenge triggers do not get that
 * ClientMetadata (the InitiateAuth API reference lists it for pre sign-up, pre authentication and user migration only).
 */
export async function startCustomAuth(
  deps: CustomAuthDeps,
  target: SignInTarget,
  params: Record<string, string> | undefined,
  context: OperationContext,
  clientMetadata?: Record<string, string>,
): Promise<AuthResponse> {
  const { pool, client } = target;
  const username = requiredParameter(params, 'USERNAME');
  const srpStart = params?.CHALLENGE_NAME === 'SRP_A';
  if (srpStart) checkSrpA(requiredParameter(params, 'SRP_A'));
  const user = deps.directory.findUser(pool, username);
  checkSecretHash(client, user ? [username, user.username] : [username], params?.SECRET_HASH);
  if (!triggerFunction(pool, 'DefineAuthChallenge')) throw notConfigured();
  if (!user) {
    const unknown = userExistenceError(client);
    if (unknown) throw unknown;
  } else {
    checkCanSignIn(user);
    await runPreAuthentication(deps.triggers, { pool, user, clientId: client.id, awsSdkVersion: context.awsSdkVersion, validationData: clientMetadata });
  }
  const subject = { username: user?.username ?? username, user };
  const session: ChallengeResult[] = srpStart ? [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }] : [];
  return nextStep(deps, target, subject, session, undefined, context, srpStart ? params : undefined);
}

/**
 * After the password of a CUSTOM_AUTH sign-in started with SRP_A is proven (the PASSWORD_VERIFIER answer):
 * DefineAuthChallenge is asked again with `{ challengeName: "PASSWORD_VERIFIER", challengeResult: true }` added.
 * A wrong password ends the sign-in before that, as a wrong password does in USER_SRP_AUTH.
 */
export function continueAfterPassword(
  deps: CustomAuthDeps,
  target: SignInTarget,
  user: UserRecord,
  before: readonly ChallengeResult[],
  clientMetadata: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const session = [...before, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null }];
  return nextStep(deps, target, { username: user.username, user }, session, clientMetadata, context);
}

/**
 * RespondToAuthChallenge / AdminRespondToAuthChallenge CUSTOM_CHALLENGE: `USERNAME` and `ANSWER`, and the
 * Session of the challenge. VerifyAuthChallengeResponse judges the answer (`answerCorrect`), the round is
 * added to the session, and DefineAuthChallenge decides what comes next. A Session works once: a failed
 * trigger leaves the sign-in to be started again, as in Cognito (`Invalid session for the user.`).
 */
export async function answerCustomChallenge(
  deps: CustomAuthDeps,
  target: SignInTarget,
  sessionToken: string | undefined,
  responses: Record<string, string> | undefined,
  clientMetadata: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  const { pool, client } = target;
  const username = requiredParameter(responses, 'USERNAME');
  const answer = requiredParameter(responses, 'ANSWER');
  const challenge = deps.challenges.open('custom-auth', sessionToken);
  if (challenge.pool !== pool.id || challenge.client !== client.id) throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.');
  checkSecretHash(client, [username, challenge.username], responses?.SECRET_HASH);
  deps.challenges.consume(challenge);
  const subject = subjectOf(deps, target, challenge);
  if (!triggerFunction(pool, 'VerifyAuthChallengeResponse')) throw notConfigured();
  const verdict = await runChallengeTrigger(deps, target, subject, 'VerifyAuthChallengeResponse', context, clientMetadata, {
    request: { privateChallengeParameters: challenge.privateChallengeParameters, challengeAnswer: answer },
    response: { answerCorrect: null },
    check: (response) => optional(response, 'answerCorrect', 'boolean'),
  });
  const correct = verdict.answerCorrect;
  const session = [...challenge.session, { challengeName: 'CUSTOM_CHALLENGE', challengeResult: correct === true, challengeMetadata: challenge.challengeMetadata }];
  return nextStep(deps, target, subject, session, clientMetadata, context);
}

/**
 * One DefineAuthChallenge decision and what follows it: NotAuthorizedException (`failAuthentication`), tokens
 * through the sign-in's usual end (`issueTokens`), the PASSWORD_VERIFIER challenge (right after SRP_A only,
 * when the request brought SRP_A) or a CUSTOM_CHALLENGE made by CreateAuthChallenge. A nobody never gets tokens.
 */
async function nextStep(
  deps: CustomAuthDeps,
  target: SignInTarget,
  subject: Subject,
  session: ChallengeResult[],
  clientMetadata: Record<string, string> | undefined,
  context: OperationContext,
  srpParams?: Record<string, string>,
): Promise<AuthResponse> {
  if (session.length >= maxCustomAuthRounds) throw incorrect();
  const decision = await runChallengeTrigger(deps, target, subject, 'DefineAuthChallenge', context, clientMetadata, {
    request: { session },
    response: { challengeName: null, issueTokens: null, failAuthentication: null },
    check: (response) => {
      optional(response, 'issueTokens', 'boolean');
      optional(response, 'failAuthentication', 'boolean');
      optional(response, 'challengeName', 'string');
      if (response.failAuthentication === true || response.issueTokens === true) return;
      if (response.challengeName === 'CUSTOM_CHALLENGE' || (response.challengeName === 'PASSWORD_VERIFIER' && srpParams)) return;
      throw invalidLambdaResponse(
        typeof response.challengeName === 'string'
          ? `challengeName ${response.challengeName.slice(0, 60)} cannot come next here (mock-idp runs CUSTOM_CHALLENGE, and PASSWORD_VERIFIER right after SRP_A)`
          : 'neither issueTokens, failAuthentication nor challengeName',
      );
    },
  });
  const { challengeName, issueTokens, failAuthentication } = decision;
  if (failAuthentication === true) throw incorrect();
  if (issueTokens === true) {
    if (!subject.user) throw incorrect();
    checkCanSignIn(subject.user);
    return signedIn(deps, target, subject.user, context);
  }
  if (challengeName === 'PASSWORD_VERIFIER' && srpParams) return startSrp(deps, target, { ...srpParams, USERNAME: subject.username }, session);
  return customChallenge(deps, target, subject, session, clientMetadata, context);
}

/** CreateAuthChallenge makes the CUSTOM_CHALLENGE; its public parameters go to the client, the rest is sealed in the Session. */
async function customChallenge(
  deps: CustomAuthDeps,
  target: SignInTarget,
  subject: Subject,
  session: ChallengeResult[],
  clientMetadata: Record<string, string> | undefined,
  context: OperationContext,
): Promise<AuthResponse> {
  if (!triggerFunction(target.pool, 'CreateAuthChallenge')) throw notConfigured();
  const created = await runChallengeTrigger(deps, target, subject, 'CreateAuthChallenge', context, clientMetadata, {
    request: { challengeName: 'CUSTOM_CHALLENGE', session },
    response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
    check: (response) => {
      stringMap(response.publicChallengeParameters, 'publicChallengeParameters');
      stringMap(response.privateChallengeParameters, 'privateChallengeParameters');
      optional(response, 'challengeMetadata', 'string');
    },
  });
  const publicParameters = stringMap(created.publicChallengeParameters, 'publicChallengeParameters');
  const privateParameters = stringMap(created.privateChallengeParameters, 'privateChallengeParameters');
  const metadata = created.challengeMetadata as string | null | undefined;
  const sealed: CustomAuthChallenge = {
    kind: 'custom-auth',
    pool: target.pool.id,
    client: target.client.id,
    username: subject.username,
    known: Boolean(subject.user),
    session,
    privateChallengeParameters: privateParameters,
    challengeMetadata: metadata ?? null,
  };
  return {
    ChallengeName: 'CUSTOM_CHALLENGE',
    Session: deps.challenges.seal(sealed),
    ChallengeParameters: { ...publicParameters, USERNAME: subject.username },
  };
}

/**
 * Runs one of the three challenge triggers for `subject` and returns its response. The request carries the
 * user's attributes (none for a nobody), `userNotFound` when the client hides unknown users, and
 * `clientMetadata` when the call brought it (RespondToAuthChallenge's ClientMetadata).
 */
async function runChallengeTrigger(
  deps: CustomAuthDeps,
  target: SignInTarget,
  subject: Subject,
  trigger: Extract<TriggerName, 'DefineAuthChallenge' | 'CreateAuthChallenge' | 'VerifyAuthChallengeResponse'>,
  context: OperationContext,
  clientMetadata: Record<string, string> | undefined,
  parts: { request: Record<string, unknown>; response: Record<string, unknown>; check: (response: Record<string, unknown>) => void },
): Promise<Record<string, unknown>> {
  const hidesUnknownUsers = settingsOf(target.client).PreventUserExistenceErrors !== 'LEGACY';
  const request: Record<string, unknown> = {
    userAttributes: subject.user ? triggerUserAttributes(subject.user) : {},
    ...parts.request,
    ...(clientMetadata ? { clientMetadata } : {}),
    ...(hidesUnknownUsers ? { userNotFound: !subject.user } : {}),
  };
  const result = await deps.triggers.run({
    pool: target.pool,
    trigger,
    triggerSource: `${trigger}_Authentication`,
    userName: subject.username,
    clientId: target.client.id,
    awsSdkVersion: context.awsSdkVersion,
    request,
    response: parts.response,
    check: parts.check,
  });
  // Each caller checked first that the pool has the function, so there is a result.
  return result?.response ?? {};
}

/** A response member that may be absent or null, else must have the given type. */
function optional(response: Record<string, unknown>, name: string, type: 'boolean' | 'string'): void {
  const value = response[name];
  if (value !== null && value !== undefined && typeof value !== type) throw invalidLambdaResponse(`${name} is not a ${type}`);
}

/** The user a CUSTOM_AUTH Session is about; a user deleted since fails as a wrong answer would. */
function subjectOf(deps: Pick<CognitoApiDeps, 'directory'>, { pool }: SignInTarget, challenge: CustomAuthChallenge): Subject {
  if (!challenge.known) return { username: challenge.username, user: undefined };
  const user = deps.directory.findUser(pool, challenge.username);
  if (!user || user.username !== challenge.username) throw incorrect();
  return { username: user.username, user };
}

/** The user-state checks of a sign-in without a password step (as USER_AUTH's one-time passwords have them). */
function checkCanSignIn(user: UserRecord): void {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw passwordResetRequired();
}

/**
 * A parameters map from a trigger's response: absent or null is empty; strings as they are, and numbers and
 * booleans as their JSON text (as a JSON map of strings reads them); anything else is an unusable response.
 */
function stringMap(value: unknown, name: string): Record<string, string> {
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidLambdaResponse(`${name} is not a map of strings`);
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') out[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
    else if (item !== null) throw invalidLambdaResponse(`${name}.${key} is not a string`);
  }
  return out;
}

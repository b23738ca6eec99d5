/**
 * The three challenge functions of a CUSTOM_AUTH pool, as the developer guide's examples shape them: a question
 * whose answer is 42, asked until it is answered or answered wrongly three times; with SRP_A first, the password
 * before the question. Other exports misbehave on purpose (each test maps the ARN it needs to one of them).
 */
interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata: string | null;
}

interface ChallengeEvent {
  userName: string;
  request: {
    userAttributes: Record<string, string>;
    session?: ChallengeResult[];
    challengeName?: string;
    privateChallengeParameters?: Record<string, string>;
    challengeAnswer?: string;
    clientMetadata?: Record<string, string>;
    userNotFound?: boolean;
  };
  response: Record<string, unknown>;
}

/** DefineAuthChallenge: SRP_A → PASSWORD_VERIFIER → CUSTOM_CHALLENGE until right (tokens) or three wrong answers (fail). */
export const define = async (event: ChallengeEvent) => {
  const session = event.request.session ?? [];
  const last = session.at(-1);
  const wrong = session.filter((r) => r.challengeName === 'CUSTOM_CHALLENGE' && !r.challengeResult).length;
  if (last?.challengeName === 'SRP_A') {
    event.response = { challengeName: 'PASSWORD_VERIFIER', issueTokens: false, failAuthentication: false };
  } else if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
    event.response = { issueTokens: true, failAuthentication: false };
  } else if (wrong >= 3) {
    event.response = { issueTokens: false, failAuthentication: true };
  } else {
    event.response = { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false };
  }
  return event;
};

/** CreateAuthChallenge: the question in public, the answer in private, the round in the metadata. */
export const create = async (event: ChallengeEvent) => {
  const round = (event.request.session ?? []).filter((r) => r.challengeName === 'CUSTOM_CHALLENGE').length + 1;
  event.response.publicChallengeParameters = { question: 'What is six times seven?', round };
  event.response.privateChallengeParameters = { answer: '42' };
  event.response.challengeMetadata = `QUESTION-${round}`;
  return event;
};

/** VerifyAuthChallengeResponse: right when the answer is the private one. */
export const verify = async (event: ChallengeEvent) => {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters?.answer;
  return event;
};

/** DefineAuthChallenge that throws. */
export const defineThrows = async () => {
  throw new Error('The challenge service is down');
};

/** DefineAuthChallenge that answers something Cognito cannot use. */
export const defineMalformed = async (event: ChallengeEvent) => ({ ...event, response: { issueTokens: 'yes' } });

/** DefineAuthChallenge that never decides: always another CUSTOM_CHALLENGE. */
export const defineEndless = async (event: ChallengeEvent) => ({ ...event, response: { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false } });

/** VerifyAuthChallengeResponse that throws when the answer is `boom` (and judges as {@link verify} otherwise). */
export const verifyThrows = async (event: ChallengeEvent) => {
  if (event.request.challengeAnswer === 'boom') throw new Error('Verification failed');
  return verify(event);
};

/** DefineAuthChallenge that asks for the password whatever the session (which needs a sign-in started with SRP_A). */
export const definePasswordFirst = async (event: ChallengeEvent) => ({ ...event, response: { challengeName: 'PASSWORD_VERIFIER', issueTokens: false, failAuthentication: false } });

/** Pre and post authentication functions that let every sign-in through (to see where they run in CUSTOM_AUTH). */
export const letThrough = async (event: ChallengeEvent) => event;

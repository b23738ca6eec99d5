// CreateAuthChallenge: the question the app shows (public) and its answer (private: kept in the session).
// Cognito's event: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-create-auth-challenge.html
export const handler = async (event) => {
  event.response.publicChallengeParameters = { question: 'What is six times seven?' };
  event.response.privateChallengeParameters = { answer: '42' };
  event.response.challengeMetadata = 'QUESTION';
  return event;
};

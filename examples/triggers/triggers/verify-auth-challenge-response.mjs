// VerifyAuthChallengeResponse: is the app's ANSWER the one CreateAuthChallenge kept?
// Cognito's event: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-verify-auth-challenge-response.html
export const handler = async (event) => {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
};

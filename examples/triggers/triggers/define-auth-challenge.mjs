// DefineAuthChallenge (CUSTOM_AUTH): tokens after a right answer, failure after three wrong ones, else one more
// question. Cognito's event: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-define-auth-challenge.html
export const handler = async (event) => {
  const session = event.request.session;
  const last = session.at(-1);
  if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
    event.response = { issueTokens: true, failAuthentication: false };
  } else if (session.length >= 3) {
    event.response = { issueTokens: false, failAuthentication: true };
  } else {
    event.response = { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false };
  }
  return event;
};

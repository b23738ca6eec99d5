// PreSignUp: confirm sign-ups from example.com at once (no code to enter) and mark their email verified;
// refuse every other domain. Cognito's event: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
export const handler = async (event) => {
  const email = event.request.userAttributes.email ?? '';
  if (!email.endsWith('@example.com')) throw new Error('Sign-ups from example.com only');
  event.response.autoConfirmUser = true;
  event.response.autoVerifyEmail = true;
  return event;
};

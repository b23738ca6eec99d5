// PreTokenGeneration, event version 2 (V2_0): a `tenant` claim in the ID token, and a `tenant` claim and one
// more scope in the access token. Cognito's event: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
export const handler = async (event) => {
  const tenant = event.request.userAttributes.email.split('@')[1];
  event.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: { claimsToAddOrOverride: { tenant } },
    accessTokenGeneration: { claimsToAddOrOverride: { tenant }, scopesToAdd: ['orders/read'] },
  };
  return event;
};

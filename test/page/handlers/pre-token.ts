/**
 * A V2_0 pre token generation function for the teaching page's tests: `refused` gets an error (the sign-in
 * fails with UserLambdaValidationException); anyone else gets a `tenant` claim in the ID token (and loses
 * `email` there), a `plan` claim and the scope `orders/read` in the access token, and the group `vip` instead
 * of their own.
 */
interface PreTokenEvent {
  userName: string;
  response: { claimsAndScopeOverrideDetails: unknown };
}

export const handler = async (event: PreTokenEvent) => {
  if (event.userName === 'refused') throw new Error('Not on the guest list');
  event.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' }, claimsToSuppress: ['email'] },
    accessTokenGeneration: { claimsToAddOrOverride: { plan: 'pro' }, scopesToAdd: ['orders/read'] },
    groupOverrideDetails: { groupsToOverride: ['vip'] },
  };
  return event;
};

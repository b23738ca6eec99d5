/**
 * A V2_0 / V3_0 pre token generation function. Machine tokens (TokenGeneration_ClientCredentials) get a
 * `caller` claim from clientMetadata (`fail`: the function throws) and one more scope. Users' tokens: by user name, `thrower` (throws),
 * `sneaky` (suppresses `iss` in the access token), `narrowed` (loses the admin scope); anyone else gets a
 * JSON `tenant` claim in the ID token, `roles` and a scope in the access token, and the group `vip`.
 */
interface PreTokenV2Event {
  triggerSource: string;
  userName: string;
  request: { scopes: string[]; clientMetadata?: Record<string, string> };
  response: { claimsAndScopeOverrideDetails: unknown };
}

export const handler = async (event: PreTokenV2Event) => {
  if (event.triggerSource === 'TokenGeneration_ClientCredentials') {
    if (event.request.clientMetadata?.caller === 'fail') throw new Error('Unknown caller');
    event.response.claimsAndScopeOverrideDetails = {
      accessTokenGeneration: { claimsToAddOrOverride: { caller: event.request.clientMetadata?.caller ?? 'unknown' }, scopesToAdd: ['mock-api/audit'] },
    };
    return event;
  }
  switch (event.userName) {
    case 'thrower':
      throw new Error('No tokens for you');
    case 'sneaky':
      event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToSuppress: ['iss'] } };
      return event;
    case 'narrowed':
      event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { scopesToSuppress: ['aws.cognito.signin.user.admin'], scopesToAdd: ['orders/read'] } };
      return event;
    default:
      event.response.claimsAndScopeOverrideDetails = {
        idTokenGeneration: { claimsToAddOrOverride: { tenant: { id: 'acme', tier: 2 } }, claimsToSuppress: ['email'] },
        accessTokenGeneration: {
          claimsToAddOrOverride: { roles: ['reader', 'writer'], source: event.triggerSource },
          scopesToAdd: ['orders/read'],
        },
        groupOverrideDetails: { groupsToOverride: ['vip'] },
      };
      return event;
  }
};

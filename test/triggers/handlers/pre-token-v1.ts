/**
 * A V1_0 pre token generation function whose behaviour the user name picks: `thrower` (throws),
 * `sneaky` (overrides `sub`, which Cognito protects), `counter` (a number, which V1_0 does not take),
 * `regrouped` (replaces the groups), `ungrouped` (an empty group override: no groups); anyone else
 * gets a `tenant` claim and a `source` claim, and loses `email`.
 */
interface PreTokenV1Event {
  triggerSource: string;
  userName: string;
  request: { userAttributes: Record<string, string>; groupConfiguration: { groupsToOverride: string[] } };
  response: { claimsOverrideDetails: unknown };
}

export const handler = async (event: PreTokenV1Event) => {
  switch (event.userName) {
    case 'thrower':
      throw new Error('No tokens for you');
    case 'sneaky':
      event.response.claimsOverrideDetails = { claimsToAddOrOverride: { sub: 'someone-else' } };
      return event;
    case 'counter':
      event.response.claimsOverrideDetails = { claimsToAddOrOverride: { visits: 3 } };
      return event;
    case 'regrouped':
      event.response.claimsOverrideDetails = {
        groupOverrideDetails: {
          groupsToOverride: ['vip'],
          iamRolesToOverride: ['arn:aws:iam::123456789012:role/vip'],
          preferredRole: 'arn:aws:iam::123456789012:role/vip',
        },
      };
      return event;
    case 'ungrouped':
      event.response.claimsOverrideDetails = { groupOverrideDetails: {} };
      return event;
    default:
      event.response.claimsOverrideDetails = {
        claimsToAddOrOverride: { tenant: 'acme', source: event.triggerSource, email: 'hidden@example.com' },
        claimsToSuppress: ['email'],
      };
      return event;
  }
};

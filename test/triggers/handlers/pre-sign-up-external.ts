/**
 * Functions for federated sign-in: `handler` (pre sign-up) marks the mapped email verified; `reject`
 * (pre sign-up) refuses everyone; `passthrough` returns the event it got (post confirmation, pre and post
 * authentication, pre token generation).
 */
interface Event {
  triggerSource: string;
  request: { userAttributes: Record<string, string> };
  response: Record<string, unknown>;
}

export const handler = async (event: Event) => {
  if (event.triggerSource === 'PreSignUp_ExternalProvider') event.response.autoVerifyEmail = true;
  return event;
};

export const reject = async (_event: Event) => {
  throw new Error('Federated sign-up is closed.');
};

export const passthrough = async (event: Event) => event;

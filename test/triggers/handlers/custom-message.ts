/**
 * A custom message function whose behaviour ClientMetadata `mode` picks (the user's `name` attribute when
 * there is no ClientMetadata): `reject` (throws), `no-code` (a message without the code placeholder),
 * `number` (an emailSubject that is not a string); otherwise a message naming the trigger source.
 */
interface CustomMessageEvent {
  triggerSource: string;
  request: { userAttributes: Record<string, string>; codeParameter: string; usernameParameter: string | null; clientMetadata?: Record<string, string> };
  response: { emailSubject: unknown; emailMessage: string | null; smsMessage: string | null };
}

export const handler = async (event: CustomMessageEvent) => {
  const mode = event.request.clientMetadata?.mode ?? event.request.userAttributes.name;
  if (mode === 'reject') throw new Error('Mail is down');
  if (mode === 'no-code') {
    event.response.emailMessage = 'Welcome! Your code is on its way.';
    return event;
  }
  if (mode === 'number') {
    event.response.emailSubject = 42;
    return event;
  }
  event.response.emailSubject = `Hello ${event.request.userAttributes.email}`;
  event.response.emailMessage = `${event.triggerSource}: your code is ${event.request.codeParameter}.`;
  event.response.smsMessage = `Code ${event.request.codeParameter}`;
  return event;
};

/**
 * A custom message function for AdminCreateUser's invitation and MFA codes, ClientMetadata `mode` (else the
 * user's `name` attribute) picking its behaviour: `reject` (throws), `no-username` (a message without the user name placeholder); otherwise a
 * message with both placeholders the event names.
 */
interface CustomMessageEvent {
  triggerSource: string;
  request: { userAttributes: Record<string, string>; codeParameter: string; usernameParameter: string | null; clientMetadata?: Record<string, string> };
  response: { emailSubject: string | null; emailMessage: string | null; smsMessage: string | null };
}

export const handler = async (event: CustomMessageEvent) => {
  const mode = event.request.clientMetadata?.mode ?? event.request.userAttributes.name;
  if (mode === 'reject') throw new Error('Mail is down');
  const { codeParameter, usernameParameter } = event.request;
  if (mode === 'no-username') {
    event.response.emailMessage = `Your password is ${codeParameter}.`;
    return event;
  }
  event.response.emailSubject = 'Welcome aboard';
  event.response.emailMessage = `${event.triggerSource}: sign in as ${usernameParameter ?? '-'} with ${codeParameter}.`;
  event.response.smsMessage = `${usernameParameter ?? '-'} / ${codeParameter}`;
  return event;
};

/**
 * A pre sign-up function whose behaviour the caller picks with ClientMetadata `mode`:
 * `confirm` (auto-confirm and verify the email), `reject` (throws), `hang` (never answers), `nothing`
 * (returns undefined), `bad` (a non-boolean autoConfirmUser); anything else returns the event unchanged.
 */
interface PreSignUpEvent {
  triggerSource: string;
  request: { userAttributes: Record<string, string>; validationData: Record<string, string> | null; clientMetadata?: Record<string, string> };
  response: { autoConfirmUser: boolean; autoVerifyEmail: boolean; autoVerifyPhone: boolean };
}

export const handler = async (event: PreSignUpEvent) => {
  const mode = event.request.clientMetadata?.mode;
  if (mode === 'reject') throw new Error('Registration from this domain is not allowed.');
  if (mode === 'hang') return new Promise(() => {});
  if (mode === 'nothing') return undefined;
  if (mode === 'bad') return { ...event, response: { ...event.response, autoConfirmUser: 'yes' } };
  if (mode === 'confirm') {
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = true;
  }
  return event;
};

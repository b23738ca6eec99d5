/**
 * A user migration function over a small "legacy directory", shaped as the developer guide's example:
 * at sign-in it checks the password (throws `Bad password` when wrong), at forgot-password it only looks the
 * user up; a name it does not know comes back without attributes. Some legacy users answer oddly on purpose.
 */
interface MigrationEvent {
  triggerSource: string;
  userName: string;
  request: { password?: string; validationData?: Record<string, string> | null; clientMetadata?: Record<string, string> | null };
  response: Record<string, unknown>;
}

const legacy: Record<string, { password: string; email: string; response?: Record<string, unknown> }> = {
  lee: { password: 'Legacy-pass-1!', email: 'lee@example.com' },
  'mia@example.com': { password: 'Legacy-pass-5!', email: 'mia@example.com' },
  'reset-rita': { password: 'Legacy-pass-2!', email: 'rita@example.com', response: { finalUserStatus: 'RESET_REQUIRED' } },
  'odd-otto': { password: 'Legacy-pass-3!', email: 'otto@example.com', response: { finalUserStatus: 'ACTIVE' } },
  'schema-sam': { password: 'Legacy-pass-4!', email: 'sam@example.com', response: { userAttributes: { email: 'sam@example.com', 'custom:tier': 'gold' } } },
};

export const handler = async (event: MigrationEvent) => {
  const user = legacy[event.userName];
  if (!user) return event;
  if (event.triggerSource === 'UserMigration_Authentication' && event.request.password !== user.password) throw new Error('Bad password');
  event.response.userAttributes = { email: user.email, email_verified: 'true' };
  event.response.messageAction = 'SUPPRESS';
  if (event.triggerSource === 'UserMigration_Authentication') event.response.finalUserStatus = 'CONFIRMED';
  Object.assign(event.response, user.response);
  return event;
};

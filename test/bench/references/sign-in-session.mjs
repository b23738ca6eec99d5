// What the reference servers put in a sign-in, as mock-idp does: a session (its origin_jti, event_id and
// auth_time, shared by the sign-in's tokens) and the refresh token's contents for it.
import { randomUUID } from 'node:crypto';

export const newSession = () => ({ originJti: randomUUID(), eventId: randomUUID(), authTime: Math.floor(Date.now() / 1000) });

/** The contents of a refresh token for `session`, as mock-idp's (30 days). */
export const refreshContents = (session, clientId) => ({
  pool: 'us-east-1_LocalPool',
  client: clientId,
  username: 'alice',
  originJti: session.originJti,
  authTime: session.authTime,
  jti: randomUUID(),
  iat: session.authTime,
  exp: session.authTime + 30 * 86_400,
});

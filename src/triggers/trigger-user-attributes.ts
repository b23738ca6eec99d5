import type { UserRecord } from '../config/types.js';

/**
 * A user's attributes as trigger events carry them (`request.userAttributes`): `sub`, every attribute as a
 * string, and `cognito:user_status` (the developer guide's sample events, e.g.
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html).
 */
export function triggerUserAttributes(user: Pick<UserRecord, 'sub' | 'attributes' | 'status'>): Record<string, string> {
  return { sub: user.sub, ...user.attributes, 'cognito:user_status': user.status };
}

import type { Directory, Pool } from '../directory/directory.js';
import { validationError } from '../routes/cognito-api/input.js';
import { CognitoError } from './errors.js';
import { poolIdOfArn } from './pool-description.js';
import { tagProblems } from './pool-settings.js';

/** Cognito's limit on a pool's tags. */
export const maxTags = 50;

/**
 * The pool a tagging call's `ResourceArn` names (`arn:aws:cognito-idp:{region}:{account}:userpool/{id}`):
 * InvalidParameterException for an ARN of another form, ResourceNotFoundException for an unknown pool.
 */
export function poolOfArn(directory: Directory, arn: string): Pool {
  if (arn.length < 20 || arn.length > 2048) {
    throw validationError([
      `Value '${arn.slice(0, 60)}' at 'resourceArn' failed to satisfy constraint: Member must have length ${arn.length < 20 ? 'greater than or equal to 20' : 'less than or equal to 2048'}`,
    ]);
  }
  const id = poolIdOfArn(arn);
  if (id === undefined) throw new CognitoError('InvalidParameterException', `${arn.slice(0, 200)} is not a user pool ARN (arn:aws:cognito-idp:<region>:<account>:userpool/<id>).`);
  const pool = directory.pools().find((p) => p.id === id);
  if (!pool) throw new CognitoError('ResourceNotFoundException', `User pool ${id} does not exist.`);
  return pool;
}

/** Checks tags to add (keys 1–128, values 0–256) and that the pool would hold at most 50. */
export function checkTags(pool: Pool, tags: Record<string, string>): void {
  const problems = Object.entries(tags).flatMap(([key, value]) => tagProblems(key, value, 'tags'));
  if (problems.length) throw validationError(problems);
  const total = new Set([...Object.keys(pool.settings.UserPoolTags), ...Object.keys(tags)]).size;
  if (total > maxTags) throw new CognitoError('InvalidParameterException', `A user pool can have at most ${maxTags} tags (this would make ${total}).`);
}

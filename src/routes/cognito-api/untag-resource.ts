import { poolOfArn } from '../../cognito/pool-tags.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `UntagResource`: removes the tags `TagKeys` names from the user pool (keys it does not have are ignored). */
export const untagResource =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const { ResourceArn, TagKeys } = readInput(body, { ResourceArn: 'string', TagKeys: 'stringList' });
    const pool = poolOfArn(directory, ResourceArn);
    pool.settings.UserPoolTags = Object.fromEntries(Object.entries(pool.settings.UserPoolTags).filter(([key]) => !TagKeys.includes(key)));
    return {};
  };

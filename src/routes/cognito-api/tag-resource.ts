import { checkTags, poolOfArn } from '../../cognito/pool-tags.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `TagResource`: adds or replaces tags of the user pool `ResourceArn` names (its `UserPoolTags`). */
export const tagResource =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const { ResourceArn, Tags } = readInput(body, { ResourceArn: 'string', Tags: 'stringMap' });
    const pool = poolOfArn(directory, ResourceArn);
    checkTags(pool, Tags);
    pool.settings.UserPoolTags = { ...pool.settings.UserPoolTags, ...Tags };
    return {};
  };

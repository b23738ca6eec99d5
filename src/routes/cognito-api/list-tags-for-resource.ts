import { poolOfArn } from '../../cognito/pool-tags.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `ListTagsForResource`: the user pool's tags (`UserPoolTags`). */
export const listTagsForResource =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const { ResourceArn } = readInput(body, { ResourceArn: 'string' });
    return { Tags: { ...poolOfArn(directory, ResourceArn).settings.UserPoolTags } };
  };

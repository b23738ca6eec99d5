import { poolById } from '../../cognito/lookups.js';
import { poolMfaDescription } from '../../cognito/mfa.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';

/** `GetUserPoolMfaConfig`: the pool's MfaConfiguration and MFA types (SoftwareTokenMfaConfiguration always, the others when set). */
export const getUserPoolMfaConfig =
  ({ directory }: Pick<CognitoApiDeps, 'directory'>): Handler =>
  async (body) => {
    const input = readInput(body, { UserPoolId: 'string' });
    return poolMfaDescription(poolById(directory, input.UserPoolId));
  };

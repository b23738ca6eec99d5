import { clientOfPool } from '../../cognito/lookups.js';
import { checkExplicitAuthFlow } from '../../cognito/client-settings.js';
import { checkAuthFlow } from './auth-flows.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refreshTokenAuth } from './refresh-flow.js';
import { passwordSignIn, type AuthResponse } from './sign-in-outcome.js';
import { startSrp } from './srp-flow.js';
import { startUserAuth } from './user-auth-flow.js';

/**
 * `AdminInitiateAuth`: ADMIN_USER_PASSWORD_AUTH (and its old name
 * ADMIN_NO_SRP_AUTH), USER_SRP_AUTH, USER_AUTH and REFRESH_TOKEN_AUTH / REFRESH_TOKEN, for
 * a client of the named pool.
 */
export const adminInitiateAuth =
  (deps: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'challenges' | 'srp' | 'codes'>): Handler =>
  async (body, context): Promise<AuthResponse> => {
    const input = readInput(body, { UserPoolId: 'string', ClientId: 'string', AuthFlow: 'string', AuthParameters: 'stringMap?', ClientMetadata: 'stringMap?', Session: 'string?' });
    checkAuthFlow(input.AuthFlow, ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_SRP_AUTH', 'USER_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']);
    const target = clientOfPool(deps.directory, input.UserPoolId, input.ClientId);
    checkExplicitAuthFlow(target.client, input.AuthFlow);
    switch (input.AuthFlow) {
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        return passwordSignIn(deps, target, input.AuthParameters, context);
      case 'USER_SRP_AUTH':
        return startSrp(deps, target, input.AuthParameters);
      case 'USER_AUTH':
        return startUserAuth(deps, target, input.AuthParameters, context, input.Session);
      default:
        return refreshTokenAuth(deps, target.client, input.AuthParameters);
    }
  };

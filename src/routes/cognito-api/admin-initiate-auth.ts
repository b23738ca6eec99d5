import { clientOfPool } from '../../cognito/lookups.js';
import { checkExplicitAuthFlow } from '../../cognito/client-settings.js';
import { checkAuthFlow } from './auth-flows.js';
import { readInput } from './input.js';
import type { CognitoApiDeps, Handler } from './operation.js';
import { refreshTokenAuth } from './refresh-flow.js';
import { passwordSignIn, type AuthResponse } from './sign-in-outcome.js';
import { startCustomAuth } from './custom-auth-flow.js';
import { beginSrp } from './srp-flow.js';
import { startUserAuth } from './user-auth-flow.js';

/**
 * `AdminInitiateAuth`: ADMIN_USER_PASSWORD_AUTH (and its old name
 * ADMIN_NO_SRP_AUTH), USER_SRP_AUTH, USER_AUTH, CUSTOM_AUTH and REFRESH_TOKEN_AUTH / REFRESH_TOKEN, for
 * a client of the named pool.
 */
export const adminInitiateAuth =
  (deps: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'challenges' | 'srp' | 'codes' | 'triggers' | 'dates'>): Handler =>
  async (body, context): Promise<AuthResponse> => {
    const input = readInput(body, { UserPoolId: 'string', ClientId: 'string', AuthFlow: 'string', AuthParameters: 'stringMap?', ClientMetadata: 'stringMap?', Session: 'string?' });
    checkAuthFlow(input.AuthFlow, ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'USER_SRP_AUTH', 'USER_AUTH', 'CUSTOM_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']);
    const target = clientOfPool(deps.directory, input.UserPoolId, input.ClientId);
    checkExplicitAuthFlow(target.client, input.AuthFlow);
    switch (input.AuthFlow) {
      case 'ADMIN_USER_PASSWORD_AUTH':
      case 'ADMIN_NO_SRP_AUTH':
        return passwordSignIn(deps, target, input.AuthParameters, context, input.ClientMetadata);
      case 'USER_SRP_AUTH':
        return beginSrp(deps, target, input.AuthParameters, context, input.ClientMetadata);
      case 'USER_AUTH':
        return startUserAuth(deps, target, input.AuthParameters, context, input.Session, input.ClientMetadata);
      case 'CUSTOM_AUTH':
        return startCustomAuth(deps, target, input.AuthParameters, context, input.ClientMetadata);
      default:
        return refreshTokenAuth(deps, target.client, input.AuthParameters, context);
    }
  };

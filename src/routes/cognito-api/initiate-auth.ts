import { clientById } from '../../cognito/lookups.js';
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
 * `InitiateAuth`: USER_PASSWORD_AUTH (tokens, or a NEW_PASSWORD_REQUIRED
 * challenge), USER_SRP_AUTH (the PASSWORD_VERIFIER challenge), USER_AUTH (choice-based
 * sign-in: SELECT_CHALLENGE or the preferred challenge), CUSTOM_AUTH (the challenge Lambda triggers) and
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN (new ID and access tokens).
 */
export const initiateAuth =
  (deps: Pick<CognitoApiDeps, 'directory' | 'signIns' | 'challenges' | 'srp' | 'codes' | 'triggers' | 'dates'>): Handler =>
  async (body, context): Promise<AuthResponse> => {
    const input = readInput(body, { AuthFlow: 'string', ClientId: 'string', AuthParameters: 'stringMap?', ClientMetadata: 'stringMap?', Session: 'string?' });
    checkAuthFlow(input.AuthFlow, ['USER_PASSWORD_AUTH', 'USER_SRP_AUTH', 'USER_AUTH', 'CUSTOM_AUTH', 'REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN']);
    const target = clientById(deps.directory, input.ClientId);
    checkExplicitAuthFlow(target.client, input.AuthFlow);
    switch (input.AuthFlow) {
      case 'USER_PASSWORD_AUTH':
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

import { clientOfPool } from '../../cognito/lookups.js';
import { readInput } from './input.js';
import type { Handler } from './operation.js';
import { answerChallenge, challengeSpec, type ChallengeDeps } from './respond-to-auth-challenge.js';

/** `AdminRespondToAuthChallenge`: RespondToAuthChallenge for a client of the named pool. */
export const adminRespondToAuthChallenge =
  (deps: ChallengeDeps): Handler =>
  async (body, context) => {
    const input = readInput(body, { ...challengeSpec, UserPoolId: 'string' });
    return answerChallenge(deps, clientOfPool(deps.directory, input.UserPoolId, input.ClientId), input, context);
  };

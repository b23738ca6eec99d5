import type { UserRecord } from '../config/types.js';
import type { Client, Pool } from '../directory/directory.js';
import type { TokenOverrides } from '../tokens/token-overrides.js';
import { eventVersion, preTokenInitialResponse, preTokenRequest, readPreTokenResponse, type TokenGenerationSource } from './pre-token-generation.js';
import type { Triggers } from './triggers.js';

/** What Cognito knows when it is about to issue tokens. */
export interface PreTokenInput {
  pool: Pool;
  client: Client;
  /** Absent for machine (client credentials) tokens. */
  user?: UserRecord | undefined;
  source: TokenGenerationSource;
  /** The access token's scopes. */
  scopes: readonly string[];
  clientMetadata?: Record<string, string> | undefined;
  awsSdkVersion?: string | undefined;
}

/**
 * Runs the pool's pre token generation function (when it has one that applies to `source`) and
 * gives back its changes to the tokens; undefined when no function ran. Throws the CognitoError
 * the caller gets when the function fails.
 */
export type PreTokenGeneration = (input: PreTokenInput) => Promise<TokenOverrides | undefined>;

/**
 * The pre token generation step over the pool's trigger functions: V1_0 and V2_0 functions run for user
 * tokens, V3_0 ones for machine (client credentials) tokens too. The function's response is read with
 * {@link readPreTokenResponse}; a response Cognito cannot use fails the sign-in (InvalidLambdaResponseException).
 *
 * @example
 * const signIns = new SignIns({ minter, directory, clock, urls, keyRing, preTokenGeneration: preTokenGeneration(triggers) });
 */
export function preTokenGeneration(triggers: Triggers): PreTokenGeneration {
  return async (input) => {
    const fn = triggers.functionOf(input.pool, 'PreTokenGeneration');
    if (!fn) return undefined;
    const version = fn.lambdaVersion ?? 'V1_0';
    if (input.source === 'TokenGeneration_ClientCredentials' && version !== 'V3_0') return undefined;
    let overrides: TokenOverrides = {};
    await triggers.run({
      pool: input.pool,
      trigger: 'PreTokenGeneration',
      triggerSource: input.source,
      // A machine token has no user: the event names the app client.
      userName: input.user?.username ?? input.client.id,
      clientId: input.client.id,
      awsSdkVersion: input.awsSdkVersion,
      version: eventVersion[version],
      request: preTokenRequest(version, input),
      response: preTokenInitialResponse(version),
      check: (response) => {
        overrides = readPreTokenResponse(version, response);
      },
    });
    return overrides;
  };
}

import type { UserRecord } from '../../config/types.js';
import type { ChallengeResult } from '../../cognito/challenge-sessions.js';
import { userExistenceError } from '../../cognito/client-settings.js';
import { CognitoError } from '../../cognito/errors.js';
import { checkSecretHash } from '../../cognito/secret-hash.js';
import { base64ToBigint, bigintToBase64, claimSignature, N, parseTimestamp, passwordKey, poolName, sameSignature, serverEphemeral } from '../../cognito/srp.js';
import { runPreAuthentication } from '../../triggers/authentication.js';
import { requiredParameter } from './input.js';
import type { CognitoApiDeps, OperationContext } from './operation.js';
import { afterPassword, incorrect, type AuthResponse, type SignInTarget } from './sign-in-outcome.js';

/** How far a PASSWORD_VERIFIER `TIMESTAMP` may be from the server's clock (Cognito's own window is not documented). */
export const timestampToleranceSeconds = 300;

/**
 * USER_SRP_AUTH, step 1: the PASSWORD_VERIFIER challenge. An unknown user gets
 * a challenge that looks the same and always fails (PreventUserExistenceErrors ENABLED),
 * or UserNotFoundException (LEGACY).
 */
export function startSrp(
  { directory, srp, challenges }: Pick<CognitoApiDeps, 'directory' | 'srp' | 'challenges'>,
  { pool, client }: SignInTarget,
  params: Record<string, string> | undefined,
  customAuth?: ChallengeResult[],
): AuthResponse {
  const username = requiredParameter(params, 'USERNAME');
  const srpA = requiredParameter(params, 'SRP_A');
  checkSrpA(srpA);
  const user = directory.findUser(pool, username);
  checkSecretHash(client, user ? [username, user.username] : [username], params?.SECRET_HASH);
  const unknown = user ? undefined : userExistenceError(client);
  if (unknown) throw unknown;
  const userIdForSrp = user?.username ?? username;
  const { salt, v } = user ? srp.of(pool.id, user) : srp.phantom();
  const { b, B } = serverEphemeral(v);
  const secretBlock = challenges.seal({
    kind: 'srp',
    pool: pool.id,
    client: client.id,
    username: userIdForSrp,
    known: Boolean(user),
    A: bigintToBase64(BigInt(`0x${srpA}`)),
    B: bigintToBase64(B),
    b: bigintToBase64(b),
    ...(customAuth ? { customAuth } : {}),
  });
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: { SALT: salt, SECRET_BLOCK: secretBlock, SRP_B: B.toString(16), USERNAME: userIdForSrp, USER_ID_FOR_SRP: userIdForSrp },
  };
}

/**
 * InitiateAuth / AdminInitiateAuth USER_SRP_AUTH: {@link startSrp}, then, for a user the pool has, the pre
 * authentication function (with the request's ClientMetadata as its validationData) before the challenge is
 * answered.
 */
export async function beginSrp(
  deps: Pick<CognitoApiDeps, 'directory' | 'srp' | 'challenges' | 'triggers'>,
  target: SignInTarget,
  params: Record<string, string> | undefined,
  context: OperationContext,
  clientMetadata?: Record<string, string>,
): Promise<AuthResponse> {
  const answer = startSrp(deps, target, params);
  const user = deps.directory.findUser(target.pool, requiredParameter(params, 'USERNAME'));
  if (user) await runPreAuthentication(deps.triggers, { pool: target.pool, user, clientId: target.client.id, awsSdkVersion: context.awsSdkVersion, validationData: clientMetadata });
  return answer;
}

/** Refuses an `SRP_A` that is not hex, or is 0 mod N (the SRP-6a check). */
export function checkSrpA(srpA: string): void {
  if (!/^[0-9a-fA-F]{1,1024}$/.test(srpA) || BigInt(`0x${srpA}`) % N === 0n) {
    throw new CognitoError('InvalidParameterException', 'SRP_A is not a valid SRP value');
  }
}

/**
 * USER_SRP_AUTH, step 2: checks PASSWORD_CLAIM_SIGNATURE over the single-use
 * SECRET_BLOCK and a TIMESTAMP within {@link timestampToleranceSeconds}.
 */
export async function verifySrp(
  deps: Pick<CognitoApiDeps, 'directory' | 'srp' | 'challenges' | 'signIns' | 'clock' | 'codes' | 'triggers'>,
  { pool, client }: SignInTarget,
  responses: Record<string, string> | undefined,
  context: OperationContext,
  customAuth?: (user: UserRecord, rounds: ChallengeResult[]) => Promise<AuthResponse>,
): Promise<AuthResponse> {
  const username = requiredParameter(responses, 'USERNAME');
  const secretBlock = requiredParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = requiredParameter(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = requiredParameter(responses, 'TIMESTAMP');
  const challenge = deps.challenges.open('srp', secretBlock);
  deps.challenges.consume(challenge);
  if (challenge.pool !== pool.id || challenge.client !== client.id) throw incorrect();
  checkSecretHash(client, [username, challenge.username], responses?.SECRET_HASH);

  const at = parseTimestamp(timestamp);
  if (at === null) throw new CognitoError('InvalidParameterException', `TIMESTAMP must have the form "Tue Jan 2 03:04:05 UTC 2024" (got "${timestamp.slice(0, 40)}")`);
  if (Math.abs(at - deps.clock.now()) > timestampToleranceSeconds * 1000) {
    throw new CognitoError('NotAuthorizedException', `TIMESTAMP ${timestamp} is more than ${timestampToleranceSeconds} seconds from the server's time`);
  }

  const user = challenge.known ? deps.directory.findUser(pool, challenge.username) : undefined;
  if (!user || username !== challenge.username) throw incorrect();
  const key = passwordKey({ A: base64ToBigint(challenge.A), B: base64ToBigint(challenge.B), b: base64ToBigint(challenge.b), v: deps.srp.of(pool.id, user).v });
  if (!key || !sameSignature(claimSignature(key, poolName(pool.id), username, secretBlock, timestamp), signature)) throw incorrect();
  // A step of CUSTOM_AUTH: DefineAuthChallenge says what follows the password.
  if (challenge.customAuth) {
    if (!customAuth) throw incorrect();
    return customAuth(user, challenge.customAuth);
  }
  return afterPassword(deps, { pool, client }, user, context);
}

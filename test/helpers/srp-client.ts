import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { claimSignature, formatTimestamp, g, hexHash, modPow, N, padHex, poolName } from '../../src/cognito/srp.js';

const k = BigInt(`0x${hexHash(padHex(N) + padHex(g))}`);

/**
 * The client side of USER_SRP_AUTH, the way amazon-cognito-identity-js computes it
 * (`src/AuthenticationHelper.js`), for tests that drive the
 * PASSWORD_VERIFIER step through the AWS SDK.
 */
export function srpClient(poolId: string) {
  const a = BigInt(`0x${randomBytes(128).toString('hex')}`);
  const A = modPow(g, a, N);
  return {
    SRP_A: A.toString(16),
    /** ChallengeResponses for the PASSWORD_VERIFIER challenge. */
    answer(params: Record<string, string>, password: string, timestamp = formatTimestamp(Date.now())): Record<string, string> {
      const user = params.USER_ID_FOR_SRP!;
      const B = BigInt(`0x${params.SRP_B}`);
      const u = BigInt(`0x${hexHash(padHex(A) + padHex(B))}`);
      const inner = createHash('sha256')
        .update(`${poolName(poolId)}${user}:${password}`)
        .digest('hex');
      const x = BigInt(`0x${hexHash(padHex(BigInt(`0x${params.SALT}`)) + inner)}`);
      const base = (((B - k * modPow(g, x, N)) % N) + N) % N;
      const S = modPow(base, a + u * x, N);
      const key = Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
      return {
        USERNAME: user,
        PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: claimSignature(key, poolName(poolId), user, params.SECRET_BLOCK!, timestamp),
      };
    },
  };
}

/**
 * Verifications per second, in this process: bare jose `jwtVerify` and bare
 * node:crypto (the ceilings), and mock-idp/verifier with a warm JWKS cache, on
 * one repeated token and on distinct tokens (more than its cache of verified
 * signatures holds, so each one is checked by jose).
 */
import { createPublicKey, verify } from 'node:crypto';
import { importJWK, jwtVerify, type CryptoKey, type JWK } from 'jose';
// What users import (the build, as `mock-idp` and `mock-idp/verifier` resolve), not the sources through tsx's transform.
import { startMockIdp, type MockIdp } from '../../dist/index.js';
import { createVerifier, type Verifier } from '../../dist/verifier/index.js';

/** Tokens in the distinct-tokens rows. */
export const distinctTokens = 4096;
/** Verifications in flight in the "in flight" rows. */
export const inFlight = 8;

export type VerificationRow =
  | 'jose, sequential'
  | `jose, ${typeof inFlight} in flight`
  | 'node:crypto, sequential'
  | 'verifier, repeated token, sequential'
  | `verifier, repeated token, ${typeof inFlight} in flight`
  | 'verifier, distinct tokens, sequential'
  | `verifier, distinct tokens, ${typeof inFlight} in flight`;

/** A started mock-idp with its tokens, reused across rounds. */
export interface VerificationSetup {
  idp: MockIdp;
  tokens: string[];
  verifier: () => Verifier;
  joseKey: CryptoKey;
  nodeKey: ReturnType<typeof createPublicKey>;
  issuer: string;
}

const clientId = '1vngm1viu6qqksk0qckq8aag7p';

export async function setUpVerification(): Promise<VerificationSetup> {
  const idp = await startMockIdp({
    config: { keys: { seedFile: new URL('../../fixtures/keys/local-pools.test-only.json', import.meta.url).pathname }, appServices: { store: 'memory' } },
  });
  const tokens: string[] = [];
  for (let i = 0; i < distinctTokens; i += 64) {
    const batch = await Promise.all(Array.from({ length: 64 }, () => idp.mint({ user: 'alice', tokenUse: 'access' })));
    tokens.push(...batch.map((m) => m.token));
  }
  const kid = JSON.parse(Buffer.from(tokens[0]!.split('.')[0]!, 'base64url').toString()) as { kid: string };
  const jwks = (await (await fetch(idp.jwksUri())).json()) as { keys: JWK[] };
  const jwk = jwks.keys.find((k) => k.kid === kid.kid)!;
  return {
    idp,
    tokens,
    verifier: () => createVerifier({ issuer: idp.issuer(), jwksUri: idp.jwksUri(), clientId, tokenUse: 'access' }),
    joseKey: (await importJWK(jwk, 'RS256')) as CryptoKey,
    nodeKey: createPublicKey({ key: jwk as never, format: 'jwk' }),
    issuer: idp.issuer(),
  };
}

/** One round: every row for `seconds` each. */
export async function measureVerification(setup: VerificationSetup, seconds: number): Promise<Record<VerificationRow, number>> {
  const { tokens, joseKey, nodeKey, issuer } = setup;
  const cycle = () => {
    let i = 0;
    return () => tokens[i++ % tokens.length]!;
  };
  const jose = (next: () => string) => () => jwtVerify(next(), joseKey, { issuer, algorithms: ['RS256'] });
  const node = (next: () => string) => async () => nodeVerify(next(), nodeKey);
  // A new verifier per row, warmed with one verification, so no row inherits another's cache.
  const warmVerifier = async () => {
    const verifier = setup.verifier();
    await verifier.verify(tokens[0]!);
    return verifier;
  };
  const repeated = await warmVerifier();
  const distinctSequential = await warmVerifier();
  const distinctInFlight = await warmVerifier();
  const nextA = cycle();
  const nextB = cycle();
  return {
    'jose, sequential': await rate(jose(cycle()), 1, seconds),
    [`jose, ${inFlight} in flight`]: await rate(jose(cycle()), inFlight, seconds),
    'node:crypto, sequential': await rate(node(cycle()), 1, seconds),
    'verifier, repeated token, sequential': await rate(() => repeated.verify(tokens[0]!), 1, seconds),
    [`verifier, repeated token, ${inFlight} in flight`]: await rate(() => repeated.verify(tokens[0]!), inFlight, seconds),
    'verifier, distinct tokens, sequential': await rate(() => distinctSequential.verify(nextA()), 1, seconds),
    [`verifier, distinct tokens, ${inFlight} in flight`]: await rate(() => distinctInFlight.verify(nextB()), inFlight, seconds),
  };
}

/** The least a bare verifier does: the RS256 signature with node:crypto (synchronous), then the payload parsed and `exp` read. */
function nodeVerify(token: string, key: ReturnType<typeof createPublicKey>): unknown {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  if (!verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) throw new Error('bad signature');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number };
  if (claims.exp * 1000 < Date.now()) throw new Error('expired');
  return claims;
}

/** Operations per second of `fn`, with `parallel` loops awaiting it, for `seconds`. */
async function rate(fn: () => Promise<unknown>, parallel: number, seconds: number): Promise<number> {
  let done = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (performance.now() < until) {
        await fn();
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * Verifications per second, in this process: mock-idp/verifier with a warm
 * JWKS cache beside its peers, aws-jwt-verify and fast-jwt (each with its keys
 * loaded before the measurement), a bare node:crypto verification (the
 * ceiling: the RS256 check on a KeyObject imported once, the payload parsed,
 * `exp` read) and jose's jwtVerify. Four modes: one repeated token or distinct
 * tokens (more than the verifier's memory of verified signatures holds, so
 * each one's signature is checked), one at a time or 8 in flight. Within a
 * mode the subjects take turns in short windows, so that a neighbour's load on
 * a shared machine falls on all of them alike.
 */
import { createPublicKey, verify } from 'node:crypto';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { createVerifier as createFastJwtVerifier } from 'fast-jwt';
import { importJWK, jwtVerify, type CryptoKey, type JWK } from 'jose';
// What users import (the build, as `mock-idp` and `mock-idp/verifier` resolve), not the sources through tsx's transform.
import { startMockIdp, type MockIdp } from '../../dist/index.js';
import { createVerifier, type Verifier } from '../../dist/verifier/index.js';

/** Tokens in the distinct-tokens rows. */
export const distinctTokens = 4096;
/** Verifications in flight in the "in flight" rows. */
export const inFlight = 8;
/** Windows per mode: each subject runs `seconds / windows` at a time, in turn. */
const windows = 10;

export const verificationSubjects = ['verifier', 'aws-jwt-verify', 'fast-jwt', 'node:crypto', 'jose'] as const;
export type VerificationSubject = (typeof verificationSubjects)[number];
export const verificationModes = ['repeated token, sequential', `repeated token, ${inFlight} in flight`, 'distinct tokens, sequential', `distinct tokens, ${inFlight} in flight`] as const;
export type VerificationMode = (typeof verificationModes)[number];
/** `subject|mode`. */
export type VerificationRow = `${VerificationSubject}|${VerificationMode}`;

/** A started mock-idp with its tokens, reused across rounds. */
export interface VerificationSetup {
  idp: MockIdp;
  tokens: string[];
  verifier: () => Verifier;
  jwks: { keys: JWK[] };
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
    jwks,
    joseKey: (await importJWK(jwk, 'RS256')) as CryptoKey,
    nodeKey: createPublicKey({ key: jwk as never, format: 'jwk' }),
    issuer: idp.issuer(),
  };
}

type Verify = (token: string) => Promise<unknown>;

/**
 * Each subject's verify function for one mode, made anew (no mode inherits another's caches) and warmed with
 * one verification. Each checks what mock-idp/verifier checks of an access token: RS256 only, the key by kid,
 * the signature, `iss`, `exp`, `token_use` and `client_id`.
 */
async function subjectsFor(setup: VerificationSetup, repeated: boolean): Promise<Record<VerificationSubject, Verify>> {
  const { tokens, jwks, joseKey, nodeKey, issuer } = setup;
  const verifier = setup.verifier();
  const aws = JwtRsaVerifier.create({
    issuer,
    audience: null,
    jwksUri: setup.idp.jwksUri(),
    customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: 'access', clientId }),
  });
  aws.cacheJwks(jwks as never);
  // fast-jwt at its fastest: one verifier per kid, each made with its key (so the key is imported once; with a
  // `key` callback, as a JWKS client plugs in, fast-jwt imports the key anew for every token, ~20× slower), its
  // cache of verified tokens on for the repeated token (where it is fastest), off for distinct tokens (where it only costs).
  const fastJwt = new Map(
    jwks.keys.map((k) => [
      k.kid!,
      createFastJwtVerifier({
        key: createPublicKey({ key: k as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string,
        algorithms: ['RS256'],
        allowedIss: issuer,
        cache: repeated,
      }),
    ]),
  );
  const subjects: Record<VerificationSubject, Verify> = {
    verifier: (token) => verifier.verify(token),
    'aws-jwt-verify': (token) => aws.verify(token),
    'fast-jwt': async (token) => {
      const { kid } = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString()) as { kid: string };
      const payload = fastJwt.get(kid)!(token) as { token_use?: unknown; client_id?: unknown };
      if (payload.token_use !== 'access' || payload.client_id !== clientId) throw new Error('not an access token of the client');
      return payload;
    },
    'node:crypto': async (token) => nodeVerify(token, nodeKey, issuer),
    jose: (token) => jwtVerify(token, joseKey, { issuer, algorithms: ['RS256'] }),
  };
  for (const verify of Object.values(subjects)) await verify(tokens[0]!);
  return subjects;
}

/**
 * One round: every mode, and within it every subject in turn for `seconds / windows` at a time (the order
 * rotated each window), `seconds` in all per subject and mode.
 */
export async function measureVerification(setup: VerificationSetup, seconds: number): Promise<Record<VerificationRow, number>> {
  const { tokens } = setup;
  const rows = {} as Record<VerificationRow, number>;
  for (const mode of verificationModes) {
    const repeated = mode.startsWith('repeated');
    const parallel = mode.endsWith('in flight') ? inFlight : 1;
    const subjects = await subjectsFor(setup, repeated);
    const totals = new Map<VerificationSubject, { done: number; ms: number }>(verificationSubjects.map((s) => [s, { done: 0, ms: 0 }]));
    // Each subject walks the tokens from its own place, so none verifies a token another just warmed.
    const cursors = new Map(verificationSubjects.map((s, i) => [s, Math.floor((i * tokens.length) / verificationSubjects.length)]));
    for (let w = 0; w < windows; w++) {
      const order = verificationSubjects.map((_, i) => verificationSubjects[(i + w) % verificationSubjects.length]!);
      for (const subject of order) {
        const verify = subjects[subject];
        let cursor = cursors.get(subject)!;
        const next = repeated ? () => tokens[0]! : () => tokens[cursor++ % tokens.length]!;
        const result = await run(() => verify(next()), parallel, seconds / windows);
        cursors.set(subject, cursor);
        const total = totals.get(subject)!;
        total.done += result.done;
        total.ms += result.ms;
      }
    }
    for (const [subject, { done, ms }] of totals) rows[`${subject}|${mode}`] = done / (ms / 1000);
  }
  return rows;
}

/**
 * The least a verifier does: the RS256 signature with node:crypto (synchronous, on a KeyObject imported once),
 * then the payload parsed, and `iss`, `exp`, `token_use` and `client_id` read.
 */
function nodeVerify(token: string, key: ReturnType<typeof createPublicKey>, issuer: string): unknown {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  if (!verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'))) throw new Error('bad signature');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss: string; exp: number; token_use: string; client_id: string };
  if (claims.iss !== issuer || claims.exp * 1000 < Date.now() || claims.token_use !== 'access' || claims.client_id !== clientId) throw new Error('claims');
  return claims;
}

/** Operations done by `parallel` loops awaiting `fn` for `seconds`, and the milliseconds they took. */
async function run(fn: () => Promise<unknown>, parallel: number, seconds: number): Promise<{ done: number; ms: number }> {
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
  return { done, ms: performance.now() - started };
}

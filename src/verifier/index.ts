/**
 * `mock-idp/verifier`: verify Cognito JWTs correctly by default. It has no
 * dependency on the mock-idp server and works against real Cognito.
 *
 * @example
 * import { createVerifier, VerificationError } from 'mock-idp/verifier';
 *
 * const verifier = createVerifier({
 *   issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123',
 *   clientId: '1example23456789',
 *   tokenUse: 'access',
 * });
 * const claims = await verifier.verify(token);
 *
 * @packageDocumentation
 */
export { verificationChecks, type VerificationCheck } from './checks.js';
export type { VerifiedClaims } from './claims.js';
export { VerificationError, verificationErrorCodes, type Verdict, type VerificationErrorCode } from './errors.js';
export { JwksCache, jwksCacheDefaults, type JwksCacheCounters, type JwksCacheOptions } from './jwks-cache.js';
export type { KeySource } from './key-source.js';
export { LocalKeySource } from './local-key-source.js';
export { verifierDefaults, type KeySourceVerifierOptions, type TokenUse, type VerifierOptions } from './options.js';
export { createVerifier, type Verifier } from './verifier.js';

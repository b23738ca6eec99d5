import type { TokenUse } from '../config/types.js';
import type { ScenarioInfo, Signer } from '../page/wire.js';
import type { Verdict, VerificationErrorCode } from '../verifier/errors.js';

export type { Signer } from '../page/wire.js';

/** A token before it is signed. Scenarios return a changed copy; they never mutate. */
export interface Draft {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

export interface ScenarioContext {
  /** The server's time, epoch seconds. */
  now: number;
  ttlSeconds: number;
  tokenUse: TokenUse;
  /** An issuer of the right form for a pool that does not exist. */
  wrongIssuer: string;
  /** A client id of the right form that no pool has. */
  wrongClientId: string;
}

export interface Scenario {
  name: string;
  /** A few words for lists and buttons. */
  title: string;
  /** What the token is and why a verifier must decide as it does, for a learner. */
  explanation: string;
  /** What a developer whose verifier reaches another verdict should do. */
  advice: string;
  /** The verdict a correct verifier reaches. */
  expected: Verdict;
  signer: Signer;
  /** Mint a token of another use than the one asked for. */
  mintAs?: (asked: TokenUse) => TokenUse;
  transform?: (draft: Draft, ctx: ScenarioContext) => Draft;
  /** Serialize the payload differently (to make it unparseable). */
  payloadBytes?: (payload: Record<string, unknown>) => Uint8Array;
  /** Change the compact token after signing. */
  finish?: (token: string) => string;
}

const withPayload = (draft: Draft, changes: Record<string, unknown>, remove: string[] = []): Draft => {
  const payload = { ...draft.payload, ...changes };
  for (const claim of remove) delete payload[claim];
  return { header: { ...draft.header }, payload };
};

/**
 * The scenario table. The CLI (`mock-idp scenarios`), the control API
 * (`GET /_mock/scenarios`), the demo page, docs/reference/scenarios.md and the
 * compatibility tests all read this one list.
 */
export const scenarios: readonly Scenario[] = [
  {
    name: 'valid',
    title: 'Valid token',
    explanation:
      "A token exactly as Cognito issues it: signed with the pool's active key, the right issuer, audience (ID token) or client_id (access token), token_use, and a lifetime that includes now.",
    advice: 'If your verifier rejects this, its issuer, client id, token use or JWKS URI is misconfigured.',
    expected: { accept: true },
    signer: 'active',
  },
  {
    name: 'expired',
    title: 'Expired',
    explanation: "The token's exp is five minutes in the past (more than the usual clock tolerance). Expiry is what limits the damage of a stolen token, so every verifier must reject it.",
    advice: 'Reject expired tokens and let the client refresh. Allow a small clock tolerance (seconds, not hours).',
    expected: { accept: false, code: 'EXPIRED' },
    signer: 'active',
    transform: (d, c) => {
      const exp = c.now - 300;
      const iat = exp - c.ttlSeconds;
      return withPayload(d, { auth_time: iat, iat, exp });
    },
  },
  {
    name: 'not-yet-valid',
    title: 'Not yet valid (nbf)',
    explanation: 'The token carries nbf ("not before") one hour in the future. Cognito never sets nbf, but a verifier that sees one must not accept the token before that time.',
    advice: 'Check nbf when present, with the same clock tolerance as exp.',
    expected: { accept: false, code: 'NOT_YET_VALID' },
    signer: 'active',
    transform: (d, c) => withPayload(d, { nbf: c.now + 3600 }),
  },
  {
    name: 'issued-in-future',
    title: 'Issued in the future (iat)',
    explanation:
      "iat says the token was issued an hour from now. Either the issuer's clock is badly wrong or the token was forged; a careful verifier rejects it. Many libraries never look at iat and accept it.",
    advice: 'Reject iat later than now plus your clock tolerance, or at least log it: it points at clock skew or forgery.',
    expected: { accept: false, code: 'ISSUED_IN_FUTURE' },
    signer: 'active',
    transform: (d, c) => {
      const iat = c.now + 3600;
      return withPayload(d, { auth_time: iat, iat, exp: iat + c.ttlSeconds });
    },
  },
  {
    name: 'wrong-audience',
    title: 'Wrong audience / client_id',
    explanation:
      "A genuine token of this pool, but for another app client: the ID token's aud (or the access token's client_id) names a client that is not yours. Accepting it lets any app of the pool call your API.",
    advice: 'Check aud for ID tokens and client_id for access tokens (Cognito access tokens have no aud).',
    expected: { accept: false, code: 'WRONG_AUDIENCE' },
    signer: 'active',
    transform: (d, c) => (c.tokenUse === 'id' ? withPayload(d, { aud: c.wrongClientId }) : withPayload(d, { client_id: c.wrongClientId })),
  },
  {
    name: 'wrong-issuer',
    title: 'Wrong issuer',
    explanation:
      'The signature is valid, but iss names another user pool. A verifier that fetched keys by kid alone, without pinning the issuer, would accept tokens from any pool that shares a key source.',
    advice: "Pin iss to your pool's exact issuer string and fetch keys only from that issuer's JWKS.",
    expected: { accept: false, code: 'WRONG_ISSUER' },
    signer: 'active',
    transform: (d, c) => withPayload(d, { iss: c.wrongIssuer }),
  },
  {
    name: 'wrong-token-use',
    title: 'Wrong token use',
    explanation:
      'You asked for one kind of token and got the other: a real access token where an ID token is expected, or the reverse. Both are signed by the pool, so only token_use (and aud vs client_id) tells them apart.',
    advice: 'Check token_use: APIs take access tokens; ID tokens are for the client to learn who signed in.',
    expected: { accept: false, code: 'WRONG_TOKEN_USE' },
    signer: 'active',
    mintAs: (asked) => (asked === 'id' ? 'access' : 'id'),
  },
  {
    name: 'unknown-kid',
    title: 'Unknown kid',
    explanation:
      "Signed by a key that was never in the pool's JWKS, with that key's kid in the header. A verifier should refetch the JWKS once (the key may be new), then reject, and not refetch again for every such token.",
    advice: 'On an unknown kid, refetch the JWKS once, then reject; rate-limit refetches (a cooldown) so forged kids cannot flood the IdP.',
    expected: { accept: false, code: 'UNKNOWN_KID' },
    signer: 'unknown',
  },
  {
    name: 'missing-kid',
    title: 'Missing kid',
    explanation: 'The header has no kid. Cognito always sets one, and with two or more keys in the JWKS a verifier cannot know which to use. Trying every key is a foot-gun; reject.',
    advice: 'Require kid and select exactly one key by it.',
    expected: { accept: false, code: 'MISSING_KID' },
    signer: 'active',
    transform: (d) => {
      const { kid: _kid, ...header } = d.header;
      return { header, payload: { ...d.payload } };
    },
  },
  {
    name: 'signed-by-retiring-key',
    title: 'Signed by a retiring key',
    explanation:
      'Signed by a key that has been replaced but is still published in the JWKS, as happens for up to one token lifetime after a rotation. It is still valid: rejecting it logs users out at every rotation.',
    advice: 'Keep every key the JWKS publishes usable; refresh your cached JWKS rather than replacing it with only the newest key.',
    expected: { accept: true },
    signer: 'retiring',
  },
  {
    name: 'signed-by-retired-key',
    title: 'Signed by a retired key',
    explanation: 'Signed by a key that has left the JWKS. Its kid is unknown now, so after one refetch a verifier must reject it, even though the signature itself is mathematically correct.',
    advice: 'Do not keep keys the JWKS no longer publishes; let your key cache expire (Cache-Control) or refetch on unknown kid.',
    expected: { accept: false, code: 'UNKNOWN_KID' },
    signer: 'retired',
  },
  {
    name: 'bad-signature',
    title: 'Bad signature',
    explanation: 'A valid token whose signature was altered after signing, as tampering would leave it. The header and claims look perfect; only the signature check catches it.',
    advice: 'Never trust a token you only decoded: verify the signature with the key from the JWKS before reading any claim.',
    expected: { accept: false, code: 'BAD_SIGNATURE' },
    signer: 'active',
    finish: (token) => {
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const bytes = Buffer.from(signature, 'base64url');
      bytes[bytes.length >> 1]! ^= 0x01;
      return `${header}.${payload}.${bytes.toString('base64url')}`;
    },
  },
  {
    name: 'alg-none',
    title: 'alg: none',
    explanation: 'An unsigned token: the header says alg "none" and the signature is empty. Old libraries that honoured the header\'s alg accepted these, letting anyone write any claims.',
    advice: 'Pass an explicit algorithm allow-list (RS256 for Cognito) to your verifier; never take alg from the token.',
    expected: { accept: false, code: 'ALG_NOT_ALLOWED' },
    signer: 'none',
  },
  {
    name: 'hs256-with-public-key',
    title: 'HS256 signed with the public key',
    explanation:
      "Algorithm confusion: the header says HS256 and the token is HMAC-signed using the pool's public RSA key (which anyone can download) as the secret. A verifier that passes the JWKS key to whatever alg the header names accepts this forgery.",
    advice: 'Allow only RS256 and bind each key to its algorithm.',
    expected: { accept: false, code: 'ALG_NOT_ALLOWED' },
    signer: 'hs256-public-key',
  },
  {
    name: 'missing-sub',
    title: 'Missing sub',
    explanation: 'A correctly signed token without sub, the stable user id. Code that keys data by sub would treat the caller as "undefined". Cognito never issues one.',
    advice: 'Require sub (and every claim your code reads) after verifying.',
    expected: { accept: false, code: 'MISSING_CLAIM' },
    signer: 'active',
    transform: (d) => withPayload(d, {}, ['sub']),
  },
  {
    name: 'missing-exp',
    title: 'Missing exp',
    explanation: 'A correctly signed token with no exp: it would never expire. Several libraries only check exp when it is present, so they accept it.',
    advice: 'Require exp; a token without one is valid forever if stolen.',
    expected: { accept: false, code: 'MISSING_CLAIM' },
    signer: 'active',
    transform: (d) => withPayload(d, {}, ['exp']),
  },
  {
    name: 'malformed',
    title: 'Malformed',
    explanation: 'Three dot-separated parts with a valid signature, but the payload is not JSON (it was cut short). A verifier must reject it cleanly, not crash.',
    advice: 'Treat any parse failure as a rejection with a 401, never a 500.',
    expected: { accept: false, code: 'MALFORMED' },
    signer: 'active',
    payloadBytes: (payload) => {
      const json = JSON.stringify(payload);
      return new TextEncoder().encode(json.slice(0, Math.floor(json.length / 2)));
    },
  },
];

const byName = new Map(scenarios.map((s) => [s.name, s]));

/** The scenario with this name, or undefined. */
export function findScenario(name: string): Scenario | undefined {
  return byName.get(name);
}

/** What the control API and the CLI show of a scenario (no functions). */
export function describeScenario(s: Scenario): ScenarioInfo<VerificationErrorCode> {
  return { name: s.name, title: s.title, explanation: s.explanation, advice: s.advice, expected: s.expected, signer: s.signer };
}

import { VerificationError } from './errors.js';
import type { ResolvedOptions } from './options.js';

/** The claims of a verified Cognito token; every other claim is there too, unchecked. */
export interface VerifiedClaims {
  sub: string;
  iss: string;
  exp: number;
  iat?: number;
  nbf?: number;
  token_use?: 'id' | 'access';
  aud?: string | string[];
  client_id?: string;
  scope?: string;
  'cognito:groups'?: string[];
  [claim: string]: unknown;
}

const fail = (code: ConstructorParameters<typeof VerificationError>[0], message: string): never => {
  throw new VerificationError(code, message);
};

/** A payload that is not UTF-8 JSON of an object: MALFORMED, at the `payload` check (not `format`, the code's first). */
const malformedPayload = (message: string): never => {
  throw new VerificationError('MALFORMED', message, { check: 'payload' });
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The payload bytes as text: UTF-8 or MALFORMED. */
export function decodePayload(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return malformedPayload('the payload is not valid UTF-8 JSON');
  }
}

/** Parses the payload text: a JSON object or MALFORMED. */
export function parsePayload(text: string): Record<string, unknown> {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return malformedPayload('the payload is not valid UTF-8 JSON');
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) malformedPayload('the payload is not a JSON object');
  return payload as Record<string, unknown>;
}

/**
 * The claim checks, in the order a reader can follow: required claims and
 * their types, issuer, time (exp, nbf, iat), token use, audience or client id,
 * groups, scope. Each failure names what was expected and what came.
 */
export function checkClaims(payload: Record<string, unknown>, options: ResolvedOptions): VerifiedClaims {
  requireType(payload, 'sub', 'string', true);
  requireType(payload, 'exp', 'number', true);
  requireType(payload, 'iss', 'string', options.issuer !== null);
  requireType(payload, 'iat', 'number', false);
  requireType(payload, 'nbf', 'number', false);
  requireType(payload, 'token_use', 'string', options.tokenUse !== null);
  if (payload.sub === '') throw new VerificationError('MISSING_CLAIM', 'the "sub" claim is empty', { claim: 'sub' });

  if (options.issuer !== null && payload.iss !== options.issuer) {
    fail('WRONG_ISSUER', `the token was issued by "${String(payload.iss)}", not by "${options.issuer}": check the pool id and region, or the issuer style`);
  }

  const now = options.now() / 1000;
  const tolerance = options.toleranceSeconds;
  const exp = payload.exp as number;
  if (exp <= now - tolerance) fail('EXPIRED', `the token expired at ${iso(exp)} (now ${iso(now)}): get a new one, e.g. by refreshing`);
  if (typeof payload.nbf === 'number' && payload.nbf > now + tolerance) {
    fail('NOT_YET_VALID', `the token is not valid before ${iso(payload.nbf)} (now ${iso(now)}): is a clock wrong?`);
  }
  if (typeof payload.iat === 'number' && payload.iat > now + tolerance) {
    fail('ISSUED_IN_FUTURE', `the token claims to be issued at ${iso(payload.iat)}, after now (${iso(now)}): the issuer's clock is wrong, or the token is forged`);
  }

  const use = payload.token_use;
  if (options.tokenUse !== null && use !== options.tokenUse) {
    fail('WRONG_TOKEN_USE', `expected an ${options.tokenUse} token but got token_use "${String(use)}": APIs take access tokens; ID tokens tell the client who signed in`);
  }
  if (options.clientIds) {
    if (use === 'access' || (use === undefined && payload.client_id !== undefined)) {
      requireType(payload, 'client_id', 'string', true, 'audience');
      if (!options.clientIds.includes(payload.client_id as string)) {
        fail('WRONG_AUDIENCE', `the access token is for client "${String(payload.client_id)}", not ${names(options.clientIds)}`);
      }
    } else if (!audienceOf(payload).some((aud) => options.clientIds!.includes(aud))) {
      fail('WRONG_AUDIENCE', `the ID token's aud is ${JSON.stringify(payload.aud)}, not ${names(options.clientIds)}`);
    }
  }
  if (options.audiences && !audienceOf(payload).some((aud) => options.audiences!.includes(aud))) {
    fail('WRONG_AUDIENCE', `the token's aud is ${JSON.stringify(payload.aud)}, not ${names(options.audiences)}`);
  }
  if (options.groups) {
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]) : [];
    if (!groups.some((g) => options.groups!.includes(g as string))) {
      fail('GROUP_NOT_ALLOWED', `the user's groups ${JSON.stringify(groups)} include none of ${names(options.groups)}`);
    }
  }
  if (options.scopes) {
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
    if (!scopes.some((s) => options.scopes!.includes(s))) fail('SCOPE_NOT_ALLOWED', `the token's scope "${scopes.join(' ')}" has none of ${names(options.scopes)}`);
  }
  return payload as VerifiedClaims;
}

/** MISSING_CLAIM unless the claim is there with its type; at the `claims` check, or the one that reads the claim (`audience` for `client_id`). */
function requireType(payload: Record<string, unknown>, claim: string, type: 'string' | 'number', required: boolean, check: 'claims' | 'audience' = 'claims'): void {
  const value = payload[claim];
  if (value === undefined) {
    if (required) throw new VerificationError('MISSING_CLAIM', `the token has no "${claim}" claim, which every valid token has`, { claim, check });
    return;
  }
  if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) {
    throw new VerificationError('MISSING_CLAIM', `the "${claim}" claim must be a ${type}, got ${JSON.stringify(value)}`, { claim, check });
  }
}

function audienceOf(payload: Record<string, unknown>): string[] {
  const aud = payload.aud;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

const names = (values: readonly string[]) => (values.length === 1 ? `"${values[0]}"` : `any of ${values.map((v) => `"${v}"`).join(', ')}`);

function iso(seconds: number): string {
  const ms = seconds * 1000;
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(seconds);
}

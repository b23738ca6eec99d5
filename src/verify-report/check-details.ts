import type { CheckId } from './checks.js';

/** What the verifier was asked to check, and what it saw, for the sentences of each row. */
export interface DetailContext {
  token: string;
  issuer: string;
  clientId: string;
  tokenUse: 'id' | 'access';
  algorithms: readonly string[];
  toleranceSeconds: number;
  /** The server's time, epoch seconds. */
  nowSeconds: number;
  /** The kids of the JWKS the verifier fetched; null when it fetched none or could not read it. */
  jwksKids: readonly string[] | null;
}

/**
 * One sentence per check saying what the token carries and what was expected,
 * read from the token itself (decoded, never trusted). It is shown whatever
 * the check's status, so a skipped row still tells what it would look at.
 */
export function checkDetail(id: CheckId, ctx: DetailContext): string {
  const parts = ctx.token.split('.');
  const header = parts.length === 3 ? decodeJsonPart(parts[0]!) : undefined;
  const payload = parts.length === 3 ? decodeJsonPart(parts[1]!) : undefined;
  const claims = payload ?? {};
  const show = (value: unknown) => (value === undefined ? 'absent' : JSON.stringify(value));
  switch (id) {
    case 'format':
      if (parts.length !== 3) return `${parts.length} part(s) separated by dots; a JWT has 3 (header.payload.signature)`;
      return `3 parts: header ${parts[0]!.length}, payload ${parts[1]!.length}, signature ${parts[2]!.length} characters; header ${header ? 'is' : 'is not'} a JSON object`;
    case 'algorithm':
      return `alg ${show(header?.alg)}; allowed: ${ctx.algorithms.join(', ')}`;
    case 'kid': {
      if (header?.kid === undefined) return 'the header has no kid';
      if (ctx.jwksKids === null) return `kid ${show(header.kid)}; the JWKS was not fetched, or could not be read`;
      const found = ctx.jwksKids.includes(header.kid as string);
      return `kid ${show(header.kid)}: ${found ? 'one of' : 'not among'} the ${ctx.jwksKids.length} keys the JWKS publishes`;
    }
    case 'signature':
      return `${show(header?.alg)} over "header.payload", checked with the public key of that kid`;
    case 'payload':
      return payload ? `a JSON object with ${Object.keys(payload).length} claims` : 'not a JSON object';
    case 'claims': {
      const required = ['sub', 'exp', 'iss', 'token_use'];
      const missing = required.filter((c) => claims[c] === undefined || claims[c] === '');
      return missing.length === 0 ? `${required.join(', ')}: all present` : `missing: ${missing.join(', ')}`;
    }
    case 'issuer':
      return `iss ${show(claims.iss)}; expected ${JSON.stringify(ctx.issuer)}`;
    case 'exp':
    case 'nbf':
    case 'iat':
      return timeDetail(id, claims[id], ctx);
    case 'token_use':
      return `token_use ${show(claims.token_use)}; expected ${JSON.stringify(ctx.tokenUse)}`;
    case 'audience': {
      const use = claims.token_use;
      const byClientId = use === 'access' || (use === undefined && claims.client_id !== undefined);
      return byClientId ? `access token: client_id ${show(claims.client_id)}; expected ${JSON.stringify(ctx.clientId)}` : `ID token: aud ${show(claims.aud)}; expected ${JSON.stringify(ctx.clientId)}`;
    }
  }
}

function timeDetail(claim: 'exp' | 'nbf' | 'iat', value: unknown, ctx: DetailContext): string {
  const now = `server time ${iso(ctx.nowSeconds)}, tolerance ${ctx.toleranceSeconds} s`;
  if (value === undefined) return claim === 'nbf' ? `no nbf (Cognito never sets one); ${now}` : `no ${claim}; ${now}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${claim} ${JSON.stringify(value)} is not a number`;
  return `${claim} ${iso(value)} (${relative(value - ctx.nowSeconds)}); ${now}`;
}

function iso(seconds: number): string {
  const ms = seconds * 1000;
  return Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString().replace('.000Z', 'Z') : String(seconds);
}

/** `in 59 min 30 s`, `5 min ago`, `now`. */
export function relative(deltaSeconds: number): string {
  const abs = Math.abs(Math.round(deltaSeconds));
  if (abs === 0) return 'now';
  const units: Array<[number, string]> = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const words: string[] = [];
  let rest = abs;
  for (const [size, unit] of units) {
    if (rest >= size && words.length < 2) {
      words.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return deltaSeconds > 0 ? `in ${words.join(' ')}` : `${words.join(' ')} ago`;
}

/** A base64url part decoded as a JSON object, or undefined. */
export function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(part, 'base64url')));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

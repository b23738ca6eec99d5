import { text } from 'node:stream/consumers';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { MockIdpError } from '../errors.js';
import { createVerifier, VerificationError, type TokenUse } from '../verifier/index.js';
import { defaultServerUrl } from './control-client.js';
import { oneOf, parseWithPositionals, urlFlag, UsageError, type Command } from './usage.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'verify a token with mock-idp/verifier and explain the verdict',
  help: `Usage: mock-idp verify TOKEN|- [options]

Verifies a token as an application should (mock-idp/verifier: RS256 only, key by
kid from the JWKS, exp required, iss, aud or client_id, token_use) and prints the
verdict with its code and the claims: on stdout when valid; when rejected, on
stderr and marked unverified. "-" reads the token from standard input.
Exit code: 0 valid, 1 rejected, 2 bad usage.

Where the keys are (one of):
  --url URL              a mock-idp server: issuer and JWKS from its discovery
                         document (default ${defaultServerUrl})
  --pool ID              with --url: this pool (default: the server's default)
  --jwks-uri URI         the JWKS; with --issuer
  --issuer ISS           the exact iss expected (default: from --url)

What to check (required; waive one on purpose with its --skip flag):
  --client-id ID         aud (ID token) or client_id (access token); repeatable
  --skip-client-check    do not check aud/client_id
  --token-use id|access  the token_use expected
  --skip-token-use-check do not check token_use

Options:
  --tolerance SECONDS    clock tolerance (default 5)
  --at TIME              verify as of this time (ISO 8601 or epoch seconds)
  --json                 print {valid, code, message, header, claims} as JSON
  -h, --help             show this help

Example:
  mock-idp verify "$(mock-idp mint --type access)" --client-id spa-client-id --token-use access`,

  async run({ args, stdin, stdout, stderr }) {
    const { values, positionals } = parseWithPositionals('verify', args, {
      url: { type: 'string' },
      pool: { type: 'string' },
      'jwks-uri': { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string', multiple: true },
      'skip-client-check': { type: 'boolean' },
      'token-use': { type: 'string' },
      'skip-token-use-check': { type: 'boolean' },
      tolerance: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one token, or "-" to read it from standard input', 'verify');
    const token = positionals[0] === '-' ? (await text(stdin)).trim() : positionals[0]!;
    if (values.url && values['jwks-uri']) throw new UsageError('--url and --jwks-uri exclude each other', 'verify');
    if (values.pool && values['jwks-uri']) throw new UsageError('--pool goes with --url', 'verify');
    const clientIds = values['client-id'];
    if (!clientIds?.length && !values['skip-client-check']) throw new UsageError('--client-id is required (or --skip-client-check to waive the check on purpose)', 'verify');
    if (clientIds?.length && values['skip-client-check']) throw new UsageError('--client-id and --skip-client-check exclude each other', 'verify');
    const tokenUse = oneOf<TokenUse>('verify', 'token-use', values['token-use'], ['id', 'access']);
    if (!tokenUse && !values['skip-token-use-check']) throw new UsageError('--token-use is required (or --skip-token-use-check to waive the check on purpose)', 'verify');
    const tolerance = values.tolerance === undefined ? 5 : Number(values.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0) throw new UsageError(`--tolerance must be a number of seconds ≥ 0, got "${values.tolerance}"`, 'verify');
    let atMs: number | undefined;
    if (values.at !== undefined) {
      atMs = /^\d+(\.\d+)?$/.test(values.at) ? Number(values.at) * 1000 : Date.parse(values.at);
      if (!Number.isFinite(atMs)) throw new UsageError(`--at must be ISO 8601 or epoch seconds, got "${values.at}"`, 'verify');
    }

    let issuer = values.issuer;
    let jwksUri = urlFlag('verify', 'jwks-uri', values['jwks-uri']);
    if (!jwksUri) {
      const discovered = await discover(urlFlag('verify', 'url', values.url) ?? defaultServerUrl, values.pool);
      issuer ??= discovered.issuer;
      jwksUri = discovered.jwks_uri;
    } else if (!issuer) {
      throw new UsageError('--issuer is required with --jwks-uri', 'verify');
    }

    const verifier = createVerifier({
      issuer: issuer,
      jwksUri,
      clientId: clientIds?.length ? clientIds : null,
      tokenUse: tokenUse ?? null,
      clockToleranceSeconds: tolerance,
      ...(atMs === undefined ? {} : { now: () => atMs }),
    });
    const header = decodePart(token, 0);
    try {
      const claims = await verifier.verify(token);
      if (values.json) stdout(JSON.stringify({ valid: true, header, claims }, null, 2));
      else stdout(`valid: ${describe(claims)}\n${JSON.stringify(claims, null, 2)}`);
      return 0;
    } catch (error) {
      if (!(error instanceof VerificationError)) throw error;
      if (values.json) stdout(JSON.stringify({ valid: false, code: error.code, message: error.message, header, claims: decodePart(token, 1) }, null, 2));
      else {
        stderr(`rejected: ${error.code}: ${error.message}`);
        // What the token says helps to see why (an exp in the past, another aud); on stderr, so nothing reads it as verified.
        const claims = decodePart(token, 1);
        stderr(claims ? `claims (UNVERIFIED: decoded from the rejected token, not to be trusted)\n${JSON.stringify(claims, null, 2)}` : 'claims: none (the payload does not decode as JSON)');
      }
      return 1;
    }
  },
};

async function discover(url: string, pool: string | undefined): Promise<{ issuer: string; jwks_uri: string }> {
  const target = `${url.replace(/\/+$/, '')}${pool ? `/${encodeURIComponent(pool)}` : ''}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new MockIdpError('SERVER_UNREACHABLE', `cannot reach ${target} (${cause}); pass --url, or --jwks-uri with --issuer`);
  }
  const body = (await response.json().catch(() => null)) as { issuer?: string; jwks_uri?: string; code?: string; message?: string } | null;
  if (!response.ok || typeof body?.issuer !== 'string' || typeof body.jwks_uri !== 'string') {
    if (body?.code === 'UNKNOWN_POOL') throw new MockIdpError('UNKNOWN_POOL', body.message ?? `no pool ${pool}`);
    throw new MockIdpError('SERVER_UNREACHABLE', `${target} answered ${response.status} without an OpenID discovery document`);
  }
  return { issuer: body.issuer, jwks_uri: body.jwks_uri };
}

/** A part of the token decoded for display, or null; display only, never trusted. */
function decodePart(token: string, index: 0 | 1): unknown {
  try {
    return index === 0 ? decodeProtectedHeader(token) : decodeJwt(token);
  } catch {
    return null;
  }
}

function describe(claims: Record<string, unknown>): string {
  const who = claims['cognito:username'] ?? claims.username ?? claims.sub;
  const until = typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : '?';
  return `${String(claims.token_use ?? 'token')} token of ${String(who)}, until ${until}`;
}

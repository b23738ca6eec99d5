import type { ConfigOverrides } from '../config/load-config.js';
import type { IssuerStyle, TokenUse } from '../config/types.js';
import type { MintedToken, MintRequest } from '../tokens/minter.js';
import { adminToken, callControlApi, defaultServerUrl } from './control-client.js';
import { inFlagTerms } from './flag-errors.js';
import { integerFlag, oneOf, parse, urlFlag, UsageError, type Command } from './usage.js';

export const mintCommand: Command = {
  name: 'mint',
  summary: 'mint a token (from a running server, or offline from a keys file)',
  help: `Usage: mock-idp mint [options]

Prints one token. By default asks the server at --url; with --keys-file it signs
offline with the keys in that file (created there if missing), so the server you
start later with the same --keys-file accepts it.

Offline, the token's issuer (iss) is the one a server would have: {public URL}/{pool}
with the public URL from --public-url, else MOCK_IDP_PUBLIC_URL or the config's
publicUrl, else the default listen address http://127.0.0.1:4455. A server
rejects the token (WRONG_ISSUER) unless its issuer is the same: start it on
127.0.0.1:4455, or with the same --public-url. mint says which issuer it used,
on stderr.

Options:
  --url URL           server to ask (default ${defaultServerUrl})
  --admin-token TOKEN the server's admin token, if it has one
                      (default: MOCK_IDP_ADMIN_TOKEN)
  --keys-file FILE    mint offline with these keys instead of asking a server
  --config FILE       config for offline minting (pools, clients, users)
  --public-url URL    offline: the server's public URL, for the issuer
                      (default: as \`mock-idp serve\` would use it)
  --issuer-style STYLE offline: local, cognito or cognito-updated, as the server's
  --pool ID           user pool (default: the default pool)
  --user NAME         username, email or sub (default: the pool's first user)
  --client ID|NAME    app client (default: the pool's first client)
  --type id|access    token use (default id)
  --scenario NAME     a scenario from \`mock-idp scenarios\` (default valid)
  --claim K=V         add or override a claim; V is JSON if it parses, else a
                      string (repeatable): --claim 'cognito:groups=["admin"]'
  --suppress K        remove a claim (repeatable)
  --ttl SECONDS       lifetime (default: the client's)
  --scope SCOPES      access token scope (default aws.cognito.signin.user.admin)
  --json              print the token with its decoded header, payload and the
                      verdict a correct verifier must reach
  -h, --help          show this help

Examples:
  mock-idp mint --user alice --type access
  mock-idp mint --scenario expired --user alice --json
  mock-idp mint --keys-file keys.json --claim custom:tenant=acme
  mock-idp mint --keys-file keys.json --public-url http://127.0.0.1:5109`,

  async run({ args, env, stdout, stderr }) {
    const { values } = parse('mint', args, {
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      'keys-file': { type: 'string' },
      config: { type: 'string' },
      'public-url': { type: 'string' },
      'issuer-style': { type: 'string' },
      pool: { type: 'string' },
      user: { type: 'string' },
      client: { type: 'string' },
      type: { type: 'string' },
      scenario: { type: 'string' },
      claim: { type: 'string', multiple: true },
      suppress: { type: 'string', multiple: true },
      ttl: { type: 'string' },
      scope: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.url && values['keys-file']) throw new UsageError('--url and --keys-file exclude each other: ask a server, or sign offline', 'mint');
    if (values['admin-token'] && values['keys-file']) throw new UsageError('--admin-token is for a server; --keys-file mints offline', 'mint');
    if (values.config && !values['keys-file']) throw new UsageError('--config is for offline minting; add --keys-file (a server uses its own config)', 'mint');
    for (const flag of ['public-url', 'issuer-style'] as const) {
      if (values[flag] && !values['keys-file']) throw new UsageError(`--${flag} is for offline minting; add --keys-file (a server uses its own)`, 'mint');
    }
    const url = urlFlag('mint', 'url', values.url);
    const publicUrl = urlFlag('mint', 'public-url', values['public-url']);
    const issuerStyle = oneOf<IssuerStyle>('mint', 'issuer-style', values['issuer-style'], ['local', 'cognito', 'cognito-updated']);

    const request: MintRequest = {
      pool: values.pool,
      user: values.user,
      client: values.client,
      tokenUse: oneOf<TokenUse>('mint', 'type', values.type, ['id', 'access']),
      scenario: values.scenario,
      claims: values.claim?.length ? parseClaims(values.claim) : undefined,
      suppress: values.suppress,
      ttlSeconds: integerFlag('mint', 'ttl', values.ttl, 1, 3650 * 86_400),
      scope: values.scope,
    };
    const body = Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined));

    let minted: MintedToken;
    if (values['keys-file']) {
      const [{ loadConfig }, { createServices }] = await Promise.all([import('../config/load-config.js'), import('../services.js')]);
      const overrides: ConfigOverrides = { keys: { file: values['keys-file'] }, appServices: { store: 'memory' } };
      if (publicUrl) overrides.publicUrl = publicUrl;
      if (issuerStyle) overrides.issuerStyle = issuerStyle;
      const loaded = await loadConfig({ file: values.config ?? null, env, overrides }).catch((error: unknown) => {
        throw inFlagTerms(error, 'mint', { publicUrl: 'public-url', 'keys.file': 'keys-file' });
      });
      const services = await createServices(loaded, { onError: (e) => stderr(`mock-idp: ${e.message}`) });
      minted = await services.minter.mint(body);
      await services.keysFile?.flush();
      // The one thing an offline token and a server must agree on besides the keys (a server elsewhere answers WRONG_ISSUER).
      stderr(issuerHint(services.urls.issuer(minted.pool), services.urls.base, services.urls.styleOf(minted.pool)));
    } else {
      minted = await callControlApi<MintedToken>(url ?? defaultServerUrl, 'POST', '/tokens', body, await adminToken(values['admin-token'], env));
    }
    stdout(values.json ? JSON.stringify(minted, null, 2) : minted.token);
    return 0;
  },
};

/** The stderr line after an offline mint: the issuer, and the server that will accept it. */
function issuerHint(issuer: string, base: string, style: IssuerStyle): string {
  const server = style !== 'local' ? `a server with --issuer-style ${style}` : `a server at ${base} (or one started with --public-url ${base})`;
  return `mock-idp mint: signed offline for issuer ${issuer}: ${server}, with the same --keys-file, accepts it`;
}

function parseClaims(pairs: string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--claim takes NAME=VALUE, got "${pair}"`, 'mint');
    const value = pair.slice(at + 1);
    let parsed: unknown = value;
    try {
      parsed = JSON.parse(value);
    } catch {
      // Not JSON: a plain string, as most claim values are.
    }
    claims[pair.slice(0, at)] = parsed;
  }
  return claims;
}

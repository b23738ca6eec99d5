import type { ConfigOverrides } from '../config/load-config.js';
import { existsSync } from 'node:fs';
import type { IssuerStyle, LogLevel, MockIdpConfig } from '../config/types.js';
import type { PublicUrls } from '../urls.js';
import { resolve } from 'node:path';
import type { Store } from '../app-services/store/types.js';
import { inFlagTerms } from './flag-errors.js';
import { logFormats, logOutput } from './log-output.js';
import { integerFlag, oneOf, parse, urlFlag, UsageError, type Command } from './usage.js';

const logLevels: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the server (JWKS, discovery, control API)',
  help: `Usage: mock-idp serve [options]

Starts mock-idp and prints the URLs that matter. Stops cleanly on Ctrl-C or SIGTERM.

Options:
  --port N               port to listen on (default 4455; 0 picks a free one)
  --host HOST            address to listen on (default 127.0.0.1; 0.0.0.0 in a container)
  --admin-token TOKEN    require "Authorization: Bearer TOKEN" on the control API
                         (/_mock/*); set it whenever --host is not loopback
  --config FILE          a JSON config file layered over the defaults
  --keys-file FILE       load keys from FILE, or create and save them there,
                         so a restart keeps issued tokens valid
  --state-dir DIR        keep pools, clients, users, groups, sign-ins and keys
                         in DIR (created if missing), so a restart keeps them;
                         each change is answered once saved (default: memory)
  --public-url URL       the origin clients reach the server at; issuers and
                         printed URLs use it (default: the listen address)
  --allowed-host HOST    another name the server answers to (a compose service
                         name, host or host:port; repeatable); other Host
                         headers are refused on /_mock/*, the page and the
                         hosted login (on everything when bound to loopback)
  --issuer-style STYLE   local (default: {public-url}/{poolId}), cognito
                         (https://cognito-idp.{region}.amazonaws.com/{poolId})
                         or cognito-updated (https://issuer-cognito-idp.…)
  --rotate-every SECONDS rotate every pool's keys on this period
  --no-key-reservoir     make fresh keys at start instead of taking test-only
                         keys made ahead of need from the user's cache
                         (~/.cache/mock-idp/keys; see keys.reservoir)
  --log-level LEVEL      ${logLevels.join(', ')} (default info)
  --log-format FORMAT    pretty (short lines; the default on a terminal) or
                         json (one object a line; the default otherwise:
                         docker, CI, a pipe or a file)
  --store MODE           App Services store: embedded (default: a mongod from
                         mongodb-memory-server, or memory when none can be had),
                         mongodb (at --mongodb-uri) or memory
  --mongodb-uri URI      a MongoDB for App Services users and sessions
  --tls                  serve HTTPS, with a local CA and server certificate
                         made on first use (and reused) in --tls-dir
  --tls-dir DIR          where (default ./mock-idp-tls); trust DIR/ca.pem, e.g.
                         NODE_EXTRA_CA_CERTS=DIR/ca.pem
  -h, --help             show this help

Environment (flags win): MOCK_IDP_CONFIG, MOCK_IDP_HOST, MOCK_IDP_PORT,
MOCK_IDP_PUBLIC_URL, MOCK_IDP_ALLOWED_HOSTS (comma-separated), MOCK_IDP_ISSUER_STYLE,
MOCK_IDP_ADMIN_TOKEN, MOCK_IDP_KEYS_FILE, MOCK_IDP_ROTATE_EVERY_SECONDS,
MOCK_IDP_JWKS_MAX_AGE_SECONDS, MOCK_IDP_KEY_RESERVOIR, MOCK_IDP_KEY_RESERVOIR_DIR,
MOCK_IDP_FIXED_TIME, MOCK_IDP_LOG_LEVEL,
MOCK_IDP_LOG_FORMAT, MONGODB_URI,
MOCK_IDP_STORE, MOCK_IDP_TLS, MOCK_IDP_TLS_DIR,
and mongodb-memory-server's own MONGOMS_* (e.g. MONGOMS_SYSTEM_BINARY).
UV_THREADPOOL_SIZE: libuv's threads, which sign the tokens (default one per core, 2 to 16).`,

  async run({ args, env, stdout, stderr, logStream, stopSignal }) {
    const { values } = parse('serve', args, {
      port: { type: 'string' },
      host: { type: 'string' },
      'admin-token': { type: 'string' },
      config: { type: 'string' },
      'keys-file': { type: 'string' },
      'state-dir': { type: 'string' },
      'public-url': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'issuer-style': { type: 'string' },
      'rotate-every': { type: 'string' },
      'no-key-reservoir': { type: 'boolean' },
      'log-level': { type: 'string' },
      'log-format': { type: 'string' },
      store: { type: 'string' },
      'mongodb-uri': { type: 'string' },
      tls: { type: 'boolean' },
      'tls-dir': { type: 'string' },
    });
    const overrides: ConfigOverrides = {};
    const port = integerFlag('serve', 'port', values.port, 0, 65535);
    if (port !== undefined) overrides.port = port;
    if (values.host) overrides.host = values.host;
    if (values['admin-token'] !== undefined) overrides.adminToken = values['admin-token'];
    const publicUrl = urlFlag('serve', 'public-url', values['public-url']);
    if (publicUrl) overrides.publicUrl = publicUrl;
    if (values['allowed-host']) overrides.allowedHosts = values['allowed-host'];
    if (values['state-dir']) overrides.stateDir = resolve(values['state-dir']);
    const style = oneOf<IssuerStyle>('serve', 'issuer-style', values['issuer-style'], ['local', 'cognito', 'cognito-updated']);
    if (style) overrides.issuerStyle = style;
    const level = oneOf('serve', 'log-level', values['log-level'], logLevels);
    if (level) overrides.logLevel = level;
    const logFormat = oneOf('serve', 'log-format', values['log-format'], logFormats);
    const keys: ConfigOverrides['keys'] = {};
    if (values['keys-file']) keys.file = values['keys-file'];
    const every = integerFlag('serve', 'rotate-every', values['rotate-every'], 1, 10 * 365 * 86_400);
    if (every !== undefined) keys.rotateEverySeconds = every;
    if (values['no-key-reservoir']) keys.reservoir = false;
    if (Object.keys(keys).length) overrides.keys = keys;
    if (values['tls-dir'] && !values.tls) throw new UsageError('--tls-dir goes with --tls', 'serve');
    if (values.tls) overrides.tls = { enabled: true, ...(values['tls-dir'] ? { dir: resolve(values['tls-dir']) } : {}) };
    const store = oneOf('serve', 'store', values.store, ['embedded', 'mongodb', 'memory'] as const);
    if (store || values['mongodb-uri']) {
      overrides.appServices = { ...(store ? { store } : {}), ...(values['mongodb-uri'] ? { mongodbUri: values['mongodb-uri'] } : {}) };
    }

    // The server's modules load only now: --help and usage errors answer at once.
    const [{ loadConfig, logFormatFromEnv }, { prestartedKeyFactory }, { KeyReservoir, defaultReservoirDir, reservoirKeyFactory }] = await Promise.all([
      import('../config/load-config.js'),
      import('../keys/key-factory.js'),
      import('../keys/key-reservoir.js'),
    ]);
    const loaded = await loadConfig({ file: values.config ?? null, env, overrides }).catch((error: unknown) => {
      throw inFlagTerms(error, 'serve', configFlags);
    });
    const { config } = loaded;
    // Every log line, the first included, at the level asked for; short lines on a terminal, JSON elsewhere.
    // Log times are the wall clock's, not the server's (which tests may shift).
    const logs = logOutput(logStream, { format: logFormat ?? logFormatFromEnv(env), level: config.logLevel, now: Date.now });
    // Fresh keys take longer to make than the server takes to load: take them from the reservoir, else start making
    // them first, on libuv's threadpool. A start that makes no keys (a keys file, a seed file) leaves the reservoir alone.
    const needed = keysToGenerate(config);
    const reservoirDir = config.keys.reservoir && needed > 0 ? (config.keys.reservoirDir ?? defaultReservoirDir(env)) : null;
    const reservoir = reservoirDir ? new KeyReservoir({ dir: reservoirDir, capacity: config.keys.reservoirSize, log: (message) => logs.log('debug', message) }) : null;
    let started = false;
    // Refilled after the start (never in front of it), one key at a time, and again after a pool added later took keys.
    const refillSoon = () => {
      if (started && reservoir) setTimeout(() => void reservoir.refill(), refillDelayMs).unref();
    };
    const keyFactory = prestartedKeyFactory(needed, reservoir ? reservoirKeyFactory(reservoir, undefined, refillSoon) : undefined);
    const { startServer } = await import('../server.js');
    // Logs go to stderr; stdout carries the banner, for people and scripts.
    const server = await startServer(loaded, {
      keyFactory,
      storeDelayMs: 100,
      logger: { level: config.logLevel, stream: logs.stream },
      // Also as plain lines when the logs are JSON (no one reads those closely) or the level hides warnings; short log lines show it as it is.
      onExposed: (warning) => (logs.format === 'json' || ['error', 'fatal', 'silent'].includes(config.logLevel) ? stderr(warning) : undefined),
      log: logs.log,
    });
    const { services } = server;
    started = true;
    refillSoon();
    stdout(
      banner(
        services.urls,
        services.directory.pools().map((p) => p.id),
        services.directory.defaultPoolId,
        storeLine(services.store, config),
      ),
    );
    if (config.adminToken !== null) server.app.log.info('the control API (/_mock/*) requires the admin token');
    if (config.stateDir) server.app.log.info(`state kept in ${config.stateDir}`);
    if (config.keys.file) server.app.log.info(`keys persisted in ${config.keys.file}`);
    if (config.keys.rotateEverySeconds) server.app.log.info(`rotating keys every ${config.keys.rotateEverySeconds} s`);

    const signal = await stopSignal;
    server.app.log.info(`${signal}: shutting down`);
    reservoir?.stop();
    await server.close();
    server.app.log.info('stopped');
    return 0;
  },
};

/** How long after the start the reservoir refills: the first requests have the machine to themselves. */
const refillDelayMs = 500;

/** How many keys a start will generate: none when they come from a keys file or seed file, else an ID and an access key per pool. */
function keysToGenerate(config: MockIdpConfig): number {
  if (config.keys.seedFile || (config.keys.file && existsSync(config.keys.file))) return 0;
  return config.pools.length * 2;
}

/** The flags whose values the config loader checks, by the config key each sets. */
const configFlags: Record<string, string> = {
  host: 'host',
  publicUrl: 'public-url',
  allowedHosts: 'allowed-host',
  adminToken: 'admin-token',
  stateDir: 'state-dir',
  'keys.file': 'keys-file',
  'appServices.mongodbUri': 'mongodb-uri',
  'tls.dir': 'tls-dir',
};

/** The App Services store in use and why (its description says), and, when it is memory for want of a mongod, how to get MongoDB. */
function storeLine(store: Store, config: MockIdpConfig): string[] {
  const lines = [`    store              ${store.description}`];
  if (store.kind === 'memory' && config.appServices.store === 'embedded') {
    lines.push('                       for MongoDB: set MONGODB_URI, or MONGOMS_SYSTEM_BINARY to a mongod; --store memory skips the search');
  }
  return lines;
}

function banner(urls: PublicUrls, pools: string[], defaultPool: string, store: string[]): string {
  const lines = [`mock-idp listening on ${urls.listenUrl}`, ''];
  if (urls.base !== urls.listenUrl) lines.push(`  public URL   ${urls.base}`, '');
  for (const pool of pools) {
    lines.push(`  pool ${pool}${pool === defaultPool ? ' (default)' : ''}`);
    lines.push(`    issuer     ${urls.issuer(pool)}`);
    lines.push(`    JWKS       ${urls.jwksUri(pool)}`);
    lines.push(`    discovery  ${urls.discoveryUri(pool)}`, '');
  }
  lines.push(`  JWKS (default pool)  ${urls.base}/.well-known/jwks.json`);
  lines.push(`  control API          ${urls.base}/_mock/  (scenarios, pools, tokens, keys, clock, faults, reset, app-services)`);
  lines.push(`  App Services         ${urls.base}/api/client/v2.0/  (realm-web: new App({ id, baseUrl: '${urls.base}' }))`);
  lines.push(...store);
  lines.push(`  health               ${urls.base}/health`, '');
  lines.push(`Mint a token:  curl -s -X POST ${urls.base}/_mock/tokens -H 'content-type: application/json' -d '{"user":"alice"}'`);
  lines.push(`           or  mock-idp mint --user alice${urls.base === 'http://127.0.0.1:4455' ? '' : ` --url ${urls.base}`}`);
  return lines.join('\n');
}

/**
 * Chooses and opens the App Services store at start-up, and says plainly in
 * the log which one is in use and why.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmbeddedMongod } from './embedded-mongod.js';
import { firstLine } from './first-line.js';
import { MemoryStore } from './memory-store.js';
import { redactMongoUri, scrubUriSecrets } from './redact-uri.js';
import { StoreUnavailableError } from './store-unavailable-error.js';
import type { Store } from './types.js';

/** Options of {@link openStore}. */
export interface OpenStoreOptions {
  /** The MongoDB to use in mode `mongodb`; ignored by the other modes. */
  mongodbUri: string | null;
  /**
   * `embedded` (default of the config): a mongod from
   * mongodb-memory-server-core, or the memory store if none can be had;
   * `mongodb`: the one at `mongodbUri`, or fail; `memory`: the memory store,
   * at once (no probe, no MongoDB module loaded).
   */
  mode: 'embedded' | 'mongodb' | 'memory';
  /**
   * Start-up news. Never given credentials. Default: warnings only, each as a
   * Node process warning (`process.emitWarning`, code `MOCK_IDP_STORE`) once
   * per process, so a library user who passed no log still learns why the
   * store is memory and how to choose, and a suite that starts many servers
   * is told once.
   */
  log?: ((level: 'info' | 'warn', message: string) => void) | undefined;
  /** Mode `mongodb`: how often to retry after the first failed connection; default 4 (5 attempts). */
  connectRetries?: number;
  /** Mode `mongodb`: the wait before each retry; default 2000 ms. */
  retryDelayMs?: number;
  /** Mode `mongodb`: server selection timeout of each attempt; default the URI's, else 5000 ms. */
  serverSelectionTimeoutMS?: number;
  /** Database name; default `mock_idp_app_services`. */
  dbName?: string;
  /** Starts the embedded mongod; default `startEmbeddedMongod`. Tests pass one that fails. */
  startEmbedded?: () => Promise<EmbeddedMongod>;
}

/** The rest of the fallback's one line, after why: what it means, and how to choose instead. */
export const memoryFallbackAdvice =
  "using the in-process memory store — App Services users and sessions are lost on restart; set MONGODB_URI or MONGOMS_SYSTEM_BINARY to use MongoDB, or choose the memory store to skip this check (--store memory, MOCK_IDP_STORE=memory, or appServices.store 'memory')";

const warnedByDefault = new Set<string>();

/** The log of callers that gave none: each warning, once per process, as a process warning. */
function defaultLog(level: 'info' | 'warn', message: string): void {
  if (level !== 'warn' || warnedByDefault.has(message)) return;
  warnedByDefault.add(message);
  process.emitWarning(`mock-idp: ${message}`, { code: 'MOCK_IDP_STORE' });
}

/**
 * The store the options ask for. Mode `embedded` falls back to a
 * {@link MemoryStore} (with a warning saying why); mode `mongodb` retries,
 * logging each failure, then rejects with a {@link StoreUnavailableError}.
 *
 * @example
 * const store = await openStore({ mongodbUri: null, mode: 'embedded', log: (level, message) => console.error(`[${level}] ${message}`) });
 */
export async function openStore(given: OpenStoreOptions): Promise<Store> {
  const options = { ...given, log: given.log ?? defaultLog };
  switch (options.mode) {
    case 'memory': {
      const store = new MemoryStore({ description: 'in-process memory store (store: memory; lost on restart)' });
      options.log('info', `App Services store: ${store.description}`);
      return store;
    }
    case 'mongodb':
      return openMongoStore(options);
    case 'embedded':
      return openEmbeddedStore(options);
  }
}

// The MongoDB driver and mongodb-memory-server-core load only for the modes that use them: an offline
// machine falling back to memory, or mode `memory`, never pays for the driver.
const mongoStoreModule = () => import('./mongo-store.js');

type Opening = OpenStoreOptions & Required<Pick<OpenStoreOptions, 'log'>>;

async function openMongoStore(options: Opening): Promise<Store> {
  const [{ MongoStore }, { MongoNetworkError, MongoServerSelectionError }] = await Promise.all([mongoStoreModule(), import('mongodb')]);
  const uri = options.mongodbUri;
  if (uri === null || uri === '') {
    throw new StoreUnavailableError("store mode 'mongodb' needs a MongoDB URI: set MONGODB_URI or appServices.mongodbUri", { uri: '', attempts: 0 });
  }
  const shown = redactMongoUri(uri);
  const attempts = (options.connectRetries ?? 4) + 1;
  const delayMs = options.retryDelayMs ?? 2000;
  const serverSelectionTimeoutMS = options.serverSelectionTimeoutMS ?? (/[?&]serverSelectionTimeoutMS=/i.test(uri) ? undefined : 5000);
  for (let attempt = 1; ; attempt += 1) {
    try {
      // The database: as given, else the one the URI names (mongodb://host/<db>), else the store's default.
      const dbName = options.dbName ?? databaseInUri(uri);
      const store = await MongoStore.connect(uri, {
        ...(dbName === undefined ? {} : { dbName }),
        ...(serverSelectionTimeoutMS === undefined ? {} : { serverSelectionTimeoutMS }),
      });
      options.log('info', `App Services store: ${store.description}`);
      return store;
    } catch (error) {
      const reason = scrubUriSecrets(firstLine(error), uri);
      // Only an unreachable server may come back; a bad URI or bad credentials will not.
      const retryable = error instanceof MongoServerSelectionError || error instanceof MongoNetworkError;
      if (!retryable || attempt >= attempts) {
        const what = retryable ? 'cannot reach' : 'cannot use';
        throw new StoreUnavailableError(`${what} MongoDB at ${shown} after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${reason}`, { uri: shown, attempts: attempt });
      }
      options.log('warn', `cannot reach MongoDB at ${shown}: ${reason}; retrying in ${formatSeconds(delayMs)} (attempt ${attempt}/${attempts})`);
      await sleep(delayMs);
    }
  }
}

async function openEmbeddedStore(options: Opening): Promise<Store> {
  const start =
    options.startEmbedded ??
    (async () => {
      // The probe is a small module; mongodb-memory-server-core loads into this process only when a mongod will start.
      const probe = await (await import('./mongod-probe.js')).probeMongod();
      if (!probe.available) throw new Error(probe.reason);
      return (await import('./embedded-mongod.js')).startEmbeddedMongod({ probe, log: (message) => options.log('info', message) });
    });
  let mongod: EmbeddedMongod;
  try {
    mongod = await start();
  } catch (error) {
    return memoryFallback(options, firstLine(error));
  }
  try {
    const { MongoStore } = await mongoStoreModule();
    const store = await MongoStore.connect(mongod.uri, {
      ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
      serverSelectionTimeoutMS: 5000,
      description: mongod.description,
      onClose: mongod.stop,
    });
    options.log('info', `App Services store: ${store.description}`);
    return store;
  } catch (error) {
    await mongod.stop().catch(() => undefined);
    return memoryFallback(options, `the embedded mongod started but cannot be used: ${firstLine(error)}`);
  }
}

function memoryFallback(options: Opening, reason: string): Store {
  options.log('warn', `no mongod: ${reason}; ${memoryFallbackAdvice}`);
  return new MemoryStore({ description: `in-process memory store (no mongod: ${reason}; lost on restart)` });
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** The database a MongoDB URI names in its path, if any. */
export function databaseInUri(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?/]+)/.exec(uri);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

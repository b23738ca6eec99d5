/**
 * The embedded mongod of the default store mode: mongodb-memory-server-core,
 * which uses `MONGOMS_SYSTEM_BINARY` or a cached binary, and downloads one
 * otherwise, here, on first use: the package has no install script (the
 * `mongodb-memory-server` wrapper's postinstall downloaded ~100 MB at
 * `npm install`, whether or not the store was ever used). Its data lives in a
 * temporary directory removed on stop.
 */
import { MongoMemoryServer } from 'mongodb-memory-server-core';
import { drainFailedDownloads } from './drain-failed-downloads.js';
import { firstLine } from './first-line.js';
import { probeMongod, type MongodProbe, type ProbeMongodOptions } from './mongod-probe.js';
import { withTimeout } from './with-timeout.js';

/** A running embedded mongod. */
export interface EmbeddedMongod {
  /** `mongodb://127.0.0.1:<port>/`; no credentials. */
  uri: string;
  /** Which mongod this is and where its binary came from. */
  description: string;
  /** Stops the mongod and removes its data. */
  stop: () => Promise<void>;
}

/** Options of {@link startEmbeddedMongod}. */
export interface StartEmbeddedMongodOptions extends ProbeMongodOptions {
  /**
   * Give up after this long (a first run downloads about 100 MB); default no
   * limit. A mongod that starts after the limit is stopped at once.
   */
  startTimeoutMs?: number;
  /** Told before a download starts. */
  log?: (message: string) => void;
  /** What {@link probeMongod} found, if the caller has probed already (it is not asked again). */
  probe?: MongodProbe | undefined;
}

/**
 * Starts a mongod with mongodb-memory-server, after a quick probe
 * ({@link probeMongod}) so an offline machine fails in milliseconds rather
 * than after mongodb-memory-server's download retries. Rejects with the
 * reason when no mongod can be had.
 *
 * @example
 * const mongod = await startEmbeddedMongod({ startTimeoutMs: 30_000 });
 * const store = await MongoStore.connect(mongod.uri, { onClose: mongod.stop });
 */
export async function startEmbeddedMongod(options: StartEmbeddedMongodOptions = {}): Promise<EmbeddedMongod> {
  const probe = options.probe ?? (await probeMongod(options));
  if (!probe.available) throw new Error(probe.reason);
  if (probe.source === 'download') {
    options.log?.(`downloading a mongod binary from ${probe.downloadHost} (first run only; it is cached in ~/.cache/mongodb-binaries)`);
  }
  const starting = probe.source === 'download' ? drainFailedDownloads(probe.downloadHost, () => MongoMemoryServer.create()) : MongoMemoryServer.create();
  let server: MongoMemoryServer;
  try {
    server = options.startTimeoutMs === undefined ? await starting : await withTimeout(starting, options.startTimeoutMs, 'mongodb-memory-server did not start');
  } catch (error) {
    starting.then(
      (late) => late.stop(),
      () => undefined,
    );
    throw new Error(firstLine(error), { cause: error });
  }
  const uri = server.getUri();
  const from = probe.source === 'download' ? 'downloaded binary' : `${probe.source.replace('-', ' ')} ${probe.binary}`;
  return {
    uri,
    description: `embedded MongoDB (mongodb-memory-server, ${from}) at ${uri}`,
    stop: async () => {
      await server.stop();
    },
  };
}

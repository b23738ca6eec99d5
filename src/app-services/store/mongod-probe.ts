/**
 * Can mongodb-memory-server-core start a mongod here, and quickly say so if
 * not? `MongoMemoryServer.create()` on an offline machine spends about 6 s on
 * download retries before it fails; this probe takes a few hundred
 * milliseconds at most, and asks two questions at once:
 *
 * 1. is there a binary it would use without downloading: `MONGOMS_SYSTEM_BINARY`
 *    (its own setting, which it reads itself) or one cached by an earlier
 *    download (`~/.cache/mongodb-binaries`, `node_modules/.cache`,
 *    `MONGOMS_DOWNLOAD_DIR`)? `DryMongoBinary.locateBinary` looks exactly
 *    where `create()` would, without downloading or locking. It runs in a
 *    worker thread, loading only DryMongoBinary's module (not the package's
 *    index, which brings the MongoDB driver: three times the load time).
 *    Loading the library into the server's own thread left every later
 *    request slower (docs/reference/performance.md, the JWKS),
 *    and on a machine without a mongod it would be loaded for nothing;
 * 2. does the download host resolve (DNS, with a short timeout)? A host that
 *    resolves may still fail to download; `create()` then rejects and the
 *    caller falls back as it would have anyway.
 */
import { lookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { firstLine } from './first-line.js';
import { withTimeout } from './with-timeout.js';

/** Where mongodb-memory-server-core's binaries come from unless `MONGOMS_DOWNLOAD_URL` or `MONGOMS_DOWNLOAD_MIRROR` says otherwise. */
export const defaultMongodDownloadHost = 'fastdl.mongodb.org';

/**
 * The host mongodb-memory-server would download from, by its own settings:
 * the host of `MONGOMS_DOWNLOAD_URL` (a whole URL), else of
 * `MONGOMS_DOWNLOAD_MIRROR`, else {@link defaultMongodDownloadHost}. For a
 * value that is not a URL it answers the default host; mongodb-memory-server
 * then refuses the value itself, and the fallback says so.
 */
// eslint-disable-next-line no-restricted-properties -- mongodb-memory-server reads its MONGOMS_* settings from process.env itself; this mirrors it
export function mongodDownloadHost(env: NodeJS.ProcessEnv = process.env): string {
  for (const name of ['MONGOMS_DOWNLOAD_URL', 'MONGOMS_DOWNLOAD_MIRROR']) {
    const value = env[name];
    if (!value) continue;
    try {
      return new URL(value).hostname.replace(/^\[(.*)\]$/, '$1'); // an IPv6 literal without its brackets
    } catch {
      return defaultMongodDownloadHost;
    }
  }
  return defaultMongodDownloadHost;
}

/** What {@link probeMongod} found. */
export type MongodProbe =
  { available: true; source: 'system-binary' | 'cached-binary'; binary: string } | { available: true; source: 'download'; binary: null; downloadHost: string } | { available: false; reason: string };

/** Options of {@link probeMongod}. */
export interface ProbeMongodOptions {
  /** The host binaries download from; default {@link mongodDownloadHost}: the one mongodb-memory-server's settings name. */
  downloadHost?: string;
  /** How long the DNS lookup of the download host may take; default 1500 ms. */
  dnsTimeoutMs?: number;
  /** Resolves the download host; default `dns.promises.lookup`. Tests pass one that never answers. */
  lookupHost?: (host: string) => Promise<unknown>;
}

/**
 * Whether mongodb-memory-server can start a mongod, and from what; never
 * downloads anything.
 *
 * @example
 * const probe = await probeMongod();
 * if (!probe.available) console.warn(`no mongod: ${probe.reason}`);
 */
export async function probeMongod(options: ProbeMongodOptions = {}): Promise<MongodProbe> {
  const downloadHost = options.downloadHost ?? mongodDownloadHost();
  // Both questions at once: offline, the answer is the slower of the two, not their sum.
  const resolving = withTimeout((options.lookupHost ?? lookup)(downloadHost), options.dnsTimeoutMs ?? 1500, 'DNS lookup timed out').then(
    () => null,
    (error: unknown) => error,
  );
  let binary: string | undefined;
  let systemBinary: string | undefined;
  try {
    ({ systemBinary, binary } = await locateBinaryInWorker());
  } catch (error) {
    // MONGOMS_SYSTEM_BINARY names a file that is not there, or the OS is unknown to it.
    return { available: false, reason: firstLine(error) };
  }
  if (binary !== undefined) {
    return { available: true, source: systemBinary === undefined ? 'cached-binary' : 'system-binary', binary };
  }
  const unresolved = await resolving;
  if (unresolved !== null) {
    const code = (unresolved as { code?: unknown }).code;
    return {
      available: false,
      reason: `no mongod binary is cached and its download host ${downloadHost} does not resolve (${typeof code === 'string' ? code : firstLine(unresolved)}: offline?)`,
    };
  }
  return { available: true, source: 'download', binary: null, downloadHost };
}

/** Runs in the worker (CommonJS, evaluated): DryMongoBinary's answer, or the error's message. */
const locateBinarySource = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  try {
    const { DryMongoBinary } = require(workerData.modulePath);
    const options = await DryMongoBinary.generateOptions();
    const binary = await DryMongoBinary.locateBinary(options);
    parentPort.postMessage({ ok: true, systemBinary: options.systemBinary || undefined, binary });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
  }
})();
`;

/** Where mongodb-memory-server-core would take a mongod from without downloading, asked in a worker thread. */
function locateBinaryInWorker(): Promise<{ systemBinary: string | undefined; binary: string | undefined }> {
  // Resolved here (resolving loads nothing), so the worker finds the same package from the bundle, dist/ or src/.
  const modulePath = dryMongoBinaryModule();
  return new Promise((resolve, reject) => {
    const worker = new Worker(locateBinarySource, { eval: true, workerData: { modulePath } });
    worker.once('message', (answer: { ok: true; systemBinary?: string; binary?: string } | { ok: false; message: string }) => {
      void worker.terminate();
      if (answer.ok) resolve({ systemBinary: answer.systemBinary, binary: answer.binary });
      else reject(new Error(answer.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the mongod probe's worker exited with code ${code} before answering`)));
  });
}

/**
 * The module the probe's worker loads for `DryMongoBinary`: the package's own
 * file for it (the package has no "exports" map, so the path can be required),
 * else, should a later version move it, the package's index, which exports it
 * too but loads the MongoDB driver with it.
 *
 * @example
 * new Worker(source, { eval: true, workerData: { modulePath: dryMongoBinaryModule() } });
 */
export function dryMongoBinaryModule(): string {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve('mongodb-memory-server-core/lib/util/DryMongoBinary');
  } catch {
    return require.resolve('mongodb-memory-server-core');
  }
}

/**
 * Can mongodb-memory-server start a mongod here, and quickly say so if not?
 * `MongoMemoryServer.create()` on an offline machine spends about 6 s on
 * download retries before it fails; these checks take milliseconds:
 *
 * 1. a binary it would use without downloading: `MONGOMS_SYSTEM_BINARY`
 *    (its own setting, which it reads itself) or one cached by an earlier
 *    download (`~/.cache/mongodb-binaries`, `node_modules/.cache`,
 *    `MONGOMS_DOWNLOAD_DIR`): `DryMongoBinary.locateBinary` looks exactly
 *    where `create()` would, without downloading or locking;
 * 2. otherwise, whether the download host resolves, with a short timeout.
 *    A host that resolves may still fail to download; `create()` then
 *    rejects and the caller falls back as it would have anyway.
 */
import { lookup } from 'node:dns/promises';
import { DryMongoBinary } from 'mongodb-memory-server';
import { firstLine } from './first-line.js';
import { withTimeout } from './with-timeout.js';

/** Where mongodb-memory-server's binaries come from unless `MONGOMS_DOWNLOAD_MIRROR` says otherwise. */
export const defaultMongodDownloadHost = 'fastdl.mongodb.org';

/** What {@link probeMongod} found. */
export type MongodProbe =
  | { available: true; source: 'system-binary' | 'cached-binary'; binary: string }
  | { available: true; source: 'download'; binary: null; downloadHost: string }
  | { available: false; reason: string };

/** Options of {@link probeMongod}. */
export interface ProbeMongodOptions {
  /** The host binaries download from; default {@link defaultMongodDownloadHost}. Pass your mirror's host if you set one. */
  downloadHost?: string;
  /** How long the DNS lookup of the download host may take; default 1500 ms. */
  dnsTimeoutMs?: number;
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
  const downloadHost = options.downloadHost ?? defaultMongodDownloadHost;
  let binary: string | undefined;
  let systemBinary: string | undefined;
  try {
    const binaryOptions = await DryMongoBinary.generateOptions();
    systemBinary = binaryOptions.systemBinary || undefined;
    binary = await DryMongoBinary.locateBinary(binaryOptions);
  } catch (error) {
    // MONGOMS_SYSTEM_BINARY names a file that is not there, or the OS is unknown to it.
    return { available: false, reason: firstLine(error) };
  }
  if (binary !== undefined) {
    return { available: true, source: systemBinary === undefined ? 'cached-binary' : 'system-binary', binary };
  }
  try {
    await withTimeout(lookup(downloadHost), options.dnsTimeoutMs ?? 1500, 'DNS lookup timed out');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      available: false,
      reason: `no mongod binary is cached and its download host ${downloadHost} does not resolve (${typeof code === 'string' ? code : firstLine(error)}: offline?)`,
    };
  }
  return { available: true, source: 'download', binary: null, downloadHost };
}

export { firstLine };

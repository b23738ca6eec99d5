/**
 * Finds a mongod for the MongoDB tests, or says why there is none, quickly:
 *
 * 1. `MONGODB_URI` → that server (a ping within 3 s, or skip saying so);
 * 2. else mongodb-memory-server through `startEmbeddedMongod`, which first
 *    probes in milliseconds: `MONGOMS_SYSTEM_BINARY` or a cached binary
 *    (~/.cache/mongodb-binaries) is used at once; with neither, it downloads
 *    only if the download host resolves (DNS, 1.5 s timeout), and the start
 *    is bounded to 30 s so a slow first download skips rather than hanging
 *    the suite. Offline, the whole search costs a few milliseconds.
 */
import { MongoClient } from 'mongodb';
import { startEmbeddedMongod } from '../../../src/app-services/store/embedded-mongod.js';
import { firstLine } from '../../../src/app-services/store/first-line.js';
import { redactMongoUri, scrubUriSecrets } from '../../../src/app-services/store/redact-uri.js';

/** A mongod to test against, or the reason to skip. */
export type FoundMongod = { uri: string; how: string; stop: () => Promise<void> } | { skip: string };

/** Bound on starting mongodb-memory-server, download included. */
export const embeddedStartTimeoutMs = 30_000;

/** See the module comment. */
export async function findMongod(): Promise<FoundMongod> {
  const uri = process.env['MONGODB_URI'];
  if (uri) {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3000 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return { uri, how: `MONGODB_URI (${redactMongoUri(uri)})`, stop: async () => undefined };
    } catch (error) {
      return { skip: `MONGODB_URI is set but ${redactMongoUri(uri)} does not answer: ${scrubUriSecrets(firstLine(error), uri)}` };
    } finally {
      await client.close();
    }
  }
  try {
    const mongod = await startEmbeddedMongod({ startTimeoutMs: embeddedStartTimeoutMs });
    return { uri: mongod.uri, how: mongod.description, stop: mongod.stop };
  } catch (error) {
    return { skip: `no mongod: ${firstLine(error)} (set MONGODB_URI or MONGOMS_SYSTEM_BINARY to run these tests)` };
  }
}

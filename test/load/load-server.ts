/**
 * The server under `npm run load`, in its own process: mock-idp from the
 * library, with a key factory that reuses the committed test-only key pairs
 * under fresh kids, so that rotating every 100 ms costs no RSA generation
 * (2 cores cannot make 40 RSA-2048 keys a second). Rotation, the JWKS, its
 * caching headers and the kid bookkeeping are the product's own.
 * Usage: tsx test/load/load-server.ts '<config JSON>'. Prints "listening on
 * URL"; on SIGUSR2 collects garbage (run it with --expose-gc) and prints
 * {"memory": {heapUsedMb, rssMb}}; on SIGTERM prints {"keysMade": n} and exits.
 */
import { startMockIdp } from '../../src/internal.js';
import { fastKeyFactory } from '../helpers/key-factory.js';
import { testKeysFile } from '../helpers/idp.js';

const config = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown> & { keys?: Record<string, unknown> };
const keyFactory = await fastKeyFactory();
const idp = await startMockIdp({ keyFactory, config: { ...config, keys: { seedFile: testKeysFile, ...config.keys }, appServices: { store: 'memory' } } });
process.stdout.write(`listening on ${idp.url}\n`);
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ memory: { heapUsedMb: Math.round(heapUsed / 1e5) / 10, rssMb: Math.round(rss / 1e5) / 10 } })}\n`);
});
process.once('SIGTERM', () => {
  void idp.close().then(() => {
    process.stdout.write(`${JSON.stringify({ keysMade: keyFactory.kids.length })}\n`);
    process.exit(0);
  });
});

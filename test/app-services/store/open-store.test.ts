import t from 'tap';
import { MemoryStore } from '../../../src/app-services/store/memory-store.js';
import { probeMongod } from '../../../src/app-services/store/mongod-probe.js';
import { memoryFallbackAdvice, openStore, type OpenStoreOptions } from '../../../src/app-services/store/open-store.js';
import { StoreUnavailableError } from '../../../src/app-services/store/store-unavailable-error.js';

type Level = Parameters<NonNullable<OpenStoreOptions['log']>>[0];

function logSpy() {
  const lines: { level: Level; message: string }[] = [];
  return { lines, log: (level: Level, message: string) => void lines.push({ level, message }) };
}

/** A port nothing listens on; 200 ms of server selection per attempt. */
const unreachable = 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200';

t.test('mode memory: the memory store, said so at info level', async (t) => {
  const { lines, log } = logSpy();
  const store = await openStore({ mongodbUri: null, mode: 'memory', log });
  t.teardown(() => store.close());
  t.equal(store.kind, 'memory');
  t.ok(store instanceof MemoryStore);
  t.match(lines, [{ level: 'info', message: /memory store/ }]);
});

t.test('mode memory ignores a URI', async (t) => {
  const store = await openStore({ mongodbUri: unreachable, mode: 'memory', log: () => undefined });
  t.equal(store.kind, 'memory');
});

t.test('mode embedded without a mongod: the memory store, and a warning that says why', async (t) => {
  const { lines, log } = logSpy();
  const store = await openStore({
    mongodbUri: null,
    mode: 'embedded',
    log,
    startEmbedded: async () => {
      throw new Error('Download failed for url "https://fastdl.mongodb.org/…"\ngetaddrinfo ENOTFOUND fastdl.mongodb.org');
    },
  });
  t.teardown(() => store.close());
  t.equal(store.kind, 'memory');
  t.equal(lines.length, 1);
  t.equal(lines[0]?.level, 'warn');
  t.match(lines[0]?.message, /^no mongod: Download failed for url "https:\/\/fastdl\.mongodb\.org\/…"; using the in-process memory store/);
  t.match(
    lines[0]?.message,
    /lost on restart; set MONGODB_URI or MONGOMS_SYSTEM_BINARY to use MongoDB, or choose the memory store to skip this check \(--store memory, MOCK_IDP_STORE=memory, or appServices\.store 'memory'\)$/,
  );
  t.match(store.description, /no mongod: Download failed/);
});

const probe = await probeMongod();
const wouldDownload = probe.available && probe.source === 'download';

t.test(
  'mode embedded on this machine: MongoDB if a mongod can be had, else memory with the warning',
  { skip: wouldDownload ? 'a mongod would be downloaded; mongo-store.test.ts tries that, bounded in time' : false },
  async (t) => {
    const { lines, log } = logSpy();
    const store = await openStore({ mongodbUri: null, mode: 'embedded', log });
    t.teardown(() => store.close());
    if (probe.available && store.kind === 'mongodb') {
      t.match(store.description, /embedded MongoDB/);
    } else if (probe.available) {
      // A binary is there but does not run (a broken MONGOMS_SYSTEM_BINARY): the fallback still says why.
      console.log(`# open-store: the mongod at ${probe.binary} did not start; embedded mode fell back to memory`);
      t.equal(store.kind, 'memory');
      t.match(lines, [{ level: 'warn', message: /^no mongod: / }]);
    } else {
      console.log(`# open-store: embedded mode fell back to memory here (${probe.reason})`);
      t.equal(store.kind, 'memory');
      // Without download retries: the probe said no, so mongodb-memory-server-core was never asked (mongod-probe.test.ts).
      t.match(lines, [{ level: 'warn', message: `no mongod: ${probe.reason}; using the in-process memory store` }]);
    }
  },
);

t.test('mode mongodb, unreachable: a log line per retry, then a clear error', async (t) => {
  const { lines, log } = logSpy();
  const error = await openStore({ mongodbUri: unreachable, mode: 'mongodb', log, connectRetries: 2, retryDelayMs: 10 }).then(
    () => t.fail('should reject'),
    (e: unknown) => e,
  );
  t.ok(error instanceof StoreUnavailableError);
  t.match(error, { code: 'STORE_UNAVAILABLE', attempts: 3, uri: unreachable });
  t.match((error as Error).message, /^cannot reach MongoDB at mongodb:\/\/127\.0\.0\.1:1\/\?serverSelectionTimeoutMS=200 after 3 attempts: /);
  t.same(
    lines.map((l) => l.level),
    ['warn', 'warn'],
  );
  t.match(lines[0]?.message, /^cannot reach MongoDB at mongodb:\/\/127\.0\.0\.1:1\/\S*: .+; retrying in 0\.01 s \(attempt 1\/3\)$/);
  t.match(lines[1]?.message, /\(attempt 2\/3\)$/);
});

t.test('credentials never reach the log or the error', async (t) => {
  const { lines, log } = logSpy();
  const uri = 'mongodb://alice:s3cr3t-pa55@127.0.0.1:1/?serverSelectionTimeoutMS=200&authSource=admin';
  const error = await openStore({ mongodbUri: uri, mode: 'mongodb', log, connectRetries: 1, retryDelayMs: 0 }).catch((e: unknown) => e);
  t.ok(error instanceof StoreUnavailableError);
  const said = [...lines.map((l) => l.message), (error as Error).message, (error as StoreUnavailableError).uri].join('\n');
  t.notMatch(said, /s3cr3t|alice/);
  t.match(said, /mongodb:\/\/\*\*\*@127\.0\.0\.1:1\//);
});

t.test('mode mongodb: a URI the driver cannot parse fails at once, without retries', async (t) => {
  const { lines, log } = logSpy();
  const error = await openStore({ mongodbUri: 'mongodb://127.0.0.1:99999', mode: 'mongodb', log, retryDelayMs: 0 }).catch((e: unknown) => e);
  t.match(error, { code: 'STORE_UNAVAILABLE', attempts: 1 });
  t.same(lines, []);
});

t.test('mode mongodb without a URI is refused', async (t) => {
  await t.rejects(openStore({ mongodbUri: null, mode: 'mongodb', log: () => undefined }), { code: 'STORE_UNAVAILABLE', attempts: 0 });
});

t.test('mode memory probes nothing', async (t) => {
  let probed = 0;
  const store = await openStore({ mongodbUri: null, mode: 'memory', log: () => undefined, startEmbedded: async () => (probed++, Promise.reject(new Error('no'))) });
  t.teardown(() => store.close());
  t.equal(store.kind, 'memory');
  t.equal(probed, 0, 'no mongod was looked for');
});

t.test('without a log, the fallback is one Node process warning, once per process', async (t) => {
  const warnings: (Error & { code?: string })[] = [];
  const onWarning = (warning: Error) => void warnings.push(warning);
  process.on('warning', onWarning);
  t.teardown(() => void process.off('warning', onWarning));
  // A reason no other test gives: this file may share its process with others (test/shards).
  const reason = `no mongod binary is cached and its download host mongod-${process.pid}-${Math.random().toString(36).slice(2)}.invalid does not resolve`;
  const failing = async () => Promise.reject(new Error(reason));
  for (let i = 0; i < 2; i++) {
    const store = await openStore({ mongodbUri: null, mode: 'embedded', startEmbedded: failing });
    t.equal(store.kind, 'memory');
    await store.close();
  }
  await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next tick
  const ours = warnings.filter((w) => w.message.includes(reason));
  t.equal(ours.length, 1, 'once, however many servers start');
  t.equal(ours[0]?.code, 'MOCK_IDP_STORE');
  t.equal(ours[0]?.message, `mock-idp: no mongod: ${reason}; ${memoryFallbackAdvice}`);
  t.match(memoryFallbackAdvice, /--store memory/, 'and how to skip the check');
});

import { once } from 'node:events';
import t from 'tap';
import { dryMongoBinaryModule, mongodDownloadHost, probeMongod } from '../../../src/app-services/store/mongod-probe.js';

t.test('probeMongod never downloads', async (t) => {
  // .invalid never resolves (RFC 2606), so without a local binary the answer is "no". (How it stays quick
  // is shown below without a clock: the lookups run at once, the DNS one bounded, the worker loads no driver.)
  const probe = await probeMongod({ downloadHost: 'mongod-download.invalid', dnsTimeoutMs: 1000 });
  if (probe.available) {
    t.not(probe.source, 'download', 'only a local binary can make it available');
    t.type(probe.binary, 'string');
  } else {
    t.match(probe.reason, /mongod-download\.invalid does not resolve/);
  }
});

// The lookup runs in a worker thread (mongodb-memory-server never loads into the server's thread);
// the worker inherits the environment, so mongodb-memory-server's own settings still apply.
t.test('probeMongod finds MONGOMS_SYSTEM_BINARY through its worker', async (t) => {
  const before = process.env.MONGOMS_SYSTEM_BINARY;
  t.teardown(() => {
    if (before === undefined) delete process.env.MONGOMS_SYSTEM_BINARY;
    else process.env.MONGOMS_SYSTEM_BINARY = before;
  });
  process.env.MONGOMS_SYSTEM_BINARY = process.execPath; // any file that exists; the probe does not run it
  t.same(await probeMongod({ downloadHost: 'mongod-download.invalid', dnsTimeoutMs: 200 }), {
    available: true,
    source: 'system-binary',
    binary: process.execPath,
  });
  process.env.MONGOMS_SYSTEM_BINARY = '/nonexistent/mongod';
  const missing = await probeMongod({ downloadHost: 'mongod-download.invalid', dnsTimeoutMs: 200 });
  t.equal(missing.available, false);
  t.match(!missing.available && missing.reason, /No Binary at path "\/nonexistent\/mongod"/, "mongodb-memory-server's own reason, from the worker");
});

t.test('probing does not load mongodb-memory-server-core into this thread', async (t) => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const loaded = () => Object.keys(require.cache).some((path) => path.includes(`${'/'}mongodb-memory-server-core${'/'}`));
  // In a shard (test/shards) a file before this one may have started a mongod, which loads it.
  if (loaded()) {
    t.comment('already loaded by another test file in this process (test/shards): run this file alone to check');
    return;
  }
  await probeMongod({ downloadHost: 'mongod-download.invalid', dnsTimeoutMs: 200 });
  t.notOk(loaded(), 'not loaded after');
});

t.test("the download host is the one mongodb-memory-server's settings name", async (t) => {
  t.equal(mongodDownloadHost({}), 'fastdl.mongodb.org', 'by default');
  t.equal(mongodDownloadHost({ MONGOMS_DOWNLOAD_MIRROR: 'https://mirror.example.com/mongodb' }), 'mirror.example.com', 'a mirror');
  t.equal(
    mongodDownloadHost({ MONGOMS_DOWNLOAD_URL: 'http://[::1]:8080/mongod.tgz', MONGOMS_DOWNLOAD_MIRROR: 'https://mirror.example.com' }),
    '::1',
    'a whole download URL wins over the mirror; an IPv6 literal loses its brackets',
  );
  t.equal(mongodDownloadHost({ MONGOMS_DOWNLOAD_MIRROR: 'not a url' }), 'fastdl.mongodb.org', 'a value that is no URL: the default');
});

t.test('without a downloadHost, the probe looks up the mirror mongodb-memory-server would download from', async (t) => {
  const before = process.env.MONGOMS_DOWNLOAD_MIRROR;
  t.teardown(() => {
    if (before === undefined) delete process.env.MONGOMS_DOWNLOAD_MIRROR;
    else process.env.MONGOMS_DOWNLOAD_MIRROR = before;
  });
  process.env.MONGOMS_DOWNLOAD_MIRROR = 'https://mongod-mirror.invalid/mongodb';
  const probe = await probeMongod({ dnsTimeoutMs: 1000 });
  if (probe.available) t.not(probe.source, 'download', 'only a local binary can make it available');
  else t.match(probe.reason, /download host mongod-mirror\.invalid does not resolve/);
});

t.test("the probe's worker loads DryMongoBinary's own module, without the MongoDB driver", async (t) => {
  const { Worker } = await import('node:worker_threads');
  const modulePath = dryMongoBinaryModule();
  t.match(modulePath, /[/\\]mongodb-memory-server-core[/\\]lib[/\\]util[/\\]DryMongoBinary\.js$/);
  // What requiring it loads, asked in a worker as the probe does (this thread's require cache stays clean).
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { DryMongoBinary } = require(workerData.modulePath);
    parentPort.postMessage({ found: typeof DryMongoBinary.locateBinary, loaded: Object.keys(require.cache) });
  `;
  const worker = new Worker(source, { eval: true, workerData: { modulePath } });
  const [answer] = (await once(worker, 'message')) as [{ found: string; loaded: string[] }];
  await worker.terminate();
  t.equal(answer.found, 'function');
  t.notOk(
    answer.loaded.some((path) => /[/\\]node_modules[/\\](mongodb|bson)[/\\]/.test(path)),
    'no MongoDB driver (or bson) loaded: the probe pays for the binary lookup only',
  );
});

t.test('the binary lookup and the DNS lookup run at once; a binary at hand does not wait for DNS', async (t) => {
  const before = process.env.MONGOMS_SYSTEM_BINARY;
  t.teardown(() => {
    if (before === undefined) delete process.env.MONGOMS_SYSTEM_BINARY;
    else process.env.MONGOMS_SYSTEM_BINARY = before;
  });
  const asked: string[] = [];
  const never = (host: string) => {
    asked.push(host);
    return new Promise<never>(() => {});
  };
  process.env.MONGOMS_SYSTEM_BINARY = process.execPath;
  // A lookup that never answers, bounded at 10 minutes: the test's own timeout shows it was not awaited.
  const found = await probeMongod({ downloadHost: 'mongod-download.invalid', dnsTimeoutMs: 600_000, lookupHost: never });
  t.match(found, { available: true, source: 'system-binary' });
  t.same(asked, ['mongod-download.invalid'], 'the lookup started beside the binary lookup');

  delete process.env.MONGOMS_SYSTEM_BINARY;
  const offline = await probeMongod({ downloadHost: 'mongod-download.invalid', dnsTimeoutMs: 50, lookupHost: never });
  if (offline.available) t.not(offline.source, 'download', 'only a cached binary can make it available');
  else t.match(offline.reason, /does not resolve \(DNS lookup timed out after 50 ms: offline\?\)/, 'no binary: the DNS answer decides, bounded');
});

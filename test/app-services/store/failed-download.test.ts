/**
 * A download host that resolves but refuses the binary (a proxy's 404, a
 * mirror without the version): `mock-idp serve` falls back to memory and
 * still stops at once. mongodb-memory-server leaves such a response unread;
 * here the mirror never closes an idle connection, so a socket left open
 * would hold the process until the CLI's last-resort exit, which says so.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import t from 'tap';
import { startServe, testKeysConfig } from '../../helpers/cli.js';

t.test('serve, embedded store, a mirror that answers 404: memory store, and SIGTERM exits at once with nothing left open', async (t) => {
  if (process.env.MONGOMS_SYSTEM_BINARY) {
    t.plan(0, 'skipped: MONGOMS_SYSTEM_BINARY is set, so nothing would be downloaded');
    return;
  }
  const requested: string[] = [];
  const mirror = createServer((request, response) => {
    requested.push(request.url ?? '');
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no such binary here');
  });
  mirror.keepAliveTimeout = 0; // idle keep-alive connections stay open until the client closes them
  mirror.listen(0, '127.0.0.1');
  await once(mirror, 'listening');
  t.teardown(() => {
    mirror.closeAllConnections();
    mirror.close();
  });
  const { port } = mirror.address() as { port: number };

  const dir = t.testdir();
  const server = await startServe(['--port', '0', '--log-level', 'warn', '--config', await testKeysConfig(dir)], {
    MOCK_IDP_STORE: 'embedded',
    MONGOMS_DOWNLOAD_MIRROR: `http://127.0.0.1:${port}`,
    MONGOMS_USE_HTTP: 'true',
    MONGOMS_DOWNLOAD_DIR: dir,
  });
  const health = (await (await fetch(`${server.url}/health`)).json()) as { store: { kind: string } };
  if (health.store.kind === 'mongodb') {
    await server.stop();
    t.pass('a mongod was had without a download (a cached binary or MONGODB_URI): nothing to test here');
    return;
  }
  t.match(requested, [/\.tgz$/], 'the binary was asked of the mirror');
  t.equal(health.store.kind, 'memory');
  const warning = server
    .output()
    .stderr.split('\n')
    .map((line) => (line.startsWith('{') ? (JSON.parse(line) as { level: number; msg: string }) : null))
    .find((entry) => entry?.level === 40);
  t.match(
    warning?.msg,
    /^no mongod: Download failed for url "http:\/\/127\.0\.0\.1:\d+\/[^"]+\.tgz", Details: Status Code isn't 200! \(it is 404\); using the in-process memory store/,
    'the log says why, the status included',
  );

  const stopped = await server.stop();
  t.equal(stopped.code, 0, 'exit 0');
  t.notMatch(server.output().stderr, /still open after/, 'no socket of the failed download was left open: the process ended on its own, not by the exit grace');
});

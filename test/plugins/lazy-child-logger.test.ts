import { Writable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import t from 'tap';
import { lazyChildLoggerFactory } from '../../src/plugins/lazy-child-logger.js';

/** A Fastify server with the lazy factory whose log lines land in an array. */
function serverWithLines() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream }, logController: new LogController({ disableRequestLogging: true }), childLoggerFactory: lazyChildLoggerFactory });
  return { app, lines };
}

t.test('a request that logs gets a line with its reqId and its own bindings', async (t) => {
  const { app, lines } = serverWithLines();
  app.get('/logs', async (request) => {
    request.log.warn({ extra: 1 }, 'a warning');
    request.log.child({ step: 'inner' }).info('from a child');
    request.log.debug('below the level');
    return { level: request.log.level };
  });
  const response = await app.inject({ url: '/logs' });
  t.same(response.json(), { level: 'info' }, "the level is the parent's");
  t.equal(lines.length, 2, 'two lines; the debug line is dropped');
  t.match(lines[0], { level: 40, reqId: 'req-1', extra: 1, msg: 'a warning' });
  t.match(lines[1], { level: 30, reqId: 'req-1', step: 'inner', msg: 'from a child' });
});

t.test('an error handler logs through the request logger with the request id (as src/plugins/error-handler.ts does)', async (t) => {
  const { app, lines } = serverWithLines();
  app.setErrorHandler((error, request, reply) => {
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ failed: true });
  });
  app.get('/boom', async () => {
    throw new Error('kaboom');
  });
  const response = await app.inject({ url: '/boom' });
  t.equal(response.statusCode, 500);
  t.match(lines, [{ level: 50, reqId: 'req-1', err: { message: 'kaboom' } }]);
});

t.test('a request that does not log makes no child logger', async (t) => {
  const { app } = serverWithLines();
  let children = 0;
  const child = app.log.child.bind(app.log);
  app.log.child = (...args: Parameters<typeof child>) => (children++, child(...args));
  app.get('/quiet', async () => ({ ok: true }));
  await app.inject({ url: '/quiet' });
  t.equal(children, 0);
});
